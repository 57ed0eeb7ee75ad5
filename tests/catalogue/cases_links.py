"""Cases: links from data and prose. Only http, https and mailto become links; every link
the site makes leads somewhere: the strict build fails on a dead page or anchor."""

from __future__ import annotations

from tests.catalogue.framework import BUILD, Project, Refused, Works, case
from tests.editing import located, with_related_document

DOCUMENT = "data/dokument.yml"
RELATED = ("relaterade_dokument", 0)


def _publish(project: Project, url: str) -> int:
    """Mark the first related document as published at ``url``; the line of its address.
    (A content that names no related document is given one first: the list is optional.) A
    related document of the site (``dokument``) becomes one published elsewhere."""
    with_related_document(project.path("data"))
    site_document = located(project.path(DOCUMENT))[1].lines.get(RELATED + ("dokument",))
    if site_document is not None:
        lines = project.text(DOCUMENT).splitlines(keepends=True)
        project.write(DOCUMENT, "".join(lines[:site_document - 1] + lines[site_document:]))
    # The line of the field itself, never a comment that mentions it (the skeleton's do).
    status_line = project.set(DOCUMENT, RELATED + ("status",), "publicerat")
    content = project.text(DOCUMENT)
    lines = content.splitlines(keepends=True)
    indent = lines[status_line - 1][: len(lines[status_line - 1]) - len(lines[status_line - 1].lstrip())]
    import json

    lines.insert(status_line, f"{indent}adress: {json.dumps(url)}\n")
    project.write(DOCUMENT, "".join(lines))
    return status_line + 1


def _refused_url(url: str):
    def change(project: Project):
        return Refused(DOCUMENT, _publish(project, url), ("adress",))

    return change


url_javascript = case("url-javascript", "javascript:-adress till ett relaterat dokument")(
    _refused_url("javascript:alert(document.cookie)"))
url_javascript_case = case("url-javascript-mixed-case", "JaVaScRiPt: med blandade versaler")(
    _refused_url("JaVaScRiPt:alert(1)"))
url_javascript_tab = case("url-javascript-tab", "java<tab>script: (webbläsare tar bort tabben)")(
    _refused_url("java\tscript:alert(1)"))
url_javascript_space = case("url-javascript-space", "inledande mellanslag före javascript:")(
    _refused_url("  javascript:alert(1)"))
url_data = case("url-data", "data:-adress med HTML")(
    _refused_url("data:text/html,<script>alert(1)</script>"))
url_vbscript = case("url-vbscript", "vbscript:-adress")(_refused_url("vbscript:msgbox(1)"))
url_file = case("url-file", "file:-adress")(_refused_url("file:///etc/passwd"))
url_relative = case("url-relative", "relativ adress från data")(_refused_url("../hemligt.html"))
url_quote = case("url-quote-breakout", "adress som bryter sig ur attributet")(
    _refused_url('https://example.org/"><script>alert(1)</script>'))


@case("url-https-works", "en https-adress till ett publicerat dokument fungerar", BUILD)
def url_https_works(project: Project):
    _publish(project, "https://intranat.example.org/styrdokument/bestammelser.pdf")
    return Works()


@case("url-mailto-works", "en mailto-adress fungerar", BUILD)
def url_mailto_works(project: Project):
    _publish(project, "mailto:registrator@example.org")
    return Works()


# --- Dead links and anchors fail the strict build ---------------------------------------


def _append(project: Project, page: str, addition: str) -> None:
    project.write(page, project.text(page).rstrip("\n") + "\n\n" + addition + "\n")


@case("link-missing-page", "länk i texten till en sida som inte finns", BUILD)
def link_missing_page(project: Project):
    _append(project, "docs/index.md", "Se [sidan](finns-inte.md).")
    return Refused("index.md", None, ("finns-inte.md",))


@case("link-missing-anchor", "länk i texten till ett avsnitt som inte finns", BUILD)
def link_missing_anchor(project: Project):
    _append(project, "docs/index.md", f"Se [avsnittet]({project.text_page().removeprefix('docs/')}#finns-inte).")
    return Refused("index.md", None, ("finns-inte",))


@case("link-missing-own-anchor", "länk till ett avsnitt som inte finns på samma sida", BUILD)
def link_missing_own_anchor(project: Project):
    page = project.page("dokument")
    _append(project, page, "Se [nedan](#finns-inte).")
    return Refused(page.removeprefix("docs/"), None, ("finns-inte",))


@case("link-html-missing-anchor", "HTML-länk i texten till ett ankare som inte finns", BUILD)
def link_html_missing_anchor(project: Project):
    roles = project.built(project.page("roller")).removesuffix("index.html")
    _append(project, "docs/index.md", f'<p><a href="{roles}#finns-inte">Roll</a></p>')
    return Refused("docs/index.md", None, ("finns-inte",))


@case("link-generated-missing-anchor", "genererade länkar till avsnitt som inte byggs", BUILD)
def link_generated_missing_anchor(project: Project):
    # The role sections are gone, but the pages still link each role to its section: no
    # page shows the roles any more, and the build says so, naming the page that links.
    from macros.site import pages as site_pages

    pages = site_pages.find(project.path("docs"))
    roles_page = f"docs/{pages['roller']}"
    project.write(roles_page, project.text(roles_page).replace("{{ role_sections() }}", ""))
    linking = "docs/" + next(
        p.relative_to(project.path("docs")).as_posix() for p in sorted(project.path("docs").rglob("*.md"))
        if any(c in p.read_text("utf-8") for c in site_pages.LINKS_TO["roller"]))
    return Refused(linking, None, ("role_sections()", "ingen sida i docs/ visar rollerna"))


@case("link-generated-other-page", "genererade länkar till en annan sidas avsnitt som inte byggs", BUILD)
def link_generated_other_page(project: Project):
    # The obligations' table is gone; the role sections still link to its rows.
    follow_up = project.page("uppfoljning")
    page = project.text(follow_up)
    assert "{{ obligations_table() }}" in page, f"{follow_up} shows no obligations_table()"
    project.write(follow_up, page.replace("{{ obligations_table() }}", ""))
    return Refused(project.page("roller"), None, ("#skyldighet-",))

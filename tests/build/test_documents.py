"""A site of several governing documents, built: each document's pages carry its own
header, and the page of the documents shows every one with its facts and what it makes
concrete. On the content under test as it is (one document or several), and on a copy
with a document added as an editor adds one (tests/documents.py)."""

from __future__ import annotations

import posixpath
import re
from html import escape as _escape, unescape
from pathlib import Path

import pytest

from macros.policy.adopted_text import is_adopted
from macros.policy.documents import page_document
from macros.policy.loading import load_policy, site_policy
from macros.views.followup import is_dated
from macros.views.links import obligation_anchor
from macros.policy.release import Release, revise_by, version_period
from macros.site import pages as site_pages
from tests import content, documents
from tests.conftest import CONTENT, made_once, mkdocs_build
from tests.sitetext import normalize

def escape(value: str) -> str:
    return _escape(value, quote=False)


HEADER = re.compile(r'<aside class="document-header".*?</aside>', re.S)
TAGS = re.compile(r"<[^>]+>")


def header_facts(page: Path) -> str:
    found = HEADER.search(page.read_text("utf-8"))
    assert found, f"{page} has no document header"
    return " ".join(unescape(TAGS.sub(" ", found.group(0))).split())


def expected_header(policy) -> list[str]:
    document = policy.document
    return [document.document_type.label, document.status.label,
            f"Beslutad av {policy.role(document.adopted_by).name}", f"{document.name} – {document.organisation}"]


def check_site(project: Path, site: Path) -> None:
    """Every page's header is its document's; the documents' page lists them all."""
    loaded = load_policy(project / "data", project / "docs")
    docs = project / "docs"
    every = [(loaded.setting.main, loaded.policy), *((d.id, d.policy) for d in loaded.documents)]
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        owner = next((p for i, p in every[1:] if relative.startswith(f"{i}/")), loaded.policy)
        facts = header_facts(site / content.html_path(relative))
        for fact in expected_header(owner):
            assert fact in facts, (relative, fact, facts)
    table_page = site_pages.find(docs).get("styrdokument")
    if table_page is None:
        assert not loaded.documents, "a site of several documents shows them on a page"
        return
    html = (site / content.html_path(table_page)).read_text("utf-8")
    rows = re.findall(r'<tr id="(styrdokument(?:-[a-z0-9-]+)?)">(.*?)</tr>', html, re.S)
    assert [row_id for row_id, _ in rows][:1] and len(rows) == len(every)
    names = {i: p.document.name for i, p in every}
    for document_id, policy in every:
        row = next(cells for row_id, cells in rows if row_id == (f"styrdokument-{document_id}" if document_id else "styrdokument"))
        cells = [" ".join(unescape(TAGS.sub(" ", c)).split()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        document = policy.document
        above = names.get(document.makes_concrete, "inget") if document.makes_concrete else "inget"
        assert cells == [document.name, document.document_type.label, document.status.label,
                         policy.role(document.adopted_by).name,
                         str(document.decision.date) if document.decision.date else "Uppgift saknas",
                         revise_by(document, version_period(document, Release())), above]
    # The top of the hierarchy first; a document after the one it makes concrete.
    order = [row_id.removeprefix("styrdokument-") for row_id, _ in rows]
    for document_id, policy in every:
        if policy.document.makes_concrete:
            assert order.index(policy.document.makes_concrete) < order.index(document_id)


def check_views(project: Path, site: Path) -> None:
    """The shared views hold every document's items, each labelled with its document on
    a site of several (and no label on a site of one)."""
    loaded = load_policy(project / "data", project / "docs")
    policy = site_policy(loaded)
    parts = site_pages.find(project / "docs")
    roles_html = (site / content.html_path(parts["roller"])).read_text("utf-8")
    followup_html = (site / content.html_path(parts["uppfoljning"])).read_text("utf-8")
    feed = (site / "uppfoljning.ics").read_text("utf-8")
    unfolded = re.sub(r"\r?\n[ \t]", "", feed)
    table = re.search(r'<table id="skyldigheter">.*?</table>', followup_html, re.S).group(0)
    headers = [" ".join(TAGS.sub(" ", h).split()) for h in re.findall(r'<th scope="col">(.*?)</th>', table)]
    assert ("Dokument" in headers) == bool(loaded.documents)
    for obligation in policy.obligations:
        origin = policy.origin(obligation)
        row = re.search(rf'<tr id="{obligation_anchor(obligation.id)}">(.*?)</tr>', table, re.S).group(1)
        if origin:
            assert f"<td>{escape(origin.document.name)}</td>" in row
            if is_dated(obligation, policy):
                assert f"Dokument: {origin.document.name}" in unfolded.replace("\\,", ",")
    for item in policy.responsibilities:
        origin = policy.origin(item)
        source = escape(" ".join(item.source.split()))
        if origin:
            # The matrix's cell and the role's section both say which document it is from.
            assert f"{escape(origin.document.name)}: <q>{source}</q>" in " ".join(roles_html.split())
            assert f'<h3 class="role-document">{escape(origin.document.name)}</h3>' in roles_html
    if not loaded.documents:
        assert "role-document" not in roles_html and "Dokument:" not in unfolded


def test_each_document_of_the_content_under_test_has_its_own_header_and_row(built_site):
    check_site(CONTENT, built_site)


def test_the_shared_views_of_the_content_under_test_hold_every_document(built_site):
    check_views(CONTENT, built_site)


@pytest.fixture(scope="module")
def added(tmp_path_factory) -> tuple[Path, Path]:
    return made_once(tmp_path_factory, "document-added", documents.build_with_a_document_added)


def test_a_document_added_by_its_folder_and_one_line_has_its_header_and_row(added):
    check_site(*added)


def test_a_document_added_has_its_items_in_the_shared_views(added):
    project, site = added
    check_views(project, site)
    roles_html = (site / content.html_path(site_pages.find(project / "docs")["roller"])).read_text("utf-8")
    assert escape(documents.NAME) in roles_html


def test_the_first_documents_text_is_unchanged_when_a_document_is_added(added, built_site):
    project, site = added
    loaded = load_policy(project / "data", project / "docs")
    for path in sorted((CONTENT / "docs").rglob("*.md")):
        relative = path.relative_to(CONTENT / "docs").as_posix()
        if any(relative.startswith(f"{d.id}/") for d in loaded.documents) or not is_adopted(path.read_text("utf-8")):
            continue
        before = (built_site / content.html_path(relative)).read_text("utf-8")
        after = (site / content.html_path(relative)).read_text("utf-8")
        article = re.compile(r'<article class="md-content__inner.*?</article>', re.S)
        # The site with the document added is built with its PDFs (tests/documents.py): the
        # link to the PDF stands where the site without them keeps the theme's marker.
        pdf_link = re.compile(r'\s*(<!-- policy:pdf-link -->|<p class="policy-pdf">.*?</p>)\s*', re.S)
        # A site of several documents names no site version in a document's header (a
        # version is named by the newest decision of any document): the one difference.
        version = re.compile(r'<span class="document-header__fact">Version: [^<]*</span> |'
                             r'<div><dt>Version</dt>\s*<dd>[^<]*</dd>\s*</div>\s*')

        def compared(page: str) -> str:
            return version.sub("", pdf_link.sub("\n", article.search(page).group(0)))

        assert compared(before) == compared(after), relative
        assert not version.search(article.search(after).group(0)), relative


#: A page of the added document that shows its own facts and related documents.
OWN_PAGE = f"{documents.ID}/om.md"


def _with_own_macros(folder: Path) -> tuple[Path, Path]:
    """A copy with the routine added, its related document its site's first, and a page of
    its own calling the document-specific macros."""
    from tests.conftest import copy_project

    project = copy_project(folder / "project")
    first = documents.add_document(project)
    path = project / "data" / documents.ID / "dokument.yml"
    main = load_policy(project / "data", project / "docs").policy.document
    path.write_text(path.read_text("utf-8") + (
        f"relaterade_dokument:\n  - id: forsta\n    namn: {main.name}\n    dokumenttyp: "
        f"{main.document_type.value}\n    beslutas_av: {main.adopted_by}\n    status: publicerat\n"
        f"    dokument: {first}\n    källa: {documents.SENTENCES[0]}\n"), "utf-8")
    (project / "docs" / OWN_PAGE).write_text(
        "---\ntitle: Om rutinen\n---\n\n# Om rutinen\n\n{{ document_facts() }}\n\n{{ related_documents() }}\n\n"
        f"## Rutinens roller och ansvar\n\n{{{{ role_matrix(\"{documents.ID}\") }}}}\n",
        "utf-8")
    documents.add_to_nav(project, "Om rutinen", OWN_PAGE)
    site = folder / "site"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr[-3000:]
    return project, site


@pytest.fixture(scope="module")
def own_macros(tmp_path_factory) -> tuple[Path, Path]:
    return made_once(tmp_path_factory, "document-own-macros", _with_own_macros)


def facts_rows(html: str) -> dict[str, str]:
    table = re.search(r'<table id="dokumentuppgifter">.*?</table>', html, re.S)
    assert table, "the page has no table of the document's facts"
    return {" ".join(unescape(TAGS.sub(" ", h)).split()): " ".join(unescape(TAGS.sub(" ", d)).split())
            for h, d in re.findall(r"<th[^>]*>(.*?)</th>\s*<td[^>]*>(.*?)</td>", table.group(0), re.S)}


def test_a_further_documents_page_shows_its_own_facts(own_macros):
    project, site = own_macros
    loaded = load_policy(project / "data", project / "docs")
    own = loaded.documents[-1].policy.document
    rows = facts_rows((site / content.html_path(OWN_PAGE)).read_text("utf-8"))
    assert rows["Dokumentnamn"] == own.name and rows["Dokumenttyp"] == own.document_type.label
    assert rows["Beslutsdatum"] == (str(own.decision.date) if own.decision.date else "Uppgift saknas")
    assert rows["Revideringsregel"] == own.revision.described
    # The first document's facts page is its own, as before.
    first_page = site_pages.find(project / "docs")["dokument"]
    assert facts_rows((site / content.html_path(first_page)).read_text("utf-8"))["Dokumentnamn"] \
        == loaded.policy.document.name


def related_links(html: str) -> dict[str, str | None]:
    """Each related document's name -> the address its row links to (None: no link)."""
    table = re.search(r'<table id="relaterade-styrdokument">.*?</table>', html, re.S)
    assert table, "the page has no table of related documents"
    found = {}
    for cell in re.findall(r'<th scope="row">(.*?)</th>', table.group(0), re.S):
        link = re.search(r'href="([^"]*)"', cell)
        found[" ".join(unescape(TAGS.sub(" ", cell)).split())] = unescape(link.group(1)) if link else None
    return found


def check_related_links(project: Path, site: Path) -> int:
    """Every related document that is one of the site's links to that document's page, by a
    relative address; how many there were."""
    loaded = load_policy(project / "data", project / "docs")
    docs = project / "docs"
    every = [(loaded.setting.main, loaded.policy), *((d.id, d.policy) for d in loaded.documents)]
    adopted = {i: [p for _, p in content.nav(project) if page_document(p, loaded.setting) == i
                   and is_adopted((docs / p).read_text("utf-8"))] for i, _ in every}
    checked = 0
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        if "{{ related_documents()" not in path.read_text("utf-8"):
            continue
        policy = dict(every)[page_document(page, loaded.setting)]
        links = related_links((site / content.html_path(page)).read_text("utf-8"))
        for related in policy.document.related:
            if related.site_document is None:
                continue
            href = links[related.name]
            assert href is not None and "://" not in href, (page, href)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(content.html_path(page)), href))
            if target == "." or not target.endswith(".html"):
                target = posixpath.join(target, "index.html").removeprefix("./")
            assert target == content.html_path(adopted[related.site_document][0]), (page, href, target)
            checked += 1
    return checked


def test_a_related_document_of_the_site_links_to_its_page(built_site):
    loaded = load_policy(CONTENT / "data", CONTENT / "docs")
    on_site = [r for p in (loaded.policy, *(d.policy for d in loaded.documents)) for r in p.document.related
               if r.site_document is not None]
    assert check_related_links(CONTENT, built_site) == len(on_site) or not on_site


def test_a_further_documents_related_document_links_to_the_first_documents_page(own_macros):
    assert check_related_links(*own_macros) >= 1


@pytest.mark.parametrize("macro, file", [("principles", "principer.yml"), ("goals", "viljeriktningar.yml")])
def test_a_further_document_without_the_list_its_page_shows_stops_build_and_check(tmp_path, macro, file):
    from macros.site.check import check
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    documents.add_document(project)
    page = f"{documents.ID}/lista.md"
    (project / "docs" / page).write_text(
        f"---\ntitle: Lista\n---\n\n# Lista\n\nText.\n\n{{{{ {macro}() }}}}\n", "utf-8")
    documents.add_to_nav(project, "Lista", page)
    expected = (f"docs/{page}:9: sidan anropar {{{{ {macro}() }}}}, men data/{documents.ID}/{file} saknas "
                f"eller är tom (sidan hör till dokumentet '{documents.ID}'); ta bort anropet (och "
                f"avsnittet) från sidan, eller skriv ")
    # make check tells it as the build does, and nothing else of the page.
    told = [str(p) for p in check(project) if str(p).startswith(f"docs/{page}")]
    assert len(told) == 1 and told[0].startswith(expected), told
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert expected in result.stderr


def test_the_role_matrix_of_one_document_holds_only_its_items(own_macros):
    """``{{ role_matrix("<id>") }}`` shows one document's responsibilities; without an id,
    every document's (the roles page)."""
    project, site = own_macros
    loaded = load_policy(project / "data", project / "docs")
    added = next(d for d in loaded.documents if d.id == documents.ID)
    page = (site / content.html_path(OWN_PAGE)).read_text("utf-8")
    matrix = re.search(r'<table id="rollmatris">.*?</table>', page, re.S).group(0)
    quoted = {normalize(unescape(TAGS.sub("", q))) for q in re.findall(r"<q>(.*?)</q>", matrix, re.S)}
    own = {normalize(r.source) for r in added.policy.responsibilities}
    others = {normalize(r.source) for r in loaded.policy.responsibilities} - own
    assert quoted and quoted <= own, quoted - own
    assert not quoted & others
    # Its role names lead to the roles page, not to anchors of the page it stands on.
    roles_page = site_pages.find(project / "docs")["roller"]
    heads = re.findall(r'<th scope="col"><a href="([^"]+)"', matrix)
    assert heads and all(h.split("#")[0] and h.split("#")[1].startswith("roll-") for h in heads), heads
    assert all(posixpath.normpath(posixpath.join(posixpath.dirname(content.html_path(OWN_PAGE)),
                                                 h.split("#")[0])).startswith(roles_page[:-3]) for h in heads)


def test_a_matrix_of_a_document_the_site_does_not_have_is_told_with_page_and_line(tmp_path):
    from macros.site.check import check
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    roles_page = site_pages.find(project / "docs")["roller"]
    path = project / "docs" / roles_page
    lines = path.read_text("utf-8").splitlines()
    lines.append('{{ role_matrix("finns-inte") }}')
    path.write_text("\n".join(lines) + "\n", "utf-8")
    told = [str(p) for p in check(project) if "finns-inte" in str(p)]
    assert len(told) == 1 and told[0].startswith(f"docs/{roles_page}:{len(lines)}: role_matrix('finns-inte')"), told
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "role_matrix('finns-inte')" in result.stderr and f"docs/{roles_page}" in result.stderr

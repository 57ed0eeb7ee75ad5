"""The real mkdocs build, and small scenario projects built and inspected."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from macros.policy import sources as sources_module
from macros.policy.loading import load_policy
from macros.policy.sources import SOURCES_FILE
from macros.site.render import markdown_extensions
from macros.views import glossary
from tests import content
from tests.conftest import CONTENT, ROOT, copy_project, mkdocs_build
from tests.editing import add_key, edit_at, insert_after, line_at, located, set_value
from tests.sitetext import article_text, block_texts, normalize

pytestmark = pytest.mark.build

class Resources(HTMLParser):
    """Every URL a page would load by itself (not links a reader may follow)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.lang: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in {"script", "img", "iframe", "audio", "video", "source", "embed"} and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in {"next", "prev", "canonical"}:
            self.urls.append(attrs["href"])
        if tag == "object" and attrs.get("data"):
            self.urls.append(attrs["data"])


def is_external(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE))


def test_every_page_is_built_in_swedish_with_its_title(built_site):
    for _, page in content.nav():
        title = content.title(page)
        path = content.html_path(page)
        html = (built_site / path).read_text(encoding="utf-8")
        parser = Resources()
        parser.feed(html)
        assert parser.lang == "sv", path
        assert f"<title>{title} - " in html or f"<title>{title}</title>" in html, path
    nav = (built_site / "index.html").read_text(encoding="utf-8")
    for label in [title for title, _ in content.nav()] + ["Sök"]:
        assert label in nav


def test_no_english_interface_text(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for english in ("Made with", "Skip to content", "Back to top", "Table of contents", ">Search<"):
            assert english not in html, f"{page.relative_to(built_site)}: {english}"


def test_no_page_or_stylesheet_loads_anything_from_another_host(built_site):
    offenders = []
    for page in built_site.rglob("*.html"):
        parser = Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(built_site)}: {u}" for u in parser.urls if is_external(u)]
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            if is_external(url):
                offenders.append(f"{sheet.relative_to(built_site)}: {url}")
    assert offenders == []


def markdown_links(page: str) -> list[str]:
    """The pages (and anchors) a page's Markdown links to, as URLs relative to the site root."""
    source = (CONTENT / "docs" / page).read_text("utf-8")
    found = []
    for target in re.findall(r"\]\(([^)\s]+\.md(?:#[^)\s]*)?)\)", source):
        path, _, anchor = target.partition("#")
        found.append(content.url(path) + (f"#{anchor}" if anchor else ""))
    return found


def own_blocks(page: str) -> tuple[list[str], list[str]]:
    """A page's own words: the text of each block of its Markdown as the project's Markdown
    extensions render it alone (its macro calls left out), and its admonitions' classes
    (``admonition note``; ``details`` for a collapsible one)."""
    source = (CONTENT / "docs" / page).read_text("utf-8")
    body = re.sub(r"\A---\n.*?\n---\n", "", source, flags=re.S)
    body = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", body, flags=re.S)
    names, configs = markdown_extensions()
    html = markdown.Markdown(extensions=names, extension_configs=configs).convert(body)
    return block_texts(html), admonitions(html)


def admonitions(html: str) -> list[str]:
    """The classes of the admonitions in an HTML page or fragment, in order."""
    return [" ".join(c.split()) for c in re.findall(r'<div class="(admonition(?: [^"]*)?)"', html)] + [
        "details " + " ".join(c.split()) for c in re.findall(r'<details class="([^"]*)"', html)]


def test_start_page_explains_and_links_the_parts(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    links = markdown_links("index.md")
    for anchor in links:
        assert f'href="{anchor}"' in html
    # It leads to the adopted text, the roles and the follow-up.
    pages = {link.partition("#")[0] for link in links}
    wanted = [*content.adopted_pages(), content.parts()["roller"], content.parts()["uppfoljning"]]
    assert {content.url(page) for page in wanted} <= pages
    # Its own words are on it: every paragraph, list item, heading and admonition of its
    # Markdown, and no admonition that it does not write (none where it writes none).
    blocks, boxes = own_blocks("index.md")
    text = article_text(built_site / "index.html")
    assert blocks
    for block in blocks:
        assert block in text, block
    article = html[html.index('<article class="md-content__inner'):html.index("</article>")]
    assert admonitions(article) == boxes


def markdown_headings(page: str) -> list[tuple[str, str]]:
    """(level, text) of the h2 and h3 headings a page's Markdown writes."""
    source = (CONTENT / "docs" / page).read_text("utf-8")
    return [(str(len(hashes)), text.strip())
            for hashes, text in re.findall(r"^(#{2,3}) (.+?)(?:\s*\{[^}]*\})?\s*$", source, re.M)]


def test_policy_structure_sections_principles_and_lists(built_site):
    policy = content.policy()
    for page in content.adopted_pages():
        html = (built_site / content.html_path(page)).read_text(encoding="utf-8")
        headings = re.findall(r'<h([23]) id="([^"]+)">([^<]+)', html)
        assert [(level, text.strip()) for level, _, text in headings] == markdown_headings(page)
    principles = (built_site / content.html_path(content.page_calling("principles"))).read_text("utf-8")
    assert principles.count('<div class="policy-principle"') == len(policy.principles)
    goals = (built_site / content.html_path(content.page_calling("goals"))).read_text("utf-8")
    assert len(re.findall(r'<li id="viljeriktning-', goals)) == len(policy.goals)
    everything = "".join(p.read_text("utf-8") for p in built_site.rglob("*.html"))
    assert len(re.findall(r'<li id="metod-', everything)) == len(policy.methods)


def test_document_facts_page_shows_unknown_facts_and_unpublished_documents(built_site):
    policy = content.policy()
    document = policy.document
    text = article_text(built_site / content.html_path(content.parts()["dokument"]))
    for label, value in (("Beslutsdatum", document.decision.date), ("Paragraf", document.decision.paragraph),
                         ("Diarienummer", document.decision.registry_number),
                         ("Dokumentansvarig", document.responsible)):
        assert f"{label} {value if value else 'Uppgift saknas'}" in text
    assert f"Beslutad av {content.role_name(document.adopted_by)}" in text
    if policy.several:  # a version says nothing of one document of several
        assert "Version Förhandsgranskning" not in text
    else:
        assert "Version Förhandsgranskning (inte publicerad)" in text
    assert f"Revideringsregel {document.revision.described}" in text
    for related in document.related:
        decider = f" {content.role_name(related.adopted_by)}" if related.adopted_by else ""
        assert f"{related.name} {related.document_type.label}{decider} {related.status.label}" in text


def test_search_index_is_swedish_and_holds_the_generated_text(built_site):
    policy = content.policy()
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["sv"]
    # The search plugin's pipeline is left at its default for now (see DOMAIN.md).
    assert index["config"]["pipeline"] == ["stopWordFilter"]
    text = " ".join(" ".join(doc["text"].split()) for doc in index["docs"])
    # Cells and terms keep their words apart in the index.
    registry = policy.document.decision.registry_number
    assert f"Diarienummer {registry if registry else 'Uppgift saknas'}" in text
    first = policy.principles[0]
    assert f"{first.name} {' '.join(first.definition.split()[:3])}" in text
    assert normalize(policy.principles[-1].definition) in text  # a principle
    assert normalize(policy.goals[0].text) in text  # a goal
    assert normalize(policy.responsibilities[0].source) in text  # a sentence the matrix quotes


# --- Scenarios: a copy of the project, changed, built and inspected ----------------


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def test_data_from_yaml_is_never_a_template_and_is_escaped(project, tmp_path):
    path = project / "data" / "principer.yml"
    index = len(located(path)[0]["principer"]) - 1
    set_value(path, line_at(path, "principer", index, "definition"),
              "definition: 'Mall {{ config.site_name }} och {% raw %} och <em>html</em>.'")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / content.html_path(content.page_calling("principles"))).read_text(encoding="utf-8")
    assert "Mall {{ config.site_name }} och {% raw %} och &lt;em&gt;html&lt;/em&gt;." in html


@pytest.mark.parametrize(
    "broken_call, expected",
    [("{{ no_such_macro() }}", "no_such_macro"), ("{{ principles(1, 2, 3) }}", "principles")],
    ids=["undefined", "failing"],
)
def test_a_broken_macro_fails_the_build(project, tmp_path, broken_call, expected):
    replace_in(project / "docs" / content.page_calling("principles"), "{{ principles() }}", broken_call)
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert expected in result.stderr


#: The two forms of a policy without methods (data/metodik.yml is optional).
NO_METHODS = {"no-file": None, "empty-list": "metodik: []\n"}
METHODS_CALL = re.compile(r"\{\{-?\s*methods\(\)\s*-?\}\}")


def without_methods(project: Path, form: str | None) -> None:
    path = project / "data" / "metodik.yml"
    path.unlink(missing_ok=True)
    if form is not None:
        path.write_text(form, "utf-8")


@pytest.mark.parametrize("form", NO_METHODS.values(), ids=NO_METHODS.keys())
def test_a_page_that_calls_methods_when_the_data_has_none_stops_the_build(project, tmp_path, form):
    without_methods(project, form)
    try:
        page = content.page_calling("methods")
    except AssertionError:  # the content has no methods: a page that asks for them anyway
        page = content.adopted_pages()[0]
        with (project / "docs" / page).open("a", encoding="utf-8") as file:
            file.write("\n{{ methods() }}\n")
    path = project / "docs" / page
    line = next(n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if "methods()" in text)
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (f"docs/{page}:{line}: sidan anropar {{{{ methods() }}}}, men data/metodik.yml saknas eller "
            "är tom") in result.stderr
    # Without the call (and its section) the same content builds.
    path.write_text(path.read_text("utf-8").replace("{{ methods() }}", ""), "utf-8")
    assert mkdocs_build(project, tmp_path / "out").returncode == 0


def test_no_methods_file_and_an_empty_list_give_the_same_site(project, tmp_path):
    """Both forms of a policy without methods build the same site, with no method and no
    link to one anywhere. The content's own calls of methods(), if it has methods, are left
    out first, as an organisation without them would not write them."""
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text("utf-8")
        if METHODS_CALL.search(text):
            page.write_text(METHODS_CALL.sub("", text), "utf-8")
    # An assessment speaks of the exact files it was made of (their fingerprint); it is
    # of neither form.
    (project / "data" / "granskning.json").unlink(missing_ok=True)
    built = {}
    for name, form in NO_METHODS.items():
        without_methods(project, form)
        site = tmp_path / name
        result = mkdocs_build(project, site)
        assert result.returncode == 0, result.stderr
        built[name] = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    none, empty = built["no-file"], built["empty-list"]
    assert none.keys() == empty.keys()
    # The same pages, feed and search index, byte for byte; the version's sources are the
    # files as they are, an empty list's file among them.
    assert [f for f in none if none[f] != empty[f]] == [SOURCES_FILE]
    sources = [sources_module.loads(files[SOURCES_FILE].decode("utf-8")) for files in (none, empty)]
    assert "data/metodik.yml" not in sources[0] and sources[1].pop("data/metodik.yml") == NO_METHODS["empty-list"]
    assert sources[0] == sources[1]
    pages = [html.decode("utf-8") for name, html in none.items() if name.endswith(".html")]
    assert pages and not [html for html in pages if re.search(r'id="metod-|#metod-', html)]


def _duplicate_key(data: Path):
    path = data / "principer.yml"
    line = line_at(path, "principer", 1, "namn")
    name = located(path)[0]["principer"][1]["namn"]
    return "principer.yml", insert_after(path, line, f"    namn: {name}en"), "nyckeln 'namn' står två gånger"


def _unknown_key(data: Path):
    path = data / "roller.yml"
    index = min(3, len(located(path)[0]["roller"]) - 1)
    return "roller.yml", insert_after(path, line_at(path, "roller", index, "namn"), "    färg: blå"), "okänt fält 'färg'"


def _wrong_type(data: Path):
    path = data / "viljeriktningar.yml"
    goal = located(path)[0]["viljeriktningar"][0]["id"]
    line = edit_at(path, line_at(path, "viljeriktningar", 0, "id"), f"id: {goal}", f"id: [{goal}]")
    return "viljeriktningar.yml", line, "förväntade en text, fann en lista"


def _dangling_reference(data: Path):
    path = data / "dokument.yml"
    decider = located(path)[0]["beslutas_av"]
    line = edit_at(path, line_at(path, "beslutas_av"), f"beslutas_av: {decider}", f"beslutas_av: {decider}x")
    return "dokument.yml", line, f"okänd roll '{decider}x'; menade du '{decider}'?"


def _yaml_syntax(data: Path):
    path = data / "viljeriktningar.yml"
    line = insert_after(path, line_at(path, "viljeriktningar", 0, "id"), "\t")
    return "viljeriktningar.yml", line, "YAML-syntaxfel: tabbtecken är inte tillåtet"


DATA_MISTAKES = {
    "duplicate key": _duplicate_key,
    "unknown key": _unknown_key,
    "wrong type": _wrong_type,
    "dangling reference": _dangling_reference,
    "yaml syntax": _yaml_syntax,
}


@pytest.mark.parametrize("mistake", DATA_MISTAKES, ids=str)
def test_data_mistake_gives_one_swedish_message_and_keeps_the_published_site(project, mistake):
    file, line, expected = DATA_MISTAKES[mistake](project / "data")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("publicerad", encoding="utf-8")

    check = subprocess.run(
        ["make", "--no-print-directory", "-C", str(project), f"VENV={ROOT / '.venv'}", "check"],
        capture_output=True, text=True, timeout=120,
    )
    assert check.returncode != 0
    errors = [l.strip() for l in check.stderr.splitlines() if l.startswith("  data/")]
    assert len(errors) == 1, check.stderr
    assert errors[0].startswith(f"data/{file}:{line}: ") and expected in errors[0], errors[0]

    build = mkdocs_build(project, site)
    assert build.returncode != 0
    assert errors[0] in build.stderr  # the same message from the build
    assert "Traceback" not in build.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "publicerad"


def test_make_build_replaces_site_only_when_the_build_succeeds(project):
    make = ["make", "--no-print-directory", "-C", str(project), f"VENV={ROOT / '.venv'}"]
    page = content.page_calling("principles")
    ok = subprocess.run([*make, "build"], capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    built = (project / "site" / content.html_path(page)).read_text(encoding="utf-8")

    path = project / "data" / "principer.yml"
    first, second = (p["id"] for p in located(path)[0]["principer"][:2])
    line = edit_at(path, line_at(path, "principer", 1, "id"), f"id: {second}", f"id: {first}")
    failed = subprocess.run([*make, "build"], capture_output=True, text=True, timeout=300)
    assert failed.returncode != 0
    assert "data/principer.yml:" in failed.stderr and "varje id måste vara unikt" in failed.stderr
    assert (project / "site" / content.html_path(page)).read_text(encoding="utf-8") == built

    # A page error (after mkdocs would have cleaned its output) leaves site/ as it was too.
    edit_at(path, line, f"id: {first}", f"id: {second}")
    replace_in(project / "docs" / page, "{{ principles() }}", "{{ principles(1) }}")
    failed = subprocess.run([*make, "build"], capture_output=True, text=True, timeout=300)
    assert failed.returncode != 0
    assert (project / "site" / content.html_path(page)).read_text(encoding="utf-8") == built


def test_make_serve_serves_the_site_with_live_reload(project):
    page = content.page_calling("goals")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        ["make", "--no-print-directory", "-C", str(project), f"VENV={ROOT / '.venv'}",
         "serve", f"ADDR=127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        html = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{content.url(page)}", timeout=5) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.3)
        assert html is not None, "make serve did not answer"
        assert normalize(content.policy().goals[0].text) in normalize(unescape(html))
        assert "livereload" in html
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_swedish_search_is_built_into_the_site(built_site):
    policy = content.policy()
    script = (built_site / "assets" / "javascripts" / "lunr" / "min" / "lunr.sv.min.js").read_text("utf-8")
    assert "lunr.sv" in script  # Material's Swedish support, kept
    assert "self.policySearch" in script  # the query analysis
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    separator = index["config"]["separator"]
    assert separator.startswith("[\\s\\-,:;")
    # The glossary's synonyms: each one-word name for its term's other names (the words
    # that stand for them, the most distinctive of a longer name); a glossary whose terms
    # have one name each gives none.
    table = glossary.synonyms(policy.glossary, separator)
    sent = json.loads(re.search(r"self\.policySearchSynonyms = (\{.*?\});\n", script).group(1))
    assert set(sent) == set(table)
    for key, words in sent.items():
        assert words and set(words) <= set(table[key]), key
    # The matrix's cells repeat type words and sources that the role sections say in full.
    location = f"{content.url(content.parts()['roller'])}#rollmatris-avsnitt"
    matrix = next(doc for doc in index["docs"] if doc["location"] == location)
    assert content.role_name(policy.responsibilities[0].role) in matrix["text"]  # its headers stay searchable
    assert "Inget angivet" not in matrix["text"] and "Källa" not in matrix["text"]


def marked_abbreviations(site: Path, terms=None) -> int:
    """How many abbreviations of the glossary (``terms``, else the content's) the adopted
    text uses; each must be marked up with what it stands for."""
    marked = 0
    for page in (site / content.html_path(p) for p in content.adopted_pages()):
        text = article_text(page)
        html = page.read_text("utf-8")
        for term in terms if terms is not None else content.policy().glossary:
            for abbreviation in term.abbreviations:
                if re.search(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", text):
                    assert f'<abbr title="{term.term}">{abbreviation}</abbr>' in html, (page, abbreviation)
                    marked += 1
    return marked


def test_glossary_page_and_abbreviations(built_site, tmp_path):
    policy = content.policy()
    html = (built_site / content.html_path(content.page_calling("glossary"))).read_text("utf-8")
    for term in policy.glossary:
        assert f'id="term-{term.id}"' in html
    abbreviations = [(term, a) for term in policy.glossary for a in term.abbreviations]
    # The glossary page names each abbreviation, marked up; a glossary without any marks
    # nothing anywhere.
    for term, abbreviation in abbreviations:
        assert f'<abbr title="{term.term}">{abbreviation}</abbr>' in html, abbreviation
    if not abbreviations:
        assert not [p for p in built_site.rglob("*.html") if "<abbr" in p.read_text("utf-8")]
    if marked_abbreviations(built_site):
        return
    # The content's text uses none of its abbreviations: none is marked in it ...
    for page in content.adopted_pages():
        article = (built_site / content.html_path(page)).read_text("utf-8")
        article = re.sub(r'<p class="glossary-names">.*?</p>', "", article, flags=re.S)
        assert "<abbr" not in article, page
    # ... and a page that uses one has it marked (the first term given one, if none has).
    project = copy_project(tmp_path / "project")
    if abbreviations:
        abbreviation = abbreviations[0][1]
    else:
        abbreviation = "QXZ"
        add_key(project / "data" / "ordlista.yml", "termer", "förkortningar", f"[{abbreviation}]")
    page = content.adopted_pages()[0]
    with (project / "docs" / page).open("a", encoding="utf-8") as file:
        file.write(f"\nEtt stycke om {abbreviation} och mer.\n")
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert marked_abbreviations(tmp_path / "site", load_policy(project / "data").policy.glossary) >= 1


def test_accessibility_statement_is_complete_and_linked_from_every_page(built_site):
    policy = content.policy()
    facts = policy.accessibility
    statement = built_site / content.html_path(content.parts()["tillganglighet"])
    text = article_text(statement)
    parts = [f"{policy.document.organisation} står bakom den här webbplatsen",
             f"Webbplatsen är {facts.conformance.label} med lagen om tillgänglighet till digital offentlig service",
             "Hur vi har granskat webbplatsen", "Återkoppling", "Tillsyn",
             f"sågs senast över {facts.updated.isoformat()}"]
    if facts.shortcomings:
        parts += ["Kända brister", "Skäl:"]
    for part in parts:
        assert part in text, part
    html = statement.read_text("utf-8")
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    record_path = CONTENT / "data" / "granskning.json"
    shown = re.search(r"Den senaste automatiska granskningen gjordes (\d{4}-\d\d-\d\d) med axe-core \d", text)
    if record_path.exists():
        # The date comes from the last test run that passed (data/granskning.json), which the
        # accessibility test of this very run may already have moved on to today.
        assert shown, text
        record = json.loads(record_path.read_text("utf-8"))
        assert shown.group(1) <= record["datum"] <= dt.date.today().isoformat()
    else:
        assert not shown  # no assessment of this site yet: none is claimed
    for page in built_site.rglob("*.html"):
        assert 'class="md-copyright__accessibility">Tillgänglighetsredogörelse</a>' in page.read_text("utf-8"), page


def test_every_page_has_its_own_meta_description(built_site):
    seen = {}
    for page in built_site.rglob("index.html"):
        match = re.search(r'<meta name="description" content="([^"]+)"', page.read_text("utf-8"))
        assert match and len(match.group(1)) > 40, page
        seen[page] = match.group(1)
    assert len(set(seen.values())) == len(seen)


def test_every_page_offers_to_propose_a_change_in_the_guide_without_a_repository(built_site):
    guide_page = content.parts().get("bidra")
    for page in built_site.rglob("index.html"):
        html = page.read_text("utf-8")
        match = re.search(r'<a href="([^"]+)" class="md-content__button md-icon policy-propose"', html)
        if guide_page is None:  # no guide and no repository: nothing to propose a change with
            assert match is None and "policy-propose" not in html, page
            continue
        assert match, page
        target = (page.parent / match.group(1)).resolve()
        assert target == (built_site / content.url(guide_page)).resolve(), page
        assert "Föreslå ändring" in html
    if guide_page is not None:
        guide = article_text(built_site / content.html_path(guide_page))
        assert "Föreslå ändringar" in guide and "make check" in guide


@pytest.mark.parametrize(
    "repo, edit, expected",
    [
        ("https://gitlab.kommun.example/it/policy", "-/edit/main/docs/",
         "https://gitlab.kommun.example/it/policy/-/edit/main/docs/{page}"),
        ("https://gitea.kommun.example/it/policy", "_edit/main/docs/",
         "https://gitea.kommun.example/it/policy/_edit/main/docs/{page}"),
        ("https://dev.azure.com/kommun/it/_git/policy", "?path=/docs/&version=GBmain&_a=contents",
         "https://dev.azure.com/kommun/it/_git/policy?path=/docs/&version=GBmain&_a=contents"),
    ],
    ids=["gitlab", "gitea", "azure"],
)
def test_propose_links_to_the_pages_source_on_any_git_host(tmp_path, repo, edit, expected, monkeypatch):
    monkeypatch.setenv("POLICY_REPO_URL", repo)
    monkeypatch.setenv("POLICY_EDIT_URI", edit)
    page = content.parts()["roller"]
    project = ROOT if CONTENT == ROOT else copy_project(tmp_path / "project")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / content.html_path(page)).read_text("utf-8")
    href = re.search(r'<a href="([^"]+)" class="md-content__button md-icon policy-propose"', html).group(1)
    assert href.replace("&amp;", "&").startswith(expected.format(page=page))
    # The repository link in the header asks the Git host for nothing.
    assert 'data-md-component="source"' not in html

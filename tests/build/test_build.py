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
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import CONTENT, ROOT, copy_project, mkdocs_build
from tests.sitetext import article_text

pytestmark = pytest.mark.build

PAGES = {
    "index.html": "Startsida",
    "policy/index.html": "Informationssäkerhetspolicy",
    "roller/index.html": "Roller och ansvar",
    "uppfoljning/index.html": "Uppföljning",
    "om-dokumentet/index.html": "Om dokumentet",
}


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
    for path, title in PAGES.items():
        html = (built_site / path).read_text(encoding="utf-8")
        parser = Resources()
        parser.feed(html)
        assert parser.lang == "sv", path
        assert f"<title>{title} - " in html or f"<title>{title}</title>" in html, path
    nav = (built_site / "index.html").read_text(encoding="utf-8")
    for label in ("Startsida", "Informationssäkerhetspolicy", "Om dokumentet", "Sök"):
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


def test_start_page_explains_and_links_the_parts(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for anchor in ("policy/#informationssakerhet", "policy/#mal", "roller/", "uppfoljning/"):
        assert f'href="{anchor}"' in html
    text = article_text(built_site / "index.html")
    assert "högsta strategiska dokument om informationssäkerhet" in text


def test_policy_structure_sections_principles_and_lists(built_site):
    html = (built_site / "policy" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h([23]) id="([^"]+)">([^<]+)', html)
    assert [(level, text.strip()) for level, _, text in headings] == [
        ("2", "1. Informationssäkerhet"), ("2", "2. Mål"), ("3", "2.1 Viljeriktningar"),
        ("3", "2.2 Metodik"), ("2", "3. Roller och Ansvar"), ("2", "4. Uppföljning"),
    ]
    assert html.count('<div class="policy-principle"') == 3
    assert len(re.findall(r'<li id="viljeriktning-', html)) == 6
    assert len(re.findall(r'<li id="metod-', html)) == 5


def test_document_facts_page_shows_unknown_facts_and_unpublished_documents(built_site):
    text = article_text(built_site / "om-dokumentet" / "index.html")
    for fact in ("Beslutsdatum Uppgift saknas", "Paragraf Uppgift saknas", "Diarienummer Uppgift saknas",
                 "Dokumentansvarig Uppgift saknas", "Beslutad av Kommunfullmäktige",
                 "Version Förhandsgranskning (inte publicerad)"):
        assert fact in text
    assert "Informationssäkerhetsbestämmelser Bestämmelser Kommunstyrelsen Inte publicerat ännu" in text


def test_search_index_is_swedish_and_holds_the_generated_text(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["sv"]
    # The search plugin's pipeline is left at its default for now (see DOMAIN.md).
    assert index["config"]["pipeline"] == ["stopWordFilter"]
    text = " ".join(" ".join(doc["text"].split()) for doc in index["docs"])
    # Cells and terms keep their words apart in the index.
    assert "Diarienummer Uppgift saknas" in text
    assert "Konfidentialitet Att information inte" in text
    assert "Att information är åtkomlig när den behövs av behörig." in text  # a principle
    assert "Effektivisera och stödja kommunens pågående digitaliseringsprocess." in text  # a goal
    assert "Uppgift saknas" in text  # the facts table
    assert "Kommunfullmäktige antar Melleruds kommuns informationssäkerhetspolicy." in text


# --- Scenarios: a copy of the project, changed, built and inspected ----------------


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def test_data_from_yaml_is_never_a_template_and_is_escaped(project, tmp_path):
    replace_in(
        project / "data" / "principer.yml",
        "definition: Att information är åtkomlig när den behövs av behörig.",
        "definition: 'Mall {{ config.site_name }} och {% raw %} och <em>html</em>.'",
    )
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "policy" / "index.html").read_text(encoding="utf-8")
    assert "Mall {{ config.site_name }} och {% raw %} och &lt;em&gt;html&lt;/em&gt;." in html


@pytest.mark.parametrize(
    "broken_call, expected",
    [("{{ no_such_macro() }}", "no_such_macro"), ("{{ principles(1, 2, 3) }}", "principles")],
    ids=["undefined", "failing"],
)
def test_a_broken_macro_fails_the_build(project, tmp_path, broken_call, expected):
    replace_in(project / "docs" / "policy.md", "{{ principles() }}", broken_call)
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert expected in result.stderr


DATA_MISTAKES = {
    "duplicate key": (
        "principer.yml", "    namn: Riktighet\n", "    namn: Riktighet\n    namn: Riktigheten\n",
        "namn: Riktigheten", "nyckeln 'namn' står två gånger",
    ),
    "unknown key": (
        "roller.yml", "    namn: Säkerhetschef\n", "    namn: Säkerhetschef\n    färg: blå\n",
        "färg: blå", "okänt fält 'färg'",
    ),
    "wrong type": (
        "viljeriktningar.yml", "  - id: digitalisering\n", "  - id: [digitalisering]\n",
        "id: [digitalisering]", "förväntade en text, fann en lista",
    ),
    "dangling reference": (
        "dokument.yml", "beslutas_av: kommunstyrelsen", "beslutas_av: styrelsen",
        "beslutas_av: styrelsen", "okänd roll 'styrelsen'; menade du 'kommunstyrelsen'?",
    ),
    "yaml syntax": (
        "metodik.yml", "  - id: omvarldsbevakning", "  - id: omvarldsbevakning\n\t",
        "\t", "YAML-syntaxfel: tabbtecken är inte tillåtet",
    ),
}


@pytest.mark.parametrize("mistake", DATA_MISTAKES, ids=str)
def test_data_mistake_gives_one_swedish_message_and_keeps_the_published_site(project, mistake):
    file, old, new, marker, expected = DATA_MISTAKES[mistake]
    path = project / "data" / file
    replace_in(path, old, new)
    line = next(n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if marker in text)
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
    ok = subprocess.run([*make, "build"], capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    built = (project / "site" / "policy" / "index.html").read_text(encoding="utf-8")

    replace_in(project / "data" / "principer.yml", "id: riktighet", "id: konfidentialitet")
    failed = subprocess.run([*make, "build"], capture_output=True, text=True, timeout=300)
    assert failed.returncode != 0
    assert "data/principer.yml:" in failed.stderr and "varje id måste vara unikt" in failed.stderr
    assert (project / "site" / "policy" / "index.html").read_text(encoding="utf-8") == built

    # A page error (after mkdocs would have cleaned its output) leaves site/ as it was too.
    replace_in(project / "data" / "principer.yml", "id: konfidentialitet", "id: riktighet")
    replace_in(project / "docs" / "policy.md", "{{ principles() }}", "{{ principles(1) }}")
    failed = subprocess.run([*make, "build"], capture_output=True, text=True, timeout=300)
    assert failed.returncode != 0
    assert (project / "site" / "policy" / "index.html").read_text(encoding="utf-8") == built


def test_make_serve_serves_the_site_with_live_reload(project):
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
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/policy/", timeout=5) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.3)
        assert html is not None, "make serve did not answer"
        assert "Kommunfullmäktige antar Melleruds kommuns informationssäkerhetspolicy." in html
        assert "livereload" in html
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_swedish_search_is_built_into_the_site(built_site):
    script = (built_site / "assets" / "javascripts" / "lunr" / "min" / "lunr.sv.min.js").read_text("utf-8")
    assert "lunr.sv" in script  # Material's Swedish support, kept
    assert '"gdpr": ["dataskyddsförordningen"' in script  # the glossary's synonyms
    assert "self.policySearch" in script  # the query analysis
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["separator"].startswith("[\\s\\-,:;")
    # The matrix's cells repeat type words and sources that the role sections say in full.
    matrix = next(doc for doc in index["docs"] if doc["location"] == "roller/#rollmatris-avsnitt")
    assert "Dataskyddsombud" in matrix["text"]  # its headers stay searchable
    assert "Inget angivet" not in matrix["text"] and "Källa" not in matrix["text"]


def test_glossary_page_and_abbreviations(built_site):
    html = (built_site / "ordlista" / "index.html").read_text("utf-8")
    for anchor in ("term-dataskyddsforordningen", "term-lis", "term-krt", "term-kommunfullmaktige"):
        assert f'id="{anchor}"' in html
    policy = (built_site / "policy" / "index.html").read_text("utf-8")
    assert '(<abbr title="Ledningssystem för informationssäkerhet">LIS</abbr>)' in policy


def test_accessibility_statement_is_complete_and_linked_from_every_page(built_site):
    statement = built_site / "tillganglighet" / "index.html"
    text = article_text(statement)
    for part in ("Melleruds kommun står bakom den här webbplatsen",
                 "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service",
                 "Kända brister", "Skäl:", "Hur vi har granskat webbplatsen", "axe-core",
                 "Återkoppling", "informationssäkerhetssamordnare", "Tillsyn", "sågs senast över 2026-11-29"):
        assert part in text, part
    html = statement.read_text("utf-8")
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    # The date comes from the last test run that passed (data/granskning.json), which the
    # accessibility test of this very run may already have moved on to today.
    shown = re.search(r"Den senaste automatiska granskningen gjordes (\d{4}-\d\d-\d\d) med axe-core \d", text)
    assert shown, text
    record = json.loads((CONTENT / "data" / "granskning.json").read_text("utf-8"))
    assert shown.group(1) <= record["datum"] <= dt.date.today().isoformat()
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
    for page in built_site.rglob("index.html"):
        html = page.read_text("utf-8")
        match = re.search(r'<a href="([^"]+)" class="md-content__button md-icon policy-propose"', html)
        assert match, page
        target = (page.parent / match.group(1)).resolve()
        assert target == (built_site / "bidra").resolve(), page
        assert "Föreslå ändring" in html
    guide = article_text(built_site / "bidra" / "index.html")
    assert "Föreslå ändringar i informationssäkerhetspolicyn" in guide and "make check" in guide


@pytest.mark.parametrize(
    "repo, edit, expected",
    [
        ("https://gitlab.kommun.example/it/policy", "-/edit/main/docs/",
         "https://gitlab.kommun.example/it/policy/-/edit/main/docs/roller.md"),
        ("https://gitea.kommun.example/it/policy", "_edit/main/docs/",
         "https://gitea.kommun.example/it/policy/_edit/main/docs/roller.md"),
        ("https://dev.azure.com/kommun/it/_git/policy", "?path=/docs/&version=GBmain&_a=contents",
         "https://dev.azure.com/kommun/it/_git/policy?path=/docs/&version=GBmain&_a=contents"),
    ],
    ids=["gitlab", "gitea", "azure"],
)
def test_propose_links_to_the_pages_source_on_any_git_host(tmp_path, repo, edit, expected, monkeypatch):
    monkeypatch.setenv("POLICY_REPO_URL", repo)
    monkeypatch.setenv("POLICY_EDIT_URI", edit)
    result = mkdocs_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "roller" / "index.html").read_text("utf-8")
    href = re.search(r'<a href="([^"]+)" class="md-content__button md-icon policy-propose"', html).group(1)
    assert href.replace("&amp;", "&").startswith(expected)
    # The repository link in the header asks the Git host for nothing.
    assert 'data-md-component="source"' not in html

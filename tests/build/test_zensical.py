"""The second generator (issue 19): Zensical builds the same site as MkDocs.

One copy of the content is built as ``make build`` builds it (MkDocs) and as ``make
build-zensical`` does (Zensical, in its own environment without MkDocs), with the same
settings of a published version (address, repository, version, PDF). Then every page's
text, its generated links, the header and the edit link, the calendar feed, the
version's sources and the PDF are compared. Each build ends with the project's own check
of every link and anchor (macros/site/finish.py), so neither has a dead one.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from macros.site.link_check import dead_links, parse
from tests import zensical
from tests.catalogue.cases_text import HOSTILE, MARKER
from tests.catalogue.framework import Literal, fresh_project, run
from tests.conftest import BUILD_DAY, BUILD_EPOCH, copy_project
from tests.sitetext import article_sections

pytestmark = pytest.mark.build


@pytest.fixture(scope="session")
def zensical_python() -> str:
    return zensical.zensical_python()


@pytest.fixture(scope="module")
def sites(tmp_path_factory, zensical_python) -> tuple[Path, Path]:
    """(MkDocs's site, Zensical's site) of the same content and settings (tests/zensical.py)."""
    return zensical.both_sites(tmp_path_factory)


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_zensical_runs_without_mkdocs(zensical_python):
    probe = "import importlib.util as u; print(u.find_spec('mkdocs'), u.find_spec('zensical') is not None)"
    result = subprocess.run([zensical_python, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["None", "True"]


def test_every_page_has_the_same_text(sites):
    mkdocs_site, zensical_site = sites
    assert _pages(zensical_site) == _pages(mkdocs_site)
    for page in _pages(mkdocs_site):
        assert _sized(article_sections(zensical_site / page)) == _sized(article_sections(mkdocs_site / page)), page


#: The PDF's size as a page states it: each generator's PDF is made from its own pages,
#: so the two differ by a few hundred bytes (test_the_feed_the_sources_and_the_pdf_are_made_alike
#: compares their text), and a size near a whole kB may round either way.
_PDF_SIZE = re.compile(r"\(PDF, [\d ]+ kB\)")


def _sized(value):
    if isinstance(value, str):
        return _PDF_SIZE.sub("(PDF, … kB)", value)
    return [_sized(item) for item in value] if isinstance(value, (list, tuple)) else value


def _article(html: str) -> str:
    match = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', html, re.S)
    return match.group(1) if match else ""


def test_generated_links_lead_to_the_same_places(sites):
    # Zensical rewrites relative links inside raw HTML as relative to the Markdown file;
    # the adapter gives the macros that base, so both sites link alike.
    mkdocs_site, zensical_site = sites
    compared = 0
    for page in _pages(mkdocs_site):
        ours, theirs = ([_target(page, href) for href in parse(_article((site / page).read_text("utf-8")))[0]]
                        for site in sites)
        assert theirs == ours, page
        compared += len(ours)
    assert compared, "no page has a link to compare"


def _target(page: str, href: str) -> str:
    """Where a link on ``page`` leads, from the site's root ("./x/" and "x/" alike)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return href
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path)) + (
        "/" if parts.path.endswith("/") else "") + (f"#{parts.fragment}" if parts.fragment else "")


def test_the_header_the_edit_link_and_the_pdf_link_are_the_same(sites):
    mkdocs_site, zensical_site = sites
    header = re.compile(r'<aside class="document-header".*?</aside>', re.S)
    edit = re.compile(r'<a href="([^"]*)"[^>]*rel="edit"')
    pdf_link = re.compile(r'<p class="policy-pdf">.*?</p>', re.S)
    for page in _pages(mkdocs_site):
        if page == "404.html":
            continue
        # Zensical's template engine escapes "/" too (&#x2f;) and its url filter starts a
        # link with "./": the same text once unescaped, every link to the same place.
        ours, theirs = (re.sub(r'href="([^"]*)"', lambda m: f'href="{_target(page, m.group(1))}"',
                               unescape((site / page).read_text("utf-8")))
                        for site in sites)
        for pattern in (header, edit, pdf_link):
            found = pattern.findall(ours)
            assert found, (page, pattern.pattern)
            assert _sized(pattern.findall(theirs)) == _sized(found), (page, pattern.pattern)
        assert zensical.PUBLISHED["POLICY_REPO_URL"] in edit.findall(theirs)[0]


def test_a_published_versions_addresses_are_its_own_in_both(sites):
    """Each page's canonical address is the same, and the page for an address that does not
    exist (404.html, sent for any path) takes its styles, scripts and links from the
    version's own address (POLICY_SITE_URL and the version), files that the site has."""
    version = zensical.VERSION_PATH
    in_force = zensical.PUBLISHED_PATH + zensical.RELEASE.current_alias + "/"
    canonical = re.compile(r'<link rel="canonical" href="([^"]*)"')
    for page in _pages(sites[0]):
        if page != "404.html":
            ours, theirs = (canonical.findall((site / page).read_text("utf-8")) for site in sites)
            assert ours and theirs == ours, page
    for site in sites:
        targets = [unescape(target) for target in re.findall(r'(?:href|src)="(/[^"]*)"', (site / "404.html").read_text("utf-8"))]
        assert targets, site
        for target in targets:
            path = posixpath.normpath(urlsplit(target).path)
            if (path + "/").startswith(in_force):  # the banner's link to the version in force
                continue
            assert (path + "/").startswith(version), (site.name, target)
            rest = path[len(version):]
            assert (site / rest).is_file() or (site / rest / "index.html").is_file(), (site.name, target)


def test_hostile_values_that_zensicals_templates_show_are_shown_as_text(tmp_path, zensical_python):
    """What passes through the theme's templates (overrides/), which Zensical's own template
    engine renders: the header's facts from data/, and a published version's title, a
    correction and the alias in force from the environment. The catalogue's hostile values
    and its test of them (tests/catalogue: Literal), in one Zensical build."""
    project = fresh_project(tmp_path / "projekt")
    for field in ("dokumentnamn", "organisation", "gäller_för"):
        project.set_text("data/dokument.yml", (field,), HOSTILE)
    project.assessment_follows()
    # Each value its own marker (the data's is MARKER, "alert("), so that each is found apart.
    title = '<script>confirm("titel")</script>"><img src=x onerror=confirm(1)>'
    reason = '<script>confirm("rättelse")</script><img src=x onerror=confirm(1)>'
    project.env.update({
        "MIKE_DOCS_VERSION": "2026-2030", "POLICY_VERSION_TITLE": title,
        "POLICY_CORRECTIONS": json.dumps([{"datum": BUILD_DAY.isoformat(), "skäl": reason}]),
        "POLICY_CURRENT_ALIAS": '"><script>confirm("alias")</script>',
    })
    ran = run(project, [zensical_python, "-m", "publishing.build", "--generator", "zensical"],
              project.root / "site")
    # A site of several documents names its version only in the version selector.
    for shown, marker in ((HOSTILE, MARKER), (None if project.several_documents() else title, 'confirm("titel")'),
                          (reason, 'confirm("rättelse")'), (None, 'confirm("alias")')):
        Literal(shown, marker).verify(ran, project)


def test_the_feed_the_sources_and_the_pdf_are_made_alike(sites):
    mkdocs_site, zensical_site = sites
    for name in ("uppfoljning.ics", "kallor.json"):
        assert (zensical_site / name).read_bytes() == (mkdocs_site / name).read_bytes(), name
    # One PDF per governing document, each with the same text.
    pdfs = sorted(p.name for p in mkdocs_site.glob("*.pdf"))
    assert pdfs and sorted(p.name for p in zensical_site.glob("*.pdf")) == pdfs
    for name in pdfs:
        ours, theirs = (PdfReader(site / name) for site in sites)
        assert [p.extract_text() for p in theirs.pages] == [p.extract_text() for p in ours.pages], name


def test_neither_site_has_a_dead_link_or_anchor(sites):
    for site in sites:
        files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
        html = {name: (site / name).read_text("utf-8") for name in files if name.endswith(".html")}
        pages = {name: name for name in html if name != "404.html"}
        assert dead_links(html, pages, files, zensical.RELEASE.current_alias) == []


def test_a_link_above_the_site_s_folder_is_dead_unless_it_leads_to_the_version_in_force():
    # What Zensical makes of a page-relative link in raw HTML ("../x/" on roller.md becomes
    # "../../x/"): it works only at the server's root, so the check stops the build.
    pages = {"roller/index.html": '<a href="../../uppfoljning/">x</a><a href="../../gallande/roller/">y</a>',
             "uppfoljning/index.html": "<h1 id='a'>u</h1>"}
    files = set(pages)
    dead = dead_links(pages, {"roller/index.html": "docs/roller.md"}, files, "gallande")
    assert [link.href for link in dead] == ["../../uppfoljning/"]
    assert "webbplatsens mapp" in dead[0].problem
    assert [link.href for link in dead_links(pages, {"roller/index.html": "docs/roller.md"}, files)] == [
        "../../uppfoljning/", "../../gallande/roller/"]


def test_a_mistake_in_a_page_stops_the_zensical_build_with_page_and_line(tmp_path, zensical_python):
    project = copy_project(tmp_path / "project")
    page = sorted((project / "docs").glob("*.md"))[0]
    lines = page.read_text("utf-8").splitlines()
    # After the front matter, if any: the line number counts from the top of the file.
    at = next((i + 1 for i, line in enumerate(lines) if i > 0 and line == "---"), 0) if lines[0] == "---" else 0
    lines.insert(at, "{{ finns_inte() }}")
    page.write_text("\n".join(lines) + "\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POLICY_", "MIKE_"))}
    result = subprocess.run([zensical_python, "-m", "publishing.build", "--generator", "zensical"],
                            cwd=project, env={**env, "SOURCE_DATE_EPOCH": BUILD_EPOCH},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"docs/{page.name}:{at + 1}: 'finns_inte' finns inte" in result.stderr
    assert not (project / "site").exists() and not (project / ".cache").exists()
    assert not list(project.glob(".site.bygge-*")) and not list(project.glob(".zensical-bygge-*"))
    shutil.rmtree(project)

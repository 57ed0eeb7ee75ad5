"""A site of several governing documents, built: each document's pages carry its own
header, and the page of the documents shows every one with its facts and what it makes
concrete. On the content under test as it is (one document or several), and on a copy
with a document added as an editor adds one (tests/documents.py)."""

from __future__ import annotations

import re
import shutil
from html import escape as _escape, unescape
from pathlib import Path

import pytest

from macros.policy.adopted_text import is_adopted
from macros.policy.loading import load_policy, site_policy
from macros.views.followup import is_dated
from macros.views.links import obligation_anchor
from macros.policy.release import Release, revise_by, version_period
from macros.site import pages as site_pages
from tests import content, documents
from tests.conftest import CONTENT, made_once

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
        assert (pdf_link.sub("\n", article.search(before).group(0))
                == pdf_link.sub("\n", article.search(after).group(0))), relative

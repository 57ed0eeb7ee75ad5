"""The PDF's core without a build: names, sizes, links, pages left out, hostile text."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.site import pdf
from macros.policy.loading import load_policy
from macros.policy.release import Release
from tests.conftest import CONTENT

MOMENT = dt.datetime(2026, 11, 29, 12, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def policy():
    return load_policy(CONTENT / "data").policy


def _site(tmp_path, pages: dict[str, str]):
    for built, body in pages.items():
        path = tmp_path / built
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f'<html><body><aside class="document-header">SIDHUVUDET</aside>{pdf.PDF_MARKER}'
            f'<article class="md-content__inner md-typeset">{body}</article></body></html>',
            encoding="utf-8",
        )
    return tmp_path


def test_sizes_read_as_a_swedish_reader_reads_them():
    assert pdf.human_size(412_345) == "412 kB"
    assert pdf.human_size(300) == "1 kB"
    assert pdf.human_size(1_234_567) == "1,2 MB"


def test_file_name_is_plain_ascii_from_the_document_name(policy):
    name = pdf.file_name(policy)
    assert name.endswith(".pdf") and name.isascii()
    assert name[:-4].replace("-", "").isalnum()


def test_pages_with_pdf_false_are_left_out(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\n# A\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\npdf: false\n---\n# B\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("# C\n", encoding="utf-8")
    pages = [pdf.Page(f"{n}.md", f"{n}/index.html") for n in "abc"]
    assert [p.source for p in pdf.included(pages, tmp_path)] == ["a.md", "c.md"]


def test_links_lead_inside_the_pdf_or_are_left_as_text(tmp_path, policy):
    site = _site(tmp_path, {
        "index.html": '<h1 id="start">Start</h1><p>Se <a href="policy/#mal">målen</a>, '
                      '<a href="bidra/">guiden</a>, <a href="https://example.org/">en webbplats</a>'
                      ' och <a href="javascript:alert(1)">skript</a>.</p>',
        "policy/index.html": '<h1 id="policy">Policy</h1><h2 id="mal">Mål</h2>'
                             '<p><a class="headerlink" href="#mal">¶</a>Text</p>',
    })
    pages = [pdf.Page("index.md", "index.html"), pdf.Page("policy.md", "policy/index.html")]
    markup = pdf.assemble(policy, Release(), site, pages, [], MOMENT)
    assert '<a href="#mal">målen</a>' in markup
    assert "guiden" in markup and 'href="bidra/"' not in markup
    assert '<a href="https://example.org/">en webbplats</a>' in markup
    assert "javascript:" not in markup and "skript" in markup
    assert "¶" not in markup and "SIDHUVUDET" not in markup
    assert 'id="sida-policy"' in markup and '<a href="#sida-policy">Policy</a>' in markup


def test_an_id_on_two_pages_is_made_unique(tmp_path, policy):
    site = _site(tmp_path, {
        "a/index.html": '<h1 id="a">A</h1><h2 id="kalender">K</h2><p><a href="#kalender">k</a></p>',
        "b/index.html": '<h1 id="b">B</h1><h2 id="kalender">K</h2>',
    })
    pages = [pdf.Page("a.md", "a/index.html"), pdf.Page("b.md", "b/index.html")]
    markup = pdf.assemble(policy, Release(), site, pages, [], MOMENT)
    assert 'id="a--kalender"' in markup and 'id="b--kalender"' in markup
    assert 'href="#a--kalender"' in markup


def test_hostile_facts_are_text_on_the_title_page(tmp_path, policy):
    hostile = policy.model_copy(update={"document": policy.document.model_copy(
        update={"organisation": '</style><script>alert("x")</script>'})})
    site = _site(tmp_path, {"index.html": "<h1>Start</h1>"})
    markup = pdf.assemble(hostile, Release(), site, [pdf.Page("index.md", "index.html")], [], MOMENT)
    assert "<script>" not in markup
    assert "&lt;/style&gt;&lt;script&gt;" in markup


def test_every_page_gets_the_link_to_the_pdf_relative_to_itself(tmp_path):
    site = _site(tmp_path, {"index.html": "", "roller/index.html": ""})
    document = site / "dokument.pdf"
    document.write_bytes(b"%PDF" + b"0" * 2000)
    assert pdf.link_pages(site, document) == 2
    assert 'href="dokument.pdf"' in (site / "index.html").read_text("utf-8")
    roles = (site / "roller" / "index.html").read_text("utf-8")
    assert 'href="../dokument.pdf"' in roles and "(PDF, 2 kB)" in roles
    assert pdf.PDF_MARKER not in roles


def test_a_bad_source_date_epoch_is_a_clear_error():
    with pytest.raises(pdf.PdfError, match="SOURCE_DATE_EPOCH"):
        pdf.moment_of({"SOURCE_DATE_EPOCH": "igår"})
    assert pdf.moment_of({"SOURCE_DATE_EPOCH": "1795953600"}) == MOMENT

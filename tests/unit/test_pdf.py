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


def _named(policy, name: str):
    return policy.model_copy(update={"document": policy.document.model_copy(update={"name": name})})


def test_each_document_gets_its_own_file_name_and_two_of_one_name_never_the_same(policy):
    first = pdf.Document(policy, ())
    assert pdf.file_names([first]) == [pdf.file_name(policy)]
    other = pdf.Document(_named(policy, "Riktlinjer för informationssäkerhet"), (), "riktlinjer", "riktlinjer/")
    twin = pdf.Document(policy, (), "rutin", "rutin/")
    triplet = pdf.Document(policy, (), "rutin-2", "rutin-2/")
    names = pdf.file_names([first, other, twin, triplet])
    assert names[0] == pdf.file_name(policy)
    assert names[1] == "riktlinjer-for-informationssakerhet.pdf"
    assert len(set(names)) == 4 and all(n.isascii() and n.endswith(".pdf") for n in names)
    stem = pdf.file_name(policy).removesuffix(".pdf")
    assert names[2] == f"{stem}-rutin.pdf" and names[3] == f"{stem}-rutin-2.pdf"
    # A name that an id made from another's: still a file of its own.
    clash = pdf.Document(_named(policy, names[2].removesuffix(".pdf")), (), "x", "x/")
    assert len(set(pdf.file_names([first, twin, clash]))) == 3


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


def test_each_page_links_its_own_documents_pdf(tmp_path):
    site = _site(tmp_path, {"index.html": "", "roller/index.html": "", "riktlinjer/index.html": "",
                            "riktlinjer/ansvar/index.html": "", "riktlinjer-gamla/index.html": ""})
    first, other = site / "policy.pdf", site / "riktlinjer-for-x.pdf"
    first.write_bytes(b"%PDF" + b"0" * 2000)
    other.write_bytes(b"%PDF" + b"0" * 5000)
    assert pdf.link_pages(site, first, {"riktlinjer/": other}) == 5
    for page in ("index.html", "roller/index.html", "riktlinjer-gamla/index.html"):
        content = (site / page).read_text("utf-8")
        assert "policy.pdf" in content and "(PDF, 2 kB)" in content and "riktlinjer-for-x" not in content
    assert 'href="../riktlinjer-for-x.pdf"' in (site / "riktlinjer/index.html").read_text("utf-8")
    deeper = (site / "riktlinjer/ansvar/index.html").read_text("utf-8")
    assert 'href="../../riktlinjer-for-x.pdf"' in deeper and "(PDF, 5 kB)" in deeper


def test_a_further_document_without_a_page_for_the_pdf_is_a_clear_error(tmp_path, policy):
    site = _site(tmp_path, {"index.html": "<h1>Start</h1>"})
    (tmp_path / "index.md").write_text("# Start\n", encoding="utf-8")
    (tmp_path / "riktlinjer").mkdir()
    (tmp_path / "riktlinjer" / "index.md").write_text("---\npdf: false\n---\n# R\n", encoding="utf-8")
    documents = [pdf.Document(policy, [pdf.Page("index.md", "index.html")]),
                 pdf.Document(policy, [pdf.Page("riktlinjer/index.md", "riktlinjer/index.html")],
                              "riktlinjer", "riktlinjer/")]
    with pytest.raises(pdf.PdfError, match="dokumentet 'riktlinjer'.*docs/riktlinjer/"):
        pdf.build(documents, Release(), site, tmp_path, [], {})
    assert not list(site.glob("*.pdf"))  # told before any PDF is made


def test_a_bad_source_date_epoch_is_a_clear_error():
    with pytest.raises(pdf.PdfError, match="SOURCE_DATE_EPOCH"):
        pdf.moment_of({"SOURCE_DATE_EPOCH": "igår"})
    assert pdf.moment_of({"SOURCE_DATE_EPOCH": "1795953600"}) == MOMENT

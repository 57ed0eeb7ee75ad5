"""Each governing document's own PDF, on a site of several documents.

The site is a copy of the content under test with a document added (tests/documents.py),
built once with its PDFs and shared with tests/build/test_documents.py: on the project's
own content a site of two documents, on the region's of three. Everything expected comes
from the copy's data and pages: each document's adopted text from its own
``antagen-text.txt``, its pages from the navigation and its folder.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.policy import adopted_file
from macros.policy.documents import page_document
from macros.policy.loading import load_policy
from macros.policy.model import UNKNOWN_LABEL, Policy
from macros.site import pages as site_pages, pdf
from macros.site.pages import site_view_pages
from tests import content, documents
from tests.conftest import made_once
from tests.pdftext import events, pdfa_2a, reading_text, sections, structure_types
from tests.sitetext import normalize

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def added(tmp_path_factory) -> tuple[Path, Path]:
    return made_once(tmp_path_factory, "document-added", documents.build_with_a_document_added)


@dataclass(frozen=True)
class Expected:
    """What one document's PDF should be, read from the project it is built from."""

    id: str
    policy: Policy
    name: str  # the PDF's file name
    folder: str  # "" for the first document, "<id>/" for a further one
    seed: str  # its adopted text
    pages: tuple[str, ...]  # its pages in docs/ that go into its PDF, in the navigation's order

    @property
    def principles(self) -> list[str]:
        return [principle.name for principle in self.policy.principles]


def expected(project: Path) -> list[Expected]:
    loaded = load_policy(project / "data", project / "docs")
    setting = loaded.setting
    found = [(setting.main, loaded.policy, "", project / "data")]
    found += [(d.id, d.policy, f"{d.id}/", project / "data" / d.id) for d in loaded.documents]
    names = pdf.file_names([pdf.Document(policy, (), id_, folder) for id_, policy, folder, _ in found])
    nav = [page for _, page in content.nav(project)]
    # A page of the site's views (every document's items) is in no document's PDF.
    views = site_view_pages(project / "docs") if loaded.documents else set()
    return [
        Expected(id_, policy, name, folder,
                 (data / adopted_file.ADOPTED_TEXT_FILE).read_text(encoding="utf-8"),
                 tuple(page for page in nav if page_document(page, setting) == id_ and page not in views
                       and content.front_matter(page, project).get("pdf", True) is not False))
        for (id_, policy, folder, data), name in zip(found, names)
    ]


def headings(path: Path, kind: str = "H1") -> list[str]:
    """The text of every ``kind`` element of the PDF's structure, in reading order."""
    found: list[list[str]] = []
    inside = False
    for event, value in events(path):
        if event == "open":
            if value == kind:
                found.append([])
                inside = True
            elif value in ("P", "Table", "L", "Div", "Sect", "Figure") or re.fullmatch(r"H\d", value):
                inside = False
        elif inside:
            found[-1].append(value)
    return [normalize("".join(parts)) for parts in found]


def page_headings(site: Path, page: str) -> list[str]:
    """The top headings of a built page, as a reader reads them (without the ¶ link)."""
    markup = (site / content.html_path(page)).read_text(encoding="utf-8")
    found = []
    for heading in re.findall(r"<h1\b[^>]*>(.*?)</h1>", markup, re.S):
        heading = re.sub(r'<a class="headerlink".*?</a>', "", heading, flags=re.S)
        found.append(normalize(unescape(re.sub(r"<[^>]+>", "", heading))))
    return found


def test_each_document_has_its_own_pdf_and_no_pdf_overwrites_another(added):
    project, site = added
    wanted = expected(project)
    assert len(wanted) >= 2
    assert len({e.name for e in wanted}) == len(wanted)
    assert sorted(p.name for p in site.glob("*.pdf")) == sorted(e.name for e in wanted)
    # The first document's file as on a site of one; each further one's from its own name.
    assert wanted[0].name == pdf.file_name(wanted[0].policy)
    for e in wanted[1:]:
        assert e.name.startswith(pdf.file_name(e.policy).removesuffix(".pdf"))


def test_each_pdf_holds_its_own_documents_pages_and_adopted_text_and_not_anothers(added):
    project, site = added
    wanted = expected(project)
    # The pages that show every document's items (the roles, the follow-up) are the site's:
    # in no document's PDF, so that a PDF changes only with its own document.
    parts = site_pages.find(project / "docs")
    for part in ("roller", "uppfoljning", "styrdokument"):
        if part in parts:
            assert all(parts[part] not in e.pages for e in wanted), part
    for e in wanted:
        path = site / e.name
        assert e.pages, f"no page of {e.id or 'the first document'} goes into its PDF"
        # Its title page, then exactly its own pages, in the navigation's order.
        assert headings(path) == [normalize(e.policy.document.name)] + [
            h for page in e.pages for h in page_headings(site, page)], e.name
        parts = sections(path)
        assert not adopted_file.fidelity(e.seed, e.principles, parts), e.name
        for other in wanted:
            if other is not e:
                # Another document's text is never in it.
                found = adopted_file.fidelity(other.seed, other.principles, parts)
                assert found.missing or found.missing_sections, (e.name, other.name)


def _title_page(path: Path) -> str:
    """The title page as a reader reads it: everything before the table of contents."""
    return sections(path)[0]


def test_each_pdf_has_its_own_documents_title_page_facts_and_metadata(added):
    project, site = added
    wanted = expected(project)
    for e in wanted:
        path = site / e.name
        document = e.policy.document
        title = _title_page(path)
        for value in (document.organisation, document.name, document.document_type.label,
                      document.status.label, e.policy.role(document.adopted_by).name,
                      document.revision.described):
            assert normalize(str(value)) in title, (e.name, value)
        decision = document.decision
        for value in (decision.date, decision.paragraph, decision.registry_number):
            assert (UNKNOWN_LABEL if value is None else normalize(str(value))) in title, (e.name, value)
        for other in wanted:
            if normalize(other.policy.document.name) not in normalize(document.name):
                assert normalize(other.policy.document.name) not in title, (e.name, other.name)
        reader = PdfReader(path)
        assert reader.metadata.title.startswith(document.name)
        assert reader.metadata.author == document.organisation
        assert document.document_type.label in reader.metadata.subject
        # The running title, on every page but the title page: its own document's name.
        for page in reader.pages[1:]:
            assert normalize(document.name) in normalize(page.extract_text()), e.name


def test_every_documents_pdf_is_pdfa_2a_tagged_in_swedish_with_fonts_embedded(added):
    project, site = added
    for e in expected(project):
        reader, xmp = pdfa_2a(site / e.name, pdf.LANGUAGE)
        assert e.policy.document.name in xmp
        found = structure_types(site / e.name)
        assert {"Document", "H1", "H2", "P", "Table", "TH", "TD"} <= set(found), e.name
        for page in reader.pages:
            for name, ref in page["/Resources"].get_object().get("/Font", {}).items():
                font = ref.get_object()
                descendants = font.get("/DescendantFonts")
                described = descendants[0].get_object() if descendants else font
                descriptor = described["/FontDescriptor"].get_object()
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), (e.name, name)
        assert reading_text(site / e.name)


def linked_pdf(site: Path, page: Path) -> tuple[str, str] | None:
    """(the PDF a built page links, from the site's root; its size as shown), if any."""
    match = re.search(r'<a href="([^"]+)"[^>]*>Ladda ner som PDF</a>\s*'
                      r'<span class="policy-pdf__size">\(PDF, ([^)]+)\)</span>', page.read_text("utf-8"))
    if not match:
        return None
    relative = page.parent.relative_to(site).as_posix()
    return posixpath.normpath(posixpath.join(relative, unescape(match.group(1)))), match.group(2)


def own_pdf(wanted: list[Expected], built: str) -> Expected:
    """The document whose PDF a built page (relative to the site) should link."""
    return next((e for e in wanted[1:] if built.startswith(e.folder)), wanted[0])


def test_every_page_links_its_own_documents_pdf(added):
    project, site = added
    wanted = expected(project)
    linked = set()
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        built = page.relative_to(site).as_posix()
        found = linked_pdf(site, page)
        assert found, f"{built} does not link a PDF"
        own = own_pdf(wanted, built)
        assert found == (own.name, pdf.human_size((site / own.name).stat().st_size)), built
        assert pdf.PDF_MARKER not in page.read_text("utf-8")
        linked.add(own.name)
    assert linked == {e.name for e in wanted}
    # The page with each further document's adopted text is in its folder: it links its own.
    for e in wanted[1:]:
        for page in content.adopted_pages(project, e.id):
            assert linked_pdf(site, site / content.html_path(page))[0] == e.name

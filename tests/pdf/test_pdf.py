"""The PDF of a version: published and linked, PDF/A-2a, tagged, faithful, reproducible.

One version is published with mike in a throwaway repository, as make publish does;
its PDF is read with pypdf as assistive technology reads it (tests/pdftext.py).
Everything expected comes from the data the PDF is made from.
"""

from __future__ import annotations

import inspect
import os
import re
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.site import pdf
from macros.views import roles
from macros.policy.loading import load_policy, site_policy
from macros.policy.release import Release
from tests.build.test_fidelity import NO_PROBLEMS, SEED, fidelity_problems
from publishing.publish import Options, adopted_name
from tests import content
from tests.conftest import BUILD_DAY, CONTENT, ROOT, copy_project, made_once, mkdocs_build
from tests.sitetext import normalize
from tests.pdftext import pdfa_2a, reading_text, sections, structure_types
from tests.pdf.test_documents import expected, linked_pdf, own_pdf
from tests.publishing.published import first_version, git, publish

pytestmark = pytest.mark.build

@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A repository with one adopted version published, as make publish does it: FIRST,
    whose facts are FACTS_2023 (made once per run, shared with tests/publishing)."""
    return made_once(tmp_path_factory, "first-version", first_version)


@pytest.fixture(scope="module")
def release(published) -> tuple[str, str]:
    """(name, title) that the decision gives the adopted version (publishing's own rule)."""
    document = load_policy(published / "data").policy.document
    return adopted_name(document, {}, Options(version=""))


@pytest.fixture(scope="module")
def policy(published):
    return site_policy(load_policy(published / "data", published / "docs"))


@pytest.fixture(scope="module")
def views(published) -> bool:
    """Whether the first document's PDF holds the site's views (the role matrix, the
    follow-up, the diagrams): on a site of one document it does; on a site of several, a
    document's PDF holds only its own pages (README, "Dokumentet som PDF")."""
    return not load_policy(published / "data", published / "docs").documents


def _export(published: Path, folder: Path) -> Path:
    target = folder / "webb"
    result = publish(published, "export", str(target))
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def exported(published, tmp_path_factory) -> Path:
    return made_once(tmp_path_factory, "first-version-export", lambda folder: _export(published, folder))


@pytest.fixture(scope="module")
def document(exported, policy, release) -> Path:
    path = exported / release[0] / pdf.file_name(policy)
    assert path.is_file(), f"the published version has no PDF ({path.name})"
    return path


def _pages(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*.html")) if p.name != "404.html"]


def test_every_page_of_each_version_links_its_own_documents_pdf_with_its_size(exported, published, release):
    VERSION = release[0]
    wanted = expected(published)
    versions = [p for p in exported.iterdir() if (p / wanted[0].name).is_file()]
    assert {VERSION, "gallande"} <= {p.name for p in versions}
    for version in versions:
        # One PDF per document and no other: on a site of one, exactly one.
        assert sorted(p.name for p in version.glob("*.pdf")) == sorted(e.name for e in wanted)
        pages = _pages(version)
        assert pages
        for page in pages:
            own = own_pdf(wanted, page.relative_to(version).as_posix()).name
            found = linked_pdf(exported, page)
            assert found, f"{page} does not link the PDF"
            assert found == (f"{version.name}/{own}", pdf.human_size((version / own).stat().st_size)), page
            assert pdf.PDF_MARKER not in page.read_text("utf-8")


def test_the_published_branch_holds_the_pdfs_that_export_writes(published, document, release):
    VERSION = release[0]
    stored = git(published, "ls-tree", "-r", "--name-only", "refs/heads/publicerat", VERSION)
    for e in expected(published):
        assert f"{VERSION}/{e.name}" in stored.splitlines()
        assert (document.parent / e.name).read_bytes().startswith(b"%PDF-1.7")


def test_metadata_declares_pdfa_2a_the_language_and_the_document(document, policy, release, views):
    reader, xmp = pdfa_2a(document, pdf.LANGUAGE)
    document_facts = policy.document
    assert reader.metadata.title.startswith(document_facts.name)
    assert reader.metadata.author == document_facts.organisation
    assert document_facts.organisation in xmp and document_facts.name in xmp
    label = Release(name=release[0], title=release[1]).label
    # The site's version is named on a site of one document; on one of several, a document's
    # PDF names none (it is the same in every version until its document changes).
    assert (label in reader.metadata.subject and label in xmp) is views
    # Dates from SOURCE_DATE_EPOCH (tests/conftest.py: noon UTC of the content's own day).
    assert reader.metadata["/CreationDate"] == BUILD_DAY.strftime("D:%Y%m%d120000Z")


def test_every_font_is_embedded(document):
    reader = PdfReader(document)
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"].get_object().get("/Font", {}).items():
            fonts[name] = ref.get_object()
    assert fonts
    for name, font in fonts.items():
        descendants = font.get("/DescendantFonts")
        described = descendants[0].get_object() if descendants else font
        descriptor = described["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{name} is not embedded"


def test_bookmarks_lead_to_every_page_of_the_document(document, exported, release, views):
    reader = PdfReader(document)

    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title

    bookmarks = set(titles(reader.outline))
    shared = [content.parts()["roller"], content.parts()["uppfoljning"]]
    pages = [*content.adopted_pages(), *(shared if views else [])]
    for page in (content.html_path(p) for p in pages):
        heading = re.search(r"<h1[^>]*>(.*?)<a", (exported / release[0] / page).read_text("utf-8"))
        assert unescape(heading.group(1)) in bookmarks
    if not views:  # the site's views are in no document's PDF
        for page in (content.html_path(p) for p in shared):
            heading = re.search(r"<h1[^>]*>(.*?)<a", (exported / release[0] / page).read_text("utf-8"))
            assert unescape(heading.group(1)) not in bookmarks, page


def test_structure_tree_holds_headings_lists_and_tables_with_header_cells(document, policy, views):
    found = structure_types(document)
    # The title page's facts are a table with header cells; the contents are a list.
    for kind in ("Document", "H1", "H2", "P", "L", "LI", "Table", "TR", "TH", "TD"):
        assert kind in found, f"no {kind} in the structure tree"
    if views:
        for kind in ("H3", "Figure"):
            assert kind in found, f"no {kind} in the structure tree"
        # The matrix alone has a header cell per role and per area.
        assert found.count("TH") >= len(policy.roles) + len(policy.areas)


def test_every_seed_sentence_is_in_the_text_in_order_with_swedish_letters(document):
    parts = sections(document)
    assert fidelity_problems(SEED.read_text("utf-8"), parts) == NO_PROBLEMS
    assert all(letter in " ".join(parts) for letter in "åäö")


def test_the_fidelity_check_of_the_pdf_can_fail(document, policy):
    parts = sections(document)
    seed = SEED.read_text("utf-8")
    sentence = normalize(policy.goals[0].text)
    assert sentence in " ".join(parts)
    dropped = [s.replace(sentence, "") for s in parts]
    assert fidelity_problems(seed, dropped)["missing"] == [sentence]


def test_every_role_and_every_matrix_row_is_in_the_text(document, policy, views):
    text = reading_text(document)
    if not views:
        # A site of several documents: the matrix, with every document's parts, is the site's.
        caption = inspect.signature(roles.matrix).parameters["caption"].default
        assert caption not in text
        return
    for role in policy.roles:
        assert role.name in text, role.name
    all_parts = roles.parts(policy)
    for area in policy.areas:
        labels = []
        for role in policy.roles:
            kinds = []
            for part in all_parts:
                if part.area == area.id and part.role == role.id and part.type not in kinds:
                    kinds.append(part.type)
            labels += [kind.label for kind in kinds]
        row = " ".join([area.name, *labels])
        assert row in text, f"matrix row not in the PDF: {row}"


def test_generated_views_are_vector_graphics_not_images(document, views):
    reader = PdfReader(document)
    for page in reader.pages:
        for ref in page["/Resources"].get_object().get("/XObject", {}).values():
            assert ref.get_object().get("/Subtype") != "/Image", "a view was drawn as an image"
    assert structure_types(document).count("Figure") >= (2 if views else 0)


def test_two_builds_give_the_same_pdf(tmp_path):
    project = ROOT if CONTENT == ROOT else copy_project(tmp_path / "project")
    os.environ[pdf.ENV_SWITCH] = "1"
    try:
        builds = [tmp_path / "a", tmp_path / "b"]
        for site in builds:
            result = mkdocs_build(project, site)
            assert result.returncode == 0, result.stderr
    finally:
        del os.environ[pdf.ENV_SWITCH]
    policy = load_policy(CONTENT / "data").policy
    first, second = (site / pdf.file_name(policy) for site in builds)
    assert reading_text(first) == reading_text(second)
    assert len(PdfReader(first).pages) == len(PdfReader(second).pages)
    assert first.read_bytes() == second.read_bytes()

"""The changes of a site of several documents: grouped by document, under its name, and
what the documents share apart; a site of one document is compared as before."""

from __future__ import annotations

import re
import shutil

import pytest

from macros.policy import sources
from macros.views import changes
from tests import documents
from tests.catalogue.cases_changes import as_text, markup_outside_code
from tests.conftest import CONTENT
from tests.editing import line_at, set_value
from tests.unit.test_changes import ROLE, ROLE_INDEX, edited


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict[str, str]:
    """The sources of the content under test with the routine added (tests/documents.py)."""
    project = tmp_path_factory.mktemp("dokument")
    for part in ("data", "docs"):
        shutil.copytree(CONTENT / part, project / part)
    shutil.copy2(CONTENT / "mkdocs.yml", project / "mkdocs.yml")
    documents.add_document(project)
    return sources.collect(project)


def compare(old: dict[str, str], new: dict[str, str]):
    return changes.compare_site(sources.load(old), old, sources.load(new), new)


def page_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


PAGE = f"docs/{documents.ID}/index.md"
FACTS = f"data/{documents.ID}/dokument.yml"


def test_a_change_in_one_document_names_it_and_says_the_others_are_unchanged(base):
    new = dict(base, **{PAGE: base[PAGE] + "\nEtt nytt stycke i rutinen.\n",
                        FACTS: base[FACTS].replace("gäller_för: uppgift saknas", "gäller_för: Alla")})
    found = compare(base, new)
    assert isinstance(found, changes.SiteChanges)
    assert [d.id for d in found.changed] == [documents.ID] and not found.shared
    own = found.changed[0].changes
    assert [(c.page, c.kind) for c in own.prose] == [(PAGE, "tillägg")]
    assert [c.field for c in own.document] == ["gäller_för"]
    first = sources.load(base).policy.document.name
    html = changes.to_html(found, "a", "b")
    assert f'<h2 id="dokument-{documents.ID}" class="changes-document">{documents.NAME}</h2>' in html
    text = page_text(html)
    assert "Övriga dokument på webbplatsen är oförändrade." in text and "Ett nytt stycke i rutinen." in text
    assert first not in text  # only what changed is named
    markdown = changes.to_markdown(found, "a", "b")
    assert f"### {documents.NAME}" in markdown and "#### Text" in markdown and first not in markdown
    assert "- `gäller_för`: uppgift saknas → Alla" in markdown


def test_what_the_documents_share_is_apart_and_no_document_is_named(base):
    def rename(text):
        return edited(text, lambda p: set_value(p, line_at(p, "roller", ROLE_INDEX, "namn"),
                                                f"namn: {ROLE['namn']}en"))

    found = compare(base, dict(base, **{"data/roller.yml": rename(base["data/roller.yml"])}))
    assert not found.changed and found.shared
    text = page_text(changes.to_html(found, "a", "b"))
    assert "Inget av dokumenten är ändrat" in text and changes.SHARED_HEADING in text
    assert f"{ROLE['namn']} → {ROLE['namn']}en" in text


def test_a_site_of_one_document_is_compared_as_before():
    old = sources.collect(CONTENT)
    loaded = sources.load(old)
    if not loaded.documents:  # a site of one document stays compared as before
        assert isinstance(compare(old, old), changes.Changes)


def test_a_document_added_is_said_to_be_new(base):
    old = {k: v for k, v in base.items() if f"/{documents.ID}/" not in k}
    old["mkdocs.yml"] = base["mkdocs.yml"].replace(f", {documents.ID}]", "]")
    if "styrdokument: []" in old["mkdocs.yml"] or re.search(r"styrdokument: \[[\w-]+\]", old["mkdocs.yml"]):
        old.pop("mkdocs.yml")  # a site of one document keeps no settings file in its sources
    found = compare(old, base)
    added = [d for d in found.changed if d.id == documents.ID]
    assert added and added[0].state == "tillägg"
    assert "Dokumentet är nytt på webbplatsen i den här versionen." in changes.to_html(found, "a", "b")


def test_a_document_name_is_shown_as_the_text_it_is(base):
    name = "Rutin <img src=x onerror=alert(1)> [Inga ändringar](https://angripare.example/) **fet** | a |"
    facts = base[FACTS].replace(f"dokumentnamn: {documents.NAME}", f"dokumentnamn: '{name}'")
    found = compare(base, dict(base, **{FACTS: facts}))
    html = changes.to_html(found, "a", "b")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    markdown = changes.to_markdown(found, "a", "b")
    assert not markup_outside_code(markdown), markup_outside_code(markdown)
    assert f"### {name}" in as_text(markdown)

"""A site of several governing documents: the settings' list, each document's own data
and text, and the rules between documents, each mistake with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.policy.errors import DataErrors
from macros.policy.loading import load_policy
from tests import documents
from tests.conftest import CONTENT
from tests.editing import edit, line_of


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the content under test with the routine added (tests/documents.py)."""
    for part in ("data", "docs"):
        shutil.copytree(CONTENT / part, tmp_path / part)
    shutil.copy2(CONTENT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    documents.add_document(tmp_path)
    return tmp_path


def errors(project: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_policy(project / "data", project / "docs")
    return [str(error) for error in caught.value.errors]


def test_each_document_has_its_own_items_and_shares_the_roles(project):
    loaded = load_policy(project / "data", project / "docs")
    before = load_policy(CONTENT / "data", CONTENT / "docs")
    assert [d.id for d in loaded.documents] == [d.id for d in before.documents] + [documents.ID]
    added = loaded.documents[-1]
    assert added.policy.document.name == documents.NAME
    assert [r.id for r in added.policy.responsibilities] == ["provrutin-ansvar", "provrutin-rapport"]
    assert [o.id for o in added.policy.obligations] == ["provrapport"]
    assert added.policy.roles is loaded.policy.roles or added.policy.roles == loaded.policy.roles
    # The first document is as it was.
    assert loaded.policy.responsibilities == before.policy.responsibilities


def test_a_source_must_come_from_its_own_documents_text(project):
    page = project / "docs" / documents.ID / "index.md"
    edit(page, documents.SENTENCES[1], "Något annat står här.")
    path = project / "data" / documents.ID / "ansvar.yml"
    line = line_of(path, documents.SENTENCES[1])
    assert errors(project) == [
        f"data/{documents.ID}/ansvar.yml:{line}: ansvar[0].källa: citatet finns inte ordagrant i "
        "policyns antagna text (sidorna i docs/ med 'antagen_text: true' i sidhuvudet och texterna i "
        "data/); kopiera hela meningar exakt som de står där"]


def test_a_document_that_makes_concrete_one_not_on_the_site(project):
    path = project / "data" / documents.ID / "dokument.yml"
    first = documents.settings_ids(project)[0]
    line = edit(path, f"konkretiserar: {first}", "konkretiserar: finns-inte")
    [message] = errors(project)
    assert message.startswith(f"data/{documents.ID}/dokument.yml:{line}: konkretiserar: det finns inget "
                              "dokument 'finns-inte' på webbplatsen")
    assert f"'{first}'" in message


def test_documents_that_make_each_other_concrete_are_a_circle(project):
    first = documents.settings_ids(project)[0]
    main = project / "data" / "dokument.yml"
    text = main.read_text("utf-8")
    main.write_text(text.rstrip("\n") + f"\nkonkretiserar: {documents.ID}\n", "utf-8")
    line = len(main.read_text("utf-8").splitlines())
    [message] = errors(project)
    assert message.startswith(f"data/dokument.yml:{line}: konkretiserar: dokumenten konkretiserar "
                              f"varandra i en cirkel ({first} → {documents.ID} → {first})")


def test_an_id_two_documents_share_is_refused_with_both_places(project):
    main = load_policy(CONTENT / "data", CONTENT / "docs").policy
    taken = main.responsibilities[0].id
    path = project / "data" / documents.ID / "ansvar.yml"
    line = edit(path, "id: provrutin-ansvar", f"id: {taken}")
    [message] = errors(project)
    assert message.startswith(f"data/{documents.ID}/ansvar.yml:{line}: ansvar.id: id '{taken}' har redan "
                              "ansvaret i dokumentet")
    assert f"data/ansvar.yml:{line_of(CONTENT / 'data' / 'ansvar.yml', f'id: {taken}')}" in message


@pytest.mark.parametrize("listed, expected", [
    ("[a, a]", "'a' står redan i listan"),
    ("[a, Fel]", "'Fel' är inget id"),
    ("[a, assets]", "'assets' är namnet på en av webbplatsens egna mappar"),
    ("[a, saknas]", "mappen data/saknas/ finns inte"),
    ("riktlinjer", "ska vara en lista med dokumentens id"),
])
def test_the_settings_list_is_checked_with_its_line(project, listed, expected):
    documents.list_documents(project, [listed[1:-1]] if listed.startswith("[") else [listed])
    path = project / "mkdocs.yml"
    text = path.read_text("utf-8").replace(f"styrdokument: [{listed[1:-1] if listed.startswith('[') else listed}]",
                                           f"styrdokument: {listed}")
    path.write_text(text, "utf-8")
    # The settings' line, not a commented example of it (the skeleton's "#   styrdokument: …").
    line = next(n for n, row in enumerate(path.read_text("utf-8").splitlines(), start=1)
                if row.startswith("  styrdokument:"))
    found = [m for m in errors(project) if m.startswith("mkdocs.yml:")]
    assert found and all(m.startswith(f"mkdocs.yml:{line}: extra.styrdokument") for m in found)
    assert any(expected in m for m in found), found


def test_a_document_folder_without_its_line_in_the_settings_is_named(project):
    ids = documents.settings_ids(project)
    documents.list_documents(project, [i for i in ids if i != documents.ID])
    found = errors(project)
    assert f"data/{documents.ID}/dokument.yml: filen är ingen av datafilerna och läses inte; är " \
           f"data/{documents.ID}/ ett eget styrdokument, skriv '{documents.ID}' i mkdocs.yml under " \
           "extra: styrdokument (se README)" in found


def test_a_sentence_of_another_documents_text_is_no_source(project):
    main = load_policy(CONTENT / "data", CONTENT / "docs").policy
    borrowed = " ".join(main.responsibilities[0].source.split())
    path = project / "data" / documents.ID / "ansvar.yml"
    line = edit(path, f"källa: {documents.SENTENCES[1]}", f"källa: {borrowed}")
    [message] = errors(project)
    assert message.startswith(f"data/{documents.ID}/ansvar.yml:{line}: ansvar[0].källa: citatet finns inte ordagrant")

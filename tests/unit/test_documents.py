"""A site of several governing documents: the settings' list, each document's own data
and text, and the rules between documents, each mistake with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

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
    # The message names the document's own adopted text and its file, not the policy's.
    assert errors(project) == [
        f"data/{documents.ID}/ansvar.yml:{line}: ansvar[0].källa: citatet finns inte ordagrant i "
        f"den antagna texten till '{documents.NAME}' (data/{documents.ID}/antagen-text.txt, så som "
        f"sidorna i docs/{documents.ID}/ med 'antagen_text: true' i sidhuvudet och texterna i "
        f"data/{documents.ID}/ återger den); kopiera hela meningar exakt som de står där"]


def test_a_part_of_a_sentence_is_told_against_its_own_documents_text(project):
    path = project / "data" / documents.ID / "ansvar.yml"
    line = edit(path, documents.SENTENCES[1], documents.SENTENCES[1].split(" ", 1)[1])
    [message] = errors(project)
    assert message.startswith(
        f"data/{documents.ID}/ansvar.yml:{line}: ansvar[0].källa: citatet börjar eller slutar mitt i "
        f"en mening; en källa är hela meningar ur den antagna texten till '{documents.NAME}' "
        f"(data/{documents.ID}/antagen-text.txt")
    assert "policyns" not in message


def test_a_document_whose_pages_carry_no_adopted_text_is_named(project):
    page = project / "docs" / documents.ID / "index.md"
    edit(page, "antagen_text: true\n", "")
    assert errors(project) == [
        f"docs/{documents.ID}/: ingen sida i docs/{documents.ID}/ har 'antagen_text: true' i "
        f"sidhuvudet, så källorna i data/{documents.ID}/ kan inte letas upp i den antagna texten; "
        "skriv raden i sidhuvudet på sidan (eller sidorna) som återger den antagna texten"]


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


def relate(project: Path, lines: str) -> int:
    """Give the added document one related document (``lines`` under its list item);
    the line where the list item's fields start."""
    path = project / "data" / documents.ID / "dokument.yml"
    facts = load_policy(project / "data", project / "docs").policy.document
    text = path.read_text("utf-8").rstrip("\n")
    item = (f"\nrelaterade_dokument:\n  - id: forsta\n    namn: {facts.name}\n    dokumenttyp: "
            f"{facts.document_type.value}\n    beslutas_av: {facts.adopted_by}\n    källa: {documents.SENTENCES[0]}\n")
    path.write_text(text + item + "".join(f"    {line}\n" for line in lines.splitlines()), "utf-8")
    return len((text + item).splitlines()) + 1


def test_a_related_document_of_the_site_is_named_by_its_id(project):
    first = documents.settings_ids(project)[0]
    relate(project, f"status: publicerat\ndokument: {first}")
    loaded = load_policy(project / "data", project / "docs")
    [related] = loaded.documents[-1].policy.document.related
    assert related.site_document == first


def test_a_related_document_not_on_the_site_is_told_with_its_line(project):
    first = documents.settings_ids(project)[0]
    line = relate(project, "status: publicerat\ndokument: finns-inte") + 1
    [message] = errors(project)
    assert message.startswith(
        f"data/{documents.ID}/dokument.yml:{line}: relaterade_dokument[0].dokument: det finns inget "
        "dokument 'finns-inte' på webbplatsen (dokumenten i mkdocs.yml under extra: styrdokument: ")
    assert f"'{first}'" in message and f"'{documents.ID}'" in message


@pytest.mark.parametrize("fields, field, expected", [
    ("status: ej_publicerat\ndokument: {first}", "status", "är publicerat; sätt status till 'publicerat'"),
    ("status: publicerat\ndokument: {first}\nadress: https://example.org/", "adress",
     "länkas till sin sida där och har ingen adress"),
])
def test_a_related_document_of_the_site_is_published_without_address(project, fields, field, expected):
    first = documents.settings_ids(project)[0]
    start = relate(project, fields.format(first=first))
    line = start + fields.split("\n").index(next(f for f in fields.split("\n") if f.startswith(field)))
    [message] = errors(project)
    assert message.startswith(f"data/{documents.ID}/dokument.yml:{line}: relaterade_dokument[0].{field}: "
                              "ett dokument som finns på webbplatsen ('dokument') ")
    assert expected in message



def test_a_site_of_one_document_has_no_related_document_of_its_own(tmp_path):
    """Without the settings' list, a related document cannot name one of the site's."""
    others = shutil.ignore_patterns(*documents.settings_ids(CONTENT)[1:])  # the first document alone
    for part in ("data", "docs"):
        shutil.copytree(CONTENT / part, tmp_path / part, ignore=others)
    path = tmp_path / "data" / "dokument.yml"
    facts = yaml.safe_load(path.read_text("utf-8"))
    for related in facts.get("relaterade_dokument") or []:
        if related.pop("dokument", None):  # no longer on the site
            related["status"] = "ej_publicerat"
    facts.setdefault("relaterade_dokument", []).append({
        "id": "annat-dokument", "namn": "Annat dokument", "dokumenttyp": "rutin",
        "beslutas_av": facts["beslutas_av"], "status": "publicerat", "dokument": "annat",
        "källa": facts["revidering"]["källa"]})
    path.write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), "utf-8")
    position = len(facts["relaterade_dokument"]) - 1
    assert errors(tmp_path) == [
        f"data/dokument.yml:{line_of(path, 'dokument: annat')}: relaterade_dokument[{position}].dokument: "
        "det finns inget dokument 'annat' på webbplatsen (webbplatsen har ett enda styrdokument, utan "
        "lista extra: styrdokument i mkdocs.yml); ta bort 'dokument' och ange status och adress"]


def test_the_search_labels_are_a_json_literal_no_name_can_end(tmp_path):
    """The script that labels search results holds the documents' names as a JSON literal:
    a hostile name stays a string (every character outside ASCII escaped)."""
    import json
    import re as regex

    from macros.site import search

    hostile = '"];alert(1)//</script><img src=x onerror=alert(2)>\u2028å'
    search.write_document_labels(tmp_path, [{"mapp": "riktlinjer/", "namn": hostile}])
    script = (tmp_path / search.DOCUMENTS_SCRIPT).read_text("utf-8")
    literal = regex.search(r"var documents = (.*?);\n", script).group(1)
    assert json.loads(literal) == [{"mapp": "riktlinjer/", "namn": hostile}]
    assert literal.isascii() and "</" not in literal and "<img" not in literal


def test_a_view_of_one_document_must_name_one_of_the_sites():
    from macros.policy.documents import DocumentSetting, view_document_problem

    several = DocumentSetting("policyn", ("riktlinjer",))
    assert view_document_problem("role_matrix", "riktlinjer", several) is None
    assert view_document_problem("role_matrix", "policyn", several) is None
    told = view_document_problem("role_matrix", "<script>", several)
    assert told.startswith("role_matrix('<script>')") and "'policyn', 'riktlinjer'" in told
    one = DocumentSetting()
    assert "bara ett dokument" in view_document_problem("role_matrix", "policyn", one)
    assert "bara ett dokument" in view_document_problem("role_matrix", 3, one)

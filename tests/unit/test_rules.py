"""The cross-file rules on roles, areas and responsibilities: one test per rule.

Each test picks what it edits from the data it runs on (tests.conftest.CONTENT).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.policy.errors import DataErrors
from macros.policy.loading import load_policy
from tests.conftest import CONTENT
from tests.editing import delete_key, edit_at, indent_of, insert_after, line_at, located, set_line, set_value

REPORTING = ("rapporterar", "kan_rapportera")
DECIDING = ("beslutar", "kan_besluta", "ansvarar")
ADOPTED_PAGE_MISMATCH = (
    "citatet finns inte ordagrant i policyns antagna text (sidorna i docs/ med 'antagen_text: "
    "true' i sidhuvudet och texterna i data/); kopiera hela meningar exakt som de står där"
)


def errors(data_dir: Path, docs: Path | None = None) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_policy(data_dir, docs)
    return [str(e) for e in caught.value.errors]


def items(data_dir: Path, name: str, key: str) -> list[dict]:
    return located(data_dir / name)[0][key]


def ids(data_dir: Path, name: str, key: str) -> list[str]:
    return [item["id"] for item in items(data_dir, name, key)]


def test_unknown_role_in_a_responsibility(data_dir):
    path = data_dir / "ansvar.yml"
    index = min(7, len(items(data_dir, "ansvar.yml", "ansvar")) - 1)
    role = items(data_dir, "ansvar.yml", "ansvar")[index]["roll"]
    line = edit_at(path, line_at(path, "ansvar", index, "roll"), f"roll: {role}", f"roll: {role}x")
    [message] = errors(data_dir)
    assert message.startswith(
        f"data/ansvar.yml:{line}: ansvar[{index}].roll: okänd roll '{role}x'; menade du "
        f"'{role}'? (kända roller i roller.yml: '{ids(data_dir, 'roller.yml', 'roller')[0]}',"
    )


def test_unknown_area(data_dir):
    path = data_dir / "ansvar.yml"
    index = min(6, len(items(data_dir, "ansvar.yml", "ansvar")) - 1)
    area = items(data_dir, "ansvar.yml", "ansvar")[index]["område"]
    line = edit_at(path, line_at(path, "ansvar", index, "område"), f"område: {area}", f"område: {area}x")
    [message] = errors(data_dir)
    assert message.startswith(
        f"data/ansvar.yml:{line}: ansvar[{index}].område: okänt område '{area}x'; menade du "
        f"'{area}'?"
    )
    assert f"(kända områden i omraden.yml: '{ids(data_dir, 'omraden.yml', 'områden')[0]}'," in message


def reporting(data_dir: Path) -> tuple[int, dict]:
    """The first responsibility that reports to someone. A content where none does has its
    last responsibility made one that reports, to another role, as an editor makes one."""
    found = next(((i, r) for i, r in enumerate(items(data_dir, "ansvar.yml", "ansvar")) if r.get("till")), None)
    if found:
        return found
    path = data_dir / "ansvar.yml"
    index = len(items(data_dir, "ansvar.yml", "ansvar")) - 1
    role = items(data_dir, "ansvar.yml", "ansvar")[index]["roll"]
    other = next(r for r in ids(data_dir, "roller.yml", "roller") if r != role)
    line = set_line(path, line_at(path, "ansvar", index, "typ"), "typ: rapporterar")
    insert_after(path, line, f"{indent_of(path, line)}till: [{other}]")
    return index, items(data_dir, "ansvar.yml", "ansvar")[index]


def test_unknown_recipient(data_dir):
    path = data_dir / "ansvar.yml"
    index, item = reporting(data_dir)
    recipient = item["till"][0]
    line = edit_at(path, line_at(path, "ansvar", index, "till", 0), recipient, recipient + "x")
    [message] = errors(data_dir)
    assert message.startswith(
        f"data/ansvar.yml:{line}: ansvar[{index}].till[0]: okänd roll '{recipient}x'; menade du "
        f"'{recipient}'?"
    )


def test_recipients_only_for_reporting_types(data_dir):
    path = data_dir / "ansvar.yml"
    index, item = next((i, r) for i, r in enumerate(items(data_dir, "ansvar.yml", "ansvar"))
                       if r["typ"] not in REPORTING)
    other = next(role for role in ids(data_dir, "roller.yml", "roller") if role != item["roll"])
    typ_line = line_at(path, "ansvar", index, "typ")
    line = insert_after(path, typ_line, f"{indent_of(path, typ_line)}till: [{other}]")
    assert errors(data_dir) == [
        f"data/ansvar.yml:{line}: ansvar[{index}].till: 'till' hör bara till typerna 'rapporterar' "
        f"och 'kan_rapportera', inte till '{item['typ']}'; ta bort 'till' eller ändra typen"
    ]


def test_reporting_type_needs_recipients(data_dir):
    path = data_dir / "ansvar.yml"
    index, item = reporting(data_dir)
    delete_key(path, line_at(path, "ansvar", index, "till"))
    line = line_at(path, "ansvar", index, "typ")
    assert errors(data_dir) == [
        f"data/ansvar.yml:{line}: ansvar[{index}].typ: typen '{item['typ']}' behöver 'till': "
        "de roller som rollen rapporterar till"
    ]


def test_a_role_cannot_report_to_itself(data_dir):
    path = data_dir / "ansvar.yml"
    index, item = reporting(data_dir)
    line = line_at(path, "ansvar", index, "till", 0)
    edit_at(path, line, item["till"][0], item["roll"])
    assert errors(data_dir) == [
        f"data/ansvar.yml:{line}: ansvar[{index}].till[0]: en roll kan inte rapportera till sig själv"
    ]


def test_responsibility_ids_are_unique(data_dir):
    path = data_dir / "ansvar.yml"
    known = ids(data_dir, "ansvar.yml", "ansvar")
    index = min(3, len(known) - 1)
    line = edit_at(path, line_at(path, "ansvar", index, "id"), f"id: {known[index]}", f"id: {known[index - 1]}")
    assert errors(data_dir) == [
        f"data/ansvar.yml:{line}: ansvar[{index}].id: id '{known[index - 1]}' används redan av "
        f"ansvaret nummer {index} i listan; varje id måste vara unikt"
    ]


def test_area_ids_are_unique(data_dir):
    path = data_dir / "omraden.yml"
    known = ids(data_dir, "omraden.yml", "områden")
    index = min(5, len(known) - 1)
    line = edit_at(path, line_at(path, "områden", index, "id"), f"id: {known[index]}", f"id: {known[index - 1]}")
    messages = errors(data_dir)
    assert (
        f"data/omraden.yml:{line}: områden[{index}].id: id '{known[index - 1]}' används redan av området "
        f"nummer {index} i listan; varje id måste vara unikt"
    ) in messages


def test_every_area_needs_a_role_that_decides_or_is_responsible(data_dir):
    path = data_dir / "ansvar.yml"
    responsibilities = items(data_dir, "ansvar.yml", "ansvar")
    areas = ids(data_dir, "omraden.yml", "områden")
    # The area with the fewest deciders; each of them only carries it out instead.
    area = min(areas, key=lambda a: sum(r["område"] == a and r["typ"] in DECIDING for r in responsibilities))
    for index, item in enumerate(responsibilities):
        if item["område"] == area and item["typ"] in DECIDING:
            edit_at(path, line_at(path, "ansvar", index, "typ"), f"typ: {item['typ']}", "typ: utför")
    index = areas.index(area)
    line = line_at(data_dir / "omraden.yml", "områden", index)
    assert errors(data_dir) == [
        f"data/omraden.yml:{line}: områden[{index}]: området '{area}' har ingen roll med "
        "typen 'beslutar' eller 'kan_besluta' eller 'ansvarar' i ansvar.yml; varje område behöver "
        "någon som ansvarar eller beslutar"
    ]


def test_every_role_has_a_part(data_dir):
    path = data_dir / "roller.yml"
    count = len(ids(data_dir, "roller.yml", "roller"))
    path.write_text(
        path.read_text("utf-8") + "  - id: ny-roll\n    namn: Ny roll\n    slag: tjänsteperson\n", "utf-8"
    )
    line = line_at(path, "roller", count)
    assert errors(data_dir) == [
        f"data/roller.yml:{line}: roller[{count}]: rollen 'ny-roll' har inget ansvar i ansvar.yml och "
        "tar inte emot någon rapport; lägg till dess ansvar eller ta bort rollen"
    ]


def test_source_sentence_must_be_in_the_adopted_text(data_dir):
    path = data_dir / "ansvar.yml"
    line = line_at(path, "ansvar", 0, "källa")
    word = items(data_dir, "ansvar.yml", "ansvar")[0]["källa"].split()[0]
    edit_at(path, line, word, word + "x")
    assert errors(data_dir, CONTENT / "docs") == [
        f"data/ansvar.yml:{line}: ansvar[0].källa: {ADOPTED_PAGE_MISMATCH}"
    ]


def test_source_must_be_whole_sentences(data_dir):
    path = data_dir / "ansvar.yml"
    start = " ".join(items(data_dir, "ansvar.yml", "ansvar")[0]["källa"].split()[:2])
    line = set_value(path, line_at(path, "ansvar", 0, "källa"), f"källa: {start}")
    [message] = errors(data_dir, CONTENT / "docs")
    assert message.startswith(f"data/ansvar.yml:{line}: ansvar[0].källa: citatet börjar eller slutar mitt i en mening")


def adopted_pages(target: Path) -> Path:
    """A copy of the content's pages that carry the adopted text, and only those."""
    target.mkdir()
    for page in (CONTENT / "docs").rglob("*.md"):
        text = page.read_text("utf-8")
        if "\nantagen_text: true\n" in text.split("\n---", 1)[0] + "\n":
            copy = target / page.relative_to(CONTENT / "docs")  # a further document's in its folder
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(text, "utf-8")
    assert list(target.iterdir()), "no page of the content says antagen_text: true"
    return target


def test_source_from_a_page_that_is_not_the_adopted_text(data_dir, tmp_path):
    """A sentence of the site's own help text is no source, until its page declares itself."""
    docs = adopted_pages(tmp_path / "docs")
    help_page = "---\ntitle: Hjälp\n---\n\nSå här använder du webbplatsen varje dag.\n"
    (docs / "hjalp-for-test.md").write_text(help_page, "utf-8")
    path = data_dir / "ansvar.yml"
    line = set_value(path, line_at(path, "ansvar", 0, "källa"), "källa: Så här använder du webbplatsen varje dag.")
    [message] = errors(data_dir, docs)
    assert message.startswith(f"data/ansvar.yml:{line}: ansvar[0].källa: citatet finns inte ordagrant")
    (docs / "hjalp-for-test.md").write_text(help_page.replace("---\n\n", "antagen_text: true\n---\n\n"), "utf-8")
    assert load_policy(data_dir, docs).policy.responsibilities[0].source.startswith("Så här")


def test_source_sentence_found_in_prose_or_data():
    # Sentences stand on the adopted pages in docs/, role texts in roller.yml: all are found.
    policy = load_policy(CONTENT / "data", CONTENT / "docs").policy
    assert len(policy.responsibilities) == len(located(CONTENT / "data" / "ansvar.yml")[0]["ansvar"])


# --- Follow-up obligations ------------------------------------------------------------


def obligations(data_dir: Path) -> list[dict]:
    return items(data_dir, "uppfoljning.yml", "skyldigheter")


def test_obligation_with_unknown_role(data_dir):
    path = data_dir / "uppfoljning.yml"
    index, item = next((i, o) for i, o in enumerate(obligations(data_dir)) if o.get("vem"))
    line = edit_at(path, line_at(path, "skyldigheter", index, "vem"), f"vem: {item['vem']}", f"vem: {item['vem']}en")
    [message] = errors(data_dir)
    assert message.startswith(
        f"data/uppfoljning.yml:{line}: skyldigheter[{index}].vem: okänd roll '{item['vem']}en'; menade "
        f"du '{item['vem']}'?"
    )


def with_month(data_dir: Path, frequency: str | None = None) -> tuple[int, dict]:
    """The first obligation with a month (of the given frequency) and no day. A content that
    plans none so has its first obligation planned so, as an editor plans one."""
    found = next(
        ((i, o) for i, o in enumerate(obligations(data_dir))
         if (o.get("tid") or {}).get("månad") and "dag" not in o["tid"]
         and frequency in (None, o["hur_ofta"])), None)
    if found:
        return found
    path = data_dir / "uppfoljning.yml"
    if "tid" in obligations(data_dir)[0]:
        delete_key(path, line_at(path, "skyldigheter", 0, "tid"))
    line = set_line(path, line_at(path, "skyldigheter", 0, "hur_ofta"), f"hur_ofta: {frequency or 'varje_år'}")
    indent = indent_of(path, line)
    insert_after(path, line, f"{indent}tid:\n{indent}  månad: 3\n{indent}  bestäms_av: planeringen")
    return 0, obligations(data_dir)[0]


def test_month_outside_1_to_12(data_dir):
    path = data_dir / "uppfoljning.yml"
    index, _ = with_month(data_dir)
    line = set_line(path, line_at(path, "skyldigheter", index, "tid", "månad"), "månad: 13")
    assert errors(data_dir) == [
        f"data/uppfoljning.yml:{line}: skyldigheter[{index}].tid.månad: '13' är ingen månad; "
        "skriv månadens nummer, 1 (januari) till 12 (december)"
    ]


def test_start_year_only_for_every_second_year(data_dir):
    path = data_dir / "uppfoljning.yml"
    index, item = with_month(data_dir, "varje_år")
    month_line = line_at(path, "skyldigheter", index, "tid", "månad")
    line = insert_after(path, month_line, f"{indent_of(path, month_line)}startår: 2027")
    assert errors(data_dir) == [
        f"data/uppfoljning.yml:{line}: skyldigheter[{index}].tid.startår: 'startår' behövs bara när "
        "skyldigheten inte infaller likadant varje år; 'varje_år' gör det, ta bort 'startår'"
    ]


def test_no_month_for_what_has_no_fixed_time(data_dir):
    path = data_dir / "uppfoljning.yml"
    index, item = with_month(data_dir)
    set_line(path, line_at(path, "skyldigheter", index, "hur_ofta"), "hur_ofta: vid_behov")
    line = line_at(path, "skyldigheter", index, "tid")
    assert errors(data_dir) == [
        f"data/uppfoljning.yml:{line}: skyldigheter[{index}].tid: en skyldighet som ska "
        "göras 'vid_behov' har inga fasta tider; ta bort 'tid'"
    ]


def test_every_second_year_needs_its_start_year(data_dir):
    path = data_dir / "uppfoljning.yml"
    found = next(((i, o) for i, o in enumerate(obligations(data_dir)) if "startår" in (o.get("tid") or {})), None)
    if found:  # the content's own: its start year goes
        index, item = found
        delete_key(path, line_at(path, "skyldigheter", index, "tid", "startår"))
        frequency = item["hur_ofta"]
    else:  # none: an obligation planned by month is made one of every second year
        index, _ = with_month(data_dir)
        frequency = "vartannat_år"
        set_line(path, line_at(path, "skyldigheter", index, "hur_ofta"), f"hur_ofta: {frequency}")
    line = line_at(path, "skyldigheter", index, "tid")
    assert errors(data_dir) == [
        f"data/uppfoljning.yml:{line}: skyldigheter[{index}].tid: '{frequency}' infaller inte varje "
        "år likadant; 'tid' behöver 'startår' (ett år då skyldigheten infaller)"
    ]


def test_obligation_needs_its_source_sentence(data_dir):
    path = data_dir / "uppfoljning.yml"
    index = min(3, len(obligations(data_dir)) - 1)
    delete_key(path, line_at(path, "skyldigheter", index, "källa"))
    line = line_at(path, "skyldigheter", index)
    assert errors(data_dir) == [
        f"data/uppfoljning.yml:{line}: skyldigheter[{index}].källa: fältet 'källa' saknas; det är obligatoriskt"
    ]


def test_obligation_source_must_be_adopted_text(data_dir):
    path = data_dir / "uppfoljning.yml"
    index = min(3, len(obligations(data_dir)) - 1)
    line = line_at(path, "skyldigheter", index, "källa")
    last = obligations(data_dir)[index]["källa"].split()[-1]
    edit_at(path, line, last, "x" + last)
    assert errors(data_dir, CONTENT / "docs") == [
        f"data/uppfoljning.yml:{line}: skyldigheter[{index}].källa: {ADOPTED_PAGE_MISMATCH}"
    ]


def test_revision_rule_needs_its_years(data_dir):
    path = data_dir / "dokument.yml"
    revision = located(path)[0]["revidering"]
    if "år" in revision:
        delete_key(path, line_at(path, "revidering", "år"))
    set_line(path, line_at(path, "revidering", "regel"), "regel: år_efter_beslutet_eller_vid_behov")
    line = line_at(path, "revidering")
    assert errors(data_dir) == [
        f"data/dokument.yml:{line}: revidering: regeln 'år_efter_beslutet_eller_vid_behov' behöver "
        "'år': hur många år efter beslutsdatumet dokumentet senast ska revideras"
    ]


def test_a_day_that_does_not_exist_in_its_month_is_refused(data_dir):
    path = data_dir / "uppfoljning.yml"
    index, item = with_month(data_dir, "varje_år")
    month_line = set_line(path, line_at(path, "skyldigheter", index, "tid", "månad"), "månad: 4")
    line = insert_after(path, month_line, f"{indent_of(path, month_line)}dag: 31")
    assert errors(data_dir) == [
        f"data/uppfoljning.yml:{line}: skyldigheter[{index}].tid.dag: dag 31 finns inte i april, som "
        "'varje_år' infaller i; välj en dag som finns i varje sådan månad (högst 30)"
    ]


def test_errors_within_and_between_files_are_reported_at_once(data_dir):
    # A file that is broken on its own (a wrong type of value) and, in another file, a
    # reference to a role that does not exist: both in one run.
    path = data_dir / "tillganglighet.yml"
    edit_at(path, line_at(path, "förenlighet"), "förenlighet:", "förenlighet: 3\nx:")
    role = items(data_dir, "ansvar.yml", "ansvar")[0]["roll"]
    responsibilities = data_dir / "ansvar.yml"
    edit_at(responsibilities, line_at(responsibilities, "ansvar", 0, "roll"), f"roll: {role}", f"roll: {role}x")
    found = errors(data_dir)
    assert any(e.startswith("data/tillganglighet.yml") for e in found)
    assert any(e.startswith("data/ansvar.yml") and f"okänd roll '{role}x'" in e for e in found)

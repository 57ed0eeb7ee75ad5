"""The cross-file rules on roles, areas and responsibilities: one test per rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.errors import DataErrors
from macros.loading import load_policy
from tests.editing import edit
from tests.conftest import CONTENT



def errors(data_dir: Path, docs: Path | None = None) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_policy(data_dir, docs)
    return [str(e) for e in caught.value.errors]


def test_unknown_role_in_a_responsibility(data_dir):
    line = edit(data_dir / "ansvar.yml", "roll: sakerhetschef", "roll: sakerhetschefen")
    [message] = errors(data_dir)
    assert message.startswith(
        f"data/ansvar.yml:{line}: ansvar[7].roll: okänd roll 'sakerhetschefen'; menade du "
        "'sakerhetschef'? (kända roller i roller.yml: 'kommunfullmaktige',"
    )


def test_unknown_area(data_dir):
    line = edit(data_dir / "ansvar.yml", "område: personuppgiftsansvar", "område: personuppgifter")
    [message] = errors(data_dir)
    assert message.startswith(
        f"data/ansvar.yml:{line}: ansvar[6].område: okänt område 'personuppgifter'; menade du "
        "'personuppgiftsansvar'?"
    )
    assert "(kända områden i omraden.yml: 'policyn'," in message


def test_unknown_recipient(data_dir):
    line = edit(data_dir / "ansvar.yml", "till: [kommunstyrelsen]", "till: [styrelsen]")
    [message] = errors(data_dir)
    assert message.startswith(
        f"data/ansvar.yml:{line}: ansvar[14].till[0]: okänd roll 'styrelsen'; menade du "
        "'kommunstyrelsen'?"
    )


def test_recipients_only_for_reporting_types(data_dir):
    path = data_dir / "ansvar.yml"
    line = edit(path, "    typ: beslutar\n    källa: Kommunfullmäktige", "    typ: beslutar\n    till: [kommunstyrelsen]\n    källa: Kommunfullmäktige")
    assert errors(data_dir) == [
        f"data/ansvar.yml:{line + 1}: ansvar[0].till: 'till' hör bara till typerna 'rapporterar' "
        "och 'kan_rapportera', inte till 'beslutar'; ta bort 'till' eller ändra typen"
    ]


def test_reporting_type_needs_recipients(data_dir):
    path = data_dir / "ansvar.yml"
    line = edit(path, "    till: [kommunstyrelsen]\n", "")
    # The type line stands just above where "till" was.
    assert errors(data_dir) == [
        f"data/ansvar.yml:{line - 1}: ansvar[14].typ: typen 'kan_rapportera' behöver 'till': "
        "de roller som rollen rapporterar till"
    ]


def test_a_role_cannot_report_to_itself(data_dir):
    line = edit(data_dir / "ansvar.yml", "till: [kommunstyrelsen]", "till: [kommundirektor]")
    assert errors(data_dir) == [
        f"data/ansvar.yml:{line}: ansvar[14].till[0]: en roll kan inte rapportera till sig själv"
    ]


def test_responsibility_ids_are_unique(data_dir):
    line = edit(data_dir / "ansvar.yml", "id: ks-samordning", "id: ks-strategiskt-ansvar")
    assert errors(data_dir) == [
        f"data/ansvar.yml:{line}: ansvar[3].id: id 'ks-strategiskt-ansvar' används redan av "
        "ansvaret nummer 3 i listan; varje id måste vara unikt"
    ]


def test_area_ids_are_unique(data_dir):
    line = edit(data_dir / "omraden.yml", "id: revision", "id: uppfoljning")
    messages = errors(data_dir)
    assert (
        f"data/omraden.yml:{line}: områden[5].id: id 'uppfoljning' används redan av området "
        "nummer 5 i listan; varje id måste vara unikt"
    ) in messages


def test_every_area_needs_a_role_that_decides_or_is_responsible(data_dir):
    edit(data_dir / "ansvar.yml", "    område: personuppgiftsansvar\n    typ: ansvarar", "    område: personuppgiftsansvar\n    typ: utför")
    line = edit(data_dir / "omraden.yml", "  - id: personuppgiftsansvar", "  - id: personuppgiftsansvar")
    assert errors(data_dir) == [
        f"data/omraden.yml:{line}: områden[7]: området 'personuppgiftsansvar' har ingen roll med "
        "typen 'beslutar' eller 'kan_besluta' eller 'ansvarar' i ansvar.yml; varje område behöver "
        "någon som ansvarar eller beslutar"
    ]


def test_every_role_has_a_part(data_dir):
    (data_dir / "roller.yml").write_text(
        (data_dir / "roller.yml").read_text("utf-8")
        + "  - id: it-chef\n    namn: IT-chef\n    slag: tjänsteperson\n",
        "utf-8",
    )
    line = len((data_dir / "roller.yml").read_text("utf-8").splitlines()) - 2
    assert errors(data_dir) == [
        f"data/roller.yml:{line}: roller[9]: rollen 'it-chef' har inget ansvar i ansvar.yml och "
        "tar inte emot någon rapport; lägg till dess ansvar eller ta bort rollen"
    ]


def test_source_sentence_must_be_in_the_adopted_text(data_dir):
    path = data_dir / "ansvar.yml"
    line = edit(path, "källa: Kommunfullmäktige antar Melleruds kommuns informationssäkerhetspolicy.",
                "källa: Kommunfullmäktige fastställer Melleruds kommuns informationssäkerhetspolicy.")
    assert errors(data_dir, CONTENT / "docs") == [
        f"data/ansvar.yml:{line}: ansvar[0].källa: citatet finns inte ordagrant i policyns antagna "
        "text (sidorna i docs/ med 'antagen_text: true' i sidhuvudet och texterna i data/); "
        "kopiera hela meningar exakt som de står där"
    ]


def test_source_must_be_whole_sentences(data_dir):
    line = edit(data_dir / "ansvar.yml", "källa: Kommunfullmäktige antar Melleruds kommuns informationssäkerhetspolicy.",
                "källa: Kommunfullmäktige antar")
    [message] = errors(data_dir, CONTENT / "docs")
    assert message.startswith(f"data/ansvar.yml:{line}: ansvar[0].källa: citatet börjar eller slutar mitt i en mening")


def test_source_from_a_page_that_is_not_the_adopted_text(data_dir, tmp_path):
    """A sentence of the site's own help text is no source, until its page declares itself."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "policy.md").write_text((CONTENT / "docs" / "policy.md").read_text("utf-8"), "utf-8")
    help_page = "---\ntitle: Hjälp\n---\n\nSå här använder du webbplatsen varje dag.\n"
    (docs / "hjalp.md").write_text(help_page, "utf-8")
    line = edit(data_dir / "ansvar.yml", "källa: Kommunfullmäktige antar Melleruds kommuns informationssäkerhetspolicy.",
                "källa: Så här använder du webbplatsen varje dag.")
    [message] = errors(data_dir, docs)
    assert message.startswith(f"data/ansvar.yml:{line}: ansvar[0].källa: citatet finns inte ordagrant")
    (docs / "hjalp.md").write_text(help_page.replace("---\n\n", "antagen_text: true\n---\n\n"), "utf-8")
    assert load_policy(data_dir, docs).policy.responsibilities[0].source.startswith("Så här")


def test_source_sentence_found_in_prose_or_data():
    # Section 4 sentences stand in docs/policy.md, section 3 role texts in roller.yml.
    policy = load_policy(CONTENT / "data", CONTENT / "docs").policy
    assert len(policy.responsibilities) == 21


# --- Follow-up obligations ------------------------------------------------------------


def test_obligation_with_unknown_role(data_dir):
    line = edit(data_dir / "uppfoljning.yml", "vem: kommundirektor\n", "vem: kommundirektören\n")
    [message] = errors(data_dir)
    assert message.startswith(
        f"data/uppfoljning.yml:{line}: skyldigheter[5].vem: okänd roll 'kommundirektören'; menade "
        "du 'kommundirektor'?"
    )


def test_month_outside_1_to_12(data_dir):
    line = edit(data_dir / "uppfoljning.yml", "      månad: 3", "      månad: 13")
    assert errors(data_dir) == [
        f"data/uppfoljning.yml:{line}: skyldigheter[0].tid.månad: '13' är ingen månad; "
        "skriv månadens nummer, 1 (januari) till 12 (december)"
    ]


def test_start_year_only_for_every_second_year(data_dir):
    line = edit(data_dir / "uppfoljning.yml", "      månad: 3\n", "      månad: 3\n      startår: 2027\n")
    assert errors(data_dir) == [
        f"data/uppfoljning.yml:{line + 1}: skyldigheter[0].tid.startår: 'startår' behövs bara när "
        "skyldigheten inte infaller likadant varje år; 'varje_år' gör det, ta bort 'startår'"
    ]


def test_no_month_for_what_has_no_fixed_time(data_dir):
    path = data_dir / "uppfoljning.yml"
    line = edit(path, "    hur_ofta: vid_behov\n",
                "    hur_ofta: vid_behov\n    tid:\n      månad: 5\n      bestäms_av: planeringen\n")
    assert errors(data_dir) == [
        f"data/uppfoljning.yml:{line + 1}: skyldigheter[4].tid: en skyldighet som ska "
        "göras 'vid_behov' har inga fasta tider; ta bort 'tid'"
    ]


def test_every_second_year_needs_its_start_year(data_dir):
    path = data_dir / "uppfoljning.yml"
    line = edit(path, "      månad: 9\n      startår: 2027\n", "      månad: 9\n")
    assert errors(data_dir) == [
        f"data/uppfoljning.yml:{line - 1}: skyldigheter[1].tid: 'vartannat_år' infaller inte varje "
        "år likadant; 'tid' behöver 'startår' (ett år då skyldigheten infaller)"
    ]


def test_obligation_needs_its_source_sentence(data_dir):
    path = data_dir / "uppfoljning.yml"
    text = path.read_text("utf-8")
    start = text.index("  - id: dataskyddsrapport")
    block_end = text.index("    tid:", start)
    source_start = text.index("    källa:", start)
    path.write_text(text[:source_start] + text[block_end:], "utf-8")
    line = text[:start].count("\n") + 1
    assert errors(data_dir) == [
        f"data/uppfoljning.yml:{line}: skyldigheter[3].källa: fältet 'källa' saknas; det är obligatoriskt"
    ]


def test_obligation_source_must_be_adopted_text(data_dir):
    line = edit(data_dir / "uppfoljning.yml", "nämndsmöten halvårsvis.", "nämndsmöten varje kvartal.")
    assert errors(data_dir, CONTENT / "docs") == [
        f"data/uppfoljning.yml:{line - 2}: skyldigheter[3].källa: citatet finns inte ordagrant i "
        "policyns antagna text (sidorna i docs/ med 'antagen_text: true' i sidhuvudet och texterna "
        "i data/); kopiera hela meningar exakt som de står där"
    ]


def test_revision_rule_needs_its_years(data_dir):
    path = data_dir / "dokument.yml"
    line = edit(path, "  regel: varje_mandatperiod_eller_vid_behov\n",
                "  regel: år_efter_beslutet_eller_vid_behov\n")
    assert errors(data_dir) == [
        f"data/dokument.yml:{line - 1}: revidering: regeln 'år_efter_beslutet_eller_vid_behov' behöver "
        "'år': hur många år efter beslutsdatumet dokumentet senast ska revideras"
    ]


def test_a_day_that_does_not_exist_in_its_month_is_refused(data_dir):
    path = data_dir / "uppfoljning.yml"
    line = edit(path, "      månad: 4\n", "      månad: 4\n      dag: 31\n")
    assert errors(data_dir) == [
        f"data/uppfoljning.yml:{line + 1}: skyldigheter[3].tid.dag: dag 31 finns inte i april, som "
        "'varje_halvår' infaller i; välj en dag som finns i varje sådan månad (högst 30)"
    ]


def test_errors_within_and_between_files_are_reported_at_once(data_dir):
    # A file that is broken on its own (a wrong type of role) and, in another file, a
    # reference to a role that does not exist: both in one run.
    edit(data_dir / "tillganglighet.yml", "förenlighet:", "förenlighet: 3\nx:")
    edit(data_dir / "ansvar.yml", "    roll: kommunfullmaktige", "    roll: kommunfullmaktig")
    found = errors(data_dir)
    assert any(e.startswith("data/tillganglighet.yml") for e in found)
    assert any(e.startswith("data/ansvar.yml") and "okänd roll 'kommunfullmaktig'" in e for e in found)

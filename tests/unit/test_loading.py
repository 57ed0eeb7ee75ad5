"""The loader: YAML read safely with lines, every error in Swedish with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.policy.errors import DataErrors
from macros.policy.loading import DATA_FILES, DOCUMENT_FILES, load_policy
from macros.policy.reading import read_yaml
from tests.editing import edit as replace
from tests.editing import delete_key, edit_at, insert_after, line_at, line_of, located, set_line, with_related_document
from tests.conftest import CONTENT



def errors_of(data_dir: Path, docs_dir: Path | None = None) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_policy(data_dir, docs_dir)
    return [str(error) for error in caught.value.errors]


def raw(name: str):
    """The content's own data file, as YAML reads it."""
    path = CONTENT / "data" / name
    return located(path)[0] if path.exists() else {}


def test_the_real_data_loads_and_keeps_its_order():
    policy = load_policy(CONTENT / "data", CONTENT / "docs").policy
    assert [p.name for p in policy.principles] == [p["namn"] for p in raw("principer.yml")["principer"]]
    assert [g.id for g in policy.goals] == [g["id"] for g in raw("viljeriktningar.yml")["viljeriktningar"]]
    assert [m.id for m in policy.methods] == [m["id"] for m in raw("metodik.yml").get("metodik") or []]
    assert [r.id for r in policy.roles] == [r["id"] for r in raw("roller.yml")["roller"]]
    written = raw("dokument.yml")["beslut"]["datum"]
    assert policy.document.decision.date is None if written == "uppgift saknas" else str(policy.document.decision.date) == written


def test_duplicate_key_is_an_error_with_both_lines(data_dir):
    path = data_dir / "principer.yml"
    replace(path, "    namn: Riktighet\n", "    namn: Riktighet\n    namn: Riktigheten\n")
    first = line_of(path, "namn: Riktighet")
    assert errors_of(data_dir) == [
        f"data/principer.yml:{first + 1}: principer[1].namn: nyckeln 'namn' står två gånger i "
        f"samma samling (första gången på rad {first}); ta bort eller slå ihop den ena"
    ]


def role_index(data_dir: Path, wanted: int) -> int:
    """A role of the data to edit: the wanted index, or the last role of a shorter list."""
    return min(wanted, len(located(data_dir / "roller.yml")[0]["roller"]) - 1)


def test_unknown_key_is_refused_with_a_suggestion(data_dir):
    path = data_dir / "roller.yml"
    index = role_index(data_dir, 3)
    line = edit_at(path, line_at(path, "roller", index, "namn"), "namn:", "namm:")
    assert errors_of(data_dir) == [
        f"data/roller.yml:{line}: roller[{index}].namm: okänt fält 'namm'; menade du 'namn'? "
        "Fältet 'namn' saknas annars"
    ]


def test_extra_key_is_refused_naming_the_allowed_keys(data_dir):
    path = data_dir / "roller.yml"
    index = role_index(data_dir, 3)
    line = line_at(path, "roller", index, "namn") + 1
    insert_after(path, line - 1, "    färg: blå")
    assert errors_of(data_dir) == [
        f"data/roller.yml:{line}: roller[{index}].färg: okänt fält 'färg' "
        "(tillåtna fält: id, namn, policytext, slag)"
    ]


def test_wrong_type_names_what_was_found_and_expected(data_dir):
    path = data_dir / "viljeriktningar.yml"
    index = min(1, len(located(path)[0]["viljeriktningar"]) - 1)
    line = edit_at(path, line_at(path, "viljeriktningar", index, "text"), "text:", "text:\n      - a\n    x:")
    messages = errors_of(data_dir)
    assert f"data/viljeriktningar.yml:{line}: viljeriktningar[{index}].text: förväntade en text, fann en lista" in messages


def test_wrong_vocabulary_word_suggests_the_nearest(data_dir):
    path = data_dir / "roller.yml"
    index = role_index(data_dir, 4)
    kind = located(path)[0]["roller"][index]["slag"]
    line = edit_at(path, line_at(path, "roller", index, "slag"), f"slag: {kind}", f"slag: {kind[:-1]}")
    assert errors_of(data_dir) == [
        f"data/roller.yml:{line}: roller[{index}].slag: '{kind[:-1]}' är inte ett tillåtet värde; menade du "
        f"'{kind}'? (listan är stängd; tillåtna värden: 'politisk_församling', 'styrelse_eller_nämnd', "
        "'tjänsteperson', 'funktion', 'grupp', 'verksamhet', 'alla_anställda')"
    ]


def test_dangling_reference_names_the_known_roles(data_dir):
    path = data_dir / "dokument.yml"
    decider = located(path)[0]["beslutas_av"]
    roles = [r["id"] for r in located(data_dir / "roller.yml")[0]["roller"]]
    line = edit_at(path, line_at(path, "beslutas_av"), f"beslutas_av: {decider}", f"beslutas_av: {decider[:-1]}")
    [message] = errors_of(data_dir)
    assert message.startswith(
        f"data/dokument.yml:{line}: beslutas_av: okänd roll '{decider[:-1]}'; menade du "
        f"'{decider}'? (kända roller i roller.yml: '{roles[0]}', '{roles[1]}',"
    )


def test_duplicate_id_is_an_error(data_dir):
    path = data_dir / "principer.yml"
    replace(path, "id: riktighet", "id: konfidentialitet")
    line = line_of(path, "id: konfidentialitet") + 3
    assert errors_of(data_dir) == [
        f"data/principer.yml:{line}: principer[1].id: id 'konfidentialitet' används redan av "
        "principen nummer 1 i listan; varje id måste vara unikt"
    ]


def test_invalid_id_explains_the_form(data_dir):
    path = data_dir / "principer.yml"
    replace(path, "id: tillganglighet", "id: Tillgänglighet")
    [message] = errors_of(data_dir)
    assert "principer[2].id: 'Tillgänglighet' är inte ett giltigt id; använd små bokstäver" in message


def test_yaml_syntax_error_tab(data_dir):
    path = data_dir / "principer.yml"
    replace(path, "    namn: Riktighet", "\tnamn: Riktighet")
    line = line_of(path, "\tnamn: Riktighet")
    assert errors_of(data_dir) == [
        f"data/principer.yml:{line}: YAML-syntaxfel: tabbtecken är inte tillåtet i YAML; dra in "
        "med mellanslag (två per nivå)"
    ]


def test_yaml_syntax_error_quote_left_open(data_dir):
    path = data_dir / "principer.yml"
    replace(path, "namn: Riktighet", 'namn: "Riktighet')
    line = line_of(path, 'namn: "Riktighet')
    assert errors_of(data_dir) == [
        f"data/principer.yml:{line}: YAML-syntaxfel: citattecknet som börjar på den här raden "
        "avslutas aldrig; lägg till ett avslutande citattecken av samma slag"
    ]


def test_yaml_syntax_error_missing_colon(data_dir):
    path = data_dir / "principer.yml"
    replace(path, "    namn: Riktighet", "    namn Riktighet")
    line = line_of(path, "namn Riktighet")
    assert errors_of(data_dir) == [
        f"data/principer.yml:{line}: YAML-syntaxfel: ett kolon saknas efter nyckeln (skriv "
        "'nyckel: värde'), eller så fortsätter en rad utan rätt indrag"
    ]


def test_yaml_syntax_error_wrong_indentation(data_dir):
    path = data_dir / "principer.yml"
    replace(path, "    namn: Riktighet", "   namn: Riktighet")
    line = line_of(path, "   namn: Riktighet")
    assert errors_of(data_dir) == [
        f"data/principer.yml:{line}: YAML-syntaxfel: fel indrag: raden står längre ut eller in "
        "än raderna den hör ihop med"
    ]


def test_empty_value_must_say_unknown_explicitly(data_dir):
    path = data_dir / "dokument.yml"
    line = set_line(path, line_at(path, "beslut", "diarienummer"), "diarienummer:")
    assert errors_of(data_dir) == [
        f"data/dokument.yml:{line}: beslut.diarienummer: värdet är tomt; skriv uppgiften, eller "
        "'uppgift saknas' om den inte är känd"
    ]


def test_date_in_wrong_format(data_dir):
    path = data_dir / "dokument.yml"
    line = set_line(path, line_at(path, "beslut", "datum"), "datum: 15/10/2026")
    assert errors_of(data_dir) == [
        f"data/dokument.yml:{line}: beslut.datum: förväntade ett datum i formen ÅÅÅÅ-MM-DD "
        "(till exempel 2026-10-15), fann '15/10/2026'"
    ]


def test_a_known_date_is_read(data_dir):
    path = data_dir / "dokument.yml"
    set_line(path, line_at(path, "beslut", "datum"), "datum: 2026-10-15")
    assert str(load_policy(data_dir).policy.document.decision.date) == "2026-10-15"


def test_missing_and_empty_files(data_dir):
    (data_dir / "viljeriktningar.yml").unlink()
    (data_dir / "principer.yml").write_text("# bara en kommentar\n", encoding="utf-8")
    assert errors_of(data_dir) == [
        "data/principer.yml:1: filen är tom",
        "data/viljeriktningar.yml: filen saknas",
    ]


@pytest.mark.parametrize("methods", [None, "metodik: []\n"], ids=["no file", "empty list"])
def test_the_methods_list_is_optional(data_dir, methods):
    path = data_dir / "metodik.yml"
    if methods is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(methods, encoding="utf-8")
    assert load_policy(data_dir).policy.methods == []


def test_an_empty_methods_file_is_still_an_error(data_dir):
    (data_dir / "metodik.yml").write_text("# bara en kommentar\n", encoding="utf-8")
    assert errors_of(data_dir) == ["data/metodik.yml:1: filen är tom"]


def test_every_error_of_every_file_in_one_run(data_dir):
    principles = data_dir / "principer.yml"
    edit_at(principles, line_at(principles, "principer", 1, "namn"), "namn: ", "namn: [")
    roles = data_dir / "roller.yml"
    kind = located(roles)[0]["roller"][0]["slag"]
    edit_at(roles, line_at(roles, "roller", 0, "slag"), f"slag: {kind}", f"slag: {kind[:-1]}")
    goals = data_dir / "viljeriktningar.yml"
    edit_at(goals, line_at(goals, "viljeriktningar", 0, "id"), "- id:", "- idd:")
    messages = errors_of(data_dir)
    files = sorted({m.split(":")[0] for m in messages})
    assert files == ["data/principer.yml", "data/roller.yml", "data/viljeriktningar.yml"]
    assert len(messages) == 3  # one each; "idd" is reported as a misspelt "id"


def test_quoted_source_must_occur_in_the_adopted_text(data_dir):
    path = data_dir / "dokument.yml"
    line = line_at(path, "revidering", "källa")
    first_word = located(path)[0]["revidering"]["källa"].split()[0]
    edit_at(path, line, first_word, first_word + "x")
    assert errors_of(data_dir, CONTENT / "docs") == [
        f"data/dokument.yml:{line}: revidering.källa: citatet finns inte ordagrant i policyns "
        "antagna text (sidorna i docs/ med 'antagen_text: true' i sidhuvudet och texterna i data/); "
        "kopiera hela meningar exakt som de står där"
    ]


def test_published_related_document_needs_an_address(data_dir):
    with_related_document(data_dir)  # the list is optional: a content without one is given one
    path = data_dir / "dokument.yml"
    if "adress" in located(path)[0]["relaterade_dokument"][0]:
        delete_key(path, line_at(path, "relaterade_dokument", 0, "adress"))
    line = set_line(path, line_at(path, "relaterade_dokument", 0, "status"), "status: publicerat")
    assert errors_of(data_dir) == [
        f"data/dokument.yml:{line}: relaterade_dokument[0].status: ett publicerat dokument "
        "behöver en 'adress'"
    ]


def test_read_yaml_keeps_lines_of_keys_and_items(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("a:\n  - b: 1\n    c: 2\n  - b: 3\n", encoding="utf-8")
    value, source, errors = read_yaml(path, "data/x.yml")
    assert errors == []
    assert value == {"a": [{"b": 1, "c": 2}, {"b": 3}]}
    assert source.line(("a", 0, "c")) == 3
    assert source.line(("a", 1)) == 4
    assert source.line(("a", 1, "missing")) == 4


def test_data_files_are_all_loaded():
    from macros.policy.loading import OTHER_FILES

    present = {p.name for p in (CONTENT / "data").glob("*.yml")} - set(OTHER_FILES)
    assert {f.name for f in DATA_FILES if not f.optional} <= present <= {f.name for f in DATA_FILES}


def test_frequency_word_outside_the_vocabulary_suggests_the_nearest(data_dir):
    path = data_dir / "uppfoljning.yml"
    obligations = located(path)[0]["skyldigheter"]
    index = next(i for i, o in enumerate(obligations) if "_" in o["hur_ofta"])
    word = obligations[index]["hur_ofta"]
    line = edit_at(path, line_at(path, "skyldigheter", index, "hur_ofta"), word, word.replace("_", " "))
    [message] = errors_of(data_dir)
    assert message.startswith(
        f"data/uppfoljning.yml:{line}: skyldigheter[{index}].hur_ofta: '{word.replace('_', ' ')}' är inte ett "
        f"tillåtet värde; menade du '{word}'? (listan är stängd: 'varje_månad', "
    ) and "'vart_fjärde_år'" in message and "'var_N_månad' eller 'vart_N_år'" in message


def test_role_spelled_differently_from_its_id(data_dir):
    path = data_dir / "uppfoljning.yml"
    obligations = located(path)[0]["skyldigheter"]
    index = next(i for i, o in enumerate(obligations) if o.get("vem"))
    who = obligations[index]["vem"]
    line = edit_at(path, line_at(path, "skyldigheter", index, "vem"), f"vem: {who}", f"vem: {who.capitalize()}")
    [message] = errors_of(data_dir)
    assert message.startswith(
        f"data/uppfoljning.yml:{line}: skyldigheter[{index}].vem: okänd roll '{who.capitalize()}'; menade "
        f"du '{who}'? (kända roller i roller.yml:"
    )


# --- Bounded, located reading (issue 11) --------------------------------------------------


def test_nesting_is_accepted_up_to_the_limit_and_refused_beyond(tmp_path):
    from macros.policy.reading import MAX_DEPTH, parse_yaml

    within = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert parse_yaml(within, "data/x.yml")[2] == []
    beyond = "a:\n  b: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    [error] = parse_yaml(beyond, "data/x.yml")[2]
    assert (error.file, error.line) == ("data/x.yml", 2) and "nivåer" in error.message


def test_an_anchor_is_refused_before_any_alias_is_expanded():
    from macros.policy.reading import parse_yaml

    [error] = parse_yaml("a: 1\nb: &x [1, 2]\nc: *x\n", "data/x.yml")[2]
    assert error.line == 2 and "ankare" in error.message


def test_dates_stay_text_until_the_model_reads_them():
    from macros.policy.reading import parse_yaml

    value, _, errors = parse_yaml("a: 2027-02-30\nb: 2026-10-15\n2026-01-01: x\n", "data/x.yml")
    assert errors == []
    assert value == {"a": "2027-02-30", "b": "2026-10-15", "2026-01-01": "x"}


def test_a_number_too_long_to_read_is_a_located_error():
    from macros.policy.reading import parse_yaml

    [error] = parse_yaml("a: 1\nb: " + "9" * 5000 + "\n", "data/x.yml")[2]
    assert error.line == 2 and "kan inte läsas" in error.message
    assert len(str(error)) < 300


def test_a_file_not_in_utf8_names_the_line_of_its_first_bad_byte(tmp_path):
    from macros.policy.reading import read_text

    path = tmp_path / "x.yml"
    path.write_bytes("a: 1\nb: 2\nc: Kommunstyrelsen beslutar\nd: Nämnd\n".encode("latin-1"))
    text, error = read_text(path, "data/x.yml")
    assert text is None and error.line == 4 and "UTF-8" in error.message


def test_bom_and_crlf_read_as_plain_utf8(tmp_path):
    from macros.policy.reading import read_text

    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: \xc3\xa5\r\n")
    assert read_text(path, "data/x.yml") == ("a: 1\nb: å\n", None)


def test_stray_files_are_refused_and_not_collected(tmp_path):
    from macros.policy import sources

    project = tmp_path / "projekt"
    shutil.copytree(CONTENT / "data", project / "data")
    shutil.copytree(CONTENT / "docs", project / "docs")
    shutil.copy2(CONTENT / "mkdocs.yml", project / "mkdocs.yml")  # lists the site's documents
    (project / "data" / "roller.yaml").write_text("roller: []\n", encoding="utf-8")
    (project / "data" / "gammalt").mkdir()
    (project / "data" / "gammalt" / "anteckningar.yml").write_text("[", encoding="utf-8")
    messages = errors_of(project / "data")
    assert [m.split(":")[0] for m in messages] == ["data/gammalt/anteckningar.yml", "data/roller.yaml"]
    assert "menade du 'roller.yml'?" in messages[1]
    collected = sources.collect(project)
    assert not [name for name in collected if "roller.yaml" in name or "gammalt" in name]
    loaded = load_policy(CONTENT / "data", CONTENT / "docs")
    assert sorted(n for n in collected if n.startswith("data/")) == sorted(
        [f"data/{f.name}" for f in DATA_FILES if (CONTENT / "data" / f.name).is_file()]
        + [f"data/{d.id}/{f.name}" for d in loaded.documents for f in DOCUMENT_FILES
           if (CONTENT / "data" / d.id / f.name).is_file()]
    )


def test_duplicate_recipient_names_the_line_of_the_duplicate(data_dir):
    import yaml

    obligations = yaml.safe_load((data_dir / "uppfoljning.yml").read_text("utf-8"))["skyldigheter"]
    index = next(i for i, item in enumerate(obligations) if item.get("till"))
    recipients = obligations[index]["till"]
    old = f"    till: [{', '.join(recipients)}]"
    line = replace(data_dir / "uppfoljning.yml", old, f"    till:\n      - {recipients[0]}\n      - {recipients[0]}")
    assert errors_of(data_dir) == [
        f"data/uppfoljning.yml:{line + 2}: skyldigheter[{index}].till[1]: rollen '{recipients[0]}' "
        "står redan som mottagare (punkt 1 i listan); ta bort dubbletten"
    ]


def test_a_decision_date_outside_the_accepted_range(data_dir):
    path = data_dir / "dokument.yml"
    line = set_line(path, line_at(path, "beslut", "datum"), "datum: 9999-12-31")
    assert errors_of(data_dir) == [
        f"data/dokument.yml:{line}: beslut.datum: datumet 9999-12-31 ligger utanför det som "
        "tillåts; ett datum ska ligga mellan 1900-01-01 och 2200-12-31"
    ]


# --- Values in messages are clipped and printable ------------------------------------------------


def test_a_huge_value_is_clipped_in_every_message():
    from macros.policy.errors import MAX_SHOWN, translate

    huge = "å" * 1_000_000
    enum = translate({"type": "enum", "input": huge, "loc": ("slag",), "ctx": {"expected": "'a', 'b'"}})
    unknown = translate({"type": "extra_forbidden", "input": 1, "loc": (huge,)}, ["namn"])
    text = translate({"type": "string_type", "input": huge, "loc": ("namn",)})
    for message in (enum, unknown, text):
        assert "…" in message and len(message) < 3 * MAX_SHOWN + 100, message


def test_control_characters_in_values_are_shown_as_codes():
    from macros.policy.errors import DataError, shown

    assert shown("a\x1b[2J\nb\u202e") == "'a\\u001b[2J\\u000ab\\u202e'"
    error = DataError("data/x.yml", 1, "x\ny", "m\x1bn")
    assert "\n" not in str(error) and "\x1b" not in str(error)


def test_a_report_of_many_errors_stays_short():
    from macros.policy.errors import MAX_REPORTED, DataError, DataErrors

    report = DataErrors(DataError("data/x.yml", n, "", "fel") for n in range(1, 10_001)).report()
    assert len(report.splitlines()) == MAX_REPORTED + 2
    assert f"{10_000 - MAX_REPORTED} fel till" in report.splitlines()[-1]


# --- data/granskning.json ---------------------------------------------------------------------------


def assessment_in(data_dir: Path) -> Path:
    """The content's own assessment; one written for its site when it has none yet."""
    import json

    path = data_dir / "granskning.json"
    if not path.exists():
        record = {
            "organisation": located(data_dir / "dokument.yml")[0]["organisation"],
            "tjänst": located(data_dir / "tillganglighet.yml")[0]["tjänst"],
            "källor": "0123456789abcdef",
            "datum": "2026-11-30", "verktyg": "axe-core 4.12.1",
            "regler": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
            "sidor": 3, "lägen": ["ljust", "mörkt"], "bredder": [1280, 360], "kontroller": 12, "fel": 0,
        }
        path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def test_the_real_assessment_is_read_and_validated(data_dir):
    from macros.policy.assessment import read_assessment

    assessment_in(data_dir)
    assessment = read_assessment(data_dir)
    assert assessment is not None and set(assessment) >= {"datum", "verktyg", "sidor", "fel"}
    load_policy(data_dir)  # and it is this site's


def test_a_broken_assessment_names_its_line(data_dir):
    from macros.policy.assessment import read_assessment

    path = assessment_in(data_dir)
    line = line_of(path, '"fel"')
    replace(path, '"fel": ', '"fel": "inga"  # ')
    with pytest.raises(DataErrors) as caught:
        read_assessment(data_dir)
    [error] = caught.value.errors
    assert (error.file, error.line) == ("data/granskning.json", line)


def test_the_fast_reader_gives_what_the_pure_python_reader_gives(monkeypatch):
    # libyaml's C parser reads the files; the same values and lines as PyYAML's own.
    from pathlib import Path

    import yaml

    import macros.policy.reading as loading

    assert yaml.__with_libyaml__ and loading._FAST
    data = Path(__file__).resolve().parents[2] / "data"
    for path in sorted(data.glob("*.yml")):
        text = path.read_text("utf-8")
        fast = loading.parse_yaml(text, path.name)
        monkeypatch.setattr(loading, "_FAST", False)
        slow = loading.parse_yaml(text, path.name)
        monkeypatch.setattr(loading, "_FAST", True)
        assert fast[0] == slow[0] and fast[1].lines == slow[1].lines and fast[2] == slow[2]


def test_a_field_that_has_moved_says_where_it_is_now(data_dir):
    # An obligation written for an earlier version of the model ("planering" is now "tid"
    # with "bestäms_av: planeringen"): the message says how to write it now.
    path = data_dir / "uppfoljning.yml"
    line = line_at(path, "skyldigheter", 0, "id") + 1
    insert_after(path, line - 1, "    planering:\n      månad: 3")
    assert errors_of(data_dir) == [
        f"data/uppfoljning.yml:{line}: skyldigheter[0].planering: fältet 'planering' finns inte längre; "
        "organisationens egen tid skrivs nu under 'tid' med 'bestäms_av: planeringen' (och 'månad', "
        "'dag', 'startår' som förut), till exempel: tid: {månad: 3, bestäms_av: planeringen}"
    ]


@pytest.mark.parametrize("written, rule, field", [
    ("vart_fjärde_år_eller_vid_behov", "år_efter_beslutet_eller_vid_behov", "år: 4"),
    ("vart_5_år", "år_efter_beslutet", "år: 5"),
    ("senast 2031-06-30 eller vid behov", "senast_datum_eller_vid_behov", "datum: 2031-06-30"),
])
def test_a_revision_rule_written_as_one_word_says_how_to_write_it(data_dir, written, rule, field):
    path = data_dir / "dokument.yml"
    line = edit_at(path, line_at(path, "revidering", "regel"), "regel:", f"regel: {written} #")
    [message] = errors_of(data_dir)
    assert message.startswith(f"data/dokument.yml:{line}: revidering.regel: '{written}' är inte ett tillåtet värde")
    assert f"skriv 'regel: {rule}' och " in message and f"'{field}'" in message


def test_an_unknown_value_names_the_nearest_allowed_one_without_claiming_it_is_meant(data_dir):
    path = data_dir / "roller.yml"
    index = role_index(data_dir, 1)
    edit_at(path, line_at(path, "roller", index, "slag"), "slag:", "slag: tjänsteman #")
    [message] = errors_of(data_dir)
    assert "'tjänsteman' är inte ett tillåtet värde; närmast bland de tillåtna är 'tjänsteperson' " \
           "(kontrollera att det betyder det du menar)" in message

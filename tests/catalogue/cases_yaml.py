"""Cases: YAML as editors break it, and what must simply work."""

from __future__ import annotations

from tests.catalogue.framework import BUILD, Project, Refused, Works, case

ROLES = "data/roller.yml"


@case("yaml-tab-indent", "tabbtecken som indrag")
def tab_indent(project: Project):
    roles = project.data("roller.yml")["roller"]
    line = project.replace(ROLES, f"    namn: {roles[0]['namn']}", f"\tnamn: {roles[0]['namn']}")
    return Refused(ROLES, line, ("tabb",))


@case("yaml-unclosed-quote", "citattecken som aldrig avslutas")
def unclosed_quote(project: Project):
    line = project.set(ROLES, ("roller", 0, "namn"), '"Utan slut')
    return Refused(ROLES, line, ("citattecken",))


@case("yaml-duplicate-key", "samma nyckel två gånger")
def duplicate_key(project: Project):
    roles = project.data("roller.yml")["roller"]
    old = f"    namn: {roles[0]['namn']}\n"
    line = project.replace(ROLES, old, old + old) + 1
    return Refused(ROLES, line, ("två gånger",))


@case("yaml-bom", "filen börjar med BOM (byte order mark)", )
def bom(project: Project):
    project.write(ROLES, "\ufeff" + project.text(ROLES))
    return Works()


@case("yaml-crlf", "radslut CRLF (Windows)")
def crlf(project: Project):
    project.path(ROLES).write_bytes(project.text(ROLES).replace("\n", "\r\n").encode("utf-8"))
    return Works()


@case("ref-unknown-role", "hänvisning till en roll som inte finns")
def unknown_role(project: Project):
    line = project.set("data/ansvar.yml", ("ansvar", 0, "roll"), "finns-inte")
    return Refused("data/ansvar.yml", line, ("okänd roll", "finns-inte"))


# --- Hangs and limits (issue 11: alias bomb, nesting, very large values) -------------------

ANSWERS = "data/ansvar.yml"
FOLLOWUP = "data/uppfoljning.yml"
DOCUMENT = "data/dokument.yml"

#: The "billion laughs": nine levels of nine aliases, 9^9 values when expanded.
ALIAS_BOMB = "\n".join(
    ['skratt0: &s0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    + [f"skratt{n}: &s{n} [{', '.join([f'*s{n - 1}'] * 9)}]" for n in range(1, 10)]
) + "\n"


def _append(project: Project, name: str, addition: str) -> int:
    """Add lines at the end of a file; the line where the first of them stands."""
    content = project.text(name)
    if not content.endswith("\n"):
        content += "\n"
    project.write(name, content + addition)
    return content.count("\n") + 1


def _reporting(project: Project, name: str, list_key: str) -> int:
    """The index of the first item of a list that names recipients ("till")."""
    items = project.data(name)[list_key]
    return next(i for i, item in enumerate(items) if item.get("till"))


@case("yaml-alias-bomb", "alias-bomb (billion laughs) i en datafil")
def alias_bomb(project: Project):
    line = _append(project, "data/ordlista.yml", ALIAS_BOMB)
    return Refused("data/ordlista.yml", line, ("ankare",))


@case("yaml-alias-bomb-build", "alias-bomb när webbplatsen byggs", command=BUILD)
def alias_bomb_build(project: Project):
    line = _append(project, "data/ordlista.yml", ALIAS_BOMB)
    return Refused("data/ordlista.yml", line, ("ankare",))


@case("yaml-alias", "en YAML-hänvisning till ett ankare")
def alias(project: Project):
    line = project.set(ROLES, ("roller", 1, "namn"), "&namn Namn")
    return Refused(ROLES, line, ("ankare",))


@case("yaml-undefined-alias", "en hänvisning till ett ankare som inte finns")
def undefined_alias(project: Project):
    line = project.set(ROLES, ("roller", 0, "namn"), "*saknas")
    return Refused(ROLES, line, ("hänvisning",))


@case("yaml-deep-list", "listor 10 000 nivåer djupt")
def deep_list(project: Project):
    line = project.set(ROLES, ("roller", 0, "namn"), "[" * 10_000 + "]" * 10_000)
    return Refused(ROLES, line, ("nivåer",))


@case("yaml-deep-mapping", "samlingar 10 000 nivåer djupt")
def deep_mapping(project: Project):
    line = project.set(ROLES, ("roller", 0, "namn"), "{a: " * 10_000 + "b" + "}" * 10_000)
    return Refused(ROLES, line, ("nivåer",))


@case("large-text", "en text på 1 MB")
def large_text(project: Project):
    line = project.set(ROLES, ("roller", 0, "namn"), "x" * 1_000_000)
    return Refused(ROLES, line, ("tecken",))


@case("large-list", "en lista med 100 000 punkter")
def large_list(project: Project):
    index = _reporting(project, "ansvar.yml", "ansvar")
    line = project.set(ANSWERS, ("ansvar", index, "till"), "[" + ", ".join(["x"] * 100_000) + "]")
    return Refused(ANSWERS, line, ("punkter",))


@case("large-enum-value", "ett värde på 1 MB i ett fält med fasta värden")
def large_enum_value(project: Project):
    line = project.set(ROLES, ("roller", 0, "slag"), "y" * 1_000_000)
    return Refused(ROLES, line, ("tecken",), max_output=1000)


@case("large-unknown-key", "en okänd nyckel på 1 MB (skriven med '?', så som YAML tillåter)")
def large_unknown_key(project: Project):
    name = project.data("roller.yml")["roller"][0]["namn"]
    line = project.replace(ROLES, f"    namn: {name}\n", f"    namn: {name}\n    ? {'k' * 1_000_000}\n    : x\n") + 1
    return Refused(ROLES, line, ("tecken",), max_output=1000)


@case("long-enum-value-clipped", "ett långt felaktigt värde visas avkortat")
def long_enum_value(project: Project):
    line = project.set(ROLES, ("roller", 0, "slag"), "y" * 9_000)
    return Refused(ROLES, line, ("y" * 70 + "…", "inte ett tillåtet värde"), max_output=800)


@case("long-unknown-key-clipped", "en lång okänd nyckel visas avkortad")
def long_unknown_key(project: Project):
    name = project.data("roller.yml")["roller"][0]["namn"]
    line = project.replace(ROLES, f"    namn: {name}\n", f"    namn: {name}\n    {'k' * 1_000}: x\n") + 1
    return Refused(ROLES, line, ("okänt fält", "k" * 70 + "…"), max_output=800)


# --- Common syntax errors -------------------------------------------------------------------


def _role_line(project: Project, index: int, key: str) -> str:
    """The line of a role's key as the file has it (to break it as an editor would)."""
    value = project.data("roller.yml")["roller"][index][key]
    return f"{key}: {value}"


@case("yaml-missing-colon", "kolon saknas efter en nyckel")
def missing_colon(project: Project):
    old = _role_line(project, 1, "namn")
    line = project.replace(ROLES, old, old.replace(": ", " ", 1))
    return Refused(ROLES, line, ("kolon saknas",))


@case("yaml-colon-in-value", "kolon och mellanslag i en text utan citattecken")
def colon_in_value(project: Project):
    line = project.set(ROLES, ("roller", 1, "namn"), "Roll: med kolon")
    return Refused(ROLES, line, ("kolon",))


@case("yaml-key-indent", "en nyckel med fel indrag")
def key_indent(project: Project):
    old = "    " + _role_line(project, 1, "namn")
    line = project.replace(ROLES, old + "\n", old[1:] + "\n")
    return Refused(ROLES, line, ("indrag",))


@case("yaml-item-indent", "en listpunkt med ett mellanslag för mycket")
def item_indent(project: Project):
    old = "  - id: " + project.data("roller.yml")["roller"][1]["id"] + "\n"
    line = project.replace(ROLES, old, " " + old)
    return Refused(ROLES, line, ("indrag",))


@case("yaml-item-wrong-level", "en listpunkt på fel nivå")
def item_wrong_level(project: Project):
    old = "  - id: " + project.data("roller.yml")["roller"][1]["id"] + "\n"
    line = project.replace(ROLES, old, old[2:])
    return Refused(ROLES, line, ("indrag",))


@case("yaml-unknown-escape", "okänt bakstreck inom dubbla citattecken")
def unknown_escape(project: Project):
    line = project.set(ROLES, ("roller", 0, "namn"), '"C:\\Dokument\\policy"')
    return Refused(ROLES, line, ("bakstreck",))


@case("yaml-unclosed-bracket", "en lista som aldrig stängs")
def unclosed_bracket(project: Project):
    index = _reporting(project, "uppfoljning.yml", "skyldigheter")
    recipients = project.data("uppfoljning.yml")["skyldigheter"][index]["till"]
    line = project.set(FOLLOWUP, ("skyldigheter", index, "till"), "[" + ", ".join(recipients))
    return Refused(FOLLOWUP, line, ("hakparentes",))


@case("yaml-stray-bracket", "en ']' för mycket")
def stray_bracket(project: Project):
    index = _reporting(project, "uppfoljning.yml", "skyldigheter")
    recipients = project.data("uppfoljning.yml")["skyldigheter"][index]["till"]
    line = project.set(FOLLOWUP, ("skyldigheter", index, "till"), "[" + ", ".join(recipients) + "]]")
    return Refused(FOLLOWUP, line, ("står utan",))


@case("yaml-stray-brace", "en '}' för mycket")
def stray_brace(project: Project):
    index = _reporting(project, "uppfoljning.yml", "skyldigheter")
    line = project.set(FOLLOWUP, ("skyldigheter", index, "källa"), "{text: x}}")
    return Refused(FOLLOWUP, line, ("står utan",))


@case("yaml-two-documents", "två dokument i en fil (---)")
def two_documents(project: Project):
    line = _append(project, ROLES, "---\nroller: []\n")
    return Refused(ROLES, line, ("dokument",))


@case("yaml-nonscalar-key", "en lista som nyckel")
def nonscalar_key(project: Project):
    old = "    " + _role_line(project, 0, "namn") + "\n"
    line = project.replace(ROLES, old, old + "    [a, b]: x\n") + 1
    return Refused(ROLES, line, ("enkelt ord",))


@case("yaml-key-without-value", "en nyckel utan värde där en text krävs")
def key_without_value(project: Project):
    line = project.set(ROLES, ("roller", 0, "namn"), "")
    return Refused(ROLES, line, ("förväntade en text", "tomt värde"))


@case("yaml-control-character", "ett styrtecken i en text")
def control_character(project: Project):
    line = project.set(ROLES, ("roller", 0, "namn"), "Roll\x07namn")
    return Refused(ROLES, line, ("styrtecken",))


@case("yaml-python-tag", "en Python-typmarkering (!!python/name)")
def python_tag(project: Project):
    line = project.set(ROLES, ("roller", 0, "namn"), "!!python/name:os.system")
    return Refused(ROLES, line, ("typmarkering",))


@case("yaml-empty-file", "en tom datafil")
def empty_file(project: Project):
    project.write(ROLES, "")
    return Refused(ROLES, 1, ("tom",))


@case("yaml-comment-only", "en datafil med bara kommentarer")
def comment_only(project: Project):
    project.write(ROLES, "# yaml-language-server: $schema=../schemas/roller.schema.json\n# inget mer\n")
    return Refused(ROLES, 1, ("tom",))


# --- Wrong types --------------------------------------------------------------------------


def _wrong_type(yaml_text: str, *words: str):
    def change(project: Project):
        line = project.set(ROLES, ("roller", 0, "namn"), yaml_text)
        return Refused(ROLES, line, words)

    return change


type_number = case("type-number-for-text", "ett tal där en text krävs")(_wrong_type("42", "förväntade en text"))
type_list = case("type-list-for-text", "en lista där en text krävs")(_wrong_type("[a, b]", "förväntade en text", "en lista"))
type_mapping = case("type-mapping-for-text", "en samling där en text krävs")(
    _wrong_type("{a: b}", "förväntade en text", "en samling")
)
type_bool = case("type-bool-for-text", "sant/falskt där en text krävs")(_wrong_type("true", "förväntade en text", "sant/falskt"))
type_null = case("type-null-for-text", "null där en text krävs")(_wrong_type("null", "förväntade en text", "tomt värde"))


@case("type-text-for-list", "en text där en lista krävs")
def text_for_list(project: Project):
    index = _reporting(project, "uppfoljning.yml", "skyldigheter")
    line = project.set(FOLLOWUP, ("skyldigheter", index, "till"), "en roll")
    return Refused(FOLLOWUP, line, ("förväntade en lista",))


# --- Dates ---------------------------------------------------------------------------------


@case("date-impossible", "ett datum som inte finns (2027-02-30), utan citattecken")
def impossible_date(project: Project):
    line = project.set(DOCUMENT, ("beslut", "datum"), "2027-02-30")
    return Refused(DOCUMENT, line, ("2027-02-30", "kalendern"))


@case("date-year-1", "ett beslutsdatum år 1")
def date_year_1(project: Project):
    line = project.set(DOCUMENT, ("beslut", "datum"), "0001-01-01")
    return Refused(DOCUMENT, line, ("1900-01-01", "2200-12-31"))


@case("date-year-9999", "ett beslutsdatum år 9999")
def date_year_9999(project: Project):
    line = project.set(DOCUMENT, ("beslut", "datum"), "9999-12-31")
    return Refused(DOCUMENT, line, ("1900-01-01", "2200-12-31"))


# --- References and recipients -----------------------------------------------------------------


@case("ref-unknown-area", "hänvisning till ett område som inte finns")
def unknown_area(project: Project):
    line = project.set(ANSWERS, ("ansvar", 0, "område"), "finns-inte")
    return Refused(ANSWERS, line, ("okänt område", "finns-inte"))


@case("ref-unknown-recipient", "en mottagare som inte finns")
def unknown_recipient(project: Project):
    index = _reporting(project, "uppfoljning.yml", "skyldigheter")
    line = project.set(FOLLOWUP, ("skyldigheter", index, "till"), "[finns-inte]")
    return Refused(FOLLOWUP, line, ("okänd roll", "finns-inte"))


@case("recipient-duplicate-responsibility", "samma mottagare två gånger i ansvar.yml")
def duplicate_recipient_responsibility(project: Project):
    index = _reporting(project, "ansvar.yml", "ansvar")
    recipient = project.data("ansvar.yml")["ansvar"][index]["till"][0]
    line = project.set(ANSWERS, ("ansvar", index, "till"), f"\n      - {recipient}\n      - {recipient}")
    return Refused(ANSWERS, line + 2, ("redan som mottagare",))


@case("recipient-duplicate-obligation", "samma mottagare två gånger i uppfoljning.yml")
def duplicate_recipient_obligation(project: Project):
    index = _reporting(project, "uppfoljning.yml", "skyldigheter")
    recipient = project.data("uppfoljning.yml")["skyldigheter"][index]["till"][0]
    line = project.set(FOLLOWUP, ("skyldigheter", index, "till"), f"[{recipient}, {recipient}]")
    return Refused(FOLLOWUP, line, ("redan som mottagare",))


@case("yaml-python-apply", "en Python-typmarkering som skulle köra ett kommando")
def python_apply(project: Project):
    marker = project.root.parent / "kordes"
    line = project.set(ROLES, ("roller", 0, "namn"), f"!!python/object/apply:os.system ['touch {marker}']")
    return Refused(ROLES, line, ("typmarkering",))

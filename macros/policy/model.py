"""Validated models of the policy data.

Each data file in data/ has a file model here (``*File``); the YAML keys are the
Swedish aliases of the English attribute names, so editors read Swedish while the
code stays in English. Unknown keys are refused (``extra="forbid"``). The titles
and descriptions are Swedish because they end up in the JSON Schemas that give
editors completion and help in their editor.

Nothing here reads files or knows about mkdocs: loading.py turns YAML into these
models, checks.py applies the rules that span several files.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from enum import Enum
from collections.abc import Collection
from typing import Annotated, Any, ClassVar

from .errors import shown
from .timing import MONTH_NAMES, Frequency, number_words

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)

#: How an editor writes a fact that the adopted text does not give.
UNKNOWN = "uppgift saknas"

#: How the site shows such a fact.
UNKNOWN_LABEL = "Uppgift saknas"


class UnknownValueMissing(ValueError):
    """A fact was left empty instead of being marked explicitly unknown."""


def _explicit_unknown(value: Any) -> Any:
    """Map the editor's ``uppgift saknas`` to None; refuse a silently empty value."""
    if isinstance(value, str) and value.strip().casefold() == UNKNOWN:
        return None
    if value is None or (isinstance(value, str) and not value.strip()):
        raise UnknownValueMissing(
            f"värdet är tomt; skriv uppgiften, eller '{UNKNOWN}' om den inte är känd"
        )
    return value


def _fact_schema(inner: dict[str, Any], title: str, description: str) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "title": title,
            "description": description + f" Skriv '{UNKNOWN}' om uppgiften inte är känd.",
            "anyOf": [inner, {"const": UNKNOWN}],
        }
    )


Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        title="Id",
        description=(
            "Kort namn för hänvisningar och webbadresser: små bokstäver a–z, siffror och "
            "bindestreck, utan å, ä och ö (till exempel 'kommunstyrelsen')."
        ),
    ),
]

# --- Text and addresses ------------------------------------------------------------

#: The longest name, title or other one-line value, in characters.
NAME_MAX = 200
#: The longest text of several lines (an adopted paragraph, a definition), in characters.
TEXT_MAX = 10_000
#: The longest web address, in characters.
URL_MAX = 2_000
#: The schemes a web address from data may have: nothing else ever becomes a link.
URL_PREFIXES = ("https://", "http://", "mailto:")

#: Characters that turn the direction of the text around (embeddings, overrides, isolates).
_BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def _character_problem(value: str, single_line: bool) -> str | None:
    """What is wrong with a character of ``value``, in Swedish; None if nothing is."""
    # Every character refused below is one that str.isprintable() refuses too (control,
    # format and separator characters other than the space): most values are done here.
    if value.isprintable() or (
        not single_line and value.replace("\n", "").replace("\r", "").replace("\t", "").isprintable()
    ):
        return None
    for char in value:
        if char.isprintable():
            continue
        if char in "\n\r":
            if single_line:
                return "texten innehåller en radbrytning; ett namn eller en rubrik står på en rad"
            continue
        if char == "\t":
            if single_line:
                return "texten innehåller ett tabbtecken; skriv ett vanligt mellanslag"
            continue
        code = f"U+{ord(char):04X}"
        category = unicodedata.category(char)
        if ord(char) in _BIDI:
            return (f"texten innehåller ett osynligt tecken som vänder textens riktning ({code}); "
                    "ta bort det")
        if category == "Cc":
            return f"texten innehåller ett osynligt styrtecken ({code}); ta bort det"
        if category in {"Zl", "Zp"}:
            return f"texten innehåller en osynlig rad- eller styckeavgränsare ({code}); ta bort den"
        if category == "Cf":
            return f"texten innehåller ett osynligt formateringstecken ({code}); ta bort det"
    return None


def _text_rule(single_line: bool, maximum: int):
    def check(value: str | None) -> str | None:
        if value is None:
            return None
        if len(value) > maximum:
            raise ValueError(
                f"texten är {_number(len(value))} tecken lång; högst {maximum} tecken är tillåtna"
            )
        problem = _character_problem(value, single_line)
        if problem:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


#: A name, title or other value of one line: no line breaks, no invisible characters.
SingleLine = _text_rule(single_line=True, maximum=NAME_MAX)
#: A text that may run over several lines, but holds no invisible characters.
MultiLine = _text_rule(single_line=False, maximum=TEXT_MAX)

_NAME_RULE = f" En rad, högst {NAME_MAX} tecken, utan osynliga tecken."
_TEXT_RULE = f" Högst {_number(TEXT_MAX)} tecken, utan osynliga tecken."

Name = Annotated[str, Field(min_length=1, json_schema_extra={"maxLength": NAME_MAX}), SingleLine]
Text = Annotated[str, Field(min_length=1, json_schema_extra={"maxLength": TEXT_MAX}), MultiLine]

#: An abbreviation of the glossary: letters and digits (at least one letter), words joined
#: by one space, hyphen, slash or full stop ("LIS", "IT-chef", "ISO/IEC"). It is marked up
#: wherever it stands as a word in the pages' prose (macros/views/glossary.py), so it may
#: hold nothing that is syntax there: no punctuation of its own, no Markdown token.
_ABBREVIATION = re.compile(r"[^\W_]+(?:[ ./-][^\W_]+)*")


def _abbreviation(value: str) -> str:
    if not _ABBREVIATION.fullmatch(value) or not any(char.isalpha() for char in value):
        raise ValueError(
            f"förkortningen {shown(value)} kan ändra sidornas uppbyggnad när den märks upp i texten; "
            "en förkortning består av bokstäver och siffror (minst en bokstav), med högst ett "
            "mellanslag, bindestreck, snedstreck eller en punkt mellan två av dem, till exempel "
            "'LIS', 'IT-chef' eller 'ISO/IEC'"
        )
    return value


_ABBREVIATION_RULE = (
    " Bokstäver och siffror (minst en bokstav), med högst ett mellanslag, bindestreck, "
    "snedstreck eller en punkt mellan två av dem; inga andra tecken."
)
Abbreviation = Annotated[Name, AfterValidator(_abbreviation)]

_URL_FORBIDDEN = re.compile(r'[\s"<>\\^`{|}]')


def _web_address(value: str) -> str:
    """Only complete http, https and mailto addresses: nothing else becomes a link."""
    if len(value) > URL_MAX:
        raise ValueError(
            f"adressen är {_number(len(value))} tecken lång; högst {_number(URL_MAX)} tecken är tillåtna"
        )
    bad = _URL_FORBIDDEN.search(value) or next(
        (c for c in value if unicodedata.category(c)[0] == "C"), None
    )
    if bad is not None:
        char = bad.group(0) if isinstance(bad, re.Match) else bad
        raise ValueError(
            f"adressen innehåller ett tecken som inte får stå i en webbadress (U+{ord(char):04X}); "
            "skriv adressen utan mellanslag, citattecken och vinkelparenteser"
        )
    lowered = value.lower()
    if not lowered.startswith(URL_PREFIXES) or lowered.rstrip("/") in {"https:", "http:", "mailto:"}:
        scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]{0,30}):", value)
        start = f"en adress som börjar med '{scheme.group(1)}:' blir aldrig en länk" if scheme else (
            "adressen är inte fullständig")
        raise ValueError(
            f"{start}; skriv hela adressen, som börjar med https://, http:// eller mailto:"
        )
    return value


WebAddress = Annotated[
    str,
    Field(
        min_length=1,
        json_schema_extra={"maxLength": URL_MAX, "pattern": r"^(https?://|mailto:)[^\s\"<>\\^`{|}]+$"},
    ),
    AfterValidator(_web_address),
]

#: The dates a data file may give. Later computations (the calendar, the mandate
#: periods) count years forward from them, so year 1 or 9999 would overflow.
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2200, 12, 31)
DATE_RANGE = f"mellan {FIRST_DATE.isoformat()} och {LAST_DATE.isoformat()}"
#: The same range for editors, as the JSON Schema's pattern of a date.
DATE_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$"


def _date_in_range(value: dt.date | None) -> dt.date | None:
    if value is not None and not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(
            f"datumet {value.isoformat()} ligger utanför det som tillåts; ett datum ska ligga "
            f"{DATE_RANGE}"
        )
    return value


Date = Annotated[
    dt.date,
    AfterValidator(_date_in_range),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]


def _swedish_schema(schema: dict[str, Any], model: type) -> None:
    """Editors see the schema: the English docstring gives way to the Swedish text."""
    schema.pop("description", None)
    if getattr(model, "schema_description", None):
        schema["description"] = model.schema_description


class Model(BaseModel):
    """Base of every model: Swedish keys, unknown keys refused, immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        str_strip_whitespace=True,
        json_schema_extra=_swedish_schema,
    )

    #: The model's description in the JSON Schema (Swedish, for editors).
    schema_description: ClassVar[str | None] = None


# --- Vocabularies -----------------------------------------------------------


class DocumentType(str, Enum):
    POLICY = "policy"
    REGULATIONS = "bestämmelser"
    GUIDELINES = "riktlinjer"
    INSTRUCTION = "instruktion"
    ROUTINE = "rutin"

    @property
    def label(self) -> str:
        return {
            "policy": "Policy",
            "bestämmelser": "Bestämmelser",
            "riktlinjer": "Riktlinjer",
            "instruktion": "Instruktion",
            "rutin": "Rutin",
        }[self.value]


class DocumentStatus(str, Enum):
    DRAFT = "utkast"
    CONSULTATION = "remiss"
    ADOPTED = "antagen"
    REPEALED = "upphävd"

    @property
    def label(self) -> str:
        return {
            "utkast": "Utkast",
            "remiss": "Remiss",
            "antagen": "Antagen",
            "upphävd": "Upphävd",
        }[self.value]


class RevisionRule(str, Enum):
    EACH_TERM_OR_AS_NEEDED = "varje_mandatperiod_eller_vid_behov"
    EACH_TERM = "varje_mandatperiod"
    YEARS_OR_AS_NEEDED = "år_efter_beslutet_eller_vid_behov"
    YEARS = "år_efter_beslutet"
    DATE_OR_AS_NEEDED = "senast_datum_eller_vid_behov"
    DATE = "senast_datum"
    AS_NEEDED = "vid_behov"

    @property
    def per_term(self) -> bool:
        return self in {RevisionRule.EACH_TERM, RevisionRule.EACH_TERM_OR_AS_NEEDED}

    @property
    def by_years(self) -> bool:
        return self in {RevisionRule.YEARS, RevisionRule.YEARS_OR_AS_NEEDED}

    @property
    def by_date(self) -> bool:
        return self in {RevisionRule.DATE, RevisionRule.DATE_OR_AS_NEEDED}

    @property
    def or_as_needed(self) -> bool:
        return self.value.endswith("vid_behov")

    @classmethod
    def advice(cls, written: str) -> str | None:
        """How to write a rule given as one word that the model writes in two fields:
        'vart_fjärde_år_eller_vid_behov' is 'år_efter_beslutet_eller_vid_behov' with 'år: 4',
        'senast_2028-06-30' is 'senast_datum' with 'datum: 2028-06-30'."""
        from .timing import FrequencyError, parse_frequency

        value = written.strip().lower().replace(" ", "_").replace("-", "_")
        suffix = ""
        for ending in ("_eller_vid_behov", "_eller_behov", "_och_vid_behov"):
            if value.endswith(ending):
                value, suffix = value[: -len(ending)], "_eller_vid_behov"
        for prefix in ("senast_", "revideras_", "revidering_"):
            value = value.removeprefix(prefix)
        date = re.fullmatch(r"(\d{4})_(\d{2})_(\d{2})", value)
        if date:
            return (f"skriv 'regel: senast_datum{suffix}' och datumet i ett eget fält, "
                    f"'datum: {'-'.join(date.groups())}'")
        years = re.fullmatch(r"(\d{1,3})_år(?:_efter_beslutet)?", value)
        if years:
            count = int(years.group(1))
        else:
            try:
                frequency = parse_frequency(value.removesuffix("_efter_beslutet"))
            except FrequencyError:
                return None
            if frequency.unit != "år" or not frequency.every:
                return None
            count = frequency.every
        return (f"skriv 'regel: år_efter_beslutet{suffix}' och antalet år i ett eget fält, "
                f"'år: {count}'")

    @property
    def label(self) -> str:
        return {
            "varje_mandatperiod_eller_vid_behov": (
                "Senast i anslutning till varje ny mandatperiod, eller vid behov"
            ),
            "varje_mandatperiod": "Senast i anslutning till varje ny mandatperiod",
            "år_efter_beslutet_eller_vid_behov": "Senast ett antal år efter beslutet, eller vid behov",
            "år_efter_beslutet": "Senast ett antal år efter beslutet",
            "senast_datum_eller_vid_behov": "Senast ett bestämt datum, eller vid behov",
            "senast_datum": "Senast ett bestämt datum",
            "vid_behov": "Vid behov",
        }[self.value]


class RelatedStatus(str, Enum):
    PUBLISHED = "publicerat"
    NOT_PUBLISHED = "ej_publicerat"

    @property
    def label(self) -> str:
        return {"publicerat": "Publicerat", "ej_publicerat": "Inte publicerat ännu"}[self.value]


class RoleKind(str, Enum):
    ASSEMBLY = "politisk_församling"
    BOARD = "styrelse_eller_nämnd"
    OFFICIAL = "tjänsteperson"
    FUNCTION = "funktion"
    GROUP = "grupp"
    UNIT = "verksamhet"
    ALL_STAFF = "alla_anställda"

    @property
    def label(self) -> str:
        return {
            "politisk_församling": "Politisk församling",
            "styrelse_eller_nämnd": "Styrelse eller nämnd",
            "tjänsteperson": "Tjänsteperson",
            "funktion": "Funktion",
            "grupp": "Grupp",
            "verksamhet": "Verksamhet",
            "alla_anställda": "Alla anställda",
        }[self.value]


# --- The document ------------------------------------------------------------


UnknownDate = Annotated[
    dt.date | None,
    BeforeValidator(_explicit_unknown),
    AfterValidator(_date_in_range),
    _fact_schema(
        {"type": "string", "format": "date", "pattern": DATE_PATTERN},
        "Beslutsdatum",
        f"Dagen då beslutet fattades, i formen ÅÅÅÅ-MM-DD, {DATE_RANGE}.",
    ),
]
UnknownParagraph = Annotated[
    str | None,
    BeforeValidator(_explicit_unknown),
    SingleLine,
    _fact_schema(
        {"type": "string", "minLength": 1, "maxLength": NAME_MAX},
        "Paragraf",
        "Paragrafen i protokollet, till exempel '§ 45'." + _NAME_RULE,
    ),
]
UnknownRegistryNumber = Annotated[
    str | None,
    BeforeValidator(_explicit_unknown),
    SingleLine,
    _fact_schema(
        {"type": "string", "minLength": 1, "maxLength": NAME_MAX},
        "Diarienummer",
        "Ärendets diarienummer, så som det står i diariet." + _NAME_RULE,
    ),
]
UnknownScope = Annotated[
    str | None,
    BeforeValidator(_explicit_unknown),
    SingleLine,
    _fact_schema(
        {"type": "string", "minLength": 1, "maxLength": NAME_MAX},
        "Gäller för",
        "Vilka verksamheter eller vilken personal dokumentet gäller för." + _NAME_RULE,
    ),
]
UnknownResponsible = Annotated[
    str | None,
    BeforeValidator(_explicit_unknown),
    SingleLine,
    _fact_schema(
        {"type": "string", "minLength": 1, "maxLength": NAME_MAX},
        "Dokumentansvarig",
        "Den funktion eller befattning som ansvarar för dokumentet." + _NAME_RULE,
    ),
]


class Decision(Model):
    """The decision that adopted the document: facts the seed does not give."""

    schema_description = "Beslutet som antog dokumentet, ur protokollet."

    date: UnknownDate = Field(alias="datum")
    paragraph: UnknownParagraph = Field(alias="paragraf")
    registry_number: UnknownRegistryNumber = Field(alias="diarienummer")


class Revision(Model):
    schema_description = "När dokumentet ska revideras."
    rule: RevisionRule = Field(
        alias="regel",
        title="Revideringsregel",
        description=(
            "När dokumentet ska revideras, enligt dokumentet självt: varje_mandatperiod, "
            "år_efter_beslutet (med 'år'), senast_datum (med 'datum'), var och en med eller utan "
            "'_eller_vid_behov', eller vid_behov."
        ),
    )
    years: int | None = Field(
        default=None,
        alias="år",
        ge=1,
        le=100,
        title="År",
        description="För år_efter_beslutet: hur många år efter beslutsdatumet, till exempel 4.",
    )
    by_date: Date | None = Field(
        default=None,
        alias="datum",
        title="Datum",
        description=f"För senast_datum: dagen då dokumentet senast ska vara reviderat, {DATE_RANGE}.",
    )
    source: Text = Field(
        alias="källa",
        title="Källa",
        description="Meningen i den antagna texten som anger regeln, ordagrant.",
    )

    @property
    def described(self) -> str:
        """The rule in words with its numbers: 'Senast fyra år efter beslutet, eller vid
        behov', 'Senast 30 juni 2028'; the rule's general words where a number is missing."""
        rule = self.rule
        if rule.by_years and self.years:
            words = f"Senast {number_words(self.years)} år efter beslutet"
        elif rule.by_date and self.by_date:
            words = f"Senast {self.by_date.day} {MONTH_NAMES[self.by_date.month - 1]} {self.by_date.year}"
        else:
            return rule.label
        return words + (", eller vid behov" if rule.or_as_needed else "")


class RelatedDocument(Model):
    schema_description = "Ett annat styrdokument som dokumentet hänvisar till."
    id: Id
    name: Name = Field(alias="namn", title="Namn", description="Dokumentets namn." + _NAME_RULE)
    document_type: DocumentType = Field(
        alias="dokumenttyp", title="Dokumenttyp", description="Slag av styrdokument."
    )
    adopted_by: str = Field(
        alias="beslutas_av",
        title="Beslutas av",
        description="Id för den roll (i roller.yml) som beslutar dokumentet.",
    )
    status: RelatedStatus = Field(
        title="Status",
        description=(
            "'publicerat' med adress (eller med 'dokument' när det finns på den här webbplatsen), "
            "eller 'ej_publicerat' om dokumentet inte finns ännu."
        ),
    )
    url: WebAddress | None = Field(
        default=None,
        alias="adress",
        title="Adress",
        description=(
            "Webbadress till dokumentet, som börjar med https://, http:// eller mailto:; anges "
            "bara när det är publicerat."
        ),
    )
    site_document: Id | None = Field(
        default=None,
        alias="dokument",
        title="Dokument på webbplatsen",
        description=(
            "Id för dokumentet när det är ett av styrdokumenten på den här webbplatsen (så som det "
            "står i mkdocs.yml under extra: styrdokument); tabellen länkar då till dokumentets "
            "sida. Anges med status 'publicerat' och utan adress."
        ),
    )
    source: Text = Field(
        alias="källa",
        title="Källa",
        description="Meningen i den antagna texten som nämner dokumentet, ordagrant.",
    )


class DocumentFile(Model):
    """data/dokument.yml: the governing document itself."""

    model_config = ConfigDict(title="Styrdokumentet")
    schema_description = "Uppgifter om styrdokumentet: namn, typ, status, beslut och revidering."

    name: Name = Field(
        alias="dokumentnamn", title="Dokumentnamn", description="Styrdokumentets namn." + _NAME_RULE
    )
    organisation: Name = Field(
        title="Organisation", description="Den myndighet som äger dokumentet." + _NAME_RULE
    )
    document_type: DocumentType = Field(
        alias="dokumenttyp",
        title="Dokumenttyp",
        description="policy, bestämmelser, riktlinjer, instruktion eller rutin.",
    )
    status: DocumentStatus = Field(
        title="Status", description="utkast, remiss, antagen eller upphävd."
    )
    adopted_by: str = Field(
        alias="beslutas_av",
        title="Beslutas av",
        description="Id för den roll (i roller.yml) som antar dokumentet.",
    )
    decision: Decision = Field(
        alias="beslut",
        title="Beslut",
        description="Uppgifter om beslutet som antog dokumentet.",
    )
    responsible: UnknownResponsible = Field(alias="dokumentansvarig")
    scope: UnknownScope = Field(alias="gäller_för")
    revision: Revision = Field(
        alias="revidering",
        title="Revidering",
        description="När dokumentet ska revideras och meningen i texten som säger det.",
    )
    related: list[RelatedDocument] = Field(
        default=[],
        alias="relaterade_dokument",
        title="Relaterade dokument",
        description="Andra styrdokument som dokumentet hänvisar till.",
    )
    makes_concrete: Id | None = Field(
        default=None,
        alias="konkretiserar",
        title="Konkretiserar",
        description=(
            "Id för det styrdokument på webbplatsen som dokumentet konkretiserar (till exempel "
            "policyn som riktlinjerna konkretiserar), så som det står i mkdocs.yml under "
            "extra: styrdokument. Utelämnas för dokumentet överst i hierarkin."
        ),
    )


# --- Principles, goals, methods ---------------------------------------------


class Principle(Model):
    schema_description = "En princip med sin definition."
    id: Id
    name: Name = Field(alias="namn", title="Namn", description="Principens namn." + _NAME_RULE)
    definition: Text = Field(
        title="Definition", description="Principens definition i den antagna texten, ordagrant."
    )


class PrinciplesFile(Model):
    """data/principer.yml."""

    model_config = ConfigDict(title="Principer")
    schema_description = "Informationssäkerhetens principer med definitioner ur den antagna texten."

    principles: list[Principle] = Field(
        alias="principer",
        min_length=1,
        title="Principer",
        description="Informationssäkerhetens principer, i den ordning policyn anger dem.",
    )


class Statement(Model):
    """One bullet of a list in the adopted text."""

    schema_description = "En punkt i den antagna texten."

    id: Id
    text: Text = Field(title="Text", description="Punkten i den antagna texten, ordagrant.")


class GoalsFile(Model):
    """data/viljeriktningar.yml."""

    model_config = ConfigDict(title="Viljeriktningar")
    schema_description = "Policyns viljeriktningar, punkt för punkt."

    goals: list[Statement] = Field(
        alias="viljeriktningar",
        min_length=1,
        title="Viljeriktningar",
        description="Policyns viljeriktningar (avsnitt 2.1), i den antagna ordningen.",
    )


class MethodsFile(Model):
    """data/metodik.yml."""

    model_config = ConfigDict(title="Metodik")
    schema_description = "Policyns metodik, punkt för punkt."

    methods: list[Statement] = Field(
        default=[],
        alias="metodik",
        title="Metodik",
        description=(
            "Policyns metodik (avsnitt 2.2), i den antagna ordningen. Valfri: en policy utan "
            "metodik har en tom lista eller ingen fil metodik.yml alls."
        ),
    )


# --- Roles -------------------------------------------------------------------


class Role(Model):
    schema_description = "En roll: ett organ, en befattning eller en funktion."
    id: Id
    name: Name = Field(
        alias="namn", title="Namn", description="Rollens namn som policyn skriver det." + _NAME_RULE
    )
    kind: RoleKind = Field(alias="slag", title="Slag", description="Vilket slags organ eller funktion rollen är.")
    policy_text: list[Text] = Field(
        default=[],
        alias="policytext",
        title="Policytext",
        description=(
            "Den antagna textens stycken om rollen i avsnittet om roller och ansvar, ordagrant. "
            "Tom för roller som policyn bara nämner på annat ställe."
        ),
    )


class RolesFile(Model):
    """data/roller.yml."""

    model_config = ConfigDict(title="Roller")
    schema_description = "Rollerna som policyn namnger."

    roles: list[Role] = Field(
        alias="roller",
        min_length=1,
        title="Roller",
        description="Rollerna som policyn namnger, i den ordning de beskrivs.",
    )


# --- Areas and responsibilities ---------------------------------------------------


# What a role does in an area: the small fixed vocabulary of the role matrix. (A
# comment, not a docstring: a docstring would become the schema's English description.)
class ResponsibilityType(str, Enum):
    DECIDES = "beslutar"
    MAY_DECIDE = "kan_besluta"
    RESPONSIBLE = "ansvarar"
    COORDINATES = "samordnar"
    PERFORMS = "utför"
    REPORTS = "rapporterar"
    MAY_REPORT = "kan_rapportera"
    RECEIVES = "tar_emot_rapport"

    @property
    def label(self) -> str:
        return _RESPONSIBILITY_LABELS[self.value][0]

    @property
    def explanation(self) -> str:
        return _RESPONSIBILITY_LABELS[self.value][1]

    @property
    def reports(self) -> bool:
        """Whether this type sends something to other roles (and so names them)."""
        return self in {ResponsibilityType.REPORTS, ResponsibilityType.MAY_REPORT}

    @property
    def owns(self) -> bool:
        """Whether this type makes a role answerable for the area."""
        return self in {
            ResponsibilityType.DECIDES,
            ResponsibilityType.MAY_DECIDE,
            ResponsibilityType.RESPONSIBLE,
        }


_RESPONSIBILITY_LABELS = {
    "beslutar": ("Beslutar", "fattar beslutet i frågan"),
    "kan_besluta": ("Kan besluta", "får fatta beslut i frågan vid behov"),
    "ansvarar": ("Ansvarar", "är ansvarig för att det blir gjort"),
    "samordnar": ("Samordnar", "samordnar arbetet"),
    "utför": ("Utför", "gör arbetet"),
    "rapporterar": ("Rapporterar", "rapporterar till andra roller"),
    "kan_rapportera": ("Kan rapportera", "kan lyfta frågan till andra roller vid behov"),
    "tar_emot_rapport": ("Tar emot rapport", "får rapporter från andra roller"),
}


class Area(Model):
    """A field of responsibility: one row of the role matrix."""

    schema_description = "Ett ansvarsområde: en rad i rollmatrisen."

    id: Id
    name: Name = Field(
        alias="namn", title="Namn", description="Områdets namn i rollmatrisen." + _NAME_RULE
    )


class AreasFile(Model):
    """data/omraden.yml."""

    model_config = ConfigDict(title="Ansvarsområden")
    schema_description = "Ansvarsområdena: raderna i rollmatrisen."

    areas: list[Area] = Field(
        alias="områden",
        min_length=1,
        title="Områden",
        description="Ansvarsområdena, i den ordning de visas som rader i rollmatrisen.",
    )


class Responsibility(Model):
    """One role's part in one area, with the adopted sentence it comes from."""

    schema_description = "En rolls ansvar i ett område, med meningen ur policyn det bygger på."

    id: Id
    role: str = Field(alias="roll", title="Roll", description="Id för rollen (i roller.yml).")
    area: str = Field(
        alias="område", title="Område", description="Id för området (i omraden.yml)."
    )
    type: ResponsibilityType = Field(
        alias="typ",
        title="Typ",
        description=(
            "Vad rollen gör i området: beslutar, kan_besluta, ansvarar, samordnar, utför, "
            "rapporterar, kan_rapportera eller tar_emot_rapport."
        ),
    )
    to: list[str] = Field(
        default=[],
        alias="till",
        title="Till",
        description=(
            "Id för de roller som rollen rapporterar till; anges för rapporterar och "
            "kan_rapportera, och bara för dem."
        ),
    )
    source: Text = Field(
        alias="källa",
        title="Källa",
        description="Meningen i den antagna texten som ansvaret kommer från, ordagrant.",
    )


class ResponsibilitiesFile(Model):
    """data/ansvar.yml."""

    model_config = ConfigDict(title="Ansvar")
    schema_description = "Vem som gör vad: varje ansvar knyter en roll till ett område."

    responsibilities: list[Responsibility] = Field(
        alias="ansvar",
        min_length=1,
        title="Ansvar",
        description="Vem som gör vad: varje ansvar knyter en roll till ett område.",
    )


# --- Follow-up obligations -----------------------------------------------------


def _frequency(value: Any):
    from .timing import FrequencyError, parse_frequency

    try:
        return parse_frequency(value)
    except FrequencyError as exc:
        raise ValueError(str(exc)) from None


_FREQUENCY_DESCRIPTION = (
    "Hur ofta skyldigheten infaller enligt policyn. Stängd lista: varje_månad, varannan_månad, "
    "varje_kvartal, varje_tertial, varje_halvår, varje_år, vartannat_år, vart_tredje_år … "
    "vart_tionde_år, varje_mandatperiod, vid_behov, vid_särskilda_skäl eller "
    "enligt_revideringsregeln (revideringen, så som dokument.yml anger den); eller den "
    "allmänna formen var_N_månad eller vart_N_år (till exempel var_18_månad, vart_12_år)."
)


def _frequency_schema() -> dict[str, Any]:
    from .timing import CLOSED_LIST

    return {
        "title": "Hur ofta",
        "description": _FREQUENCY_DESCRIPTION,
        "anyOf": [
            {"enum": list(CLOSED_LIST)},
            {"type": "string", "pattern": r"^vart?_[1-9][0-9]{0,2}_(månad|månader|år)$"},
        ],
    }


def _frequency_value(value: Any) -> str:
    return str(value)


class ObligationKind(str, Enum):
    REPORT = "rapport"
    ANALYSIS = "analys"
    REVISION = "revision"
    MATTER = "ärende"

    @property
    def label(self) -> str:
        return {"rapport": "Rapport", "analys": "Analys", "revision": "Revision", "ärende": "Ärende"}[
            self.value
        ]


Month = Annotated[
    int,
    Field(
        ge=1,
        le=12,
        title="Månad",
        description="Månadens nummer, 1 (januari) till 12 (december).",
    ),
]


class SetBy(str, Enum):
    POLICY = "policyn"
    PLANNING = "planeringen"

    @property
    def label(self) -> str:
        return {"policyn": "Enligt policyn", "planeringen": "Planerad"}[self.value]


class Timing(Model):
    """When an obligation falls due, and who set that time."""

    schema_description = (
        "När skyldigheten infaller: månad, dag och startår, och vem som har bestämt tiden "
        "(policyn själv eller organisationens planering)."
    )

    month: Month | None = Field(
        default=None,
        alias="månad",
        title="Månad",
        description=(
            "Månaden (1–12). För ett intervall i månader (varje kvartal, varje halvår …) den "
            "första månaden i året som skyldigheten infaller; de andra följer av intervallet."
        ),
    )
    day: int | None = Field(
        default=None,
        alias="dag",
        ge=1,
        le=31,
        title="Dag",
        description="En bestämd dag i månaden (1–31), till exempel 31 för 'senast den 31 januari'.",
    )
    start_year: int | None = Field(
        default=None,
        alias="startår",
        ge=1900,
        le=2200,
        title="Startår",
        description=(
            "Ett år då skyldigheten infaller; behövs när intervallet är flera år (vartannat år, "
            "vart tredje år …) eller ett antal månader som inte går jämnt upp i ett år."
        ),
    )
    set_by: SetBy = Field(
        alias="bestäms_av",
        title="Bestäms av",
        description=(
            "'policyn' om den antagna texten själv anger tiden (visas som ett krav i policyn), "
            "'planeringen' om organisationen har valt den (visas som planerad)."
        ),
    )


class Obligation(Model):
    """A recurring or occasional follow-up duty from the policy."""

    schema_description = "En skyldighet i uppföljningen: vem rapporterar vad till vem, och hur ofta."
    #: Fields of earlier versions of the model, and how to write them now (for the messages).
    moved_fields: ClassVar[dict[str, str]] = {
        "planering": (
            "organisationens egen tid skrivs nu under 'tid' med 'bestäms_av: planeringen' (och "
            "'månad', 'dag', 'startår' som förut), till exempel: tid: {månad: 3, bestäms_av: planeringen}"
        ),
    }

    id: Id
    title: Name = Field(
        alias="benämning",
        title="Benämning",
        description="Kort namn på vad som ska göras." + _NAME_RULE,
    )
    kind: ObligationKind = Field(
        alias="slag", title="Slag", description="rapport, analys, revision eller ärende."
    )
    reporter: str | None = Field(
        default=None,
        alias="vem",
        title="Vem",
        description="Id för den roll som fullgör skyldigheten; utelämnas om policyn inte anger det.",
    )
    to: list[str] = Field(
        default=[],
        alias="till",
        title="Till",
        description="Id för de roller som tar emot; tom om policyn inte anger det.",
    )
    frequency: Annotated[
        Frequency,
        PlainValidator(_frequency),
        PlainSerializer(_frequency_value),
        WithJsonSchema(_frequency_schema()),
    ] = Field(alias="hur_ofta", title="Hur ofta", description=_FREQUENCY_DESCRIPTION)
    source: Text = Field(
        alias="källa",
        title="Källa",
        description="Meningen i den antagna texten som skyldigheten kommer från, ordagrant.",
    )
    timing: Timing | None = Field(
        default=None,
        alias="tid",
        title="Tid",
        description=(
            "När skyldigheten infaller och vem som har bestämt det: policyn (visas som ett krav) "
            "eller organisationens planering (visas som planerad). Utelämnas så länge ingen tid "
            "är bestämd, och för varje_mandatperiod, vid_behov och vid_särskilda_skäl."
        ),
    )


class ObligationsFile(Model):
    """data/uppfoljning.yml."""

    model_config = ConfigDict(title="Uppföljning")
    schema_description = "Uppföljningens skyldigheter och organisationens planering."

    obligations: list[Obligation] = Field(
        alias="skyldigheter",
        min_length=1,
        title="Skyldigheter",
        description="Uppföljningens skyldigheter: vem rapporterar vad till vem och hur ofta.",
    )


# --- Glossary --------------------------------------------------------------------


class Term(Model):
    """A glossary term: its definition, abbreviations and other names."""

    schema_description = "En term i ordlistan."

    id: Id
    term: Name = Field(title="Term", description="Termen som policyn skriver den." + _NAME_RULE)
    abbreviations: list[Abbreviation] = Field(
        default=[],
        alias="förkortningar",
        title="Förkortningar",
        description=(
            "Förkortningar för termen, till exempel GDPR; de märks upp där de står som ord i "
            "sidornas löptext." + _ABBREVIATION_RULE
        ),
    )
    other_names: list[Name] = Field(
        default=[],
        alias="andra_namn",
        title="Andra namn",
        description="Andra namn som läsare söker på; sökningen hittar termen också med dem." + _NAME_RULE,
    )
    definition: Text | None = Field(
        default=None,
        title="Definition",
        description="Policyns definition, eller den definierande organisationens." + _TEXT_RULE,
    )
    source: Text = Field(
        alias="källa",
        title="Källa",
        description="Var definitionen kommer ifrån, eller var policyn använder termen.",
    )

    @property
    def names(self) -> list[str]:
        return [self.term, *self.abbreviations, *self.other_names]


class GlossaryFile(Model):
    """data/ordlista.yml."""

    model_config = ConfigDict(title="Ordlista")
    schema_description = "Ordlistan: termer, förkortningar och andra namn."

    terms: list[Term] = Field(
        alias="termer", min_length=1, title="Termer", description="Ordlistans termer."
    )


# --- Accessibility statement ------------------------------------------------------


class Conformance(str, Enum):
    FULL = "helt_förenlig"
    PARTIAL = "delvis_förenlig"
    NONE = "inte_förenlig"

    @property
    def label(self) -> str:
        return {
            "helt_förenlig": "helt förenlig",
            "delvis_förenlig": "delvis förenlig",
            "inte_förenlig": "inte förenlig",
        }[self.value]


class Shortcoming(Model):
    schema_description = "En känd brist i tillgängligheten och varför den finns."

    shortcoming: Text = Field(alias="brist", title="Brist", description="Vad som inte är tillgängligt.")
    reason: Text = Field(alias="skäl", title="Skäl", description="Varför bristen finns.")


class AccessibilityFile(Model):
    """data/tillganglighet.yml."""

    model_config = ConfigDict(title="Tillgänglighetsredogörelse")
    schema_description = "Tillgänglighetsredogörelsen enligt lagen (2018:1937)."

    service: Name = Field(
        alias="tjänst",
        title="Tjänst",
        description="Den digitala tjänst som redogörelsen gäller." + _NAME_RULE,
    )
    conformance: Conformance = Field(
        alias="förenlighet",
        title="Förenlighet",
        description="helt_förenlig, delvis_förenlig eller inte_förenlig med lagens krav.",
    )
    shortcomings: list[Shortcoming] = Field(
        default=[], alias="brister", title="Brister", description="Kända brister med skäl."
    )
    method: Text = Field(alias="metod", title="Metod", description="Hur tillgängligheten har granskats.")
    manual_checks: list[Text] = Field(
        default=[],
        alias="manuella_kontroller",
        title="Manuella kontroller",
        description="Det som automatiska verktyg inte hittar och som kontrolleras av testerna.",
    )
    feedback: Text = Field(
        alias="återkoppling", title="Återkoppling", description="Hur läsare meddelar brister."
    )
    updated: Date = Field(
        alias="uppdaterad",
        title="Uppdaterad",
        description=f"Dagen då redogörelsen senast sågs över, i formen ÅÅÅÅ-MM-DD, {DATE_RANGE}.",
    )


# --- The whole policy --------------------------------------------------------


class Origin(Model):
    """The document a responsibility or an obligation of a site of several documents
    comes from (macros/policy/documents.py)."""

    id: str
    document: DocumentFile


class Policy(Model):
    """Everything in data/, validated file by file and across files.

    For a site of several documents, the site's policy (loading.site_policy) holds every
    document's responsibilities and obligations, and ``origins`` says which document each
    comes from; the facts (``document``), principles, goals and methods stay the first
    document's. A site of one document has no origins.
    """

    document: DocumentFile
    principles: list[Principle]
    goals: list[Statement]
    methods: list[Statement]
    roles: list[Role]
    areas: list[Area]
    responsibilities: list[Responsibility]
    obligations: list[Obligation]
    glossary: list[Term] = []
    accessibility: AccessibilityFile | None = None
    #: ("ansvar" or "skyldighet", id) -> the item's document, on a site of several.
    origins: dict[tuple[str, str], Origin] = {}

    def origin(self, item: Responsibility | Obligation) -> Origin | None:
        """The document ``item`` comes from, on a site of several documents (else None)."""
        kind = "ansvar" if isinstance(item, Responsibility) else "skyldighet"
        return self.origins.get((kind, item.id))

    def document_of(self, item: Responsibility | Obligation) -> DocumentFile:
        """The facts of the document ``item`` comes from (its revision rule, its name)."""
        origin = self.origin(item)
        return origin.document if origin else self.document

    @property
    def several(self) -> bool:
        """Whether the site holds several documents (and its views name each item's)."""
        return bool(self.origins)

    def area(self, area_id: str) -> Area:
        return self._areas_by_id[area_id]

    def role(self, role_id: str) -> Role:
        return self._roles_by_id[role_id]

    # Look-ups by id, built once (the views look up every role and area many times).
    # The first of two equal ids wins, as a scan would find it (checks.py refuses both).
    @functools.cached_property
    def _areas_by_id(self) -> dict[str, Area]:
        return {area.id: area for area in reversed(self.areas)}

    @functools.cached_property
    def _roles_by_id(self) -> dict[str, Role]:
        return {role.id: role for role in reversed(self.roles)}

    @property
    def role_ids(self) -> Collection[str]:
        """The roles' ids, for a quick test of membership."""
        return self._roles_by_id.keys()

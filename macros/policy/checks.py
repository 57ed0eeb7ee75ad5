"""Rules that span files or need the whole policy: unique ids, references, quotes.

Each rule yields errors located by the file's SourceMap, so the editor gets the
file and line of the value to fix. The models check each file on its own; these
rules run once every file has validated.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol
from collections.abc import Collection, Iterable, Iterator, Sequence

from .adopted_file import ADOPTED_TEXT_FILE
from .adopted_text import ADOPTED_KEY, AdoptedText, adopted_corpus
from .errors import DataError, Loc, quoted_list, shown, suggest
from . import timing as timing_mod
from .model import Policy, RelatedStatus, Responsibility, ResponsibilityType

#: Whose responsibilities the coverage rules read (check_policy).
Coverage = bool | Sequence[Responsibility]


class Located(Protocol):
    def error(self, loc: Loc, message: str) -> DataError: ...


def _unique_ids(items: Iterable, source: Located, list_key: str, what: str) -> Iterator[DataError]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            yield source.error(
                (list_key, index, "id"),
                f"id {shown(item.id)} används redan av {what} nummer {seen[item.id] + 1} i listan; "
                "varje id måste vara unikt",
            )
        else:
            seen[item.id] = index


class UnknownReference(DataError):
    """A reference to an id that does not exist: one message per id and file, however
    often it is used (check_policy groups them)."""


def _reference(
    known: Sequence[str], value: str, source: Located, loc: Loc, unknown: str, where: str,
    known_set: Collection[str] | None = None,
) -> Iterator[DataError]:
    """An error unless ``value`` is one of ``known``; ``unknown`` is e.g. 'okänd roll'."""
    if value in (known if known_set is None else known_set):
        return
    error = source.error(loc, _unknown_message(unknown, value, where, tuple(known)))
    yield UnknownReference(error.file, error.line, error.field, error.message)


@functools.lru_cache(maxsize=256)
def _unknown_message(unknown: str, value: str, where: str, known: tuple[str, ...]) -> str:
    """The message for an unknown id, worded (and its nearest id sought) once per id."""
    message = f"{unknown} {shown(value)}"
    hint = suggest(value, known)
    if hint:
        message += f"; menade du '{hint}'?"
    return message + f" (kända {where}: {quoted_list(known)})"


def _grouped(errors: Iterable[DataError]) -> list[DataError]:
    """The unknown references to one id in one file as one message, with the lines."""
    result: list[DataError] = []
    groups: dict[tuple[str, str], list[DataError]] = {}
    for error in errors:
        if isinstance(error, UnknownReference):
            groups.setdefault((error.file, error.message), []).append(error)
        else:
            result.append(error)
    for (file, message), same in groups.items():
        first = min(same, key=lambda e: (e.line or 0, e.field))
        if len(same) > 1:
            lines = sorted({e.line for e in same if e.line is not None})
            listed = ", ".join(str(line) for line in lines[:20])
            if len(lines) > 20:
                listed += f" … och {len(lines) - 20} till"
            message += f"; samma okända id står på {len(same)} ställen i filen (rad {listed})"
        result.append(DataError(file, first.line, first.field, message))
    return result


def _role_reference(policy: Policy, role_id: str, source: Located, loc: Loc) -> Iterator[DataError]:
    if role_id in policy.role_ids:
        return
    known = [role.id for role in policy.roles]
    yield from _reference(known, role_id, source, loc, "okänd roll", "roller i roller.yml")


def _recipients(
    policy: Policy, recipients: list[str], source: Located, loc: Loc
) -> Iterator[DataError]:
    """Each recipient a known role, and named once."""
    first: dict[str, int] = {}
    for position, recipient in enumerate(recipients):
        if recipient in first:
            yield source.error(
                loc + (position,),
                f"rollen {shown(recipient)} står redan som mottagare (punkt {first[recipient] + 1} "
                "i listan); ta bort dubbletten",
            )
            continue
        first[recipient] = position
        yield from _role_reference(policy, recipient, source, loc + (position,))


@dataclass(frozen=True)
class _Adopted:
    """A document's adopted text, and how messages name it and where it stands."""

    text: AdoptedText
    name: str  # "policyns antagna text"
    where: str  # the pages and data that carry it


def _quote(source: Located, loc: Loc, quote: str, corpus: _Adopted | None) -> Iterator[DataError]:
    """A source must be whole sentences of the adopted text, word for word."""
    if corpus is None or corpus.text.whole_sentences(quote):
        return
    if corpus.text.occurs(quote):
        problem = (
            f"citatet börjar eller slutar mitt i en mening; en källa är hela meningar ur {corpus.name} "
            f"({corpus.where}), från meningens början till dess punkt"
        )
    else:
        problem = (
            f"citatet finns inte ordagrant i {corpus.name} ({corpus.where}); kopiera hela "
            "meningar exakt som de står där"
        )
    yield source.error(loc, problem)


def _adopted(text: AdoptedText, policy: Policy, folders: tuple[str, str] | None) -> _Adopted:
    """The adopted text as messages name it: the policy's, or (``folders``: its data and
    docs folders as messages show them) a further document's, by its name and file."""
    if folders is None:
        where = (
            f"sidorna i docs/ med '{ADOPTED_KEY}: true' i sidhuvudet och texterna i data/"
            if text.pages
            else f"texterna i data/; ingen sida i docs/ har '{ADOPTED_KEY}: true' i sidhuvudet"
        )
        return _Adopted(text, "policyns antagna text", where)
    data, docs = folders
    name = policy.document.name if policy.document is not None else data
    return _Adopted(
        text, f"den antagna texten till {shown(name)}",
        f"{data}/{ADOPTED_TEXT_FILE}, så som sidorna i {docs}/ med '{ADOPTED_KEY}: true' i "
        f"sidhuvudet och texterna i {data}/ återger den")


#: The files whose texts make up the adopted wording held in data/ (adopted_text.data_texts).
CORPUS_FILES = ("principer.yml", "viljeriktningar.yml", "metodik.yml", "roller.yml")


def check_policy(
    policy: Policy,
    sources: dict[str, Located],
    prose_pages: Iterable[str] | None = None,
    available: Iterable[str] | None = None,
    coverage: Coverage = True,
    folders: tuple[str, str] | None = None,
) -> list[DataError]:
    """Every cross-file error of a policy.

    ``prose_pages`` are the Markdown sources of the pages that carry the adopted
    text; when given, every quoted source sentence in the data must occur in them
    or in the data's own adopted text. ``available`` names the data files that
    validated on their own (all of them when None): a rule runs only when every file
    it reads did, so one run reports the errors within files and between them at once,
    never a consequence of an error already reported. ``coverage``: whose
    responsibilities give every area an owner and every role a part: the policy's own
    (True), the whole site's (a list, for the site's first document), or none here
    (False, for a further document). ``folders``: a further document's folders of data/
    and docs/ as messages show them (``data/riktlinjer``, ``docs/riktlinjer``), whose
    adopted text its quotes are told against.
    """
    ready = None if available is None else set(available)

    def have(*names: str) -> bool:
        return ready is None or all(name in ready for name in names)

    errors: list[DataError] = []
    document = sources["dokument.yml"]
    for name, items, key, what in (
        ("principer.yml", policy.principles, "principer", "principen"),
        ("viljeriktningar.yml", policy.goals, "viljeriktningar", "punkten"),
        ("metodik.yml", policy.methods, "metodik", "punkten"),
        ("roller.yml", policy.roles, "roller", "rollen"),
    ):
        if have(name):
            errors += _unique_ids(items, sources[name], key, what)
    corpus = None
    if prose_pages is not None and have(*CORPUS_FILES):
        # A further document (coverage False) quotes its own text: the roles' texts in
        # data/ are the first document's.
        corpus = _adopted(adopted_corpus(policy, prose_pages, role_texts=coverage is not False),
                          policy, folders)
        if not corpus.text.pages:
            # One error for the cause, not one for each source that cannot be found.
            data, docs = folders or ("data", "docs")
            errors.append(DataError(
                f"{docs}/", None, "",
                f"ingen sida i {docs}/ har '{ADOPTED_KEY}: true' i sidhuvudet, så källorna i {data}/ "
                "kan inte letas upp i den antagna texten; skriv raden i sidhuvudet på sidan (eller "
                "sidorna) som återger den antagna texten",
            ))
            corpus = None
    if have("dokument.yml"):
        errors += _unique_ids(policy.document.related, document, "relaterade_dokument", "dokumentet")
        errors += _revision_rules(policy, document)
        if prose_pages is None or corpus is not None:
            errors += _quote(document, ("revidering", "källa"), policy.document.revision.source, corpus)
        for index, related in enumerate(policy.document.related):
            loc = ("relaterade_dokument", index)
            if corpus is not None or prose_pages is None:
                errors += _quote(document, loc + ("källa",), related.source, corpus)
            if related.site_document is not None:
                errors += _site_document_rules(related, document, loc)
                continue
            if related.status is RelatedStatus.PUBLISHED and not related.url:
                errors.append(
                    document.error(loc + ("status",), "ett publicerat dokument behöver en 'adress'")
                )
            if related.status is RelatedStatus.NOT_PUBLISHED and related.url:
                errors.append(
                    document.error(
                        loc + ("adress",),
                        "ett dokument med status 'ej_publicerat' kan inte ha en adress; "
                        "sätt status till 'publicerat' eller ta bort adressen",
                    )
                )
    if have("dokument.yml", "roller.yml"):
        errors += _role_reference(policy, policy.document.adopted_by, document, ("beslutas_av",))
        for index, related in enumerate(policy.document.related):
            loc = ("relaterade_dokument", index, "beslutas_av")
            errors += _role_reference(policy, related.adopted_by, document, loc)
    if have("omraden.yml", "ansvar.yml", "roller.yml"):
        errors += _check_responsibilities(policy, sources, corpus, coverage)
    if have("uppfoljning.yml", "roller.yml"):
        errors += _check_obligations(policy, sources["uppfoljning.yml"], corpus)
    if have("ordlista.yml"):
        errors += _check_glossary(policy, sources["ordlista.yml"])
    return _grouped(errors)


def _site_document_rules(related, document: Located, loc: Loc) -> Iterator[DataError]:
    """A related document of the site (``dokument``) is linked to its page there: it is
    published, and has no address of its own (that the id is one of the site's documents
    is a rule between documents, macros/policy/documents.py)."""
    if related.url:
        yield document.error(
            loc + ("adress",),
            "ett dokument som finns på webbplatsen ('dokument') länkas till sin sida där och har "
            "ingen adress; ta bort adressen, eller 'dokument' om det är ett annat dokument",
        )
    if related.status is RelatedStatus.NOT_PUBLISHED:
        yield document.error(
            loc + ("status",),
            "ett dokument som finns på webbplatsen ('dokument') är publicerat; sätt status till "
            "'publicerat'",
        )


def _check_glossary(policy: Policy, source: Located) -> Iterator[DataError]:
    yield from _unique_ids(policy.glossary, source, "termer", "termen")
    seen: dict[str, int] = {}
    for index, term in enumerate(policy.glossary):
        for name in term.names:
            key = name.casefold()
            if key in seen and seen[key] != index:
                yield source.error(
                    ("termer", index),
                    f"namnet {shown(name)} står redan vid termen nummer {seen[key] + 1}; ett namn kan "
                    "bara höra till en term",
                )
            seen.setdefault(key, index)


def _check_obligations(policy: Policy, source: Located, corpus: _Adopted | None) -> Iterator[DataError]:
    yield from _unique_ids(policy.obligations, source, "skyldigheter", "skyldigheten")
    for index, item in enumerate(policy.obligations):
        loc = ("skyldigheter", index)
        if item.reporter is not None:
            yield from _role_reference(policy, item.reporter, source, loc + ("vem",))
        yield from _recipients(policy, item.to, source, loc + ("till",))
        yield from _quote(source, loc + ("källa",), item.source, corpus)
        yield from _time_rules(item, source, loc + ("tid",))


def _time_rules(item, source: Located, loc: Loc) -> Iterator[DataError]:
    """The time (tid) must fit the frequency, and name days that exist."""
    timing, frequency = item.timing, item.frequency
    if timing is None:
        return
    if not frequency.interval:
        reason = {
            timing_mod.EACH_TERM: "infaller i anslutning till varje ny mandatperiod, som räknas fram",
            timing_mod.REVISION_RULE: "får sin tid ur revideringsregeln i dokument.yml",
        }.get(frequency.value, "har inga fasta tider")
        yield source.error(
            loc,
            f"en skyldighet som ska göras '{frequency.value}' {reason}; ta bort 'tid'",
        )
        return
    every, unit = frequency.every, frequency.unit
    months_even = unit == "månad" and 12 % every == 0
    if unit == "månad" and every == 1:
        if timing.month is not None:
            yield source.error(
                loc + ("månad",),
                f"'{frequency.value}' infaller varje månad; 'månad' väljer ingenting, ta bort den",
            )
    elif timing.month is None:
        yield source.error(
            loc,
            f"'tid' för '{frequency.value}' behöver 'månad' (1–12): "
            + ("den första månaden i året som skyldigheten infaller"
               if unit == "månad" else "den månad som skyldigheten infaller"),
        )
    needs_start = (unit == "år" and every > 1) or (unit == "månad" and not months_even)
    if needs_start and timing.start_year is None:
        yield source.error(
            loc,
            f"'{frequency.value}' infaller inte varje år likadant; 'tid' behöver 'startår' "
            "(ett år då skyldigheten infaller)",
        )
    if not needs_start and timing.start_year is not None:
        yield source.error(
            loc + ("startår",),
            f"'startår' behövs bara när skyldigheten inte infaller likadant varje år; "
            f"'{frequency.value}' gör det, ta bort 'startår'",
        )
    if timing.day is not None:
        rule = timing_mod.TimeRule("interval", unit, every, timing.month, timing.day,
                                   timing.start_year)
        for month in rule.months_of_year():
            if timing.day > timing_mod.days_in(month):
                extra = (" (bara under skottår)" if month == 2 and timing.day == 29 else "")
                yield source.error(
                    loc + ("dag",),
                    f"dag {timing.day} finns inte i {timing_mod.MONTH_NAMES[month - 1]}{extra}, som "
                    f"'{frequency.value}' infaller i; välj en dag som finns i varje sådan månad "
                    f"(högst {min(timing_mod.days_in(m) for m in rule.months_of_year())})",
                )
                break


def _revision_rules(policy: Policy, source: Located) -> Iterator[DataError]:
    """The revision rule and the values it needs."""
    revision = policy.document.revision
    loc = ("revidering",)
    if revision.rule.by_years and revision.years is None:
        yield source.error(loc, f"regeln '{revision.rule.value}' behöver 'år': hur många år "
                           "efter beslutsdatumet dokumentet senast ska revideras")
    if not revision.rule.by_years and revision.years is not None:
        yield source.error(loc + ("år",), f"'år' hör bara till regeln 'år_efter_beslutet' (med eller "
                           f"utan '_eller_vid_behov'), inte till '{revision.rule.value}'; ta bort det")
    if revision.rule.by_date and revision.by_date is None:
        yield source.error(loc, f"regeln '{revision.rule.value}' behöver 'datum': dagen då "
                           "dokumentet senast ska vara reviderat (ÅÅÅÅ-MM-DD)")
    if not revision.rule.by_date and revision.by_date is not None:
        yield source.error(loc + ("datum",), f"'datum' hör bara till regeln 'senast_datum' (med eller "
                           f"utan '_eller_vid_behov'), inte till '{revision.rule.value}'; ta bort det")


def _check_responsibilities(
    policy: Policy, sources: dict[str, Located], corpus: _Adopted | None, coverage: Coverage = True,
) -> list[DataError]:
    areas, responsibilities = sources["omraden.yml"], sources["ansvar.yml"]
    errors = list(_unique_ids(policy.areas, areas, "områden", "området"))
    errors += _unique_ids(policy.responsibilities, responsibilities, "ansvar", "ansvaret")
    known_areas = [area.id for area in policy.areas]
    area_ids = set(known_areas)
    for index, item in enumerate(policy.responsibilities):
        loc = ("ansvar", index)
        errors += _role_reference(policy, item.role, responsibilities, loc + ("roll",))
        errors += _reference(
            known_areas, item.area, responsibilities, loc + ("område",), "okänt område",
            "områden i omraden.yml", area_ids,
        )
        errors += _recipients(policy, item.to, responsibilities, loc + ("till",))
    if errors:
        # A broken reference makes the coverage rules below report its consequences
        # (a role without a part, an area without an owner): report the cause alone.
        return errors
    errors += _responsibility_rules(policy, sources, corpus, coverage)
    return errors


def _responsibility_rules(
    policy: Policy, sources: dict[str, Located], corpus: _Adopted | None, coverage: Coverage = True,
) -> Iterator[DataError]:
    areas, responsibilities = sources["omraden.yml"], sources["ansvar.yml"]
    for index, item in enumerate(policy.responsibilities):
        loc = ("ansvar", index)
        for position, recipient in enumerate(item.to):
            if recipient == item.role:
                yield responsibilities.error(
                    loc + ("till", position), "en roll kan inte rapportera till sig själv"
                )
        if item.type.reports and not item.to:
            yield responsibilities.error(
                loc + ("typ",),
                f"typen '{item.type.value}' behöver 'till': de roller som rollen rapporterar till",
            )
        if item.to and not item.type.reports:
            yield responsibilities.error(
                loc + ("till",),
                f"'till' hör bara till typerna 'rapporterar' och 'kan_rapportera', inte till "
                f"'{item.type.value}'; ta bort 'till' eller ändra typen",
            )
        yield from _quote(responsibilities, loc + ("källa",), item.source, corpus)

    if coverage is False:
        return  # a further document: the site's first document checks the whole site's
    every = policy.responsibilities if coverage is True else coverage
    owners = {item.area for item in every if item.type.owns}
    owning = " eller ".join(f"'{t.value}'" for t in ResponsibilityType if t.owns)
    for index, area in enumerate(policy.areas):
        if area.id not in owners:
            yield areas.error(
                ("områden", index),
                f"området '{area.id}' har ingen roll med typen {owning} i ansvar.yml; "
                "varje område behöver någon som ansvarar eller beslutar",
            )
    involved = {item.role for item in every}
    involved.update(recipient for item in every for recipient in item.to)
    for index, role in enumerate(policy.roles):
        if role.id not in involved:
            yield sources["roller.yml"].error(
                ("roller", index),
                f"rollen '{role.id}' har inget ansvar i ansvar.yml och tar inte emot någon "
                "rapport; lägg till dess ansvar eller ta bort rollen",
            )

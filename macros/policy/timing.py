"""The time rule of an obligation: how often, and when, as the data says it.

One rule per obligation: an interval (months or years, any whole number), an
optional month, day and start year, and who set the time (the policy itself, or the
organisation's planning). The occasional kinds ("vid behov", "vid särskilda skäl")
fall due on no date; "varje mandatperiod" falls on each period's first day. Every
view (table, calendar, upcoming, wheel, feed) derives its dates from this module.
Pure Python: no mkdocs, no files.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

#: Written shorthands: value -> (unit, interval). Unit "månad" or "år".
SHORTHANDS: dict[str, tuple[str, int]] = {
    "varje_månad": ("månad", 1),
    "varannan_månad": ("månad", 2),
    "varje_kvartal": ("månad", 3),
    "varje_tertial": ("månad", 4),
    "varje_halvår": ("månad", 6),
    "varje_år": ("år", 1),
    "vartannat_år": ("år", 2),
    "vart_tredje_år": ("år", 3),
    "vart_fjärde_år": ("år", 4),
    "vart_femte_år": ("år", 5),
    "vart_sjätte_år": ("år", 6),
    "vart_sjunde_år": ("år", 7),
    "vart_åttonde_år": ("år", 8),
    "vart_nionde_år": ("år", 9),
    "vart_tionde_år": ("år", 10),
}

EACH_TERM = "varje_mandatperiod"
AS_NEEDED = "vid_behov"
SPECIAL_GROUNDS = "vid_särskilda_skäl"
REVISION_RULE = "enligt_revideringsregeln"
#: The kinds that are not an interval.
OTHER_KINDS = (EACH_TERM, AS_NEEDED, SPECIAL_GROUNDS, REVISION_RULE)

#: The general form: every N months or years (``var_18_månad``, ``vart_12_år``).
GENERAL = re.compile(r"^vart?_([1-9][0-9]{0,2})_(månad|månader|år)$")
GENERAL_FORMS = ("var_N_månad", "vart_N_år")
#: The longest interval, in months (a hundred years).
MAX_MONTHS = 1200

#: The months, as Swedish writes them (lower case).
MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december")
#: Numbers a Swedish text writes in words (from 13 on, in digits).
NUMBER_WORDS = ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva",
                "tolv")


def number_words(number: int) -> str:
    """4 -> 'fyra'; 13 and more as digits."""
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)


ORDINALS = {3: "tredje", 4: "fjärde", 5: "femte", 6: "sjätte", 7: "sjunde", 8: "åttonde",
            9: "nionde", 10: "tionde", 11: "elfte", 12: "tolfte"}

#: Every written value the closed list holds, for messages and the schema.
CLOSED_LIST = (*SHORTHANDS, *OTHER_KINDS)


class FrequencyError(ValueError):
    """A written frequency that is none of the allowed ones (the message is Swedish)."""


def _fold(value: str) -> str:
    """Casefolded, without diacritics, with one kind of separator: for typo matching."""
    plain = unicodedata.normalize("NFKD", value.casefold()).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_\-]+", "_", plain).strip("_")


def _distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            best = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, rows[-2][j - 2] + 1)
            row.append(best)
        rows.append(row)
    return rows[-1][-1]


def safe_suggestion(value: str, candidates) -> str | None:
    """A candidate that ``value`` is a misspelling of, never one whose meaning differs.

    Only a candidate that differs by case, diacritics, separators or one slip of the
    keyboard (one letter added, dropped, changed or two swapped) is suggested, and only
    when exactly one does and the numbers in both are the same: 'vart_fjärde_år' is
    never 'varje_år', and 'var_5_år' never 'var_6_år'."""
    folded = _fold(str(value))
    if not folded or len(folded) > 80:
        return None
    digits = re.findall(r"\d+", folded)
    close = []
    for candidate in candidates:
        other = _fold(candidate)
        if re.findall(r"\d+", other) != digits:
            continue
        distance = _distance(folded, other)
        if distance == 0 or (distance == 1 and len(other) >= 5):
            close.append((distance, candidate))
    exact = [c for d, c in close if d == 0]
    if len(exact) == 1:
        return exact[0]
    return close[0][1] if len(close) == 1 and not exact else None


@dataclass(frozen=True)
class Frequency:
    """How often an obligation recurs, as the data writes it."""

    value: str  # as written (the shorthand or the general form)
    unit: str | None = None  # "månad" or "år" for an interval; None for the other kinds
    every: int = 0  # the interval, in units

    def __str__(self) -> str:
        return self.value

    @property
    def interval(self) -> bool:
        return self.unit is not None

    @property
    def months(self) -> int:
        """The interval in months (0 for the other kinds)."""
        if self.unit is None:
            return 0
        return self.every * (12 if self.unit == "år" else 1)

    @property
    def label(self) -> str:
        if self.unit == "år":
            if self.every == 1:
                return "Varje år"
            if self.every == 2:
                return "Vartannat år"
            return f"Vart {ORDINALS.get(self.every, f'{self.every}:e')} år"
        if self.unit == "månad":
            return {1: "Varje månad", 2: "Varannan månad", 3: "Varje kvartal",
                    6: "Varje halvår"}.get(self.every) or (
                f"Var {ORDINALS.get(self.every, f'{self.every}:e')} månad")
        return {
            EACH_TERM: "Varje mandatperiod",
            AS_NEEDED: "Vid behov",
            SPECIAL_GROUNDS: "Vid särskilda skäl",
            REVISION_RULE: "Enligt revideringsregeln",
        }[self.value]

    @property
    def plannable(self) -> bool:
        """Whether a time (month, day, start year) may be given for it."""
        return self.interval

    @property
    def recurring(self) -> bool:
        """Whether it falls due on dates at all (not only when there is a need)."""
        return self.value not in (AS_NEEDED, SPECIAL_GROUNDS)


def parse_frequency(value: object) -> Frequency:
    """A written frequency, or FrequencyError with what the closed list holds."""
    if isinstance(value, Frequency):
        return value
    if not isinstance(value, str):
        raise FrequencyError(f"förväntade en text, till exempel 'varje_år' ({_allowed()})")
    written = value.strip()
    if written in SHORTHANDS:
        unit, every = SHORTHANDS[written]
        return Frequency(written, unit, every)
    if written in OTHER_KINDS:
        return Frequency(written)
    general = GENERAL.match(written)
    if general:
        every, unit = int(general.group(1)), general.group(2)
        unit = "år" if unit == "år" else "månad"
        if every * (12 if unit == "år" else 1) > MAX_MONTHS:
            raise FrequencyError(f"'{written}' är ett för långt intervall; högst {MAX_MONTHS // 12} år")
        return Frequency(written, unit, every)
    shown = written if len(written) <= 80 else written[:79] + "…"
    message = f"'{shown}' är inte ett tillåtet värde"
    hint = safe_suggestion(written, [*CLOSED_LIST, *_general_spelling(written)])
    if hint:
        message += f"; menade du '{hint}'?"
    else:
        import difflib

        nearest = difflib.get_close_matches(written, CLOSED_LIST, n=1, cutoff=0.6)
        if nearest:
            message += f"; närmast bland de tillåtna är '{nearest[0]}' (kontrollera att det betyder det du menar)"
    raise FrequencyError(message + f" ({_allowed()})")


def _general_spelling(written: str) -> list[str]:
    """The general form with the number the editor wrote, as a candidate spelling."""
    number = re.search(r"\d+", written)
    if not number:
        return []
    return [f"var_{number.group(0)}_månad", f"vart_{number.group(0)}_år"]


def _allowed() -> str:
    return (
        "listan är stängd: " + ", ".join(f"'{v}'" for v in CLOSED_LIST)
        + ", eller den allmänna formen 'var_N_månad' eller 'vart_N_år' med N som ett heltal, "
        "till exempel 'var_18_månad' eller 'vart_12_år'"
    )


# --- Dates ------------------------------------------------------------------------

POLICY = "policyn"
PLANNING = "planeringen"


def days_in(month: int, year: int | None = None) -> int:
    """The days of a month; February has 28 unless a year says otherwise."""
    if year is None:
        return 28 if month == 2 else calendar.monthrange(2001, month)[1]
    return calendar.monthrange(year, month)[1]


@dataclass(frozen=True)
class TimeRule:
    """When an obligation falls due, resolved from its data.

    ``kind`` is "interval" (every ``every`` ``unit``s), "term" (the first day of each
    mandate period), "once" (one date) or "none" (no date: when needed, or not planned
    yet). ``month``, ``day`` and ``start_year`` anchor an interval; ``set_by`` is
    ``policyn`` or ``planeringen``.
    """

    kind: str
    unit: str | None = None
    every: int = 0
    month: int | None = None
    day: int | None = None
    start_year: int | None = None
    set_by: str = POLICY
    once: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.kind != "none"

    @property
    def planned(self) -> bool:
        """Whether the time is the organisation's choice (not the policy's requirement)."""
        return self.set_by == PLANNING

    @property
    def step(self) -> int:
        """The interval in months."""
        return self.every * (12 if self.unit == "år" else 1)

    def _month_due(self, year: int, month: int) -> bool:
        if self.unit == "år":
            return month == self.month and (year - (self.start_year or year)) % self.every == 0
        anchor_year = self.start_year if self.start_year is not None else 2000
        anchor = anchor_year * 12 + ((self.month or 1) - 1)
        return (year * 12 + month - 1 - anchor) % self.step == 0

    def dates(self, start: dt.date, end: dt.date, term_starts=()) -> list[tuple[int, int, int]]:
        """(year, month, day) of every occurrence whose date lies in [start, end]; day 0
        where no day is fixed (the occurrence then counts from the month's first day)."""
        if self.kind == "term":
            return [(d.year, d.month, d.day) for d in term_starts if start <= d <= end]
        if self.kind == "once":
            d = self.once
            return [(d.year, d.month, d.day)] if d and start <= d <= end else []
        if self.kind != "interval":
            return []
        found = []
        for year in range(start.year, end.year + 1):
            for month in range(1, 13):
                if not self._month_due(year, month):
                    continue
                day = self.day or 0
                if start <= dt.date(year, month, day or 1) <= end:
                    found.append((year, month, day))
        return found

    def months_of_year(self) -> list[int]:
        """The months of a year in which it may fall (the annual wheel)."""
        if self.kind == "term":
            return [10]
        if self.kind == "once":
            return [self.once.month] if self.once else []
        if self.kind != "interval":
            return []
        if self.unit == "år":
            return [self.month] if self.month else []
        first = (self.month or 1) - 1
        return sorted({(first + k * self.step) % 12 + 1 for k in range(12)})

    def rrule(self) -> dict | None:
        """The iCalendar recurrence (RFC 5545) of the rule; None for a single date."""
        if self.kind == "term":
            return {"FREQ": "YEARLY", "INTERVAL": 4}
        if self.kind != "interval":
            return None
        rule: dict = {"FREQ": "YEARLY" if self.unit == "år" else "MONTHLY"}
        if self.every != 1:
            rule["INTERVAL"] = self.every
        if self.day:
            rule["BYMONTHDAY"] = self.day
        return rule

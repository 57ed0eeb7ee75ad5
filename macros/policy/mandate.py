"""Swedish mandate periods, computed from the election calendar.

General elections are held on the second Sunday of September every fourth year
(2022, 2026, 2030, ...). Kommunfullmäktige is elected for four years counted from
15 October of the election year, so the period 2026–2030 runs from 2026-10-15 to
2030-10-14.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from .settings import SettingError, shown

#: An election year of the regular four-year cycle.
REFERENCE_ELECTION_YEAR = 2022
TERM_START_MONTH, TERM_START_DAY = 10, 15


def is_election_year(year: int) -> bool:
    return (year - REFERENCE_ELECTION_YEAR) % 4 == 0


def election_day(year: int) -> dt.date:
    """The second Sunday of September of an election year."""
    if not is_election_year(year):
        raise ValueError(f"{year} är inget valår")
    first = dt.date(year, 9, 1)
    first_sunday = first + dt.timedelta(days=(6 - first.weekday()) % 7)
    return first_sunday + dt.timedelta(days=7)


@dataclass(frozen=True, order=True)
class MandatePeriod:
    """The term of kommunfullmäktige elected in ``election_year``."""

    election_year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.election_year, TERM_START_MONTH, TERM_START_DAY)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        return dt.date(self.election_year + 4, TERM_START_MONTH, TERM_START_DAY) - dt.timedelta(days=1)

    @property
    def election(self) -> dt.date:
        return election_day(self.election_year)

    @property
    def id(self) -> str:
        """``2026-2030``: the name of the period, of its published version too."""
        return f"{self.election_year}-{self.election_year + 4}"

    @property
    def label(self) -> str:
        return f"{self.election_year}–{self.election_year + 4}"

    def next(self) -> MandatePeriod:
        return MandatePeriod(self.election_year + 4)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def period_for(day: dt.date) -> MandatePeriod:
    """The mandate period that ``day`` falls in."""
    year = day.year - (day.year - REFERENCE_ELECTION_YEAR) % 4
    if day < dt.date(year, TERM_START_MONTH, TERM_START_DAY):
        year -= 4
    return MandatePeriod(year)


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """The date a build speaks of: SOURCE_DATE_EPOCH if set (reproducible), else today."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            if not epoch.strip().isascii() or not epoch.strip().isdigit():
                raise ValueError(epoch)
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise SettingError(
                f"SOURCE_DATE_EPOCH: {shown(epoch)} är inte ett antal sekunder sedan 1970 (ett heltal); "
                "ange till exempel 1795953600, eller låt bli att sätta den (då gäller dagens datum)"
            ) from None
    return dt.date.today()

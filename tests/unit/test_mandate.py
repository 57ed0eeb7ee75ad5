"""Mandate periods from the election calendar, and the build date."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.policy.mandate import MandatePeriod, build_date, election_day, is_election_year, period_for

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    "year, day", [(2018, "2018-09-09"), (2022, "2022-09-11"), (2026, "2026-09-13"), (2030, "2030-09-08")]
)
def test_election_day_is_the_second_sunday_of_september(year, day):
    assert election_day(year) == D(day)
    assert election_day(year).weekday() == 6


def test_only_every_fourth_year_is_an_election_year():
    assert [y for y in range(2021, 2032) if is_election_year(y)] == [2022, 2026, 2030]
    with pytest.raises(ValueError):
        election_day(2027)


@pytest.mark.parametrize(
    "day, period",
    [
        ("2022-10-14", "2018-2022"),
        ("2022-10-15", "2022-2026"),
        ("2026-09-13", "2022-2026"),  # election day: the old period still runs
        ("2026-10-14", "2022-2026"),
        ("2026-10-15", "2026-2030"),
        ("2026-11-29", "2026-2030"),
        ("2028-02-29", "2026-2030"),
        ("2030-10-14", "2026-2030"),
        ("2030-10-15", "2030-2034"),
        ("2031-01-01", "2030-2034"),
    ],
)
def test_period_for_any_date(day, period):
    assert period_for(D(day)).id == period


def test_a_period_runs_four_years_from_15_october():
    period = MandatePeriod(2026)
    assert (period.start, period.end) == (D("2026-10-15"), D("2030-10-14"))
    assert period.label == "2026–2030" and period.election == D("2026-09-13")
    assert period.next() == MandatePeriod(2030)
    assert period.contains(D("2030-10-14")) and not period.contains(D("2030-10-15"))


def test_build_date_follows_source_date_epoch():
    assert build_date({"SOURCE_DATE_EPOCH": "1795953600"}) == D("2026-11-29")
    assert build_date({}) == dt.date.today()

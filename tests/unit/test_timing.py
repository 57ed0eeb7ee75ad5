"""The one time rule: intervals of months and years, days, who set the time, RRULE."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from macros.views import feed
from macros.views import followup
from macros.policy import timing
from macros.policy.model import Obligation
from macros.policy.timing import FrequencyError, parse_frequency, safe_suggestion
from tests.unit.test_followup import policy

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)

D = dt.date.fromisoformat


def duty(oid: str, frequency: str, **time) -> Obligation:
    return Obligation(id=oid, benämning=f"Skyldighet {oid}", slag="rapport", vem="a", till=["b"],
                      hur_ofta=frequency, källa=f"Källa {oid}.", tid=time or None)


def dates(o: Obligation, start="2027-01-01", end="2027-12-31") -> list[str]:
    return [f"{x.year}-{x.month:02}" + (f"-{x.day:02}" if x.day else "")
            for x in followup.between(o, D(start), D(end))]


@pytest.mark.parametrize("written, unit, every, label", [
    ("varje_månad", "månad", 1, "Varje månad"),
    ("varje_kvartal", "månad", 3, "Varje kvartal"),
    ("varje_halvår", "månad", 6, "Varje halvår"),
    ("varje_år", "år", 1, "Varje år"),
    ("vart_tredje_år", "år", 3, "Vart tredje år"),
    ("vart_fjärde_år", "år", 4, "Vart fjärde år"),
    ("var_18_månad", "månad", 18, "Var 18:e månad"),
    ("vart_12_år", "år", 12, "Vart tolfte år"),
])
def test_every_interval_can_be_said(written, unit, every, label):
    frequency = parse_frequency(written)
    assert (frequency.unit, frequency.every, frequency.label) == (unit, every, label)


@pytest.mark.parametrize("written, expected", [
    ("varje halvår", "varje_halvår"), ("vart_fjarde_ar", "vart_fjärde_år"), ("varje_kvartl", "varje_kvartal"),
    ("vart_5_ar", "vart_5_år"),
])
def test_a_misspelling_is_suggested_its_own_value(written, expected):
    with pytest.raises(FrequencyError, match=f"menade du '{expected}'"):
        parse_frequency(written)


@pytest.mark.parametrize("written", ["vart_fjärdeår_x", "vart_sextonde_år", "vart_elfte_år", "varje_vecka"])
def test_a_value_of_another_meaning_is_never_suggested(written):
    with pytest.raises(FrequencyError) as caught:
        parse_frequency(written)
    assert "menade du" not in str(caught.value) and "listan är stängd" in str(caught.value)


def test_suggestions_never_cross_numbers_or_meanings():
    assert safe_suggestion("var_5_år", ["var_6_år", "vart_5_år"]) == "vart_5_år"
    assert safe_suggestion("vart_fjärde_år", ["varje_år", "vartannat_år"]) is None
    assert safe_suggestion("varje_ar", timing.CLOSED_LIST) == "varje_år"


def test_monthly_quarterly_and_a_policy_month():
    assert dates(duty("m", "varje_månad")) == [f"2027-{m:02}" for m in range(1, 13)]
    assert dates(duty("q", "varje_kvartal", månad=2, bestäms_av="planeringen")) == [
        "2027-02", "2027-05", "2027-08", "2027-11"]
    assert dates(duty("n", "varje_år", månad=11, bestäms_av="policyn")) == ["2027-11"]


def test_a_fixed_day_and_every_third_year():
    assert dates(duty("d", "varje_år", månad=1, dag=31, bestäms_av="policyn")) == ["2027-01-31"]
    third = duty("t", "vart_tredje_år", månad=5, startår=2027, bestäms_av="planeringen")
    assert dates(third, "2026-01-01", "2034-12-31") == ["2027-05", "2030-05", "2033-05"]
    odd = duty("o", "var_5_månad", månad=1, startår=2027, bestäms_av="planeringen")
    assert dates(odd, "2027-01-01", "2028-03-31") == ["2027-01", "2027-06", "2027-11"]


def test_who_set_the_time_is_shown():
    assert followup.planning_text(duty("n", "varje_år", månad=11, bestäms_av="policyn")) == (
        "Enligt policyn: november")
    assert followup.planning_text(duty("d", "varje_år", månad=1, dag=31, bestäms_av="policyn")) == (
        "Enligt policyn: 31 januari")
    assert followup.planning_text(duty("q", "varje_kvartal", månad=3, bestäms_av="planeringen")) == (
        "Planerad: mars, juni, september och december")
    assert followup.planning_text(duty("m", "varje_månad")) == "Enligt policyn: varje månad"


def test_the_wheel_marks_the_policy_month_as_a_requirement():
    html = followup.wheel(policy(duty("n", "varje_år", månad=11, bestäms_av="policyn"),
                                 duty("q", "varje_kvartal", månad=3, bestäms_av="planeringen")))
    assert html.count("wheel-marker--policy") == 1
    assert html.count('class="wheel-marker"') == 4


def test_the_feed_speaks_each_interval():
    p = policy(duty("q", "varje_kvartal", månad=3, bestäms_av="planeringen"),
               duty("d", "varje_år", månad=1, dag=31, bestäms_av="policyn"),
               duty("t", "vart_tredje_år", månad=5, startår=2027, bestäms_av="planeringen"),
               duty("m", "varje_månad"))
    window = followup.Years(2026)
    events = {str(e["uid"]).split(".")[0]: e for e in Calendar.from_ical(
        feed.feed(p, window, dt.datetime(2026, 11, 29, tzinfo=dt.timezone.utc))).walk("VEVENT")}
    rule = {k: e["rrule"].to_ical().decode() for k, e in events.items()}
    assert rule == {"q": "FREQ=MONTHLY;INTERVAL=3", "d": "FREQ=YEARLY;BYMONTHDAY=31",
                    "t": "FREQ=YEARLY;INTERVAL=3", "m": "FREQ=MONTHLY"}
    assert events["d"]["dtstart"].dt == dt.date(2026, 1, 31)
    assert events["d"]["dtend"].dt == dt.date(2026, 2, 1)
    assert events["t"]["dtstart"].dt == dt.date(2027, 5, 1)
    assert "planerad" in str(events["q"]["summary"]) and "planerad" not in str(events["d"]["summary"])


def test_the_calendar_without_mandate_periods_runs_by_years():
    p = policy(duty("n", "varje_år", månad=11, bestäms_av="policyn"))
    html = followup.calendar(p, D("2026-11-29"), "r/")
    assert "Mandatperiod" not in html and "{#kalender-2026}" in html and "{#kalender-2027}" in html

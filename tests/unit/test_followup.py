"""Obligations in time: expansion of every frequency, upcoming, views, wheel and feed."""

from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from macros.views import feed
from macros.views import followup
from macros.views import wheel
from macros.views.followup import MONTHS
from macros.views.wheel import WheelEntry, annual_wheel
from macros.policy.mandate import MandatePeriod
from macros.policy.model import Obligation, Policy, Role
from tests.unit.test_render import small_policy

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)

D = dt.date.fromisoformat
PERIOD = MandatePeriod(2026)


def obligation(oid: str, frequency: str, **planning) -> Obligation:
    return Obligation(
        id=oid, benämning=f"Skyldighet {oid}", slag="rapport", vem="a", till=["b"],
        hur_ofta=frequency, källa=f"Källa {oid}.",
        tid=({"bestäms_av": "planeringen", **planning} if planning else None),
    )


def policy(*obligations: Obligation) -> Policy:
    return small_policy().model_copy(
        update={
            "roles": [Role(id="a", namn="Ombud", slag="funktion"),
                      Role(id="b", namn="Nämnd", slag="styrelse_eller_nämnd")],
            "obligations": list(obligations),
        }
    )


def months(o: Obligation, period=PERIOD) -> list[str]:
    return [f"{x.year}-{x.month:02}" + (f"-{x.day:02}" if x.day else "")
            for x in followup.occurrences(o, period)]


def test_yearly_falls_each_year_of_the_period():
    assert months(obligation("y", "varje_år", månad=3)) == ["2027-03", "2028-03", "2029-03", "2030-03"]


def test_a_month_belongs_to_the_period_its_first_day_falls_in():
    # October 2026 began before the period did (15 October); October 2030 within it.
    assert months(obligation("y", "varje_år", månad=10)) == ["2027-10", "2028-10", "2029-10", "2030-10"]


def test_biennial_counts_from_its_start_year():
    assert months(obligation("b", "vartannat_år", månad=9, startår=2027)) == ["2027-09", "2029-09"]
    assert months(obligation("b", "vartannat_år", månad=9, startår=2024)) == ["2028-09", "2030-09"]


def test_half_yearly_falls_every_six_months():
    assert months(obligation("h", "varje_halvår", månad=4)) == [
        "2027-04", "2027-10", "2028-04", "2028-10", "2029-04", "2029-10", "2030-04", "2030-10",
    ]
    assert followup.planned_months(obligation("h", "varje_halvår", månad=11)) == [5, 11]


def test_each_term_falls_on_the_first_day_of_the_period():
    assert months(obligation("r", "varje_mandatperiod")) == ["2026-10-15"]
    assert months(obligation("r", "varje_mandatperiod"), MandatePeriod(2030)) == ["2030-10-15"]


@pytest.mark.parametrize("frequency", ["vid_behov", "vid_särskilda_skäl"])
def test_on_demand_and_unplanned_never_fall_due(frequency):
    assert months(obligation("n", frequency)) == []
    assert months(obligation("u", "varje_år")) == []  # no month chosen yet


def test_planning_text_says_whose_choice_it_is():
    assert followup.planning_text(obligation("y", "varje_år", månad=3)) == "Planerad: mars"
    assert followup.planning_text(obligation("h", "varje_halvår", månad=4)) == "Planerad: april och oktober"
    assert followup.planning_text(obligation("b", "vartannat_år", månad=9, startår=2027)) == (
        "Planerad: september vartannat år, med start 2027"
    )
    assert followup.planning_text(obligation("u", "varje_år")) == "Inte planerad ännu"
    assert followup.planning_text(obligation("n", "vid_behov")) == "Ingen fast tid"
    assert followup.planning_text(obligation("r", "varje_mandatperiod")).startswith("Enligt policyn")


def test_upcoming_from_a_date():
    p = policy(obligation("y", "varje_år", månad=3), obligation("h", "varje_halvår", månad=4),
               obligation("r", "varje_mandatperiod"), obligation("n", "vid_behov"))
    upcoming = followup.upcoming(p, D("2026-11-29"), 3)
    assert [(o.obligation, o.year, o.month) for o in upcoming] == [
        ("y", 2027, 3), ("h", 2027, 4), ("h", 2027, 10),
    ]
    # This month's planned obligation still counts; a fixed day already past does not.
    assert followup.upcoming(p, D("2027-03-31"), 1)[0].obligation == "y"
    assert all(o.first_day >= D("2026-10-16") for o in followup.upcoming(p, D("2026-10-16"), 20)
               if o.day)


def test_calendar_shows_the_next_period_when_it_starts_within_a_year():
    assert [p.id for p in followup.calendar_periods(D("2027-01-01"))] == ["2026-2030"]
    assert [p.id for p in followup.calendar_periods(D("2029-11-01"))] == ["2026-2030", "2030-2034"]


def test_calendar_groups_by_year_and_month_and_marks_planned():
    p = policy(obligation("y", "varje_år", månad=3), obligation("r", "varje_mandatperiod"))
    markdown = followup.period_calendar(p, PERIOD, "../roller/")
    assert re.findall(r"^#### (\d{4})", markdown, re.M) == ["2026", "2027", "2028", "2029", "2030"]
    assert "<dt>Mars</dt>" in markdown and "<dt>Oktober</dt>" in markdown
    assert markdown.count("Planerad</span>") == 4 and markdown.count("Enligt policyn</span>") == 1
    assert '<a href="../roller/#roll-a">Ombud</a> till <a href="../roller/#roll-b">Nämnd</a>' in markdown


def test_table_has_every_obligation_and_unknowns_said_plainly():
    p = policy(obligation("y", "varje_år", månad=3),
               Obligation(id="s", benämning="Särskilt", slag="rapport", hur_ofta="vid_särskilda_skäl",
                          källa="Särskilda skäl."))
    html = followup.obligations_table(p, "")
    assert [h for h in re.findall(r'<th scope="col">([^<]+)', html)] == [
        "Vad", "Vem", "Till vem", "Hur ofta", "Källa"]
    assert html.count('<tr id="skyldighet-') == 2
    assert html.count("Anges inte i policyn") == 2
    assert "Planerad: mars" in html and "<q>Särskilda skäl.</q>" in html


def test_wheel_marks_each_planned_month_and_says_the_same_in_text():
    p = policy(obligation("y", "varje_år", månad=3), obligation("h", "varje_halvår", månad=4),
               obligation("n", "vid_behov"))
    html = followup.wheel(p)
    svg = ET.fromstring(re.search(r"<svg.*</svg>", html, re.S).group(0))
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img"
    assert len(svg.findall(f".//{ns}circle")) == 3  # March, April, October
    assert "Mars: 1. Skyldighet y (varje år). April: 2. Skyldighet h (varje halvår)." in svg.find(f"{ns}desc").text
    # The legend beside the wheel names each duty under its month.
    october = re.search(r"<li><strong>Oktober</strong><ul>(.*?)</ul>", html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", october).strip() == "22. Skyldighet h (varje halvår)"
    assert "Skyldighet n" not in html


def wheel_svg(entries) -> ET.Element:
    html = annual_wheel(entries, months=[m.capitalize() for m in MONTHS], title="Årshjul", id_prefix="hjul")
    return ET.fromstring(re.search(r"<svg.*</svg>", html, re.S).group(0))


@pytest.mark.parametrize("count", [1, 4, 9, 25])
def test_any_number_of_duties_in_a_month_stay_inside_the_wheel_and_apart(count):
    entries = [WheelEntry(month=3, number=i, label=f"Skyldighet {i}", planned=i % 3 != 0)
               for i in range(1, count + 1)]
    entries.append(WheelEntry(month=12, number=count + 1, label="En till"))
    svg = wheel_svg(entries)
    ns = "{http://www.w3.org/2000/svg}"
    side = float(svg.get("width"))
    assert svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"
    centre = side / 2
    markers = []
    for group in svg.iter(f"{ns}g"):
        shape = group.find(f"{ns}circle")
        if shape is not None:
            x, y, r = float(shape.get("cx")), float(shape.get("cy")), float(shape.get("r"))
        else:
            shape = group.find(f"{ns}rect")
            half = float(shape.get("width")) / 2
            x, y, r = float(shape.get("x")) + half, float(shape.get("y")) + half, half * 2**0.5
        markers.append((int(group.get("data-month")), x, y, r, shape.tag))
    assert len(markers) == count + 1
    for month, x, y, r, _ in markers:
        # Inside the drawing, outside the month ring, within its own month's 30 degrees.
        assert r <= x <= side - r and r <= y <= side - r
        assert math.dist((x, y), (centre, centre)) - r >= wheel.OUTER
        angle = math.degrees(math.atan2(x - centre, centre - y)) % 360
        assert (month - 1) * 30 <= angle <= month * 30
    for i, (_, x1, y1, r1, _) in enumerate(markers):
        for _, x2, y2, _, _ in markers[i + 1:]:
            assert math.dist((x1, y1), (x2, y2)) >= 2 * wheel.MARKER_RADIUS
    # Kinds differ in shape, not only in colour.
    if count >= 3:
        assert {tag for *_, tag in markers} == {f"{ns}circle", f"{ns}rect"}


def test_the_wheel_names_every_duty_and_its_kind_beside_the_numbers():
    entries = [WheelEntry(month=5, number=1, label="Rapport <om> & så"),
               WheelEntry(month=10, number=2, label="Ny period", planned=False)]
    html = annual_wheel(entries, months=[m.capitalize() for m in MONTHS], title="Årshjul", id_prefix="hjul")
    legend = re.search(r'<ul class="diagram-text wheel-legend">(.*)</ul>', html, re.S).group(1)
    assert "Rapport &lt;om&gt; &amp; så" in legend and "<om>" not in html
    assert 'class="wheel-key wheel-key--planned"' in legend and 'class="wheel-key wheel-key--policy"' in legend
    assert "tidpunkten följer av policyn" in legend


def parse(ics: bytes):
    return [c for c in Calendar.from_ical(ics).walk("VEVENT")]


def test_feed_has_one_recurring_event_per_planned_obligation():
    p = policy(obligation("y", "varje_år", månad=3), obligation("b", "vartannat_år", månad=9, startår=2027),
               obligation("h", "varje_halvår", månad=4), obligation("r", "varje_mandatperiod"),
               obligation("n", "vid_behov"), obligation("u", "varje_år"))
    stamp = dt.datetime(2026, 11, 29, tzinfo=dt.timezone.utc)
    events = {str(e["uid"]).split(".")[0]: e for e in parse(feed.feed(p, PERIOD, stamp))}
    assert sorted(events) == ["b", "h", "r", "y"]  # nothing for on-demand or unplanned
    rules = {k: e["rrule"].to_ical().decode() for k, e in events.items()}
    assert rules == {"y": "FREQ=YEARLY", "b": "FREQ=YEARLY;INTERVAL=2",
                     "h": "FREQ=MONTHLY;INTERVAL=6", "r": "FREQ=YEARLY;INTERVAL=4"}
    assert events["y"]["dtstart"].dt == D("2027-03-01") and events["y"]["dtend"].dt == D("2027-04-01")
    assert events["r"]["dtstart"].dt == D("2026-10-15")
    assert str(events["y"]["summary"]).startswith("Skyldighet y: Ombud, till Nämnd")
    description = str(events["y"]["description"])
    assert "Vem: Ombud" in description and "Till: Nämnd" in description
    assert "Källa i den antagna texten: ”Källa y.”" in description
    assert "inte ett krav i policyn" in description


def test_feed_uids_do_not_change_with_the_build():
    p = policy(obligation("y", "varje_år", månad=3))
    first = parse(feed.feed(p, PERIOD, dt.datetime(2026, 11, 29, tzinfo=dt.timezone.utc)))
    later = parse(feed.feed(p, MandatePeriod(2030), dt.datetime(2031, 1, 1, tzinfo=dt.timezone.utc)))
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in later]
    assert first[0]["dtstamp"].dt != later[0]["dtstamp"].dt

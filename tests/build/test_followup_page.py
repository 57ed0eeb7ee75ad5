"""The follow-up page, the start page's upcoming list and the feed of the real build."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from icalendar import Calendar

from macros.views import followup
from macros.policy.loading import load_policy, site_policy
from tests import content
from tests.conftest import BUILD_EPOCH, CONTENT, ROOT, copy_project, mkdocs_build
from tests.editing import line_at, located, set_line
from tests.sitetext import article_text, normalize

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def policy():
    return site_policy(load_policy(CONTENT / "data", CONTENT / "docs"))


def events(site) -> dict[str, Calendar]:
    calendar = Calendar.from_ical((site / "uppfoljning.ics").read_bytes())
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_every_obligation_is_in_the_table_with_its_source(built_site, policy):
    html = (built_site / content.html_path(content.parts()["uppfoljning"])).read_text("utf-8")
    table = re.search(r'<table id="skyldigheter">(.*?)</table>', html, re.S).group(1)
    for obligation in policy.obligations:
        row = re.search(rf'<tr id="skyldighet-{obligation.id}">(.*?)</tr>', table, re.S).group(1)
        assert obligation.title in unescape(row)
        assert obligation.frequency.label in row
        assert normalize(obligation.source) in normalize(unescape(row))
    assert table.count('<tr id="skyldighet-') == len(policy.obligations)


def test_calendar_and_wheel_of_the_current_period(built_site, policy):
    page = built_site / content.html_path(content.parts()["uppfoljning"])
    html = page.read_text("utf-8")
    today = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.timezone.utc).date()
    # The window of the build date (a mandate period where the data speaks of them, else a
    # year), the next one when it starts within a year, and none after that.
    periods = followup.calendar_periods(today, policy)
    assert periods[0].start <= today <= periods[0].end
    for period in periods:
        assert f'<h3 id="kalender-{period.id}">' in html
    after = periods[-1].next()
    assert f'id="kalender-{after.id}"' not in html
    # Each obligation with a time falls in its months, as planned or as the policy says.
    text = article_text(page)
    months = "|".join(followup.month_name(m).capitalize() for m in range(1, 13))
    chunks = re.split(rf"(?<![\w-])(?=(?:{months}) (?:Planerad|Enligt policyn) )", text)
    for obligation in policy.obligations:
        found = followup.occurrences(obligation, periods[0], policy)
        for occurrence in found[:1]:
            month = followup.month_name(occurrence.month).capitalize()
            assert any(c.startswith(f"{month} ") and obligation.title in c for c in chunks), obligation.id
    wheel = re.search(r'<figure class="wheel-figure">(.*?)</figure>', html, re.S).group(1)
    assert 'role="img"' in wheel and "<title " in wheel and "<desc " in wheel
    assert "Årshjul" in wheel


def test_start_page_lists_the_next_obligations_from_the_build_date(built_site, policy):
    page = content.page_calling("upcoming_obligations")
    count = int(re.search(r"upcoming_obligations\((\d*)\)", (CONTENT / "docs" / page).read_text("utf-8")).group(1) or 3)
    text = article_text(built_site / content.html_path(page))
    listed = text[text.index("Närmast på tur"):]
    today = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.timezone.utc).date()
    titles = {o.id: o.title for o in policy.obligations}
    position = 0
    for occurrence in followup.upcoming(policy, today, count):
        when = f"{followup.month_name(occurrence.month).capitalize()} {occurrence.year}"
        if occurrence.day:
            when = f"{occurrence.day} {followup.month_name(occurrence.month)} {occurrence.year}"
        entry = f"{when} ("
        found = listed.find(entry, position)
        assert found >= 0, (entry, listed)
        title = listed.find(titles[occurrence.obligation], found)
        assert title >= 0 and title - found < 60, (titles[occurrence.obligation], listed)
        position = title


def test_feed_is_linked_and_holds_every_planned_obligation(built_site, policy):
    html = (built_site / content.html_path(content.parts()["uppfoljning"])).read_text("utf-8")
    href = re.search(r'<a href="([^"]+)" class="md-button" download', html).group(1)
    page = built_site / content.html_path(content.parts()["uppfoljning"])
    assert (page.parent / href).resolve() == (built_site / "uppfoljning.ics").resolve()
    found = events(built_site)
    planned = [o for o in policy.obligations if followup.is_dated(o, policy)]
    assert len(found) == len(planned) > 0
    for obligation in planned:
        uid = next(u for u in found if u.startswith(obligation.id + "."))
        assert normalize(obligation.source) in normalize(str(found[uid]["description"]))
    assert not any(o.id in " ".join(found) for o in policy.obligations if not followup.is_dated(o, policy))
    # Each event recurs as its obligation's one time rule says.
    for obligation in planned:
        uid = next(u for u in found if u.startswith(obligation.id + "."))
        expected = followup.rule(obligation, policy.document).rrule()
        assert (found[uid].get("rrule") is None) == (expected is None)
        if expected:
            assert found[uid]["rrule"].to_ical().decode() == ";".join(
                f"{k}={v}" for k, v in expected.items())


def test_feed_keeps_its_uids_across_rebuilds(tmp_path, built_site):
    later = tmp_path / "later"
    project = ROOT if CONTENT == ROOT else copy_project(tmp_path / "project")
    result = mkdocs_build(project, later, epoch=str(int(BUILD_EPOCH) + 395 * 86400))  # 13 months on
    assert result.returncode == 0, result.stderr
    before, after = events(built_site), events(later)
    assert sorted(before) == sorted(after)
    uid = next(iter(before))
    assert before[uid]["dtstamp"].dt != after[uid]["dtstamp"].dt


def test_changing_a_month_or_frequency_changes_every_view(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "uppfoljning.yml"
    # An obligation whose month the organisation plans: made yearly, a month later.
    index, item = next((i, o) for i, o in enumerate(located(path)[0]["skyldigheter"])
                       if (o.get("tid") or {}).get("bestäms_av") == "planeringen" and o["tid"].get("månad")
                       and "startår" not in o["tid"] and "dag" not in o["tid"])
    old_month = item["tid"]["månad"]
    new_month = old_month % 12 + 1
    set_line(path, line_at(path, "skyldigheter", index, "hur_ofta"), "hur_ofta: varje_år")
    set_line(path, line_at(path, "skyldigheter", index, "tid", "månad"), f"månad: {new_month}")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    page = site / content.html_path(content.parts()["uppfoljning"])
    html = page.read_text("utf-8")
    new, old = followup.month_name(new_month), followup.month_name(old_month)
    row = re.search(rf'<tr id="skyldighet-{item["id"]}">(.*?)</tr>', html, re.S).group(1)
    assert "Varje år" in row and f"Planerad: {new}" in row  # the table
    text = article_text(page)
    calendar = text[text.index("Kalender"):] if "Kalender" in text else text
    months = "|".join(followup.month_name(m).capitalize() for m in range(1, 13))
    chunks = re.split(rf"(?<![\w-])(?=(?:{months}) (?:Planerad|Enligt policyn) )", calendar)
    planned = f"Planerad {item['benämning']}"
    assert any(c.startswith(f"{new.capitalize()} ") and planned in c for c in chunks)  # the calendar
    assert not any(c.startswith(f"{old.capitalize()} ") and planned in c for c in chunks)
    wheel = unescape(re.search(r'<desc id="arshjul-beskrivning">(.*?)</desc>', html, re.S).group(1))
    entry = re.search(rf"(\w+): (?:[^:]*?; )?\d+\. {re.escape(item['benämning'])} \(varje år(?:; [^)]*)?\)", wheel)
    assert entry, wheel  # the wheel
    event = next(e for u, e in events(site).items() if u.startswith(f"{item['id']}."))
    assert event["rrule"].to_ical() == b"FREQ=YEARLY"  # the feed
    assert event["dtstart"].dt.month == new_month

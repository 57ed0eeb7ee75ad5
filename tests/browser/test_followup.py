"""The follow-up page in Chromium: the feed downloads and parses as a calendar."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from macros.site.finish import FEED_FILE
from tests.browser import content

pytestmark = pytest.mark.browser


def test_follow_up_page_downloads_the_calendar_feed(browser, site_url):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(site_url + content.page_of("uppfoljning"))
    assert page.get_by_role("img", name="Årshjul för uppföljningen").is_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Hämta kalenderfilen (.ics)").click()
    download = info.value
    feed = open(download.path(), "rb").read()
    context.close()
    assert download.suggested_filename == FEED_FILE
    calendar = Calendar.from_ical(feed)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    # Every duty the policy or the planning puts in a month is in the calendar, named with
    # who reports it to whom.
    policy = content.policy()
    dated = [o for o in policy.obligations if o.timing and o.timing.month]
    assert dated
    for obligation in dated:
        who = policy.role(obligation.reporter).name if obligation.reporter else None
        to = [policy.role(r).name for r in obligation.to]
        origin = policy.origin(obligation)  # a site of several documents names each one's
        title = f"{obligation.title} ({origin.document.name})" if origin else obligation.title
        assert any(s.startswith(f"{title}: ") and (who is None or who in s)
                   and all(name in s for name in to) for s in summaries), (obligation.title, summaries)

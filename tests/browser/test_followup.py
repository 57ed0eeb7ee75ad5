"""The follow-up page in Chromium: the feed downloads and parses as a calendar."""

from __future__ import annotations

import pytest
from icalendar import Calendar

pytestmark = pytest.mark.browser


def test_follow_up_page_downloads_the_calendar_feed(browser, site_url):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(site_url + "uppfoljning/")
    assert page.get_by_role("img", name="Årshjul för uppföljningen").is_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Hämta kalenderfilen (.ics)").click()
    download = info.value
    content = open(download.path(), "rb").read()
    context.close()
    assert download.suggested_filename == "uppfoljning.ics"
    calendar = Calendar.from_ical(content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert any(s.startswith("Rapport om dataskyddsarbetet: Dataskyddsombud, till Nämnd") for s in summaries)

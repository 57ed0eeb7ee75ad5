"""Material's version selector (its JavaScript reads mike's versions.json) shows a hostile
version title as text: no element it holds is created, nothing in it runs. The title is
the shared first version's (tests/publishing/published.py, MARKUP_TITLE), published and
exported once per run (tests/browser/conftest.py)."""

from __future__ import annotations

import pytest

from tests.conftest import serve
from tests.publishing.published import MARKUP_TITLE

pytestmark = pytest.mark.browser


def test_a_markup_title_is_text_in_the_version_selector(published, exported, page):
    assert published.first_title == MARKUP_TITLE
    with serve(exported) as url:
        page.goto(url + f"{published.first}/")
        selector = page.locator(".md-version")
        selector.wait_for(state="attached")
        assert page.locator(".md-version__current").text_content().strip().startswith(MARKUP_TITLE)
        items = page.locator(".md-version__link")
        assert any(items.nth(i).text_content().strip().startswith(MARKUP_TITLE) for i in range(items.count()))
        assert page.locator(".md-version img, .md-version script").count() == 0
        assert page.evaluate("window.injected") is None

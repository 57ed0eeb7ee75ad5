"""Search in headless Chromium finds the right sections for Swedish words."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import content
from tests.browser.search import search, wait_until

pytestmark = pytest.mark.browser


def _top(links: list[str], site_url: str, count: int = 3) -> list[tuple[str, str]]:
    """(address relative to the site, anchor) of the first results."""
    base = urlsplit(site_url).path
    return [(urlsplit(link).path[len(base):], urlsplit(link).fragment) for link in links[:count]]


def test_search_finds_each_role_on_the_roles_page_among_the_first_three(page, site_url):
    roles = content.page_of("roller")
    for role in content.policy().roles:
        top = _top(search(page, site_url, role.name), site_url)
        assert (roles, f"roll-{role.id}") in top, (role.name, top)


def test_search_finds_each_principle_in_the_adopted_text_among_the_first_three(page, site_url):
    for principle in content.policy().principles:
        top = _top(search(page, site_url, principle.name.lower()), site_url)
        assert content.text_page() in {path for path, _ in top}, (principle.name, top)


def test_search_finds_text_of_generated_tables(page, site_url):
    links = search(page, site_url, "diarienummer")
    assert content.page_of("dokument") in {path for path, _ in _top(links, site_url)}, links


def test_search_says_so_in_swedish_when_nothing_matches(page, site_url):
    page.goto(site_url)
    page.click("input.md-search__input")
    page.keyboard.type("xyzzyqq")
    wait_until(page, "/Inga sökresultat/.test(document.querySelector('.md-search-result__meta').textContent)")


def test_a_duty_the_policy_sets_ranks_the_policy_above_the_help_pages(page, site_url):
    from tests.browser.search import ranked_sections

    help_pages = content.help_pages()
    follow_up, text_page = content.page_of("uppfoljning"), content.text_page()
    assert help_pages, "the content has no help page (accessibility statement, changes page)"
    for obligation in content.policy().obligations:
        found = ranked_sections(page, site_url, obligation.title)
        assert found, obligation.title
        first_help = next((i for i, s in enumerate(found) if s.startswith(help_pages)), len(found))
        first_policy = next(i for i, s in enumerate(found) if not s.startswith(help_pages))
        assert first_policy < first_help, (obligation.title, found[:5])
        # ... and the duty's own section on the follow-up page comes before any help page.
        own = next(i for i, s in enumerate(found) if s.startswith(follow_up))
        assert own < first_help, (obligation.title, found[:5])
        # The adopted text, where it matches at all, ranks above every help page.
        text = next((i for i, s in enumerate(found) if s.startswith(text_page)), None)
        assert text is None or text < first_help, (obligation.title, found[:5])

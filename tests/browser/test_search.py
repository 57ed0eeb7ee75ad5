"""Search in headless Chromium finds the right sections for Swedish words."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.search import search

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "query, sections",
    [
        (
            "dataskyddsombudet",
            {("/policy/", "roller-och-ansvar"), ("/policy/", "uppfoljning"),
             ("/roller/", "roll-dataskyddsombud")},
        ),
        ("informationssäkerheten", {("/policy/", "informationssakerhet"), ("/policy/", "metodik")}),
        ("spårbarhet", {("/policy/", "viljeriktningar")}),
        ("hotbilder", {("/policy/", "metodik")}),
    ],
)
def test_search_finds_the_section_among_the_first_three(page, site_url, query, sections):
    links = search(page, site_url, query)
    top = [(urlsplit(link).path, urlsplit(link).fragment) for link in links[:3]]
    assert sections & set(top), top


def test_search_finds_text_of_generated_tables(page, site_url):
    links = search(page, site_url, "diarienummer")
    assert any(urlsplit(link).path == "/om-dokumentet/" for link in links[:3]), links


def test_search_says_so_in_swedish_when_nothing_matches(page, site_url):
    page.goto(site_url)
    page.click("input.md-search__input")
    page.keyboard.type("xyzzyqq")
    page.wait_for_function(
        "/Inga sökresultat/.test(document.querySelector('.md-search-result__meta').textContent)"
    )

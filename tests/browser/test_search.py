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


#: Pages that help the reader around the policy rather than state it (their front matter
#: lowers their search boost).
HELP_PAGES = ("tillganglighet/", "bidra/", "andringar/")


def test_a_duty_the_policy_sets_ranks_the_policy_above_the_help_pages(page, site_url):
    from macros.loading import load_policy
    from tests.browser.search import ranked_sections
    from tests.conftest import ROOT

    policy = load_policy(ROOT / "data", ROOT / "docs").policy
    for obligation in policy.obligations:
        found = ranked_sections(page, site_url, obligation.title)
        assert found, obligation.title
        first_help = next((i for i, s in enumerate(found) if s.startswith(HELP_PAGES)), len(found))
        first_policy = next(i for i, s in enumerate(found) if not s.startswith(HELP_PAGES))
        assert first_policy < first_help, (obligation.title, found[:5])
        # ... and the duty's own section on the follow-up page comes before any help page.
        own = next(i for i, s in enumerate(found) if s.startswith("uppfoljning/"))
        assert own < first_help, (obligation.title, found[:5])
        # The adopted text, where it matches at all, ranks above every help page.
        text = next((i for i, s in enumerate(found) if s.startswith("policy/")), None)
        assert text is None or text < first_help, (obligation.title, found[:5])

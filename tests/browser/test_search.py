"""Search in headless Chromium finds the right sections for Swedish words."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser import content
from tests.browser.search import META, ranked_sections, search

pytestmark = pytest.mark.browser


def test_search_finds_each_role_on_the_roles_page_among_the_first_three(search_page, site_url):
    roles = content.page_of("roller")
    for role in content.policy().roles:
        found = ranked_sections(search_page, site_url, role.name)
        assert f"{roles}#roll-{role.id}" in found[:3], (role.name, found[:3])


def test_search_finds_each_principle_in_the_adopted_text_among_the_first_three(search_page, site_url):
    """A principle's name may also name a help page (Tillgänglighet): among the policy's own
    pages, the adopted text comes among the first three."""
    help_pages = content.help_pages()
    for principle in content.policy().principles:
        found = [s for s in ranked_sections(search_page, site_url, principle.name.lower())
                 if not s.startswith(help_pages)]
        assert any(s.startswith(content.text_page()) for s in found[:3]), (principle.name, found[:3])


def test_search_finds_text_of_generated_tables(search_page, site_url):
    found = ranked_sections(search_page, site_url, "diarienummer")
    assert any(s.startswith(content.page_of("dokument")) for s in found[:3]), found[:3]


def test_search_says_so_in_swedish_when_nothing_matches(search_page, site_url):
    assert search(search_page, site_url, "xyzzyqq") == []
    assert "Inga sökresultat" in search_page.evaluate(META)


def test_a_duty_the_policy_sets_ranks_the_policy_above_the_help_pages(search_page, built_site, site_url):
    help_pages = content.help_pages()
    follow_up, text_page = content.page_of("uppfoljning"), content.text_page()
    assert help_pages, "the content has no help page (accessibility statement, changes page)"
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    adopted_text = " ".join(" ".join(re.sub(r"<[^>]+>", " ", doc["text"]).split()).lower()
                            for doc in index["docs"] if doc["location"].startswith(text_page))
    for obligation in content.policy().obligations:
        found = ranked_sections(search_page, site_url, obligation.title)
        assert found, obligation.title
        first_help = next((i for i, s in enumerate(found) if s.startswith(help_pages)), len(found))
        first_policy = next(i for i, s in enumerate(found) if not s.startswith(help_pages))
        assert first_policy < first_help, (obligation.title, found[:5])
        # ... and the duty's own section on the follow-up page comes before any help page.
        own = next(i for i, s in enumerate(found) if s.startswith(follow_up))
        assert own < first_help, (obligation.title, found[:5])
        # The adopted text, where it names the duty as the title does, ranks above every
        # help page.
        if obligation.title.lower() in adopted_text:
            text = next((i for i, s in enumerate(found) if s.startswith(text_page)), None)
            assert text is not None and text < first_help, (obligation.title, found[:5])


def test_help_pages_are_still_found_by_what_only_they_say(search_page, built_site, site_url):
    # Weighed below the policy, a help page is still the answer to a question only it answers:
    # the title of each help page finds that page first.
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"] if "#" not in doc["location"]}
    for help_page in content.help_pages():
        title = titles[help_page]
        found = ranked_sections(search_page, site_url, title)
        assert found and found[0].startswith(help_page), (title, found[:5])

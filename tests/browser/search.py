"""Driving Material's search box as a reader does: type, wait, read the results."""

from __future__ import annotations


def search(page, base_url: str, query: str) -> list[str]:
    """Type ``query`` into the search box; return the result links in ranked order."""
    page.goto(base_url)
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=10_000)
    # Results are rendered in batches; wait until the meta line matches the list.
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta')"
        " && !/Skriv/.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    return page.eval_on_selector_all(
        ".md-search-result__list a.md-search-result__link", "links => links.map(a => a.href)"
    )

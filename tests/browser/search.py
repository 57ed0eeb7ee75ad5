"""Driving the search as a reader does: type, wait, read the results. Material's search box
(make build), and Zensical's search dialog (make build-zensical)."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

#: How long a wait may last before the test fails (a bound, never an assertion on speed).
WAIT_LIMIT = 30.0


def wait_until(page, expression: str, arg=None, limit: float = WAIT_LIMIT):
    """Poll ``expression`` (a JavaScript expression, or a function of ``arg``) from Python
    until it is truthy; return its value.

    Playwright's wait_for_function evaluates its predicate with eval inside the page, which
    a Content-Security-Policy without 'unsafe-eval' (deploy/nginx.conf) blocks; page.evaluate
    goes through the DevTools protocol, which the page's policy does not govern. So the
    waiting is done here, by asking again."""
    deadline = time.monotonic() + limit
    while True:
        value = page.evaluate(expression) if arg is None else page.evaluate(expression, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {limit:.0f} s for: {expression}")
        page.wait_for_timeout(50)


#: The line above the results: "Initialiserar sökning" until the index is built, "Skriv för
#: att söka" once an empty box is answered, then the count (or "Inga sökresultat") of a query's.
META = "document.querySelector('.md-search-result__meta').textContent"


def _type(page, base_url: str, query: str) -> None:
    """Type ``query`` into the search box and wait for its answer.

    Material's search reads the box on each key released (keyup) and asks its worker, which
    answers every query in turn; the meta line says "Skriv för att söka" only to an empty box.
    So: wait until the empty box is answered (the index built, no query of a part typed
    before still on its way), put all of the query but its last character in the box, and
    type that last one: the one key released asks the worker for the whole query, and the
    meta line leaves "Skriv" in the same moment as the answer's results are shown."""
    box = page.locator("input.md-search__input")
    if page.url == base_url and box.is_visible():
        # The search of the page before, its index loaded: a new query in the same box, as
        # a reader searches again (the page is not loaded and its index not built again),
        # the box emptied as a reader empties it.
        box.click()
        box.fill("")
        box.press("Backspace")
    else:
        page.goto(base_url)
        opener = page.locator('label.md-header__button[for="__search"]')
        if opener.is_visible():  # on a phone, the search opens from its button in the header
            opener.click()
        box.click()
    wait_until(page, f"/Skriv/.test({META})")
    box.fill(query[:-1])
    page.keyboard.type(query[-1:])
    wait_until(page, f"!/Skriv|Initialiserar/.test({META})")


def wait_until_results_hold_still(page, query: str) -> None:
    """The worker answers each keystroke in turn: the results are read once they hold still
    (the answer to the whole query, not to a part of it typed a moment before)."""
    results = "[...document.querySelectorAll('.md-search-result__list a')].map(a => a.href).join(' ')"
    deadline = time.monotonic() + WAIT_LIMIT
    previous = None
    steady = 0
    while time.monotonic() < deadline:
        current = page.evaluate(results)
        steady = steady + 1 if current == previous else 0
        if steady >= 2:  # the same results over half a second
            return
        previous = current
        page.wait_for_timeout(250)
    raise AssertionError(f"the results for {query!r} never held still")


def search(page, base_url: str, query: str) -> list[str]:
    """Type ``query`` into the search box; return the result links in ranked order."""
    _type(page, base_url, query)
    return page.eval_on_selector_all(
        ".md-search-result__list a.md-search-result__link", "links => links.map(a => a.href)"
    )


def ranked_sections(page, base_url: str, query: str) -> list[str]:
    """The sections found, best score first, as 'page/#anchor' ('page/' for a page's top).

    Material shows results grouped by page, each group headed by the page; a head that
    only groups (score 0) is not itself a result. The ranking is the search's own: by
    the score Material gives each section.
    """
    _type(page, base_url, query)
    found = page.eval_on_selector_all(
        ".md-search-result__list a.md-search-result__link",
        "links => links.map(a => [a.href, parseFloat(a.querySelector('article').dataset.mdScore)])",
    )
    base = urlsplit(base_url).path
    sections = []
    for href, score in sorted(found, key=lambda item: -item[1]):
        if score <= 0:
            continue
        url = urlsplit(href)
        path = url.path[len(base):] if url.path.startswith(base) else url.path
        sections.append(f"{path}#{url.fragment}" if url.fragment else path)
    return sections


def search_zensical(page, base_url: str, query: str) -> None:
    """Open Zensical's search from its button in the header, type ``query`` and wait until
    the dialog shows it among its results (Zensical shows them in a shadow root)."""
    page.goto(base_url)
    button = page.locator(".md-search__button")
    if not button.is_visible():  # on a phone, the search opens from its button in the header
        button = page.locator('label.md-header__button[for="__search"]')
    button.click()
    page.keyboard.type(query)
    wait_until(page, "q => [...document.querySelectorAll('*')].some("
                     "e => e.shadowRoot && e.shadowRoot.textContent.toLowerCase().includes(q))",
               query.lower())

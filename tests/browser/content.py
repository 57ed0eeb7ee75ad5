"""What the browser tests expect, read from the content they run on (tests/conftest.py CONTENT).

No page path, role, sentence or title is fixed here: the pages are found by what they show
(macros/site/pages.py), the adopted text's page by the sentences the data quotes from it,
the rest from data/ and docs/.
"""

from __future__ import annotations

import functools
import re

from tests.conftest import CONTENT


@functools.cache
def policy():
    from macros.policy.loading import load_policy, site_policy

    return site_policy(load_policy(CONTENT / "data", CONTENT / "docs"))


@functools.cache
def several() -> bool:
    """Whether the content has several governing documents (its pages then show no site
    version in a document's header, and the banner of a replaced version names none)."""
    from macros.policy.loading import load_policy

    return bool(load_policy(CONTENT / "data", CONTENT / "docs").documents)


def address(markdown_path: str) -> str:
    """docs/ path -> the page's address relative to the site's root (``roller.md`` ->
    ``roller/``, ``index.md`` -> ``''``)."""
    stem = markdown_path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


@functools.cache
def part_pages() -> dict[str, str]:
    from macros.site.pages import find

    return find(CONTENT / "docs")


def page_of(part: str) -> str:
    """The address of the page that plays ``part`` ('roller', 'uppfoljning', 'dokument', ...)."""
    pages = part_pages()
    assert part in pages, f"no page of the content shows {part}"
    return address(pages[part])


def _words(text: str) -> str:
    return " ".join(text.split())


def _markdown_pages() -> dict[str, str]:
    return {path.relative_to(CONTENT / "docs").as_posix(): path.read_text("utf-8")
            for path in sorted((CONTENT / "docs").rglob("*.md"))}


@functools.cache
def text_page() -> str:
    """The address of the page that holds the adopted text: the page whose prose holds the
    most of the sentences the data quotes."""
    sources = {_words(r.source) for r in policy().responsibilities}
    counts = {path: sum(source in _words(body) for source in sources)
              for path, body in _markdown_pages().items()}
    best = max(counts, key=counts.get)
    assert counts[best], "no page holds a sentence the data quotes"
    return address(best)


def quoted_sentence() -> str:
    """A sentence of the adopted text that a responsibility quotes (the first one)."""
    return _words(policy().responsibilities[0].source)


@functools.cache
def macro_page(call: str) -> str:
    """The address of the first page whose Markdown calls ``call`` (``changes(``)."""
    for path, body in _markdown_pages().items():
        if re.search(r"\{\{-?\s*" + re.escape(call), body):
            return address(path)
    raise AssertionError(f"no page of the content calls {call}")


def start_heading() -> str:
    """The start page's heading (its first level-one heading)."""
    body = (CONTENT / "docs" / "index.md").read_text("utf-8")
    found = re.search(r"^#\s+(.+?)\s*(\{.*\})?\s*$", body, re.M)
    assert found, "docs/index.md has no heading"
    return found.group(1)


@functools.cache
def help_pages() -> tuple[str, ...]:
    """Pages that help the reader around the policy rather than state it: the accessibility
    statement, the editors' guide and the changes page (those the content has)."""
    pages = part_pages()
    found = [address(pages[part]) for part in ("tillganglighet", "bidra") if part in pages]
    try:
        found.append(macro_page("changes("))
    except AssertionError:
        pass
    return tuple(found)

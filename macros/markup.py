"""Small helpers for building HTML from data: every text and attribute escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

__all__ = ["escape", "markdown_text", "swedish_list", "tag", "text"]

#: Elements that end with a line break, so that text extracted without markup (a
#: search index, a screen reader's plain view) keeps their words apart. A raw HTML
#: block must not contain a blank line, and these breaks never make one.
BLOCK_ELEMENTS = frozenset(
    ["caption", "dd", "div", "dl", "dt", "figcaption", "figure", "li", "ol", "p", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"]
)


def text(value: object) -> str:
    """A value from data as HTML text: escaped, never interpreted."""
    return escape(str(value), quote=False)


def tag(name: str, content: str = "", /, **attrs: object) -> str:
    """``<name attrs>content</name>``; ``content`` must already be HTML.

    Attribute names use ``_`` for ``-`` and a trailing ``_`` for reserved words
    (``class_``); attributes whose value is None or False are left out.
    """
    rendered = ""
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        rendered += f" {key}" if value is True else f' {key}="{escape(str(value), quote=True)}"'
    end = "\n" if name in BLOCK_ELEMENTS else ""
    return f"<{name}{rendered}>{content}</{name}>{end}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def markdown_text(value: object) -> str:
    """A value from data inside Markdown (a heading): escaped for HTML and Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text(value))


def swedish_list(items: Iterable[str]) -> str:
    """``a``, ``a och b``, ``a, b och c``."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]

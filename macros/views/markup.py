"""Small helpers for building HTML from data: every text and attribute escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

__all__ = [
    "escape", "external_link", "gfm_code", "gfm_text", "markdown_text", "safe_href", "scheme", "swedish_list",
    "tag", "text",
]

#: The only schemes a link from data may have.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
#: Attributes whose value a browser follows or runs as an address.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data"})

#: Elements that end with a line break, so that text extracted without markup (a
#: search index, a screen reader's plain view) keeps their words apart. A raw HTML
#: block must not contain a blank line, and these breaks never make one.
BLOCK_ELEMENTS = frozenset(
    ["caption", "dd", "div", "dl", "dt", "figcaption", "figure", "li", "ol", "p", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"]
)


def text(value: object) -> str:
    """A value from data as HTML text: escaped, never interpreted.

    Line breaks stay (HTML shows them as spaces), but never a blank line: a blank line
    would end the raw HTML block the text stands in, and Markdown would take over.
    """
    return escape(_BLANK_LINES.sub("\n", str(value)), quote=False)


_BLANK_LINES = re.compile(r"[ \t]*[\r\n][\s]*")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
#: What a browser ignores or strips in an address before it reads the scheme.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def scheme(url: object) -> str | None:
    """The scheme of an address as a browser reads it (lower case), or None if relative."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", str(url)))
    return match.group(1).lower() if match else None


def safe_href(url: object) -> str | None:
    """An address from data if it may become a link: http, https or mailto; else None.

    Relative addresses are refused too: those the site needs, the code builds itself.
    """
    return str(url) if scheme(url) in SAFE_SCHEMES else None


def external_link(content: str, url: object, **attrs: object) -> str:
    """``content`` (HTML) as a link to an address from data, or as plain content when the
    address may not become a link."""
    href = safe_href(url)
    return tag("a", content, href=href, **attrs) if href else content


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
        if key in URL_ATTRIBUTES and scheme(value) not in (None, *SAFE_SCHEMES):
            continue  # a script or data address never becomes a link, whoever built it
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


#: What GitHub-flavoured Markdown (a CI job summary) reads as markup in running text:
#: escapes, code, emphasis, strikethrough, links and images, HTML and autolinks,
#: entities, table cells, headings, math and footnotes. Each is backslash-escaped.
_GFM_SPECIAL = re.compile(r"[\\`*_~\[\]<>&|$#!]")
#: A word that GitHub (or GitLab) turns into a link or a picture whatever escapes it holds:
#: an address (``https://``, ``www.``), an e-mail address or a mention (``@``), a reference
#: (GitHub's ``#12``; GitLab's ``!12``, ``~etikett``, ``%milstolpe``, ``$12``, ``&12``, ``^…``)
#: or an emoji code (``:name:``). They are found in the text after the Markdown is read, so
#: no escape stops them; only code is left alone. Shown as code.
_GFM_LINKED = re.compile(r"://|^www\.|@|[#!%~$&^]\w|:[\w+-]+:", re.I)


def _gfm_code(word: str) -> str:
    """``word`` as a code span: literal, whatever it holds."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", word)), default=0) + 1)
    pad = " " if word.startswith("`") or word.endswith("`") else ""
    return f"{fence}{pad}{word}{pad}{fence}"


def gfm_text(value: object) -> str:
    """A value from data in GitHub-flavoured Markdown (``make changes``, the job summary of
    a proposal): shown as the literal text it is, on one line, never markup or a link.

    Every character GFM reads as markup is backslash-escaped; a word GitHub would turn
    into a link after reading the Markdown (an address, an e-mail address, a mention, a
    reference) is shown as code, which GitHub leaves alone. Line breaks become spaces, so
    the value can never start a line of its own (a heading, a list, a quote, a table).
    """
    words = str(value).split()
    return " ".join(_gfm_code(w) if _GFM_LINKED.search(w) else _GFM_SPECIAL.sub(r"\\\g<0>", w) for w in words)


def gfm_code(value: object) -> str:
    """A value from data as inline code in GitHub-flavoured Markdown (a key, an id)."""
    return _gfm_code(" ".join(str(value).split()))

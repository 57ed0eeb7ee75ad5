"""Every link the site makes must lead somewhere: a pure check over the built pages.

MkDocs validates the links written in Markdown, but not those inside raw HTML, which
is where the generated views (the role matrix, the follow-up table …) put theirs.
This check reads every built page's HTML and finds links to a page or file that does
not exist, or to an anchor that is not on its page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class DeadLink:
    page: str  # the page's source, for example docs/roller.md
    href: str
    problem: str  # Swedish

    def __str__(self) -> str:
        return f"{self.page}: länken '{self.href}' {self.problem}"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.anchors.add(values[key])
        if tag in {"a", "area"} and values.get("href") is not None:
            self.hrefs.append(values["href"])

    handle_startendtag = handle_starttag


def parse(html: str) -> tuple[list[str], set[str]]:
    """The links (href) of a page and its anchors (id, and name of a)."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.hrefs, parser.anchors


def dead_links(pages: dict[str, str], sources: dict[str, str], files: set[str]) -> list[DeadLink]:
    """The dead links of the built pages.

    ``pages`` maps each HTML file of the site (``roller/index.html``) to its content,
    ``sources`` the pages to check to their source (``docs/roller.md``), and ``files``
    holds every file of the site. Links with a scheme (https:, mailto: …) or above the
    site's folder (a published version's link to another version) are not followed.
    """
    parsed = {path: parse(html) for path, html in pages.items()}
    found: list[DeadLink] = []
    for path, source in sorted(sources.items()):
        if path not in parsed:
            continue
        seen: set[str] = set()
        for href in parsed[path][0]:
            if href in seen:
                continue
            seen.add(href)
            problem = _problem(path, href, parsed, files)
            if problem:
                found.append(DeadLink(source, href, problem))
    return found


def _problem(path: str, href: str, parsed, files: set[str]) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None
    target = path
    if parts.path:
        base = posixpath.dirname(path)
        joined = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if joined.startswith("..") or joined.startswith("/"):
            return None  # above the site: a published version links its siblings
        if parts.path.endswith("/") or joined == ".":
            joined = posixpath.join("" if joined == "." else joined, "index.html")
        if joined not in files and posixpath.join(joined, "index.html") in files:
            joined = posixpath.join(joined, "index.html")
        if joined not in files:
            return "leder till en sida eller fil som inte finns"
        target = joined
    anchor = unquote(parts.fragment)
    if anchor and target in parsed and anchor not in parsed[target][1]:
        label = target.removesuffix("index.html") or "startsidan"
        where = "på samma sida" if target == path else f"på sidan {label}"
        return f"leder till ett avsnitt (#{anchor}) som inte finns {where}"
    return None

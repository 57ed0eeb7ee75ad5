"""Every link the site makes must lead somewhere: a pure check over the built pages.

MkDocs validates the links written in Markdown, but not those inside raw HTML, which
is where the generated views (the role matrix, the follow-up table …) put theirs.
This check reads every built page's HTML and finds links to a page or file that does
not exist, or to an anchor that is not on its page; and an id that stands twice on one
page (a link to it would lead to either, and a screen reader's reference to the wrong one).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
import re
from html import unescape
from urllib.parse import unquote, urlsplit

from ..policy.memo import LastResult


@dataclass(frozen=True)
class DeadLink:
    page: str  # the page's source, for example docs/roller.md
    href: str
    problem: str  # Swedish

    def __str__(self) -> str:
        return f"{self.page}: länken '{self.href}' {self.problem}"


#: What one pass over a page meets: a comment, a script or style element (whose content
#: holds no tags), or a start tag with its attributes (a quoted value may hold ">").
_MARKUP = re.compile(
    r"<!--.*?-->"
    r"|<(script|style)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>.*?</\1\s*>"
    r"|<([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL | re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


#: What an editor does about an id that stands twice on a page: the check names each
#: (macros/site/render.py), the build stops on them (macros/site/finish.py).
DUPLICATE_ID_ADVICE = (
    "en länk till ett sådant id leder till vilket som helst av dem. Vanliga skäl: ett makro som "
    "anropas två gånger på sidan, en fil som sidan tar in med --8<-- och som redan står på den, "
    "eller en rubrik vars id (skrivet med {#…} eller räknat ur rubriken) är detsamma som ett id "
    "som sidans makron skriver ur data (roll-…, omrade-…, princip-…). Ta bort det som står två "
    "gånger, ge rubriken ett annat id med {#…}, eller ändra id:t i data"
)


@dataclass(frozen=True)
class DuplicateId:
    page: str  # the page's source, for example docs/roller.md
    id: str
    count: int

    def __str__(self) -> str:
        shown = self.id if len(self.id) <= 80 else self.id[:79] + "…"
        return f"{self.page}: id:t '{shown}' står {self.count} gånger på sidan"


def parse(html: str) -> tuple[list[str], set[str]]:
    """The links (href of a and area) of a page and its anchors (id, and name of a)."""
    hrefs, anchors, _ = scan(html)
    return hrefs, anchors


def scan(html: str) -> tuple[list[str], set[str], list[str]]:
    """What ``parse`` finds, and the ids that stand more than once (each repeat, in order)."""
    hrefs: list[str] = []
    anchors: set[str] = set()
    ids: set[str] = set()
    twice: list[str] = []
    for match in _MARKUP.finditer(html):
        tag = match.group(1) or match.group(3)
        attributes = match.group(2) if match.group(1) else match.group(4)
        if not tag or not attributes or "=" not in attributes:
            continue
        tag = tag.lower()
        if tag not in {"a", "area"} and "id" not in attributes.lower():
            continue  # most tags: neither a link nor an anchor
        values: dict[str, str] = {}
        for attribute in _ATTRIBUTE.finditer(attributes):
            name = attribute.group(1).lower()
            value = next((v for v in attribute.groups()[1:] if v is not None), None)
            if value is not None and name not in values:  # the first one counts, as in a browser
                values[name] = unescape(value)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                anchors.add(values[key])
        if values.get("id"):
            if values["id"] in ids:
                twice.append(values["id"])
            ids.add(values["id"])
        if tag in {"a", "area"} and "href" in values:
            hrefs.append(values["href"])
    return hrefs, anchors, twice


#: Each page's last parse (macros/policy/memo.py): make serve checks the whole site again on every
#: save, and most pages are the same as before.
_PARSES: LastResult[tuple[list[str], set[str], list[str]]] = LastResult()


def _parsed(path: str, html: str) -> tuple[list[str], set[str], list[str]]:
    return _PARSES(path, html, lambda: scan(html))


def duplicate_ids(pages: dict[str, str], sources: dict[str, str]) -> list[DuplicateId]:
    """The ids that stand more than once on one of the built pages (``pages`` and
    ``sources`` as for dead_links)."""
    found: list[DuplicateId] = []
    for path, source in sorted(sources.items()):
        if path in pages:
            twice = _parsed(path, pages[path])[2]
            for value in dict.fromkeys(twice):
                found.append(DuplicateId(source, value, twice.count(value) + 1))
    return found


def dead_links(pages: dict[str, str], sources: dict[str, str], files: set[str],
               current_alias: str | None = None) -> list[DeadLink]:
    """The dead links of the built pages.

    ``pages`` maps each HTML file of the site (``roller/index.html``) to its content,
    ``sources`` the pages to check to their source (``docs/roller.md``), and ``files``
    holds every file of the site. Links with a scheme (https:, mailto: …) are not
    followed. A link above the site's folder is dead unless it leads to the version in
    force (``../gallande/…``, the banner of a replaced version, when ``current_alias``
    names it): any other would work only while the site stands at the server's root.
    """
    parsed = {path: _parsed(path, html) for path, html in pages.items()}
    found: list[DeadLink] = []
    for path, source in sorted(sources.items()):
        if path not in parsed:
            continue
        seen: set[str] = set()
        for href in parsed[path][0]:
            if href in seen:
                continue
            seen.add(href)
            problem = _problem(path, href, parsed, files, current_alias)
            if problem:
                found.append(DeadLink(source, href, problem))
    return found


def _problem(path: str, href: str, parsed, files: set[str], current_alias: str | None) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None
    target = path
    if parts.path:
        base = posixpath.dirname(path)
        joined = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if joined.startswith("/"):
            return None
        if joined == ".." or joined.startswith("../"):
            if current_alias and (joined + "/").startswith(f"../{current_alias}/"):
                return None  # the same page in the version in force, beside this one
            return ("leder ut ur webbplatsens mapp (den fungerar bara när webbplatsen ligger i "
                    "webbserverns rot)")
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

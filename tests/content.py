"""What the tests expect, read from the content they run on (tests.conftest.CONTENT).

Never an organisation's name, page path or count written in a test: the pages come from
mkdocs.yml's nav and from the pages themselves (macros.site.pages), the facts from data/.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from macros.site import pages as site_pages
from macros.policy.documents import page_document
from macros.policy.loading import load_policy, site_policy
from tests.conftest import CONTENT


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may carry tags (!ENV, !!python/name): read them as plain values."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


@functools.cache
def config(content: Path = CONTENT) -> dict:
    return yaml.load((content / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)


def nav(content: Path = CONTENT) -> list[tuple[str, str]]:
    """(title, page in docs/) for every page of the navigation, in order."""
    found = []

    def walk(items):
        for item in items:
            if isinstance(item, str):
                found.append((None, item))
                continue
            for title, value in item.items():
                if isinstance(value, list):
                    walk(value)
                else:
                    found.append((title, value))

    walk(config(content).get("nav") or [])
    return found


@functools.cache
def policy(content: Path = CONTENT):
    """The policy the shared views show: every document's responsibilities and
    obligations on a site of several (macros/policy/loading.py's site_policy)."""
    return site_policy(load_policy(content / "data", content / "docs"))


@functools.cache
def parts(content: Path = CONTENT) -> dict[str, str]:
    """The part a page plays -> its page in docs/ (roller, uppfoljning, dokument, ...)."""
    return site_pages.find(content / "docs")


def url(page: str) -> str:
    """The URL of a page, relative to the site's root ("" for index.md, "roller/" ...)."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


def html_path(page: str) -> str:
    """The built file of a page: ``index.html``, ``roller/index.html``."""
    return url(page) + "index.html"


def front_matter(page: str, content: Path = CONTENT) -> dict:
    text = (content / "docs" / page).read_text("utf-8-sig")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return yaml.safe_load(match.group(1)) if match else {}


def title(page: str, content: Path = CONTENT) -> str:
    """The page's title as the site shows it: its front matter's, else its nav label."""
    return front_matter(page, content).get("title") or dict((p, t) for t, p in nav(content))[page]


def adopted_pages(content: Path = CONTENT, document: str | None = None) -> list[str]:
    """The pages that carry a document's adopted text (antagen_text: true), in nav order:
    by default the site's first document's (a further document's are in its folder)."""
    loaded = load_policy(content / "data", content / "docs")
    wanted = loaded.setting.main if document is None else document
    return [page for _, page in nav(content) if front_matter(page, content).get("antagen_text") is True
            and page_document(page, loaded.setting) == wanted]


def page_calling(macro: str, content: Path = CONTENT) -> str:
    """The first page in nav order whose Markdown calls ``macro`` (``principles``)."""
    for _, page in nav(content):
        if re.search(r"\{\{-?\s*" + re.escape(macro) + r"\(", (content / "docs" / page).read_text("utf-8")):
            return page
    raise AssertionError(f"no page calls {macro}()")


def role_name(role_id: str, content: Path = CONTENT) -> str:
    return next(r.name for r in policy(content).roles if r.id == role_id)

"""Where a page of docs/ lands in the built site, and links between pages.

The rules are those MkDocs follows and Zensical follows too (``roller.md`` becomes
``roller/index.html``, reached as ``roller/``; ``index.md`` and ``README.md`` become
``index.html``), written here so that the core needs no generator to know them. Pure
Python: paths in, paths out.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote


def dest_path(src: str, use_directory_urls: bool = True) -> str:
    """The built file of a page (``roller.md`` -> ``roller/index.html``); any other file
    keeps its path."""
    if not src.endswith(".md"):
        return src
    parent, filename = posixpath.split(src)
    stem = filename[: -len(".md")]
    stem = "index" if stem == "README" else stem
    if not use_directory_urls or stem == "index":
        return posixpath.join(parent, stem + ".html")
    return posixpath.join(parent, stem, "index.html")


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """A page's address relative to the site's root (``roller/``; the start page ``./``)."""
    url = dest_path(src, use_directory_urls)
    folder, filename = posixpath.split(url)
    if use_directory_urls and filename == "index.html":
        url = (folder or ".") + "/"
    return quote(url)


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return path.split("/") if path else []


def relative_url(url: str, from_url: str) -> str:
    """``url`` (relative to the site's root) as a link from the page at ``from_url``."""
    folder, _, last = from_url.rpartition("/")
    if "." in last:  # a file, not a folder
        from_url = folder
    here, there = _parts(from_url), _parts(url)
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return relative + "/" if url.endswith("/") else relative

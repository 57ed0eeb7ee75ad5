"""Page addresses and links between pages, computed without a generator (macros/site/urls.py),
are those MkDocs computes: a link the core writes lands where MkDocs' own would."""

from __future__ import annotations

import itertools

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from macros.site.urls import dest_path, page_url, relative_url

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)

SOURCES = ["index.md", "README.md", "roller.md", "a/index.md", "a/b.md", "a/README.md", "a/b/c.md",
           "å ä ö.md", "bilder/karta.svg", "uppfoljning.ics", "dela upp/sida med mellanslag.md"]


@pytest.mark.parametrize("use_directory_urls", [True, False])
@pytest.mark.parametrize("source", SOURCES)
def test_a_page_lands_where_mkdocs_puts_it(source, use_directory_urls):
    file = File(source, "docs", "site", use_directory_urls)
    assert dest_path(source, use_directory_urls) == file.dest_uri
    if source.endswith(".md"):
        assert page_url(source, use_directory_urls) == file.url


URLS = ["./", "roller/", "a/", "a/b/", "a/b/c/", "uppfoljning.ics", "a/b.html", "index.html",
        "a/b/c.html#x", "../gallande/roller/"]


@pytest.mark.parametrize("target, here", list(itertools.product(URLS, URLS)))
def test_a_link_is_the_one_mkdocs_would_write(target, here):
    assert relative_url(target, here) == get_relative_url(target, here)

"""On a site of several governing documents, each search result says which document it is
in (macros/site/search-documents.js); a site of one document shows no such label."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest

from macros.policy.loading import load_policy
from tests import content
from tests.browser.content import address, part_pages
from tests.browser.search import search
from tests.conftest import CONTENT

pytestmark = pytest.mark.browser

#: Each page head among the results: (its address from the site's root, its label's text or None).
HEADS = """links => links.filter(a => a.querySelector('article > h1')).map(a => [a.href,
  a.querySelector('.search-result-document') && a.querySelector('.search-result-document').textContent])"""


def heads(page, site_url: str, query: str) -> list[tuple[str, str | None]]:
    search(page, site_url, query)
    base = urlsplit(site_url).path
    found = page.eval_on_selector_all(".md-search-result__list a.md-search-result__link", HEADS)
    return [(unquote(urlsplit(href).path)[len(base):], label) for href, label in found]


def rare_word(text: str) -> str:
    """The longest word of ``text``: a query that finds few sections besides its own."""
    return max(re.findall(r"\w+", text), key=len)


def test_a_result_in_a_further_document_names_its_document(search_page, site_url):
    loaded = load_policy(CONTENT / "data", CONTENT / "docs")
    if not loaded.documents:
        # A site of one document: no result is labelled, and the labelling script is not loaded.
        found = heads(search_page, site_url, rare_word(loaded.policy.responsibilities[0].source))
        assert found and all(label is None for _, label in found), found
        assert not search_page.locator('script[src*="search-documents"]').count()
        return
    for document in loaded.documents:
        sources = [r.source for r in document.policy.responsibilities] + [document.policy.document.revision.source]
        found = heads(search_page, site_url, rare_word(sources[0]))
        own = [(path, label) for path, label in found if path.startswith(f"{document.id}/")]
        assert own, (document.id, found)
        for path, label in own:
            assert label == f"Dokument: {document.policy.document.name}", (path, label)
        # No result of another document's pages carries this one's name.
        for path, label in found:
            if not path.startswith(f"{document.id}/"):
                assert label != f"Dokument: {document.policy.document.name}", (path, label)


def test_the_first_documents_pages_name_it_and_the_shared_pages_no_document(search_page, site_url):
    """With several documents, the first document's own pages are labelled with its name and
    the shared pages are not; with one, neither is."""
    loaded = load_policy(CONTENT / "data", CONTENT / "docs")
    own = {address(p) for p in content.adopted_pages()}
    shared = {address(part_pages()[part]) for part in ("roller", "uppfoljning") if part in part_pages()}
    name = f"Dokument: {loaded.policy.document.name}" if loaded.documents else None
    seen = set()
    for responsibility in loaded.policy.responsibilities:
        for path, label in heads(search_page, site_url, rare_word(responsibility.source)):
            if path in own:
                assert label == name, (path, label)
            elif path in shared:
                assert label is None, (path, label)
            seen.add(path)
        if seen & own and seen & shared:
            break
    assert seen & own and seen & shared, seen

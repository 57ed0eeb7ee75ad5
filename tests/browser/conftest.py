"""Fixtures of the browser tests."""

from __future__ import annotations

import pytest

from tests.conftest import swedish_context


@pytest.fixture(scope="module")
def search_page(browser):
    """One page for a test file's searches, in a Swedish context of the usual viewport (as
    new_page's): the search index its worker builds serves each test that only searches and
    reads the results (tests/browser/search.py types each query in the same box, as a reader
    searches again, and waits for that query's own answer)."""
    context = swedish_context(browser)
    yield context.new_page()
    context.close()

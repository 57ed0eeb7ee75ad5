"""Fixtures of the browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import made_once, swedish_context
from tests.publishing.published import TwoVersions, export_versions, shared_two_versions


@pytest.fixture(scope="module")
def search_page(browser):
    """One page for a test file's searches, in a Swedish context of the usual viewport (as
    new_page's): the search index its worker builds serves each test that only searches and
    reads the results (tests/browser/search.py types each query in the same box, as a reader
    searches again, and waits for that query's own answer)."""
    context = swedish_context(browser)
    yield context.new_page()
    context.close()


# The two versions the publishing tests read too (the first under a markup title), and
# their export: made once per run and read by every worker (nginx's tests serve the export
# with an nginx of their own, the version selector's with a plain server).
@pytest.fixture(scope="module")
def published(tmp_path_factory) -> TwoVersions:
    return made_once(tmp_path_factory, "two-versions", shared_two_versions)


@pytest.fixture(scope="module")
def exported(published, tmp_path_factory) -> Path:
    return made_once(tmp_path_factory, "versions-export", lambda folder: export_versions(published, folder))

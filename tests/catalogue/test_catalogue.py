"""Run every case of the catalogue of bad input (tests/catalogue/cases_*.py)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

from tests.catalogue.framework import BUILD, CHECK, Case, Refused, cases_of, fresh_project

pytestmark = pytest.mark.build


def all_cases() -> list[Case]:
    found: list[Case] = []
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name):
        if info.name.startswith("cases_"):
            found += cases_of(importlib.import_module(f"tests.catalogue.{info.name}"))
    return found


CASES = all_cases()


def test_the_catalogue_is_large_and_its_ids_unique():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert len(CASES) >= 40, len(CASES)


@pytest.mark.parametrize("item", CASES, ids=[c.id for c in CASES])
def test_case(item: Case, tmp_path):
    project = fresh_project(tmp_path / "projekt", with_git=item.git)
    expected = item.change(project)
    ran = item.command(project)
    expected.verify(ran, project)
    if _content_mistake(item, expected, project):
        # make check sees every mistake of the content that stops the build, and names the
        # same file (issue 21): an editor who runs it is never surprised by the build.
        Refused(file=expected.file, max_output=expected.max_output * 4).verify(CHECK(project), project)


#: What an organisation's content is: the files make check reads.
CONTENT_FILES = ("data/", "docs/", "mkdocs.yml")


def _content_mistake(item: Case, expected, project) -> bool:
    """A case whose change to the content (no setting of the environment) stops the build."""
    return (item.command == BUILD and isinstance(expected, Refused) and not project.env
            and bool(expected.file) and expected.file.startswith(CONTENT_FILES))

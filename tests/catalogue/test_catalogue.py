"""Run every case of the catalogue of bad input (tests/catalogue/cases_*.py).

The cases of the machinery alone (publishing, the published branch, export and make's
variables: cases_publishing.py and cases_branch.py) do the same whatever organisation's
policy the project holds: they run once per test run, on the skeleton filled in
(tests/skeleton.py). Every other case runs on the content under test.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

from tests.catalogue import cases_branch, cases_publishing
from tests.catalogue.framework import (
    BUILD, CHECK, Case, Expectation, Project, Refused, cases_of, fresh_project, skeleton_project,
)

pytestmark = pytest.mark.build

#: The modules of the cases of the machinery alone.
MACHINERY = (cases_branch, cases_publishing)


def content_cases() -> list[Case]:
    machinery = {module.__name__ for module in MACHINERY}
    found: list[Case] = []
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name):
        name = f"tests.catalogue.{info.name}"
        if info.name.startswith("cases_") and name not in machinery:
            found += cases_of(importlib.import_module(name))
    return found


CASES = content_cases()
MACHINERY_CASES = [item for module in MACHINERY for item in cases_of(module)]


def test_the_catalogue_is_large_and_its_ids_unique():
    ids = [c.id for c in CASES + MACHINERY_CASES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert len(CASES) >= 40 and len(MACHINERY_CASES) >= 20, (len(CASES), len(MACHINERY_CASES))


@pytest.mark.parametrize("item", CASES, ids=[c.id for c in CASES])
def test_case(item: Case, tmp_path):
    project = fresh_project(tmp_path / "projekt", with_git=item.git)
    verify(item, project, item.change(project))


@pytest.mark.content_independent
@pytest.mark.parametrize("item", MACHINERY_CASES, ids=[c.id for c in MACHINERY_CASES])
def test_machinery_case(item: Case, tmp_path):
    project = skeleton_project(tmp_path / "projekt", with_git=item.git)
    verify(item, project, item.change(project))


def verify(item: Case, project: Project, expected: Expectation) -> None:
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

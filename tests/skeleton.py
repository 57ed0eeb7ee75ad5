"""The skeleton of make ny-organisation, filled in: a neutral organisation for the tests of
the machinery alone.

Whether a build killed at any moment leaves the last good site, or a publication killed
at any moment leaves the branch as it was or whole, does not depend on whose policy is
built. The tests of such things run on this organisation (the project's machinery and
the skeleton in publishing/skeleton/, every mark filled in as an editor would), never on
the content under test (tests/conftest.py CONTENT): they are content-independent, and
make test runs them once rather than once per content. Its only date is the day it is
made, so its builds speak of that day (``epoch``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.policy.placeholders import MARK
from publishing.new_organisation import TODAY_TOKEN
from tests.conftest import ROOT, copy_parts

SKELETON = ROOT / "publishing" / "skeleton"
#: The kinds of file of the organisation's own that may hold a mark.
TEXT = {".md", ".yml", ".yaml", ".txt", ".css"}


def text_files(project: Path) -> dict[str, str]:
    """The organisation's own text files (settings, data, pages), by their shown name."""
    files = {"mkdocs.yml": (project / "mkdocs.yml").read_text(encoding="utf-8")}
    for part in ("data", "docs"):
        for path in sorted((project / part).rglob("*")):
            if path.suffix in TEXT and path.is_file():
                files[path.relative_to(project).as_posix()] = path.read_text(encoding="utf-8")
    return files


def fill_in(project: Path) -> None:
    """Every mark filled in as an editor would: a line that only tells what to write goes,
    a marked value keeps its example."""
    for name, text in text_files(project).items():
        lines = []
        for line in text.split("\n"):
            if MARK in line:
                if line.lstrip().startswith(("#", "{##", MARK)):
                    continue
                line = line.replace(MARK + " ", "")
            lines.append(line)
        (project / name).write_text("\n".join(lines), encoding="utf-8")


def epoch(day: dt.date) -> str:
    """SOURCE_DATE_EPOCH of a build that speaks of ``day``: its noon, UTC."""
    return str(int(dt.datetime.combine(day, dt.time(12), dt.timezone.utc).timestamp()))


#: The day the skeletons of a test run are made, and the SOURCE_DATE_EPOCH of their builds.
TODAY = dt.date.today()
EPOCH = epoch(TODAY)


def skeleton_project(target: Path, day: dt.date = TODAY) -> Path:
    """A project in ``target``: this project's machinery (as tests/conftest.py's
    copy_project copies it) and the skeleton's content, made on ``day`` and filled in
    (its builds speak of that day: ``epoch(day)``, EPOCH for the default)."""
    copy_parts(target, SKELETON)
    statement = target / "data" / "tillganglighet.yml"
    statement.write_text(statement.read_text(encoding="utf-8").replace(TODAY_TOKEN, day.isoformat()),
                         encoding="utf-8")
    fill_in(target)
    return target

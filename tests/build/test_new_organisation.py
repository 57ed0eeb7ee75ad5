"""make ny-organisation: a new organisation's project, which make check explains mark by mark.

The skeleton is made as a user makes it (``python -m publishing.new_organisation``, what
the make target runs) from this project's committed files, into a temporary folder. Its
marks (``FYLL I:``) are found here by reading its files line by line, independently of the
check; make check must name exactly those, with file, line and (in YAML) field, and the
build must refuse to publish while one is left. Filled in mechanically (a mark's comment
line removed, a marked value's mark dropped), the skeleton is a valid organisation that
builds, with no trace of the marks or of this project's own organisation.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros.policy.loading import DATA_FILES, OTHER_FILES
from macros.policy.placeholders import MARK
from tests.conftest import ROOT, made_once
from tests.skeleton import SKELETON, fill_in, text_files

pytestmark = pytest.mark.content_independent

REPORTED = re.compile(r"^  ([^:\s]+):(\d+): (.*)$", re.MULTILINE)


def new_organisation(folder: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "publishing.new_organisation", str(folder)],
                          cwd=cwd, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))


def make_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.site.check"], cwd=project,
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """The strict MkDocs build of the new project, as of today (its own dates are today's)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=project,
        capture_output=True, text=True, timeout=300,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1",
                 SOURCE_DATE_EPOCH=str(int(time.time()))))


def marks(project: Path) -> set[tuple[str, int]]:
    return {(name, number) for name, text in text_files(project).items()
            for number, line in enumerate(text.split("\n"), start=1) if MARK in line}


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory) -> Path:
    """The skeleton as make ny-organisation makes it (read, never changed, by the tests)."""
    def make(folder: Path) -> Path:
        made = new_organisation(folder / "ny")
        assert made.returncode == 0, made.stderr
        return folder / "ny"
    return made_once(tmp_path_factory, "new-organisation", make)


def test_the_skeleton_is_a_whole_project_with_every_data_file(skeleton):
    for data_file in DATA_FILES:
        assert (skeleton / "data" / data_file.name).is_file(), data_file.name
    assert (skeleton / "data" / "antagen-text.txt").is_file()
    for other in OTHER_FILES:  # written by make granskning, or the organisation's search questions
        assert (skeleton / "data" / other).is_file() or other == "granskning.json"
    for machinery in ("Makefile", "macros", "overrides", "publishing", "tests", "requirements.lock",
                      "README.md", "CONTRIBUTING.md"):
        assert (skeleton / machinery).exists(), machinery
    # The organisation's own files are the skeleton's, none of this project's organisation.
    own = {p.relative_to(skeleton).as_posix() for part in ("data", "docs")
           for p in (skeleton / part).rglob("*") if p.is_file()}
    expected = {p.relative_to(SKELETON).as_posix() for part in ("data", "docs")
                for p in (SKELETON / part).rglob("*") if p.is_file()}
    assert own == expected
    assert (skeleton / "mkdocs.yml").read_text("utf-8") == (SKELETON / "mkdocs.yml").read_text("utf-8")


def test_make_check_names_exactly_what_is_left_to_fill_in(skeleton):
    left = marks(skeleton)
    assert left, "the skeleton marks nothing to fill in"
    checked = make_check(skeleton)
    assert checked.returncode == 1
    reported = REPORTED.findall(checked.stderr)
    assert {(name, int(line)) for name, line, _ in reported} == left
    assert len(reported) == len(left)  # each once, and nothing else wrong
    assert "Traceback" not in checked.stderr
    files = text_files(skeleton)
    for name, line, message in reported:
        assert f"ta bort '{MARK}'" in message
        text = files[name].split("\n")[int(line) - 1]
        value = re.match(r"^\s*([^\s#:{/*]+):\s*\S", text)
        if name.endswith(".yml") and value:  # a marked value: its field is named
            assert message.startswith(f"{value.group(1)}: "), (name, line, message)
        elif name.endswith(".yml") and text.lstrip().startswith("#"):
            # A comment: the field after it is named, as the file spells it.
            assert re.match(r"^[^\s:]+: kvar att fylla i", message), (name, line, message)
        # What to write is the mark's own description, not the whole line.
        description = text.split(MARK, 1)[1].strip().strip("\"'#}*/ ").rstrip(".,;")[:40]
        assert description in message


def test_the_build_refuses_to_publish_a_skeleton_with_marks_left(skeleton, tmp_path):
    built = build(skeleton, tmp_path / "site")
    assert built.returncode != 0
    assert "kvar att fylla i" in built.stderr and "Traceback" not in built.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_filled_in_the_skeleton_checks_and_builds(skeleton, tmp_path):
    project = tmp_path / "ifylld"
    made = new_organisation(project)
    assert made.returncode == 0, made.stderr
    left = {text.split(MARK, 1)[1].strip() for text in text_files(project).values() for text in text.split("\n")
            if MARK in text}
    fill_in(project)
    assert not marks(project)
    checked = make_check(project)
    assert checked.returncode == 0, checked.stderr
    site = tmp_path / "site"
    built = build(project, site)
    assert built.returncode == 0, built.stderr
    pages = {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}
    assert "roller/index.html" in pages and "uppfoljning/index.html" in pages
    # No mark is left on the site (the editors' guide may speak of marks, never hold one).
    assert not any(f"{MARK} {description}" in text for text in pages.values() for description in left)
    # The revision rule in words, with its number (data/dokument.yml of the skeleton).
    assert "fyra år efter beslutet, eller vid behov" in pages["om-dokumentet/index.html"]
    # No trace of this project's own organisation in the skeleton's site.
    own_name = (ROOT / "data" / "dokument.yml").read_text("utf-8")
    organisation = re.search(r"^organisation:\s*(.+)$", own_name, re.MULTILINE).group(1).strip()
    assert not any(organisation in text for text in pages.values())


@pytest.mark.parametrize("where", ["not-empty", "inside"])
def test_a_folder_that_is_not_new_is_refused_and_left_as_it_was(tmp_path, where):
    if where == "not-empty":
        folder = tmp_path / "befintlig"
        folder.mkdir()
        (folder / "anteckningar.txt").write_text("mina anteckningar", encoding="utf-8")
        before = sorted(p.name for p in tmp_path.rglob("*"))
    else:
        folder = ROOT / "data" / "ny-organisation"
        before = sorted(p.name for p in (ROOT / "data").rglob("*"))
    made = new_organisation(folder)
    assert made.returncode == 1
    assert made.stderr.startswith("Avbrutet: ") and "Traceback" not in made.stderr
    if where == "not-empty":
        assert "inte tom" in made.stderr
        assert sorted(p.name for p in tmp_path.rglob("*")) == before
    else:
        assert "ligger i det här projektet" in made.stderr
        assert sorted(p.name for p in (ROOT / "data").rglob("*")) == before

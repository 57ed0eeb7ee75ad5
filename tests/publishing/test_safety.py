"""Nothing is lost: export replaces only its own folder, builds keep a complete site/."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from publishing import PublishError, names
from publishing.export import MARKER, export
from tests.conftest import made_once
from tests.publishing.published import FIRST, copy_repo, first_version, per_term
from tests.skeleton import EPOCH, skeleton_project

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """FIRST published (made once per run, shared with tests/pdf: never changed here; a
    test that changes the repository changes a copy_repo() of it)."""
    return made_once(tmp_path_factory, "first-version", first_version)


def test_export_writes_a_new_folder_and_replaces_only_a_previous_export(published, tmp_path):
    target = tmp_path / "webb"
    name = FIRST.name(per_term(published))
    assert export(published, target) == [name]
    assert (target / MARKER).is_file() and (target / name / "index.html").is_file()
    (target / "gammal.html").write_text("från förra exporten")
    export(published, target)  # a previous export: replaced whole
    assert not (target / "gammal.html").exists() and (target / MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["webb"]  # no staging left


@pytest.mark.parametrize("dest", [".", "..", "docs", "mkdocs.yml", "/"])
def test_export_refuses_what_it_did_not_write(published, dest):
    before = sorted(str(p) for p in published.rglob("*"))
    with pytest.raises(PublishError, match="DEST="):
        export(published, published / dest if not dest.startswith("/") else dest)
    assert sorted(str(p) for p in published.rglob("*")) == before


def test_export_refuses_a_folder_with_a_forged_marker_that_holds_the_project(published, tmp_path):
    project = copy_repo(published, tmp_path / "policy")
    (project / MARKER).write_text("Den här mappen skrevs av make export och ersätts helt av nästa export.\n")
    with pytest.raises(PublishError, match="projektet"):
        export(project, project)


def test_export_to_an_unwritable_place_leaves_nothing(published, tmp_path):
    with pytest.raises(PublishError, match="skriva"):
        export(published, "/proc/policy-export")
    locked = tmp_path / "las"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.geteuid() != 0:
            with pytest.raises(PublishError):
                export(published, locked / "webb")
        assert list(locked.iterdir()) in ([], [locked / "webb"])
    finally:
        locked.chmod(0o700)


@pytest.mark.content_independent
@pytest.mark.parametrize("name", ["2026-2030", "2026-2030-utkast", "2026-2030-remiss", "utkast-höst"])
def test_version_names_of_the_usual_forms_are_accepted(name):
    assert names.version_name(name) == name


@pytest.mark.content_independent
@pytest.mark.parametrize("name", [
    ".git", "index.html", "versions.json", ".nojekyll", "404.html", "search", "assets", "a/b",
    "..", "-x", ".dold", "2026 2030", "2026-2030\n", "x\x00", "a" * 61, "gallande", "a--b", "",
])
def test_dangerous_version_names_are_refused(name):
    with pytest.raises(PublishError, match="VERSION="):
        names.version_name(name, alias="gallande")


@pytest.mark.parametrize("branch", ["x y", "-x", "a..b", "x;touch y", "HEAD~1", "main"])
def test_bad_branch_names_are_refused(published, branch):
    with pytest.raises(PublishError, match="BRANCH="):
        names.branch_name(published, branch)


# --- make build: one at a time, site/ complete at every instant -----------------------


def _build(project):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1",
               PYTHONDONTWRITEBYTECODE="1")
    return subprocess.Popen([sys.executable, "-m", "publishing.build"], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


@pytest.fixture
def project(tmp_path):
    """A built project of the skeleton filled in (tests/skeleton.py): one build at a time and
    a site whole at every instant hold for any organisation's content, so these tests run
    once per test run, not once per content."""
    root = skeleton_project(tmp_path / "policy")
    first = _build(root)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    return root


class Watch:
    """Looks at site/ as often as it can while builds run; records any instant it was not whole."""

    def __init__(self, site):
        self.site, self.gaps, self.looks, self._stop = site, [], 0, threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self._stop.is_set():
            self.looks += 1
            if not (self.site / "index.html").is_file() or not (self.site / "sitemap.xml").is_file():
                self.gaps.append(self.looks)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self.thread.join()


@pytest.mark.content_independent
def test_two_builds_at_once_both_succeed_and_site_is_never_missing(project):
    with Watch(project / "site") as watch:
        builds = [_build(project), _build(project)]
        codes = [b.wait(timeout=600) for b in builds]
    assert codes == [0, 0], [b.stderr.read() for b in builds]
    assert watch.gaps == [] and watch.looks > 100
    assert not list(project.glob(".site.bygge-*"))


@pytest.mark.content_independent
def test_a_build_killed_at_any_point_leaves_the_last_good_site(project):
    (project / "site" / "forra-bygget.txt").write_text("kvar")
    with Watch(project / "site") as watch:
        for delay in (0.5, 1.5, 3.0):
            build = _build(project)
            time.sleep(delay)
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()
    assert watch.gaps == []
    assert (project / "site" / "index.html").is_file()
    finished = _build(project)  # the next build cleans what the killed ones left
    assert finished.wait(timeout=300) == 0
    assert not list(project.glob(".site.bygge-*"))

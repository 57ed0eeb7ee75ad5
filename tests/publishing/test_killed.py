"""A publication is all or nothing (issue 20, item 8): killed at any moment, the published
branch is as it was or complete, nothing is left in the temporary folder, what the killed
run left in the project has a name of its own, and the next run removes it and completes
the publication (or says it is complete).

The moments are found by watching the repository while the publication runs, as
test_safety.py's killed builds do by time: soon after the start, while mike builds on the
work ref, after mike's deploy and before the default is set (the reproduction: the branch
had the version and versions.json but no root page), and once the branch has moved.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from publishing.publish import CONFIG_PREFIX, MIKE_CONFIG_PREFIX, WORK_FOLDER_PREFIX, WORK_REFS
from tests.publishing.published import FIRST, git, init_repo, per_term, set_facts
from tests.skeleton import EPOCH, skeleton_project

#: Killing a publication does the same to any organisation's: these run on the skeleton
#: filled in (tests/skeleton.py), once per test run.
pytestmark = [pytest.mark.build, pytest.mark.content_independent]

BRANCH = "refs/heads/publicerat"
WORK_REF = WORK_REFS + "publicerat"


def rev(repo, ref: str) -> str | None:
    result = subprocess.run(["git", "rev-parse", "--verify", "--quiet", ref], cwd=repo, capture_output=True, text=True)
    return result.stdout.strip() or None


def has(repo, ref: str, path: str) -> bool:
    return subprocess.run(["git", "cat-file", "-e", f"{ref}:{path}"], cwd=repo, capture_output=True).returncode == 0


def start(repo, tmp, name: str) -> subprocess.Popen:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1",
               TMPDIR=str(tmp))
    return subprocess.Popen([sys.executable, "-m", "publishing", "publish", name], cwd=repo, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def kill_when(process: subprocess.Popen, ready: Callable[[], bool], limit: float = 300) -> bool:
    """Kill the publication (its whole process group, as kill -9 on each) as soon as
    ``ready()``; False if it ended first."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if process.poll() is not None:
            return False
        if ready():
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
            return True
        time.sleep(0.01)
    raise AssertionError("the publication neither ended nor reached the moment")


def whole(repo, name: str) -> bool:
    versions = json.loads(git(repo, "show", f"{BRANCH}:versions.json"))
    entry = next(v for v in versions if v["version"] == name)
    return ("gallande" in entry["aliases"] and all(
        has(repo, BRANCH, path) for path in ("index.html", f"{name}/index.html", f"{name}/kallor.json",
                                             "gallande/index.html")))


def ours(name: str) -> bool:
    return name.startswith((WORK_FOLDER_PREFIX, CONFIG_PREFIX, MIKE_CONFIG_PREFIX))


def test_a_publication_killed_at_any_moment_leaves_the_branch_as_it_was_or_whole(tmp_path):
    repo = init_repo(skeleton_project(tmp_path / "policy"))
    set_facts(repo, FIRST)
    name = FIRST.name(per_term(repo))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    project = set(os.listdir(repo))
    began = time.monotonic()
    moments = {
        "soon after the start": lambda: time.monotonic() - began > 0.3,
        "while mike builds": lambda: rev(repo, WORK_REF) is not None,
        "after mike's deploy, before the default": lambda: has(repo, WORK_REF, "versions.json"),
    }
    for moment, ready in moments.items():
        began = time.monotonic()
        process = start(repo, tmp, name)
        assert kill_when(process, ready), f"ended before {moment}: {process.stderr.read()}"
        assert rev(repo, BRANCH) is None, f"killed {moment}, the branch exists"
        assert not list(tmp.iterdir()), f"killed {moment}, left in the temporary folder: {list(tmp.iterdir())}"
        left = set(os.listdir(repo)) - project
        assert all(ours(item) for item in left), f"killed {moment}, left {left}"

    # Killed once the branch has moved: the publication is whole.
    process = start(repo, tmp, name)
    kill_when(process, lambda: rev(repo, BRANCH) is not None)
    assert rev(repo, BRANCH) is not None and whole(repo, name)
    assert git(repo, "rev-list", "--count", BRANCH).strip() == "3"  # root, deploy, default

    # The next run removes what the killed ones left and says the version is complete.
    again = start(repo, tmp, name)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 1, out + err
    assert "Den är redan publicerad från just den här källcommiten" in err
    assert "git push origin publicerat" in err and "Traceback" not in err
    assert set(os.listdir(repo)) == project and not list(tmp.iterdir())
    assert not git(repo, "for-each-ref", WORK_REFS).strip()


def test_a_rerun_after_a_kill_publishes_the_version(tmp_path):
    """Killed before the branch moved, the next run simply publishes: the same result as a
    publication never interrupted."""
    repo = init_repo(skeleton_project(tmp_path / "policy"))
    set_facts(repo, FIRST)
    name = FIRST.name(per_term(repo))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    process = start(repo, tmp, name)
    assert kill_when(process, lambda: has(repo, WORK_REF, "versions.json"))
    assert rev(repo, WORK_REF) is not None  # what the killed run left: removed by the next
    again = start(repo, tmp, name)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert "Tog bort det som en avbruten publicering lämnade efter sig" in err
    assert whole(repo, name) and not list(tmp.iterdir())
    assert not git(repo, "for-each-ref", WORK_REFS).strip()
    assert not [item for item in os.listdir(repo) if ours(item)]


def _with_work_ref(repo):
    """A repository with one commit and the work ref a killed publication leaves."""
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "-c", "user.name=R", "-c", "user.email=r@example.invalid", "commit", "-q", "--allow-empty", "-m", "x")
    git(repo, "update-ref", WORK_REF, "HEAD")
    return repo


def test_a_work_ref_left_with_the_lock_of_a_killed_git_is_removed(tmp_path):
    """git killed while moving the work ref leaves the ref and its lock, and git cannot delete
    a ref while its lock is there: the lock goes first, then the ref. (Seen once, when the
    kill of test_a_publication_killed_at_any_moment… fell in that moment: the ref stayed,
    though the next run said it had removed it.)"""
    from publishing.gitrepo import Repo
    from publishing.publish import clean_leftovers

    repo = _with_work_ref(tmp_path / "policy")
    lock = repo / ".git" / (WORK_REF + ".lock")
    lock.write_text("")
    removed = clean_leftovers(repo, Repo(repo))
    assert set(removed) == {WORK_REF, str(lock)}
    assert rev(repo, WORK_REF) is None and not lock.exists()


def test_a_work_ref_that_cannot_be_removed_stops_with_what_to_do(tmp_path, monkeypatch):
    from publishing import PublishError
    from publishing.gitrepo import Repo
    from publishing.publish import clean_leftovers

    repo = _with_work_ref(tmp_path / "policy")
    monkeypatch.setattr(Repo, "delete_ref", lambda self, ref: None)  # as when git cannot delete it
    with pytest.raises(PublishError, match=f"ingenting är publicerat. Ta bort det med git update-ref -d {WORK_REF} "
                                           "och försök igen"):
        clean_leftovers(repo, Repo(repo))

"""The published branch is never one that holds the sources, whatever HEAD is (issue 20,
item 9), and git's messages reach the publisher in Swedish (item 10).

These run the checks themselves on a small repository, without a build.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from publishing import PublishError, names
from publishing.gitmessages import explain
from publishing.gitrepo import Repo
from publishing.publish import Options, start_point
from tests.conftest import copy_project
from tests.publishing.published import git

pytestmark = pytest.mark.build


def _repo(folder):
    repo = copy_project(folder)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "registrator@example.invalid")
    git(repo, "config", "user.name", "Registrator")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Källorna")
    return repo


@pytest.fixture(scope="module")
def sources_repo(tmp_path_factory):
    return _repo(tmp_path_factory.mktemp("gren") / "policy")


def published_like(repo, branch: str, parent: str | None = None) -> str:
    """A commit that looks like a published branch (versions.json, a version folder), on
    ``branch``; its own history, or on top of ``parent``."""
    def run(*args, stdin=""):
        return subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, text=True,
                              check=True).stdout.strip()

    versions = run("hash-object", "-w", "--stdin",
                   stdin=json.dumps([{"version": "2026-2030", "title": "x", "aliases": []}]))
    page = run("hash-object", "-w", "--stdin", stdin="<p>sida</p>\n")
    folder = run("mktree", stdin=f"100644 blob {page}\tindex.html\n")
    tree = run("mktree", stdin=f"040000 tree {folder}\t2026-2030\n100644 blob {versions}\tversions.json\n")
    commit = run("commit-tree", tree, "-m", f"Publicerad på {branch}", *(["-p", parent] if parent else []))
    run("update-ref", f"refs/heads/{branch}", commit)
    return commit


@pytest.fixture
def detached(sources_repo):
    git(sources_repo, "checkout", "-q", "--detach")
    yield sources_repo
    git(sources_repo, "checkout", "-q", "main")


def test_a_source_branch_is_refused_with_a_detached_head(detached):
    """The reproduction: detached HEAD, BRANCH=main wrote two commits on main."""
    head = git(detached, "rev-parse", "main")
    with pytest.raises(PublishError, match=r"BRANCH='main' .*gren med projektets källor"):
        names.branch_name(detached, "main")
    assert git(detached, "rev-parse", "main") == head


@pytest.mark.parametrize("value", ["@", "HEAD", "refs/heads/main", "@{-1}", "main@{u}", "-main"])
def test_names_git_would_read_as_another_branch_are_refused(detached, value):
    with pytest.raises(PublishError, match="BRANCH=.*inget giltigt grennamn"):
        names.branch_name(detached, value)


def test_a_branch_inside_an_existing_branch_name_is_refused(sources_repo):
    with pytest.raises(PublishError, match="BRANCH='main/publicerat' kan inte bli en gren eftersom grenen 'main'"):
        names.branch_name(sources_repo, "main/publicerat")


def test_an_orphan_branch_with_the_sources_is_refused(sources_repo):
    tree = git(sources_repo, "rev-parse", "main^{tree}").strip()
    commit = git(sources_repo, "commit-tree", tree, "-m", "Kopia").strip()
    git(sources_repo, "update-ref", "refs/heads/kopia", commit)
    with pytest.raises(PublishError, match="gren med projektets källor"):
        names.branch_name(sources_repo, "kopia")


def test_a_branch_without_versions_json_is_refused(sources_repo):
    tree = subprocess.run(["git", "mktree"], cwd=sources_repo, input="", capture_output=True, text=True,
                          check=True).stdout.strip()
    commit = git(sources_repo, "commit-tree", tree, "-m", "Tom").strip()
    git(sources_repo, "update-ref", "refs/heads/tom", commit)
    with pytest.raises(PublishError, match="versions.json saknas"):
        names.branch_name(sources_repo, "tom")


def test_a_published_looking_branch_that_shares_history_with_head_is_refused(sources_repo):
    published_like(sources_repo, "blandad", parent=git(sources_repo, "rev-parse", "main").strip())
    with pytest.raises(PublishError, match="delar historia med arbetskopians HEAD"):
        names.branch_name(sources_repo, "blandad")


def test_a_branch_checked_out_in_another_worktree_is_refused(sources_repo, tmp_path):
    published_like(sources_repo, "utcheckad")
    git(sources_repo, "worktree", "add", "-q", str(tmp_path / "annan"), "utcheckad")
    try:
        with pytest.raises(PublishError, match="BRANCH='utcheckad' är grenen som arbetskopian .* står på"):
            names.branch_name(sources_repo, "utcheckad")
    finally:
        git(sources_repo, "worktree", "remove", "--force", str(tmp_path / "annan"))


def test_a_published_branch_of_its_own_history_and_a_new_name_are_accepted(sources_repo):
    published_like(sources_repo, "publicerat-egen")
    assert names.branch_name(sources_repo, "publicerat-egen") == "publicerat-egen"
    assert names.branch_name(sources_repo, "finns-inte-an") == "finns-inte-an"


def test_a_remote_copy_ahead_is_built_on_and_one_gone_another_way_is_refused(sources_repo):
    repo = Repo(sources_repo)
    local = published_like(sources_repo, "fjarr")
    ahead = published_like(sources_repo, "tmp-ahead", parent=local)
    git(sources_repo, "update-ref", "refs/remotes/origin/fjarr", ahead)
    assert start_point(repo, Options("x", branch="fjarr")) == (local, ahead)
    other = published_like(sources_repo, "tmp-other", parent=local)
    git(sources_repo, "update-ref", "refs/heads/fjarr", other)
    with pytest.raises(PublishError, match="har gått isär"):
        start_point(repo, Options("x", branch="fjarr"))
    # A remote copy that holds the sources is refused like a local one.
    git(sources_repo, "update-ref", "refs/remotes/origin/fjarr", git(sources_repo, "rev-parse", "main").strip())
    with pytest.raises(PublishError, match="origin/fjarr .*källor"):
        start_point(repo, Options("x", branch="fjarr"))


@pytest.mark.parametrize("said, swedish", [
    ("fatal: Unable to create '/p/.git/refs/heads/publicerat.lock': File exists.\n\nAnother git process seems "
     "to be running", "låsfilen '.git/refs/heads/publicerat.lock' finns redan"),
    ("error: cannot lock ref 'refs/heads/publicerat': is at 1234abc but expected 5678def",
     "grenen 'refs/heads/publicerat' ändrades av något annat"),
    ("fatal: Branch name doesn't conform to GIT standards: HEAD", "git godtar inte 'HEAD' som namn på en gren"),
    ("fatal: 'origin' does not appear to be a git repository\nfatal: Could not read from remote repository.",
     "fjärrförrådet 'origin' finns inte"),
    (" ! [rejected]        publicerat -> publicerat (fetch first)\nerror: failed to push some refs",
     "fjärrförrådet har publiceringar som inte finns här"),
    ("fatal: detected dubious ownership in repository at '/srv/policy'", "git vägrar arbeta i '/srv/policy'"),
])
def test_known_git_messages_are_told_in_swedish(said, swedish):
    told = explain(said)
    assert swedish in told
    for english in ("Unable to create", "cannot lock", "doesn't conform", "does not appear", "rejected",
                    "dubious"):
        assert english not in told


def test_an_unknown_git_message_is_introduced_in_swedish_and_kept():
    told = explain("fatal: something nobody has seen before")
    assert told.startswith("git avbröts med ett meddelande som publiceringen inte känner igen")
    assert told.endswith("fatal: something nobody has seen before")


def test_make_changes_compares_the_data_files_a_version_keeps_no_sources_of(sources_repo):
    """data/granskning.json (shown in the accessibility statement) and data/sokfragor.yml are
    not in a version's sources: make changes compares them with its source commit."""
    from macros.policy.loading import OTHER_FILES
    from publishing.compare import other_files

    def run(*args, stdin=""):
        return subprocess.run(["git", *args], cwd=sources_repo, input=stdin, capture_output=True, text=True,
                              check=True).stdout.strip()

    head = run("rev-parse", "HEAD")
    versions = run("hash-object", "-w", "--stdin", stdin=json.dumps(
        [{"version": "2026-2030", "title": "x", "aliases": [], "properties": {"kallcommit": head}}]))
    tree = run("mktree", stdin=f"100644 blob {versions}\tversions.json\n")
    run("update-ref", "refs/heads/andrade-filer", run("commit-tree", tree, "-m", "Publicerad"))
    before = {name: (sources_repo / "data" / name).read_bytes() if (sources_repo / "data" / name).exists() else None
              for name in OTHER_FILES}
    try:
        for name in OTHER_FILES:
            (sources_repo / "data" / name).write_text(f"ändrad {name}\n", encoding="utf-8")
        found = other_files(sources_repo, "2026-2030", ".", "andrade-filer")
        assert sorted(c.id for c in found) == sorted(OTHER_FILES)
        assert all(any(f"ändrad {c.id}" in f.new for f in c.fields) or c.kind == "tillägg" for c in found)
        assert not other_files(sources_repo, "2026-2030", "2026-2030", "andrade-filer")
    finally:
        for name, content in before.items():
            path = sources_repo / "data" / name
            path.unlink() if content is None else path.write_bytes(content)


def test_a_lock_left_on_the_branch_is_told_before_anything_is_built(sources_repo):
    from publishing.publish import publish

    lock = sources_repo / ".git" / "refs" / "heads" / "publicerat.lock"
    lock.write_text("")
    try:
        with pytest.raises(PublishError, match=r"låsfilen '.*publicerat\.lock' finns redan.*ingenting är publicerat"):
            publish(sources_repo, Options("2026-2030-utkast"))
    finally:
        lock.unlink()
    assert not list(sources_repo.glob(".publicering-*"))

"""The few git operations publishing needs, on the published branch.

Every git command runs with ``LC_ALL=C``: git then answers in English whatever the
publisher's locale, and publishing/gitmessages.py can recognise what it says and tell
the publisher in Swedish. A name a user gave (the branch) is only ever used as the full
ref ``refs/heads/<name>``, never as a revision git would interpret (``@``, ``HEAD``,
``origin/x`` or a tag of the same name).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

#: The object id git uses for "no commit": update-ref with it as the old value creates a
#: ref only if it does not exist yet.
NO_COMMIT = "0" * 40
#: The tree with nothing in it (the same id in every repository).
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def git_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a git command: its messages in English (C), so that they can be
    recognised and told in Swedish."""
    env = dict(os.environ if base is None else base)
    env["LC_ALL"] = "C"
    env.pop("LANGUAGE", None)
    return env


class Repo:
    def __init__(self, path: Path):
        self.path = Path(path)

    def git(self, *args: str, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["git", *args], cwd=self.path, capture_output=True, text=True, check=check,
            env=git_environment(env), stdin=subprocess.DEVNULL,
        )

    def git_bytes(self, *args: str) -> bytes:
        return subprocess.run(
            ["git", *args], cwd=self.path, capture_output=True, check=True, env=git_environment(),
            stdin=subprocess.DEVNULL,
        ).stdout

    # --- Refs ----------------------------------------------------------------------

    def rev(self, full_ref: str) -> str | None:
        """The commit a full ref (``refs/heads/publicerat``) points at, or None."""
        result = self.git("rev-parse", "--verify", "--quiet", f"{full_ref}^{{commit}}", check=False)
        return result.stdout.strip() or None

    def head(self, ref: str) -> str | None:
        """The commit of branch ``ref`` (a branch name, never a revision), or None."""
        return self.rev(f"refs/heads/{ref}")

    def refs(self, prefix: str) -> list[str]:
        """Every ref under ``prefix`` (``refs/publicering/``), loose or packed."""
        listing = self.git("for-each-ref", "--format=%(refname)", prefix, check=False).stdout
        return [line for line in listing.splitlines() if line]

    def update_ref(self, full_ref: str, new: str, old: str | None, message: str) -> None:
        """Move ``full_ref`` to ``new`` only if it still points at ``old`` (None: only if it
        does not exist yet), in one step; CalledProcessError otherwise."""
        self.git("update-ref", "-m", message, full_ref, new, old or NO_COMMIT)

    def delete_ref(self, full_ref: str) -> None:
        self.git("update-ref", "-d", full_ref, check=False)

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.git("merge-base", "--is-ancestor", older, newer, check=False).returncode == 0

    def related(self, first: str, second: str) -> bool:
        """Whether two commits share any history (a common ancestor)."""
        result = self.git("merge-base", first, second, check=False)
        return result.returncode == 0 and bool(result.stdout.strip())

    def checked_out(self) -> dict[str, str]:
        """Branch ref -> the worktree that has it checked out, for every worktree."""
        listing = self.git("worktree", "list", "--porcelain", check=False).stdout
        found, where = {}, ""
        for line in listing.splitlines():
            if line.startswith("worktree "):
                where = line[len("worktree "):]
            elif line.startswith("branch "):
                found[line[len("branch "):]] = where
        return found

    def common_dir(self) -> Path | None:
        """The repository's git folder shared by all its worktrees (.git), or None."""
        result = self.git("rev-parse", "--git-common-dir", check=False)
        if result.returncode != 0 or not result.stdout.strip():
            return None
        return (self.path / result.stdout.strip()).resolve()

    # --- Content of a commit ---------------------------------------------------------

    def show(self, ref: str, path: str) -> str | None:
        """The text of ``path`` on branch ``ref``, or None where it is not."""
        return self.show_at(f"refs/heads/{ref}", path)

    def show_at(self, commit: str, path: str) -> str | None:
        """The text of ``path`` in ``commit`` (an id or a full ref), or None where it is not."""
        result = self.git("show", f"{commit}:{path}", check=False)
        return result.stdout if result.returncode == 0 else None

    def exists(self, commit: str, path: str) -> bool:
        """Whether ``path`` is in ``commit``."""
        return self.git("cat-file", "-e", f"{commit}:{path}", check=False).returncode == 0

    def entries(self, commit: str | None) -> dict[str, str]:
        """Object id of every top-level entry of ``commit`` (a folder per version)."""
        if commit is None:
            return {}
        listing = self.git("ls-tree", "-z", commit).stdout
        entries = {}
        for line in listing.split("\0"):
            if line:
                meta, name = line.split("\t", 1)
                entries[name] = meta.split()[2]
        return entries

    def versions(self, ref: str) -> list[dict]:
        """mike's versions.json on the branch ([] before the first publication)."""
        return self.versions_at(f"refs/heads/{ref}")

    def versions_at(self, commit: str | None) -> list[dict]:
        content = self.show_at(commit, "versions.json") if commit else None
        if not content:
            return []
        try:
            value = json.loads(content)
        except ValueError:
            return []
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    def current_commit(self) -> str | None:
        result = self.git("rev-parse", "--verify", "--quiet", "HEAD", check=False)
        return result.stdout.strip() or None

    def has_identity(self) -> bool:
        return bool(self.git("config", "user.email", check=False).stdout.strip())

"""The few git operations publishing needs, on the published branch."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


class Repo:
    def __init__(self, path: Path):
        self.path = Path(path)

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["git", *args], cwd=self.path, capture_output=True, text=True, check=check
        )

    def git_bytes(self, *args: str) -> bytes:
        return subprocess.run(
            ["git", *args], cwd=self.path, capture_output=True, check=True
        ).stdout

    def head(self, ref: str) -> str | None:
        result = self.git("rev-parse", "--verify", "--quiet", f"refs/heads/{ref}", check=False)
        return result.stdout.strip() or None

    def show(self, ref: str, path: str) -> str | None:
        """The text of ``path`` on branch ``ref``, or None where it is not."""
        result = self.git("show", f"refs/heads/{ref}:{path}", check=False)
        return result.stdout if result.returncode == 0 else None

    def trees(self, ref: str) -> dict[str, str]:
        """Object id of every top-level entry of branch ``ref`` (a folder per version)."""
        if self.head(ref) is None:
            return {}
        listing = self.git("ls-tree", f"refs/heads/{ref}").stdout
        entries = {}
        for line in listing.splitlines():
            meta, name = line.split("\t", 1)
            entries[name] = meta.split()[2]
        return entries

    def reset_branch(self, ref: str, commit: str | None) -> None:
        if commit is None:
            self.git("update-ref", "-d", f"refs/heads/{ref}")
        else:
            self.git("update-ref", f"refs/heads/{ref}", commit)

    def versions(self, ref: str) -> list[dict]:
        """mike's versions.json on the branch ([] before the first publication)."""
        content = self.show(ref, "versions.json")
        return json.loads(content) if content else []

    def current_commit(self) -> str | None:
        result = self.git("rev-parse", "--verify", "--quiet", "HEAD", check=False)
        return result.stdout.strip() or None

    def has_identity(self) -> bool:
        return bool(self.git("config", "user.email", check=False).stdout.strip())

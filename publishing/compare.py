"""make changes: what changed between two versions, as Markdown.

Without arguments: the working tree against the version in force. A version is a
published version's name, or "." for the working tree.
"""

from __future__ import annotations

from pathlib import Path

from macros.views import changes
from macros.policy import sources
from macros.policy.errors import DataErrors

from . import PublishError
from .gitrepo import Repo


def version_sources(project: Path, name: str, branch: str) -> sources.Sources:
    if name == ".":
        return sources.collect(project)
    content = Repo(project).show(branch, f"{name}/{sources.SOURCES_FILE}")
    if content is None:
        raise PublishError(f"det finns ingen publicerad version '{name}' på grenen '{branch}'")
    return sources.loads(content)


def in_force(project: Path, branch: str, alias: str) -> str:
    for version in Repo(project).versions(branch):
        if alias in version.get("aliases", []):
            return version["version"]
    raise PublishError(f"ingen version är publicerad som '{alias}' på grenen '{branch}' än")


def compare(project: Path, old: str | None, new: str, branch: str = "publicerat",
            alias: str = "gallande") -> str:
    project = Path(project)
    old = old or in_force(project, branch, alias)
    old_sources, new_sources = (version_sources(project, n, branch) for n in (old, new))
    try:
        old_policy = sources.load(old_sources).policy
        new_policy = sources.load(new_sources).policy
    except DataErrors as exc:
        raise PublishError(exc.report()) from None
    found = changes.compare(old_policy, old_sources, new_policy, new_sources)
    label = "arbetskopian" if new == "." else new
    return changes.to_markdown(found, old, label)

"""make changes: what changed between two versions, as Markdown.

Without arguments: the working tree against the version in force. A version is a
published version's name, or "." for the working tree.

Everything a version holds is compared: its data files and pages from its sources
(kallor.json, macros/views/changes.py), and the files of data/ that a version does not
keep in its sources (the recorded accessibility assessment, the search questions:
macros.policy.loading.OTHER_FILES) from the commit it was published from (kallcommit).
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.views import changes
from macros.policy import sources
from macros.policy.errors import DataErrors
from macros.policy.loading import OTHER_FILES

from . import PublishError
from .gitrepo import Repo


def version_sources(project: Path, name: str, branch: str) -> sources.Sources:
    if name == ".":
        return sources.collect(project)
    content = Repo(project).show(branch, f"{name}/{sources.SOURCES_FILE}")
    if content is None:
        raise PublishError(f"det finns ingen publicerad version '{name}' på grenen '{branch}'")
    return sources.loads(content)


def _other_file(project: Path, name: str, version: str, branch: str) -> tuple[bool, str | None]:
    """(whether it could be read, the text of ``data/<name>``) in a version: the working tree
    ("."), or the commit a published version was built from."""
    path = f"data/{name}"
    if version == ".":
        file = project / path
        return True, file.read_text(encoding="utf-8", errors="replace") if file.is_file() else None
    repo = Repo(project)
    entry = next((v for v in repo.versions(branch) if v.get("version") == version), {})
    commit = (entry.get("properties") or {}).get("kallcommit")
    if not isinstance(commit, str) or not re.fullmatch(r"[0-9a-f]{40}", commit) or not repo.exists(commit, ""):
        return False, None
    return True, repo.show_at(commit, path)


def other_files(project: Path, old: str, new: str, branch: str) -> list[changes.ItemChange]:
    """The files of data/ that a version's sources do not hold, compared as text."""
    found = []
    for name in OTHER_FILES:
        (old_read, before), (new_read, after) = (_other_file(project, name, v, branch) for v in (old, new))
        if old_read and new_read:
            found += changes.data_file_lines(name, before, after)
        elif before is not None or after is not None:
            found.append(changes.ItemChange(
                "ändring", "Datafil", name,
                f"{name} kunde inte jämföras: versionens källcommit finns inte i förrådet (hämta hela "
                "historiken med git fetch --unshallow)"))
    return found


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
        old_loaded = sources.load(old_sources)
        new_loaded = sources.load(new_sources)
    except DataErrors as exc:
        raise PublishError(exc.report()) from None
    found = changes.compare_site(old_loaded, old_sources, new_loaded, new_sources)
    # The files a version does not keep in its sources are the organisation's, shared by
    # every document of a site of several.
    (found.shared if isinstance(found, changes.SiteChanges) else found).items += other_files(
        project, old, new, branch)
    label = "arbetskopian" if new == "." else new
    return changes.to_markdown(found, old, label)

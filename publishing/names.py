"""Names a publisher gives: versions, the alias of the version in force, the branch.

A version name and the alias become folders at the root of the published branch, beside
mike's own files (versions.json, index.html, .nojekyll) and under a web server's root,
so they are held to a small safe form: letters, digits and single hyphens, starting with
a letter or digit (``2026-2030``, ``2026-2030-utkast``). The branch must be a valid git
branch name, and a branch of published versions (publish_branch: never one with sources).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from macros.policy.settings import shown

from . import PublishError
from .gitrepo import Repo, git_environment

MAX_LENGTH = 60

#: Letters (Swedish ones included), digits and single hyphens between them.
NAME = re.compile(r"[^\W_](?:-?[^\W_])*")

#: Names that already mean something at the branch's root or inside a version.
RESERVED = {
    "versions.json", "index.html", ".nojekyll", "404.html", "search", "assets", "sitemap.xml",
    "sitemap.xml.gz", "stylesheets", "javascripts", "latest", "head", ".git",
    # The folders that hold a project's sources: a branch with them is a sources branch.
    "docs", "data", "mkdocs.yml",
}


def version_name(value: str, setting: str = "VERSION", alias: str | None = None) -> str:
    """A version name (or the alias, with setting ALIAS); raises PublishError to refuse."""
    problem = None
    if not value:
        problem = "är tomt"
    elif len(value) > MAX_LENGTH:
        problem = f"är längre än {MAX_LENGTH} tecken"
    elif value.casefold() in RESERVED:
        problem = "är ett namn som webbplatsen redan använder för något annat"
    elif not NAME.fullmatch(value):
        problem = "får bara innehålla bokstäver, siffror och enkla bindestreck mellan dem"
    elif alias is not None and value.casefold() == alias.casefold():
        problem = f"är namnet på aliaset för den gällande versionen ('{alias}')"
    if problem:
        raise PublishError(
            f"{setting}={shown(value)} {problem}; ange till exempel en mandatperiod som "
            "2026-2030 eller ett utkastnamn som 2026-2030-utkast"
            if setting != "ALIAS" else
            f"ALIAS={shown(value)} {problem}; ange ett namn av bokstäver, siffror och "
            "bindestreck, till exempel gallande"
        )
    return value


def branch_name(project: Path, value: str) -> str:
    """BRANCH: a valid branch name, and a branch that may hold the published versions.

    The name is checked as the full ref ``refs/heads/<name>`` (git check-ref-format), never
    as a revision: ``@``, ``HEAD`` or ``origin/x`` would otherwise name another branch
    than the one written. Then the rule of publish_branch() below.
    """
    valid = (
        bool(value) and len(value) <= 100 and value.isprintable() and not value.startswith(("-", "refs/"))
        and value not in ("@", "HEAD") and "@{" not in value
        and subprocess.run(
            ["git", "check-ref-format", f"refs/heads/{value}"], cwd=project, capture_output=True,
            env=git_environment(), stdin=subprocess.DEVNULL,
        ).returncode == 0
    )
    if not valid:
        raise PublishError(
            f"BRANCH={shown(value)} är inget giltigt grennamn i git; ange till exempel publicerat"
        )
    repo = Repo(project)
    clash = _clash(repo, value)
    if clash:
        raise PublishError(
            f"BRANCH={shown(value)} kan inte bli en gren eftersom grenen {shown(clash)} finns; ett "
            "grennamn kan inte både vara en gren och början på en annan (a och a/b). Ange ett "
            "annat namn, till exempel publicerat"
        )
    publish_branch(repo, value)
    return value


def _clash(repo: Repo, value: str) -> str | None:
    """An existing branch that keeps ``value`` from being one (git stores a/b in a folder a)."""
    parts = value.split("/")
    for end in range(1, len(parts)):
        prefix = "/".join(parts[:end])
        if repo.rev(f"refs/heads/{prefix}") is not None:
            return prefix
    inside = repo.refs(f"refs/heads/{value}/")
    return inside[0].removeprefix("refs/heads/") if inside else None


def _is_version_list(content: str | None) -> bool:
    """Whether ``content`` is mike's versions.json: a JSON list of versions."""
    try:
        value = json.loads(content) if content is not None else None
    except ValueError:
        return False
    return isinstance(value, list) and all(isinstance(v, dict) and "version" in v for v in value)


#: What the root of a branch with the project's sources holds: never a published branch.
SOURCE_ENTRIES = ("mkdocs.yml", "docs", "data")


def publish_branch(repo: Repo, branch: str, tip: str | None = None, shown_as: str | None = None) -> None:
    """Refuse a branch that is not a branch of published versions; PublishError.

    The rule (README, "Versioner och publicering"): the published versions live on a
    branch of their own history, never on one that holds the sources. A branch that does
    not exist yet is fine (publishing starts it with a root commit of its own). One that
    exists (``tip``: its commit, or a remote's copy of it) must

    - not be checked out in any worktree of the repository (publishing moves the branch);
    - look like a published branch: versions.json at its root, and none of mkdocs.yml,
      docs/ and data/ (unless a published version of that name);
    - share no history with the working copy's HEAD, whatever HEAD is (a branch, or a
      detached commit): a branch that does holds, or once held, the sources.
    """
    what = f"BRANCH={shown(branch)}" if shown_as is None else shown_as
    ref = f"refs/heads/{branch}"
    where = repo.checked_out().get(ref)
    if where is not None and shown_as is None:
        raise PublishError(
            f"{what} är grenen som arbetskopian {where} står på; de publicerade versionerna hålls "
            "på en egen gren som ingen arbetskopia står på, till exempel publicerat"
        )
    tip = tip or repo.rev(ref)
    if tip is None:
        return
    entries = repo.entries(tip)
    published = {name for v in repo.versions_at(tip)
                 for name in [v.get("version"), *(v.get("aliases") or [])] if isinstance(name, str)}
    sources = [name for name in SOURCE_ENTRIES if name in entries and name not in published]
    if sources:
        raise PublishError(
            f"{what} är en gren med projektets källor ({', '.join(sources)}), inte en gren med "
            "publicerade versioner; en version publiceras aldrig på en gren med källor. Ange "
            "grenen med de publicerade versionerna (till exempel BRANCH=publicerat) eller ett "
            "namn som inte finns än"
        )
    if not _is_version_list(repo.show_at(tip, "versions.json") if "versions.json" in entries else None):
        raise PublishError(
            f"{what} finns redan men är ingen gren med publicerade versioner (versions.json saknas "
            "i dess rot); ange grenen med de publicerade versionerna (till exempel "
            "BRANCH=publicerat) eller ett namn som inte finns än"
        )
    head = repo.current_commit()
    if head is not None and repo.related(head, tip):
        raise PublishError(
            f"{what} delar historia med arbetskopians HEAD (commit {head[:12]}); grenen med de "
            "publicerade versionerna har en egen historia, skild från källornas, så en gren som "
            "delar den håller eller har hållit källor. Ange grenen med de publicerade versionerna "
            "(till exempel BRANCH=publicerat) eller ett namn som inte finns än"
        )

"""Names a publisher gives: versions, the alias of the version in force, the branch.

A version name and the alias become folders at the root of the published branch, beside
mike's own files (versions.json, index.html, .nojekyll) and under a web server's root,
so they are held to a small safe form: letters, digits and single hyphens, starting with
a letter or digit (``2026-2030``, ``2026-2030-utkast``). The branch must be a valid git
branch name that is not the one checked out.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from macros.policy.settings import shown

from . import PublishError

MAX_LENGTH = 60

#: Letters (Swedish ones included), digits and single hyphens between them.
NAME = re.compile(r"[^\W_](?:-?[^\W_])*")

#: Names that already mean something at the branch's root or inside a version.
RESERVED = {
    "versions.json", "index.html", ".nojekyll", "404.html", "search", "assets", "sitemap.xml",
    "sitemap.xml.gz", "stylesheets", "javascripts", "latest", "head", ".git",
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
    """BRANCH: a valid branch name (git check-ref-format) that is not checked out."""
    valid = bool(value) and not value.startswith("-") and len(value) <= 100 and subprocess.run(
        ["git", "check-ref-format", "--branch", value], cwd=project, capture_output=True,
    ).returncode == 0 and value.isprintable()
    if not valid:
        raise PublishError(
            f"BRANCH={shown(value)} är inget giltigt grennamn i git; ange till exempel publicerat"
        )
    current = subprocess.run(
        ["git", "symbolic-ref", "--quiet", "--short", "HEAD"], cwd=project, capture_output=True,
        text=True,
    ).stdout.strip()
    if current and current == value:
        raise PublishError(
            f"BRANCH={shown(value)} är grenen som arbetskopian står på; de publicerade versionerna "
            "hålls på en egen gren, till exempel publicerat"
        )
    return value

"""``make ny-organisation MAPP=folder``: a new organisation's project, ready to fill in.

Writes, into a folder that does not exist yet or is empty, this project's machinery as
committed (every tracked file of HEAD but the organisation's own: data/, docs/ and
mkdocs.yml) and, in their place, the skeleton in publishing/skeleton/: every data file,
valid against the schemas and commented in Swedish, pages that call every macro, and a
settings file that inherits the project's. Each fact only the organisation can give is
marked ``FYLL I`` (macros/policy/placeholders.py): ``make check`` in the new folder names
each one with file, line and field, and the build refuses to publish while one is left.

The folder is made whole or not at all: everything is written into a new folder beside
it, which then takes its place; on any failure only that new folder is removed. Nothing
that existed before is touched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from macros.policy.placeholders import placeholder_problems

PROJECT = Path(__file__).resolve().parent.parent
SKELETON = Path(__file__).resolve().parent / "skeleton"
#: The organisation's own parts of a project, which the skeleton replaces.
OWN = ("data", "docs", "mkdocs.yml")
#: The token in the skeleton that becomes the day the skeleton is made.
TODAY_TOKEN = "__IDAG__"


class NewOrganisationError(Exception):
    """A Swedish message for the user; nothing has been written."""


def _machinery(project: Path) -> bytes:
    """The tracked files of HEAD but the organisation's own, as a tar archive."""
    command = ["git", "-C", str(project), "archive", "--format=tar", "HEAD", "--", "."]
    command += [f":(exclude){name}" for name in OWN]
    try:
        done = subprocess.run(command, capture_output=True, check=False)
    except FileNotFoundError:
        raise NewOrganisationError("git finns inte på datorn; installera git och försök igen") from None
    if done.returncode != 0:
        raise NewOrganisationError(
            "projektets filer kunde inte läsas ur git (make ny-organisation behöver en klon av "
            "projektet med minst en incheckning)"
        )
    return done.stdout


def _refusal(destination: Path, project: Path) -> str | None:
    """Why ``destination`` may not receive a new project, in Swedish; None if it may."""
    resolved = destination.resolve()
    if resolved == project or project in resolved.parents:
        return (f"{destination} ligger i det här projektet; ange en mapp utanför det, till "
                "exempel ../min-organisation")
    if destination.is_symlink() or (destination.exists() and not destination.is_dir()):
        return f"{destination} finns redan och är ingen mapp; ange en ny eller tom mapp"
    if destination.is_dir() and any(destination.iterdir()):
        return f"{destination} finns redan och är inte tom; ange en ny eller tom mapp"
    if not destination.parent.is_dir():
        return f"mappen {destination.parent} finns inte; skapa den först, eller ange en annan"
    return None


def create(destination: Path, project: Path = PROJECT, today: dt.date | None = None) -> int:
    """Make the new project in ``destination``; the number of marks left to fill in."""
    project = project.resolve()
    refusal = _refusal(destination, project)
    if refusal:
        raise NewOrganisationError(refusal)
    archive = _machinery(project)
    staging = Path(tempfile.mkdtemp(prefix=".ny-organisation-", dir=destination.parent))
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(staging, filter="data")
        shutil.copytree(SKELETON, staging, dirs_exist_ok=True)
        statement = staging / "data" / "tillganglighet.yml"
        day = (today or dt.date.today()).isoformat()
        statement.write_text(statement.read_text(encoding="utf-8").replace(TODAY_TOKEN, day),
                             encoding="utf-8")
        os.chmod(staging, 0o755)  # mkdtemp's folder is private; a project folder is not
        if destination.is_dir():
            destination.rmdir()  # empty, as checked: the new folder takes its place
        staging.rename(destination)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    marks = placeholder_problems([(destination / "data", "data"), (destination / "docs", "docs")],
                                 [(destination / "mkdocs.yml", "mkdocs.yml")])
    return len(marks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make ny-organisation",
        description="Skapar ett nytt projekt för en annan organisations styrdokument, att fylla i.",
    )
    parser.add_argument("mapp", nargs="?", default=os.environ.get("MAPP", ""),
                        help="en ny eller tom mapp utanför projektet (MAPP=...)")
    args = parser.parse_args(argv)
    if not args.mapp:
        print("Ange en ny eller tom mapp: make ny-organisation MAPP=../min-organisation",
              file=sys.stderr)
        return 2
    destination = Path(args.mapp)
    try:
        marks = create(destination)
    except NewOrganisationError as exc:
        print(f"Avbrutet: {exc}", file=sys.stderr)
        return 1
    print(f"Ett nytt projekt finns i {destination}, med {marks} uppgifter kvar att fylla i "
          "(märkta FYLL I). Så fortsätter du:")
    print(f"  cd {shlex.quote(str(destination))}")
    print("  git init && git add -A && git commit -m 'Skelett från make ny-organisation'")
    print("  make check    # visar varje uppgift som är kvar, med fil, rad och fält")
    print("Följ sedan stegen i README, avsnittet En annan organisation.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

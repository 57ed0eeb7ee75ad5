"""make export: every published version as a plain folder for any static web server.

The published branch is written out as files only. Aliases are copies (mike's
``--alias-type copy``), so there is no symlink for IIS or a file share to drop,
and links are relative, so the folder works under any sub-path. The root page
leads to the version in force.

An export deletes nothing it did not write. It writes a new folder, or replaces one
that holds a previous export, recognised by the marker file every export writes
(MARKER); any other existing folder, a file, or the project itself is refused. The
new export is written to a staging folder beside the destination and swapped in
whole (publishing/swap.py), so a web server never sees a half-written site; on any
failure the staging folder, the only thing written, is removed.
"""

from __future__ import annotations

import io
import os
import tarfile
import tempfile
from pathlib import Path

from macros.policy.settings import shown

from . import PublishError
from .gitrepo import Repo
from .swap import remove, swap_in

#: Written at the root of every export; its first line identifies the folder as one.
MARKER = ".policy-export"
MARKER_TEXT = "Den här mappen skrevs av make export och ersätts helt av nästa export.\n"


def is_export(folder: Path) -> bool:
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return False
    with open(marker, encoding="utf-8", errors="replace") as handle:
        return handle.readline() == MARKER_TEXT


def _check_destination(project: Path, given: str, destination: Path) -> None:
    """Refuse a destination whose content this command did not write."""
    what = f"DEST={shown(given)}"
    if destination == project or project.is_relative_to(destination):
        raise PublishError(f"{what} är projektet självt eller en mapp som innehåller det; "
                           "ange en egen mapp för webbservern, till exempel /srv/informationssakerhet")
    if os.path.lexists(destination) and not destination.is_dir():
        raise PublishError(f"{what} är en fil, inte en mapp; ange en mapp för webbservern")
    if destination.is_dir() and any(destination.iterdir()) and not is_export(destination):
        raise PublishError(
            f"{what} finns redan och innehåller annat än en tidigare export (filen {MARKER} "
            "saknas); exporten ersätter bara en mapp som den själv har skrivit. Ange en ny mapp, "
            "eller töm mappen själv om den ska användas"
        )
    parent = destination.parent
    if not parent.is_dir():
        raise PublishError(f"{what}: mappen {parent} finns inte; skapa den först")


def export(project: Path, destination: Path, branch: str = "publicerat") -> list[str]:
    """Write the branch's files to ``destination``; returns the published versions."""
    project = Path(project).resolve()
    repo = Repo(project)
    given = str(destination)
    if not given.strip() or "\x00" in given:
        raise PublishError(f"DEST={shown(given)} är ingen mapp; ange till exempel DEST=/srv/informationssakerhet")
    try:
        target = Path(os.path.abspath(given)).resolve()
    except (OSError, RuntimeError, ValueError) as exc:
        raise PublishError(f"DEST={shown(given)} går inte att använda: {exc}") from None
    _check_destination(project, given, target)
    staging: Path | None = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.ny-", dir=target.parent))
        if repo.head(branch) is None:
            raise PublishError(f"inget är publicerat än: grenen '{branch}' finns inte (kör make publish)")
        archive = repo.git_bytes("archive", "--format=tar", f"refs/heads/{branch}")
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            links = [m.name for m in tar.getmembers() if m.issym() or m.islnk()]
            if links:
                raise PublishError(
                    "den publicerade grenen innehåller symboliska länkar (" + ", ".join(links[:5])
                    + "), som IIS och filresurser inte klarar; publicera om med alias av typen copy"
                )
            tar.extractall(staging, filter="data")
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        _check_destination(project, given, target)  # again: it may have changed meanwhile
        previous = swap_in(staging, target)
        staging = previous  # what is left to remove: the previous export, checked above
    except OSError as exc:
        raise PublishError(
            f"DEST={shown(given)} går inte att skriva till ({exc.strerror or exc}); ange en mapp "
            "där du har rätt att skriva. Ingenting har ändrats"
        ) from None
    finally:
        if staging is not None:
            remove(staging)
    return [v["version"] for v in repo.versions(branch)]

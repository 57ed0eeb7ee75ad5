"""make export: every published version as a plain folder for any static web server.

The published branch is written out as files only. Aliases are copies (mike's
``--alias-type copy``), so there is no symlink for IIS or a file share to drop,
and links are relative, so the folder works under any sub-path. The root page
leads to the version in force.
"""

from __future__ import annotations

import io
import os
import shutil
import tarfile
from pathlib import Path

from . import PublishError
from .gitrepo import Repo


def export(project: Path, destination: Path, branch: str = "publicerat") -> list[str]:
    """Write the branch's files to ``destination``; returns the published versions."""
    repo = Repo(project)
    if repo.head(branch) is None:
        raise PublishError(f"inget är publicerat än: grenen '{branch}' finns inte (kör make publish)")
    archive = repo.git_bytes("archive", "--format=tar", f"refs/heads/{branch}")
    destination = Path(destination).resolve()
    staging = destination.with_name(destination.name + ".ny")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        links = [m.name for m in tar.getmembers() if m.issym() or m.islnk()]
        if links:
            raise PublishError(
                "den publicerade grenen innehåller symboliska länkar (" + ", ".join(links[:5])
                + "), som IIS och filresurser inte klarar; publicera om med alias av typen copy"
            )
        tar.extractall(staging, filter="data")
    if destination.exists():
        previous = destination.with_name(destination.name + ".gammal")
        shutil.rmtree(previous, ignore_errors=True)
        os.replace(destination, previous)
        os.replace(staging, destination)
        shutil.rmtree(previous)
    else:
        os.replace(staging, destination)
    return [v["version"] for v in repo.versions(branch)]

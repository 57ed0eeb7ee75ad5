"""make build: a strict build swapped into site/ whole, one build at a time.

``python -m publishing.build [mkdocs build options]``. The site is built into a
staging folder beside site/ and swapped in only when the strict build succeeds
(publishing/swap.py: atomic on Linux), so site/ is at every instant the last good
site, complete: a failed build, a second build at the same time or a build killed at
any point leaves it in place. Builds of one project take turns: each holds an
exclusive lock (flock) on the project folder while it builds and swaps; the lock goes
with the process, however it ends, and leaves no file behind.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .swap import remove, swap_in

SITE = "site"
#: Staging folders are named so; one left by a killed build is removed by the next.
STAGING_PREFIX = ".site.bygge-"


def build(project: Path, options: list[str]) -> int:
    project = Path(project).resolve()
    lock = os.open(project, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # Holding the lock, no other build of this project runs: a staging folder left
        # here was made by a build that was killed, and is this command's own to remove.
        for stale in project.glob(STAGING_PREFIX + "*"):
            remove(stale)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=project))
        try:
            result = subprocess.run(
                [sys.executable, "-m", "publishing.mkdocs_cli", "build", "--strict", "--site-dir", str(staging),
                 *options],
                cwd=project,
            )
            if result.returncode != 0:
                print("Bygget misslyckades; site/ är orörd.", file=sys.stderr)
                return result.returncode
            staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
            previous = swap_in(staging, project / SITE)
            staging = previous  # now holds the former site/, or nothing
            return 0
        finally:
            if staging is not None:
                remove(staging)
    finally:
        os.close(lock)


if __name__ == "__main__":
    sys.exit(build(Path.cwd(), sys.argv[1:]))

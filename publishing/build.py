"""make build (and make build-zensical): a strict build swapped into site/ whole, one build
at a time.

``python -m publishing.build [--generator mkdocs|zensical] [build options]``. The site is
built into a staging folder beside site/ and swapped in only when the strict build
succeeds (publishing/swap.py: atomic on Linux), so site/ is at every instant the last
good site, complete: a failed build, a second build at the same time or a build killed
at any point leaves it in place. Builds of one project take turns: each holds an
exclusive lock (flock) on the project folder while it builds and swaps; the lock goes
with the process, however it ends, and leaves no file behind.

The generator runs in this process (a second Python process would cost its start-up
again): MkDocs through its adapter's lean command line (macros/mkdocs_adapter/cli.py),
or Zensical through its adapter (macros/zensical_adapter.py), which must be installed
in the environment that runs this (make build-zensical uses a virtual environment of
its own, without MkDocs).
"""

from __future__ import annotations

import fcntl
import os
import sys
import tempfile
from pathlib import Path

from .swap import remove, swap_in

SITE = "site"
#: Staging folders are named so; one left by a killed build is removed by the next.
STAGING_PREFIX = ".site.bygge-"
GENERATORS = ("mkdocs", "zensical")


def _run(generator: str, staging: Path, options: list[str]) -> int:
    """Build the site into ``staging`` with ``generator``; its exit status."""
    if generator == "zensical":
        from macros.zensical_adapter import main

        return main(["build", "--site-dir", str(staging), *options])
    from macros.mkdocs_adapter.cli import main

    try:
        return main(["build", "--strict", "--site-dir", str(staging), *options])
    except SystemExit as exit:  # MkDocs' command line ends with sys.exit
        return exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)


def build(project: Path, options: list[str], generator: str = "mkdocs") -> int:
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
            status = _run(generator, staging, options)
            if status != 0:
                print("Bygget misslyckades; site/ är orörd.", file=sys.stderr)
                return status
            staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
            previous = swap_in(staging, project / SITE)
            staging = previous  # now holds the former site/, or nothing
            return 0
        finally:
            if staging is not None:
                remove(staging)
    finally:
        os.close(lock)


def main(argv: list[str]) -> int:
    generator = "mkdocs"
    if argv[:1] == ["--generator"] and len(argv) > 1:
        generator, argv = argv[1], argv[2:]
    if generator not in GENERATORS:
        print(f"--generator: '{generator}' är ingen generator som projektet kan bygga med; "
              f"ange {' eller '.join(GENERATORS)}", file=sys.stderr)
        return 2
    return build(Path.cwd(), argv, generator)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""How fast an editor gets an answer: make check against a full build, side by side.

Runs the data check (python -m macros.check, what make check runs) and the strict
mkdocs build several times each and prints the medians and their ratio. Run: make bench-check
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], runs: int) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        check = timed([sys.executable, "-m", "macros.check"], runs=10)
        build = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", folder], runs=3)
    print("Kontroll av data mot fullt bygge (median, sekunder, hela kommandot med Pythons start):\n")
    print(f"{'make check (python -m macros.check)':40}{check:8.2f}")
    print(f"{'mkdocs build --strict':40}{build:8.2f}")
    print(f"{'kvot bygge / kontroll':40}{build / check:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

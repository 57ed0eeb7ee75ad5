"""What the PDF costs: the site built with and without it, in paired runs.

Each round builds the site strictly twice, once as make build does and once as
make pdf does (POLICY_PDF=1), in alternating order, and prints the medians, the
difference (the PDF's own time), its pages and bytes, and whether every PDF of the
rounds was byte for byte the same. Run: make bench-pdf
"""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros import pdf  # noqa: E402
from macros.policy.loading import load_policy  # noqa: E402

ROUNDS = 5
EPOCH = "1795953600"  # fixed, so that every round makes the same PDF


def build(site: Path, with_pdf: bool) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
    env.pop(pdf.ENV_SWITCH, None)
    if with_pdf:
        env[pdf.ENV_SWITCH] = "1"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    from pypdf import PdfReader

    name = pdf.file_name(load_policy(ROOT / "data").policy)
    plain, with_pdf, digests = [], [], set()
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(ROUNDS):
            site = Path(folder) / f"site{round_}"
            order = (False, True) if round_ % 2 == 0 else (True, False)
            for making in order:
                seconds = build(site, making)
                (with_pdf if making else plain).append(seconds)
                if making:
                    content = (site / name).read_bytes()
                    digests.add(hashlib.sha256(content).hexdigest())
                    pages = len(PdfReader(site / name).pages)
                    size = len(content)
    site_median, pdf_median = statistics.median(plain), statistics.median(with_pdf)
    print(f"PDF:en och bygget, median av {ROUNDS} parade körningar (sekunder, med Pythons start):\n")
    print(f"{'mkdocs build --strict (make build)':44}{site_median:8.2f}")
    print(f"{'samma bygge med PDF (make pdf)':44}{pdf_median:8.2f}")
    print(f"{'PDF:ens egen tid (skillnaden)':44}{pdf_median - site_median:8.2f}")
    print(f"{'sidor':44}{pages:8d}")
    print(f"{'byte':44}{size:8d}  ({pdf.human_size(size)})")
    print(f"{'likadana byte i alla körningar':44}{'ja' if len(digests) == 1 else 'nej':>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

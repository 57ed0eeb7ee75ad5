"""Search benchmark: the site's search against Material's defaults, side by side.

Builds the site twice (with Material's search as it comes, and with the Swedish query
analysis of this project), serves each on loopback, types every question of
data/sokfragor.yml into the real search box in headless Chromium, and prints
recall at 1 and at 3, the misses, and the size of the search index. Run: make bench-search
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.site.config import BASE_FILE  # noqa: E402
from tests.browser.search import ranked_sections  # noqa: E402
from tests.conftest import BUILD_EPOCH, serve  # noqa: E402

VARIANTS = {"Material (standard)": "material", "Svensk analys (projektet)": "svensk"}


def build(target: Path, variant: str) -> None:
    """Build the site; the baseline without the Swedish analysis and with Material's
    own word separator, as Material comes."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=BUILD_EPOCH,
               POLICY_SEARCH=variant)
    config = ROOT / "mkdocs.yml"
    written = []
    if variant == "material":
        # The organisation's settings over the project's without the search's own separator.
        base, baseline = ROOT / ".bench-mkdocs.base.yml", ROOT / ".bench-mkdocs.yml"
        base.write_text(re.sub(r"(?m)^\s+separator:.*\n", "", (ROOT / BASE_FILE).read_text("utf-8")), "utf-8")
        baseline.write_text(config.read_text("utf-8").replace(f"INHERIT: {BASE_FILE}", f"INHERIT: {base.name}"),
                            "utf-8")
        written, config = [base, baseline], baseline
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                        "--site-dir", str(target)], cwd=ROOT, env=env, check=True)
    finally:
        for path in written:
            path.unlink()


def rank(found: list[str], answers: list[str]) -> int | None:
    for position, section in enumerate(found, start=1):
        if section in answers:
            return position
    return None


def run(browser, site: Path, queries: list[dict]) -> list[tuple[str, int | None, list[str]]]:
    outcome = []
    with serve(site) as url:
        page = browser.new_page(locale="sv-SE")
        for item in queries:
            started = time.monotonic()
            found = ranked_sections(page, url, item["fråga"])
            outcome.append((item["fråga"], rank(found, item["svar"]), found[:3], time.monotonic() - started))
        page.close()
    return outcome


#: Material's search worker, driven directly: the page sends the index (SETUP, 0) and
#: every keystroke's query (QUERY, 2); the worker answers READY (1) and RESULT (3).
#: The time of each answer is taken in the page (performance.now()).
_KEYSTROKES = """
async ([queries, rounds]) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  let answer = null;
  worker.onmessage = (event) => answer && answer(event.data);
  const ask = (message, type) => new Promise((resolve) => {
    answer = (data) => { if (data.type === type) { answer = null; resolve(); } };
    worker.postMessage(message);
  });
  let started = performance.now();
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: true}}}, 1);
  const setup = performance.now() - started;
  const first = [], times = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      for (let end = 1; end <= query.length; end++) {  // each keystroke's query
        started = performance.now();
        await ask({type: 2, data: query.slice(0, end)}, 3);
        (first.length === 0 ? first : times).push(performance.now() - started);
      }
    }
  }
  worker.terminate();
  return [setup, first[0], times];
}
"""


def keystroke_times(browser, site: Path, queries: list[str], rounds: int = 1) -> tuple[float, float, list[float]]:
    """Milliseconds the search worker of ``site`` takes: to set up its index, to answer
    the first keystroke, and to answer every later keystroke of ``queries`` (typed letter
    by letter, as Material asks the worker on each one)."""
    with serve(site) as url:
        page = browser.new_page(locale="sv-SE")
        page.goto(url)
        setup, first, times = page.evaluate(_KEYSTROKES, [queries, rounds])
        page.close()
    return setup, first, times


def index_size(site: Path) -> tuple[int, int]:
    raw = (site / "search" / "search_index.json").read_bytes()
    return len(raw), len(gzip.compress(raw))


def questions(content: Path = ROOT) -> list[dict]:
    """The search questions of the content (data/sokfragor.yml): each with its "fråga"."""
    return yaml.safe_load((content / "data" / "sokfragor.yml").read_text("utf-8"))


def main() -> int:
    from playwright.sync_api import sync_playwright

    queries = questions()
    results = {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for label, variant in VARIANTS.items():
            site = Path(folder) / variant
            build(site, variant)
            results[label] = (run(browser, site, queries), index_size(site))
        browser.close()

    print(f"Sökbenchmark: {len(queries)} frågor, samma webbplats byggd två gånger: med Materials\n"
          "sökning som den kommer och med projektets svenska analys. Rangordning efter sökpoäng.\n")
    header = f"{'':28}" + "".join(f"{label:>28}" for label in results)
    print(header)
    for name, measure in (
        ("recall@1", lambda o: sum(1 for _, r, _, _ in o if r == 1) / len(o)),
        ("recall@3", lambda o: sum(1 for _, r, _, _ in o if r and r <= 3) / len(o)),
    ):
        print(f"{name:28}" + "".join(f"{measure(o):>27.0%} " for o, _ in results.values()))
    print(f"{'sökindex (byte, gzip)':28}" + "".join(f"{f'{raw} ({packed})':>28}" for _, (raw, packed) in results.values()))
    print(f"{'tid per fråga (medel, s)':28}" + "".join(
        f"{sum(t for *_, t in o) / len(o):>28.2f}" for o, _ in results.values()))
    for label, (outcome, _) in results.items():
        misses = [(q, r, top) for q, r, top, _ in outcome if not r or r > 1]
        print(f"\n{label}: inte först ({len(misses)})")
        for query, position, top in misses:
            where = f"plats {position}" if position else "inte bland resultaten"
            print(f"  {query!r}: {where}; först: {', '.join(top) or '–'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

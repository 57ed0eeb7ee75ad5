"""Build benchmark: the project's build against its floor, and growth with the data.

The floor is the same site without the macros plugin: every page as the macros left it
(captured from a real build), built by Material alone. Every figure is printed beside its
floor or its reference, as medians of runs made side by side (alternating) in this one run:

- the whole strict build as a process (Python's start included) against the floor's;
- a rebuild inside one running process, what ``mkdocs serve`` pays on each save,
  against the floor's rebuild;
- ``make check`` (python -m macros.site.check) against the build;
- build time, check time, peak memory and the largest page at 1, 10 and 100 times
  today's roles, areas, responsibilities and obligations (bench/scale.py), and whether
  they grow linearly;
- the bytes a first visit to the start page transfers, raw and gzip-compressed (as
  nginx sends them), and the search index, at 1 and 100 times;
- the time the search worker takes to answer each keystroke (every prefix of the
  questions in data/sokfragor.yml), with the project's Swedish analysis and with
  Material's search alone (the same site built with POLICY_SEARCH=material), at 1 and
  100 times.

Like with like: the measured build is the command ``make build`` runs (publishing/
mkdocs_cli.py, strict), and the floor is MkDocs's own command on the floor project. Neither
writes pre-compressed copies (macros/site/compress.py): only ``make publish`` does, for the
versions a web server sends; the compressed sizes of the first visit are computed here
with the same function and level. Both run with compiled Python kept in one cache folder
(PYTHONPYCACHEPREFIX), as the Makefile does; the first, unmeasured build fills it. Every
time is given as wall-clock seconds (what a reader waits) and processor seconds (user and
system time of the process, less disturbed by other work on a shared machine).

Run: make bench-build (or: python bench/build.py --quick for fewer runs).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale import scaled_project  # noqa: E402
from bench.search import keystroke_times, questions  # noqa: E402
from macros.site.compress import gzipped  # noqa: E402
from macros.site.config import BASE_FILE  # noqa: E402
from tests.conftest import BUILD_EPOCH, serve  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=BUILD_EPOCH, PYTHONPATH=str(ROOT))
# Compiled Python is written, as on any user's machine (this machine's environment says not to).
ENV.pop("PYTHONDONTWRITEBYTECODE", None)

# Capture, in a real build, each page's Markdown as the macros plugin returns it.
_CAPTURE = r"""
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_macros.plugin import MacrosPlugin
captured = {}
original = MacrosPlugin.on_page_markdown
def on_page_markdown(self, markdown, page, config, files):
    result = original(self, markdown, page=page, config=config, files=files)
    captured[page.file.src_uri] = result
    return result
MacrosPlugin.on_page_markdown = on_page_markdown
config = load_config(sys.argv[1], site_dir=sys.argv[2], strict=True)
build(config)
json.dump(captured, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False)
"""

# Build the same configuration again and again in one process, as mkdocs serve does.
_REBUILDS = r"""
import json, os, sys, time
if os.environ.get("AS_MAKE_SERVE"):  # set up as make serve runs MkDocs
    sys.path.insert(0, os.environ["AS_MAKE_SERVE"])
    from macros.mkdocs_adapter.cli import prepare
    prepare()
from mkdocs.commands.build import build
from mkdocs.config import load_config
times = []
for _ in range(int(sys.argv[3])):
    started, processor = time.perf_counter(), time.process_time()
    config = load_config(sys.argv[1], site_dir=sys.argv[2], strict=True)
    build(config)
    times.append([time.perf_counter() - started, time.process_time() - processor])
print(json.dumps(times))
"""


def run_measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, str, float]:
    """Seconds, peak resident memory (bytes), stdout and processor seconds of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stdout = process.stdout.read().decode()
    stderr = process.stderr.read().decode()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} misslyckades:\n{stderr[-3000:]}")
    return elapsed, usage.ru_maxrss * 1024, stdout, usage.ru_utime + usage.ru_stime


def build_command(project: Path, site: Path, floor: bool = False) -> list[str]:
    """The strict build as make build and make serve run MkDocs (macros/mkdocs_adapter/cli.py,
    in any project: ENV's PYTHONPATH finds the project's macros); the floor's with MkDocs's
    own command."""
    runner = ["-m", "mkdocs"] if floor else ["-m", "macros.mkdocs_adapter.cli"]
    return [sys.executable, *runner, "build", "--strict", "-q",
            "-f", str(project / "mkdocs.yml"), "--site-dir", str(site)]


def make_build_command(project: Path) -> list[str]:
    """``make build`` itself, in a copy of the project, with this virtual environment: what
    a user runs (make, the install stamp, the lock, the build, the swap into site/)."""
    return ["make", "--no-print-directory", "-s", "-C", str(project), "build", f"VENV={sys.prefix}"]


def project_copy(target: Path) -> Path:
    """The project's files that make build reads, copied (so that site/ is the copy's)."""
    from tests.conftest import PROJECT_PARTS

    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def make_floor(project: Path, target: Path) -> Path:
    """The project's pages after the macros, in a project without the macros plugin."""
    captured = target / "captured.json"
    target.mkdir(parents=True, exist_ok=True)
    run_measured([sys.executable, "-c", _CAPTURE, str(project / "mkdocs.yml"), str(target / "site"),
                  str(captured)], project)
    pages = json.loads(captured.read_text("utf-8"))
    floor = target / "floor"
    shutil.copytree(project / "docs", floor / "docs")
    shutil.copytree(project / "overrides", floor / "overrides")
    for name in ("CONTRIBUTING.md",):
        if (project / name).exists():
            shutil.copy2(project / name, floor / name)
    for uri, markdown in pages.items():
        (floor / "docs" / uri).write_text(markdown, "utf-8")
    # The organisation's settings as they are, over the project's without the macros plugin
    # (its entry and its indented options).
    shutil.copy2(project / "mkdocs.yml", floor / "mkdocs.yml")
    base = (project / BASE_FILE).read_text("utf-8")
    base = re.sub(r"(?m)^  - macros:\n(?:    .*\n|\s*\n)*", "", base)
    assert "macros" not in re.sub(r"#.*", "", base), "the floor must not use the macros plugin"
    (floor / BASE_FILE).parent.mkdir(parents=True, exist_ok=True)
    (floor / BASE_FILE).write_text(base, "utf-8")
    return floor


def paired(commands: dict[str, tuple[list[str], Path]], runs: int) -> dict[str, tuple[list[float], list[float]]]:
    """Run the commands alternately ``runs`` times; wall-clock and processor seconds of each run."""
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in commands}
    for _ in range(runs):
        for name, (command, cwd) in commands.items():
            elapsed, _, _, processor = run_measured(command, cwd)
            times[name][0].append(elapsed)
            times[name][1].append(processor)
    return times


def paired_rebuilds(
    variants: dict[str, tuple[Path, Path, bool]], rounds: int, count: int
) -> dict[str, tuple[list[float], list[float]]]:
    """rebuilds() of each variant (project, site, as make serve), ``count`` in one process,
    the variants taking turns ``rounds`` times; wall-clock and processor seconds of each."""
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in variants}
    for _ in range(rounds):
        for name, (project, site, as_make_serve) in variants.items():
            walls, processors = rebuilds(project, site, count, as_make_serve)
            times[name][0].extend(walls)
            times[name][1].extend(processors)
    return times


def rebuilds(project: Path, site: Path, count: int, as_make_serve: bool = True) -> tuple[list[float], list[float]]:
    """Wall-clock and processor seconds of each rebuild in one process: as make serve
    runs MkDocs (macros/mkdocs_adapter/cli.py), or as MkDocs's own command does."""
    env = dict(ENV, AS_MAKE_SERVE=str(ROOT)) if as_make_serve else ENV
    _, _, out, _ = run_measured([sys.executable, "-c", _REBUILDS, str(project / "mkdocs.yml"), str(site),
                                 str(count)], project, env)
    times = json.loads(out)[1:]  # the first build pays the imports: not a rebuild
    return [t[0] for t in times], [t[1] for t in times]


def first_visit(site: Path) -> tuple[int, int, int]:
    """Requests, raw bytes and gzip bytes a first visit to the start page transfers."""
    from playwright.sync_api import sync_playwright

    files: list[Path] = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        page.on("requestfinished", lambda r: files.append(r.url))
        page.goto(url, wait_until="networkidle")
        browser.close()
    raw = packed = 0
    for address in files:
        path = address.split("?")[0].split("#")[0].removeprefix(url)
        local = site / (path or "index.html")
        if local.is_dir():
            local = local / "index.html"
        if local.is_file():
            content = local.read_bytes()
            raw += len(content)
            packed += len(gzipped(content))  # as make publish writes the .gz copy
    return len(files), raw, packed


def search_times(site: Path) -> tuple[float, float, list[float]]:
    """The search worker's milliseconds: setting up the index, the first keystroke, each
    later keystroke (bench/search.py)."""
    from playwright.sync_api import sync_playwright

    queries = [item["fråga"] for item in questions()]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            return keystroke_times(browser, site, queries)
        finally:
            browser.close()


def largest_page(site: Path) -> tuple[str, int]:
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    size, name = max(pages)
    return name, size


def median(values: list[float]) -> float:
    return statistics.median(values)


def kib(size: int) -> str:
    return f"{size / 1024:.0f} KiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Byggets benchmark.")
    parser.add_argument("--quick", action="store_true", help="färre körningar (för ett snabbt svar)")
    parser.add_argument("--scales", default="1,10,100",
                        help="skalorna av data (standard 1,10,100; tomt: bara tiderna, som make bench-check)")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else 7
    scales = [int(s) for s in args.scales.split(",") if s.strip()]  # none: the times only

    with tempfile.TemporaryDirectory(prefix="bench-build-") as folder:
        work = Path(folder)
        # The compiled Python of the builds, as the Makefile keeps it (PYTHONPYCACHEPREFIX in
        # the virtual environment): make build sets it itself; the others get the same.
        ENV["PYTHONPYCACHEPREFIX"] = str(Path(sys.prefix) / "pycache")
        floor = make_floor(ROOT, work / "golv")  # a build of the project: fills the cache
        site, floor_site = work / "site", work / "golv-site"
        run_measured(build_command(floor, floor_site, floor=True), floor)  # and the floor's
        user_project = project_copy(work / "projekt")
        run_measured(make_build_command(user_project), user_project)  # and make build's

        print("Byggets benchmark: medianer av körningar sida vid sida (växelvis) i en och samma körning;")
        print("väggklocka och processortid (användar- och systemtid), var för sig.\n")
        same_site = work / "golv-samma-site"
        whole = paired({
            "make build": (make_build_command(user_project), user_project),
            "bygge": (build_command(ROOT, site), ROOT),
            "golv": (build_command(floor, floor_site, floor=True), floor),
            "golv, samma kommando": (build_command(floor, same_site), floor),
            "check": ([sys.executable, "-m", "macros.site.check"], ROOT),
        }, runs)
        again, floor_again, same_again = paired_rebuilds({
            "bygge": (ROOT, site, True),
            "golv": (floor, floor_site, False),
            "golv, samma kommando": (floor, same_site, True),
        }, rounds=2, count=runs // 2 + 2).values()
        print(f"{'':50}{'väggklocka s':>14}{'golv/ref':>9}{'kvot':>6}{'processor s':>13}{'golv/ref':>9}{'kvot':>6}")
        rows_time = (
            ("make build, som användaren kör det", whole["make build"], whole["golv"]),
            ("helt bygge som process (MkDocs via adaptern)", whole["bygge"], whole["golv"]),
            ("  mot golvet byggt med samma kommando", whole["bygge"], whole["golv, samma kommando"]),
            ("ombygge i en process (som make serve)", again, floor_again),
            ("  mot golvets ombygge med samma kommando", again, same_again),
            ("make check mot bygget", whole["check"], whole["bygge"]),
        )
        for label, (measured, measured_cpu), (reference, reference_cpu) in rows_time:
            m, r, mc, rc = (median(v) for v in (measured, reference, measured_cpu, reference_cpu))
            print(f"{label:50}{m:14.2f}{r:9.2f}{m / r:6.2f}{mc:13.2f}{rc:9.2f}{mc / rc:6.2f}")
        print("\nGolvet är samma sidor som makrona lämnar dem, byggda av MkDocs eget kommando utan")
        print("makroinsticksprogrammet; \"samma kommando\" bygger golvet som make build och make serve")
        print("bygger (macros/mkdocs_adapter/cli.py, med Materials mallar kompilerade i förväg).")

        if not scales:
            return 0
        print("\nTillväxt med data (roller, områden, ansvar och skyldigheter gånger N);")
        print("första besöket på startsidan: okomprimerat (gzip som make publish skriver det):\n")
        print(f"{'N':>5}{'bygge s':>10}{'check s':>10}{'minne MB':>10}{'största sida':>16}"
              f"{'index':>12}{'första besök':>26}")
        rows, searched = {}, {}
        for scale in scales:
            project = scaled_project(ROOT, work / f"x{scale}", scale)
            count = 1 if scale >= 100 else max(1, runs // 2)
            target = work / f"x{scale}-site"
            build_runs = [run_measured(build_command(project, target), project) for _ in range(count)]
            check_runs = [run_measured([sys.executable, "-m", "macros.site.check"], project)[0] for _ in range(count)]
            seconds = median([r[0] for r in build_runs])
            memory = max(r[1] for r in build_runs)
            name, size = largest_page(target)
            index = (target / "search" / "search_index.json").stat().st_size
            visit = first_visit(target) if scale in (1, 100) or scale == scales[-1] else None
            rows[scale] = (seconds, median(check_runs), memory, size)
            shown = f"{kib(visit[1])} ({kib(visit[2])} gzip)" if visit else "–"
            print(f"{scale:>5}{seconds:10.2f}{median(check_runs):10.2f}{memory / 1e6:10.0f}"
                  f"{kib(size):>16}{kib(index):>12}{shown:>26}")
            if scale in (1, 100):
                material = work / f"x{scale}-material"
                run_measured(build_command(project, material), project, dict(ENV, POLICY_SEARCH="material"))
                searched[scale] = (search_times(target), search_times(material))
        if len(scales) >= 3:
            low, high = scales[-2], scales[-1]
            factor = high / low
            print(f"\nFrån {low} till {high} gånger data (linjärt: högst {factor:.0f} gånger):")
            for label, position in (("bygge", 0), ("check", 1), ("minne", 2), ("största sida", 3)):
                growth = rows[high][position] / rows[low][position]
                verdict = "linjärt eller bättre" if growth <= factor * 1.05 else "mer än linjärt"
                print(f"  {label:14}{growth:8.1f} gånger  ({verdict})")
        if searched:
            print("\nSökningen per tangenttryckning (ms i sökprocessen, varje prefix av frågorna i")
            print("data/sokfragor.yml): projektets svenska analys mot Materials sökning ensam:\n")
            print(f"{'N':>5}{'':28}{'median':>8}{'95 %':>8}{'högst':>8}{'första':>8}{'index in':>10}")
            for scale, variants in searched.items():
                for label, (setup, first, times) in zip(("svensk analys (projektet)", "Material ensam"), variants):
                    times = sorted(times)
                    print(f"{scale:>5}  {label:26}{median(times):8.1f}{times[int(len(times) * 0.95)]:8.1f}"
                          f"{times[-1]:8.1f}{first:8.1f}{setup:10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Shared fixtures: the project, real builds, a local web server and headless Chromium."""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import http.server
import json
import os
import pickle
import shutil
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest

from tests import warm

ROOT = Path(__file__).resolve().parent.parent

#: The content the tests run on: a folder with mkdocs.yml, data/ and docs/ (and the
#: adopted text in data/antagen-text.txt). The project's own by default; POLICY_CONTENT
#: points at another organisation's, such as tests/fixtures/region (make test-exempel).
CONTENT = Path(os.environ.get("POLICY_CONTENT") or ROOT).resolve()
if not CONTENT.is_absolute() or not (CONTENT / "mkdocs.yml").is_file():  # pragma: no cover
    raise SystemExit(f"POLICY_CONTENT: {CONTENT} har ingen mkdocs.yml; ange en mapp med mkdocs.yml, data/ och docs/")
#: The parts of a project that are the organisation's content (copied from CONTENT).
CONTENT_PARTS = ("mkdocs.yml", "docs", "data")


def content_day(content: Path) -> dt.date:
    """The latest day that the content says has come: the day its accessibility statement
    was last reviewed (data/tillganglighet.yml) or a decision made (data/dokument.yml, and
    each further document's), whichever is later. Content that does not load (the tests that read it say why) speaks
    of today."""
    from macros.policy.errors import DataErrors
    from macros.policy.loading import load_policy

    try:
        loaded = load_policy(content / "data")
    except DataErrors:
        return dt.date.today()
    # Every document's decision: a further one may have been adopted last.
    decided = [d.policy.document.decision.date for d in loaded.documents]
    return max(day for day in (loaded.policy.accessibility.updated, loaded.policy.document.decision.date,
                               *decided) if day)


#: The date the test builds speak of (SOURCE_DATE_EPOCH): noon UTC of the content's own
#: latest day (content_day), never a date of the tests' own, so that the calendar, the
#: upcoming obligations and the feed are the same in every run, and any content's dates
#: are in the past of its builds.
BUILD_DAY = content_day(CONTENT)
BUILD_EPOCH = str(int(dt.datetime.combine(BUILD_DAY, dt.time(12), dt.timezone.utc).timestamp()))

PROJECT_PARTS = (
    "mkdocs.yml", "docs", "data", "macros", "overrides", "Makefile", "requirements.lock",
    "requirements-pip.lock",  # make installs the pinned pip first
    "CONTRIBUTING.md",
    "publishing",  # make build runs publishing/build.py
    ".ci",  # make installs the Debian packages it needs with .ci/install-packages
)


def mkdocs_build(
    project: Path, site_dir: Path, *extra: str, epoch: str = BUILD_EPOCH, **environ: str
) -> subprocess.CompletedProcess:
    """Run the real ``mkdocs build --strict`` of a project (with ``environ`` added to the
    environment), from a warm start (tests/warm.py); never raises on failure (returncode
    None: it had not ended after 300 s)."""
    env = dict(
        os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", SOURCE_DATE_EPOCH=epoch,
        **environ,
    )
    return warm.run_completed("mkdocs", ["build", "--strict", "--site-dir", str(site_dir), *extra],
                              project, env, 300)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_project(target: Path) -> Path:
    """A copy of the project's sources, for a scenario that changes them."""
    return copy_parts(target, CONTENT)


def copy_parts(target: Path, content: Path) -> Path:
    """The project's machinery, and the organisation's parts (CONTENT_PARTS) from ``content``."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = (content if part in CONTENT_PARTS else ROOT) / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


T = TypeVar("T")


def made_once(tmp_path_factory, name: str, make: Callable[[Path], T]) -> T:
    """What ``make(folder)`` makes in a new folder, made once per test run however many
    workers (pytest-xdist) ask for it, and shared by them: the first to ask makes it while
    holding a lock; the others wait for the lock and take what was made (its value as
    pickle keeps it). Only for what the tests read and never change. If ``make`` fails,
    nothing is kept, and the next worker to ask tries again (and fails alike)."""
    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent  # each worker's folder is in the run's own, which they share
    folder, made = run / f"made-once-{name}", run / f"made-once-{name}.pickle"
    with open(run / f"made-once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if made.exists():
            return pickle.loads(made.read_bytes())
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        value = make(folder)
        made.write_bytes(pickle.dumps(value))
        return value


def _build_site(folder: Path) -> Path:
    site = folder / "site"
    project = ROOT if CONTENT == ROOT else copy_project(folder / "project")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, f"the site does not build:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with the project's own configuration."""
    return made_once(tmp_path_factory, "site", _build_site)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium-headless-shell")
    if not os.access(path, os.X_OK):
        pytest.fail(
            f"Chromium saknas ({path}); installera Debians paket: sh .ci/install-packages "
            "(make test gör det själv)",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def swedish_context(browser, width: int = 1280, height: int = 900, **options):
    """A Swedish browser context of the given viewport (by default a laptop's)."""
    return browser.new_context(locale="sv-SE", viewport={"width": width, "height": height}, **options)


@pytest.fixture
def new_page(browser):
    """A factory of pages, each in a Swedish browser context of its own viewport."""
    contexts = []

    def make(width: int = 1280, height: int = 900, **options):
        context = swedish_context(browser, width, height, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


# --- Running in parallel (pytest-xdist, make test) -------------------------------------

#: Under pytest-xdist each worker starts the next test as soon as it is free; the slowest
#: tests are given out first, so that no worker is left with a long one at the end while
#: the others wait: the folders of tests/ in this order, then the rest. The install (one test
#: of about a minute) goes first of all.
SLOW_FIRST = ("install", "publishing", "pdf", "browser", "build", "catalogue")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    if os.environ.get("PYTEST_XDIST_WORKER"):  # every worker collects, and sorts alike
        def rank(item: pytest.Item) -> int:
            folder = item.nodeid.split("/")[1] if item.nodeid.count("/") > 1 else ""
            return SLOW_FIRST.index(folder) if folder in SLOW_FIRST else len(SLOW_FIRST)

        items.sort(key=rank)


# --- What ran ----------------------------------------------------------------------------

#: The catalogue of bad input (tests/catalogue) reports its cases, counted from the reports
#: (which pytest-xdist's workers send here).
_CATALOGUE = {"tried": 0, "held": 0}


def pytest_runtest_logreport(report):
    if report.when == "call" and "tests/catalogue/test_catalogue.py::test_case[" in report.nodeid:
        _CATALOGUE["tried"] += 1
        _CATALOGUE["held"] += report.passed


#: When this run began (the controller's, under pytest-xdist): make test's closing lines
#: give each run's time (tests/tally.py).
_STARTED = time.monotonic()


def pytest_terminal_summary(terminalreporter, config):
    if hasattr(config, "workerinput"):  # a worker of pytest-xdist: the controller reports
        return
    if _CATALOGUE["tried"]:
        terminalreporter.write_line(
            f"Katalogen över felaktig indata: {_CATALOGUE['tried']} fall prövade, "
            f"{_CATALOGUE['held']} höll."
        )
    # make test adds up the runs on each organisation's content (tests/tally.py).
    tally = os.environ.get("POLICY_TEST_TALLY")
    if tally:
        # The counts of pytest's own closing line.
        counts = {kind: len(terminalreporter.stats.get(kind, []))
                  for kind in ("passed", "failed", "error", "skipped", "xfailed", "xpassed")}
        with open(tally, "a", encoding="utf-8") as file:
            file.write(json.dumps({"content": _content_name(), **counts,
                                   "seconds": round(time.monotonic() - _STARTED, 1)}) + "\n")


def _content_name() -> str:
    return "." if CONTENT == ROOT else os.path.relpath(CONTENT, ROOT)

"""make serve shows an editor's change as soon as it is saved: a page's and a data file's, and
a mistake's message in the browser until it is mended."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path

from tests import content
from tests.browser.content import address, part_pages
from tests.conftest import BUILD_EPOCH, copy_project, free_port
from tests.editing import line_at, set_value


def _read(url: str) -> str:
    """The page's text as a reader sees it (markup such as <abbr> in a name left out)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body = response.read()
    except urllib.error.HTTPError as error:  # the page for a missing address, as a browser shows it
        body = error.read()
    except (urllib.error.URLError, OSError):
        return ""
    return unescape(re.sub(r"<[^>]+>", "", body.decode("utf-8")))


def _shows(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _read(url):
            return True
        time.sleep(0.3)
    return False


def previews(temporary: Path) -> list[Path]:
    """The folders MkDocs previews from (it makes them in the temporary folder)."""
    return sorted(temporary.glob("mkdocs_*"))


@contextmanager
def serving(project: Path) -> Iterator[str]:
    """make serve's command running on ``project``; the address of its roles page. Stopped
    as a service manager or ``kill`` stops it (SIGTERM), it leaves nothing behind in the
    temporary folder (its own here, beside the project)."""
    port = free_port()
    temporary = project.parent / "tmp"
    temporary.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "macros.mkdocs_adapter.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1",
                 SOURCE_DATE_EPOCH=BUILD_EPOCH, TMPDIR=str(temporary)),
    )
    try:
        yield f"http://127.0.0.1:{port}/{address(part_pages()['roller'])}"
        assert previews(temporary), "make serve previews from no folder of the temporary folder"
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert previews(temporary) == [], "make serve, stopped, left its preview behind"


def test_a_saved_page_or_data_file_is_shown_at_once(tmp_path):
    project = copy_project(tmp_path / "project")
    with serving(project) as url:
        roles_page = part_pages()["roller"]
        first = content.policy().roles[0]
        assert _shows(url, first.name), "make serve never showed the roles page"

        page = project / "docs" / roles_page
        page.write_text(page.read_text("utf-8") + "\nEn mening som redaktören just skrev.\n", "utf-8")
        assert _shows(url, "En mening som redaktören just skrev."), "a saved page was not shown"

        roles = project / "data" / "roller.yml"
        renamed = first.name + " (nytt namn)"
        set_value(roles, line_at(roles, "roller", 0, "namn"), f"namn: {renamed}")
        assert _shows(url, renamed), "a saved data file was not shown"

        # A mistake stops the preview with its message in the browser, and the repair
        # brings the page back.
        good = roles.read_text("utf-8")
        roles.write_text(good + "okänt_fält: 1\n", "utf-8")
        line = good.count("\n") + 1
        assert _shows(url, "Webbplatsen kan inte byggas just nu"), "the stop was not shown"
        assert f"data/roller.yml:{line}: okänt_fält" in _read(url)
        roles.write_text(good, "utf-8")
        assert _shows(url, renamed), "the repaired site was not shown"


def test_a_preview_started_on_broken_data_shows_the_message_and_then_the_site(tmp_path):
    project = copy_project(tmp_path / "project")
    roles = project / "data" / "roller.yml"
    good = roles.read_text("utf-8")
    roles.write_text(good + "okänt_fält: 1\n", "utf-8")
    with serving(project) as url:
        assert _shows(url, "Webbplatsen kan inte byggas just nu")
        assert "data/roller.yml:" in _read(url)
        roles.write_text(good, "utf-8")
        assert _shows(url, content.policy().roles[0].name)

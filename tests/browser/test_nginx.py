"""make export served by a real nginx with deploy/nginx.conf, read in Chromium."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT
from tests.publishing.published import publish, two_periods

pytestmark = pytest.mark.browser

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
EXAMPLE_ROOT = "/var/www/informationssakerhet/"
SUB_PATH = "/styrdokument/informationssakerhet/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("export")
    repo = two_periods(base / "policy")
    result = publish(repo, "export", str(base / "www"))
    assert result.returncode == 0, result.stderr
    assert "Exporterade 2 version(er)" in result.stdout
    return base / "www"


@pytest.fixture(scope="module")
def nginx(exported, tmp_path_factory) -> str:
    if not os.access(NGINX, os.X_OK):
        pytest.fail(f"nginx saknas ({NGINX}); installera Debians paket: sh .ci/install-packages",
                    pytrace=False)
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    server = (ROOT / "deploy" / "nginx.conf").read_text("utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace(EXAMPLE_ROOT, str(exported) + "/")
    assert str(exported) in server
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(f"{kind}_temp_path {work / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        f"{user}daemon off;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\n"
        "events {}\nhttp {\ninclude /etc/nginx/mime.types;\ndefault_type application/octet-stream;\n"
        f"access_log off;\n{temp}{server}\n}}\n",
        "utf-8",
    )
    check = subprocess.run([NGINX, "-t", "-c", str(work / "nginx.conf"), "-p", str(work)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)])
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_export_is_plain_files_with_every_version(exported):
    assert not [p for p in exported.rglob("*") if p.is_symlink()]
    assert {p.name for p in exported.iterdir()} >= {"2022-2026", "2026-2030", "gallande", "versions.json", "index.html"}
    assert (exported / "gallande" / "policy" / "index.html").is_file()


def test_nginx_serves_the_version_in_force_under_a_sub_path(browser, nginx):
    own = urlsplit(nginx).netloc
    context = browser.new_context(locale="sv-SE")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(nginx)
    page.wait_for_url(re.compile(r".*/gallande/$"))
    assert page.url == nginx + "gallande/"
    assert "Melleruds kommuns informationssäkerhetspolicy" in page.inner_text("article")
    # The version selector lists every period.
    page.wait_for_selector(".md-version__current")
    assert "Mandatperiod 2026–2030" in page.inner_text(".md-version__current")
    titles = page.eval_on_selector_all(".md-version__list .md-version__link",
                                       "links => links.map(a => a.textContent.trim())")
    assert any("Mandatperiod 2026–2030" in t for t in titles)
    assert any("Mandatperiod 2022–2026" in t for t in titles)
    # The version in force shows no banner.
    assert page.locator("[data-md-component=outdated]").is_hidden()
    # A page of the old version says it has been replaced and links the same page in force.
    page.goto(nginx + "2022-2026/roller/")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    assert "Du läser Mandatperiod 2022–2026, som har ersatts." in banner.inner_text()
    banner.get_by_role("link").click()
    page.wait_for_url(nginx + "gallande/roller/")
    # The calendar feed is served as a calendar.
    with urllib.request.urlopen(nginx + "gallande/uppfoljning.ics") as response:
        assert response.headers["Content-Type"].startswith("text/calendar")
        assert response.read().startswith(b"BEGIN:VCALENDAR")
    context.close()
    assert [u for u in requests if urlsplit(u).netloc != own and urlsplit(u).scheme not in {"data", "blob"}] == []

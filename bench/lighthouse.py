"""Lighthouse benchmark: the four category scores of every page, desktop and mobile.

Builds the site, serves it on loopback, and runs Lighthouse (bench/lighthouse/, a
version that runs on this machine's Node.js) with Debian's Chromium. Prints a table;
asserts nothing. Run: make bench-lighthouse
"""

from __future__ import annotations

import functools
import gzip
import io
import http.server
import json
import os
import subprocess
import threading
from contextlib import contextmanager
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import BUILD_EPOCH  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PROFILES = {"dator": ["--preset=desktop"], "mobil": ["--form-factor=mobile"]}


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".ics", ".txt", ".map"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text gzip-compressed, as the nginx example in deploy/ does."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix in COMPRESSED and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(path.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def log_message(self, format, *args):  # noqa: A002
        pass


@contextmanager
def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=BUILD_EPOCH)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
                       cwd=ROOT, env=env, check=True)
        pages = sorted(str(p.parent.relative_to(site)) for p in site.rglob("index.html"))
        pages = ["" if p == "." else p + "/" for p in pages]
        print(f"Lighthouse {subprocess.run([str(LIGHTHOUSE), '--version'], capture_output=True, text=True).stdout.strip()}"
              f" med {os.environ.get('CHROME_PATH', '/usr/bin/chromium')}; poäng 0–100; servern komprimerar text med gzip, som nginx-exemplet i deploy/.\n")
        print(f"{'sida':18}{'profil':8}" + "".join(f"{c:>16}" for c in CATEGORIES))
        worst = {c: 100 for c in CATEGORIES}
        with serve(site) as url:
            for page in pages:
                for profile, flags in PROFILES.items():
                    report = Path(folder) / "report.json"
                    subprocess.run(
                        [str(LIGHTHOUSE), url + page, "--quiet", "--output=json", f"--output-path={report}",
                         "--only-categories=" + ",".join(CATEGORIES),
                         "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                         "--disable-background-networking --disable-component-update",
                         *flags],
                        env=dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium")),
                        check=True,
                    )
                    scores = json.loads(report.read_text("utf-8"))["categories"]
                    row = {c: round((scores[c]["score"] or 0) * 100) for c in CATEGORIES}
                    worst = {c: min(worst[c], row[c]) for c in CATEGORIES}
                    print(f"{page or '/':18}{profile:8}" + "".join(f"{row[c]:>16}" for c in CATEGORIES))
        print(f"\n{'lägsta':26}" + "".join(f"{worst[c]:>16}" for c in CATEGORIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Pre-compressed copies of the built site's text files, for a web server to send as they are.

Beside each text file (HTML, CSS, JavaScript, JSON, SVG, XML, the calendar) stands
``<name>.gz`` and, when the ``brotli`` package is there (WeasyPrint brings it),
``<name>.br``. nginx sends the ``.gz`` copy to a browser that accepts gzip with
``gzip_static on;`` (deploy/nginx.conf) instead of compressing on every request.

Only a version that a web server will serve gets them: ``make publish`` sets
``POLICY_COMPRESS=1`` (publishing/publish.py). ``make build`` and ``make serve`` (the
preview, the proposal's check) do not pay for them. Since the copies are made once per
published version and sent many times, the levels are the highest that stay quick:
gzip 9 (a few per cent smaller than nginx's own level 1 or the usual 6), brotli 7.
"""

from __future__ import annotations

import gzip
from pathlib import Path

#: The environment variable that asks the build for the copies ("1"); publishing sets it.
ENV_SWITCH = "POLICY_COMPRESS"
#: The kinds of file worth compressing (images and fonts are compressed already).
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".ics", ".txt"})
#: Smaller files are sent as they are: compressing would save next to nothing.
MIN_BYTES = 512
GZIP_LEVEL = 9
BROTLI_QUALITY = 7


def wanted(environ) -> bool:
    """Whether this build writes the compressed copies."""
    return environ.get(ENV_SWITCH) == "1"


def gzipped(content: bytes) -> bytes:
    """The ``.gz`` copy of ``content``; mtime=0: the same site gives the same bytes."""
    return gzip.compress(content, GZIP_LEVEL, mtime=0)


def _brotli():
    try:
        import brotli
    except ImportError:  # pragma: no cover - brotli comes with WeasyPrint
        return None
    return brotli


def precompress(site: Path) -> int:
    """Write the compressed copies beside every text file of ``site``; how many files."""
    brotli = _brotli()
    count = 0
    for path in sorted(Path(site).rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or path.is_symlink() or not path.is_file():
            continue
        content = path.read_bytes()
        if len(content) < MIN_BYTES:
            continue
        path.with_name(path.name + ".gz").write_bytes(gzipped(content))
        if brotli is not None:
            path.with_name(path.name + ".br").write_bytes(brotli.compress(content, quality=BROTLI_QUALITY))
        count += 1
    return count

"""The same content built by both generators (issue 19): as ``make build`` builds it
(MkDocs) and as ``make build-zensical`` does (Zensical, in its own environment without
MkDocs), with the same settings of a published version (address, repository, version,
PDF). Built once per test run and shared (made_once): tests/build/test_zensical.py
compares the two sites; tests/browser/test_network.py and test_accessibility.py load
Zensical's in Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.policy.release import Release
from tests.conftest import BUILD_EPOCH, ROOT, copy_project, made_once, serve

#: The settings of a published version, the same for both builds.
PUBLISHED = {
    "SOURCE_DATE_EPOCH": BUILD_EPOCH,
    "POLICY_PDF": "1",
    "POLICY_REPO_URL": "https://git.example.org/styrdokument/policy",
    "POLICY_EDIT_URI": "-/edit/main/docs/",
    "POLICY_SITE_URL": "https://intranat.example.org/styrdokument/policy/",
    "MIKE_DOCS_VERSION": "2026-2030",
    "NO_MKDOCS_2_WARNING": "1",
}


#: The published version as the core reads it (its name and the alias in force), and the
#: paths of the published site's address and of the version's.
RELEASE = Release.from_environ(PUBLISHED)
PUBLISHED_PATH = urlsplit(PUBLISHED["POLICY_SITE_URL"]).path
VERSION_PATH = PUBLISHED_PATH + RELEASE.name + "/"


def zensical_python() -> str:
    """The Python of Zensical's environment (ZENSICAL_PYTHON, or .venv-zensical's)."""
    path = os.path.abspath(os.environ.get("ZENSICAL_PYTHON") or ROOT / ".venv-zensical" / "bin" / "python")
    if not os.access(path, os.X_OK):
        pytest.fail(f"Zensicals miljö saknas ({path}); make test installerar den (make build-zensical)",
                    pytrace=False)
    return path


def build(project: Path, python: str, *generator: str) -> Path:
    """``python -m publishing.build`` in ``project`` with the published settings: its site."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POLICY_", "MIKE_"))}
    result = subprocess.run([python, "-m", "publishing.build", *generator], cwd=project,
                            env={**env, **PUBLISHED}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{generator or 'mkdocs'}: {result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr
    return project / "site"


def _both(folder: Path) -> tuple[Path, Path]:
    project = copy_project(folder / "project")
    mkdocs_site = build(project, sys.executable).rename(folder / "mkdocs-site")
    zensical_site = build(project, zensical_python(), "--generator", "zensical")
    assert not (project / ".cache").exists(), "Zensical's cache is left in the project"
    return mkdocs_site, zensical_site


def both_sites(tmp_path_factory) -> tuple[Path, Path]:
    """(MkDocs's site, Zensical's site) of the same content and settings."""
    return made_once(tmp_path_factory, "both-generators", _both)


@contextmanager
def served_as_published(site: Path, folder: Path) -> Iterator[str]:
    """Serve a site built as a published version (PUBLISHED) as one is served: at its
    address's path (which its 404 page's links start from), in its version's folder, beside
    the list of versions that its version selector reads. The list gives it no alias, so
    that its pages show the banner of a replaced version too. Yields the version's address."""
    where = folder / PUBLISHED_PATH.strip("/")
    where.mkdir(parents=True, exist_ok=True)
    (where / RELEASE.name).symlink_to(site, target_is_directory=True)
    (where / "versions.json").write_text(
        json.dumps([{"version": RELEASE.name, "title": RELEASE.name, "aliases": []}]), encoding="utf-8")
    with serve(folder) as root:
        yield root.rstrip("/") + VERSION_PATH

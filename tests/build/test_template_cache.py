"""Material's templates compiled once and kept (macros/mkdocs_adapter/cli.py): the site built
with the kept templates is the site MkDocs builds, and a changed template is compiled again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from macros.mkdocs_adapter import cli as mkdocs_cli
from tests.conftest import BUILD_EPOCH, copy_project, mkdocs_build


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_kept_templates_build_the_same_site_and_a_changed_template_is_seen(tmp_path):
    project = copy_project(tmp_path / "project")
    kept = tmp_path / "pycache"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=BUILD_EPOCH,
               PYTHONPYCACHEPREFIX=str(kept))
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def build(site: Path) -> dict[str, bytes]:
        result = subprocess.run(
            [sys.executable, "-m", "macros.mkdocs_adapter.cli", "build", "--strict", "-q", "--site-dir", str(site)],
            cwd=project, env=env, capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return _pages(site)

    first = build(tmp_path / "first")
    templates = kept / "jinja2-templates"
    compiled = sorted(templates.iterdir())
    assert len(compiled) > 10  # Material's page template and its partials
    reference = mkdocs_build(project, tmp_path / "reference")  # MkDocs's own command
    assert reference.returncode == 0, reference.stderr
    assert first == _pages(tmp_path / "reference")

    assert build(tmp_path / "again") == first
    assert sorted(templates.iterdir()) == compiled  # nothing compiled anew

    footer = project / "overrides" / "partials" / "copyright.html"
    footer.write_text(footer.read_text("utf-8").replace(
        '<div class="md-copyright">', '<div class="md-copyright"><span>Ändrad mall</span>', 1), "utf-8")
    footers = [page for page in build(tmp_path / "changed").values() if b'class="md-copyright"' in page]
    assert len(footers) == len(first)  # every page has the footer
    assert all("<span>Ändrad mall</span>".encode() in page for page in footers)


def test_without_a_folder_for_compiled_python_nothing_is_kept(monkeypatch):
    from mkdocs.theme import Theme

    monkeypatch.setattr(sys, "pycache_prefix", None)
    before = Theme.get_env
    mkdocs_cli._keep_compiled_templates()
    assert Theme.get_env is before

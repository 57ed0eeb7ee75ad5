"""A macro that fails while a page is built stops the build with one message naming the
page, never a Python traceback (mkdocs-macros would print one for any exception)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests import content
from tests.conftest import BUILD_EPOCH, copy_project


def build(project: Path, *extra: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project.parent / "site"), *extra],
        cwd=project, capture_output=True, text=True, timeout=300,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1",
                 SOURCE_DATE_EPOCH=BUILD_EPOCH, **env),
    )


def test_an_internal_error_in_a_macro_names_the_page_and_the_macro_without_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    renderer = project / "macros" / "roles.py"
    source = renderer.read_text("utf-8")
    head = "def matrix(policy: Policy"
    assert head in source
    at = source.index(":\n", source.index(head)) + 2
    renderer.write_text(source[:at] + '    raise RuntimeError("provfel")\n' + source[at:], "utf-8")
    page = content.page_calling("role_matrix")

    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert (f"docs/{page}: makrot role_matrix() avbröts av ett internt fel (RuntimeError: provfel)"
            in result.stderr), result.stderr[-2000:]

    verbose = build(project, "-v")  # where it happened, for whoever mends the program
    assert verbose.returncode != 0 and 'raise RuntimeError("provfel")' in verbose.stderr


def test_a_missing_graphviz_names_the_page_and_the_package_without_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    empty = tmp_path / "bin"
    empty.mkdir()
    page = content.page_calling("reporting_diagram")

    result = build(project, PATH=str(empty))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"docs/{page}: Programmet dot (Graphviz) saknas" in result.stderr, result.stderr[-2000:]
    assert "graphviz" in result.stderr

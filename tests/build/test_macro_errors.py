"""A macro that fails while a page is built stops the build with one message naming the
page, never a Python traceback (mkdocs-macros would print one for any exception)."""

from __future__ import annotations

from tests import content
from tests.conftest import copy_project, mkdocs_build


def test_an_internal_error_in_a_macro_names_the_page_and_the_macro_without_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    renderer = project / "macros" / "views" / "roles.py"
    source = renderer.read_text("utf-8")
    head = "def matrix(policy: Policy"
    assert head in source
    at = source.index(":\n", source.index(head)) + 2
    renderer.write_text(source[:at] + '    raise RuntimeError("provfel")\n' + source[at:], "utf-8")
    page = content.page_calling("role_matrix")

    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert (f"docs/{page}: makrot role_matrix() avbröts av ett internt fel (RuntimeError: provfel)"
            in result.stderr), result.stderr[-2000:]

    # Where it happened, for whoever mends the program.
    verbose = mkdocs_build(project, tmp_path / "site", "-v")
    assert verbose.returncode != 0 and 'raise RuntimeError("provfel")' in verbose.stderr


def test_a_missing_graphviz_names_the_page_and_the_package_without_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    empty = tmp_path / "bin"
    empty.mkdir()
    page = content.page_calling("reporting_diagram")

    result = mkdocs_build(project, tmp_path / "site", PATH=str(empty))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"docs/{page}: Programmet dot (Graphviz) saknas" in result.stderr, result.stderr[-2000:]
    assert "graphviz" in result.stderr

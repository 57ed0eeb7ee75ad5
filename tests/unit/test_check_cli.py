"""make check: every error in one run, a non-zero exit, and no mkdocs imported."""

from __future__ import annotations

import os
import subprocess
import sys

from macros.policy.loading import DATA_FILES
from tests.conftest import CONTENT, ROOT, copy_project
from tests.editing import edit_at, insert_after, line_at, located

def run_check(*args: str) -> subprocess.CompletedProcess:
    code = (
        "import sys\n"
        "from macros.site.check import main\n"
        "code = main(sys.argv[1:])\n"
        "assert not any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules), 'mkdocs imported'\n"
        "sys.exit(code)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_check_passes_on_the_real_data_without_importing_mkdocs():
    data, docs = (os.path.relpath(CONTENT / part, ROOT) for part in ("data", "docs"))
    result = run_check(*(("--data", data, "--docs", docs) if CONTENT != ROOT else ()))
    assert result.returncode == 0, result.stderr
    present = sum((CONTENT / "data" / f.name).is_file() for f in DATA_FILES)
    pages = len(list((CONTENT / "docs").rglob("*.md")))
    assert result.stdout == (
        f"Inga fel i {data}/ ({present} filer kontrollerade), {docs}/ ({pages} sidor) och mkdocs.yml.\n")


def test_check_reports_every_error_and_exits_non_zero(tmp_path):
    # A copy of the project: the organisation's settings, and what its pages include.
    project = copy_project(tmp_path / "projekt")
    data = project / "data"
    roles = data / "roller.yml"
    kind = located(roles)[0]["roller"][0]["slag"]
    edit_at(roles, line_at(roles, "roller", 0, "slag"), f"slag: {kind}", f"slag: {kind[:-1]}")
    goals = data / "viljeriktningar.yml"
    insert_after(goals, line_at(goals, "viljeriktningar", 0, "id"), "    id: igen")
    result = run_check("--data", str(data), "--docs", str(project / "docs"))
    assert result.returncode == 1
    assert "mkdocs imported" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Fel i ") and "(2 fel)" in lines[0]
    assert any("roller.yml:" in line and f"'{kind[:-1]}' är inte ett tillåtet värde" in line for line in lines)
    assert any("viljeriktningar.yml:" in line and "står två gånger" in line for line in lines)

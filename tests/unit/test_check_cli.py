"""make check: every error in one run, a non-zero exit, and no mkdocs imported."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from tests.conftest import CONTENT, ROOT



def run_check(*args: str) -> subprocess.CompletedProcess:
    code = (
        "import sys\n"
        "from macros.check import main\n"
        "code = main(sys.argv[1:])\n"
        "assert not any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules), 'mkdocs imported'\n"
        "sys.exit(code)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_check_passes_on_the_real_data_without_importing_mkdocs():
    result = run_check()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Inga fel i data/")


def test_check_reports_every_error_and_exits_non_zero(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(CONTENT / "data", data)
    roles = data / "roller.yml"
    roles.write_text(roles.read_text("utf-8").replace("slag: grupp", "slag: grup"), "utf-8")
    goals = data / "viljeriktningar.yml"
    goals.write_text(goals.read_text("utf-8").replace("  - id: minska-risker", "  - id: minska-risker\n    id: igen"), "utf-8")
    result = run_check("--data", str(data), "--docs", str(CONTENT / "docs"))
    assert result.returncode == 1
    assert "mkdocs imported" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Fel i ") and "(2 fel)" in lines[0]
    assert any("roller.yml:" in line and "'grup' är inte ett tillåtet värde" in line for line in lines)
    assert any("viljeriktningar.yml:" in line and "står två gånger" in line for line in lines)

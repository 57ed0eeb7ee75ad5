"""The warm start of commands (tests/warm.py) is seen by a command as a new Python: its
output, exit code, files and the paths of its code are those of ``python -m`` in a new
process, also when the code of its modules comes from an earlier command's copy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import warm

pytestmark = pytest.mark.content_independent

#: A small project: a package with a nested function, modules that fail or warn when
#: compiled, and commands that end in each way Python can end.
FILES = {
    "pkg/__init__.py": "",
    "pkg/helper.py": (
        "import inspect\n"
        "def nested():\n"
        "    def inner():\n"
        "        return 1\n"
        "    return inner\n"
        "def where():\n"
        "    return (__file__, nested.__code__.co_filename, nested().__code__.co_filename,\n"
        "            inspect.getsource(nested).splitlines()[0])\n"
        "def fail():\n"
        "    return {}['saknas']\n"
    ),
    "pkg/broken.py": "def f(:\n    pass\n",
    "pkg/warns.py": "x = 1 is 1\n",
    "ends_well.py": (
        "import atexit, sys, threading, time\n"
        "from pkg import helper\n"
        "print(sorted(vars(sys.modules['__main__'])), __file__, __spec__.name, sys.argv)\n"
        "print(sys.path[0] == __import__('os').getcwd(), helper.where())\n"
        "atexit.register(print, 'atexit')\n"
        "threading.Thread(target=lambda: (time.sleep(0.05), print('tråden', flush=True))).start()\n"
        "LEFT_OPEN = open('öppen.txt', 'w', encoding='utf-8')\n"
        "LEFT_OPEN.write('skriven men aldrig stängd')\n"
        "print('utan radslut', end='')\n"
    ),
    "exit_message.py": "import sys\nprint('ut')\nsys.exit('Fel: något gick snett')\n",
    "exit_code.py": "raise SystemExit(256 + 7)\n",
    "uncaught.py": "from pkg import helper\nprint('före')\nhelper.fail()\n",
    "syntax_error.py": "import pkg.broken\n",
    "compile_warning.py": "import pkg.warns\nprint('klar')\n",
    "interrupted.py": "raise KeyboardInterrupt\n",
    "own_hook.py": (
        "import sys\n"
        "sys.excepthook = lambda kind, error, tb: print('egen', kind.__name__, file=sys.stderr)\n"
        "raise RuntimeError('x')\n"
    ),
    "counts_compiling.py": (
        "import builtins\n"
        "compiled = []\n"
        "compile = builtins.compile\n"
        "builtins.compile = lambda source, name, *a, **k: compiled.append(name) or compile(source, name, *a, **k)\n"
        "import pkg.helper\n"
        "builtins.compile = compile\n"
        "print(compiled, pkg.helper.where())\n"
    ),
}

MODULES = [name[:-3] for name in FILES if "/" not in name and name != "counts_compiling.py"]
MODULES.append("saknas_helt")  # no such module


def copy(folder: Path, files: dict[str, str] = FILES) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def warm_start(monkeypatch):
    """tests.warm.run_module from the warm server, whatever POLICY_TESTS_COLD says."""
    monkeypatch.delenv("POLICY_TESTS_COLD", raising=False)
    return warm.run_module


ENV = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")


def outcome(returncode, stdout: str, stderr: str, folder: Path):
    left_open = folder / "öppen.txt"
    return (returncode, stdout.replace(str(folder), "<kopia>"), stderr.replace(str(folder), "<kopia>"),
            left_open.read_text("utf-8") if left_open.exists() else None)


def cold(module: str, folder: Path):
    done = subprocess.run([sys.executable, "-m", module, "a", "b c"], cwd=folder, env=ENV, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=60, check=False)
    return outcome(done.returncode, done.stdout, done.stderr, folder)


@pytest.mark.parametrize("module", MODULES)
def test_a_warm_command_ends_as_a_new_python(module, warm_start, tmp_path):
    expected = cold(module, copy(tmp_path / "kall"))
    for run in ("först", "sedan"):  # the second imports the code the first compiled
        folder = copy(tmp_path / run)
        done = warm_start(module, ["a", "b c"], folder, ENV, 60)
        assert outcome(done.returncode, done.stdout, done.stderr, folder) == expected, run


def test_the_modules_of_a_new_copy_are_not_compiled_again_but_are_its_own(warm_start, tmp_path):
    # A helper of bytes no earlier command has seen.
    files = dict(FILES, **{"pkg/helper.py": FILES["pkg/helper.py"] + f"# {tmp_path}\n"})
    seen = []
    for run in range(3):
        folder = copy(tmp_path / f"kopia{run}", files)
        done = warm_start("counts_compiling", [], folder, ENV, 60)
        assert done.returncode == 0, done.stderr
        seen.append(done.stdout.replace(str(folder), "<kopia>"))
    assert "'<kopia>/pkg/helper.py'" in seen[0].split("] ", 1)[0], seen[0]  # compiled the first time
    helper = "'<kopia>/pkg/helper.py'"
    where = f"({helper}, {helper}, {helper}, 'def nested():')"
    assert seen[1] == seen[2] == f"[] {where}\n", seen

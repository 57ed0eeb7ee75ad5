"""The install on a new machine: make's own install target, run with the Python that made
the project's virtual environment, into a new environment in a temporary folder. That
environment starts with the pip its Python brings (Python 3.11.7: pip 23.2.1, which fails
on requirements.lock), so the test shows that the pinned pip of requirements-pip.lock is
installed first and that it installs the whole lock. It needs the package registry."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

# It reads no content: make test runs it once (tests/unit/test_content_independent.py).
pytestmark = [pytest.mark.install, pytest.mark.content_independent]

#: What a new environment brings besides the lock: pip, and setuptools before Python 3.12.
BROUGHT = {"pip", "setuptools"}


def base_python() -> Path:
    """The Python that made the running virtual environment (from its pyvenv.cfg), never
    the environment's own python, which would bring the environment's pip."""
    python = Path(getattr(sys, "_base_executable", sys.executable))
    if sys.prefix != sys.base_prefix:
        assert Path(sys.prefix) not in python.parents, f"{python} is the virtual environment's"
    assert python.is_file(), python
    return python


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path) -> dict[str, str]:
    """The lock file's pins, by normalized name."""
    text = lock.read_text("utf-8")
    return {normalized(n): v for n, v in re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", text, re.M)}


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120, env=env)


def test_make_installs_the_pinned_pip_and_then_the_lock_into_a_new_environment():
    # A make of make test would pass its flags and variables down (MAKEFLAGS): not here.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    with tempfile.TemporaryDirectory(prefix="policy-install-") as folder:
        venv = Path(folder) / "venv"
        done = subprocess.run(
            ["make", "--no-print-directory", "-C", str(ROOT), "install",
             f"PYTHON={base_python()}", f"VENV={venv}"],
            env=env, capture_output=True, text=True, timeout=900,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert len(list(venv.glob(".installed-*"))) == 1
        python = venv / "bin" / "python"

        pip = run(python, "-m", "pip", "--version")
        pinned = pins(ROOT / "requirements-pip.lock")["pip"]
        assert pip.stdout.split()[:2] == ["pip", pinned], pip.stdout

        # Every package of the lock at its pinned version, and nothing else.
        listed = run(python, "-m", "pip", "list", "--format=json", "--disable-pip-version-check")
        installed = {normalized(p["name"]): p["version"] for p in json.loads(listed.stdout)}
        locked = pins(ROOT / "requirements.lock")
        assert {name: installed.get(name) for name in locked} == locked
        assert set(installed) - set(locked) <= BROUGHT, set(installed) - set(locked)

        check = run(python, "-m", "pip", "check", "--disable-pip-version-check")
        assert check.returncode == 0, check.stdout + check.stderr
        # brotli and zopfli come with weasyprint's fonttools[woff], the extra pip 23.2 failed on.
        modules = "mkdocs, material, weasyprint, fontTools, brotli, zopfli"
        imports = run(python, "-c", f"import {modules}")
        assert imports.returncode == 0, imports.stderr

        # The standard library compiled into the environment's folder of compiled Python
        # (make's PYTHONPYCACHEPREFIX), the only place Python looks: a command on a machine
        # that writes no compiled Python compiles none of it again.
        loaded = run(python, "-c", STDLIB_LOADED, env={**env, "PYTHONDONTWRITEBYTECODE": "1",
                                                       "PYTHONPYCACHEPREFIX": str(venv / "pycache")})
        assert loaded.returncode == 0, loaded.stderr
        compiled = json.loads(loaded.stdout)
        assert len(compiled) > 100, compiled  # mkdocs's build and pydantic load a large part of it
        assert all(compiled.values()), sorted(source for source, found in compiled.items() if not found)


#: Run in the new environment: each module of the standard library that a build loads
#: (its source file), and whether its compiled file is in the folder of compiled Python.
STDLIB_LOADED = """
import json, os, sys, sysconfig, importlib.util
import mkdocs.commands.build, pydantic, jinja2, markdown, yaml
stdlib = sysconfig.get_path("stdlib") + os.sep
files = {getattr(m, "__file__", None) for m in list(sys.modules.values())}
print(json.dumps({f: os.path.exists(importlib.util.cache_from_source(f)) for f in sorted(filter(None, files))
                  if f.startswith(stdlib) and f.endswith(".py") and "site-packages" not in f}))
"""

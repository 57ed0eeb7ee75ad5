"""A throwaway git repository of the project, for publishing scenarios."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import BUILD_EPOCH, ROOT, copy_project
from tests.editing import edit

FACTS_2023 = ("2023-02-15", "§ 12", "KS 2023/45")
FACTS_2027 = ("2027-03-10", "§ 31", "KS 2027/9")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def make_repo(target: Path) -> Path:
    repo = copy_project(target)
    if not (repo / "publishing").exists():
        shutil.copytree(ROOT / "publishing", repo / "publishing", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / ".gitignore", repo / ".gitignore")  # what a publication may leave untracked
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "registrator@example.invalid")
    git(repo, "config", "user.name", "Registrator")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Policyn som den antogs")
    return repo


def set_facts(repo: Path, facts: tuple[str, str, str] | None, status: str = "antagen") -> None:
    """Write the decision facts (or 'uppgift saknas') and the status, and commit."""
    path = repo / "data" / "dokument.yml"
    text = path.read_text("utf-8")
    import re

    values = facts or ("uppgift saknas",) * 3
    for key, value in zip(("datum", "paragraf", "diarienummer"), values):
        text = re.sub(rf"(?m)^  {key}: .*$", f"  {key}: {value}", text)
    text = re.sub(r"(?m)^status: .*$", f"status: {status}", text)
    path.write_text(text, "utf-8")
    git(repo, "commit", "-qam", f"Beslutsuppgifter {values[0]}")


def revise(repo: Path) -> None:
    """A revision: one planned month, one role sentence reworded (prose and data)."""
    edit(repo / "data" / "uppfoljning.yml", "      månad: 3\n", "      månad: 2\n")
    for name in ("docs/policy.md", "data/ansvar.yml", "data/uppfoljning.yml"):
        path = repo / name
        path.write_text(path.read_text("utf-8").replace(
            "Kommundirektören kan lyfta upp frågan", "Kommundirektören ska lyfta upp frågan"), "utf-8")
    git(repo, "commit", "-qam", "Revidering")


def publish(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "publishing", *args], cwd=repo, env=env,
        capture_output=True, text=True, timeout=300,
    )


def published_files(repo: Path, prefix: str) -> dict[str, str]:
    """path -> blob id of every file under ``prefix`` on the published branch (byte identity)."""
    listing = git(repo, "ls-tree", "-r", "refs/heads/publicerat", prefix)
    return {line.split("\t")[1]: line.split()[2] for line in listing.splitlines()}


def two_periods(target: Path) -> Path:
    """A repository with 2022–2026 and then 2026–2030 published as adopted."""
    repo = make_repo(target)
    set_facts(repo, FACTS_2023)
    first = publish(repo, "publish", "2022-2026")
    assert first.returncode == 0, first.stderr
    set_facts(repo, FACTS_2027)
    revise(repo)
    second = publish(repo, "publish", "2026-2030")
    assert second.returncode == 0, second.stderr
    return repo

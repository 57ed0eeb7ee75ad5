"""Editing a copy of the project's files in a test, as an editor would."""

from __future__ import annotations

from pathlib import Path


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` with ``new``; return the line number where it stood."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    index = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:index].count("\n") + 1


def line_of(path: Path, needle: str) -> int:
    """The first line of ``path`` that contains ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path.name}")

"""Editing a copy of the project's files in a test, as an editor would."""

from __future__ import annotations

import re
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


def located(path: Path):
    """The value of a data file and where each part stands (macros.policy.loading's SourceMap)."""
    from macros.policy.reading import read_yaml

    value, source, errors = read_yaml(path, f"data/{path.name}")
    assert not errors, errors
    return value, source


def line_at(path: Path, *loc) -> int:
    """The line where ``loc`` (keys and list indexes, as in an error message) stands."""
    line = located(path)[1].lines.get(tuple(loc))
    assert line is not None, f"{loc!r} not in {path.name}"
    return line


def edit_at(path: Path, line: int, old: str, new: str) -> int:
    """Replace the first ``old`` at or after the start of ``line``; return the line where it stood."""
    text = path.read_text(encoding="utf-8")
    start = sum(len(part) for part in text.splitlines(keepends=True)[: line - 1])
    index = text.find(old, start)
    assert index >= 0, f"{old!r} not at or after line {line} of {path.name}"
    path.write_text(text[:index] + new + text[index + len(old):], encoding="utf-8")
    return text[:index].count("\n") + 1


def set_line(path: Path, line: int, new: str) -> int:
    """Replace the whole of ``line`` (keeping its indentation when ``new`` has none); return it."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    old = lines[line - 1]
    indent = old[: len(old) - len(old.lstrip(" "))]
    lines[line - 1] = (new if new.startswith(" ") else indent + new) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return line


def insert_after(path: Path, line: int, new: str) -> int:
    """Insert ``new`` (whole lines, with their indentation) after ``line``; return its first line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line:line] = [new if new.endswith("\n") else new + "\n"]
    path.write_text("".join(lines), encoding="utf-8")
    return line + 1


def indent_of(path: Path, line: int) -> str:
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    return text[: len(text) - len(text.lstrip(" "))]


def _value_lines(lines: list[str], line: int) -> int:
    """How many lines the key on ``line`` takes: itself and any more indented lines after it."""
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
    end = line
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip(" ")) > indent:
        end += 1
    return end - line + 1


def set_value(path: Path, line: int, new: str) -> int:
    """Replace the key on ``line`` and its whole value (folded lines too) with one line ``new``."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    old = lines[line - 1]
    indent = old[: len(old) - len(old.lstrip(" "))]
    lines[line - 1: line - 1 + _value_lines(lines, line)] = [indent + new + "\n"]
    path.write_text("".join(lines), encoding="utf-8")
    return line


def delete_key(path: Path, line: int) -> int:
    """Delete the key on ``line`` with its whole value; return the line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[line - 1: line - 1 + _value_lines(lines, line)]
    path.write_text("".join(lines), encoding="utf-8")
    return line


def add_key(path: Path, list_key: str, key: str, value: str) -> int:
    """Give the first item of the top-level list ``list_key`` the line ``key: value``, after
    its first key (as an editor adds an optional field); return that line."""
    import yaml

    text = path.read_text(encoding="utf-8")
    items = next(v for k, v in yaml.compose(text).value if k.value == list_key)
    first_key, first_value = items.value[0].value[0]
    # After the first key's value (a block scalar ends where the next line starts).
    end = first_value.end_mark.index
    end = end if first_value.end_mark.column == 0 else text.index("\n", end) + 1
    path.write_text(text[:end] + " " * first_key.start_mark.column + f"{key}: {value}\n" + text[end:],
                    encoding="utf-8")
    return text[:end].count("\n") + 1


#: The related document a test adds when the content names none (the list is optional).
RELATED_ID = "relaterat-dokument"


def with_related_document(data: Path) -> None:
    """Make sure ``data/dokument.yml`` names a related document. The list is optional: when
    the content names none, one is added as an editor adds one, adopted by the role that
    adopts the document, its source a sentence the data already quotes from the adopted
    text (the first responsibility's), not yet published."""
    import json

    import yaml

    path = data / "dokument.yml"
    text = path.read_text(encoding="utf-8")
    facts = yaml.safe_load(text) or {}
    if facts.get("relaterade_dokument"):
        return
    responsibilities = yaml.safe_load((data / "ansvar.yml").read_text(encoding="utf-8"))["ansvar"]
    source = " ".join(str(responsibilities[0]["källa"]).split())
    # An empty list written as such ("relaterade_dokument: []" or nothing after the key) goes.
    text = re.sub(r"(?m)^relaterade_dokument:[ \t]*(\[\s*\])?[ \t]*(#.*)?\n?", "", text)
    path.write_text(
        text.rstrip("\n") + "\n"
        + "relaterade_dokument:\n"
        + f"  - id: {RELATED_ID}\n"
        + "    namn: Relaterat dokument\n"
        + "    dokumenttyp: riktlinjer\n"
        + f"    beslutas_av: {facts['beslutas_av']}\n"
        + "    status: ej_publicerat\n"
        + f"    källa: {json.dumps(source, ensure_ascii=False)}\n",
        encoding="utf-8")

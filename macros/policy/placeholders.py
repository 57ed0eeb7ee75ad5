"""What a new organisation has still to fill in: the skeleton's ``FYLL I`` marks.

``make ny-organisation`` (publishing/new_organisation.py) writes a skeleton whose every
file is valid, and marks each fact only the organisation can give with ``FYLL I:`` and a
description: in a value (``organisation: "FYLL I: Organisationens namn"``), in a YAML
comment above the field it concerns, in a page's template comment (``{## FYLL I: … ##}``)
or on a line of its own. As long as one mark is left, the content is not ready to be
published: make check and the build name each one with file, line, field and what to
write, all at once. The marks are found in the text of the files, not in parsed values,
so a mark in a comment counts as one in a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .errors import DataError, clip, format_loc
from .reading import MAX_FILE_BYTES, parse_yaml, read_text

#: The mark: upper case, with its colon, so that ordinary text ("fyll i blanketten", a
#: comment that speaks of the marks) never counts as one.
MARK = "FYLL I:"
_MARK = re.compile(r"(?<![\wÅÄÖåäö])FYLL I:")
#: What follows the mark up to the end of its value or comment.
_TAIL = re.compile(r"FYLL I:\s*(.*?)\s*(?:##\}|\*/|-->|[\"']\s*$|$)")

#: The files of a content folder that are read for marks: text that the build publishes
#: or reads (pages, data, styles); a file that is not UTF-8 text is none of them.
TEXT_SUFFIXES = frozenset({".md", ".yml", ".yaml", ".txt", ".css", ".js", ".html", ".json", ".svg"})


def _field(source_lines: dict, line: int, comment: bool) -> str:
    """The field a mark on ``line`` concerns: the key on that line; for a comment, the
    first field after it; inside a folded text, the field the text belongs to."""
    on_line = [loc for loc, at in source_lines.items() if at == line]
    if on_line:
        return format_loc(max(on_line, key=len))
    if comment:
        after = [(at, -len(loc), loc) for loc, at in source_lines.items() if at > line]
        return format_loc(min(after)[2]) if after else ""
    before = [(at, len(loc), loc) for loc, at in source_lines.items() if at < line]
    return format_loc(max(before)[2]) if before else ""


def marks_in_text(text: str, shown: str, yaml_file: bool = False) -> list[DataError]:
    """Every mark in one file's text, with its line and (in YAML) its field."""
    found = [(number, line) for number, line in enumerate(text.split("\n"), start=1) if _MARK.search(line)]
    if not found:
        return []
    locations: dict = {}
    if yaml_file:
        # The marks' own text makes no YAML error: a file that does not parse has its
        # error told by the data's check, and its marks are named without a field.
        _, source, errors = parse_yaml(text, shown)
        locations = {} if errors else source.lines
    problems = []
    for number, line in found:
        tail = _TAIL.search(line[_MARK.search(line).start():])
        what = (tail.group(1) if tail else "").strip().rstrip(",.;")
        field = _field(locations, number, comment=line.lstrip().startswith("#")) if locations else ""
        problems.append(DataError(
            shown, number, field,
            f"kvar att fylla i: {clip(what, 160) if what else 'uppgiften här'} (skriv in "
            f"uppgiften och ta bort '{MARK}')",
        ))
    return problems


def placeholder_problems(folders: Iterable[tuple[Path, str]], files: Iterable[tuple[Path, str]] = ()) -> list[DataError]:
    """The marks left in the text files of ``folders`` (each with the name messages give
    it) and in single ``files`` (the settings file), in file order. Only regular files
    are read (the files' own check has told of anything else), none larger than a data
    file may be."""
    problems: list[DataError] = []
    candidates: list[tuple[Path, str]] = list(files)
    for folder, shown in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if any(part.startswith(".") for part in relative.parts):
                continue
            if path.suffix.lower() in TEXT_SUFFIXES and path.is_file() and not path.is_symlink():
                candidates.append((path, f"{shown}/{relative.as_posix()}"))
    for path, shown in candidates:
        if not path.is_file() or path.is_symlink():
            continue
        text, error = read_text(path, shown, max_bytes=MAX_FILE_BYTES)
        if error is None and text is not None:
            problems += marks_in_text(text, shown, yaml_file=path.suffix.lower() in {".yml", ".yaml"})
    return problems

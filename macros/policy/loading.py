"""Reading data/: every data file read and validated, then the rules between files.

Every file is read and validated before anything is reported (macros/policy/reading.py
reads one file with its lines), so one run lists every error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Sequence

from pydantic import BaseModel

from . import files
from .assessment import check_assessment
from .checks import check_policy
from .errors import DataError, DataErrors, suggest
from .memo import LastResult
from .model import (
    AccessibilityFile,
    AreasFile,
    DocumentFile,
    GlossaryFile,
    GoalsFile,
    MethodsFile,
    ObligationsFile,
    Policy,
    PrinciplesFile,
    ResponsibilitiesFile,
    RolesFile,
)


from .reading import SourceMap, parse_yaml, read_text, validate


@dataclass(frozen=True)
class DataFile:
    """One file of data/ and the model that validates it."""

    name: str
    model: type[BaseModel]
    #: An optional file may be absent: the policy then has none of what it holds.
    optional: bool = False


#: The files of data/, in the order they are read and reported.
DATA_FILES: tuple[DataFile, ...] = (
    DataFile("dokument.yml", DocumentFile),
    DataFile("principer.yml", PrinciplesFile),
    DataFile("viljeriktningar.yml", GoalsFile),
    DataFile("metodik.yml", MethodsFile, optional=True),
    DataFile("roller.yml", RolesFile),
    DataFile("omraden.yml", AreasFile),
    DataFile("ansvar.yml", ResponsibilitiesFile),
    DataFile("uppfoljning.yml", ObligationsFile),
    DataFile("ordlista.yml", GlossaryFile),
    DataFile("tillganglighet.yml", AccessibilityFile),
)


@dataclass(frozen=True)
class LoadedPolicy:
    """The validated policy and where each of its values came from."""

    policy: Policy
    sources: dict[str, SourceMap]
    assessment: dict | None = None  # data/granskning.json, when there is one (accessibility.py)


def read_prose(
    docs_dir: Path, display_dir: str = "docs", project: Path | None = None
) -> tuple[list[str], list[DataError]]:
    """The Markdown sources of every page, for the quote checks, and any page that cannot
    be read, whose front matter does not parse or that includes a file it may not
    (macros/policy/files.py; ``project`` is where the include lines start, by default the
    folder that holds ``docs_dir``)."""
    docs_dir = Path(docs_dir)
    project = Path(project) if project is not None else docs_dir.parent
    pages, errors = [], []
    for path in sorted(docs_dir.rglob("*.md")):
        display = f"{display_dir}/{path.relative_to(docs_dir).as_posix()}"
        text, error = read_text(path, display, max_bytes=None, links=True)
        if error is not None:
            errors.append(error)
            continue
        problems = files.front_matter_problems(text, display) + files.include_problems(text, display, project)
        errors += problems
        if not problems:
            pages.append(text)
    return pages, errors


#: Data files that are read, but not by the YAML loader: the recorded accessibility
#: assessment, and the questions employees ask of the search (the search benchmark and its
#: browser test read them; the site does not).
OTHER_FILES = ("granskning.json", "sokfragor.yml")

#: What a file in data/ that the project reads may be called (any other is an error).
_DATA_SUFFIXES = (".yml", ".yaml", ".json")


def known_files() -> list[str]:
    return [f.name for f in DATA_FILES] + list(OTHER_FILES)


def unknown_files(data_dir: Path, display_dir: str = "data") -> list[DataError]:
    """Files in data/ (or its folders) that look like data but are none of the known files.

    They would be silently ignored by the site yet kept as if they belonged to it; an
    editor who saves roller.yaml beside roller.yml must learn that it is not read.
    """
    data_dir = Path(data_dir)
    known = known_files()
    errors = []
    if not data_dir.is_dir():
        return errors
    for path in sorted(data_dir.rglob("*")):
        name = path.relative_to(data_dir).as_posix()
        if path.suffix.lower() not in _DATA_SUFFIXES or name in known or path.is_dir():
            continue
        message = "filen är ingen av datafilerna och läses inte"
        hint = suggest(path.name, known)
        if hint:
            message += f"; menade du '{hint}'?"
        message += (
            f" Byt namn på den, flytta ut den ur {display_dir}/ eller ta bort den "
            f"(datafilerna är {', '.join(known)})"
        )
        errors.append(DataError(f"{display_dir}/{name}", None, "", message))
    return errors


def _policy_of(models: dict[str, Any]) -> Policy:
    """The policy of the files that validated; a file that did not leaves its part empty
    (only the rules that do not read that file run over such a policy)."""
    def part(name: str, attribute: str | None = None, empty: Any = ()):
        model = models.get(name)
        if model is None:
            return list(empty) if isinstance(empty, tuple) else empty
        return getattr(model, attribute) if attribute else model

    values = dict(
        document=part("dokument.yml", empty=None),
        principles=part("principer.yml", "principles"),
        goals=part("viljeriktningar.yml", "goals"),
        methods=part("metodik.yml", "methods"),
        roles=part("roller.yml", "roles"),
        areas=part("omraden.yml", "areas"),
        responsibilities=part("ansvar.yml", "responsibilities"),
        obligations=part("uppfoljning.yml", "obligations"),
        glossary=part("ordlista.yml", "terms"),
        accessibility=part("tillganglighet.yml", empty=None),
    )
    if len(models) == len(DATA_FILES):
        return Policy(**values)
    return Policy.model_construct(**values)


#: Each data file's last reading, by its name as shown (macros/policy/memo.py): make serve builds
#: again on every save, and a file whose text has not changed is not parsed or validated again.
_READINGS: LastResult[tuple] = LastResult()


def _read_and_validate(
    model: type[BaseModel], path: Path, display: str
) -> tuple[SourceMap, list[DataError], Any, list[DataError]]:
    """One data file's lines, reading errors, validated model (or None) and validation
    errors; the same text validated against the same model gives the same answer."""
    text, error = read_text(path, display)
    if error is not None:
        return SourceMap(display), [error], None, []

    def read() -> tuple:
        value, source, read_errors = parse_yaml(text, display)
        validated, validation_errors = (None, []) if read_errors else validate(model, value, source)
        return source, read_errors, validated, validation_errors

    source, read_errors, validated, validation_errors = _READINGS(display, (model, text), read)
    return source, list(read_errors), validated, list(validation_errors)


def load_policy(
    data_dir: Path,
    docs_dir: Path | None = None,
    display_dir: str = "data",
    docs_display_dir: str = "docs",
    project: Path | None = None,
    other_folders: Sequence[tuple[Path, str]] = (),
) -> LoadedPolicy:
    """Read and validate every file of ``data_dir``; raise DataErrors listing all errors.

    With ``docs_dir``, the pages are read too: their front matter and include lines
    checked, and quoted source sentences checked against them. Before anything is read,
    every entry of data/, docs/ and ``other_folders`` (the theme's overrides; each with
    its name as messages show it) must be a regular file or folder inside ``project``
    (by default the folder that holds ``data_dir``): macros/policy/files.py.
    """
    data_dir = Path(data_dir)
    project = Path(project) if project is not None else data_dir.parent
    folders = [(data_dir, display_dir), *other_folders]
    if docs_dir is not None:
        folders.insert(1, (Path(docs_dir), docs_display_dir))
    unsafe = files.checked(folders, project)
    if unsafe:  # a FIFO would hang the reading, a link out would be read: nothing is read
        raise DataErrors(unsafe)
    errors: list[DataError] = unknown_files(data_dir, display_dir)
    models: dict[str, Any] = {}
    sources: dict[str, SourceMap] = {}
    for data_file in DATA_FILES:
        display = f"{display_dir}/{data_file.name}"
        path = data_dir / data_file.name
        if data_file.optional and not (path.exists() or path.is_symlink()):
            sources[data_file.name] = SourceMap(display)
            models[data_file.name] = data_file.model.model_validate({})
            continue
        source, read_errors, model, validation_errors = _read_and_validate(data_file.model, path, display)
        sources[data_file.name] = source
        errors += read_errors + validation_errors
        if model is not None:
            models[data_file.name] = model
    assessment, assessment_errors = check_assessment(data_dir, display_dir)
    errors += assessment_errors
    prose = None
    if docs_dir is not None:
        prose, prose_errors = read_prose(docs_dir, docs_display_dir, project)
        errors += prose_errors
        if prose_errors:
            prose = None  # a page that cannot be read: no quote can be checked against it
    policy = _policy_of(models)
    # The rules between files run over whatever validated, so that one run lists every
    # error at once; a rule whose files did not validate is skipped (checks.py).
    errors += check_policy(policy, sources, prose, available=set(models))
    if errors:
        raise DataErrors(errors)
    return LoadedPolicy(policy, sources, assessment)

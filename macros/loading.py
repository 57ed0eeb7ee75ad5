"""Reading data/: YAML with line numbers, then validated models.

PyYAML's safe loader keeps the last of two equal keys silently and forgets where
each value stood. Here the YAML is composed into nodes and built by hand, so that
a duplicate key is an error and every key and list item keeps its line for the
error messages. Every file is read and validated before anything is reported, so
one run lists every error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .checks import check_policy
from .errors import DataError, DataErrors, Loc, format_loc, suggest, translate
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


@dataclass(frozen=True)
class DataFile:
    """One file of data/ and the model that validates it."""

    name: str
    model: type[BaseModel]


#: The files of data/, in the order they are read and reported.
DATA_FILES: tuple[DataFile, ...] = (
    DataFile("dokument.yml", DocumentFile),
    DataFile("principer.yml", PrinciplesFile),
    DataFile("viljeriktningar.yml", GoalsFile),
    DataFile("metodik.yml", MethodsFile),
    DataFile("roller.yml", RolesFile),
    DataFile("omraden.yml", AreasFile),
    DataFile("ansvar.yml", ResponsibilitiesFile),
    DataFile("uppfoljning.yml", ObligationsFile),
    DataFile("ordlista.yml", GlossaryFile),
    DataFile("tillganglighet.yml", AccessibilityFile),
)


class SourceMap:
    """Where each key and list item of one YAML file stands (1-based lines)."""

    def __init__(self, display_name: str):
        self.display_name = display_name
        self.lines: dict[Loc, int] = {}

    def line(self, loc: Loc) -> int | None:
        """The line of ``loc``, or of its nearest parent that exists in the file."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), None)

    def error(self, loc: Loc, message: str) -> DataError:
        return DataError(self.display_name, self.line(loc), format_loc(loc), message)


# --- YAML ---------------------------------------------------------------------

_SYNTAX_HINTS = (
    (
        "while scanning a quoted scalar",
        "citattecknet som börjar på den här raden avslutas aldrig; lägg till ett "
        "avslutande citattecken av samma slag",
    ),
    (
        "found character '\\t'",
        "tabbtecken är inte tillåtet i YAML; dra in med mellanslag (två per nivå)",
    ),
    (
        "could not find expected ':'",
        "ett kolon saknas efter nyckeln (skriv 'nyckel: värde'), eller så fortsätter en "
        "rad utan rätt indrag",
    ),
    (
        "mapping values are not allowed here",
        "ett kolon står där det inte får stå; sätt texten inom citattecken om den "
        "innehåller ': ', eller kontrollera indraget",
    ),
    (
        "did not find expected key",
        "fel indrag: raden står inte i linje med nycklarna ovanför",
    ),
    (
        "did not find expected '-' indicator",
        "fel indrag i en lista: punkterna ska stå i linje och börja med '- '",
    ),
    (
        "found unexpected end of stream",
        "filen tar slut mitt i ett värde; troligen saknas ett avslutande citattecken",
    ),
    (
        "found unknown escape character",
        "okänd kombination med bakstreck inom dubbla citattecken; använd enkla citattecken",
    ),
    (
        "found undefined alias",
        "hänvisning (*namn) till ett ankare som inte finns",
    ),
    (
        "expected <block end>, but found",
        "fel indrag: raden står längre ut eller in än raderna den hör ihop med",
    ),
)


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = f"{exc.context or ''} {exc.problem or ''}"
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return f"YAML-syntaxfel: {hint}"
    return f"YAML-syntaxfel: filen kan inte läsas ({(exc.problem or str(exc)).strip()})"


class _Builder:
    """Builds Python values from YAML nodes, recording lines and duplicate keys."""

    def __init__(self, loader: yaml.SafeLoader, source: SourceMap):
        self.loader = loader
        self.source = source
        self.errors: list[DataError] = []
        self._active: set[int] = set()

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.source.lines.setdefault(loc, node.start_mark.line + 1)
        if id(node) in self._active:
            self.errors.append(self.source.error(loc, "YAML-hänvisningen pekar på sig själv"))
            return None
        if isinstance(node, yaml.MappingNode):
            self._active.add(id(node))
            try:
                return self._mapping(node, loc)
            finally:
                self._active.discard(id(node))
        if isinstance(node, yaml.SequenceNode):
            self._active.add(id(node))
            try:
                return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
            finally:
                self._active.discard(id(node))
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.errors.append(
                    DataError(
                        self.source.display_name, key_line, format_loc(loc),
                        "en nyckel måste vara ett enkelt ord, inte en lista eller samling",
                    )
                )
                continue
            key = self.loader.construct_object(key_node)
            if not isinstance(key, str):
                key = key_node.value
            child = loc + (key,)
            if key in first_line:
                self.errors.append(
                    DataError(
                        self.source.display_name, key_line, format_loc(child),
                        f"nyckeln '{key}' står två gånger i samma samling (första gången på rad "
                        f"{first_line[key]}); ta bort eller slå ihop den ena",
                    )
                )
                continue
            first_line[key] = key_line
            self.source.lines[child] = key_line
            result[key] = self.build(value_node, child)
        return result


def read_yaml(path: Path, display_name: str) -> tuple[Any, SourceMap, list[DataError]]:
    """Read one YAML file safely: its value, where each part stands, and its errors."""
    source = SourceMap(display_name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, source, [DataError(display_name, None, "", "filen saknas")]
    except UnicodeDecodeError:
        return None, source, [
            DataError(display_name, None, "", "filen är inte sparad som UTF-8; spara om den som UTF-8")
        ]
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, source, [DataError(display_name, 1, "", "filen är tom")]
        builder = _Builder(loader, source)
        value = builder.build(node, ())
        return value, source, builder.errors
    except yaml.MarkedYAMLError as exc:
        # A scanner error's context is where the broken token began (the key without
        # its colon, the opening quote): the line the editor must fix. A parser
        # error's context is the start of the enclosing block, so its problem is.
        if isinstance(exc, yaml.scanner.ScannerError) and exc.context_mark is not None:
            mark = exc.context_mark
        else:
            mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return None, source, [DataError(display_name, line, "", _syntax_message(exc))]
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return None, source, [DataError(display_name, None, "", f"YAML-syntaxfel: {exc}")]
    finally:
        loader.dispose()


# --- Validation -----------------------------------------------------------------


def _allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys accepted by the mapping that holds ``loc`` (for suggestions)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = _field_by_alias(current, part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _field_by_alias(model: type[BaseModel], key: str):
    for name, field in model.model_fields.items():
        if (field.alias or name) == key:
            return field
    return None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate(model: type[BaseModel], data: Any, source: SourceMap) -> tuple[Any, list[DataError]]:
    """Validate one file's data against its model; errors carry lines from ``source``."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        raw = exc.errors(include_url=False)
    missing = {tuple(e["loc"]) for e in raw if e["type"] == "missing"}
    errors = []
    for error in raw:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            allowed = _allowed_keys(model, loc)
            message = translate(error, allowed)
            hint = suggest(str(loc[-1]), allowed)
            if hint and loc[:-1] + (hint,) in missing:
                # A misspelt key: one error that names both the typo and the field
                # it should have been, instead of "unknown" plus "missing".
                missing.discard(loc[:-1] + (hint,))
                message = f"okänt fält '{loc[-1]}'; menade du '{hint}'? Fältet '{hint}' saknas annars"
            errors.append(source.error(loc, message))
    for error in raw:
        if error["type"] != "extra_forbidden" and (
            error["type"] != "missing" or tuple(error["loc"]) in missing
        ):
            errors.append(source.error(tuple(error["loc"]), translate(error)))
    return None, errors


@dataclass(frozen=True)
class LoadedPolicy:
    """The validated policy and where each of its values came from."""

    policy: Policy
    sources: dict[str, SourceMap]


def read_prose(docs_dir: Path) -> list[str]:
    """The Markdown sources of every page, for the quote checks."""
    return [path.read_text(encoding="utf-8") for path in sorted(Path(docs_dir).rglob("*.md"))]


def load_policy(
    data_dir: Path, docs_dir: Path | None = None, display_dir: str = "data"
) -> LoadedPolicy:
    """Read and validate every file of ``data_dir``; raise DataErrors listing all errors.

    With ``docs_dir``, quoted source sentences are also checked against the pages.
    """
    data_dir = Path(data_dir)
    errors: list[DataError] = []
    models: dict[str, Any] = {}
    sources: dict[str, SourceMap] = {}
    for data_file in DATA_FILES:
        display = f"{display_dir}/{data_file.name}"
        value, source, read_errors = read_yaml(data_dir / data_file.name, display)
        sources[data_file.name] = source
        errors += read_errors
        if read_errors:
            continue
        model, validation_errors = validate(data_file.model, value, source)
        errors += validation_errors
        if model is not None:
            models[data_file.name] = model
    if errors:
        raise DataErrors(errors)
    policy = Policy(
        document=models["dokument.yml"],
        principles=models["principer.yml"].principles,
        goals=models["viljeriktningar.yml"].goals,
        methods=models["metodik.yml"].methods,
        roles=models["roller.yml"].roles,
        areas=models["omraden.yml"].areas,
        responsibilities=models["ansvar.yml"].responsibilities,
        obligations=models["uppfoljning.yml"].obligations,
        glossary=models["ordlista.yml"].terms,
        accessibility=models["tillganglighet.yml"],
    )
    prose = read_prose(docs_dir) if docs_dir is not None else None
    errors = check_policy(policy, sources, prose)
    if errors:
        raise DataErrors(errors)
    return LoadedPolicy(policy, sources)

"""Reading one data file: YAML with line numbers, then its validated model.

PyYAML's safe loader keeps the last of two equal keys silently and forgets where
each value stood. Here the YAML is composed into nodes and built by hand, so that
a duplicate key is an error and every key and list item keeps its line for the
error messages. Reading is bounded (size, length, count, depth), so a broken or
hostile file gives a message with file and line instead of hanging.
"""

from __future__ import annotations

import codecs
import stat
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DataError, Loc, format_loc, shown, suggest, translate


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


# --- Reading files ----------------------------------------------------------------

#: Limits that keep a broken or hostile file from exhausting time or memory. The real
#: files are a few kilobytes, their longest text a few hundred characters and their
#: deepest value five levels down; the limits leave ample room for growth.
MAX_FILE_BYTES = 2_000_000  # a data file's size
MAX_TEXT = 10_000  # characters in one value (or key)
MAX_ITEMS = 10_000  # items in one list, keys in one mapping (a hundred times today's)
MAX_DEPTH = 20  # lists and mappings inside one another


def _size(count: int) -> str:
    return f"{count:,}".replace(",", "\u00a0")


_UNREADABLE = "filen kan inte läsas (är den en mapp, eller saknas läsrätt?)"


def read_text(
    path: Path, display_name: str, max_bytes: int | None = MAX_FILE_BYTES, links: bool = False
) -> tuple[str | None, DataError | None]:
    """A text file's content as UTF-8 (a BOM and CRLF line ends allowed), or the error.

    A file that is not UTF-8 is named with the line of its first unreadable byte. A
    data file may not be a symbolic link (it could point anywhere, and its target would
    be published with the version); a page, trusted like code, may (``links``).
    """
    try:
        if not links and path.is_symlink():
            return None, DataError(
                display_name, None, "",
                "filen är en symbolisk länk; lägg själva filen här i stället för en länk",
            )
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            return None, DataError(display_name, None, "", _UNREADABLE)
        if not stat.S_ISREG(status.st_mode):  # a FIFO would never end, a device never either
            return None, DataError(
                display_name, None, "",
                "filen är ingen vanlig fil (utan till exempel en namngiven pipe eller en "
                "enhetsfil) och läses inte; lägg en vanlig textfil här",
            )
        size = status.st_size
        if max_bytes is not None and size > max_bytes:
            return None, DataError(
                display_name, None, "",
                f"filen är {_size(size)} byte stor; en datafil får vara högst "
                f"{_size(max_bytes)} byte",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, DataError(display_name, None, "", "filen saknas")
    except OSError:
        return None, DataError(display_name, None, "", _UNREADABLE)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, DataError(
            display_name, line, "",
            "filen är inte sparad som UTF-8 (det första tecknet som inte kan läsas står på "
            "den här raden); spara om den med teckenkodningen UTF-8",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


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
        "while parsing a flow sequence",
        "hakparentesen '[' som öppnas på den här raden stängs inte rätt; skriv listan som "
        "[a, b] med kommatecken mellan punkterna, och sätt text med ':' inom citattecken",
    ),
    (
        "while parsing a flow mapping",
        "klammerparentesen '{' som öppnas på den här raden stängs inte rätt; skriv "
        "{nyckel: värde, nyckel: värde}",
    ),
    (
        "but found ']'",
        "en ']' står utan någon '[' som den stänger; ta bort den eller sätt texten inom "
        "citattecken",
    ),
    (
        "but found '}'",
        "en '}' står utan någon '{' som den stänger; ta bort den eller sätt texten inom "
        "citattecken",
    ),
    (
        "expected a single document in the stream",
        "filen innehåller mer än ett dokument: '---' på den här raden inleder ett till; "
        "ta bort raden så att allt står i ett dokument",
    ),
    (
        "that cannot start any token",
        "ett värde kan inte börja med det här tecknet (till exempel @ eller `); sätt "
        "texten inom citattecken",
    ),
    (
        "while scanning a block scalar",
        "efter '|' eller '>' får bara stå '-' eller '+' på samma rad; texten börjar på "
        "nästa rad med indrag",
    ),
    (
        "while scanning an anchor",
        "'&' inleder ett YAML-ankare, som inte används i datafilerna; sätt texten inom "
        "citattecken",
    ),
    (
        "while scanning an alias",
        "'*' inleder en YAML-hänvisning, som inte används i datafilerna; sätt texten inom "
        "citattecken",
    ),
    (
        "expected '<document start>'",
        "raden kan inte läsas: direktiv som '%YAML' hör inte hemma i datafilerna; ta bort "
        "raden",
    ),
    (
        "expected <block end>, but found",
        "fel indrag: raden står längre ut eller in än raderna den hör ihop med",
    ),
)

_GENERIC_SYNTAX = (
    "raden kan inte läsas; kontrollera indraget (mellanslag, två per nivå), att varje "
    "nyckel följs av ': ' och att citattecken och parenteser avslutas"
)


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = f"{exc.context or ''} {exc.problem or ''}"
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return f"YAML-syntaxfel: {hint}"
    return f"YAML-syntaxfel: {_GENERIC_SYNTAX}"


def _syntax_line(exc: yaml.MarkedYAMLError) -> int | None:
    # A scanner error's context is where the broken token began (the key without
    # its colon, the opening quote), and an unclosed flow collection is best found
    # where it opens: the line the editor must fix. Otherwise a parser error's
    # context is the start of the enclosing block, so its problem is.
    context = exc.context or ""
    if exc.context_mark is not None and (
        isinstance(exc, yaml.scanner.ScannerError) or "flow" in context
    ):
        mark = exc.context_mark
    else:
        mark = exc.problem_mark or exc.context_mark
    return mark.line + 1 if mark else None


#: Whether PyYAML has libyaml's C parser (the wheels have it); without it, the slower
#: pure-Python loader reads every file, with the same result.
_FAST = bool(getattr(yaml, "__with_libyaml__", False))


class _Refusal(Exception):
    """A file the loader refuses to compose further: the line and the reason."""

    def __init__(self, mark: yaml.Mark | None, message: str):
        super().__init__(message)
        self.line = mark.line + 1 if mark is not None else None
        self.message = message


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, composing only what data files need, within the limits.

    Anchors and aliases are refused (an alias bomb expands exponentially and editors
    never need them), as are values longer, lists longer and nesting deeper than the
    limits above: each before the composer goes on, so that nothing grows unbounded
    and Python's recursion limit is never reached.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        _refuse(event, parent, self._depth)
        if isinstance(event, yaml.CollectionStartEvent):
            self._depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)


def _refuse(event: yaml.Event, parent: yaml.Node | None, depth: int) -> None:
    """Refuse an event beyond the limits, before anything is built from it."""
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
        raise _Refusal(
            event.start_mark,
            "YAML-ankare (&namn) och hänvisningar (*namn) används inte i datafilerna; "
            "skriv ut värdet på varje ställe där det behövs",
        )
    if parent is not None and len(parent.value) >= MAX_ITEMS:
        what = "punkter" if isinstance(parent, yaml.SequenceNode) else "nycklar"
        raise _Refusal(
            parent.start_mark,
            f"listan eller samlingen som börjar här har fler än {_size(MAX_ITEMS)} {what}; "
            f"så många tillåts inte i en datafil",
        )
    if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_TEXT:
        raise _Refusal(
            event.start_mark,
            f"värdet är {_size(len(event.value))} tecken långt; ett värde får vara högst "
            f"{_size(MAX_TEXT)} tecken",
        )
    if isinstance(event, yaml.CollectionStartEvent) and depth >= MAX_DEPTH:
        raise _Refusal(
            event.start_mark,
            f"värdet är för djupt nästlat (mer än {MAX_DEPTH} nivåer av listor och "
            "samlingar i varandra); kontrollera parenteserna och indraget",
        )


class _NotFast(Exception):
    """What the fast reader leaves to PyYAML's own, which words the message."""


def _compose_fast(text: str) -> tuple[yaml.Node | None, Any]:
    """Compose with libyaml's C parser (many times faster than PyYAML's own), with the
    same limits and refusals, checked on each event before anything is built from it.

    Any error of the YAML itself raises _NotFast: the file is then read again by the
    pure-Python loader, whose messages (and their lines) the editor gets.
    """
    loader = yaml.CSafeLoader(text)
    try:
        loader.get_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):
            return None, loader
        loader.get_event()  # the document's start
        node = _fast_node(loader, None, 0)
        loader.get_event()  # the document's end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _NotFast  # a second document: PyYAML says where
        return node, loader
    except yaml.YAMLError:
        raise _NotFast from None


def _fast_node(loader: Any, parent: yaml.Node | None, depth: int) -> yaml.Node:
    event = loader.peek_event()
    _refuse(event, parent, depth)
    event = loader.get_event()
    tag = event.tag
    if isinstance(event, yaml.ScalarEvent):
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
    if isinstance(event, yaml.SequenceStartEvent):
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.SequenceNode, None, event.implicit)
        node = yaml.SequenceNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
        while not loader.check_event(yaml.SequenceEndEvent):
            node.value.append(_fast_node(loader, node, depth + 1))
    elif isinstance(event, yaml.MappingStartEvent):
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.MappingNode, None, event.implicit)
        node = yaml.MappingNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
        while not loader.check_event(yaml.MappingEndEvent):
            key = _fast_node(loader, node, depth + 1)
            node.value.append((key, _fast_node(loader, node, depth + 1)))
    else:  # pragma: no cover - the parser yields no other event here
        raise _NotFast
    node.end_mark = loader.get_event().end_mark
    return node


_YAML_TAG = "tag:yaml.org,2002:"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


class _Builder:
    """Builds Python values from YAML nodes, recording lines and duplicate keys."""

    def __init__(self, loader: yaml.SafeLoader, source: SourceMap):
        self.loader = loader
        self.source = source
        self.errors: list[DataError] = []

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.source.lines.setdefault(loc, node.start_mark.line + 1)
        if node.tag not in _STANDARD_TAGS:
            self.errors.append(self.source.error(
                loc,
                f"typmarkeringen {shown(node.tag.replace(_YAML_TAG, '!!'))} används inte i datafilerna; ta bort den "
                "(och sätt texten inom citattecken om det behövs)",
            ))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, loc)

    def _scalar(self, node: yaml.Node, loc: Loc) -> Any:
        if node.tag == _TIMESTAMP:
            # A date stays text here: the models read it, and an impossible date such
            # as 2027-02-30 gets their message with its line instead of a crash.
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError):
            self.errors.append(self.source.error(
                loc, f"värdet {shown(node.value)} kan inte läsas; sätt det inom citattecken "
                "om det är en text",
            ))
            return None

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
            key = key_node.value  # keys are names: 1, yes or 2026-01-01 stay as written
            child = loc + (key,)
            if key in first_line:
                self.errors.append(
                    DataError(
                        self.source.display_name, key_line, format_loc(child),
                        f"nyckeln {shown(key)} står två gånger i samma samling (första gången på "
                        f"rad {first_line[key]}); ta bort eller slå ihop den ena",
                    )
                )
                continue
            first_line[key] = key_line
            self.source.lines[child] = key_line
            result[key] = self.build(value_node, child)
        return result


def parse_yaml(text: str, display_name: str) -> tuple[Any, SourceMap, list[DataError]]:
    """Compose YAML text safely and within the limits: its value, lines and errors."""
    source = SourceMap(display_name)
    if _FAST:
        try:
            node, loader = _compose_fast(text)
        except _NotFast:
            pass  # the pure-Python loader below finds the error and words it
        except _Refusal as exc:
            return None, source, [DataError(display_name, exc.line, "", exc.message)]
        else:
            try:
                if node is None:
                    return None, source, [DataError(display_name, 1, "", "filen är tom")]
                builder = _Builder(loader, source)
                return builder.build(node, ()), source, builder.errors
            finally:
                loader.dispose()
    try:
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as exc:
        return None, source, [_reader_error(exc, text, display_name)]
    try:
        node = loader.get_single_node()
        if node is None:
            return None, source, [DataError(display_name, 1, "", "filen är tom")]
        builder = _Builder(loader, source)
        value = builder.build(node, ())
        return value, source, builder.errors
    except _Refusal as exc:
        return None, source, [DataError(display_name, exc.line, "", exc.message)]
    except yaml.reader.ReaderError as exc:
        return None, source, [_reader_error(exc, text, display_name)]
    except yaml.MarkedYAMLError as exc:
        return None, source, [DataError(display_name, _syntax_line(exc), "", _syntax_message(exc))]
    except yaml.YAMLError:  # pragma: no cover - unmarked errors are rare
        return None, source, [DataError(display_name, None, "", f"YAML-syntaxfel: {_GENERIC_SYNTAX}")]
    finally:
        loader.dispose()


def _reader_error(exc: yaml.reader.ReaderError, text: str, display_name: str) -> DataError:
    line = text[: exc.position].count("\n") + 1
    character = exc.character if isinstance(exc.character, int) else 0
    return DataError(
        display_name, line, "",
        f"tecknet U+{character:04X} (ett styrtecken) får inte stå i en datafil; ta bort det",
    )


def read_yaml(path: Path, display_name: str) -> tuple[Any, SourceMap, list[DataError]]:
    """Read one YAML file safely: its value, where each part stands, and its errors."""
    text, error = read_text(path, display_name)
    if error is not None:
        return None, SourceMap(display_name), [error]
    return parse_yaml(text, display_name)


# --- Validation -----------------------------------------------------------------


def _holder(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model of the mapping that holds ``loc``."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = _field_by_alias(current, part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
        if current is None:
            return None
    return current


def _allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys accepted by the mapping that holds ``loc`` (for suggestions)."""
    holder = _holder(model, loc)
    return [f.alias or name for name, f in holder.model_fields.items()] if holder else []


def _advice(model: type[BaseModel], loc: Loc, error: dict) -> str | None:
    """How to write what ``error`` found, where the model knows more than the error: a
    field that has moved (the model's ``moved_fields``), or a value written as one word
    that the model writes in two fields (an enumeration's ``advice``)."""
    holder = _holder(model, loc)
    if holder is None or not loc:
        return None
    if error["type"] == "extra_forbidden":
        return (getattr(holder, "moved_fields", None) or {}).get(str(loc[-1]))
    field = _field_by_alias(holder, str(loc[-1]))
    kinds = getattr(field.annotation, "__args__", None) or (field.annotation,) if field else ()
    for kind in kinds:
        advise = getattr(kind, "advice", None)
        if callable(advise) and isinstance(error.get("input"), str):
            found = advise(error["input"])
            if found:
                return found
    return None


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
            moved = _advice(model, loc, error)
            if moved:
                # A field of an earlier version of the model: where it went and how to write it.
                message = f"fältet {shown(str(loc[-1]))} finns inte längre; {moved}"
            elif hint and loc[:-1] + (hint,) in missing:
                # A misspelt key: one error that names both the typo and the field
                # it should have been, instead of "unknown" plus "missing".
                missing.discard(loc[:-1] + (hint,))
                message = (
                    f"okänt fält {shown(str(loc[-1]))}; menade du '{hint}'? Fältet '{hint}' "
                    "saknas annars"
                )
            errors.append(source.error(loc, message))
    for error in raw:
        if error["type"] != "extra_forbidden" and (
            error["type"] != "missing" or tuple(error["loc"]) in missing
        ):
            message = translate(error)
            advice = _advice(model, tuple(error["loc"]), error) if error["type"] == "enum" else None
            errors.append(source.error(tuple(error["loc"]), f"{message}; {advice}" if advice else message))
    return None, errors



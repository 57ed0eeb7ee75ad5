"""Errors in the data, worded in Swedish for the editor who made them.

Every error names the file, the line, the field path (as the editor sees it in the
YAML, for example ``roller[3].namn``), what was found and what is expected.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from collections.abc import Iterable

Loc = tuple[str | int, ...]

#: At most this many characters of a value from the data appear in a message.
MAX_SHOWN = 80

#: At most this many characters of one message, and this many messages in a report:
#: a hostile file cannot make the report itself unreadable.
MAX_MESSAGE = 1_000
MAX_REPORTED = 50


def clip(value: Any, limit: int = MAX_SHOWN) -> str:
    """A value from the data as a message shows it: printable and at most ``limit`` long.

    Control and format characters (a newline, an escape sequence that would drive
    the terminal, a bidi override) are shown as their code, never as themselves.
    """
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} else c
        for c in text
    )


def shown(value: Any) -> str:
    """A value from the data, quoted and clipped, for a message."""
    return f"'{clip(value)}'"


@dataclass(frozen=True, order=True)
class DataError:
    """One mistake in one data file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        message = clip(self.message, MAX_MESSAGE)  # values in it are clipped already
        if self.field:
            return f"{where}: {clip(self.field, 2 * MAX_SHOWN)}: {message}"
        return f"{where}: {message}"


class DataErrors(Exception):
    """All the errors found in one run, raised together."""

    def __init__(self, errors: Iterable[DataError]):
        self.errors = sorted(set(errors), key=lambda e: (e.file, e.line or 0, e.field, e.message))
        super().__init__(self.report())

    def report(self) -> str:
        # The folders the errors are in, as the messages name them (data/, docs/ …).
        folders = list(dict.fromkeys(
            (e.file.split("/")[0] + "/" if "/" in e.file else e.file) if e.file.split("/")[0] else "data/"
            for e in self.errors)) or ["data/"]
        where = folders[0] if len(folders) == 1 else ", ".join(folders[:-1]) + " och " + folders[-1]
        lines = [
            f"Fel i {where} ({len(self.errors)} fel); webbplatsen byggs inte förrän de är rättade:"
        ]
        lines += [f"  {error}" for error in self.errors[:MAX_REPORTED]]
        if len(self.errors) > MAX_REPORTED:
            lines.append(
                f"  … och {len(self.errors) - MAX_REPORTED} fel till; rätta de första och "
                "kontrollera igen"
            )
        return "\n".join(lines)


class BuildStop(Exception):
    """A build that cannot go on, with the message for the reader (Swedish, naming the file
    or page and what to do). A generator's adapter turns it into its own kind of failure."""


def format_loc(loc: Loc) -> str:
    """``('roller', 3, 'namn')`` -> ``roller[3].namn``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = clip(part)
            out += f".{part}" if out else part
    return out


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to a misspelt word, if one is close enough."""
    word = str(word)
    if len(word) > 2 * MAX_SHOWN:
        return None  # nothing that long is a misspelling of a short name
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return clip(matches[0]) if matches else None


def quoted_list(values: Iterable[str], limit: int = 30) -> str:
    """``'a', 'b', 'c'``: at most ``limit`` values, each clipped."""
    values = list(values)
    listed = ", ".join(shown(v) for v in values[:limit])
    if len(values) > limit:
        listed += f" … och {len(values) - limit} till"
    return listed


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return shown(value)
    if value is None:
        return "ett tomt värde"
    if isinstance(value, bool):
        return f"{'ja' if value else 'nej'} (sant/falskt)"
    if isinstance(value, dict):
        return "en samling fält"
    if isinstance(value, list):
        return "en lista"
    return shown(value)


def translate(error: dict[str, Any], allowed_keys: Iterable[str] = ()) -> str:
    """A pydantic error, told in Swedish: what was found and what is expected.

    ``allowed_keys`` are the keys that the mapping holding the field accepts; they
    give the suggestion for a misspelt key.
    """
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    loc = error.get("loc") or ()
    field = loc[-1] if loc else ""

    if kind == "missing":
        return f"fältet '{field}' saknas; det är obligatoriskt"
    if kind == "extra_forbidden":
        allowed = sorted(allowed_keys)
        hint = suggest(str(field), allowed)
        message = f"okänt fält {shown(field)}"
        if hint:
            message += f"; menade du '{hint}'?"
        if allowed:
            message += f" (tillåtna fält: {', '.join(allowed)})"
        return message
    if kind == "enum" or kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        from .timing import safe_suggestion

        message = f"{_shown(value)} är inte ett tillåtet värde"
        # Only a misspelling of the same value is suggested, never a value that means
        # something else: the list is closed and an editor may trust the suggestion.
        hint = safe_suggestion(str(value), expected)
        if hint:
            message += f"; menade du '{hint}'?"
        else:
            nearest = suggest(str(value), expected)
            if nearest:
                message += f"; närmast bland de tillåtna är '{nearest}' (kontrollera att det betyder det du menar)"
        return message + f" (listan är stängd; tillåtna värden: {quoted_list(expected)})"
    if kind in {"string_type"}:
        return f"förväntade en text, fann {_shown(value)}"
    if kind == "string_too_short":
        return "texten får inte vara tom"
    if kind == "string_pattern_mismatch":
        if field == "id":
            return (
                f"{_shown(value)} är inte ett giltigt id; använd små bokstäver a–z, siffror och "
                "bindestreck, utan å, ä, ö och mellanslag (till exempel 'kommunstyrelsen')"
            )
        return f"{_shown(value)} har fel form (förväntat mönster: {ctx.get('pattern')})"
    if kind in {"list_type", "tuple_type"}:
        return f"förväntade en lista (rader som börjar med '- '), fann {_shown(value)}"
    if kind == "too_short" and "min_length" in ctx:
        return f"listan måste ha minst {ctx['min_length']} punkt(er)"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"förväntade en samling fält (nyckel: värde), fann {_shown(value)}"
    if kind.startswith(("date", "datetime")):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return (
                f"{_shown(value)} är inget datum som finns i kalendern; kontrollera månaden "
                "och dagen (formen är ÅÅÅÅ-MM-DD)"
            )
        return f"förväntade ett datum i formen ÅÅÅÅ-MM-DD (till exempel 2026-10-15), fann {_shown(value)}"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        low, high = ctx.get("ge", ctx.get("gt")), ctx.get("le", ctx.get("lt"))
        bound = f"minst {low}" if low is not None else f"högst {high}"
        if field == "månad":
            return f"{_shown(value)} är ingen månad; skriv månadens nummer, 1 (januari) till 12 (december)"
        return f"{_shown(value)} är utanför det tillåtna; värdet ska vara {bound}"
    if kind.startswith("int"):
        return f"förväntade ett heltal, fann {_shown(value)}"
    if kind.startswith("bool"):
        return f"förväntade sant eller falskt (true eller false), fann {_shown(value)}"
    if kind == "value_error" and "error" in ctx:
        return clip(ctx["error"], MAX_MESSAGE)
    if kind == "assertion_error" and "error" in ctx:
        return clip(ctx["error"], MAX_MESSAGE)
    return f"ogiltigt värde {_shown(value)} ({clip(error.get('msg', kind), 2 * MAX_SHOWN)})"

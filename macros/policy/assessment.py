"""The recorded accessibility assessment (data/granskning.json): its model and reader.

``make granskning`` runs the accessibility tests and, when every page passes, writes what
they checked here, naming the organisation and the service it was run on and the
fingerprint of the sources (data and pages) it was made of. This module reads and checks
the record; the statement that shows it is rendered by macros/views/accessibility.py.
"""


from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .errors import DataError, DataErrors, shown
from .reading import SourceMap, parse_yaml, read_text, validate
from .memo import LastResult
from .model import Date

ASSESSMENT_FILE = "granskning.json"


def _one_line(value: str) -> str:
    if re.search(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]", value):
        raise ValueError("texten får inte innehålla radbrytningar eller styrtecken")
    return value


Label = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_one_line)]
Count = Annotated[int, Field(strict=True, ge=0, le=1_000_000)]
Name = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_one_line)]


class Assessment(BaseModel):
    """data/granskning.json: what the accessibility tests checked and found."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    organisation: Name  # whose site was assessed (dokument.yml)
    tjänst: Name  # which service (tillganglighet.yml)
    källor: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]  # sources.fingerprint of what was assessed
    datum: Date
    verktyg: Label
    regler: list[Label] = Field(default=[], max_length=100)
    sidor: Count
    lägen: list[Label] = Field(min_length=1, max_length=10)
    bredder: list[Annotated[int, Field(strict=True, ge=1, le=100_000)]] = Field(
        min_length=1, max_length=10
    )
    kontroller: Count
    fel: Count


class _DuplicateKey(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen.add(key)
    return dict(pairs)


def check_assessment(data_dir: Path, display_dir: str = "data") -> tuple[dict | None, list[DataError]]:
    """The validated assessment (None when there is none yet), or its errors with lines."""
    path = Path(data_dir) / ASSESSMENT_FILE
    display = f"{display_dir}/{ASSESSMENT_FILE}"
    if not path.exists() and not path.is_symlink():
        return None, []
    content, error = read_text(path, display)
    if error is not None:
        return None, [error]
    # Read again by make serve on every save: validated again only when it changed.
    assessment, errors = _ASSESSMENTS(display, content, lambda: _checked(content, display))
    return (dict(assessment) if assessment is not None else None), list(errors)


#: The assessment file's last reading (macros/policy/memo.py).
_ASSESSMENTS: LastResult[tuple[dict | None, list[DataError]]] = LastResult()


def _checked(content: str, display: str) -> tuple[dict | None, list[DataError]]:
    rerun = "filen skrivs av tillgänglighetstesterna; kör dem igen i stället för att rätta för hand"
    try:
        value = json.loads(content, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        return None, [DataError(
            display, exc.lineno, "",
            "filen är inte giltig JSON (ett kommatecken, ett citattecken eller en parentes "
            f"saknas eller står fel); {rerun}",
        )]
    except _DuplicateKey as exc:
        quoted = json.dumps(exc.key, ensure_ascii=False)
        second = content.find(quoted, content.find(quoted) + 1)
        line = content[:second].count("\n") + 1 if second >= 0 else 1
        return None, [DataError(display, line, "", f"nyckeln {shown(exc.key)} står två gånger; {rerun}")]
    except (ValueError, RecursionError):  # a number too long, nesting too deep
        return None, [DataError(
            display, 1, "", f"filen kan inte läsas (för djupt nästlad eller med för långa tal); {rerun}"
        )]
    model, errors = validate(Assessment, value, _json_lines(content, display))
    if errors:
        return None, errors
    return model.model_dump(mode="json"), []


def _json_lines(content: str, display: str) -> SourceMap:
    """Where each key and item of a JSON file stands (JSON is read as YAML for its lines)."""
    _, source, errors = parse_yaml(content, display)
    if errors:
        source = SourceMap(display)
        source.lines[()] = 1
    return source


def read_assessment(data_dir: Path, display_dir: str = "data") -> dict | None:
    """The latest automated assessment, or None; raises DataErrors when the file is broken."""
    assessment, errors = check_assessment(data_dir, display_dir)
    if errors:
        raise DataErrors(errors)
    return assessment

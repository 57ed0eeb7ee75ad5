"""Editors read the schemas in their editor's completion: every description is Swedish."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = re.compile(r"\b(the|of|and|is|with|from|which)\b", re.I)


def descriptions(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"description", "title"} and isinstance(value, str):
                yield value
            else:
                yield from descriptions(value)
    elif isinstance(node, list):
        for item in node:
            yield from descriptions(item)


def test_no_schema_text_is_english():
    found = []
    for path in sorted((ROOT / "schemas").glob("*.json")):
        for text in descriptions(json.loads(path.read_text("utf-8"))):
            if ENGLISH.search(text):
                found.append(f"{path.name}: {text}")
    assert found == []


def properties(node, where=""):
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}.{name}", prop
        for key, value in node.items():
            if key != "properties":
                yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for item in node:
            yield from properties(item, where)


def test_every_field_has_a_swedish_title_and_description():
    missing = []
    for path in sorted((ROOT / "schemas").glob("*.json")):
        for name, prop in properties(json.loads(path.read_text("utf-8"))):
            if not prop.get("title") or not prop.get("description"):
                missing.append(f"{path.name}{name}")
    assert missing == []

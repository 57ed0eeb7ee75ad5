"""Editors read the schemas in their editor's completion: every description is Swedish."""

from __future__ import annotations

import json
import re
from pathlib import Path

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

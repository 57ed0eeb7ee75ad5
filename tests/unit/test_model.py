"""The models: unknown facts, vocabularies, refused keys."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from macros.policy.model import UNKNOWN, Decision, DocumentStatus, RoleKind, Statement

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)


def test_unknown_marker_becomes_none_and_blank_is_refused():
    decision = Decision(datum=UNKNOWN, paragraf="Uppgift saknas", diarienummer="KS 2026/12")
    assert decision.date is None and decision.paragraph is None
    assert decision.registry_number == "KS 2026/12"
    with pytest.raises(ValidationError, match="skriv uppgiften, eller 'uppgift saknas'"):
        Decision(datum=None, paragraf=UNKNOWN, diarienummer=UNKNOWN)


def test_unknown_keys_are_refused():
    with pytest.raises(ValidationError) as caught:
        Statement(id="a", text="A.", txet="B.")
    assert caught.value.errors()[0]["type"] == "extra_forbidden"


def test_every_vocabulary_word_has_a_swedish_label():
    for enum in (DocumentStatus, RoleKind):
        for member in enum:
            assert member.label and member.label[0].isupper()


def test_ids_are_url_safe():
    with pytest.raises(ValidationError):
        Statement(id="med mellanslag", text="A.")
    assert Statement(id="iso-27000", text="A.").id == "iso-27000"

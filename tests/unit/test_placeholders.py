"""The skeleton's marks (FYLL I:) as make check and the build name them."""

from __future__ import annotations

import pytest

from macros.policy.placeholders import marks_in_text, placeholder_problems

pytestmark = pytest.mark.content_independent

YAML = """\
# Varje rad med FYLL I är en uppgift; fyll i blanketten.
organisation: "FYLL I: Organisationens namn"
# FYLL I: beslutet ur protokollet
beslut:
  datum: uppgift saknas
revidering:
  källa: >-
    Policyn ska revideras
    FYLL I: meningen ur texten
roller:
  - id: a
    namn: Styrelsen
"""


def test_each_mark_is_named_with_line_field_and_what_to_write():
    found = marks_in_text(YAML, "data/dokument.yml", yaml_file=True)
    assert [(e.line, e.field) for e in found] == [(2, "organisation"), (3, "beslut"), (9, "revidering.källa")]
    assert found[0].message == ("kvar att fylla i: Organisationens namn (skriv in uppgiften och ta "
                                "bort 'FYLL I:')")
    assert "beslutet ur protokollet" in found[1].message


def test_ordinary_words_and_the_mark_without_its_colon_are_no_marks():
    assert marks_in_text("Fyll i blanketten.\nFYLL I formuläret\nÖVERFYLL I: nej\n", "docs/a.md") == []


def test_marks_in_pages_and_styles_name_the_file_and_line(tmp_path):
    docs = tmp_path / "docs"
    (docs / "css").mkdir(parents=True)
    (docs / "index.md").write_text("# Rubrik\n\n{## FYLL I: ingressen ##}\n", encoding="utf-8")
    (docs / "css" / "a.css").write_text("/* FYLL I: färgerna */\n", encoding="utf-8")
    (docs / ".utkast.md").write_text("FYLL I: aldrig läst\n", encoding="utf-8")
    (docs / "bild.png").write_bytes(b"\x89PNG FYLL I: binary")
    (tmp_path / "mkdocs.yml").write_text("site_name: 'FYLL I: Namnet'\n", encoding="utf-8")
    found = placeholder_problems([(docs, "docs")], [(tmp_path / "mkdocs.yml", "mkdocs.yml")])
    assert [(e.file, e.line, e.message.split(" (")[0]) for e in found] == [
        ("mkdocs.yml", 1, "kvar att fylla i: Namnet"),
        ("docs/css/a.css", 1, "kvar att fylla i: färgerna"),
        ("docs/index.md", 3, "kvar att fylla i: ingressen"),
    ]

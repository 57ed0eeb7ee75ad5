"""The adopted text as decided (data/antagen-text.txt), and what of it a site lacks.

The file holds the adopted text as plain UTF-8, typically extracted from the decided PDF,
so its line and page breaks are artefacts. Its format (README, "En annan organisation"):
the cover's lines first (the title, who adopted it), each a unit of its own; then the
sections, each under a heading line that starts with its number (``1. Inledning``, a
subsection ``2.1 Viljeriktningar``); list items start with ``•``; the table of principles
is one line of the principles' names, each a cell. Blank lines are no paragraph breaks:
sentence ends, bullets and headings separate the units.

Every unit must be on the site's pages that carry the adopted text, in the section of
the same heading, and its sentences in the file's order (the fidelity rule). make check
tells each that is not, with its line in the file; the fidelity test checks the built
site by the same rule.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .adopted_text import normalize
from .errors import DataError, shown

#: The file's name in data/.
ADOPTED_TEXT_FILE = "antagen-text.txt"

_SECTION_HEADING = re.compile(r"^\s*\d+\.\s+\S.{0,40}$")
_SUBSECTION_HEADING = re.compile(r"^\s*\d+\.\d+\s+\S.{0,40}$")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÅÄÖ])")


@dataclass(frozen=True)
class Unit:
    """One unit of the adopted text: a heading, a cell of the principles' table or a sentence."""

    kind: str  # "heading", "cell" or "sentence"
    text: str
    line: int = field(default=0, compare=False)  # where it starts in the file


@dataclass(frozen=True)
class Section:
    heading: str  # "" for the cover, before the first section
    line: int
    units: list[Unit]


def sections(text: str, principle_names: list[str]) -> list[Section]:
    """The file's sections in order, each with its units and their lines."""
    table_row = " ".join(principle_names)
    found: list[Section] = []
    running: list[tuple[int, str]] = []

    def flush() -> None:
        if not running:
            return
        joined, starts, lines = "", [], []
        for line_number, line in running:
            starts.append(len(joined))
            lines.append(line_number)
            joined += line + " "
        position = 0
        for bullet in joined.split("•"):
            for sentence in _SENTENCE_END.split(bullet.strip()):
                sentence = normalize(sentence)
                if not sentence:
                    continue
                at = joined.find(sentence.split(" ")[0], position)
                position = max(at, position)
                line = lines[max(bisect.bisect_right(starts, position) - 1, 0)]
                found[-1].units.append(Unit("sentence", sentence, line))
                position += len(sentence.split(" ")[0])
        running.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        clean = normalize(line)
        heading = bool(_SECTION_HEADING.match(line)) and not clean.endswith(".")
        if not found and clean and not heading:
            found.append(Section("", number, []))
        if len(found) == 1 and found[0].heading == "" and clean and not heading:
            found[0].units.append(Unit("heading", clean, number))
        elif heading:
            flush()
            found.append(Section(clean, number, [Unit("heading", clean, number)]))
        elif _SUBSECTION_HEADING.match(line):
            flush()
            found[-1].units.append(Unit("heading", clean, number))
        elif principle_names and clean == table_row:
            flush()
            found[-1].units.extend(Unit("cell", cell, number) for cell in principle_names)
        elif clean:
            running.append((number, clean))
    flush()
    return found


@dataclass
class Fidelity:
    """What of the adopted text a site lacks: sections, units, and sentences out of order."""

    missing_sections: list[Section] = field(default_factory=list)
    missing: list[Unit] = field(default_factory=list)
    out_of_order: list[Unit] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missing_sections or self.missing or self.out_of_order)


def fidelity(text: str, principle_names: list[str], site_sections: list[str]) -> Fidelity:
    """Compare the adopted text with the site's sections (the normalized text of each part
    of the adopted pages: before the first second-level heading, and under each)."""
    result = Fidelity()
    for section in sections(text, principle_names):
        units = section.units
        if section.heading:
            where = next((t for t in site_sections
                          if t == section.heading or t.startswith(section.heading + " ")), None)
        else:  # the cover: in the part that carries all its lines, or its first
            where = next((t for t in site_sections if all(u.text in t for u in units)),
                         next((t for t in site_sections if units and units[0].text in t), None))
        if where is None:
            result.missing_sections.append(section)
            continue
        position = 0
        for unit in units:
            if unit.text not in where:
                result.missing.append(unit)
            elif unit.kind == "sentence":
                found = where.find(unit.text, position)
                if found < 0:
                    result.out_of_order.append(unit)
                else:
                    position = found + len(unit.text)
    return result


def fidelity_errors(result: Fidelity, shown_file: str, pages: list[str]) -> list[DataError]:
    """The comparison as make check tells it, each with its line in the file."""
    where = ", ".join(pages) if pages else "sidorna med 'antagen_text: true'"
    errors = [
        DataError(shown_file, section.line, "",
                  f"avsnittet {shown(section.heading)} finns inte som rubrik på sidorna med den "
                  f"antagna texten ({where}); skriv rubriken där med samma nummer och ord")
        for section in result.missing_sections
    ]
    for unit in result.missing:
        what = {"heading": "rubriken", "cell": "principen"}.get(unit.kind, "meningen")
        errors.append(DataError(
            shown_file, unit.line, "",
            f"{what} {shown(unit.text)} står inte ordagrant i sitt avsnitt på sidorna med den "
            f"antagna texten ({where}); skriv den där, eller i data/, exakt som den antogs",
        ))
    for unit in result.out_of_order:
        errors.append(DataError(
            shown_file, unit.line, "",
            f"meningen {shown(unit.text)} står på sidan men inte i den antagna textens ordning "
            f"({where}); flytta den dit den står i den antagna texten",
        ))
    return errors

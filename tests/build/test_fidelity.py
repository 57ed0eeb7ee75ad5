"""Every sentence of the adopted text appears on the built site, word for word, in order.

The adopted text (tests/fixtures/antagen-text.txt) was extracted from a PDF: its line
and page breaks are artefacts, and so is the layout of its three-column table of
principles, whose header row names the three columns.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.sitetext import article_sections, normalize

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "antagen-text.txt"

#: The header row of the PDF's three-column table: each cell is a unit of its own.
TABLE_HEADER_ROWS = {
    "Konfidentialitet Riktighet Tillgänglighet": ["Konfidentialitet", "Riktighet", "Tillgänglighet"]
}

SECTION_HEADING = re.compile(r"^\s*\d+\.\s+\S.{0,40}$")
SUBSECTION_HEADING = re.compile(r"^\s*\d+\.\d+\s+\S.{0,40}$")
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÅÄÖ])")


class Unit(NamedTuple):
    kind: str  # "heading", "cell" or "sentence"
    text: str


def seed_sections(text: str) -> list[tuple[str, list[Unit]]]:
    """The seed as (section heading, units) in the seed's order."""
    sections: list[tuple[str, list[Unit]]] = []
    running: list[str] = []

    def flush():
        if running:
            for bullet in normalize(" ".join(running)).split("•"):
                sections[-1][1].extend(
                    Unit("sentence", s) for s in SENTENCE_END.split(bullet.strip()) if s
                )
        running.clear()

    for line in text.splitlines():
        clean = normalize(line)
        if SECTION_HEADING.match(line) and not clean.endswith("."):
            flush()
            sections.append((clean, [Unit("heading", clean)]))
        elif SUBSECTION_HEADING.match(line):
            flush()
            sections[-1][1].append(Unit("heading", clean))
        elif clean in TABLE_HEADER_ROWS:
            flush()
            sections[-1][1].extend(Unit("cell", cell) for cell in TABLE_HEADER_ROWS[clean])
        elif clean:
            # Blank lines in the extraction are not paragraph breaks (sentences run
            # across them): sentence ends, bullets and headings separate the units.
            running.append(clean)
    flush()
    return sections


def fidelity_problems(seed: str, site_sections: list[str]) -> dict[str, list[str]]:
    """What of the seed the site lacks, or has out of the seed's order, per section."""
    problems: dict[str, list[str]] = {"missing section": [], "missing": [], "out of order": []}
    for heading, units in seed_sections(seed):
        text = next((t for t in site_sections if t.startswith(heading)), None)
        if text is None:
            problems["missing section"].append(heading)
            continue
        position = 0
        for unit in units:
            if unit.text not in text:
                problems["missing"].append(unit.text)
            elif unit.kind == "sentence":
                found = text.find(unit.text, position)
                if found < 0:
                    problems["out of order"].append(unit.text)
                else:
                    position = found + len(unit.text)
    return problems


NO_PROBLEMS = {"missing section": [], "missing": [], "out of order": []}


def test_seed_splits_into_the_four_sections_and_all_sentences():
    sections = seed_sections(SEED.read_text(encoding="utf-8"))
    assert [heading for heading, _ in sections] == [
        "1. Informationssäkerhet", "2. Mål", "3. Roller och Ansvar", "4. Uppföljning",
    ]
    units = [unit for _, section in sections for unit in section]
    assert Unit("heading", "2.1 Viljeriktningar") in units
    assert Unit("cell", "Riktighet") in units
    assert Unit("sentence", "Effektivisera och stödja kommunens pågående digitaliseringsprocess.") in units
    assert units[-1].text.startswith("Kommundirektören kan lyfta upp frågan")
    assert sum(unit.kind == "sentence" for unit in units) == 43


@pytest.fixture(scope="module")
def site_sections(built_site) -> list[str]:
    return [text for _, text in article_sections(built_site / "policy" / "index.html")]


def test_every_seed_sentence_is_on_the_policy_page_in_order(site_sections):
    assert fidelity_problems(SEED.read_text(encoding="utf-8"), site_sections) == NO_PROBLEMS


@pytest.mark.parametrize(
    "change, kind",
    [
        (lambda t: t.replace("Kommunfullmäktige antar Melleruds kommuns informationssäkerhetspolicy.", ""), "missing"),
        (lambda t: t.replace("ganska efterlevnaden", "granska efterlevnaden"), "missing"),
        (lambda t: t.replace("Riktighet", "Korrekthet"), "missing"),
        (
            lambda t: t.replace(
                "Effektivisera och stödja kommunens pågående digitaliseringsprocess.", ""
            ).replace("Informationshanteringen ska vara", "Effektivisera och stödja kommunens pågående digitaliseringsprocess. Informationshanteringen ska vara"),
            "out of order",
        ),
    ],
    ids=["dropped", "typo corrected", "cell renamed", "reordered"],
)
def test_fidelity_catches_a_dropped_reworded_or_moved_sentence(site_sections, change, kind):
    changed = [change(text) for text in site_sections]
    assert changed != site_sections
    problems = fidelity_problems(SEED.read_text(encoding="utf-8"), changed)
    assert problems[kind], f"the change was not caught as {kind}"

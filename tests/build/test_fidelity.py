"""Every sentence of the adopted text appears on the built site, word for word, in order.

The adopted text (data/antagen-text.txt of the content under test) was extracted from
a PDF: its line and page breaks are artefacts, and so is the layout of its table of
principles, whose header row names the columns (the principles' names, in order).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest

from tests.sitetext import article_sections, normalize

from macros.policy.adopted_text import is_adopted
from macros.policy.loading import load_policy
from tests import content
from tests.conftest import CONTENT

SEED = CONTENT / "data" / "antagen-text.txt"
POLICY = load_policy(CONTENT / "data").policy
PRINCIPLES = [principle.name for principle in POLICY.principles]

#: The header row of the PDF's table of principles: each cell is a unit of its own.
TABLE_HEADER_ROWS = {" ".join(PRINCIPLES): PRINCIPLES}
#: The pages that carry the adopted text (antagen_text: true in their front matter).
ADOPTED_PAGES = sorted(p.relative_to(CONTENT / "docs").with_suffix("").as_posix()
                       for p in (CONTENT / "docs").rglob("*.md")
                       if is_adopted(p.read_text(encoding="utf-8-sig")))

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
        if not sections and clean and not SECTION_HEADING.match(line):
            # What stands before the first section (a cover: the title, who adopted it):
            # each line a unit of its own, found before the first section on the site.
            sections.append(("", []))
        if sections and sections[0][0] == "" and len(sections) == 1 and clean \
                and not SECTION_HEADING.match(line):
            sections[0][1].append(Unit("heading", clean))
        elif SECTION_HEADING.match(line) and not clean.endswith("."):
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
        if heading:
            text = next((t for t in site_sections if t.startswith(heading)), None)
        else:  # the cover: in the part (before a section) that carries all its lines, or its first
            text = next((t for t in site_sections if all(u.text in t for u in units)),
                        next((t for t in site_sections if units[0].text in t), None))
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


def test_seed_splits_into_sections_with_the_principles_as_cells():
    sections = seed_sections(SEED.read_text(encoding="utf-8"))
    assert len(sections) >= 2 and all(re.match(r"\d+\. ", heading) for heading, _ in sections if heading)
    units = [unit for _, section in sections for unit in section]
    assert [u.text for u in units if u.kind == "cell"] == PRINCIPLES
    for statement in (*POLICY.goals, *POLICY.methods):
        assert Unit("sentence", normalize(statement.text)) in units
    assert sum(unit.kind == "sentence" for unit in units) > len(POLICY.goals) + len(POLICY.methods)


@pytest.fixture(scope="module")
def site_sections(built_site) -> list[str]:
    assert ADOPTED_PAGES, "ingen sida har antagen_text: true"
    return [text for page in ADOPTED_PAGES
            for _, text in article_sections(built_site / content.html_path(page + ".md"))]


def test_every_seed_sentence_is_on_the_policy_page_in_order(site_sections):
    assert fidelity_problems(SEED.read_text(encoding="utf-8"), site_sections) == NO_PROBLEMS


def _seed_units():
    return [unit for _, section in seed_sections(SEED.read_text(encoding="utf-8")) for unit in section]


def _dropped(texts):
    first = next(u for u in _seed_units() if u.kind == "sentence")
    return [t.replace(first.text, "") for t in texts]


def _reworded(texts):
    last = [u for u in _seed_units() if u.kind == "sentence"][-1]
    return [t.replace(last.text, last.text.replace(" ", "  ").replace("  ", " x ", 1)) for t in texts]


def _cell_renamed(texts):
    return [t.replace(PRINCIPLES[-1], "Korrekthet") for t in texts]


def _reordered(texts):
    # A section's last sentence moved before its first one.
    heading, units = next((h, u) for h, u in seed_sections(SEED.read_text(encoding="utf-8"))
                          if sum(x.kind == "sentence" for x in u) >= 2)
    sentences = [u.text for u in units if u.kind == "sentence"]
    first, last = sentences[0], sentences[-1]
    return [t.replace(last, "").replace(first, f"{last} {first}", 1) if t.startswith(heading) else t
            for t in texts]


@pytest.mark.parametrize(
    "change, kind",
    [(_dropped, "missing"), (_reworded, "missing"), (_cell_renamed, "missing"), (_reordered, "out of order")],
    ids=["dropped", "reworded", "cell renamed", "reordered"],
)
def test_fidelity_catches_a_dropped_reworded_or_moved_sentence(site_sections, change, kind):
    changed = change(site_sections)
    assert changed != site_sections
    problems = fidelity_problems(SEED.read_text(encoding="utf-8"), changed)
    assert problems[kind], f"the change was not caught as {kind}"

"""Every sentence of the adopted text appears on the built site, word for word, in order.

The adopted text (data/antagen-text.txt of the content under test) was extracted from
a PDF: its line and page breaks are artefacts, and so is the layout of its table of
principles, whose header row names the columns (the principles' names, in order).
"""

from __future__ import annotations

import re

import pytest

from tests.sitetext import article_sections, normalize

from macros.policy import adopted_file
from macros.policy.adopted_file import Unit
from macros.policy.adopted_text import is_adopted
from macros.policy.documents import page_document
from macros.policy.loading import load_policy
from tests import content
from tests.conftest import CONTENT

SEED = CONTENT / "data" / "antagen-text.txt"
POLICY = load_policy(CONTENT / "data").policy
PRINCIPLES = [principle.name for principle in POLICY.principles]

#: The pages that carry the adopted text (antagen_text: true in their front matter).
#: (A further document's pages, in its folder, carry its own: the last test.)
_SETTING = load_policy(CONTENT / "data", CONTENT / "docs").setting
ADOPTED_PAGES = sorted(p.relative_to(CONTENT / "docs").with_suffix("").as_posix()
                       for p in (CONTENT / "docs").rglob("*.md")
                       if is_adopted(p.read_text(encoding="utf-8-sig"))
                       and page_document(p.relative_to(CONTENT / "docs").as_posix(), _SETTING) == _SETTING.main)

def seed_sections(text: str) -> list[tuple[str, list[Unit]]]:
    """The seed as (section heading, units) in the seed's order (macros/policy/adopted_file.py,
    the rule make check applies to the pages it renders)."""
    return [(section.heading, section.units) for section in adopted_file.sections(text, PRINCIPLES)]


def fidelity_problems(seed: str, site_sections: list[str]) -> dict[str, list[str]]:
    """What of the seed the site lacks, or has out of the seed's order, per kind."""
    found = adopted_file.fidelity(seed, PRINCIPLES, site_sections)
    return {"missing section": [s.heading for s in found.missing_sections],
            "missing": [u.text for u in found.missing],
            "out of order": [u.text for u in found.out_of_order]}


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


def _heading_lengthened(texts):
    # A section's heading with a word added: the section is no longer the seed's.
    heading = next(h for h, _ in seed_sections(SEED.read_text(encoding="utf-8")) if h)
    return [f"{heading}x{t[len(heading):]}" if t.startswith(heading + " ") or t == heading else t
            for t in texts]


@pytest.mark.parametrize(
    "change, kind",
    [(_dropped, "missing"), (_reworded, "missing"), (_cell_renamed, "missing"), (_reordered, "out of order"),
     (_heading_lengthened, "missing section")],
    ids=["dropped", "reworded", "cell renamed", "reordered", "heading lengthened"],
)
def test_fidelity_catches_a_dropped_reworded_or_moved_sentence(site_sections, change, kind):
    changed = change(site_sections)
    assert changed != site_sections
    problems = fidelity_problems(SEED.read_text(encoding="utf-8"), changed)
    assert problems[kind], f"the change was not caught as {kind}"


def test_each_further_documents_text_is_on_its_own_pages_in_order(built_site):
    """A site of several documents: each further one's adopted text (data/<id>/antagen-text.txt)
    on its own pages (docs/<id>/), by the same rule; nothing to compare on a site of one."""
    loaded = load_policy(CONTENT / "data", CONTENT / "docs")
    for document in loaded.documents:
        pages = content.adopted_pages(CONTENT, document.id)
        assert pages, f"no page of docs/{document.id}/ carries its adopted text"
        sections = [text for page in pages for _, text in article_sections(built_site / content.html_path(page))]
        seed = (CONTENT / "data" / document.id / adopted_file.ADOPTED_TEXT_FILE).read_text(encoding="utf-8")
        found = adopted_file.fidelity(seed, [p.name for p in document.policy.principles], sections)
        assert not found, found
    assert all(page_document(page, loaded.setting) == loaded.setting.main for page in content.adopted_pages())

"""Swedish search in Chromium: the analysis in the real search worker, and the benchmark's
questions that must be answered among the first (the content's own, or from its data)."""

from __future__ import annotations

import pytest
import yaml

from tests.browser import content
from tests.browser.search import ranked_sections, search
from tests.conftest import CONTENT

pytestmark = pytest.mark.browser


def benchmark() -> list[tuple[str, int, tuple[str, ...]]]:
    """(query, within how many first results, the sections that answer it).

    The content's own benchmark (data/sokfragor.yml: its
    questions marked "krav"); for content without one, questions from its data: each
    role's name answered by its section on the roles page, each duty's title by its
    section on the follow-up page."""
    own = CONTENT / "data" / "sokfragor.yml"
    if own.is_file():
        return [(q["fråga"], q["krav"], tuple(q["svar"]))
                for q in yaml.safe_load(own.read_text("utf-8")) if q.get("krav")]
    policy = content.policy()
    roles, follow_up = content.page_of("roller"), content.page_of("uppfoljning")
    cases = [(role.name, 3, (f"{roles}#roll-{role.id}",)) for role in policy.roles]
    cases += [(o.title, 3, (f"{follow_up}#om-{o.id}", f"{follow_up}#skyldighet-{o.id}"))
              for o in policy.obligations]
    return cases


BENCHMARK = benchmark()


@pytest.fixture(scope="module")
def worker(browser, site_url):
    """The page's search worker, started by a first search."""
    context = browser.new_context()
    page = context.new_page()
    search(page, site_url, "policy")
    yield page.workers[0]
    context.close()


def expand(worker, term: str) -> list[tuple[str, str, int]]:
    return [(e["kind"], e["term"], e["wildcard"]) for e in
            worker.evaluate(f"self.policySearch.expand({term!r})")]


def test_stemming_reaches_the_base_form(worker):
    assert worker.evaluate("self.policySearch.stem('nämnderna')") == "nämnd"
    assert worker.evaluate("self.policySearch.stem('verksamheterna')") == worker.evaluate(
        "self.policySearch.stem('verksamhet')")
    assert worker.evaluate("self.policySearch.stem('rapporteras')") == worker.evaluate(
        "self.policySearch.stem('rapporten')")
    assert ("böjning", "nämnd", 2) in expand(worker, "nämnderna")  # nämnd* (trailing wildcard)


def test_compound_parts_are_looked_for_inside_words(worker):
    assert ("del", "ombud", 3) in expand(worker, "ombud")  # *ombud* (both wildcards)
    assert ("del", "samordn", 3) in expand(worker, "samordnare")  # finds informationssäkerhetssamordnare


def test_synonyms_come_from_the_glossary(worker):
    """An abbreviation finds the one-word term it stands for, and the other way round."""
    pairs = [(abbreviation.lower(), term.term.lower()) for term in content.policy().glossary
             for abbreviation in term.abbreviations if len(term.term.split()) == 1]
    assert pairs, "the glossary has no one-word term with an abbreviation"
    for abbreviation, term in pairs:
        assert ("synonym", term, 0) in expand(worker, abbreviation), (abbreviation, term)
        assert ("synonym", abbreviation, 0) in expand(worker, term), (abbreviation, term)


def test_stop_words_are_not_widened(worker):
    assert expand(worker, "och") == [] and expand(worker, "ska") == []


@pytest.mark.parametrize("query, within, answers", BENCHMARK, ids=[q for q, _, _ in BENCHMARK])
def test_benchmark_queries_are_answered_where_required(page, site_url, query, within, answers):
    found = ranked_sections(page, site_url, query)
    assert set(found[:within]) & set(answers), found[:within]


def test_a_result_highlights_the_word_and_names_its_section(page, site_url, worker):
    """A role's name, searched for, is marked in the role's own result, headed by the role."""
    roles = content.page_of("roller")
    role = content.policy().roles[-1]
    search(page, site_url, role.name.lower())
    own = page.locator(f'.md-search-result__link[href*="/{roles}?"][href$="#roll-{role.id}"]').first
    assert own.locator("h2").inner_text() == role.name
    stem = worker.evaluate(f"self.policySearch.stem({role.name.split()[0].lower()!r})")
    marks = own.locator("mark").all_inner_texts()
    assert marks and all(m.lower().startswith(stem) for m in marks), (stem, marks)
    assert "Saknas" not in own.inner_text()


def test_abbreviations_are_explained_where_they_stand(page, built_site, site_url):
    """Where a page writes an abbreviation of the glossary, it is explained by its term."""
    found = None
    for term in content.policy().glossary:
        for abbreviation in term.abbreviations:
            for html in sorted(built_site.rglob("index.html")):
                if f">{abbreviation}</abbr>" in html.read_text("utf-8"):
                    found = (term.term, abbreviation, html.parent.relative_to(built_site).as_posix())
                    break
            if found:
                break
        if found:
            break
    assert found, "no page marks an abbreviation of the glossary"
    term, abbreviation, path = found
    page.goto(site_url + ("" if path == "." else path + "/"))
    abbr = page.locator("article abbr", has_text=abbreviation).first
    assert abbr.get_attribute("title") == term

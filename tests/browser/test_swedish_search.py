"""Swedish search in Chromium: the analysis in the real search worker, and the benchmark's
questions that must be answered first or second."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.browser.search import ranked_sections, search

pytestmark = pytest.mark.browser

QUERIES = {q["fråga"]: q["svar"] for q in yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "bench" / "search_queries.yml").read_text("utf-8"))}


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
    kinds = expand(worker, "gdpr")
    assert ("synonym", "dataskyddsförordningen", 0) in kinds
    assert ("synonym", "gdpr", 0) in expand(worker, "dataskyddsförordningen")
    assert ("synonym", "ledningssystem", 0) in expand(worker, "lis")


def test_stop_words_are_not_widened(worker):
    assert expand(worker, "och") == [] and expand(worker, "ska") == []


@pytest.mark.parametrize("query", ["ombud", "GDPR", "nämnderna", "säkerhet", "rapporten"])
def test_done_when_queries_answer_first_or_second(page, site_url, query):
    found = ranked_sections(page, site_url, query)
    assert set(found[:2]) & set(QUERIES[query]), found[:3]


@pytest.mark.parametrize(
    "query",
    ["verksamheterna", "incidenten", "samordnare", "KF", "ISO 27001", "sakerhetschef",
     "utbildning", "hur ofta ska informationssäkerheten rapporteras"],
)
def test_benchmark_queries_answer_in_the_first_three(page, site_url, query):
    found = ranked_sections(page, site_url, query)
    assert set(found[:3]) & set(QUERIES[query]), found[:3]


def test_a_result_highlights_the_inflected_word_and_names_its_section(page, site_url):
    search(page, site_url, "nämnderna")
    first = page.locator(".md-search-result__link").nth(1)
    assert first.locator("h2").inner_text() == "Nämnd"
    marks = first.locator("mark").all_inner_texts()
    assert marks and all(m.lower().startswith("nämnd") for m in marks)
    assert "Saknas" not in first.inner_text()


def test_abbreviations_are_explained_where_they_stand(page, site_url):
    page.goto(site_url + "policy/")
    abbr = page.locator("#metodik ~ ul abbr", has_text="LIS").first
    assert abbr.get_attribute("title") == "Ledningssystem för informationssäkerhet"

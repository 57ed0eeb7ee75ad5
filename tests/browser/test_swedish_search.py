"""Swedish search in Chromium: the analysis in the real search worker, and the benchmark's
questions that must be answered among the first (the content's own, or from its data)."""

from __future__ import annotations

import json

import pytest
import yaml

from macros.views.glossary import tokens
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


@pytest.fixture
def worker(search_page, site_url):
    """The search worker of the test file's page (tests/browser/conftest.py), started by a
    first search if none has been made there."""
    if not search_page.workers:
        search(search_page, site_url, "policy")
    return search_page.workers[0]


def expand(worker, term: str) -> list[tuple[str, str, int]]:
    return [(e["kind"], e["term"], e["wildcard"]) for e in
            worker.evaluate(f"self.policySearch.expand({json.dumps(term)})")]


def stem(worker, word: str) -> str:
    return worker.evaluate(f"self.policySearch.stem({json.dumps(word)})")


def searched(worker, word: str) -> bool:
    """Whether the search looks for ``word``: not a stop word (lunr's Swedish ones and the
    question words, overrides/assets/javascripts/swedish-search.js) and not a single letter."""
    return len(word) > 1 and not worker.evaluate(f"self.policySearch.isStopWord({json.dumps(word)})")


@pytest.fixture(scope="module")
def words(built_site):
    """A name's words as the search index splits them (its separator), in lower case."""
    separator = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))["config"]["separator"]
    return lambda name: tokens(name, separator)


def synonyms(worker, word: str) -> set[str]:
    return {term for kind, term, wildcard in expand(worker, word) if kind == "synonym" and not wildcard}


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


def test_synonyms_come_from_the_glossary(worker, words):
    """Each one-word name of a glossary term (the term, an abbreviation, another name) finds
    the term's other names, and a one-word name among them: an abbreviation finds the term
    it stands for, and the other way round. A word of a name that stands for no other name
    (a term with no abbreviation or other name) is widened to none."""
    glossary = content.policy().glossary
    # The words that stand for other names: each one-word name, and each number in a longer
    # name ("27001"), of a term with another name (macros/views/glossary.py); the words they
    # may stand for, and the one-word names among them, which they must.
    keys: dict[str, set[str]] = {}
    wanted: dict[str, set[str]] = {}
    for term in glossary:
        one_word = {words(name)[0] for name in term.names if len(words(name)) == 1}
        for name in term.names:
            found = words(name)
            for key in (found if len(found) == 1 else [w for w in found if w.isdigit()]):
                others = {w for other in term.names if other != name for w in words(other)} - {key}
                if others:
                    keys.setdefault(key, set()).update(others)
                    wanted.setdefault(key, set()).update(one_word - {key})
    checked = 0
    for key, others in keys.items():
        if not searched(worker, key):
            assert expand(worker, key) == [], key
            continue
        found = synonyms(worker, key)
        assert found and wanted[key] <= found <= others, (key, found, others)
        checked += 1
    stems = {stem(worker, key) for key in keys} | set(keys)
    for word in {w for term in glossary for name in term.names for w in words(name)} - set(keys):
        if searched(worker, word) and stem(worker, word) not in stems:
            assert not synonyms(worker, word), word
            checked += 1
    assert checked, "no word of the glossary's names is searched for"


def test_stop_words_are_not_widened(worker):
    assert expand(worker, "och") == [] and expand(worker, "ska") == []


@pytest.mark.parametrize("query, within, answers", BENCHMARK, ids=[q for q, _, _ in BENCHMARK])
def test_benchmark_queries_are_answered_where_required(search_page, site_url, query, within, answers):
    found = ranked_sections(search_page, site_url, query)
    assert set(found[:within]) & set(answers), found[:within]


def test_a_result_highlights_the_word_and_names_its_section(search_page, site_url, worker, words):
    """A role's name, searched for, is marked in the role's own result, headed by the role:
    the words of the name that the search looks for (a stop word, such as "all", is not)."""
    roles = content.page_of("roller")
    role = next(r for r in reversed(content.policy().roles) if any(searched(worker, w) for w in words(r.name)))
    search(search_page, site_url, role.name.lower())
    own = search_page.locator(f'.md-search-result__link[href*="/{roles}?"][href$="#roll-{role.id}"]').first
    assert own.locator("h2").inner_text() == role.name
    stems = [stem(worker, w) for w in words(role.name) if searched(worker, w)]
    marks = own.locator("mark").all_inner_texts()
    assert marks and all(any(m.lower().startswith(s) for s in stems) for m in marks), (stems, marks)
    assert "Saknas" not in own.inner_text()


def test_abbreviations_are_explained_where_they_stand(page, built_site, site_url):
    """Where a page writes an abbreviation of the glossary, it is explained by its term (the
    glossary's page names each one); a glossary without abbreviations marks none."""
    glossary = content.policy().glossary
    if not any(term.abbreviations for term in glossary):
        for path in {content.macro_page("glossary("), content.text_page()}:
            page.goto(site_url + path)
            assert page.locator("article").count() == 1
            assert page.locator("abbr").count() == 0, path
        return
    found = None
    for term in glossary:
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

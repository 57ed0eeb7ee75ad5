"""What make serve keeps from one build to the next in its process (macros/policy/memo.py): only
results made from an input equal to the one before, so a change is always seen."""

from __future__ import annotations

import shutil

import pytest
from jinja2 import Environment

from macros.policy import assessment
from macros.policy import loading
from macros.site import page_check
from macros.site import link_check as site_links
from macros.policy.errors import DataErrors
from macros.policy.memo import LastResult
from tests.conftest import CONTENT


def test_a_result_is_kept_for_an_equal_input_and_replaced_for_another():
    kept = LastResult()
    made = []

    def make(value):
        made.append(value)
        return [value]

    first = kept("a", "x", lambda: make("x"))
    assert kept("a", "x", lambda: make("again")) is first
    assert kept("b", "x", lambda: make("b")) == ["b"]  # another slot: made anew
    assert kept("a", "y", lambda: make("y")) == ["y"]  # another input replaces the kept one
    assert kept("a", "x", lambda: make("x2")) == ["x2"]  # only the last input is kept
    assert made == ["x", "b", "y", "x2"]


@pytest.fixture
def project(tmp_path):
    for part in ("data", "docs"):
        shutil.copytree(CONTENT / part, tmp_path / part)
    shutil.copy2(CONTENT / "mkdocs.yml", tmp_path / "mkdocs.yml")  # lists the site's documents
    kept = (loading._READINGS, assessment._ASSESSMENTS)
    for memo in kept:
        memo.clear()
    yield tmp_path
    for memo in kept:
        memo.clear()


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The data files parsed, in order, from now on."""
    seen: list[str] = []
    parse = loading.parse_yaml

    def counting(text, display_name):
        seen.append(display_name)
        return parse(text, display_name)

    monkeypatch.setattr(loading, "parse_yaml", counting)
    return seen


def test_an_unchanged_data_file_is_not_read_again_and_a_changed_one_is(project, parsed):
    first = loading.load_policy(project / "data", project / "docs").policy
    read_first = list(parsed)
    assert len(read_first) == len({*read_first}) >= 5

    parsed.clear()
    again = loading.load_policy(project / "data", project / "docs").policy
    assert parsed == [] and again == first

    roles = project / "data" / "roller.yml"
    original = roles.read_text("utf-8")
    role = first.roles[0]
    roles.write_text(original.replace(role.name, role.name + " (ändrad)", 1), "utf-8")
    parsed.clear()
    changed = loading.load_policy(project / "data", project / "docs").policy
    assert parsed == ["data/roller.yml"]
    assert changed.roles[0].name == role.name + " (ändrad)"
    assert changed.obligations == first.obligations


def test_a_mistake_made_after_a_good_build_is_found_and_its_repair_too(project):
    loading.load_policy(project / "data", project / "docs")
    roles = project / "data" / "roller.yml"
    original = roles.read_text("utf-8")
    roles.write_text(original + "okänt_fält: 1\n", "utf-8")
    with pytest.raises(DataErrors) as caught:
        loading.load_policy(project / "data", project / "docs")
    assert "data/roller.yml" in caught.value.report() and "okänt_fält" in caught.value.report()
    roles.write_text(original, "utf-8")
    loading.load_policy(project / "data", project / "docs")  # no error left


def test_a_page_s_links_are_read_again_only_when_its_html_changed(monkeypatch):
    site_links._PARSES.clear()
    calls: list[str] = []
    scan = site_links.scan
    monkeypatch.setattr(site_links, "scan", lambda html: calls.append(html) or scan(html))
    page = '<h2 id="a">A</h2><a href="#a">a</a>'
    pages, sources, files = {"index.html": page}, {"index.html": "docs/index.md"}, {"index.html"}
    assert site_links.dead_links(pages, sources, files) == []
    assert site_links.dead_links(pages, sources, files) == []
    assert len(calls) == 1
    broken = {"index.html": page.replace('href="#a"', 'href="#b"')}
    assert [d.href for d in site_links.dead_links(broken, sources, files)] == ["#b"]
    assert len(calls) == 2


def test_a_page_s_template_code_is_parsed_again_only_when_it_changed(monkeypatch):
    environment = Environment()
    calls: list[str] = []
    parse = environment.parse
    monkeypatch.setattr(environment, "parse", lambda source: calls.append(source) or parse(source))
    known = {"goals": lambda: ""}
    assert page_check.page_error(environment, "{{ goals() }}", known, "docs/sidan.md") is None
    assert page_check.page_error(environment, "{{ goals() }}", known, "docs/sidan.md") is None
    assert len(calls) == 1
    message = page_check.page_error(environment, "{{ goal() }}", known, "docs/sidan.md")
    assert message and message.startswith("docs/sidan.md:1:") and "menade du 'goals'" in message
    assert len(calls) == 2

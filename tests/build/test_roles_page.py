"""The roles page of the real site: every role and responsibility, from data alone."""

from __future__ import annotations

import re
from html import unescape

import pytest

from macros.views import roles

from macros.policy.loading import load_policy, site_policy
from tests import content
from tests.conftest import CONTENT, copy_project, mkdocs_build
from tests.editing import line_at, set_value
from tests.sitetext import normalize

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def policy():
    return site_policy(load_policy(CONTENT / "data", CONTENT / "docs"))


@pytest.fixture(scope="module")
def page(built_site) -> str:
    return (built_site / content.html_path(content.parts()["roller"])).read_text(encoding="utf-8")


def matrix_cell(page: str, area_id: str, column: int) -> str:
    """The cell in ``column``; empty cells side by side are one cell spanning them."""
    row = re.search(rf'<tr id="omrade-{area_id}">(.*?)</tr>', page, re.S).group(1)
    position = 0
    for span, cell in re.findall(r'<td(?: colspan="(\d+)")?>(.*?)</td>', row, re.S):
        position += int(span or 1)
        if column < position:
            return cell
    raise AssertionError(f"no column {column} in the row of {area_id}")


def test_every_role_is_a_matrix_column_and_has_its_own_section(page, policy):
    header = re.search(r"<thead>(.*?)</thead>", page, re.S).group(1)
    for role in policy.roles:
        assert f'<a href="#roll-{role.id}">{role.name}</a>' in header
        assert re.search(rf'<h2 id="roll-{role.id}">{re.escape(role.name)}', page), role.id


def test_every_responsibility_is_in_its_cell_with_its_source(page, policy):
    columns = {role.id: i for i, role in enumerate(policy.roles)}
    for item in policy.responsibilities:
        cells = [(item.role, item.type.label)]
        cells += [(recipient, "Tar emot rapport") for recipient in item.to]
        for role_id, label in cells:
            cell = matrix_cell(page, item.area, columns[role_id])
            assert label in cell, (item.id, role_id)
            assert normalize(item.source) in normalize(unescape(cell)), (item.id, role_id)


def test_nothing_in_the_matrix_lacks_a_source(page, policy):
    matrix = re.search(r'<table id="rollmatris">(.*?)</table>', page, re.S).group(1)
    entries = re.findall(r'<span class="matrix-entry[^"]*" tabindex="0" aria-describedby="([^"]+)"[^>]*>', matrix)
    # One entry per responsibility, and one per recipient of a report.
    assert len(entries) >= len(policy.responsibilities)
    for source_id in entries:
        tooltip = re.search(rf'id="{source_id}">Källa: (.*?)</span>', matrix, re.S)
        assert tooltip and "<q>" in tooltip.group(1), source_id


def test_reporting_diagram_is_inline_svg_with_a_text_alternative(page, policy):
    if not any(item.to for item in policy.responsibilities):
        # No role reports: no empty drawing, the place says so in words.
        assert '<figure class="reporting-diagram">' not in page and "Rapportvägar: vem" not in page
        assert unescape(roles.NO_REPORTING) in unescape(page)
        return
    figure = re.search(r'<figure class="reporting-diagram">(.*?)</figure>', page, re.S).group(1)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in figure and 'role="img"' in figure
    assert "<title " in figure and "<desc " in figure
    reporter = next(item.role for item in policy.responsibilities if item.to)
    assert f"{content.role_name(reporter)} rapporterar till" in unescape(figure)
    assert '<ul class="diagram-text">' in figure


def test_renaming_a_role_in_data_renames_it_in_every_view(tmp_path, policy):
    # A role that reports (so that the diagram's text alternative names it), renamed; any
    # role where none reports.
    reports = any(item.to for item in policy.responsibilities)
    index, role = next((i, r) for i, r in enumerate(policy.roles)
                       if not reports or any(item.role == r.id and item.to for item in policy.responsibilities))
    project = copy_project(tmp_path / "project")
    roles = project / "data" / "roller.yml"
    new = f"{role.name}et (ny)"
    set_value(roles, line_at(roles, "roller", index, "namn"), f"namn: {new}")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / content.html_path(content.parts()["roller"])).read_text("utf-8")
    assert f'<a href="#roll-{role.id}">{new}</a>' in page  # matrix header and links
    assert f'<h2 id="roll-{role.id}">{new}' in page  # its section
    if reports:
        assert new in " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", page))  # the diagram
        assert f"{new} rapporterar till" in page  # the text alternative
    # (The document header may name a responsible person in words of its own: not a role.)
    views = re.sub(r"<details.*?</details>", "", page, flags=re.S)
    assert f">{role.name}<" not in views
    # The adopted sentences keep their wording.
    for adopted in content.adopted_pages():
        before = (CONTENT / "docs" / adopted).read_text("utf-8")
        built = normalize(unescape((tmp_path / "site" / content.html_path(adopted)).read_text("utf-8")))
        for sentence in role.policy_text:
            assert normalize(sentence) in built
        assert before == (project / "docs" / adopted).read_text("utf-8")


def test_only_pages_that_show_the_matrix_load_the_script_that_leads_links_to_its_lists(built_site):
    pages = {p.relative_to(built_site).as_posix(): p.read_text("utf-8") for p in built_site.rglob("*.html")}
    with_matrix = {name for name, html in pages.items() if 'class="matrix-list"' in html}
    assert with_matrix  # the roles page
    for name, html in pages.items():
        assert ("assets/javascripts/matrix-anchor.js" in html) == (name in with_matrix), name
    for name in with_matrix:  # every area's list can be led to, as its row can
        html = pages[name]
        rows = set(re.findall(r'<tr id="(omrade-[^"]+)"', html))
        lists = set(re.findall(r'data-anchor="(omrade-[^"]+)"', html))
        assert rows and rows == lists

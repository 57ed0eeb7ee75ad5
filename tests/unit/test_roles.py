"""The role views on small data: matrix, sections, reporting lines and their diagram."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from macros.views import roles
from macros.views.diagram import Edge, Node, layered_svg
from macros.policy.model import Area, Policy, Responsibility, ResponsibilityType, Role
from tests.unit.test_render import Tree, small_policy

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)

SVG = "{http://www.w3.org/2000/svg}"


def policy_with_roles(name_of_b: str = "Styrelse <B>") -> Policy:
    base = small_policy()
    return base.model_copy(
        update={
            "roles": [
                Role(id="a", namn="Fullmäktige", slag="politisk_församling"),
                Role(id="b", namn=name_of_b, slag="styrelse_eller_nämnd"),
                Role(id="c", namn="Ombud", slag="funktion"),
            ],
            "areas": [Area(id="x", namn="Område X"), Area(id="y", namn="Område Y")],
            "responsibilities": [
                Responsibility(id="r1", roll="a", område="x", typ="beslutar", källa="A beslutar X."),
                Responsibility(id="r2", roll="c", område="y", typ="ansvarar", källa="C ansvarar för Y."),
                Responsibility(id="r3", roll="c", område="y", typ="rapporterar", till=["a", "b"],
                               källa="C rapporterar Y till A och B."),
                Responsibility(id="r4", roll="b", område="y", typ="kan_rapportera", till=["a"],
                               källa="B kan lyfta Y till A."),
            ],
        }
    )


def test_recipients_receive_what_is_reported_to_them():
    parts = roles.parts(policy_with_roles())
    received = [(p.role, p.area, p.others) for p in parts if p.type is ResponsibilityType.RECEIVES]
    assert received == [("a", "y", ("c",)), ("b", "y", ("c",)), ("a", "y", ("b",))]


def test_matrix_is_a_real_table_with_headers_caption_and_sources():
    html = roles.matrix(policy_with_roles())
    tree = Tree(html)
    assert "caption" in tree.names()
    scopes = [a.get("scope") for t, a in tree.tags if t == "th"]
    assert scopes == ["col"] * 4 + ["row"] * 2
    # Column headers link each role to its section.
    table = Tree(re.search(r"<table.*</table>", html, re.S).group(0))
    assert [a["href"] for t, a in table.tags if t == "a"] == ["#roll-a", "#roll-b", "#roll-c"]
    # Every entry is focusable and described by a tooltip holding its source sentence.
    entries = [a for t, a in tree.tags if t == "span" and "matrix-entry" in a.get("class", "")]
    ids = {a["id"] for t, a in tree.tags if t == "span" and a.get("role") == "tooltip"}
    assert entries and all(e["tabindex"] == "0" and e["aria-describedby"] in ids for e in entries)
    cell = re.search(r'id="kalla-y--a--tar_emot_rapport">(.*?)</span>', html).group(1)
    assert "C rapporterar Y till A och B." in cell and "B kan lyfta Y till A." in cell
    assert "Styrelse &lt;B&gt;" in html and "<B>" not in html
    # Area X's two empty cells side by side are one empty cell spanning both columns.
    assert "Inget angivet" not in html and html.count('<td colspan="2"></td>') == 1


def test_matrix_as_lists_says_who_does_what_in_each_area():
    policy = policy_with_roles()
    html = roles.matrix(policy)
    lists = re.search(r'<div class="matrix-list" data-search-exclude="">(.*?)<dl', html, re.S).group(1)
    areas = re.findall(r'<p class="matrix-list__area">(.*?)</p>\s*<ul>(.*?)</ul>', lists, re.S)
    assert [name for name, _ in areas] == [area.name for area in policy.areas]
    expected = {
        (area.id, part.role) for part in roles.parts(policy) for area in policy.areas if part.area == area.id
    }
    found = {
        (area.id, href[len("#roll-"):])
        for area, (_, items) in zip(policy.areas, areas)
        for href in re.findall(r'href="([^"]+)"', items)
    }
    assert found == expected
    assert "<a href=\"#roll-c\">Ombud</a>: ansvarar och rapporterar" in areas[1][1]
    assert "Styrelse &lt;B&gt;" in lists and "<B>" not in lists


def test_matrix_leaves_empty_cells_empty_and_explains_only_used_types():
    html = roles.matrix(policy_with_roles())
    rows = re.findall(r"<tr id=\"omrade-(\w)\">(.*?)</tr>", html, re.S)
    x_cells = re.findall(r"<td( colspan=\"\d+\")?>(.*?)</td>", rows[0][1], re.S)
    # Each row spans every column: empty cells side by side are one, with nothing in it.
    assert "Beslutar" in x_cells[0][1] and x_cells[1] == (' colspan="2"', "")
    for _, cells in rows:
        spans = re.findall(r"<td(?: colspan=\"(\d+)\")?>", cells)
        assert sum(int(span or 1) for span in spans) == 3
    legend = Tree(roles.legend(policy_with_roles()))
    terms = [t for t in legend.text if t.strip()][::2]
    assert terms == ["Beslutar", "Ansvarar", "Rapporterar", "Kan rapportera", "Tar emot rapport"]


def test_role_sections_have_a_heading_each_and_say_from_and_to_whom():
    markdown = roles.role_sections(policy_with_roles(name_of_b="Styrelse *B* {#x}"))
    headings = re.findall(r"^## (.*)$", markdown, re.M)
    assert headings == ["Fullmäktige {#roll-a}", r"Styrelse \*B\* \{\#x\} {#roll-b}", "Ombud {#roll-c}"]
    section_c = markdown.split("{#roll-c}")[1]
    assert "Rapporterar" in section_c and '– till <a href="#roll-a">Fullmäktige</a> och ' in section_c
    section_a = markdown.split("{#roll-a}")[1].split("{#roll-b}")[0]
    assert '– från <a href="#roll-c">Ombud</a>' in section_a
    assert "<q class=\"role-source\">A beslutar X.</q>" in section_a


def test_ranks_put_each_role_above_those_who_report_to_it_and_survive_cycles():
    nodes = [Node(i, i.upper()) for i in "abcd"]
    svg = ET.fromstring(layered_svg(nodes, [Edge("a", "b"), Edge("b", "c"), Edge("a", "c"), Edge("c", "a")],
                                    title="t", description="d", id_prefix="p"))
    top = {g.get("data-node"): float(g.find(f"{SVG}rect").get("y")) for g in svg.iter(f"{SVG}g")}
    assert set(top) == set("abcd")
    assert top["c"] < top["b"] < top["a"]  # recipients above reporters


def test_diagram_is_accessible_svg_with_the_same_content_as_text():
    html = roles.reporting_diagram(policy_with_roles())
    svg_source = re.search(r"<svg.*</svg>", html, re.S).group(0)
    svg = ET.fromstring(svg_source)
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    desc = svg.find(f"{SVG}desc")
    assert desc.get("id") == desc_id
    assert "Ombud rapporterar till Fullmäktige och Styrelse <B> (område y)." in desc.text
    assert "Styrelse <B> kan lyfta frågor till Fullmäktige (område y)." in desc.text
    edges = svg.findall(f".//{SVG}path[@class]")
    assert len(edges) == 3
    assert sum(e.get("stroke-dasharray") is not None for e in edges) == 1
    assert "<script" not in html and "http" not in svg_source.replace("http://www.w3.org/2000/svg", "")
    # The text alternative beside it links every role it names.
    alternative = re.search(r'<ul class="diagram-text">(.*)</ul>', html, re.S).group(1)
    assert alternative.count("<li>") == 2 and 'href="#roll-b"' in alternative


def test_layered_svg_scales_with_labels():
    small = ET.fromstring(layered_svg([Node("a", "A")], [], title="t", description="d", id_prefix="p"))
    large = ET.fromstring(layered_svg([Node("a", "A" * 40)], [], title="t", description="d", id_prefix="p"))
    assert float(large.get("width")) > float(small.get("width"))


def test_matrix_ids_are_unique_whatever_the_ids_of_areas_and_roles():
    # With one hyphen between the parts, area 'strategisk' and role 'styrning-ks' gave the
    # same id as area 'strategisk-styrning' and role 'ks'. No id holds '--' (model.Id).
    policy = small_policy().model_copy(update={
        "roles": [Role(id="styrning-ks", namn="A", slag="funktion"), Role(id="ks", namn="B", slag="funktion")],
        "areas": [Area(id="strategisk", namn="X"), Area(id="strategisk-styrning", namn="Y")],
        "responsibilities": [
            Responsibility(id="r1", roll="styrning-ks", område="strategisk", typ="ansvarar", källa="A."),
            Responsibility(id="r2", roll="ks", område="strategisk-styrning", typ="ansvarar", källa="B."),
        ],
    })
    ids = re.findall(r'\bid="([^"]*)"', roles.matrix(policy))
    assert len(ids) == len(set(ids)), sorted(ids)
    assert "kalla-strategisk--styrning-ks--ansvarar" in ids
    assert "kalla-strategisk-styrning--ks--ansvarar" in ids

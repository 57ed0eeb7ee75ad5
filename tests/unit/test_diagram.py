"""The reporting-lines diagram laid out by dot: on the project's data and on generated
policies of 3 to 15 roles, no edge crosses a box it does not connect, the text keeps its
size, role names are escaped and the output is the same every time."""

from __future__ import annotations

import random
import time
import re
import xml.etree.ElementTree as ET

import pytest

from macros.views import diagram
from macros.views import roles
from macros.policy.loading import load_policy
from macros.policy.model import Area, Policy, Responsibility, Role
from tests.unit.test_render import small_policy
from tests.conftest import CONTENT

SVG = "{http://www.w3.org/2000/svg}"
KINDS = ["politisk_församling", "styrelse_eller_nämnd", "tjänsteperson", "funktion"]


def generated_policy(count: int, seed: int = 1, name=lambda i: f"Roll nummer {i} med ett långt namn") -> Policy:
    """``count`` roles in a hierarchy: each reports to one or two roles above it, some
    lines skip levels (the long edges that must go around boxes), some are optional."""
    chance = random.Random(seed)
    role_list = [Role(id=f"r{i}", namn=name(i), slag=KINDS[i % len(KINDS)]) for i in range(count)]
    duties = [Responsibility(id="d0", roll="r0", område="a", typ="beslutar", källa="R0 beslutar.")]
    for i in range(1, count):
        above = sorted(chance.sample(range(i), k=min(i, chance.choice([1, 1, 2]))))
        kind = "kan_rapportera" if chance.random() < 0.2 else "rapporterar"
        duties.append(Responsibility(id=f"d{i}", roll=f"r{i}", område="a", typ=kind,
                                     till=[f"r{j}" for j in above], källa=f"R{i} rapporterar."))
    return small_policy().model_copy(update={
        "roles": role_list, "areas": [Area(id="a", namn="Området")], "responsibilities": duties,
    })


def project_policy() -> Policy:
    return load_policy(CONTENT / "data", CONTENT / "docs").policy


def svg_of(html: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*</svg>", html, re.S).group(0))


def boxes(svg: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    found = {}
    for group in svg.iter(f"{SVG}g"):
        rect = group.find(f".//{SVG}rect")
        if group.get("data-node") and rect is not None:
            x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
            found[group.get("data-node")] = (x, y, x + w, y + h)
    return found


def sample(path_data: str, steps: int = 40) -> list[tuple[float, float]]:
    """Points along an SVG path of one M and cubic C segments."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path_data)]
    points = list(zip(numbers[::2], numbers[1::2]))
    assert path_data.startswith("M") and (len(points) - 1) % 3 == 0, path_data
    found = [points[0]]
    for i in range(1, len(points) - 2, 3):
        p0, p1, p2, p3 = points[i - 1], points[i], points[i + 1], points[i + 2]
        for step in range(1, steps + 1):
            t = step / steps
            found.append(tuple(
                (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t**2 * c + t**3 * d
                for a, b, c, d in zip(p0, p1, p2, p3)
            ))
    return found


def assert_no_edge_crosses_a_box(svg: ET.Element) -> None:
    placed = boxes(svg)
    edges = [p for p in svg.iter(f"{SVG}path") if p.get("data-from")]
    assert edges
    for edge in edges:
        ends = {edge.get("data-from"), edge.get("data-to")}
        for x, y in sample(edge.get("d")):
            for node, (left, top, right, bottom) in placed.items():
                if node in ends:
                    continue
                inside = left + 1 < x < right - 1 and top + 1 < y < bottom - 1
                assert not inside, f"{ends} passes through {node} at {x:.0f},{y:.0f}"
    # ... and no box covers another.
    items = list(placed.items())
    for i, (a, (l1, t1, r1, b1)) in enumerate(items):
        for b, (l2, t2, r2, b2) in items[i + 1:]:
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1, (a, b)


def expected_lines(policy: Policy) -> set[tuple[str, str]]:
    return {(r, t) for r, t, _, _ in roles.reporting_edges(policy)}


@pytest.mark.parametrize("count", [3, 5, 9, 12, 15])
def test_generated_policies_draw_every_line_and_no_edge_crosses_a_box(count):
    policy = generated_policy(count, seed=count)
    svg = svg_of(roles.reporting_diagram(policy))
    drawn = {(p.get("data-from"), p.get("data-to")) for p in svg.iter(f"{SVG}path") if p.get("data-from")}
    assert drawn == expected_lines(policy)
    assert set(boxes(svg)) == {role for line in drawn for role in line}
    assert_no_edge_crosses_a_box(svg)


def test_the_projects_diagram_draws_its_lines_around_the_boxes():
    policy = project_policy()
    svg = svg_of(roles.reporting_diagram(policy))
    drawn = {(p.get("data-from"), p.get("data-to")) for p in svg.iter(f"{SVG}path") if p.get("data-from")}
    assert drawn == expected_lines(policy)
    assert_no_edge_crosses_a_box(svg)


@pytest.mark.parametrize("policy", [project_policy(), generated_policy(15, seed=15)], ids=["project", "15-roles"])
def test_text_is_never_drawn_smaller_than_its_font_size(policy):
    svg = svg_of(roles.reporting_diagram(policy))
    # Drawn 1:1: the width the page gives it is its own (policy.css never shrinks it).
    assert svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"
    assert "diagram--unscaled" in svg.get("class")
    sizes = {float(t.get("font-size")) for t in svg.iter(f"{SVG}text")}
    assert sizes and min(sizes) >= 12
    # Every label fits its box (estimated at the font size, generous for wide letters).
    placed = boxes(svg)
    for group in svg.iter(f"{SVG}g"):
        if group.get("data-node"):
            left, _, right, _ = placed[group.get("data-node")]
            for line in group.iter(f"{SVG}tspan"):
                assert len(line.text) * diagram.CHAR_WIDTH <= right - left


def test_role_names_are_escaped_and_the_drawing_is_deterministic():
    hostile = lambda i: f'<script>alert("{i}")</script> & \'citat\' "{i}"'  # noqa: E731
    policy = generated_policy(6, seed=3, name=hostile)
    html = roles.reporting_diagram(policy)
    assert "<script" not in html
    svg = svg_of(html)  # well-formed XML despite the quotes and brackets
    labels = [" ".join(t.text for t in g.iter(f"{SVG}tspan")) for g in svg.iter(f"{SVG}g") if g.get("data-node")]
    assert hostile(1) in labels
    assert roles.reporting_diagram(policy) == html


def test_a_missing_dot_is_a_clear_swedish_error(monkeypatch):
    monkeypatch.setattr(diagram, "DOT", "dot-som-inte-finns")
    with pytest.raises(diagram.LayoutError, match="Installera Debians paket graphviz"):
        diagram.layered_svg([diagram.Node("a", "A")], [], title="t", description="d", id_prefix="p")


def test_the_crossing_check_itself_finds_a_line_through_a_box():
    svg = ET.fromstring(
        '<svg xmlns="http://www.w3.org/2000/svg">'
        '<g data-node="a"><rect x="0" y="0" width="50" height="20"/></g>'
        '<g data-node="b"><rect x="0" y="100" width="50" height="20"/></g>'
        '<g data-node="c"><rect x="0" y="200" width="50" height="20"/></g>'
        '<path data-from="c" data-to="a" d="M25,200 C25,150 25,50 25,20"/></svg>'
    )
    with pytest.raises(AssertionError, match="passes through b"):
        assert_no_edge_crosses_a_box(svg)


# --- The bound: a drawing too large, or too slow to lay out, is left out --------------------


def dense_policy(count: int) -> Policy:
    """``count`` roles, each reporting to all the others: count × (count − 1) arrows."""
    role_list = [Role(id=f"r{i}", namn=f"Roll {i}", slag="funktion") for i in range(count)]
    duties = [Responsibility(id=f"d{i}", roll=f"r{i}", område="a", typ="rapporterar",
                             till=[f"r{j}" for j in range(count) if j != i], källa=f"R{i} rapporterar.")
              for i in range(count)]
    return small_policy().model_copy(update={
        "roles": role_list, "areas": [Area(id="a", namn="Området")], "responsibilities": duties,
    })


def test_the_bound_is_stated_and_a_drawing_within_it_is_drawn():
    assert diagram.MAX_EDGES == 150 and diagram.DOT_TIMEOUT <= 10
    policy = dense_policy(12)  # 132 arrows
    assert len(expected_lines(policy)) <= diagram.MAX_EDGES
    svg = svg_of(roles.reporting_diagram(policy))
    assert len([p for p in svg.iter(f"{SVG}path") if p.get("data-from")]) == 132


def test_a_drawing_beyond_the_bound_is_left_out_and_the_text_says_so(monkeypatch):
    monkeypatch.setattr(diagram, "DOT", "dot-som-inte-behovs")  # dot is never asked
    told = []
    policy = dense_policy(50)  # 2 450 arrows: dot alone would take minutes
    html = roles.reporting_diagram(policy, told.append)
    assert "<svg" not in html and 'id="rapportvagar"' not in html
    assert "Diagrammet över rapportvägarna är inte ritat: det skulle ha 2\u00a0450 pilar, fler än de 150" in html
    items = re.search(r'<ul class="diagram-text">(.*)</ul>', html, re.S).group(1)
    assert items.count("<li>") == 50 and 'href="#roll-r49"' in items
    assert told and "2\u00a0450 pilar" in told[0]


def test_a_layout_that_takes_too_long_is_left_out_once(monkeypatch, tmp_path):
    slow = tmp_path / "dot"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setattr(diagram, "DOT", str(slow))
    monkeypatch.setattr(diagram, "DOT_TIMEOUT", 0.5)
    monkeypatch.setattr(diagram, "_LAID_OUT", {})
    policy = generated_policy(5, seed=5)
    started = time.monotonic()
    html = roles.reporting_diagram(policy)
    assert time.monotonic() - started < 10  # dot is ended, not waited for
    assert "<svg" not in html and "Graphviz hann inte lägga ut det på 0.5 sekunder" in html
    again = time.monotonic()
    assert roles.reporting_diagram(policy) == html
    assert time.monotonic() - again < 0.4  # a rebuild (make serve) does not wait again


def test_without_reporting_the_diagram_says_so_in_words():
    """A policy in which no role reports (the reporting responsibilities are optional) draws
    no empty diagram: the place says in words that there are no reporting lines."""
    from macros.policy.model import ResponsibilityType

    reporting = (ResponsibilityType.REPORTS, ResponsibilityType.MAY_REPORT)
    policy = generated_policy(5, seed=5)
    assert roles.reporting_edges(policy)
    silent = policy.model_copy(update={"responsibilities": [
        r for r in policy.responsibilities if r.type not in reporting]})
    html = roles.reporting_diagram(silent)
    assert "<svg" not in html and "<figure" not in html
    assert html.strip() == f'<p class="reporting-diagram reporting-diagram--none">{roles.NO_REPORTING}</p>'

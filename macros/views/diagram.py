"""A directed graph drawn as inline SVG, laid out by Graphviz's ``dot``.

Used for the reporting lines (who reports to whom). ``dot`` is the standard engine for
layered drawings: it ranks the nodes, orders each rank to keep crossings few and routes
every edge as a spline around the boxes it does not connect. It is given only generated
names (``n0``, ``n1`` ...) and box sizes, never a word from data, and returns positions
(``-Tjson0``); the SVG itself is written here, every label escaped, so that the drawing
needs no JavaScript, no fonts and no requests. Colours come from ``currentColor`` and
the page's CSS, so the drawing follows the light and dark schemes and prints in black.

The drawing is never scaled down (see policy.css): its text keeps FONT_SIZE pixels on any
screen, and a drawing wider than the page scrolls inside its own frame.

A drawing has a bound: at most MAX_EDGES arrows, laid out within DOT_TIMEOUT seconds.
dot's time grows steeply with the arrows (it orders every rank to keep crossings few):
any graph within the bound takes it well under a second, while 50 roles that each report
to all the others (2 450 arrows) take it minutes. Beyond the bound the drawing is left
out (``LeftOut``), never a failure: its caller shows the same as text.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

from .markup import tag, text

FONT_SIZE = 15
LINE_HEIGHT = 18
CHAR_WIDTH = 8.6  # average width of a character at FONT_SIZE, generous for å, ä, ö and caps
PADDING_X = 14
PADDING_Y = 12
WRAP = 20  # characters a line of a label holds before it is split at a space
MARGIN = 12
DOT = "dot"
#: Points per inch: dot measures sizes in inches and positions in points; here 1 pt = 1 px.
PT = 72
#: The most arrows a drawing has. The reporting lines of a municipality are a dozen arrows
#: (the project's own data, the example organisation's); any graph of up to 150 arrows,
#: however its boxes connect, dot lays out in well under a second (random graphs of 15–80
#: boxes: 0.3 s at most on two shared cores), and a reader can still follow the arrows.
MAX_EDGES = 150
#: How long dot may take, in seconds, before the drawing is left out: within the bound it
#: takes a fraction of a second, so this is only a guard (a slow or busy machine).
DOT_TIMEOUT = 10


class LayoutError(RuntimeError):
    """dot is missing or failed: the build stops with this (Swedish) message."""


class LeftOut(Exception):
    """The drawing is left out: beyond the bound, or dot took too long. ``reason`` says why,
    in Swedish, as the end of a sentence; the caller shows the same content as text."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    href: str | None = None


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    dashed: bool = False


@dataclass(frozen=True)
class Box:
    x: float  # left
    y: float  # top
    width: float
    height: float


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    boxes: dict[str, Box]
    #: per edge (in the given order), the path: a start point, then cubic Bézier
    #: segments of three points each, ending where the arrow's tip touches the box.
    paths: list[list[tuple[float, float]]]


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def wrap(label: str, limit: int = WRAP) -> list[str]:
    """A label in lines of at most ``limit`` characters, split at spaces (a longer word
    keeps its own line whole)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def box_size(label: str) -> tuple[float, float]:
    lines = wrap(label)
    width = max(len(line) for line in lines) * CHAR_WIDTH + 2 * PADDING_X
    height = len(lines) * LINE_HEIGHT + 2 * PADDING_Y
    return round(width), round(height)


def _dot_source(nodes: Sequence[Node], edges: Sequence[Edge]) -> str:
    """The graph for dot: generated names and sizes only, nothing from data."""
    name = {node.id: f"n{i}" for i, node in enumerate(nodes)}
    lines = [
        "digraph G {",
        # Bottom to top: whoever receives the reports stands above those who report.
        '  graph [rankdir=BT, nodesep=0.45, ranksep=0.7, splines=spline, ordering=out];',
        '  node [shape=box, fixedsize=true, label=""];',
        "  edge [arrowsize=1];",
    ]
    for node in nodes:
        width, height = box_size(node.label)
        lines.append(f"  {name[node.id]} [width={width / PT:.4f}, height={height / PT:.4f}];")
    for edge in edges:
        lines.append(f"  {name[edge.source]} -> {name[edge.target]};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _points(text_value: str) -> list[tuple[float, float]]:
    return [tuple(float(c) for c in pair.split(",")[:2]) for pair in text_value.split()]  # type: ignore[misc]


#: What dot answered, by program and input: a rebuild in one process (make serve) with the
#: same reporting lines does not run dot again. Only the last few are kept.
_LAID_OUT: dict[tuple[str, str], str | None] = {}
_LAID_OUT_KEPT = 4


def _laid_out(program: str, source: str) -> dict:
    key = (program, source)
    if key not in _LAID_OUT:
        try:
            result = subprocess.run(
                [program, "-Tjson0"], input=source, capture_output=True, text=True,
                timeout=DOT_TIMEOUT, check=False,
            )
        except subprocess.TimeoutExpired:  # dot is ended; a rebuild does not wait again
            answer = None
        else:
            if result.returncode != 0:
                raise LayoutError(f"Programmet dot kunde inte rita diagrammet: {result.stderr.strip()}")
            answer = result.stdout
        while len(_LAID_OUT) >= _LAID_OUT_KEPT:
            del _LAID_OUT[next(iter(_LAID_OUT))]
        _LAID_OUT[key] = answer
    if _LAID_OUT[key] is None:
        raise LeftOut(f"Graphviz hann inte lägga ut det på {DOT_TIMEOUT} sekunder")
    return json.loads(_LAID_OUT[key])


def layout(nodes: Sequence[Node], edges: Sequence[Edge]) -> Layout:
    """Positions of every box and the route of every edge, from dot, y pointing down.
    Beyond the bound (MAX_EDGES arrows, DOT_TIMEOUT seconds) it raises LeftOut."""
    if not nodes:
        return Layout(0, 0, {}, [])
    if len(edges) > MAX_EDGES:
        raise LeftOut(
            f"det skulle ha {_number(len(edges))} pilar, fler än de {MAX_EDGES} som ett diagram "
            "ritas med (fler går inte att följa, och att lägga ut dem tar för lång tid)"
        )
    program = shutil.which(DOT)
    if program is None:
        raise LayoutError(
            "Programmet dot (Graphviz) saknas; det ritar diagrammet över rapportvägarna. "
            "Installera Debians paket graphviz (make serve och make test gör det själva)."
        )
    graph = _laid_out(program, _dot_source(nodes, edges))
    _, _, right, top = (float(v) for v in graph["bb"].split(","))

    def flip(point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] + MARGIN, top - point[1] + MARGIN)

    objects = graph.get("objects", [])
    boxes = {}
    for node, obj in zip(nodes, objects, strict=True):
        cx, cy = flip(_points(obj["pos"])[0])
        width, height = float(obj["width"]) * PT, float(obj["height"]) * PT
        boxes[node.id] = Box(cx - width / 2, cy - height / 2, width, height)
    by_pair: dict[tuple[int, int], list[list[tuple[float, float]]]] = {}
    for drawn in graph.get("edges", []):
        spec = drawn["pos"].split()
        end = None
        if spec[0].startswith("e,"):
            end = flip(_points(spec.pop(0)[2:])[0])
        if spec and spec[0].startswith("s,"):
            spec.pop(0)
        route = [flip(p) for p in _points(" ".join(spec))]
        if end is not None:  # the arrow: a straight last stretch up to its tip
            last = route[-1]
            route += [last, end, end]
        by_pair.setdefault((drawn["tail"], drawn["head"]), []).append(route)
    index = {node.id: i for i, node in enumerate(nodes)}
    paths = [by_pair[(index[e.source], index[e.target])].pop(0) for e in edges]
    return Layout(right + 2 * MARGIN, top + 2 * MARGIN, boxes, paths)


def _path_data(route: Sequence[tuple[float, float]]) -> str:
    (x, y), rest = route[0], route[1:]
    data = f"M{x:.1f},{y:.1f}"
    for i in range(0, len(rest) - 2, 3):
        data += " C" + " ".join(f"{px:.1f},{py:.1f}" for px, py in rest[i : i + 3])
    return data


def layered_svg(
    nodes: Sequence[Node], edges: Sequence[Edge], *, title: str, description: str, id_prefix: str
) -> str:
    """The graph as an accessible inline SVG with a ``<title>`` and ``<desc>``."""
    drawn = layout(nodes, edges)
    marker_id = f"{id_prefix}-pil"
    parts = [
        tag("title", text(title), id=f"{id_prefix}-titel"),
        tag("desc", text(description), id=f"{id_prefix}-beskrivning"),
        tag(
            "defs",
            tag(
                "marker",
                tag("path", d="M0,0 L10,5 L0,10 z", fill="currentColor"),
                id=marker_id, viewBox="0 0 10 10", refX="10", refY="5",
                markerWidth="7", markerHeight="7", markerUnits="userSpaceOnUse",
                orient="auto-start-reverse",
            ),
        ),
    ]
    for edge, route in zip(edges, drawn.paths, strict=True):
        parts.append(
            tag(
                "path",
                d=_path_data(route),
                class_="diagram-edge diagram-edge--dashed" if edge.dashed else "diagram-edge",
                fill="none",
                stroke="currentColor",
                stroke_width="1.6",
                stroke_dasharray="6 4" if edge.dashed else None,
                marker_end=f"url(#{marker_id})",
                data_from=edge.source,
                data_to=edge.target,
            )
        )
    for node in nodes:
        box = drawn.boxes[node.id]
        lines = wrap(node.label)
        centre_x, centre_y = box.x + box.width / 2, box.y + box.height / 2
        first = centre_y - (len(lines) - 1) * LINE_HEIGHT / 2
        label = "".join(
            tag("tspan", text(line), x=f"{centre_x:.1f}", y=f"{first + i * LINE_HEIGHT:.1f}")
            for i, line in enumerate(lines)
        )
        shape = tag(
            "rect", x=f"{box.x:.1f}", y=f"{box.y:.1f}", width=f"{box.width:.1f}",
            height=f"{box.height:.1f}", rx="6", class_="diagram-node", fill="none",
            stroke="currentColor", stroke_width="1.6",
        ) + tag(
            "text", label, class_="diagram-label", fill="currentColor", font_size=str(FONT_SIZE),
            text_anchor="middle", dominant_baseline="central",
        )
        if node.href:
            shape = tag("a", shape, href=node.href)
        parts.append(tag("g", shape, class_="diagram-box", data_node=node.id))
    return tag(
        "svg",
        "".join(parts),
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {drawn.width:.0f} {drawn.height:.0f}",
        width=f"{drawn.width:.0f}",
        height=f"{drawn.height:.0f}",
        role="img",
        aria_labelledby=f"{id_prefix}-titel {id_prefix}-beskrivning",
        # The text alternative beside the drawing carries the same words into search.
        data_search_exclude="",
        class_="diagram diagram--unscaled",
        id=id_prefix,
    )

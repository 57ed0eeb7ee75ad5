"""A layered directed graph drawn as inline SVG, from nodes and edges alone.

Used for the reporting lines (who reports to whom). The layout is the classic
layered one: every node sits one layer right of its furthest predecessor, and
nodes in a layer are ordered by the mean position of their predecessors to keep
crossings few. No JavaScript, no fonts, no requests: colours come from
``currentColor`` and the page's CSS, so the drawing follows the light and dark
schemes and prints in black.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .markup import tag, text

NODE_HEIGHT = 48
LAYER_GAP = 150
ROW_GAP = 22
MARGIN = 12
CHAR_WIDTH = 8.2  # average width of a character at FONT_SIZE, generous for bold
FONT_SIZE = 15
LINE_HEIGHT = 18


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


def layers(nodes: Sequence[Node], edges: Sequence[Edge]) -> list[list[str]]:
    """Node ids by layer: a node stands one layer after its furthest predecessor.

    Cycles are cut where a relaxation would pass the number of nodes, so any graph
    gets a layout. Within a layer, nodes are ordered by the mean position of their
    predecessors, ties kept in the given order.
    """
    ids = [n.id for n in nodes]
    level = dict.fromkeys(ids, 0)
    for _ in range(len(ids)):
        changed = False
        for edge in edges:
            if edge.source == edge.target:
                continue
            wanted = level[edge.source] + 1
            if wanted > level[edge.target] and wanted < len(ids):
                level[edge.target] = wanted
                changed = True
        if not changed:
            break
    result: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for node_id in ids:
        result[level[node_id]].append(node_id)
    for depth in range(1, len(result)):
        position = {node_id: i for layer in result[:depth] for i, node_id in enumerate(layer)}
        order = {node_id: i for i, node_id in enumerate(result[depth])}

        def weight(node_id: str) -> tuple[float, int]:
            preds = [position[e.source] for e in edges if e.target == node_id and e.source in position]
            return (sum(preds) / len(preds) if preds else float(order[node_id]), order[node_id])

        result[depth].sort(key=weight)
    return result


def _wrap(label: str, limit: int = 24) -> list[str]:
    """Split a long label in two at the space nearest its middle."""
    if len(label) <= limit or " " not in label:
        return [label]
    middle = len(label) / 2
    cut = min((i for i, c in enumerate(label) if c == " "), key=lambda i: abs(i - middle))
    return [label[:cut], label[cut + 1 :]]


def layered_svg(
    nodes: Sequence[Node], edges: Sequence[Edge], *, title: str, description: str, id_prefix: str
) -> str:
    """The graph as an accessible inline SVG with a ``<title>`` and ``<desc>``."""
    rows = layers(nodes, edges)
    width = max(
        max(len(line) for line in _wrap(n.label)) * CHAR_WIDTH + 28 for n in nodes
    ) if nodes else 0
    tallest = max((len(layer) for layer in rows), default=0)
    height = tallest * NODE_HEIGHT + max(tallest - 1, 0) * ROW_GAP
    box: dict[str, tuple[float, float]] = {}
    for depth, layer in enumerate(rows):
        layer_height = len(layer) * NODE_HEIGHT + (len(layer) - 1) * ROW_GAP
        top = MARGIN + (height - layer_height) / 2
        for i, node_id in enumerate(layer):
            box[node_id] = (MARGIN + depth * (width + LAYER_GAP), top + i * (NODE_HEIGHT + ROW_GAP))
    total_width = 2 * MARGIN + len(rows) * width + max(len(rows) - 1, 0) * LAYER_GAP
    total_height = 2 * MARGIN + height

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
                markerWidth="8", markerHeight="8", orient="auto-start-reverse",
            ),
        ),
    ]
    for edge in edges:
        sx, sy = box[edge.source]
        tx, ty = box[edge.target]
        if tx > sx:  # forwards: right side to left side
            x1, y1, x2, y2 = sx + width, sy + NODE_HEIGHT / 2, tx, ty + NODE_HEIGHT / 2
        else:  # backwards or within a layer: leave and enter from below
            x1, y1, x2, y2 = sx + width / 2, sy + NODE_HEIGHT, tx + width / 2, ty + NODE_HEIGHT
        bend = max(abs(x2 - x1) / 2, 40)
        path = f"M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
        if tx <= sx:
            path = f"M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 + 60:.1f} {x2:.1f},{y2 + 60:.1f} {x2:.1f},{y2:.1f}"
        parts.append(
            tag(
                "path",
                d=path,
                class_="diagram-edge diagram-edge--dashed" if edge.dashed else "diagram-edge",
                fill="none",
                stroke="currentColor",
                stroke_width="1.6",
                stroke_dasharray="6 4" if edge.dashed else None,
                marker_end=f"url(#{marker_id})",
            )
        )
    for node in nodes:
        x, y = box[node.id]
        lines = _wrap(node.label)
        first = y + NODE_HEIGHT / 2 - (len(lines) - 1) * LINE_HEIGHT / 2
        label = "".join(
            tag("tspan", text(line), x=f"{x + width / 2:.1f}", y=f"{first + i * LINE_HEIGHT:.1f}")
            for i, line in enumerate(lines)
        )
        shape = tag(
            "rect", x=f"{x:.1f}", y=f"{y:.1f}", width=f"{width:.1f}", height=str(NODE_HEIGHT),
            rx="6", class_="diagram-node", fill="none", stroke="currentColor", stroke_width="1.6",
        ) + tag(
            "text", label, class_="diagram-label", fill="currentColor", font_size=str(FONT_SIZE),
            text_anchor="middle", dominant_baseline="central",
        )
        if node.href:
            shape = tag("a", shape, href=node.href)
        parts.append(tag("g", shape, class_="diagram-box"))
    return tag(
        "svg",
        "".join(parts),
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {total_width:.0f} {total_height:.0f}",
        width=f"{total_width:.0f}",
        height=f"{total_height:.0f}",
        role="img",
        aria_labelledby=f"{id_prefix}-titel {id_prefix}-beskrivning",
        # The text alternative beside the drawing carries the same words into search.
        data_search_exclude="",
        class_="diagram",
        id=id_prefix,
    )

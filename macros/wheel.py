"""The annual wheel (årshjul): a twelve-month ring with numbered markers, as inline SVG.

January stands at the top and the months run clockwise, as on the planners Swedish
municipalities use. Each entry is a numbered marker on its month; the same content
follows as text. Colours come from ``currentColor`` and the page's CSS.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .markup import tag, text

SIZE = 580
CENTRE = SIZE / 2
INNER, OUTER = 118, 196  # the month ring
MARKER_RADIUS = 12
MARKER_RING = OUTER + 22
MARKER_STEP = 27


@dataclass(frozen=True)
class WheelEntry:
    month: int  # 1-12
    number: int  # the marker's number; one per obligation
    label: str
    planned: bool = True  # False: the date follows from the policy itself


def _point(radius: float, angle: float) -> tuple[float, float]:
    """A point at ``angle`` degrees clockwise from the top."""
    radians = math.radians(angle)
    return CENTRE + radius * math.sin(radians), CENTRE - radius * math.cos(radians)


def _sector(month: int) -> str:
    start, end = (month - 1) * 30, month * 30
    (x1, y1), (x2, y2) = _point(OUTER, start), _point(OUTER, end)
    (x3, y3), (x4, y4) = _point(INNER, end), _point(INNER, start)
    return (
        f"M{x1:.1f},{y1:.1f} A{OUTER},{OUTER} 0 0 1 {x2:.1f},{y2:.1f} "
        f"L{x3:.1f},{y3:.1f} A{INNER},{INNER} 0 0 0 {x4:.1f},{y4:.1f} Z"
    )


def describe(entries: Sequence[WheelEntry], months: Sequence[str]) -> list[tuple[str, list[WheelEntry]]]:
    """(month name, its entries) for every month that has any, in calendar order."""
    return [
        (months[m - 1], [e for e in entries if e.month == m])
        for m in range(1, 13)
        if any(e.month == m for e in entries)
    ]


def annual_wheel(
    entries: Sequence[WheelEntry],
    *,
    months: Sequence[str],
    title: str,
    id_prefix: str,
    centre: str = "",
) -> str:
    """A figure: the wheel as an accessible SVG, then the same content as a list."""
    by_month = describe(entries, months)
    description = " ".join(
        f"{name}: " + "; ".join(f"{e.number}. {e.label}" for e in items) + "."
        for name, items in by_month
    ) or "Inget är planerat."
    parts = [
        tag("title", text(title), id=f"{id_prefix}-titel"),
        tag("desc", text(description), id=f"{id_prefix}-beskrivning"),
    ]
    for month in range(1, 13):
        parts.append(
            tag("path", d=_sector(month), class_=f"wheel-month wheel-month--{'odd' if month % 2 else 'even'}",
                fill="none", stroke="currentColor", stroke_width="1")
        )
        x, y = _point((INNER + OUTER) / 2, (month - 0.5) * 30)
        parts.append(
            tag("text", text(months[month - 1][:3].lower()), x=f"{x:.1f}", y=f"{y:.1f}",
                class_="wheel-month-label", fill="currentColor", font_size="15",
                text_anchor="middle", dominant_baseline="central")
        )
    for _, items in by_month:
        for stack, entry in enumerate(items):
            x, y = _point(MARKER_RING + stack * MARKER_STEP, (entry.month - 0.5) * 30)
            marker = tag("title", text(f"{months[entry.month - 1]}: {entry.label}")) + tag(
                "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=str(MARKER_RADIUS),
                class_="wheel-marker" + ("" if entry.planned else " wheel-marker--policy"),
                fill="none", stroke="currentColor", stroke_width="1.5",
            ) + tag(
                "text", str(entry.number), x=f"{x:.1f}", y=f"{y:.1f}", class_="wheel-marker-label",
                fill="currentColor", font_size="13", font_weight="700", text_anchor="middle",
                dominant_baseline="central",
            )
            parts.append(tag("g", marker))
    parts.append(
        tag("text", text(centre), x=str(CENTRE), y=str(CENTRE), class_="wheel-centre",
            fill="currentColor", font_size="18", font_weight="700", text_anchor="middle",
            dominant_baseline="central")
    )
    svg = tag(
        "svg",
        "".join(parts),
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {SIZE} {SIZE}",
        width=str(SIZE),
        height=str(SIZE),
        role="img",
        aria_labelledby=f"{id_prefix}-titel {id_prefix}-beskrivning",
        # The text alternative beside the drawing carries the same words into search.
        data_search_exclude="",
        class_="diagram wheel",
        id=id_prefix,
    )
    legend = "".join(
        tag("li", tag("strong", text(name)) + ": "
            + "; ".join(f"{e.number}. {text(e.label)}" for e in items))
        for name, items in by_month
    )
    caption = tag(
        "figcaption",
        text(title) + ". Varje nummer är en skyldighet; samma innehåll månad för månad:",
    )
    return tag(
        "figure",
        tag("div", svg, class_="diagram-scroll") + caption
        + tag("ul", legend or tag("li", "Inget är planerat."), class_="diagram-text"),
        class_="wheel-figure",
    )

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

SIZE = 580  # the smallest drawing; more markers in a month make it larger
INNER, OUTER = 118, 196  # the month ring
MARKER_RADIUS = 12
MARKER_RING = OUTER + 22  # the first row of markers
MARKER_STEP = 27  # between rows of markers, outwards
MARKER_GAP = 4  # between markers in a row
MARGIN = 6


@dataclass(frozen=True)
class WheelEntry:
    month: int  # 1-12
    number: int  # the marker's number; one per obligation
    label: str
    planned: bool = True  # False: the date follows from the policy itself


def _point(radius: float, angle: float, centre: float = SIZE / 2) -> tuple[float, float]:
    """A point at ``angle`` degrees clockwise from the top."""
    radians = math.radians(angle)
    return centre + radius * math.sin(radians), centre - radius * math.cos(radians)


def _sector(month: int, centre: float) -> str:
    start, end = (month - 1) * 30, month * 30
    (x1, y1), (x2, y2) = _point(OUTER, start, centre), _point(OUTER, end, centre)
    (x3, y3), (x4, y4) = _point(INNER, end, centre), _point(INNER, start, centre)
    return (
        f"M{x1:.1f},{y1:.1f} A{OUTER},{OUTER} 0 0 1 {x2:.1f},{y2:.1f} "
        f"L{x3:.1f},{y3:.1f} A{INNER},{INNER} 0 0 0 {x4:.1f},{y4:.1f} Z"
    )


def marker_places(count: int, month: int) -> list[tuple[float, float]]:
    """(radius, angle) of ``count`` markers in a month: side by side within the month's
    30 degrees, row after row outwards, so that any number fit without overlapping."""
    places: list[tuple[float, float]] = []
    row = 0
    while len(places) < count:
        radius = MARKER_RING + row * MARKER_STEP
        # The angle one marker and its gap take at this radius; the month's edges keep half.
        step = math.degrees((2 * MARKER_RADIUS + MARKER_GAP) / radius)
        fits = max(1, int(30 // step))
        here = min(fits, count - len(places))
        middle = (month - 0.5) * 30
        for i in range(here):
            places.append((radius, middle + (i - (here - 1) / 2) * step))
        row += 1
    return places


def extent(entries: Sequence[WheelEntry]) -> float:
    """Half the drawing's side: the month ring, or the outermost marker with its margin."""
    busiest = max((sum(1 for e in entries if e.month == m) for m in range(1, 13)), default=0)
    outermost = max((r for m in range(1, 13) for r, _ in marker_places(busiest, m)), default=0)
    return max(SIZE / 2, outermost + MARKER_RADIUS + MARGIN)


def _marker(entry: WheelEntry, x: float, y: float) -> str:
    """A circle for a month the organisation planned, a square for one the policy sets:
    the kinds differ in shape and outline, not only in colour."""
    if entry.planned:
        return tag("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=str(MARKER_RADIUS), class_="wheel-marker",
                   fill="none", stroke="currentColor", stroke_width="1.5")
    side = 2 * MARKER_RADIUS - 2
    return tag("rect", x=f"{x - side / 2:.1f}", y=f"{y - side / 2:.1f}", width=str(side), height=str(side),
               class_="wheel-marker wheel-marker--policy", fill="none", stroke="currentColor",
               stroke_width="1.5", stroke_dasharray="3 2")


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
    half = extent(entries)
    parts = [
        tag("title", text(title), id=f"{id_prefix}-titel"),
        tag("desc", text(description), id=f"{id_prefix}-beskrivning"),
    ]
    for month in range(1, 13):
        parts.append(
            tag("path", d=_sector(month, half), class_=f"wheel-month wheel-month--{'odd' if month % 2 else 'even'}",
                fill="none", stroke="currentColor", stroke_width="1")
        )
        x, y = _point((INNER + OUTER) / 2, (month - 0.5) * 30, half)
        parts.append(
            tag("text", text(months[month - 1][:3].lower()), x=f"{x:.1f}", y=f"{y:.1f}",
                class_="wheel-month-label", fill="currentColor", font_size="15",
                text_anchor="middle", dominant_baseline="central")
        )
    for _, items in by_month:
        for entry, (radius, angle) in zip(items, marker_places(len(items), items[0].month)):
            x, y = _point(radius, angle, half)
            marker = tag("title", text(f"{months[entry.month - 1]}: {entry.number}. {entry.label}")) + _marker(
                entry, x, y
            ) + tag(
                "text", str(entry.number), x=f"{x:.1f}", y=f"{y:.1f}", class_="wheel-marker-label",
                fill="currentColor", font_size="13", font_weight="700", text_anchor="middle",
                dominant_baseline="central",
            )
            parts.append(tag("g", marker, class_="wheel-entry", data_month=str(entry.month)))
    parts.append(
        tag("text", text(centre), x=f"{half:.1f}", y=f"{half:.1f}", class_="wheel-centre",
            fill="currentColor", font_size="18", font_weight="700", text_anchor="middle",
            dominant_baseline="central")
    )
    size = f"{2 * half:.0f}"
    svg = tag(
        "svg",
        "".join(parts),
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {size} {size}",
        width=size,
        height=size,
        role="img",
        aria_labelledby=f"{id_prefix}-titel {id_prefix}-beskrivning",
        # The text alternative beside the drawing carries the same words into search.
        data_search_exclude="",
        class_="diagram wheel",
        id=id_prefix,
    )
    # Beside the wheel (below it on a phone): every duty by name, under its month, each
    # with its marker's number and shape.
    legend = "".join(
        tag("li", tag("strong", text(name)) + tag("ul", "".join(
            tag("li", tag("span", str(e.number), class_="wheel-key wheel-key--"
                          + ("planned" if e.planned else "policy"), aria_hidden="true")
                + tag("span", f"{e.number}. ", class_="visually-hidden") + text(e.label)
                + ("" if e.planned else " – " + tag("em", "tidpunkten följer av policyn")))
            for e in items)))
        for name, items in by_month
    )
    caption = tag(
        "figcaption",
        text(title) + ". Varje nummer är en skyldighet, namngiven månad för månad i listan. "
        "Cirkel: månaden är planerad av organisationen. Streckad fyrkant: tidpunkten följer av policyn.",
    )
    return tag(
        "figure",
        tag("div", tag("div", svg, class_="wheel-drawing")
            + tag("ul", legend or tag("li", "Inget är planerat."), class_="diagram-text wheel-legend"),
            class_="wheel-body")
        + caption,
        class_="wheel-figure",
    )

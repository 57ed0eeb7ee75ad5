"""Views of roles and responsibilities: the matrix, a section per role, reporting lines.

Everything is derived from the validated data: a responsibility of a reporting
type also gives each recipient a "tar emot rapport" part in the same area, with
the same source sentence, so the editor writes each fact once. Every role name in
these views links to the role's section (``#roll-<id>`` on the roles page).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .diagram import Edge, LeftOut, Node, layered_svg
from .followup import planning_text
from .links import RoleLinks, area_anchor, obligation_anchor, role_anchor
from .markup import markdown_text, swedish_list, tag, text
from ..policy.model import Policy, ResponsibilityType


@dataclass(frozen=True)
class Part:
    """One role's part in one area, as the views show it."""

    role: str
    area: str
    type: ResponsibilityType
    source: str
    others: tuple[str, ...]  # to whom it reports, or from whom it receives
    responsibility: str  # id of the responsibility it comes from
    document: str | None = None  # the name of its document, on a site of several


def parts(policy: Policy) -> list[Part]:
    """Every part, in data order: each responsibility, then what its recipients receive."""
    result = []
    for item in policy.responsibilities:
        origin = policy.origin(item)
        document = origin.document.name if origin else None
        result.append(Part(item.role, item.area, item.type, item.source, tuple(item.to), item.id, document))
        if item.type.reports:
            result += [
                Part(recipient, item.area, ResponsibilityType.RECEIVES, item.source, (item.role,), item.id,
                     document)
                for recipient in item.to
            ]
    return result


def _quoted(source: str, document: str | None) -> str:
    """A source sentence, with the name of its document on a site of several."""
    quote = tag("q", text(source))
    return f"{text(document)}: {quote}" if document else quote


@dataclass
class PartIndex:
    """The parts grouped once, so that every view is linear in what it writes."""

    by_cell: dict[tuple[str, str], list[Part]] = field(default_factory=dict)  # (area, role)
    roles_by_area: dict[str, list[str]] = field(default_factory=dict)  # in the roles' order
    by_role: dict[str, list[Part]] = field(default_factory=dict)
    obligations_by_role: dict[str, list] = field(default_factory=dict)  # reporter or recipient

    @classmethod
    def of(cls, policy: Policy, all_parts: Sequence[Part]) -> PartIndex:
        index = cls()
        order = {role.id: position for position, role in enumerate(policy.roles)}
        for part in all_parts:
            index.by_cell.setdefault((part.area, part.role), []).append(part)
            index.by_role.setdefault(part.role, []).append(part)
        for area, role in index.by_cell:
            index.roles_by_area.setdefault(area, []).append(role)
        for roles_here in index.roles_by_area.values():
            roles_here.sort(key=lambda role_id: order.get(role_id, len(order)))
        for obligation in policy.obligations:
            involved = ([obligation.reporter] if obligation.reporter else []) + list(obligation.to)
            for role_id in dict.fromkeys(involved):
                index.obligations_by_role.setdefault(role_id, []).append(obligation)
        return index


# --- The matrix -------------------------------------------------------------------


def source_anchor(area_id: str, role_id: str, kind: ResponsibilityType) -> str:
    """The id of a matrix cell's source sentences. Its parts stand apart by '--', which no
    id holds (model.Id: words of a–z and 0–9, one hyphen between them) and no type either:
    two cells never get one id, as area 'a-b' with role 'c' and area 'a' with role 'b-c'
    would with a single hyphen."""
    return f"kalla-{area_id}--{role_id}--{kind.value}"


def _cell(cell_parts: Sequence[Part], area_id: str, role_id: str) -> str:
    """One matrix cell: each type once, focusable, described by its source sentences."""
    by_type: dict[ResponsibilityType, list[tuple[str, str | None]]] = {}
    for part in cell_parts:
        sources = by_type.setdefault(part.type, [])
        if (part.source, part.document) not in sources:
            sources.append((part.source, part.document))
    entries = []
    for kind, sources in by_type.items():
        source_id = source_anchor(area_id, role_id, kind)
        quotes = " ".join(_quoted(source, document) for source, document in sources)
        entries.append(
            tag(
                "span",
                text(kind.label)
                + tag("span", "Källa: " + quotes, class_="matrix-source", role="tooltip", id=source_id),
                class_=f"matrix-entry matrix-entry--{kind.value}",
                tabindex="0",
                aria_describedby=source_id,
                # The cells repeat the type words; each role's section says the same in
                # sentences, which is what a search should land on.
                data_search_exclude="",
            )
        )
    return tag("td", "".join(entries))


def _empty_cells(count: int) -> str:
    """Empty cells side by side as one empty cell spanning them: nothing is written for
    an empty cell (a screen reader says it is empty), so that a sparse matrix costs what
    it holds, not rows times columns."""
    if count <= 0:
        return ""
    return tag("td", "", colspan=str(count)) if count > 1 else tag("td", "")


def legend(policy: Policy) -> str:
    used = {part.type for part in parts(policy)}
    items = "".join(
        tag("div", tag("dt", text(t.label)) + tag("dd", text(t.explanation)))
        for t in ResponsibilityType
        if t in used
    )
    return tag("dl", items, class_="matrix-legend", aria_label="Förklaring till rollmatrisen",
               data_search_exclude="")


def matrix(policy: Policy, caption: str = "Roller och ansvar per område", roles_page: str = "") -> str:
    """Areas by roles; each cell the types of responsibility, each with its source
    (``roles_page``: the roles page's URL, which the role names link to; '' on it)."""
    links = RoleLinks(policy, roles_page)
    all_parts = parts(policy)
    index = PartIndex.of(policy, all_parts)
    column = {role.id: position for position, role in enumerate(policy.roles)}
    head = tag(
        "thead",
        tag(
            "tr",
            tag("th", "Område", scope="col")
            + "".join(tag("th", links.link(role.id), scope="col") for role in policy.roles),
        ),
    )
    rows = []
    for area in policy.areas:
        cells, next_column = [], 0
        for role_id in index.roles_by_area.get(area.id, []):
            cells.append(_empty_cells(column[role_id] - next_column))
            cells.append(_cell(index.by_cell[(area.id, role_id)], area.id, role_id))
            next_column = column[role_id] + 1
        cells.append(_empty_cells(len(policy.roles) - next_column))
        cells = "".join(cells)
        rows.append(
            tag("tr", tag("th", text(area.name), scope="row") + cells, id=area_anchor(area.id))
        )
    table = tag("table", tag("caption", text(caption)) + head + tag("tbody", "".join(rows)),
                id="rollmatris")
    return tag("div", table + matrix_list(policy, all_parts, caption, index, roles_page) + legend(policy),
               class_="role-matrix")


def matrix_list(
    policy: Policy, all_parts: Sequence[Part], caption: str, index: PartIndex | None = None,
    roles_page: str = "",
) -> str:
    """The matrix for a narrow screen: each area a short list of who does what.

    policy.css shows it instead of the table below the matrix's breakpoint; it repeats
    the table, so the search leaves it out.
    """
    links = RoleLinks(policy, roles_page)
    index = index or PartIndex.of(policy, all_parts)
    areas = []
    for area in policy.areas:
        items = []
        for role_id in index.roles_by_area.get(area.id, []):
            kinds = dict.fromkeys(p.type for p in index.by_cell[(area.id, role_id)])
            what = swedish_list([k.label.lower() for k in kinds])
            items.append(tag("li", links.link(role_id) + ": " + text(what)))
        # A link to the area's row leads here where the table is not shown
        # (overrides/assets/javascripts/matrix-anchor.js): the list can take the focus.
        areas.append(
            tag("div", tag("p", text(area.name), class_="matrix-list__area")
                + tag("ul", "".join(items) or tag("li", "Inget angivet")),
                data_anchor=area_anchor(area.id), tabindex="-1")
        )
    return tag(
        "div",
        tag("p", text(caption), class_="matrix-list__caption") + "".join(areas),
        class_="matrix-list",
        data_search_exclude="",
    )


# --- One section per role -------------------------------------------------------

_GROUP_HEADINGS = {
    ResponsibilityType.DECIDES: "Beslutar om",
    ResponsibilityType.MAY_DECIDE: "Kan besluta om",
    ResponsibilityType.RESPONSIBLE: "Ansvarar för",
    ResponsibilityType.COORDINATES: "Samordnar",
    ResponsibilityType.PERFORMS: "Utför",
    ResponsibilityType.REPORTS: "Rapporterar",
    ResponsibilityType.MAY_REPORT: "Kan rapportera",
    ResponsibilityType.RECEIVES: "Tar emot rapporter",
}


def _item(policy: Policy, links: RoleLinks, part: Part) -> str:
    area = tag("a", text(policy.area(part.area).name), href=f"#{area_anchor(part.area)}")
    if part.type.reports:
        area += " – till " + links.join(part.others)
    elif part.type is ResponsibilityType.RECEIVES:
        area += (" – från " + links.join(part.others)) if part.others else " – policyn anger inte från vem"
    return tag("li", area + "<br>\n" + tag("q", text(part.source), class_="role-source"))


def _documents_of(own: Sequence[Part]) -> list[str | None]:
    """The documents the role's parts come from, in the order of the site's documents."""
    return list(dict.fromkeys(part.document for part in own))


def _followup_items(
    policy: Policy, links: RoleLinks, role_id: str, followup_page: str, index: PartIndex
) -> str:
    """The role's part in the follow-up: what it reports or receives, and how often."""
    items = []
    for obligation in index.obligations_by_role.get(role_id, []):
        if obligation.reporter == role_id:
            whom = (" till " + links.join(obligation.to)) if obligation.to else ""
        elif role_id in obligation.to:
            whom = (" från " + links.link(obligation.reporter)) if obligation.reporter else ""
        else:
            continue
        title = tag("a", text(obligation.title),
                    href=f"{followup_page}#{obligation_anchor(obligation.id)}")
        origin = policy.origin(obligation)
        if origin:
            title += f" ({text(origin.document.name)})"
        items.append(
            tag("li", title + whom + " – " + text(obligation.frequency.label.lower()) + ". "
                + text(planning_text(obligation, policy if origin else None)) + ".")
        )
    return tag("ul", "".join(items)) if items else ""


def role_section(
    policy: Policy, role_id: str, all_parts: Sequence[Part] | None = None, followup_page: str = "",
    index: PartIndex | None = None,
) -> str:
    """The HTML body of one role's section: kind, adopted text, what it does, how often."""
    role = policy.role(role_id)
    links = RoleLinks(policy)
    if index is None:
        index = PartIndex.of(policy, all_parts if all_parts is not None else parts(policy))
    own = index.by_role.get(role_id, [])
    body = [tag("p", "Slag: " + text(role.kind.label), class_="role-kind")]
    if role.policy_text:
        body.append(
            tag("blockquote", "".join(tag("p", text(paragraph)) for paragraph in role.policy_text),
                class_="role-policy-text")
        )
    # On a site of several documents, the role's duties by document, each under its name.
    for document in _documents_of(own):
        level = "h3"
        if document is not None:
            body.append(tag("h3", text(document), class_="role-document"))
            level = "h4"
        for kind, heading in _GROUP_HEADINGS.items():
            group = [p for p in own if p.type is kind and p.document == document]
            if group:
                body.append(tag(level, text(heading)))
                body.append(tag("ul", "".join(_item(policy, links, p) for p in group)))
    followup = _followup_items(policy, links, role_id, followup_page, index)
    if followup:
        body.append(tag("h3", "I uppföljningen"))
        body.append(followup)
    if not own:
        body.append(tag("p", ("Styrdokumenten anger" if policy.several else "Policyn anger")
                        + " inget ansvar för rollen."))
    return tag("div", "".join(body), class_="role-section")


def role_sections(policy: Policy, followup_page: str = "", level: int = 2) -> str:
    """Markdown: a heading per role (so it is in the table of contents) and its body."""
    all_parts = parts(policy)
    index = PartIndex.of(policy, all_parts)
    blocks = []
    for role in policy.roles:
        heading = f"{'#' * level} {markdown_text(role.name)} {{#{role_anchor(role.id)}}}"
        blocks.append(heading + "\n\n" + role_section(policy, role.id, all_parts, followup_page, index))
    return "\n\n".join(blocks) + "\n"


# --- Reporting lines -----------------------------------------------------------


def reporting_edges(policy: Policy) -> list[tuple[str, str, ResponsibilityType, str]]:
    """(reporter, recipient, type, area id) for every reporting line, without repeats."""
    seen: dict[tuple[str, str, ResponsibilityType, str], None] = {}
    for item in policy.responsibilities:
        if item.type.reports:
            for recipient in item.to:
                seen[(item.role, recipient, item.type, item.area)] = None
    return list(seen)


#: What the reporting diagram's place says when no role reports to another.
NO_REPORTING = ("Policyn anger inga rapportvägar: ingen roll har ansvaret att rapportera till "
                "eller lyfta frågor med en annan roll.")


def reporting_diagram(policy: Policy, left_out: Callable[[str], None] | None = None) -> str:
    """Who reports to whom: an SVG with title and description, and the same as text.

    A drawing beyond the diagram's bound (macros/views/diagram.py: MAX_EDGES arrows, laid
    out within DOT_TIMEOUT seconds) is left out: the text says so, then gives the reporting
    lines as always; ``left_out`` is told why (the build logs it)."""
    links = RoleLinks(policy)
    lines = reporting_edges(policy)
    if not lines:
        # Nothing to draw: an empty drawing would say nothing, so the page says so in words.
        return tag("p", NO_REPORTING, class_="reporting-diagram reporting-diagram--none")
    pairs: dict[tuple[str, str], bool] = {}
    for reporter, recipient, kind, _ in lines:
        # A line is dashed only if every report along it is optional.
        optional = kind is ResponsibilityType.MAY_REPORT
        pairs[(reporter, recipient)] = pairs.get((reporter, recipient), True) and optional
    involved = {role_id for pair in pairs for role_id in pair}
    # The boxes are not links: a drawing (role="img") holds nothing to operate; the text
    # beside it links every role.
    nodes = [Node(role.id, role.name) for role in policy.roles if role.id in involved]
    edges = [Edge(source, target, dashed) for (source, target), dashed in pairs.items()]

    # reporter -> type -> area -> recipients, each in the order of the lines
    grouped: dict[str, dict[ResponsibilityType, dict[str, list[str]]]] = {}
    for reporter, recipient, kind, area in lines:
        grouped.setdefault(reporter, {}).setdefault(kind, {}).setdefault(area, []).append(recipient)
    sentences = []
    for reporter in (r.id for r in policy.roles):
        mine = grouped.get(reporter, {})
        for kind in (ResponsibilityType.REPORTS, ResponsibilityType.MAY_REPORT):
            for area, recipients in mine.get(kind, {}).items():
                verb = "rapporterar till" if kind is ResponsibilityType.REPORTS else "kan lyfta frågor till"
                sentences.append(
                    (
                        f"{policy.role(reporter).name} {verb} "
                        + swedish_list(policy.role(r).name for r in recipients)
                        + f" ({policy.area(area).name.lower()}).",
                        tag(
                            "li",
                            links.link(reporter) + f" {verb} " + links.join(recipients)
                            + " (" + text(policy.area(area).name.lower()) + ").",
                        ),
                    )
                )
    description = " ".join(plain for plain, _ in sentences)
    text_alternative = tag("ul", "".join(html for _, html in sentences), class_="diagram-text")
    try:
        svg = layered_svg(
            nodes, edges, title="Rapportvägar: vem rapporterar till vem", description=description,
            id_prefix="rapportvagar",
        )
    except LeftOut as exc:
        if left_out is not None:
            left_out(exc.reason)
        return tag(
            "div",
            tag("p", "Diagrammet över rapportvägarna är inte ritat: " + text(exc.reason)
                + ". Rapportvägarna enligt policyn, i text:", class_="reporting-diagram__left-out")
            + text_alternative,
            class_="reporting-diagram reporting-diagram--text",
        )
    caption = tag(
        "figcaption",
        "Rapportvägar enligt policyn. Heldragen pil: rollen rapporterar. Streckad pil: rollen "
        "kan lyfta frågan vid behov. Samma innehåll i text:",
    )
    return tag(
        "figure",
        # Drawn at its own size, never shrunk: a drawing wider than the page scrolls in
        # its own frame, which the keyboard reaches too.
        tag("div", svg, class_="diagram-scroll", tabindex="0", role="region",
            aria_label="Rapportvägar, diagram") + caption + text_alternative,
        class_="reporting-diagram",
    )


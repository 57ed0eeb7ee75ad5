"""The follow-up obligations in time: occurrences over mandate periods, and their views.

The policy gives frequencies only. A month is the organisation's planning and is
always shown as planned; the revision is tied by the policy itself to the start of
each mandate period. Views: the table of all obligations, the calendar of a period,
the next obligations from a given date, and the data for the annual wheel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .mandate import MandatePeriod, period_for
from .markup import markdown_text, swedish_list, tag, text
from .model import Frequency, Obligation, Policy
from .links import RoleLinks, obligation_anchor
from .wheel import WheelEntry, annual_wheel

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)


def month_name(month: int) -> str:
    return MONTHS[month - 1]


@dataclass(frozen=True, order=True)
class Occurrence:
    """When an obligation falls due: a month, and a day only where the policy fixes one."""

    year: int
    month: int
    day: int  # 0 where no day is fixed (a planned month)
    obligation: str  # id

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def due_from(self, today: dt.date) -> bool:
        """Not yet past on ``today``: a fixed day from today on, a planned month from
        this month on (its day is not chosen)."""
        if self.day:
            return self.first_day >= today
        return (self.year, self.month) >= (today.year, today.month)

    def label(self) -> str:
        if self.day:
            return f"{self.day} {month_name(self.month)} {self.year}"
        return f"{month_name(self.month)} {self.year}"


def planned_months(obligation: Obligation) -> list[int]:
    """The months of the year in which a planned obligation may fall."""
    if obligation.frequency is Frequency.EACH_TERM:
        return [10]
    if not obligation.planned:
        return []
    month = obligation.planning.month
    if obligation.frequency is Frequency.HALF_YEARLY:
        return sorted({month, (month + 5) % 12 + 1})
    return [month]


def occurrences(obligation: Obligation, period: MandatePeriod) -> list[Occurrence]:
    """Every time ``obligation`` falls due within ``period`` (a month belongs to the
    period its first day falls in; the revision falls on the period's first day)."""
    if not obligation.planned:
        return []
    if obligation.frequency is Frequency.EACH_TERM:
        start = period.start
        return [Occurrence(start.year, start.month, start.day, obligation.id)]
    result = []
    for year in range(period.start.year, period.end.year + 1):
        if obligation.frequency is Frequency.BIENNIAL and (year - obligation.planning.start_year) % 2:
            continue
        for month in planned_months(obligation):
            if period.contains(dt.date(year, month, 1)):
                result.append(Occurrence(year, month, 0, obligation.id))
    return result


def calendar_periods(today: dt.date) -> list[MandatePeriod]:
    """The current period, and the next one when it starts within a year."""
    current = period_for(today)
    periods = [current]
    if (current.next().start - today).days <= 365:
        periods.append(current.next())
    return periods


def upcoming(policy: Policy, today: dt.date, count: int) -> list[Occurrence]:
    """The next ``count`` occurrences from ``today`` (this month's included)."""
    current = period_for(today)
    found = [
        occurrence
        for period in (current, current.next())
        for obligation in policy.obligations
        for occurrence in occurrences(obligation, period)
        if occurrence.due_from(today)
    ]
    return sorted(found)[:count]


# --- Wording ------------------------------------------------------------------


def planning_text(obligation: Obligation) -> str:
    """How the obligation is timed, saying whose choice a month is."""
    frequency = obligation.frequency
    if frequency is Frequency.EACH_TERM:
        return "Enligt policyn: senast i anslutning till varje ny mandatperiod (den börjar 15 oktober)"
    if not frequency.plannable:
        return "Ingen fast tid"
    if not obligation.planned:
        return "Inte planerad ännu"
    months = swedish_list(month_name(m) for m in planned_months(obligation))
    if frequency is Frequency.BIENNIAL:
        return f"Planerad: {months} vartannat år, med start {obligation.planning.start_year}"
    return f"Planerad: {months}"


def _who(policy: Policy, links: RoleLinks, obligation: Obligation) -> str:
    if obligation.reporter is None:
        return tag("span", "Anges inte i policyn", class_="fact-unknown")
    return links.link(obligation.reporter)


def _to_whom(links: RoleLinks, obligation: Obligation) -> str:
    if not obligation.to:
        return tag("span", "Anges inte i policyn", class_="fact-unknown")
    return links.join(obligation.to)


def _who_to_whom(links: RoleLinks, obligation: Obligation) -> str:
    """'X till Y', saying plainly what the policy leaves out."""
    who = links.link(obligation.reporter) if obligation.reporter else None
    to = links.join(obligation.to) if obligation.to else None
    if who and to:
        return f"{who} till {to}"
    if to:
        return f"till {to} (policyn anger inte vem)"
    if who:
        return f"{who} (policyn anger inte till vem)"
    return "policyn anger inte vem eller till vem"


def _plain_who(policy: Policy, obligation: Obligation) -> str:
    return policy.role(obligation.reporter).name if obligation.reporter else "policyn anger inte vem"


def _plain_to(policy: Policy, obligation: Obligation) -> str:
    if not obligation.to:
        return "policyn anger inte till vem"
    return swedish_list(policy.role(r).name for r in obligation.to)


def summary_line(policy: Policy, obligation: Obligation) -> str:
    """One plain sentence: what, who, to whom (for feeds and text alternatives)."""
    return (
        f"{obligation.title}: {_plain_who(policy, obligation)}, till {_plain_to(policy, obligation)}"
    )


# --- Views --------------------------------------------------------------------------


def obligations_table(policy: Policy, roles_page: str) -> str:
    """All obligations: vad, vem, till vem, hur ofta (with the planning), källa."""
    links = RoleLinks(policy, roles_page)
    head = tag(
        "thead",
        tag("tr", "".join(tag("th", h, scope="col") for h in
                          ("Vad", "Vem", "Till vem", "Hur ofta", "Källa"))),
    )
    rows = []
    for obligation in policy.obligations:
        rows.append(
            tag(
                "tr",
                tag("th", text(obligation.title), scope="row")
                + tag("td", _who(policy, links, obligation))
                + tag("td", _to_whom(links, obligation))
                + tag("td", tag("div", text(obligation.frequency.label))
                      + tag("div", text(planning_text(obligation)), class_="followup-planning"))
                + tag("td", tag("q", text(obligation.source))),
                id=obligation_anchor(obligation.id),
            )
        )
    caption = tag("caption", "Uppföljningens skyldigheter enligt policyn")
    return tag("table", caption + head + tag("tbody", "".join(rows)), id="skyldigheter")


def obligation_sections(policy: Policy, today: dt.date, roles_page: str, level: int = 3) -> str:
    """Markdown: a section per obligation, to link to and to land on from a search."""
    links = RoleLinks(policy, roles_page)
    current = period_for(today)
    blocks = []
    for obligation in policy.obligations:
        coming = [o for p in (current, current.next()) for o in occurrences(obligation, p)
                  if o.due_from(today)]
        facts = [
            ("Vem", _who(policy, links, obligation)),
            ("Till", _to_whom(links, obligation)),
            ("Hur ofta", text(obligation.frequency.label)),
            ("Planering", text(planning_text(obligation))),
        ]
        if coming:
            facts.append(("Nästa gång", text(coming[0].label())))
        body = tag("dl", "".join(tag("div", tag("dt", k) + tag("dd", v)) for k, v in facts),
                   class_="obligation-facts")
        body += tag("p", "Källa: " + tag("q", text(obligation.source)))
        blocks.append(f"{'#' * level} {markdown_text(obligation.title)} {{#om-{obligation.id}}}\n\n"
                      + tag("div", body, class_="obligation"))
    return "\n\n".join(blocks) + "\n"


def _entry(policy: Policy, links: RoleLinks, obligation: Obligation, occurrence: Occurrence) -> str:
    status = (
        tag("span", "Enligt policyn", class_="followup-status followup-status--policy")
        if obligation.frequency is Frequency.EACH_TERM
        else tag("span", "Planerad", class_="followup-status followup-status--planned")
    )
    when = f" ({text(occurrence.label())})" if occurrence.day else ""
    return tag(
        "li",
        status + " "
        + tag("a", text(obligation.title), href=f"#{obligation_anchor(obligation.id)}") + when
        + ": " + _who_to_whom(links, obligation) + ".",
    )


def period_calendar(policy: Policy, period: MandatePeriod, roles_page: str, level: int = 3) -> str:
    """Markdown: the period's heading, then each year with its months and entries."""
    links = RoleLinks(policy, roles_page)
    by_id = {o.id: o for o in policy.obligations}
    all_occurrences = sorted(o for ob in policy.obligations for o in occurrences(ob, period))
    parts = [
        f"{'#' * level} Mandatperiod {markdown_text(period.label)} {{#kalender-{period.id}}}",
        tag(
            "p",
            text(f"Mandatperioden börjar {period.start.day} oktober {period.start.year} och slutar "
                 f"{period.end.day} oktober {period.end.year}."),
        ),
    ]
    for year in sorted({o.year for o in all_occurrences}):
        months = []
        for month in sorted({o.month for o in all_occurrences if o.year == year}):
            entries = [
                _entry(policy, links, by_id[o.obligation], o)
                for o in all_occurrences
                if o.year == year and o.month == month
            ]
            months.append(tag("div", tag("dt", text(month_name(month).capitalize()))
                              + tag("dd", tag("ul", "".join(entries)))))
        parts.append(f"{'#' * (level + 1)} {year} {{#kalender-{period.id}-{year}}}")
        parts.append(tag("dl", "".join(months), class_="followup-months"))
    return "\n\n".join(parts) + "\n"


def unscheduled(policy: Policy, roles_page: str) -> str:
    """The obligations that have no date: not planned yet, or only when there is a need."""
    links = RoleLinks(policy, roles_page)
    items = [
        tag(
            "li",
            tag("a", text(o.title), href=f"#{obligation_anchor(o.id)}") + ": "
            + _who_to_whom(links, o)
            + f" – {text(planning_text(o).lower() if o.frequency.plannable else o.frequency.label.lower())}.",
        )
        for o in policy.obligations
        if not o.planned
    ]
    return tag("ul", "".join(items), class_="followup-unscheduled") if items else ""


def calendar(policy: Policy, today: dt.date, roles_page: str) -> str:
    """Markdown: the calendar of the current period (and the next, when it is near)."""
    return "\n\n".join(
        period_calendar(policy, period, roles_page) for period in calendar_periods(today)
    )


def upcoming_list(policy: Policy, today: dt.date, followup_page: str, roles_page: str, count: int = 3) -> str:
    """The next obligations from ``today``, for the start page."""
    links = RoleLinks(policy, roles_page)
    by_id = {o.id: o for o in policy.obligations}
    items = []
    for occurrence in upcoming(policy, today, count):
        obligation = by_id[occurrence.obligation]
        kind = "enligt policyn" if obligation.frequency is Frequency.EACH_TERM else "planerad"
        items.append(
            tag(
                "li",
                tag("strong", text(occurrence.label().capitalize())) + f" ({kind}): "
                + tag("a", text(obligation.title),
                      href=f"{followup_page}#{obligation_anchor(obligation.id)}")
                + " – " + _who_to_whom(links, obligation) + ".",
            )
        )
    if not items:
        return tag("p", "Inga planerade uppföljningar de närmaste åren.")
    return tag("ul", "".join(items), class_="followup-upcoming")


def feed_link(label: str, href: str) -> str:
    """A button that downloads the calendar feed (a file the build writes, not a page)."""
    return tag("p", tag("a", text(label), href=href, class_="md-button", download=True,
                        type="text/calendar"))


def wheel(policy: Policy) -> str:
    """The annual wheel of every planned obligation, with its text alternative."""
    planned = [o for o in policy.obligations if o.planned]
    entries = []
    for number, obligation in enumerate(planned, start=1):
        note = {
            Frequency.BIENNIAL: f"vartannat år, med start {obligation.planning.start_year}",
            Frequency.EACH_TERM: "vart fjärde år, när en ny mandatperiod börjar",
        }.get(obligation.frequency, obligation.frequency.label.lower())
        for month in planned_months(obligation):
            entries.append(
                WheelEntry(
                    month=month,
                    number=number,
                    label=f"{obligation.title} ({note})",
                    planned=obligation.frequency is not Frequency.EACH_TERM,
                )
            )
    return annual_wheel(
        entries,
        months=[m.capitalize() for m in MONTHS],
        title="Årshjul för uppföljningen",
        id_prefix="arshjul",
        centre="Årshjul",
    )


"""The follow-up obligations in time: occurrences, and their views.

Each obligation has one time rule (macros/policy/timing.py): an interval with an optional
month, day and start year, set by the policy itself or by the organisation's
planning, or one of the kinds without an interval (each mandate period, when
needed). A time the policy sets is shown as the policy's requirement; one the
organisation chose, as planned. Views: the table of all obligations, the calendar,
the next obligations from a given date, and the data for the annual wheel.

The calendar speaks of mandate periods only where the data does (an obligation or
the revision rule tied to them); otherwise it runs by calendar years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..policy.mandate import MandatePeriod, period_for
from .markup import markdown_text, swedish_list, tag, text
from ..policy.model import DocumentFile, Obligation, Policy
from .links import RoleLinks, obligation_anchor
from ..policy.timing import EACH_TERM, MONTH_NAMES, POLICY, REVISION_RULE, TimeRule
from .wheel import WheelEntry, annual_wheel

MONTHS = MONTH_NAMES

#: How far ahead "next time" looks, in years (covers any interval up to it).
HORIZON_YEARS = 12


def month_name(month: int) -> str:
    return MONTHS[month - 1]


@dataclass(frozen=True, order=True)
class Occurrence:
    """When an obligation falls due: a month, and a day only where one is fixed."""

    year: int
    month: int
    day: int  # 0 where no day is fixed (a month)
    obligation: str  # id

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def due_from(self, today: dt.date) -> bool:
        """Not yet past on ``today``: a fixed day from today on, a month from this
        month on (its day is not chosen)."""
        if self.day:
            return self.first_day >= today
        return (self.year, self.month) >= (today.year, today.month)

    def label(self) -> str:
        if self.day:
            return f"{self.day} {month_name(self.month)} {self.year}"
        return f"{month_name(self.month)} {self.year}"


# --- The time rule of an obligation ---------------------------------------------------


def revision_rule(document: DocumentFile) -> TimeRule:
    """The revision's time, as the document's revision rule gives it."""
    revision = document.revision
    if revision.rule.per_term:
        return TimeRule("term", set_by=POLICY)
    if revision.rule.by_years and revision.years and document.decision.date:
        decided = document.decision.date
        return TimeRule("once", set_by=POLICY, once=_add_years(decided, revision.years))
    if revision.rule.by_date and revision.by_date:
        return TimeRule("once", set_by=POLICY, once=revision.by_date)
    return TimeRule("none")


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def rule(obligation: Obligation, document: DocumentFile | None = None) -> TimeRule:
    """The one time rule every view derives its dates from."""
    frequency = obligation.frequency
    if frequency.value == EACH_TERM:
        return TimeRule("term", set_by=POLICY)
    if frequency.value == REVISION_RULE:
        return revision_rule(document) if document is not None else TimeRule("none")
    if not frequency.interval:
        return TimeRule("none")
    timing = obligation.timing
    if timing is None:
        if frequency.unit == "månad" and frequency.every == 1:
            return TimeRule("interval", "månad", 1, set_by=POLICY)  # every month: nothing to choose
        return TimeRule("none")
    return TimeRule(
        "interval", frequency.unit, frequency.every, timing.month, timing.day, timing.start_year,
        timing.set_by.value,
    )


def _rule(policy: Policy | None, obligation: Obligation) -> TimeRule:
    return rule(obligation, policy.document_of(obligation) if policy is not None else None)


def document_name(policy: Policy | None, obligation: Obligation) -> str | None:
    """The name of the obligation's document, on a site of several (else None)."""
    origin = policy.origin(obligation) if policy is not None else None
    return origin.document.name if origin else None


def _titled(policy: Policy, obligation: Obligation) -> str:
    """The obligation's title, with its document's name on a site of several."""
    name = document_name(policy, obligation)
    return f"{obligation.title} ({name})" if name else obligation.title


def is_dated(obligation: Obligation, policy: Policy | None = None) -> bool:
    """Whether the obligation falls due on dates (it is planned, or the policy dates it)."""
    return _rule(policy, obligation).dated


def planned_months(obligation: Obligation, policy: Policy | None = None) -> list[int]:
    """The months of the year in which a dated obligation may fall."""
    return _rule(policy, obligation).months_of_year()


# --- Windows of time: mandate periods, or calendar years ------------------------------


@dataclass(frozen=True, order=True)
class Years:
    """A window of whole calendar years, for an organisation whose data has no mandate periods."""

    first: int
    count: int = 1

    @property
    def start(self) -> dt.date:
        return dt.date(self.first, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.first + self.count - 1, 12, 31)

    @property
    def id(self) -> str:
        last = self.first + self.count - 1
        return str(self.first) if self.count == 1 else f"{self.first}-{last}"

    @property
    def label(self) -> str:
        return self.id.replace("-", "–")

    def next(self) -> Years:
        return Years(self.first + self.count, self.count)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def speaks_of_terms(policy: Policy) -> bool:
    """Whether the data ties anything to mandate periods."""
    return policy.document.revision.rule.per_term and any(
        o.frequency.value == REVISION_RULE for o in policy.obligations
    ) or any(o.frequency.value == EACH_TERM for o in policy.obligations)


def window_for(policy: Policy, today: dt.date):
    return period_for(today) if speaks_of_terms(policy) else Years(today.year)


def _term_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    period = period_for(start)
    found = []
    while period.start <= end:
        found.append(period.start)
        period = period.next()
    return found


def between(obligation: Obligation, start: dt.date, end: dt.date, policy: Policy | None = None) -> list[Occurrence]:
    """Every time ``obligation`` falls due from ``start`` to ``end``."""
    time = _rule(policy, obligation)
    return [Occurrence(y, m, d, obligation.id)
            for y, m, d in time.dates(start, end, _term_starts(start, end))]


def occurrences(obligation: Obligation, period, policy: Policy | None = None) -> list[Occurrence]:
    """Every time ``obligation`` falls due within ``period`` (a month belongs to the
    window its first day falls in; the revision falls on a period's first day)."""
    return between(obligation, period.start, period.end, policy)


def calendar_periods(today: dt.date, policy: Policy | None = None) -> list:
    """The current window, and the next one when it starts within a year."""
    current = period_for(today) if policy is None else window_for(policy, today)
    periods = [current]
    if (current.next().start - today).days <= 365:
        periods.append(current.next())
    return periods


def _horizon(today: dt.date) -> dt.date:
    return dt.date(today.year + HORIZON_YEARS, 12, 31)


def coming(policy: Policy, obligation: Obligation, today: dt.date) -> list[Occurrence]:
    """The obligation's occurrences from ``today`` (this month's included), in order."""
    start = dt.date(today.year, today.month, 1)
    return [o for o in between(obligation, start, _horizon(today), policy) if o.due_from(today)]


def upcoming(policy: Policy, today: dt.date, count: int) -> list[Occurrence]:
    """The next ``count`` occurrences from ``today`` (this month's included)."""
    found = [o for obligation in policy.obligations for o in coming(policy, obligation, today)]
    return sorted(found)[:count]


# --- Wording ------------------------------------------------------------------


def when_text(time: TimeRule, frequency) -> str:
    """The time of a dated rule in words, without saying whose choice it is."""
    if time.kind == "term":
        return "senast i anslutning till varje ny mandatperiod (den börjar 15 oktober)"
    if time.kind == "once":
        return f"senast {time.once.day} {month_name(time.once.month)} {time.once.year}"
    if time.unit == "månad" and time.every == 1:
        return f"den {time.day} varje månad" if time.day else "varje månad"
    if time.unit == "månad" and 12 % time.every:
        first = f"{time.day} " if time.day else ""
        return (f"{frequency.label.lower()}, med start {first}{month_name(time.month or 1)} "
                f"{time.start_year}")
    months = swedish_list(month_name(m) for m in time.months_of_year())
    when = f"{time.day} {months}" if time.day and time.unit == "år" else months
    if time.day and time.unit == "månad":
        when = f"den {time.day} i {months}"
    if time.unit == "år" and time.every > 1:
        return f"{when} {frequency.label.lower()}, med start {time.start_year}"
    return when


def planning_text(obligation: Obligation, policy: Policy | None = None) -> str:
    """How the obligation is timed, saying whose choice the time is."""
    frequency = obligation.frequency
    time = _rule(policy, obligation)
    if not time.dated:
        return "Inte planerad ännu" if frequency.plannable else "Ingen fast tid"
    prefix = "Planerad" if time.planned else "Enligt policyn"
    return f"{prefix}: {when_text(time, frequency)}"


def status_label(time: TimeRule) -> str:
    return "Planerad" if time.planned else "Enligt policyn"


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
        f"{_titled(policy, obligation)}: {_plain_who(policy, obligation)}, till {_plain_to(policy, obligation)}"
    )


# --- Views --------------------------------------------------------------------------


def obligations_table(policy: Policy, roles_page: str) -> str:
    """All obligations: vad, vem, till vem, hur ofta (with the planning), källa."""
    links = RoleLinks(policy, roles_page)
    headers = ("Vad", "Dokument", "Vem", "Till vem", "Hur ofta", "Källa") if policy.several else (
        "Vad", "Vem", "Till vem", "Hur ofta", "Källa")
    head = tag("thead", tag("tr", "".join(tag("th", h, scope="col") for h in headers)))
    rows = []
    for obligation in policy.obligations:
        name = document_name(policy, obligation)
        rows.append(
            tag(
                "tr",
                tag("th", text(obligation.title), scope="row")
                + (tag("td", text(name)) if name else "")
                + tag("td", _who(policy, links, obligation))
                + tag("td", _to_whom(links, obligation))
                + tag("td", tag("div", text(obligation.frequency.label))
                      + tag("div", text(planning_text(obligation, policy)), class_="followup-planning"))
                + tag("td", tag("q", text(obligation.source))),
                id=obligation_anchor(obligation.id),
            )
        )
    caption = tag("caption", "Uppföljningens skyldigheter enligt styrdokumenten" if policy.several
                  else "Uppföljningens skyldigheter enligt policyn")
    return tag("table", caption + head + tag("tbody", "".join(rows)), id="skyldigheter")


def obligation_sections(policy: Policy, today: dt.date, roles_page: str, level: int = 3) -> str:
    """Markdown: a section per obligation, to link to and to land on from a search."""
    links = RoleLinks(policy, roles_page)
    blocks = []
    for obligation in policy.obligations:
        ahead = coming(policy, obligation, today)
        name = document_name(policy, obligation)
        facts = [("Dokument", text(name))] if name else []
        facts += [
            ("Vem", _who(policy, links, obligation)),
            ("Till", _to_whom(links, obligation)),
            ("Hur ofta", text(obligation.frequency.label)),
            ("Tid", text(planning_text(obligation, policy))),
        ]
        if ahead:
            facts.append(("Nästa gång", text(ahead[0].label())))
        body = tag("dl", "".join(tag("div", tag("dt", k) + tag("dd", v)) for k, v in facts),
                   class_="obligation-facts")
        body += tag("p", "Källa: " + tag("q", text(obligation.source)))
        blocks.append(f"{'#' * level} {markdown_text(obligation.title)} {{#om-{obligation.id}}}\n\n"
                      + tag("div", body, class_="obligation"))
    return "\n\n".join(blocks) + "\n"


def _entry(policy: Policy, links: RoleLinks, obligation: Obligation, occurrence: Occurrence) -> str:
    status = (
        tag("span", "Planerad", class_="followup-status followup-status--planned")
        if _rule(policy, obligation).planned
        else tag("span", "Enligt policyn", class_="followup-status followup-status--policy")
    )
    when = f" ({text(occurrence.label())})" if occurrence.day else ""
    return tag(
        "li",
        status + " "
        + tag("a", text(_titled(policy, obligation)), href=f"#{obligation_anchor(obligation.id)}") + when
        + ": " + _who_to_whom(links, obligation) + ".",
    )


def period_calendar(policy: Policy, period, roles_page: str, level: int = 3) -> str:
    """Markdown: the window's heading (a mandate period, or a year), then each year with
    its months and entries."""
    links = RoleLinks(policy, roles_page)
    by_id = {o.id: o for o in policy.obligations}
    all_occurrences = sorted(o for ob in policy.obligations for o in occurrences(ob, period, policy))
    if isinstance(period, MandatePeriod):
        parts = [
            f"{'#' * level} Mandatperiod {markdown_text(period.label)} {{#kalender-{period.id}}}",
            tag(
                "p",
                text(f"Mandatperioden börjar {period.start.day} oktober {period.start.year} och slutar "
                     f"{period.end.day} oktober {period.end.year}."),
            ),
        ]
    else:
        parts = [f"{'#' * level} {markdown_text(period.label)} {{#kalender-{period.id}}}"]
    if not all_occurrences:
        parts.append(tag("p", "Inget infaller under perioden."))
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
        if isinstance(period, MandatePeriod) or period.count > 1:
            parts.append(f"{'#' * (level + 1)} {year} {{#kalender-{period.id}-{year}}}")
        parts.append(tag("dl", "".join(months), class_="followup-months"))
    return "\n\n".join(parts) + "\n"


def unscheduled(policy: Policy, roles_page: str) -> str:
    """The obligations that have no date: not planned yet, or only when there is a need."""
    links = RoleLinks(policy, roles_page)
    items = [
        tag(
            "li",
            tag("a", text(_titled(policy, o)), href=f"#{obligation_anchor(o.id)}") + ": "
            + _who_to_whom(links, o)
            + f" – {text(planning_text(o, policy).lower() if o.frequency.plannable else o.frequency.label.lower())}.",
        )
        for o in policy.obligations
        if not is_dated(o, policy)
    ]
    return tag("ul", "".join(items), class_="followup-unscheduled") if items else ""


def calendar(policy: Policy, today: dt.date, roles_page: str) -> str:
    """Markdown: the calendar of the current window (and the next, when it is near)."""
    return "\n\n".join(
        period_calendar(policy, period, roles_page) for period in calendar_periods(today, policy)
    )


def upcoming_list(policy: Policy, today: dt.date, followup_page: str, roles_page: str, count: int = 3) -> str:
    """The next obligations from ``today``, for the start page."""
    links = RoleLinks(policy, roles_page)
    by_id = {o.id: o for o in policy.obligations}
    items = []
    for occurrence in upcoming(policy, today, count):
        obligation = by_id[occurrence.obligation]
        kind = status_label(_rule(policy, obligation)).lower()
        items.append(
            tag(
                "li",
                tag("strong", text(occurrence.label().capitalize())) + f" ({kind}): "
                + tag("a", text(_titled(policy, obligation)),
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
    """The annual wheel of every dated obligation, with its text alternative."""
    dated = [o for o in policy.obligations if is_dated(o, policy)]
    entries = []
    for number, obligation in enumerate(dated, start=1):
        time = _rule(policy, obligation)
        if time.kind == "term":
            note = "vart fjärde år, när en ny mandatperiod börjar"
        elif time.kind == "once":
            note = when_text(time, obligation.frequency)
        elif time.unit == "år" and time.every > 1:
            note = f"{obligation.frequency.label.lower()}, med start {time.start_year}"
        elif time.unit == "månad" and 12 % time.every:
            note = when_text(time, obligation.frequency)
        else:
            note = obligation.frequency.label.lower()
            if time.day:
                note += f", den {time.day}"
        for month in time.months_of_year():
            entries.append(
                WheelEntry(
                    month=month,
                    number=number,
                    label=f"{obligation.title} ({note})" if not policy.several
                    else f"{obligation.title} ({note}; {document_name(policy, obligation)})",
                    planned=time.planned,
                )
            )
    return annual_wheel(
        entries,
        months=[m.capitalize() for m in MONTHS],
        title="Årshjul för uppföljningen",
        id_prefix="arshjul",
        centre="Årshjul",
    )

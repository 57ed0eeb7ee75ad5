"""The follow-up calendar as an iCalendar feed (RFC 5545), built with ``icalendar``.

One event per planned obligation, recurring as the policy says (RRULE), as an
all-day event that spans the planned month (the day is not chosen), or the first
day of the mandate period for the revision. UIDs come from the obligation's id, so
subscribers see the same events updated, never duplicated. Obligations that fall
due only when there is a need get no event.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from icalendar import Calendar, Event

from .followup import month_name, occurrences, planning_text, summary_line
from .mandate import MandatePeriod
from .model import Frequency, Obligation, Policy

RRULES = {
    Frequency.YEARLY: {"FREQ": "YEARLY"},
    Frequency.BIENNIAL: {"FREQ": "YEARLY", "INTERVAL": 2},
    Frequency.HALF_YEARLY: {"FREQ": "MONTHLY", "INTERVAL": 6},
    Frequency.EACH_TERM: {"FREQ": "YEARLY", "INTERVAL": 4},
}


def slug(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def uid(policy: Policy, obligation: Obligation) -> str:
    """Stable across builds: it names the organisation, the document and the obligation."""
    return f"{obligation.id}.{slug(policy.document.name)}@{slug(policy.document.organisation)}"


def _description(policy: Policy, obligation: Obligation) -> str:
    who = policy.role(obligation.reporter).name if obligation.reporter else "Anges inte i policyn"
    to = ", ".join(policy.role(r).name for r in obligation.to) or "Anges inte i policyn"
    lines = [
        f"Vem: {who}",
        f"Till: {to}",
        f"Hur ofta: {obligation.frequency.label}",
        planning_text(obligation)
        + ("" if obligation.frequency is Frequency.EACH_TERM
           else " (organisationens planering, inte ett krav i policyn; dagen är inte bestämd)"),
        f"Källa i den antagna texten: ”{' '.join(obligation.source.split())}”",
    ]
    return "\n".join(lines)


def feed(policy: Policy, period: MandatePeriod, stamp: dt.datetime, url: str | None = None) -> bytes:
    """The ICS file for every planned obligation, starting in ``period``."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{policy.document.organisation}//{policy.document.name}//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = f"Uppföljning – {policy.document.name}, {policy.document.organisation}"
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", "Skyldigheter enligt policyns avsnitt om uppföljning.")
    for obligation in policy.obligations:
        if not obligation.planned:
            continue
        first = (occurrences(obligation, period) or occurrences(obligation, period.next()))[0]
        event = Event()
        event.add("uid", uid(policy, obligation))
        event.add("dtstamp", stamp)
        if first.day:
            start = first.first_day
            end = start + dt.timedelta(days=1)
        else:
            start = dt.date(first.year, first.month, 1)
            end = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("rrule", RRULES[obligation.frequency])
        summary = summary_line(policy, obligation)
        if obligation.frequency is not Frequency.EACH_TERM:
            summary += f" – planerad i {month_name(first.month)}"
        event.add("summary", summary)
        event.add("description", _description(policy, obligation))
        event.add("categories", ["Informationssäkerhet"])
        event.add("transp", "TRANSPARENT")
        if url:
            event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()

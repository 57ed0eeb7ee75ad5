"""The follow-up calendar as an iCalendar feed (RFC 5545), built with ``icalendar``.

One event per dated obligation, recurring as its time rule says (RRULE: FREQ,
INTERVAL and BYMONTHDAY where a day is fixed), as an all-day event that spans the
month when no day is fixed, or on its day (the first day of the mandate period for a
revision tied to the periods; a single event for a revision by a date). UIDs come from the obligation's id, so
subscribers see the same events updated, never duplicated. Obligations that fall
due only when there is a need get no event.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from icalendar import Calendar, Event

from .followup import HORIZON_YEARS, between, month_name, planning_text, rule, summary_line
from ..policy.model import Obligation, Policy


def slug(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def uid(policy: Policy, obligation: Obligation) -> str:
    """Stable across builds: it names the organisation, the document and the obligation."""
    return f"{obligation.id}.{slug(policy.document.name)}@{slug(policy.document.organisation)}"


def _description(policy: Policy, obligation: Obligation) -> str:
    who = policy.role(obligation.reporter).name if obligation.reporter else "Anges inte i policyn"
    to = ", ".join(policy.role(r).name for r in obligation.to) or "Anges inte i policyn"
    origin = policy.origin(obligation)
    lines = [f"Dokument: {origin.document.name}"] if origin else []
    lines += [
        f"Vem: {who}",
        f"Till: {to}",
        f"Hur ofta: {obligation.frequency.label}",
        planning_text(obligation, policy) + _whose(policy, obligation),
        f"Källa i den antagna texten: ”{' '.join(obligation.source.split())}”",
    ]
    return "\n".join(lines)


def _whose(policy: Policy, obligation: Obligation) -> str:
    time = rule(obligation, policy.document_of(obligation))
    if not time.planned:
        return "" if time.day or time.kind != "interval" else " (dagen är inte bestämd)"
    return " (organisationens planering, inte ett krav i policyn" + (
        ")" if time.day else "; dagen är inte bestämd)")


def feed(policy: Policy, period, stamp: dt.datetime, url: str | None = None) -> bytes:
    """The ICS file for every dated obligation, starting in ``period`` (a mandate period
    or a window of years: anything with a ``start``)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{policy.document.organisation}//{policy.document.name}//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = f"Uppföljning – {policy.document.name}, {policy.document.organisation}"
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", "Skyldigheter enligt policyns avsnitt om uppföljning.")
    for obligation in policy.obligations:
        time = rule(obligation, policy.document_of(obligation))
        if not time.dated:
            continue
        ahead = between(obligation, period.start,
                        dt.date(period.start.year + HORIZON_YEARS, 12, 31), policy)
        if not ahead:
            continue  # a single date already past
        first = ahead[0]
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
        recurrence = time.rrule()
        if recurrence:
            event.add("rrule", recurrence)
        summary = summary_line(policy, obligation)
        if time.planned:
            summary += f" – planerad i {month_name(first.month)}"
        event.add("summary", summary)
        event.add("description", _description(policy, obligation))
        event.add("categories", ["Informationssäkerhet"])
        event.add("transp", "TRANSPARENT")
        if url:
            event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()

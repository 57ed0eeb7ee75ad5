"""What a build knows about the version it publishes, and the facts computed from it.

The publishing command (publishing/) deploys with mike, which names the version in
MIKE_DOCS_VERSION; the rest comes in POLICY_* variables. A local preview has none
of them and says so. The mandate period of a version follows from its decision
date; "revideras senast" follows from the period: at the latest in connection with
the next period, which starts on 15 October after the next election.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .mandate import MandatePeriod, period_for
from .model import DocumentFile, RevisionRule
from .settings import SettingError, shown
from .timing import MONTH_NAMES

PERIOD_NAME = re.compile(r"^(\d{4})-(\d{4})$")


def period_from_name(name: str | None) -> MandatePeriod | None:
    """``2026-2030`` -> the period elected in 2026; None for any other name."""
    match = PERIOD_NAME.match(name or "")
    if not match or int(match.group(2)) - int(match.group(1)) != 4:
        return None
    return MandatePeriod(int(match.group(1)))


@dataclass(frozen=True)
class Correction:
    date: str
    reason: str


@dataclass(frozen=True)
class Release:
    """The version being built: its name and title, corrections, and what it follows."""

    name: str | None = None  # None: a local preview, not published
    title: str | None = None
    corrections: tuple[Correction, ...] = ()
    previous_name: str | None = None
    previous_title: str | None = None  # the previous version's title, as published
    previous_sources: str | None = None  # path of the previous version's sources.json
    current_alias: str = "gallande"

    @classmethod
    def from_environ(cls, environ) -> Release:
        corrections = _corrections(environ.get("POLICY_CORRECTIONS") or "[]")
        return cls(
            name=environ.get("MIKE_DOCS_VERSION") or None,
            title=environ.get("POLICY_VERSION_TITLE") or None,
            corrections=corrections,
            previous_name=environ.get("POLICY_PREVIOUS_VERSION") or None,
            previous_title=environ.get("POLICY_PREVIOUS_TITLE") or None,
            previous_sources=environ.get("POLICY_PREVIOUS_SOURCES") or None,
            current_alias=environ.get("POLICY_CURRENT_ALIAS") or "gallande",
        )

    @property
    def label(self) -> str:
        if self.name is None:
            return "Förhandsgranskning (inte publicerad)"
        return self.title or self.name


def version_label(name: str | None) -> str:
    """A version named as the site names versions: ``2026-2030`` -> ``Mandatperiod 2026–2030``."""
    if name is None:
        return Release().label
    period = period_from_name(name)
    return f"Mandatperiod {period.label}" if period else name


def _corrections(content: str) -> tuple[Correction, ...]:
    """POLICY_CORRECTIONS: a JSON list of {"datum": ..., "skäl": ...} (written by publishing)."""
    try:
        items = json.loads(content)
        if not isinstance(items, list):
            raise ValueError(content)
        found = []
        for item in items:
            date, reason = item["datum"], item["skäl"]
            if not isinstance(date, str) or not isinstance(reason, str):
                raise ValueError(item)
            found.append(Correction(date, reason))
        return tuple(found)
    except (ValueError, TypeError, KeyError, RecursionError):
        raise SettingError(
            f"POLICY_CORRECTIONS: {shown(content)} går inte att läsa; väntade en JSON-lista av "
            '{"datum": "ÅÅÅÅ-MM-DD", "skäl": "..."} (make publish skriver den själv)'
        ) from None


def version_period(document: DocumentFile, release: Release) -> MandatePeriod | None:
    """The mandate period a version belongs to: from its decision date, else its name."""
    if document.decision.date is not None:
        return period_for(document.decision.date)
    return period_from_name(release.name)




def revision_date(document: DocumentFile):
    """The day by which the document must be revised, where the rule gives one."""
    revision = document.revision
    if revision.rule.by_date:
        return revision.by_date
    if revision.rule.by_years and revision.years and document.decision.date:
        decided = document.decision.date
        try:
            return decided.replace(year=decided.year + revision.years)
        except ValueError:  # 29 February
            return decided.replace(year=decided.year + revision.years, day=28)
    return None


def _day(day) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def revise_by(document: DocumentFile, period: MandatePeriod | None) -> str:
    """'Revideras senast', in words, computed from the revision rule (and the period,
    for a rule tied to mandate periods)."""
    rule = document.revision.rule
    needed = ""  # the rule's own row says "eller vid behov"; the date stays a date
    if rule is RevisionRule.AS_NEEDED:
        return "Vid behov"
    if rule.per_term:
        if period is None:
            return ("I anslutning till nästa mandatperiod (kan inte räknas ut: mandatperioden är "
                    "okänd)" + needed)
        following = period.next()
        return (
            f"I anslutning till mandatperioden {following.label}, som börjar "
            f"{following.start.day} oktober {following.start.year}" + needed
        )
    day = revision_date(document)
    if day is None:
        return (f"{document.revision.years} år efter beslutet (kan inte räknas ut: beslutsdatum "
                "saknas)" + needed)
    return _day(day) + needed


def revise_by_short(document: DocumentFile, period: MandatePeriod | None) -> str:
    """'Revideras senast' in a few words, for the header's one line."""
    rule = document.revision.rule
    if rule is RevisionRule.AS_NEEDED:
        return "vid behov"
    if rule.per_term:
        return "vid nästa mandatperiod" if period is None else f"vid mandatperioden {period.next().label}"
    day = revision_date(document)
    return _day(day) if day else f"{document.revision.years} år efter beslutet"

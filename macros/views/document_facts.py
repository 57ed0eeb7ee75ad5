"""Renderers for the facts about the governing document and its related documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .markup import external_link, tag, text
from ..policy.model import UNKNOWN_LABEL, DocumentFile, Policy, RelatedStatus
from ..policy.release import Release, revise_by, revise_by_short, version_period, period_from_name


def fact(value: object) -> str:
    if value is None:
        return tag("span", text(UNKNOWN_LABEL), class_="fact-unknown")
    if isinstance(value, dt.date):
        return tag("time", text(value.isoformat()), datetime=value.isoformat())
    return text(value)


def _row(header: str, value_html: str) -> str:
    return tag("tr", tag("th", text(header), scope="row") + tag("td", value_html))


def facts(policy: Policy, release: Release, version: bool = True) -> list[tuple[str, str]]:
    """(label, HTML value) of every fact a Swedish governing document shows.

    ``version``: whether the site's version is one of them. On a site of several documents
    it is not: a version is named by the newest decision of any document, so it says
    nothing of this document (whose decision its facts give), and a document that has not
    changed must read the same in the next version (the version selector names it)."""
    document: DocumentFile = policy.document
    period = version_period(document, release)
    found = [
        ("Dokumenttyp", text(document.document_type.label)),
        ("Status", text(document.status.label)),
        ("Beslutad av", text(policy.role(document.adopted_by).name)),
        ("Beslutsdatum", fact(document.decision.date)),
        ("Paragraf", fact(document.decision.paragraph)),
        ("Diarienummer", fact(document.decision.registry_number)),
        ("Dokumentansvarig", fact(document.responsible)),
        ("Gäller för", fact(document.scope)),
        ("Revideras senast", text(revise_by(document, period))),
    ]
    if version:
        found.append(("Version", text(release.label)))
    if document.revision.rule.per_term or (version and period_from_name(release.name)):
        # Mandate periods only where the rule or the version speaks of them.
        found.insert(8, ("Mandatperiod", fact(period.label if period else None)))
    return found


#: Where the header's disclosure ends: the template puts the link to the page with all
#: the facts there (data text is escaped, so it can never contain this comment).
MORE_FACTS = "<!--alla-uppgifter-->"


def header(policy: Policy, release: Release, version: bool = True) -> str:
    """The header on every page of the document: one short line of what a reader needs
    (type, status, adopted by, version, revised at the latest) that opens to the known
    facts; unknown facts are said once, on the page with all the facts, not on every page
    (``version``: see facts)."""
    document: DocumentFile = policy.document
    period = version_period(document, release)
    line = [
        document.document_type.label,
        document.status.label,
        f"Beslutad av {policy.role(document.adopted_by).name}",
        *([f"Version: {release.label}"] if version else []),
        f"Revideras senast {revise_by_short(document, period)}",
    ]
    summary = tag(
        "summary",
        tag("span", text("Om dokumentet: "), class_="visually-hidden")
        + " ".join(tag("span", text(item), class_="document-header__fact") for item in line),
    )
    known = "".join(
        tag("div", tag("dt", text(label)) + tag("dd", value))
        for label, value in facts(policy, release, version)
        if 'class="fact-unknown"' not in value
    )
    corrections = "".join(
        tag("p", text(f"Rättad {c.date}: {c.reason}"), class_="document-correction")
        for c in release.corrections
    )
    details = tag(
        "details",
        summary
        + tag("p", text(f"{document.name} – {document.organisation}"), class_="document-header__title")
        + tag("dl", known)
        + MORE_FACTS,
    )
    return tag("aside", details + corrections, class_="document-header",
               aria_label="Uppgifter om dokumentet")


def facts_table(policy: Policy, release: Release | None = None, version: bool = True) -> str:
    """A two-column table of the document's facts; unknown facts are said to be missing."""
    document: DocumentFile = policy.document
    rows = [
        _row("Dokumentnamn", text(document.name)),
        _row("Organisation", text(document.organisation)),
    ]
    rows += [_row(label, value) for label, value in facts(policy, release or Release(), version)]
    rows += [_row("Revideringsregel", text(document.revision.described))]
    caption = tag("caption", "Uppgifter om dokumentet")
    return tag(
        "table",
        caption + tag("tbody", "".join(rows)),
        id="dokumentuppgifter",
    )


def related_documents(policy: Policy, site_documents: Mapping[str, str] | None = None) -> str:
    """A table of related documents; one not yet published says so instead of linking.
    ``site_documents``: each document of the site -> the address of its page, relative to
    the page being rendered; a related document of the site links there."""
    site_documents = site_documents or {}
    head = tag(
        "thead",
        tag(
            "tr",
            "".join(tag("th", h, scope="col") for h in ("Dokument", "Dokumenttyp", "Beslutas av", "Status")),
        ),
    )
    rows = []
    for related in policy.document.related:
        name = text(related.name)
        if related.site_document is not None and related.site_document in site_documents:
            name = tag("a", name, href=site_documents[related.site_document])
        elif related.status is RelatedStatus.PUBLISHED and related.url:
            name = external_link(name, related.url)
        rows.append(
            tag(
                "tr",
                tag("th", name, scope="row")
                + tag("td", text(related.document_type.label))
                + tag("td", text(policy.role(related.adopted_by).name))
                + tag("td", text(related.status.label), class_=f"status-{related.status.value}"),
                id=f"dokument-{related.id}",
            )
        )
    caption = tag("caption", "Relaterade styrdokument")
    return tag("table", caption + head + tag("tbody", "".join(rows)), id="relaterade-styrdokument")

"""Renderers for the facts about the governing document and its related documents."""

from __future__ import annotations

import datetime as dt

from .markup import tag, text
from .model import UNKNOWN_LABEL, DocumentFile, Policy, RelatedStatus


def _fact(value: object) -> str:
    if value is None:
        return tag("span", text(UNKNOWN_LABEL), class_="fact-unknown")
    if isinstance(value, dt.date):
        return tag("time", text(value.isoformat()), datetime=value.isoformat())
    return text(value)


def _row(header: str, value_html: str) -> str:
    return tag("tr", tag("th", text(header), scope="row") + tag("td", value_html))


def facts_table(policy: Policy) -> str:
    """A two-column table of the document's facts; unknown facts are said to be missing."""
    document: DocumentFile = policy.document
    rows = [
        _row("Dokumentnamn", text(document.name)),
        _row("Dokumenttyp", text(document.document_type.label)),
        _row("Organisation", text(document.organisation)),
        _row("Status", text(document.status.label)),
        _row("Beslutas av", text(policy.role(document.adopted_by).name)),
        _row("Beslutsdatum", _fact(document.decision.date)),
        _row("Paragraf", _fact(document.decision.paragraph)),
        _row("Diarienummer", _fact(document.decision.registry_number)),
        _row("Dokumentansvarig", _fact(document.responsible)),
        _row("Revideras", text(document.revision.rule.label)),
    ]
    caption = tag("caption", "Uppgifter om dokumentet")
    return tag(
        "table",
        caption + tag("tbody", "".join(rows)),
        id="dokumentuppgifter",
    )


def related_documents(policy: Policy) -> str:
    """A table of related documents; one not yet published says so instead of linking."""
    head = tag(
        "thead",
        tag(
            "tr",
            "".join(tag("th", h, scope="col") for h in ("Dokument", "Dokumenttyp", "Beslutas av", "Status")),
        ),
    )
    rows = []
    for related in policy.document.related:
        if related.status is RelatedStatus.PUBLISHED and related.url:
            name = tag("a", text(related.name), href=related.url)
        else:
            name = text(related.name)
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

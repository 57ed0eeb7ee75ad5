"""The site's governing documents as one table: each with its level, status, decision,
revision date and the document it makes concrete (macros/policy/documents.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .document_facts import fact
from .markup import tag, text
from ..policy.model import Policy
from ..policy.release import Release, revise_by, version_period


@dataclass(frozen=True)
class Entry:
    """One document of the site, as the table shows it."""

    id: str
    policy: Policy
    url: str | None  # its first page, linked from the page that shows the table


def hierarchy_table(entries: Sequence[Entry], release: Release) -> str:
    """A table of the documents, top of the hierarchy first: a document follows the one
    it makes concrete (in the order the site lists them otherwise)."""
    by_id = {entry.id: entry for entry in entries}
    ordered: list[Entry] = []

    def place(entry: Entry, depth: int = 0) -> None:
        if entry in ordered or depth > len(entries):
            return
        ordered.append(entry)
        for other in entries:
            if other.policy.document.makes_concrete == entry.id:
                place(other, depth + 1)

    for entry in entries:
        if entry.policy.document.makes_concrete not in by_id:
            place(entry)
    for entry in entries:  # anything a broken chain would leave out (the checks refuse one)
        place(entry)
    headers = ("Dokument", "Dokumenttyp", "Status", "Beslutad av", "Beslutsdatum", "Revideras senast",
               "Konkretiserar")
    head = tag("thead", tag("tr", "".join(tag("th", text(h), scope="col") for h in headers)))
    rows = []
    for entry in ordered:
        document = entry.policy.document
        name = text(document.name)
        if entry.url:
            name = tag("a", name, href=entry.url)
        above = by_id.get(document.makes_concrete) if document.makes_concrete else None
        concrete = text(above.policy.document.name if above else "inget")
        rows.append(tag(
            "tr",
            tag("th", name, scope="row")
            + tag("td", text(document.document_type.label))
            + tag("td", text(document.status.label))
            + tag("td", text(entry.policy.role(document.adopted_by).name))
            + tag("td", fact(document.decision.date))
            + tag("td", text(revise_by(document, version_period(document, release))))
            + tag("td", concrete),
            id=f"styrdokument-{entry.id}" if entry.id else "styrdokument",
        ))
    caption = tag("caption", text("Webbplatsens styrdokument, det översta först"))
    return tag("table", caption + head + tag("tbody", "".join(rows)), id="styrdokument-tabell")

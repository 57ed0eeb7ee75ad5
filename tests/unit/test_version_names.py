"""The name of an adopted version: from the newest decision among the site's documents
(publishing/publish.py name_adopted), as before for a site of one document."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from publishing import PublishError
from publishing.publish import Options, SiteDocument, adopted_name, name_adopted, recorded_decisions

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)

NEW = Options(version="")


def document(date: str, per_term: bool = True, name: str = "Policy"):
    """What naming reads of a document's facts."""
    return SimpleNamespace(name=name, decision=SimpleNamespace(date=dt.date.fromisoformat(date)),
                           revision=SimpleNamespace(rule=SimpleNamespace(per_term=per_term)))


def site(*dates: str, per_term: bool = True) -> list[SiteDocument]:
    first = SiteDocument("policy", document(dates[0], per_term), "data/dokument.yml")
    return [first, *(SiteDocument(f"d{i}", document(d, False, f"Dokument {i}"), f"data/d{i}/dokument.yml")
                     for i, d in enumerate(dates[1:], 1))]


def published(name: str, decided: str, documents: dict[str, str] | None = None) -> dict:
    properties = {"status": "antagen", "beslutsdatum": decided, **({"dokument": documents} if documents else {})}
    return {name: {"version": name, "title": name, "properties": properties}}


def test_one_document_is_named_as_before():
    one = document("2027-03-10")
    assert adopted_name(one, {}, NEW) == ("2026-2030", "Mandatperiod 2026–2030")
    later = document("2028-05-20")
    assert adopted_name(later, published("2026-2030", "2027-03-10"), NEW) == (
        "2026-2030-2028-05-20", "Mandatperiod 2026–2030, revidering 2028-05-20")
    assert adopted_name(document("2025-03-18", per_term=False), {}, NEW) == ("2025-03-18", "Beslutad 2025-03-18")
    # The same decision keeps its version's name (then refused, or corrected).
    assert adopted_name(one, published("2026-2030", "2027-03-10"), NEW)[0] == "2026-2030"


def test_the_newest_decision_of_any_document_names_the_version():
    named = name_adopted(site("2027-03-10", "2027-06-01"), {}, NEW)
    assert (named.name, named.decided.id) == ("2026-2030", "d1")
    # The guidelines' next decision: a new version in the same period, named by it.
    before = published("2026-2030", "2027-06-01", {"policy": "2027-03-10", "d1": "2027-06-01"})
    named = name_adopted(site("2027-03-10", "2028-01-15"), before, NEW)
    assert (named.name, named.decided.id, named.since) == ("2026-2030-2028-01-15", "d1", None)
    # The first document's rule says whether names follow mandate periods.
    named = name_adopted(site("2025-03-18", "2025-06-10", per_term=False), {}, NEW)
    assert (named.name, named.title) == ("2025-06-10", "Beslutad 2025-06-10")
    # The same decisions: the version they were published as.
    assert name_adopted(site("2027-03-10", "2027-06-01"), before, NEW).name == "2026-2030"


def test_a_document_added_to_a_site_published_with_one_gets_a_version():
    """A version published before documents were recorded holds only the first's decision."""
    before = published("2026-2030", "2027-03-10")
    assert recorded_decisions(before["2026-2030"], "policy") == {"policy": "2027-03-10"}
    named = name_adopted(site("2027-03-10", "2027-09-01"), before, NEW)
    assert (named.name, named.decided.id) == ("2026-2030-2027-09-01", "d1")


def test_an_earlier_decision_entered_late_is_named_by_itself():
    """A document's decision dated before the newest, entered after that was published: the
    newest's name is taken, so the newest decision that is new names the version."""
    before = published("2025-06-10", "2025-06-10", {"policy": "2025-03-18", "d1": "2025-06-10"})
    named = name_adopted(site("2025-05-01", "2025-06-10", per_term=False), before, NEW)
    assert (named.name, named.decided.id, named.since) == ("2025-05-01", "policy", "2025-06-10")
    taken = {**before, **published("2025-05-01", "2025-05-01", {"policy": "2025-05-01", "d1": "2025-01-01"})}
    with pytest.raises(PublishError, match="som en annan publicerad antagen version redan har"):
        name_adopted(site("2025-05-01", "2025-06-10", per_term=False), taken, NEW)

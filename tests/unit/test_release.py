"""What a build knows of its version: names, periods and "revideras senast"."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.policy.mandate import MandatePeriod
from macros.policy.release import Release, period_from_name, revise_by, version_period
from tests.unit.test_render import small_policy
from macros.policy.model import Decision, Revision, RevisionRule
from macros.views.document_facts import facts

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)


def test_period_names():
    assert period_from_name("2026-2030") == MandatePeriod(2026)
    assert period_from_name("2026-2031") is None
    assert period_from_name("2026-2030-utkast") is None
    assert period_from_name(None) is None


def test_release_from_the_environment():
    release = Release.from_environ({
        "MIKE_DOCS_VERSION": "2026-2030", "POLICY_VERSION_TITLE": "Mandatperiod 2026–2030",
        "POLICY_CORRECTIONS": '[{"datum": "2027-01-02", "skäl": "Stavfel"}]',
    })
    assert release.label == "Mandatperiod 2026–2030"
    assert release.corrections[0].reason == "Stavfel"
    assert Release.from_environ({}).label == "Förhandsgranskning (inte publicerad)"


def test_period_follows_the_decision_date_else_the_version_name():
    document = small_policy().document
    assert version_period(document, Release(name="2022-2026")) == MandatePeriod(2022)
    decided = document.model_copy(update={"decision": Decision(
        datum=dt.date(2027, 3, 1), paragraf="§ 1", diarienummer="1")})
    assert version_period(decided, Release(name="2022-2026")) == MandatePeriod(2026)
    assert version_period(document, Release()) is None


def test_revise_by_is_the_start_of_the_next_period():
    document = small_policy().document.model_copy(
        update={"revision": small_policy().document.revision.model_copy(
            update={"rule": RevisionRule.EACH_TERM_OR_AS_NEEDED})})
    assert revise_by(document, MandatePeriod(2022)) == (
        "I anslutning till mandatperioden 2026–2030, som börjar 15 oktober 2026")
    assert revise_by(document, None).startswith("I anslutning till nästa mandatperiod (kan inte")
    assert revise_by(small_policy().document, MandatePeriod(2022)) == "Vid behov"


def _revised(**revision):
    decided = Decision(datum=dt.date(2025, 3, 18), paragraf="§ 27", diarienummer="RS 2025/112")
    return small_policy().document.model_copy(update={
        "decision": decided, "revision": Revision(källa="Källa.", **revision)})


def test_revise_by_counts_years_from_the_decision_date():
    document = _revised(regel="år_efter_beslutet_eller_vid_behov", år=4)
    assert revise_by(document, None) == "18 mars 2029"
    undated = document.model_copy(update={"decision": Decision(
        datum="uppgift saknas", paragraf="uppgift saknas", diarienummer="uppgift saknas")})
    assert revise_by(undated, None).startswith("4 år efter beslutet (kan inte räknas ut")


def test_revise_by_a_given_date():
    assert revise_by(_revised(regel="senast_datum", datum="2028-12-31"), None) == "31 december 2028"


def test_mandate_periods_only_where_the_rule_or_version_speaks_of_them():
    policy = small_policy()
    by_years = policy.model_copy(update={"document": _revised(regel="år_efter_beslutet", år=4)})
    assert "Mandatperiod" not in dict(facts(by_years, Release(name="2025-03-18")))
    assert "Mandatperiod" in dict(facts(by_years, Release(name="2022-2026")))
    per_term = policy.model_copy(update={"document": _revised(regel="varje_mandatperiod")})
    assert "Mandatperiod" in dict(facts(per_term, Release()))


def test_the_revision_rule_is_stated_with_its_numbers():
    assert _revised(regel="år_efter_beslutet_eller_vid_behov", år=4).revision.described == (
        "Senast fyra år efter beslutet, eller vid behov")
    assert _revised(regel="år_efter_beslutet", år=1).revision.described == "Senast ett år efter beslutet"
    assert _revised(regel="år_efter_beslutet", år=15).revision.described == "Senast 15 år efter beslutet"
    assert _revised(regel="senast_datum_eller_vid_behov", datum="2028-06-30").revision.described == (
        "Senast 30 juni 2028, eller vid behov")
    assert _revised(regel="varje_mandatperiod_eller_vid_behov").revision.described == (
        "Senast i anslutning till varje ny mandatperiod, eller vid behov")
    assert _revised(regel="vid_behov").revision.described == "Vid behov"

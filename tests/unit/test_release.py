"""What a build knows of its version: names, periods and "revideras senast"."""

from __future__ import annotations

import datetime as dt

from macros.mandate import MandatePeriod
from macros.release import Release, period_from_name, revise_by, version_period
from tests.unit.test_render import small_policy
from macros.model import Decision


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
            update={"rule": "varje_mandatperiod_eller_vid_behov"})})
    assert revise_by(document, MandatePeriod(2022)) == (
        "I anslutning till mandatperioden 2026–2030, som börjar 15 oktober 2026")
    assert revise_by(document, None).startswith("I anslutning till nästa mandatperiod (kan inte")
    assert revise_by(small_policy().document, MandatePeriod(2022)) == "Vid behov"

"""The accessibility statement (tillgänglighetsredogörelse), from data and the test run.

What the law asks for: the body and the service, the conformance, the known
shortcomings with reasons, how the site was assessed and when, how to give
feedback, and the supervisory authority's reporting function. The date of the
automated assessment is not typed: the accessibility tests write it to
data/granskning.json when every page passes.
"""

from __future__ import annotations

import json
from pathlib import Path

from .markup import tag, text
from .model import AccessibilityFile

DIGG_REPORT = "https://www.digg.se/tdosanmalan"
ASSESSMENT_FILE = "granskning.json"


def read_assessment(data_dir: Path) -> dict | None:
    path = Path(data_dir) / ASSESSMENT_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def statement(body: str, facts: AccessibilityFile, assessment: dict | None) -> str:
    """Markdown: the statement's sections, each a heading with HTML from data."""
    parts = [
        tag("p", text(
            f"{body} står bakom den här webbplatsen: {facts.service}. Vi vill att så många som "
            "möjligt ska kunna använda den. Här beskriver vi hur den uppfyller lagen (2018:1937) "
            "om tillgänglighet till digital offentlig service, vilka brister vi känner till och "
            "hur du kan meddela oss problem."
        )),
        "## Hur tillgänglig är webbplatsen? {#forenlighet}",
        tag("p", text(
            f"Webbplatsen är {facts.conformance.label} med lagen om tillgänglighet till digital "
            "offentlig service" + (", på grund av de brister som beskrivs nedan." if facts.shortcomings else ".")
        )),
    ]
    if facts.shortcomings:
        parts.append("## Kända brister {#brister}")
        parts.append(tag("ul", "".join(
            tag("li", text(s.shortcoming) + " " + tag("em", "Skäl: " + text(s.reason)))
            for s in facts.shortcomings
        )))
    parts.append("## Hur vi har granskat webbplatsen {#granskning}")
    parts.append(tag("p", text(facts.method)))
    if assessment:
        parts.append(tag("p", text(
            f"Den senaste automatiska granskningen gjordes {assessment['datum']} med "
            f"{assessment['verktyg']}: {assessment['sidor']} sidor, "
            f"{' och '.join(assessment['lägen'])} läge, bredderna "
            f"{' och '.join(str(w) + ' pixlar' for w in assessment['bredder'])}; "
            f"{assessment['fel']} fel."
        ), id="automatisk-granskning"))
    else:
        parts.append(tag("p", "Ingen automatisk granskning är registrerad ännu.", id="automatisk-granskning"))
    if facts.manual_checks:
        parts.append(tag("p", "Det som automatiska verktyg inte hittar kontrolleras av webbplatsens "
                              "tester vid varje ändring:"))
        parts.append(tag("ul", "".join(tag("li", text(c)) for c in facts.manual_checks)))
    parts += [
        "## Återkoppling {#aterkoppling}",
        tag("p", text(facts.feedback)),
        "## Tillsyn {#tillsyn}",
        tag("p", "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsynen över lagen. "
                 "Om du inte är nöjd med hur vi hanterar dina synpunkter kan du "
                 + tag("a", "anmäla det till Digg", href=DIGG_REPORT) + "."),
        "## Om redogörelsen {#om-redogorelsen}",
        tag("p", text(f"Redogörelsen sågs senast över {facts.updated.isoformat()}.")
            + (text(f" Den automatiska granskningen gjordes senast {assessment['datum']}.")
               if assessment else "")),
    ]
    return "\n\n".join(parts) + "\n"

"""The accessibility statement (tillgänglighetsredogörelse), from data and the test run.

What the law asks for: the body and the service, the conformance, the known
shortcomings with reasons, how the site was assessed and when, how to give
feedback, and the supervisory authority's reporting function. The date of the
automated assessment is not typed: ``make granskning`` runs the accessibility tests and,
when every page passes, writes what they checked to data/granskning.json, naming the
organisation and the service it was run on and the fingerprint of the sources (data and
pages) it was made of. The statement claims no more than that record holds: a record made
on another site (a copied file) counts as none, and one made on other sources is shown as
a review of an earlier version of the content.
"""

from __future__ import annotations

from .markup import tag, text
from ..policy.model import AccessibilityFile

DIGG_REPORT = "https://www.digg.se/tdosanmalan"


def assessment_status(assessment: dict | None, organisation: str, service: str, sources: str) -> str:
    """What the record says of this site: 'none', 'elsewhere', 'earlier' or 'current'."""
    if assessment is None:
        return "none"
    if (assessment["organisation"], assessment["tjänst"]) != (organisation, service):
        return "elsewhere"
    return "current" if assessment["källor"] == sources else "earlier"


def statement(body: str, facts: AccessibilityFile, assessment: dict | None, sources: str = "") -> str:
    """Markdown: the statement's sections, each a heading with HTML from data.

    ``sources`` is the fingerprint of the sources being built (macros.policy.sources.fingerprint):
    the assessment is described as of this content only when it was made of it.
    """
    status = assessment_status(assessment, body, facts.service, sources)
    if status == "elsewhere":
        assessment = None
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
        of_what = (
            "av just det här innehållet" if status == "current" else
            "av en tidigare version av innehållet; det som har ändrats sedan dess har inte "
            "granskats på det sättet"
        )
        parts.append(tag("p", text(
            f"Den senaste automatiska granskningen gjordes {assessment['datum']} med "
            f"{assessment['verktyg']}, {of_what}: {assessment['sidor']} sidor, "
            f"{' och '.join(assessment['lägen'])} läge, bredderna "
            f"{' och '.join(str(w) + ' pixlar' for w in assessment['bredder'])}; "
            f"{assessment['fel']} fel."
        ), id="automatisk-granskning"))
    else:
        none = (
            "Ingen automatisk granskning är registrerad för den här webbplatsen."
            if status == "elsewhere" else "Ingen automatisk granskning är registrerad ännu."
        )
        parts.append(tag("p", none, id="automatisk-granskning"))
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

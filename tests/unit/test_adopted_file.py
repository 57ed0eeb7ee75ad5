"""data/antagen-text.txt read into sections and units, with the line each starts on."""

from __future__ import annotations

import pytest

from macros.policy.adopted_file import Unit, fidelity, fidelity_errors, sections

pytestmark = pytest.mark.content_independent

TEXT = """\
Policy för exemplet
Antagen av fullmäktige

1. Inledning
Policyn gäller alla. Den ska
följas av alla anställda.

2. Principer
Två principer gäller:
Konfidentialitet Riktighet
Information är skyddad. Information är korrekt.
• Punkt ett.
• Punkt två.
"""


def test_sections_units_and_their_lines():
    found = sections(TEXT, ["Konfidentialitet", "Riktighet"])
    assert [(s.heading, s.line) for s in found] == [("", 1), ("1. Inledning", 4), ("2. Principer", 8)]
    assert [(u.kind, u.text, u.line) for u in found[1].units] == [
        ("heading", "1. Inledning", 4),
        ("sentence", "Policyn gäller alla.", 5),
        ("sentence", "Den ska följas av alla anställda.", 5),
    ]
    units = found[2].units
    assert [u.text for u in units if u.kind == "cell"] == ["Konfidentialitet", "Riktighet"]
    assert [(u.text, u.line) for u in units if u.text.startswith("Punkt")] == [("Punkt ett.", 12), ("Punkt två.", 13)]
    assert Unit("sentence", "Information är korrekt.") in units


def test_a_site_with_every_unit_in_order_has_no_problem_and_each_lack_is_located():
    principles = ["Konfidentialitet", "Riktighet"]
    site = ["Policy för exemplet Antagen av fullmäktige",
            "1. Inledning Policyn gäller alla. Den ska följas av alla anställda.",
            "2. Principer Två principer gäller: Konfidentialitet Riktighet Information är skyddad. "
            "Information är korrekt. Punkt ett. Punkt två."]
    assert not fidelity(TEXT, principles, site)
    changed = [site[0], site[1].replace("Den ska", "Den bör"), "2. Principerna " + site[2][len("2. Principer "):]]
    result = fidelity(TEXT, principles, changed)
    errors = fidelity_errors(result, "data/antagen-text.txt", ["docs/policy.md"])
    assert [(e.line, e.message.split(" ")[0]) for e in errors] == [(8, "avsnittet"), (5, "meningen")]
    swapped = [site[0], "1. Inledning Den ska följas av alla anställda. Policyn gäller alla.", site[2]]
    assert [u.text for u in fidelity(TEXT, principles, swapped).out_of_order] == [
        "Den ska följas av alla anställda."]

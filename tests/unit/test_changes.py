"""The comparison of two versions: data field by field, prose paragraph by paragraph."""

from __future__ import annotations

import re

from macros import changes, sources
from tests.conftest import CONTENT

BASE = sources.collect(CONTENT)


def compare(edit):
    new = dict(BASE)
    edit(new)
    old_policy, new_policy = sources.load(BASE).policy, sources.load(new).policy
    return changes.compare(old_policy, BASE, new_policy, new)


def test_identical_versions_have_no_changes():
    found = compare(lambda s: None)
    assert not found
    assert changes.to_markdown(found, "a", "b") == "Inga ändringar jämfört med version a.\n"


def test_added_removed_and_changed_items_field_by_field():
    def edit(s):
        s["data/roller.yml"] = s["data/roller.yml"].replace("namn: Säkerhetschef", "namn: Säkerhetschefen")
        s["data/omraden.yml"] += "  - id: nytt-omrade\n    namn: Nytt område\n"
        s["data/ansvar.yml"] += ("  - id: nytt-ansvar\n    roll: kommunstyrelsen\n    område: nytt-omrade\n"
                                 "    typ: ansvarar\n    källa: Kommunfullmäktige antar Melleruds kommuns "
                                 "informationssäkerhetspolicy.\n")
        s["data/dokument.yml"] = s["data/dokument.yml"].replace("  paragraf: uppgift saknas", "  paragraf: § 7")

    found = compare(edit)
    summary = [(c.kind, c.what, c.id, [(f.field, f.old, f.new) for f in c.fields]) for c in found.items]
    assert ("ändring", "Roll", "sakerhetschef", [("namn", "Säkerhetschef", "Säkerhetschefen")]) in summary
    assert ("tillägg", "Område", "nytt-omrade", []) in summary
    assert ("tillägg", "Ansvar", "nytt-ansvar", []) in summary
    assert [(f.field, f.old, f.new) for f in found.document] == [("beslut.paragraf", "uppgift saknas", "§ 7")]


def test_removed_items_and_changed_prose():
    def edit(s):
        s["docs/policy.md"] = s["docs/policy.md"].replace("beakta särskilt fokus", "beakta särskild vikt")
        s["docs/om-dokumentet.md"] += "\nEtt nytt stycke.\n"

    found = compare(edit)
    kinds = [(c.page, c.kind) for c in found.prose]
    assert ("docs/policy.md", "ändring") in kinds and ("docs/om-dokumentet.md", "tillägg") in kinds
    html = changes.to_html(found, "2022-2026", "2026-2030")
    assert "kommun ska beakta <del>särskilt fokus</del> <ins>särskild vikt</ins> med" in html
    markdown = changes.to_markdown(found, "2022-2026", "2026-2030")
    assert "- **Tillägg** – docs/om-dokumentet.md" in markdown
    assert "  - efter: Ett nytt stycke." in markdown


def test_data_text_in_the_changes_page_is_escaped():
    def edit(s):
        s["data/roller.yml"] = s["data/roller.yml"].replace("namn: Nämnd", "namn: <b>Nämnd</b>")

    html = changes.to_html(compare(edit), "a", "b")
    assert "<b>Nämnd</b>" not in html and "&lt;b&gt;Nämnd&lt;/b&gt;" in html


def test_the_page_for_readers_shows_labels_and_names_never_keys_or_ids():
    def edit(s):
        s["data/dokument.yml"] = s["data/dokument.yml"].replace("  datum: uppgift saknas", "  datum: 2027-03-10")
        s["data/uppfoljning.yml"] = s["data/uppfoljning.yml"].replace("månad: 3", "månad: 2", 1)
        s["data/roller.yml"] = s["data/roller.yml"].replace("namn: Säkerhetschef", "namn: Säkerhetschefen")
        s["docs/policy.md"] = s["docs/policy.md"].replace("beakta särskilt fokus", "beakta särskild vikt")

    found = compare(edit)
    policy = sources.load(BASE).policy
    titles = {p: changes.page_title(body, p) for p, body in BASE.items() if p.endswith(".md")}
    html = changes.to_html(found, "Mandatperiod 2022–2026", "Mandatperiod 2026–2030", titles)
    words = re.sub(r"<[^>]+>", " ", html)
    # No key of data/ (dotted or not) and no id of anything the policy holds.
    assert "beslut.datum" not in words and "tid.månad" not in words and "docs/" not in words
    ids = {item.id for name in ("roles", "areas", "responsibilities", "obligations") for item in getattr(policy, name)}
    assert not {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", words)}
    assert "Beslutsdatum" in words and "Månad:" in words and "mars → februari" in " ".join(words.split())
    assert titles["docs/policy.md"] in words
    assert "Jämförelse mellan Mandatperiod 2022–2026 (före) och Mandatperiod 2026–2030 (efter)." in words
    summary = " ".join(re.search(r'class="changes-summary">(.*?)</p>', html, re.S).group(1).split())
    assert "1 ändring i texten, 1 ändrad uppgift om dokumentet, 1 i roller, 0 i ansvar och 1 i skyldigheter" in re.sub(r"<[^>]+>", "", summary)

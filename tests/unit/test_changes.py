"""The comparison of two versions: data field by field, prose paragraph by paragraph."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from macros.views import changes
from macros.site import pages as site_pages
from macros.policy import sources
from macros.views.changes import MONTH_NAMES
from tests.conftest import CONTENT
from tests.editing import line_at, located, set_line, set_value

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


def edited(text: str, change) -> str:
    """``text`` after ``change(path)`` edits it as a file (with the helpers of tests.editing)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fil.yml"
        path.write_text(text, "utf-8")
        change(path)
        return path.read_text("utf-8")


def data(name: str):
    return located(CONTENT / "data" / name)[0]


ROLE_INDEX = min(3, len(data("roller.yml")["roller"]) - 1)
ROLE = data("roller.yml")["roller"][ROLE_INDEX]


def rename_role(s):
    s["data/roller.yml"] = edited(s["data/roller.yml"], lambda p: set_value(
        p, line_at(p, "roller", ROLE_INDEX, "namn"), f"namn: {ROLE['namn']}en"))


def plain_line(markdown: str) -> tuple[str, list[str]]:
    """A line of prose with at least five plain words (no markup): the line and its words."""
    body = markdown.split("\n---", 2)[-1] if markdown.startswith("---") else markdown
    for line in body.splitlines():
        words = line.split()
        if len(words) >= 5 and all(re.fullmatch(r"[^\W\d_]+", w) for w in words[:5]):
            return line, words
    raise AssertionError("no plain line of prose")


#: The page that carries the adopted text, and a line of prose on it to change.
ADOPTED = next(p for p in sorted(BASE) if p.endswith(".md") and "\nantagen_text: true\n" in BASE[p])
LINE, WORDS = plain_line(BASE[ADOPTED])


def change_prose(s):
    s[ADOPTED] = s[ADOPTED].replace(LINE, LINE.replace(" ".join(WORDS[:5]), " ".join(WORDS[:2] + ["nyttord"] + WORDS[3:5]), 1), 1)


def test_added_removed_and_changed_items_field_by_field():
    responsibility = data("ansvar.yml")["ansvar"][0]
    paragraph = data("dokument.yml")["beslut"]["paragraf"]
    new_paragraph = "§ 8" if paragraph == "§ 7" else "§ 7"

    def edit(s):
        rename_role(s)
        s["data/omraden.yml"] += "  - id: nytt-omrade\n    namn: Nytt område\n"
        s["data/ansvar.yml"] += (f"  - id: nytt-ansvar\n    roll: {responsibility['roll']}\n    område: nytt-omrade\n"
                                 f"    typ: ansvarar\n    källa: {json.dumps(responsibility['källa'], ensure_ascii=False)}\n")
        s["data/dokument.yml"] = edited(s["data/dokument.yml"], lambda p: set_line(
            p, line_at(p, "beslut", "paragraf"), f"paragraf: {new_paragraph}"))

    found = compare(edit)
    summary = [(c.kind, c.what, c.id, [(f.field, f.old, f.new) for f in c.fields]) for c in found.items]
    assert ("ändring", "Roll", ROLE["id"], [("namn", ROLE["namn"], ROLE["namn"] + "en")]) in summary
    assert ("tillägg", "Område", "nytt-omrade", []) in summary
    assert ("tillägg", "Ansvar", "nytt-ansvar", []) in summary
    assert [(f.field, f.old, f.new) for f in found.document] == [("beslut.paragraf", paragraph, new_paragraph)]


def test_removed_items_and_changed_prose():
    facts_page = "docs/" + site_pages.find(CONTENT / "docs")["dokument"]

    def edit(s):
        change_prose(s)
        s[facts_page] += "\nEtt nytt stycke.\n"

    found = compare(edit)
    kinds = [(c.page, c.kind) for c in found.prose]
    assert (ADOPTED, "ändring") in kinds and (facts_page, "tillägg") in kinds
    html = changes.to_html(found, "2022-2026", "2026-2030")
    assert f"{WORDS[0]} {WORDS[1]} <del>{WORDS[2]}</del> <ins>nyttord</ins> {WORDS[3]}" in html
    markdown = changes.to_markdown(found, "2022-2026", "2026-2030")
    assert f"- **Tillägg** – {facts_page}" in markdown
    assert "  - efter: Ett nytt stycke." in markdown


def test_data_text_in_the_changes_page_is_escaped():
    def edit(s):
        s["data/roller.yml"] = edited(s["data/roller.yml"], lambda p: set_value(
            p, line_at(p, "roller", ROLE_INDEX, "namn"), f"namn: <b>{ROLE['namn']}</b>"))

    html = changes.to_html(compare(edit), "a", "b")
    assert f"<b>{ROLE['namn']}</b>" not in html and f"&lt;b&gt;{ROLE['namn']}&lt;/b&gt;" in html


def test_the_page_for_readers_shows_labels_and_names_never_keys_or_ids():
    index, obligation = next((i, o) for i, o in enumerate(data("uppfoljning.yml")["skyldigheter"])
                             if (o.get("tid") or {}).get("månad"))
    month = obligation["tid"]["månad"]
    new_month = month % 12 + 1
    date = "2027-03-10" if str(data("dokument.yml")["beslut"]["datum"]) != "2027-03-10" else "2027-03-11"

    def edit(s):
        s["data/dokument.yml"] = edited(s["data/dokument.yml"], lambda p: set_line(
            p, line_at(p, "beslut", "datum"), f"datum: {date}"))
        s["data/uppfoljning.yml"] = edited(s["data/uppfoljning.yml"], lambda p: set_line(
            p, line_at(p, "skyldigheter", index, "tid", "månad"), f"månad: {new_month}"))
        rename_role(s)
        change_prose(s)

    found = compare(edit)
    policy = sources.load(BASE).policy
    titles = {p: changes.page_title(body, p) for p, body in BASE.items() if p.endswith(".md")}
    html = changes.to_html(found, "Mandatperiod 2022–2026", "Mandatperiod 2026–2030", titles)
    words = re.sub(r"<[^>]+>", " ", html)
    # No key of data/ (dotted or not) and no id of anything the policy holds.
    assert "beslut.datum" not in words and "tid.månad" not in words and "docs/" not in words
    ids = {item.id for name in ("roles", "areas", "responsibilities", "obligations") for item in getattr(policy, name)}
    assert not {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", words)}
    shown = f"{MONTH_NAMES[month - 1]} → {MONTH_NAMES[new_month - 1]}"
    assert "Beslutsdatum" in words and "Månad:" in words and shown in " ".join(words.split())
    assert titles[ADOPTED] in words
    assert "Jämförelse mellan Mandatperiod 2022–2026 (före) och Mandatperiod 2026–2030 (efter)." in words
    summary = " ".join(re.search(r'class="changes-summary">(.*?)</p>', html, re.S).group(1).split())
    assert "1 ändring i texten, 1 ändrad uppgift om dokumentet, 1 i roller, 0 i ansvar och 1 i skyldigheter" in re.sub(r"<[^>]+>", "", summary)

"""Nothing a version holds is left out of the comparison (issue 20, item 4).

Every data file (macros.policy.loading.DATA_FILES, as the content at hand has them) and
every page of docs/: a change made in it shows up in make changes (to_markdown) and on
the changes page (to_html). The files and pages are found, never listed here, so a new
data file or page cannot be forgotten.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from macros.policy import sources
from macros.policy.errors import DataErrors
from macros.policy.loading import DATA_FILES, OTHER_FILES, known_files
from macros.views import changes
from tests.catalogue.cases_changes import as_text, markup_outside_code, term_with_definition
from tests.conftest import CONTENT

BASE = sources.collect(CONTENT)
BASE_POLICY = sources.load(BASE).policy
DATA = [f"data/{f.name}" for f in DATA_FILES if f"data/{f.name}" in BASE]
PAGES = sorted(p for p in BASE if p.startswith("docs/"))


def compare(new: dict[str, str]) -> changes.Changes:
    return changes.compare(BASE_POLICY, BASE, sources.load(new).policy, new)


def shown(found: changes.Changes) -> tuple[str, str]:
    """(make changes as a reader sees it, the changes page's text)."""
    markdown = changes.to_markdown(found, "a", "b")
    assert not markup_outside_code(markdown), markup_outside_code(markdown)
    page = " ".join(re.sub(r"<[^>]+>", " ", changes.to_html(found, "a", "b")).split())
    return as_text(markdown), page


def test_every_data_file_has_its_part_in_the_comparison():
    assert set(changes.DATA_PARTS) == {f.name for f in DATA_FILES}
    # The other files of data/ are no part of a version's sources: make changes compares
    # them with the version's source commit (publishing/compare.py, tests/publishing/test_branch.py).
    assert set(changes.DATA_PARTS) | set(OTHER_FILES) == set(known_files())
    assert {part for part, _ in changes.DATA_PARTS.values()} <= set(type(BASE_POLICY).model_fields)


def _string_values(text: str):
    """Every plain string value of a YAML text (not an id), as (start, end, value)."""
    def walk(node, key=None):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                yield from walk(v, k.value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from walk(item, key)
        elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str") and key != "id":
            yield node.start_mark.index, node.end_mark.index, node.value

    yield from walk(yaml.compose(text))


def set_text(text: str, loc: tuple, value: str) -> str:
    """``text`` (YAML) with the value at ``loc`` (keys and list indexes) set to ``value``."""
    node = yaml.compose(text)
    for part in loc:
        node = node.value[part] if isinstance(part, int) else next(v for k, v in node.value if k.value == part)
    return _replaced(text, node.start_mark.index, node.end_mark.index, value)


def changed_data_file(name: str, marker: str) -> tuple[dict[str, str], str]:
    """The sources with ``name`` changed, and what the change shows: one text value with
    ``marker`` added (the first that still validates), or else (a file of ids, choices and
    quotations only) its first item once more under a new id."""
    text = BASE[name]
    for start, end, value in _string_values(text):
        new = dict(BASE, **{name: _replaced(text, start, end, f"{' '.join(value.split())} {marker}")})
        if _valid(new):
            return new, marker
    key, items = next((k.value, v) for k, v in yaml.compose(text).value if isinstance(v, yaml.SequenceNode))
    if not items.value:  # an empty list (a part the content may leave out): a first item
        return _first_item(name, key, text, items)
    first = items.value[0]
    line_start = text.rindex("\n", 0, first.start_mark.index) + 1
    block = text[line_start:first.end_mark.index].rstrip("\n") + "\n"
    item_id = next(v.value for k, v in first.value if k.value == "id")
    new_id = f"{item_id}-andringsmarkor"
    copy = re.sub(rf"(id: ){re.escape(item_id)}\b", rf"\g<1>{new_id}", block, count=1)
    new = dict(BASE, **{name: text[:items.end_mark.index].rstrip("\n") + "\n" + copy + text[items.end_mark.index:]})
    assert _valid(new), f"no change of {name} validates"
    return new, new_id


def _first_item(name: str, key: str, text: str, items: yaml.SequenceNode) -> tuple[dict[str, str], str]:
    """The sources with an item in the empty list ``key`` of ``name``: its required fields
    (from the file's model) given an id and a text."""
    model = next(f.model for f in DATA_FILES if f"data/{f.name}" == name)
    schema = model.model_json_schema(by_alias=True)
    item = schema["$defs"][schema["properties"][key]["items"]["$ref"].rsplit("/", 1)[-1]]
    new_id = "ny-andringsmarkor"
    fields = [f"{field}: {new_id if field == 'id' else 'Ändringsmarkör.'}" for field in item["required"]]
    block = "\n  - " + "\n    ".join(fields)
    new = dict(BASE, **{name: text[:items.start_mark.index].rstrip(" ") + block + text[items.end_mark.index:]})
    assert _valid(new), f"no change of {name} validates"
    return new, new_id


def _replaced(text: str, start: int, end: int, value: str) -> str:
    keep = "\n" if text[start:end].endswith("\n") else ""
    return text[:start] + json.dumps(value, ensure_ascii=False) + keep + text[end:]


def _valid(new: dict[str, str]) -> bool:
    try:
        sources.load(new)
    except DataErrors:
        return False
    return True


@pytest.mark.parametrize("name", DATA)
def test_a_change_in_any_data_file_is_shown(name):
    new, seen = changed_data_file(name, "Ändringsmarkör")
    found = compare(new)
    assert found
    markdown, page = shown(found)
    if seen.endswith("-andringsmarkor"):  # an item added: its id in make changes, its name on the page
        added = [c for c in found.items if c.kind == "tillägg" and c.id == seen]
        assert added and seen in markdown and f"Tillägg – {added[0].what}: {added[0].label}" in page
    else:
        assert seen in markdown and seen in page


@pytest.mark.parametrize("name", PAGES)
def test_a_change_in_any_page_is_shown(name):
    new = dict(BASE, **{name: BASE[name] + "\n\nEtt nytt stycke med Ändringsmarkör.\n"})
    found = compare(new)
    assert [(c.page, c.kind) for c in found.prose] == [(name, "tillägg")]
    markdown, page = shown(found)
    assert "Ett nytt stycke med Ändringsmarkör." in markdown and "Ett nytt stycke med Ändringsmarkör." in page


def test_a_change_in_a_pages_front_matter_or_its_macros_is_shown():
    page = next(p for p in PAGES if re.match(r"---\n(?:.*\n)*?title: .+\n", BASE[p]))
    macro = next(p for p in PAGES if re.search(r"(?m)^\{\{ *\w+\(.*\}\}$", BASE[p]))
    call = re.search(r"(?m)^\{\{ *\w+\(.*\}\}$", BASE[macro]).group(0)
    title = re.search(r"(?m)^title: (.+)$", BASE[page]).group(1)
    new = dict(BASE)
    new[page] = BASE[page].replace(f"title: {title}", "title: Ny titel", 1)
    new[macro] = new[macro].replace(call, "", 1)
    found = compare(new)
    markdown, html = shown(found)
    assert "title: Ny titel" in markdown and "Sidhuvudet: title:" in html and "Ny titel" in html
    assert call in markdown and call in html  # the removed macro call, as it stood


def test_spaces_and_line_breaks_alone_are_shown_as_such():
    line = next(line for line in BASE[PAGES[0]].split("\n---\n", 1)[-1].splitlines() if len(line.split()) >= 3)
    new = dict(BASE, **{PAGES[0]: BASE[PAGES[0]].replace(f"\n{line}\n", f"\n    {line}\n", 1)})
    found = compare(new)
    assert [(c.page, c.kind) for c in found.prose] == [(PAGES[0], "formatering")]
    markdown, html = shown(found)
    assert "····" + line.split()[0] in markdown and "····" + line.split()[0] in html


def test_a_new_order_of_items_is_shown():
    roles = yaml.safe_load(BASE["data/roller.yml"])["roller"]
    first, second = roles[0]["namn"], roles[1]["namn"]
    text = BASE["data/roller.yml"]
    blocks = re.split(r"(?m)^(?=  - id: )", text)
    new = dict(BASE, **{"data/roller.yml": "".join([blocks[0], blocks[2], blocks[1], *blocks[3:]])})
    found = compare(new)
    order = [c for c in found.items if c.what == "Roll" and c.label == "ordningen"]
    assert order and order[0].fields[0].new.startswith(f"{second}, {first}")


def test_the_glossary_and_the_accessibility_statement_are_compared():
    """The reproduction: a definition turned into its opposite, and a feedback text asking
    for a password, were reported as 'Inga ändringar'."""
    glossary, index, definition = term_with_definition(BASE["data/ordlista.yml"])
    base = dict(BASE, **{"data/ordlista.yml": glossary})
    definition = " ".join(definition.split())
    new = dict(base)
    new["data/ordlista.yml"] = set_text(glossary, ("termer", index, "definition"), "Inte: " + definition)
    new["data/tillganglighet.yml"] = set_text(BASE["data/tillganglighet.yml"], ("återkoppling",),
                                              "Mejla ditt lösenord till support@angripare.example.")
    found = changes.compare(sources.load(base).policy, base, sources.load(new).policy, new)
    markdown, html = shown(found)
    for text in ("Inte: " + definition, "Mejla ditt lösenord till support@angripare.example."):
        assert text in markdown and text in html
    assert "Inga ändringar" not in markdown
    assert "ordlistan" in changes.summary(found) and "tillgänglighetsredogörelsen" in changes.summary(found)

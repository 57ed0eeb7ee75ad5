"""What changed between two versions: every data file field by field, and every page.

``compare`` takes two versions' sources (see sources.py) and returns the changes;
``to_html`` renders them for the "Ändringar" page, ``to_markdown`` for a terminal
or a pull request's job summary (GitHub-flavoured Markdown, every value escaped).

Nothing a version holds is left out: every file of macros.policy.loading.DATA_FILES is
compared (DATA_PARTS says how; a file it does not know yet is compared line by line),
and every page of docs/ paragraph by paragraph, its front matter and the macros it calls
included; a change that only moves spaces or line breaks is shown as such.

On a site of several governing documents (macros/policy/documents.py) ``compare_site``
groups the changes by document (each document's own data files and pages, under its name)
and keeps apart what all documents share (roles, areas, glossary, accessibility statement);
a site of one document is compared and shown exactly as before.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .markup import gfm_code, gfm_text, tag, text
from ..policy.documents import page_document
from ..policy.loading import DATA_FILES, SHARED_FILES, LoadedPolicy
from ..policy.timing import MONTH_NAMES
from ..policy.model import (
    UNKNOWN,
    UNKNOWN_LABEL,
    Conformance,
    DocumentStatus,
    DocumentType,
    SetBy,
    ObligationKind,
    Policy,
    RelatedStatus,
    ResponsibilityType,
    RevisionRule,
    RoleKind,
)
from ..policy.sources import Sources

#: The Swedish label of each field, as the site shows it elsewhere (keys as in data/).
FIELD_LABELS = {
    "dokumentnamn": "Dokumentnamn", "organisation": "Organisation", "dokumenttyp": "Dokumenttyp",
    "status": "Status", "beslutas_av": "Beslutad av", "beslut.datum": "Beslutsdatum",
    "beslut.paragraf": "Paragraf", "beslut.diarienummer": "Diarienummer",
    "dokumentansvarig": "Dokumentansvarig", "gäller_för": "Gäller för",
    "revidering.regel": "Revideringsregel", "revidering.källa": "Revideringsregelns källa",
    "namn": "Namn", "definition": "Definition", "text": "Text", "slag": "Slag",
    "policytext": "Text i policyn", "roll": "Roll", "område": "Område", "typ": "Typ av ansvar",
    "till": "Till", "källa": "Källa i policyn", "benämning": "Benämning", "vem": "Vem",
    "hur_ofta": "Hur ofta", "tid.månad": "Månad", "tid.dag": "Dag", "tid.startår": "Startår",
    "tid": "Tid", "tid.bestäms_av": "Tiden bestäms av", "revidering.år": "År efter beslutet",
    "revidering.datum": "Revideras senast",
    "adress": "Adress",
    # The glossary.
    "term": "Term", "förkortningar": "Förkortningar", "andra_namn": "Andra namn",
    # The accessibility statement.
    "tjänst": "Tjänst", "förenlighet": "Förenlighet", "brister": "Kända brister", "brist": "Brist",
    "skäl": "Skäl", "metod": "Metod", "manuella_kontroller": "Manuella kontroller",
    "återkoppling": "Återkoppling", "uppdaterad": "Uppdaterad",
    "ordning": "Ordning",
}
#: Fields whose values are ids of roles or areas: shown by name.
ROLE_FIELDS = {"beslutas_av", "roll", "vem", "till"}
AREA_FIELDS = {"område"}
ENUMS = {
    "dokumenttyp": DocumentType, "status": (DocumentStatus, RelatedStatus), "revidering.regel": RevisionRule,
    "slag": (RoleKind, ObligationKind), "typ": ResponsibilityType, "tid.bestäms_av": SetBy, "bestäms_av": SetBy,
    "förenlighet": Conformance,
}

#: How each data file is compared (keyed by its name in macros.policy.loading.DATA_FILES):
#: a collection of items matched by id (the Policy attribute, and what one item is called),
#: or a record compared field by field (what it is called; the document has a part of its
#: own). A data file missing here is still compared, line by line (data_file_lines), and
#: tests/unit/test_changes_complete.py fails until it is added.
DATA_PARTS: dict[str, tuple[str, str]] = {
    "dokument.yml": ("document", "Dokumentet"),
    "principer.yml": ("principles", "Princip"),
    "viljeriktningar.yml": ("goals", "Viljeriktning"),
    "metodik.yml": ("methods", "Metod"),
    "roller.yml": ("roles", "Roll"),
    "omraden.yml": ("areas", "Område"),
    "ansvar.yml": ("responsibilities", "Ansvar"),
    "uppfoljning.yml": ("obligations", "Skyldighet"),
    "ordlista.yml": ("glossary", "Term i ordlistan"),
    "tillganglighet.yml": ("accessibility", "Tillgänglighetsredogörelsen"),
}
#: Records (one per file), not collections.
RECORDS = {"document", "accessibility"}


@dataclass(frozen=True)
class FieldChange:
    field: str  # the key in data/, dotted (``beslut.datum``), for editors
    old: str
    new: str
    label: str = ""  # the field as the site names it (Beslutsdatum)
    old_shown: str = ""  # the values as a reader reads them: names, labels, months
    new_shown: str = ""


@dataclass(frozen=True)
class ItemChange:
    kind: str  # "tillägg", "borttagning" or "ändring"
    what: str  # "Roll"
    id: str
    label: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ProseChange:
    page: str
    kind: str  # "tillägg", "borttagning", "ändring" or "formatering" (only spaces or line breaks)
    old: str = ""  # paragraphs separated by a blank line
    new: str = ""


@dataclass
class Changes:
    document: list[FieldChange] = field(default_factory=list)
    items: list[ItemChange] = field(default_factory=list)
    prose: list[ProseChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.document or self.items or self.prose)


def _show(value: Any) -> str:
    if value is None:
        return UNKNOWN
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dict):
        shown = ", ".join(f"{k}: {_show(v)}" for k, v in value.items() if v not in (None, [], {}))
        return shown or "–"
    if isinstance(value, (list, tuple)):
        return ", ".join(_show(v) for v in value) or "–"
    return " ".join(str(value).split())


class _Names:
    """Names for ids and labels for values, from both versions (the newer wins)."""

    def __init__(self, old: Policy | None, new: Policy | None) -> None:
        policies = [p for p in (old, new) if p is not None]
        self.roles = {r.id: r.name for p in policies for r in p.roles}
        self.areas = {a.id: a.name for p in policies for a in p.areas}

    def field(self, key: str) -> str:
        return FIELD_LABELS.get(key) or FIELD_LABELS.get(key.rsplit(".", 1)[-1]) or (
            key.replace(".", " – ").replace("_", " ").capitalize()
        )

    def value(self, key: str, value: Any) -> str:
        if value is None:
            return UNKNOWN_LABEL
        last = key.rsplit(".", 1)[-1]
        if isinstance(value, (list, tuple)):
            return ", ".join(self.value(key, v) for v in value) or "–"
        if isinstance(value, dict):
            shown = "; ".join(f"{self.field(f'{key}.{k}')}: {self.value(f'{key}.{k}', v)}"
                              for k, v in value.items() if v not in (None, [], {}))
            return shown or "–"
        if last in ROLE_FIELDS:
            return self.roles.get(value, str(value))
        if last in AREA_FIELDS:
            return self.areas.get(value, str(value))
        if key.endswith("månad") and isinstance(value, int) and 1 <= value <= 12:
            return MONTH_NAMES[value - 1]
        if last == "hur_ofta" and isinstance(value, str):
            from ..policy.timing import FrequencyError, parse_frequency

            try:
                return parse_frequency(value).label
            except FrequencyError:
                return _show(value)
        enums = ENUMS.get(key) or ENUMS.get(last)
        if enums:
            for enum in enums if isinstance(enums, tuple) else (enums,):
                try:
                    return enum(value).label
                except ValueError:
                    continue
        return _show(value)


def _fields(old: dict[str, Any], new: dict[str, Any], prefix: str = "",
            names: _Names | None = None) -> tuple[FieldChange, ...]:
    """Changed fields, nested mappings as dotted paths (``beslut.datum``)."""
    names = names or _Names(None, None)
    found: list[FieldChange] = []
    for key in dict.fromkeys([*old, *new]):
        before, after = old.get(key), new.get(key)
        if isinstance(before, dict) and isinstance(after, dict):
            found += _fields(before, after, f"{prefix}{key}.", names)
        elif _show(before) != _show(after):
            path = f"{prefix}{key}"
            found.append(FieldChange(path, _show(before), _show(after), names.field(path),
                                     names.value(path, before), names.value(path, after)))
    return tuple(found)


def _label(item: Any, names: _Names | None = None) -> str:
    if names is not None and hasattr(item, "role") and hasattr(item, "area") and hasattr(item, "type"):
        # A responsibility: who does what where.
        return (f"{names.roles.get(item.role, item.role)} – {item.type.label.lower()} – "
                f"{names.areas.get(item.area, item.area)}")
    for attribute in ("name", "title", "term", "service", "text"):
        value = getattr(item, attribute, None)
        if value:
            value = " ".join(str(value).split())
            return value if len(value) <= 80 else value[:77] + "…"
    return item.id


def _items(what: str, old_items, new_items, names: _Names | None = None) -> list[ItemChange]:
    old = {i.id: i for i in old_items}
    new = {i.id: i for i in new_items}
    changes = []
    for item_id, item in new.items():
        if item_id not in old:
            changes.append(ItemChange("tillägg", what, item_id, _label(item, names)))
        else:
            differences = _fields(old[item_id].model_dump(by_alias=True, mode="json"),
                                  item.model_dump(by_alias=True, mode="json"), names=names)
            if differences:
                changes.append(ItemChange("ändring", what, item_id, _label(item, names), differences))
    for item_id, item in old.items():
        if item_id not in new:
            changes.append(ItemChange("borttagning", what, item_id, _label(item, names)))
    # The site shows items in the order of their file: a new order is a change too.
    kept_old = [i for i in old if i in new]
    kept_new = [i for i in new if i in old]
    if kept_old != kept_new:
        before = ", ".join(_label(old[i], names) for i in kept_old)
        after = ", ".join(_label(new[i], names) for i in kept_new)
        changes.append(ItemChange("ändring", what, "", "ordningen",
                                  (FieldChange("ordning", before, after, "Ordning", before, after),)))
    return changes


def _record(what: str, key: str, old, new, names: _Names) -> list[ItemChange]:
    """A data file that is one record (the accessibility statement), field by field."""
    if old is None and new is None:
        return []
    if old is None or new is None:
        item = new if old is None else old
        return [ItemChange("tillägg" if old is None else "borttagning", what, key, _label(item, names))]
    differences = _fields(old.model_dump(by_alias=True, mode="json"), new.model_dump(by_alias=True, mode="json"),
                          names=names)
    return [ItemChange("ändring", what, key, _label(new, names), differences)] if differences else []


def _changed_lines(old: str, new: str) -> tuple[str, str]:
    """The lines that differ between two texts (removed, added), each line kept whole."""
    a, b = old.splitlines(), new.splitlines()
    removed, added = [], []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            removed += a[a1:a2]
            added += b[b1:b2]
    return "\n".join(removed), "\n".join(added)


def data_file_lines(name: str, before: str | None, after: str | None) -> list[ItemChange]:
    """A data file as it was and is (None: not there), compared as text, by its changed
    lines: one that DATA_PARTS does not know yet (so that a change in it is never left out),
    or one of the files a version does not keep in its sources (make changes compares those
    with the version's source commit)."""
    if before == after:
        return []
    if before is None or after is None:
        return [ItemChange("tillägg" if before is None else "borttagning", "Datafil", name, name)]
    removed, added = _changed_lines(before, after)
    return [ItemChange("ändring", "Datafil", name, name, (FieldChange("rader", removed, added, "Rader"),))]


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)


def _front_matter(markdown: str) -> tuple[list[str], str]:
    """A page's front matter, one block per top-level key (``title: Roller``, comments
    left out: they are shown nowhere), and the rest of the page."""
    found = _FRONT_MATTER.match(markdown)
    if not found:
        return [], markdown
    blocks: list[list[str]] = []
    for line in found.group(1).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[:1].isspace() or not blocks:
            blocks.append([])
        blocks[-1].append(line.strip())
    return [f"Sidhuvudet: {' '.join(block)}" for block in blocks], markdown[found.end():]


def _paragraphs(markdown: str) -> list[str]:
    """A page as the comparison reads it: its front matter by key, then its paragraphs
    (the macros it calls included: a removed role matrix is a change)."""
    head, body = _front_matter(markdown)
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", body)]
    return head + [b for b in blocks if b]


def _prose(old: Sources, new: Sources) -> list[ProseChange]:
    changes = []
    pages = sorted(p for p in {*old, *new} if p.startswith("docs/") and p.endswith(".md"))
    for page in pages:
        if page not in old:
            changes.append(ProseChange(page, "tillägg", new="\n\n".join(_paragraphs(new[page]))))
            continue
        if page not in new:
            changes.append(ProseChange(page, "borttagning", old="\n\n".join(_paragraphs(old[page]))))
            continue
        if old[page] == new[page]:
            continue
        before, after = _paragraphs(old[page]), _paragraphs(new[page])
        found = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                continue
            kind = {"insert": "tillägg", "delete": "borttagning", "replace": "ändring"}[op]
            found.append(
                ProseChange(page, kind, "\n\n".join(before[a1:a2]), "\n\n".join(after[b1:b2]))
            )
        if not found:
            # Only spaces, indentation or line breaks moved (which can turn a paragraph into
            # code, or end a list): the lines as they were and are, made visible.
            removed, added = _changed_lines(old[page], new[page])
            found.append(ProseChange(page, "formatering", _visible(removed), _visible(added)))
        changes += found
    return changes


def _visible(lines: str) -> str:
    """Lines whose spaces matter, shown: the spaces and tabs that begin or end a line as
    · and →, and each line's end as ¶."""
    def shown(line: str) -> str:
        body = line.strip(" \t")
        if not body:
            return line.replace(" ", "·").replace("\t", "→") + "¶"
        lead, trail = line[:len(line) - len(line.lstrip(" \t"))], line[len(line.rstrip(" \t")):]
        return (lead.replace(" ", "·").replace("\t", "→") + body
                + trail.replace(" ", "·").replace("\t", "→") + "¶")

    return " ".join(shown(line) for line in lines.splitlines()) or "¶"


def compare(old: Policy, old_sources: Sources, new: Policy, new_sources: Sources) -> Changes:
    """Every difference between two validated versions: each data file, each page."""
    changes = Changes()
    _compare_data(changes, DATA_FILES, old, old_sources, new, new_sources, _Names(old, new))
    changes.prose = _prose(old_sources, new_sources)
    return changes


def _compare_data(changes: Changes, data_files, old: Policy, old_sources: Sources, new: Policy,
                  new_sources: Sources, names: _Names, old_folder: str = "data",
                  new_folder: str = "data") -> None:
    """``data_files`` of two versions (in ``old_folder`` and ``new_folder``) into ``changes``."""
    for data_file in data_files:
        part = DATA_PARTS.get(data_file.name)
        if part is None:
            old_text = old_sources.get(f"{old_folder}/{data_file.name}")
            new_text = new_sources.get(f"{new_folder}/{data_file.name}")
            changes.items += data_file_lines(data_file.name, old_text, new_text)
            continue
        attribute, what = part
        if attribute == "document":
            old_doc = old.document.model_dump(by_alias=True, mode="json", exclude={"related"})
            new_doc = new.document.model_dump(by_alias=True, mode="json", exclude={"related"})
            changes.document = list(_fields(old_doc, new_doc, names=names))
            changes.items += _items("Relaterat dokument", old.document.related, new.document.related, names)
        elif attribute in RECORDS:
            changes.items += _record(what, data_file.name.removesuffix(".yml"),
                                     getattr(old, attribute), getattr(new, attribute), names)
        else:
            changes.items += _items(what, getattr(old, attribute), getattr(new, attribute), names)


@dataclass(frozen=True)
class DocumentChanges:
    """What changed in one governing document of a site of several."""

    id: str
    name: str  # the document's name (dokumentnamn), as the newer version has it
    changes: Changes
    state: str = ""  # "tillägg": new on the site; "borttagning": no longer on it

    def __bool__(self) -> bool:
        return bool(self.state or self.changes)


@dataclass
class SiteChanges:
    """The changes of a site of several documents: by document, and what they share."""

    documents: list[DocumentChanges] = field(default_factory=list)
    shared: Changes = field(default_factory=Changes)  # roles, areas, glossary, statement

    def __bool__(self) -> bool:
        return bool(self.shared) or any(self.documents)

    @property
    def changed(self) -> list[DocumentChanges]:
        return [d for d in self.documents if d]

    @property
    def unchanged(self) -> list[DocumentChanges]:
        return [d for d in self.documents if not d]


#: A document's own data files (a further document has them in data/<id>/).
OWN_FILES = tuple(f for f in DATA_FILES if f.name not in SHARED_FILES)
SHARED_DATA_FILES = tuple(f for f in DATA_FILES if f.name in SHARED_FILES)
_FIRST = object()  # the key of the first document (data/ and docs/), whatever its id


def _site_documents(loaded: LoadedPolicy) -> dict[object, tuple[str, Policy, str]]:
    """Key -> (id, policy, data folder) of each document of a version, the first first."""
    found: dict[object, tuple[str, Policy, str]] = {_FIRST: (loaded.setting.main, loaded.policy, "data")}
    for document in loaded.documents:
        found[document.id] = (document.id, document.policy, f"data/{document.id}")
    return found


def _pages_of(sources: Sources, loaded: LoadedPolicy, key: object) -> Sources:
    """The pages of one document of a version (by its settings), by their path."""
    wanted = loaded.setting.main if key is _FIRST else key
    return {path: body for path, body in sources.items() if path.startswith("docs/") and path.endswith(".md")
            and page_document(path.removeprefix("docs/"), loaded.setting) == wanted}


def compare_site(old: LoadedPolicy, old_sources: Sources, new: LoadedPolicy,
                 new_sources: Sources) -> Changes | SiteChanges:
    """The changes between two versions of a site: by document where either version has
    several (SiteChanges), else as ``compare`` gives them (a site of one document)."""
    if not old.documents and not new.documents:
        return compare(old.policy, old_sources, new.policy, new_sources)
    names = _Names(old.policy, new.policy)
    before, after = _site_documents(old), _site_documents(new)
    found = SiteChanges()
    for key in [*after, *(k for k in before if k not in after)]:
        if key not in before or key not in after:
            document_id, policy, _ = after.get(key) or before[key]
            state = "tillägg" if key in after else "borttagning"
            found.documents.append(DocumentChanges(document_id or "dokument", policy.document.name, Changes(),
                                                   state))
            continue
        (_, old_policy, old_folder), (document_id, new_policy, new_folder) = before[key], after[key]
        own = Changes()
        _compare_data(own, OWN_FILES, old_policy, old_sources, new_policy, new_sources, names,
                      old_folder, new_folder)
        own.prose = _prose(_pages_of(old_sources, old, key), _pages_of(new_sources, new, key))
        found.documents.append(DocumentChanges(document_id or "dokument", new_policy.document.name, own))
    _compare_data(found.shared, SHARED_DATA_FILES, old.policy, old_sources, new.policy, new_sources, names)
    return found


# --- Rendering -----------------------------------------------------------------


def _word_diff_html(old: str, new: str) -> str:
    """The new text with removed words in <del> and added words in <ins>."""
    a, b = old.split(), new.split()
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(text(" ".join(a[a1:a2])))
            continue
        if a2 > a1:
            out.append(tag("del", text(" ".join(a[a1:a2]))))
        if b2 > b1:
            out.append(tag("ins", text(" ".join(b[b1:b2]))))
    return " ".join(out)


def page_title(markdown: str, path: str) -> str:
    """A page's title as the site shows it: the front matter's title, else its first heading."""
    found = re.search(r"\A---\n.*?^title:\s*(.+?)\s*$.*?\n---\n", markdown, re.S | re.M)
    if found:
        return found.group(1).strip("\"'")
    heading = re.search(r"^#\s+(.+?)\s*(\{.*\})?\s*$", markdown, re.M)
    return heading.group(1) if heading else path


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


#: What the summary calls the items of each kind, after "i" ("3 i roller").
PLURALS = {
    "Princip": "principer", "Viljeriktning": "mål", "Metod": "metodik", "Roll": "roller",
    "Område": "områden", "Ansvar": "ansvar", "Skyldighet": "skyldigheter",
    "Relaterat dokument": "relaterade dokument", "Term i ordlistan": "ordlistan",
    "Tillgänglighetsredogörelsen": "tillgänglighetsredogörelsen", "Datafil": "andra datafiler",
}


#: The kinds a summary always counts (the rest only when there are any): a site of one
#: document counts roles too; a document of several counts its own kinds; what the documents
#: share counts roles.
SUMMARY_KINDS = (("Roll", "roller"), ("Ansvar", "ansvar"), ("Skyldighet", "skyldigheter"))
DOCUMENT_KINDS = (("Ansvar", "ansvar"), ("Skyldighet", "skyldigheter"))


def summary(changes: Changes, kinds: tuple[tuple[str, str], ...] = SUMMARY_KINDS,
            document: bool = True) -> str:
    """How many changes, by kind, in one sentence (``document``: whether the changes are
    of a document, with its text and facts, or of what the documents share)."""
    by_what: dict[str, int] = {}
    for item in changes.items:
        by_what[item.what] = by_what.get(item.what, 0) + 1
    parts = [
        _count(len(changes.prose), "ändring i texten", "ändringar i texten"),
        _count(len(changes.document), "ändrad uppgift om dokumentet", "ändrade uppgifter om dokumentet"),
    ] if document else []
    for what, plural in kinds:
        parts.append(f"{by_what.pop(what, 0)} i {plural}")
    rest = sum(by_what.values())
    if rest:
        kinds_shown = ", ".join(PLURALS.get(what, what.lower()) for what in by_what)
        parts.append(f"{rest} i övriga delar ({kinds_shown})")
    if len(parts) == 1:
        return parts[0] + "."
    return ", ".join(parts[:-1]) + " och " + parts[-1] + "."


def _names(items: list[str]) -> str:
    """``a``, ``a och b``, ``a, b och c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


#: What the documents share, as a heading and in a sentence.
SHARED_HEADING = "Gemensamt för alla dokument"
SHARED_WHAT = "det som är gemensamt för alla dokument (roller, ansvarsområden, ordlista, tillgänglighetsredogörelse)"


def site_summary(changes: SiteChanges) -> str:
    """Which documents changed, and that the others did not, in plain words (the unchanged
    are not named: the page names only what changed)."""
    changed = [d.name for d in changes.changed]
    if not changed:
        return f"Inget av dokumenten är ändrat; ändringarna gäller {SHARED_WHAT}." if changes.shared else ""
    said = f"Ändrat i den här versionen: {_names(changed + ([SHARED_WHAT] if changes.shared else []))}."
    if changes.unchanged:
        said += " Övriga dokument på webbplatsen är oförändrade."
    return said


_STATES = {"tillägg": "Dokumentet är nytt på webbplatsen i den här versionen.",
           "borttagning": "Dokumentet finns inte längre på webbplatsen."}


def to_html(changes: Changes | SiteChanges, old_name: str, new_name: str,
            titles: dict[str, str] | None = None) -> str:
    """The comparison for readers: Swedish labels and names, never keys or ids.

    ``titles`` names the pages (``docs/policy.md`` -> its title). The changes of a site of
    several documents are grouped by document, under its name."""
    titles = titles or {}
    if not changes:
        return tag("p", text(f"Inga ändringar jämfört med {old_name}."))
    several = isinstance(changes, SiteChanges)
    parts = [
        tag("p", text(f"Jämförelse mellan {old_name} (före) och {new_name} (efter)."), class_="changes-versions"),
        tag("p", tag("strong", "Sammanfattning: ") + text(site_summary(changes) if several else summary(changes)),
            class_="changes-summary"),
        tag("p", "Borttagen text är " + tag("del", "överstruken") + ", tillagd text "
            + tag("ins", "understruken") + ".", class_="changes-key"),
    ]
    if not several:
        return "\n".join(parts + _sections_html(changes, titles))
    for document in changes.changed:
        parts.append(tag("h2", text(document.name), id=f"dokument-{document.id}", class_="changes-document"))
        if document.state:
            parts.append(tag("p", _STATES[document.state]))
            continue
        parts.append(tag("p", text(summary(document.changes, DOCUMENT_KINDS)), class_="changes-document-summary"))
        parts += _sections_html(document.changes, titles, "h3", f"{document.id}-")
    if changes.shared:
        parts.append(tag("h2", SHARED_HEADING, id="gemensamt", class_="changes-document"))
        parts.append(tag("p", text(summary(changes.shared, (("Roll", "roller"),), document=False)),
                         class_="changes-document-summary"))
        parts += _sections_html(changes.shared, titles, "h3", "gemensamt-")
    return "\n".join(parts)


def _sections_html(changes: Changes, titles: dict[str, str], heading: str = "h2", prefix: str = "") -> list[str]:
    """The text, the document's facts and the data that changed, each under ``heading``
    (its id begun with ``prefix``: one page may show several documents' sections)."""
    parts = []
    if changes.prose:
        parts.append(tag(heading, "Texten", id=f"{prefix}andrad-text"))
        blocks = []
        for c in changes.prose:
            heading_line = tag("p", tag("strong", text(c.kind.capitalize())) + " – "
                               + text(titles.get(c.page, c.page)))
            if c.kind == "ändring":
                body = tag("p", _word_diff_html(c.old, c.new))
            elif c.kind == "formatering":
                body = tag("p", "Bara mellanrum, indrag eller radbrytningar: " + tag("del", text(c.old))
                           + " → " + tag("ins", text(c.new)))
            elif c.kind == "tillägg":
                body = tag("p", tag("ins", text(c.new)))
            else:
                body = tag("p", tag("del", text(c.old)))
            blocks.append(tag("div", heading_line + body, class_="changes-prose"))
        parts.append("".join(blocks))
    if changes.document:
        rows = "".join(
            tag("tr", tag("th", text(c.label or c.field), scope="row")
                + tag("td", tag("del", text(c.old_shown or c.old)))
                + tag("td", tag("ins", text(c.new_shown or c.new))))
            for c in changes.document
        )
        head = tag("thead", tag("tr", "".join(tag("th", h, scope="col") for h in ("Uppgift", "Före", "Efter"))))
        parts.append(tag(heading, "Uppgifter om dokumentet", id=f"{prefix}andrade-uppgifter"))
        parts.append(tag("table", tag("caption", "Ändrade uppgifter om dokumentet") + head + tag("tbody", rows)))
    if changes.items:
        parts.append(tag(heading, "Roller, ansvar, skyldigheter och annan data", id=f"{prefix}andrad-data"))
        items = []
        for c in changes.items:
            line = tag("strong", text(c.kind.capitalize())) + " – " + text(c.what) + ": " + text(c.label)
            if c.fields:
                line += tag("ul", "".join(
                    tag("li", text(f.label or f.field) + ": " + tag("del", text(f.old_shown or f.old))
                        + " → " + tag("ins", text(f.new_shown or f.new)))
                    for f in c.fields))
            items.append(tag("li", line))
        parts.append(tag("ul", "".join(items), class_="changes-data"))
    return parts


def to_markdown(changes: Changes | SiteChanges, old_name: str, new_name: str) -> str:
    """The same comparison as GitHub-flavoured Markdown, for a terminal or the job summary
    of a proposal. Every value is escaped where it lands (markup.gfm_text: never a link,
    an image, HTML or a table, whatever the data holds); keys and ids are code. The changes
    of a site of several documents are grouped by document, under its name."""
    md = gfm_text
    if not changes:
        return f"Inga ändringar jämfört med version {md(old_name)}.\n"
    if not isinstance(changes, SiteChanges):
        lines = [f"## Ändringar från {md(old_name)} till {md(new_name)}", "", md(summary(changes)), ""]
        return "\n".join(lines + _sections_markdown(changes, "###"))
    lines = [f"## Ändringar från {md(old_name)} till {md(new_name)}", "", md(site_summary(changes)), ""]
    for document in changes.changed:
        lines += [f"### {md(document.name)}", ""]
        if document.state:
            lines += [md(_STATES[document.state]), ""]
            continue
        lines += [md(summary(document.changes, DOCUMENT_KINDS)), ""]
        lines += _sections_markdown(document.changes, "####")
    if changes.shared:
        lines += [f"### {SHARED_HEADING}", "", md(summary(changes.shared, (("Roll", "roller"),), document=False)), ""]
        lines += _sections_markdown(changes.shared, "####")
    return "\n".join(lines)


def _sections_markdown(changes: Changes, heading: str) -> list[str]:
    md, code = gfm_text, gfm_code
    lines: list[str] = []
    if changes.document:
        lines += [f"{heading} Uppgifter om dokumentet", ""]
        lines += [f"- {code(c.field)}: {md(c.old)} → {md(c.new)}" for c in changes.document]
        lines.append("")
    if changes.items:
        lines += [f"{heading} Data", ""]
        for c in changes.items:
            which = f" ({code(c.id)})" if c.id else ""
            lines.append(f"- **{md(c.kind.capitalize())}** – {md(c.what)}: {md(c.label)}{which}")
            lines += [f"  - {code(f.field)}: {md(f.old)} → {md(f.new)}" for f in c.fields]
        lines.append("")
    if changes.prose:
        lines += [f"{heading} Text", ""]
        for c in changes.prose:
            lines.append(f"- **{md(c.kind.capitalize())}** – {md(c.page)}")
            for label, paragraphs in (("före", c.old), ("efter", c.new)):
                lines += [f"  - {label}: {md(p)}" for p in paragraphs.split("\n\n") if p.strip()]
        lines.append("")
    return lines

"""The site's governing documents: which there are, and the rules between them.

A site holds one governing document or several: the policy and what makes it concrete
(guidelines, regulations, routines), each with its own facts, adopted text, pages,
responsibilities and obligations; the organisation's roles, areas, glossary and
accessibility statement are shared by all. The organisation's settings file lists them
(``extra: styrdokument: [policy, riktlinjer]``): the first is the document of data/ and
docs/ themselves, each further one has a folder of its own in both, named by its id. A
site without the list has one document, as every site had before.

The rules between documents: a document makes concrete (``konkretiserar``) one that is
on the site, never itself nor through a circle; a related document named as one of the
site's (``dokument``) is one of them; and the ids the pages make anchors of
(responsibilities, obligations) are the site's, so two documents cannot share one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DataError, shown
from .reading import read_text

#: The organisation's settings file, and the key under ``extra:`` that lists the documents.
SETTINGS_FILE = "mkdocs.yml"
DOCUMENTS_KEY = "styrdokument"
_DOCUMENT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: Folder names a further document may not take: folders the site itself makes.
RESERVED = frozenset({"assets", "stylesheets", "javascripts", "search", "pdf", "versions"})


@dataclass(frozen=True)
class DocumentSetting:
    """The site's documents: the id of the one of data/ and docs/ ("" when the site has
    only it) and each further one's id, which is its folder in data/ and docs/."""

    main: str = ""
    others: tuple[str, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        return ((self.main,) if self.main else ()) + self.others


def _extra_list(text: str) -> yaml.Node | None:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None  # told by the settings file's own check
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "extra" and isinstance(value, yaml.MappingNode):
            for inner, listed in value.value:
                if isinstance(inner, yaml.ScalarNode) and inner.value == DOCUMENTS_KEY:
                    return listed
    return None


def document_setting(project: Path, data_dir: Path | None = None,
                     docs_dir: Path | None = None) -> tuple[DocumentSetting, list[DataError]]:
    """The site's documents as the settings file lists them, and the mistakes in the list,
    each with line. A mistake leaves the site with its first document only. Each further
    document's folder must be in ``data_dir`` (by default the project's data/), and in
    ``docs_dir`` when the pages are read."""
    project = Path(project)
    folders = {"data": Path(data_dir) if data_dir is not None else project / "data"}
    if docs_dir is not None:
        folders["docs"] = Path(docs_dir)
    path = project / SETTINGS_FILE
    if not path.is_file():
        return DocumentSetting(), []
    text, error = read_text(path, SETTINGS_FILE)
    node = _extra_list(text) if error is None and text is not None else None
    if node is None:
        return DocumentSetting(), []
    setting = f"extra.{DOCUMENTS_KEY}"
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        return DocumentSetting(), [DataError(
            SETTINGS_FILE, node.start_mark.line + 1, setting,
            "ska vara en lista med dokumentens id, det i data/ och docs/ först, till exempel "
            "[policy, riktlinjer]")]
    problems, ids = [], []
    for position, item in enumerate(node.value):
        line = item.start_mark.line + 1
        value = item.value if isinstance(item, yaml.ScalarNode) else None
        where = f"{setting}[{position}]"
        if not isinstance(value, str) or not _DOCUMENT_ID.match(value):
            problems.append(DataError(
                SETTINGS_FILE, line, where,
                f"{shown(value) if isinstance(value, str) else 'värdet'} är inget id; skriv små "
                "bokstäver a–z, siffror och bindestreck (mappens namn i data/ och docs/)"))
        elif value in ids:
            problems.append(DataError(SETTINGS_FILE, line, where,
                                      f"{shown(value)} står redan i listan; ta bort dubbletten"))
        elif position and value in RESERVED:
            problems.append(DataError(
                SETTINGS_FILE, line, where,
                f"{shown(value)} är namnet på en av webbplatsens egna mappar; välj ett annat id"))
        else:
            for part, parent in folders.items() if position else ():
                folder = parent / value
                if folder.is_symlink() or not folder.is_dir():
                    problems.append(DataError(
                        SETTINGS_FILE, line, where,
                        f"mappen {part}/{value}/ finns inte; ett dokument utöver det första har sina "
                        f"datafiler i data/{value}/ och sina sidor i docs/{value}/"))
            ids.append(value)
    if problems:
        return DocumentSetting(), problems
    return DocumentSetting(ids[0], tuple(ids[1:])), []


def page_document(page: str, setting: DocumentSetting) -> str:
    """The document a page of docs/ belongs to (its path relative to docs/): a further
    document's folder holds its pages; every other page is the first document's."""
    first = page.split("/", 1)[0] if "/" in page else ""
    return first if first in setting.others else setting.main


@dataclass(frozen=True)
class Located:
    """What a cross-document rule needs of one document: its id, its facts file's name
    as messages show it and the line of each field, and the ids it makes anchors of."""

    id: str
    facts_file: str
    makes_concrete: str | None
    makes_concrete_line: int | None
    anchors: Mapping[str, Sequence[tuple[str, str, int | None]]]  # kind -> (id, file, line)
    #: The related documents that name one of the site's (``dokument``): (field, id, line).
    related: Sequence[tuple[str, str, int | None]] = ()


def view_document_problem(macro: str, value: object, setting: DocumentSetting) -> str | None:
    """Why ``value`` cannot name the one document a view of every document's items shows
    (``{{ role_matrix("riktlinjer") }}``), in Swedish; None if it names one of the site's."""
    if value in setting.ids:
        return None
    said = shown(value) if isinstance(value, str) else "värdet"
    if not setting.others:
        return (f"{macro}({said}): webbplatsen har bara ett dokument, så det finns inget att välja; "
                f"anropa {macro}() utan dokument")
    return (f"{macro}({said}): det finns inget sådant dokument på webbplatsen; ange ett av "
            + ", ".join(f"'{d}'" for d in setting.ids) + f" (under extra: styrdokument), eller "
            f"{macro}() för alla dokument")


def document_problems(documents: Sequence[Located]) -> list[DataError]:
    """The rules between the site's documents, each mistake with file and line."""
    problems: list[DataError] = []
    ids = [d.id for d in documents]
    by_id = {d.id: d for d in documents}
    for document in documents:
        target = document.makes_concrete
        if target is None:
            continue
        where = (document.facts_file, document.makes_concrete_line, "konkretiserar")
        if target == document.id:
            problems.append(DataError(*where, "ett dokument kan inte konkretisera sig självt; ange "
                                              "det dokument det konkretiserar, eller ta bort raden"))
        elif target not in by_id:
            known = ", ".join(f"'{i}'" for i in ids if i != document.id) or "inga"
            problems.append(DataError(
                *where, f"det finns inget dokument {shown(target)} på webbplatsen (dokumenten i "
                        f"mkdocs.yml under extra: {DOCUMENTS_KEY}: {known})"))
    # A related document named as one of the site's is one of them (its page is linked).
    for document in documents:
        for field, target, line in document.related:
            if target not in by_id:
                known = ", ".join(f"'{i}'" for i in ids if i)
                said = (f"(dokumenten i mkdocs.yml under extra: {DOCUMENTS_KEY}: {known}); skriv ett av "
                        "dem, eller" if known else
                        f"(webbplatsen har ett enda styrdokument, utan lista extra: {DOCUMENTS_KEY} i "
                        "mkdocs.yml);")
                problems.append(DataError(
                    document.facts_file, line, field,
                    f"det finns inget dokument {shown(target)} på webbplatsen {said} ta bort "
                    "'dokument' och ange status och adress"))
    # Circles: follow each document's chain; a chain that comes back is told once, at the
    # document of the circle that the list names first.
    told: set[str] = set()
    for document in documents:
        chain, current = [document.id], by_id[document.id].makes_concrete
        while current in by_id and current not in chain:
            chain.append(current)
            current = by_id[current].makes_concrete
        if current in chain and current is not None:
            circle = chain[chain.index(current):]
            first = min(circle, key=ids.index)
            if first in told:
                continue
            told.add(first)
            at = by_id[first]
            path = " → ".join([*circle[circle.index(first):], *circle[:circle.index(first)], first])
            problems.append(DataError(
                at.facts_file, at.makes_concrete_line, "konkretiserar",
                f"dokumenten konkretiserar varandra i en cirkel ({path}); ett dokument konkretiserar "
                "ett som står högre i hierarkin, och det översta konkretiserar inget"))
    # Ids that become anchors of the shared pages: one per site.
    for kind, what in (("ansvar", "ansvaret"), ("skyldigheter", "skyldigheten")):
        first: dict[str, tuple[str, str, int | None]] = {}
        for document in documents:
            for item_id, file, line in document.anchors.get(kind, ()):
                if item_id in first and first[item_id][0] != document.id:
                    other, other_file, other_line = first[item_id]
                    at = f"{other_file}:{other_line}" if other_line else other_file
                    problems.append(DataError(
                        file, line, f"{kind}.id",
                        f"id {shown(item_id)} har redan {what} i dokumentet '{other}' ({at}); två "
                        "dokument på samma webbplats kan inte ha samma id, byt det ena"))
                else:
                    first.setdefault(item_id, (document.id, file, line))
    return problems

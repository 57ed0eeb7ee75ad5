"""Which page of docs/ plays which part, found from the pages themselves.

No page path is fixed in the code: the page whose Markdown calls ``role_sections()``
is the roles page, the one that calls ``obligation_sections()`` (or
``obligations_table()``) the follow-up page, and so on. The generated views link to
those pages, and the theme to the accessibility statement and the editors' guide.
Pure Python: it reads Markdown text, nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

#: The part a page plays -> (the marks that identify it, in Swedish what it shows).
PARTS: dict[str, tuple[tuple[str, ...], str]] = {
    "roller": (("role_sections(",), "rollerna en och en ({{ role_sections() }})"),
    "uppfoljning": (("obligation_sections(", "obligations_table("),
                    "uppföljningens skyldigheter ({{ obligation_sections() }} eller {{ obligations_table() }})"),
    "dokument": (("document_facts(",), "uppgifterna om dokumentet ({{ document_facts() }})"),
    "tillganglighet": (("accessibility_statement(",),
                       "tillgänglighetsredogörelsen ({{ accessibility_statement() }})"),
    "styrdokument": (("document_hierarchy(",), "webbplatsens styrdokument ({{ document_hierarchy() }})"),
    "bidra": (('"CONTRIBUTING.md"', "'CONTRIBUTING.md'"),
              "guiden för redaktörer (--8<-- \"CONTRIBUTING.md\")"),
}

_CALL = re.compile(r"\{\{-?\s*([a-z_]+\()")


def _marks(markdown: str) -> set[str]:
    found = {m.group(1) for m in _CALL.finditer(markdown)}
    # The guide included whole or by a section ("CONTRIBUTING.md:guide").
    if re.search(r"""^--8<--\s+(["'])CONTRIBUTING\.md(?::[^"']*)?\1""", markdown, re.MULTILINE):
        found.add('"CONTRIBUTING.md"')
    return found


#: The macros whose output links to a part's page.
LINKS_TO: dict[str, tuple[str, ...]] = {
    "roller": ("obligations_table(", "followup_calendar(", "unscheduled_obligations(",
               "obligation_sections(", "upcoming_obligations("),
    "uppfoljning": ("role_sections(", "upcoming_obligations("),
}


def unmet(docs_dir: Path, pages: dict[str, str], docs_display: str = "docs") -> str | None:
    """The message for the first page whose macros link to a part no page has, if any."""
    docs_dir = Path(docs_dir)
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            marks = _marks(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue
        for part, callers in LINKS_TO.items():
            if part not in pages and marks & set(callers):
                name = f"{docs_display}/{path.relative_to(docs_dir).as_posix()}"
                return f"{name}: {missing(part, docs_display)}"
    return None


def find(docs_dir: Path) -> dict[str, str]:
    """part -> the page's path in docs/ (``roller.md``); the first page in name order
    that carries the part's mark."""
    docs_dir = Path(docs_dir)
    pages: dict[str, str] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            marks = _marks(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue  # the data loader reports an unreadable page
        for part, (needles, _) in PARTS.items():
            if part not in pages and marks & set(needles):
                pages[part] = path.relative_to(docs_dir).as_posix()
    return pages


def missing(part: str, docs_display: str = "docs") -> str:
    """The Swedish message when a view links to a part that no page has."""
    return (f"ingen sida i {docs_display}/ visar {PARTS[part][1]}, men webbplatsen länkar dit; "
            "lägg till makrot på en sida (eller ta bort det som länkar dit)")


#: The macros whose output is the site's rather than one document's: every document's items
#: (roles, follow-up, the wheel, the calendar, the documents' page) or the site's version (the
#: changes, the accessibility statement's sources). On a site of several documents a page that
#: calls one belongs to no single document's PDF: what a document's PDF holds changes only with
#: that document.
SITE_VIEWS = (
    "role_matrix", "role_sections", "reporting_diagram", "obligations_table", "followup_calendar",
    "unscheduled_obligations", "obligation_sections", "annual_wheel", "upcoming_obligations",
    "document_hierarchy", "changes", "accessibility_statement",
)


def site_view_pages(docs_dir: Path) -> set[str]:
    """The pages in docs/ that call a macro of SITE_VIEWS (each page read once)."""
    return {page for page, _ in _calling(docs_dir, SITE_VIEWS)}


def calls(docs_dir: Path, macro: str) -> list[tuple[str, int]]:
    """(page in docs/, line of its first call) of every page whose Markdown calls ``macro``,
    in name order."""
    return _calling(docs_dir, (macro,))


def _calling(docs_dir: Path, macros: tuple[str, ...]) -> list[tuple[str, int]]:
    """(page in docs/, line of its first call of any of ``macros``), in name order."""
    docs_dir = Path(docs_dir)
    call = re.compile(r"\{\{-?\s*(?:" + "|".join(map(re.escape, macros)) + r")\(")
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            if call.search(line):
                found.append((path.relative_to(docs_dir).as_posix(), number))
                break
    return found


def first_call(docs_dir: Path, macro: str, docs_display: str = "docs") -> str | None:
    """``docs/page.md:line`` of the first page (in name order) whose Markdown calls ``macro``."""
    found = calls(docs_dir, macro)
    return f"{docs_display}/{found[0][0]}:{found[0][1]}" if found else None

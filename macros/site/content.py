"""Everything of an organisation's content a build stops on, found before any page is built.

One pass, every mistake at once, each with file (or page) and line: the organisation's
settings file against the project's (config.py), the files of data/, docs/ and the
overrides (macros/policy/files.py), the marks a new organisation's skeleton leaves to be
filled in (macros/policy/placeholders.py), the data and the quotes from the adopted text
(macros/policy/loading.py), and what the pages ask of the data: a page that links to a
part no page plays, a page that calls for a list the data does not have. The build
(build.py) stops on them; make check (check.py) prints them, with the pages' template
code checked too.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..policy import files
from ..policy.documents import page_document, view_document_problem
from ..policy.placeholders import placeholder_problems
from ..policy.errors import DataError, DataErrors
from ..policy.loading import LoadedPolicy, load_policy
from . import config
from . import pages as site_pages


def shown_path(folder: Path, project: Path) -> str:
    """A folder as messages name it: relative to the project where it is inside."""
    try:
        return folder.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return folder.as_posix()


def files_safe(project: Path, docs_dir: Path) -> bool:
    """Whether every file of docs/ may be read (none leads out of the project, none is a
    FIFO or the like): macros/policy/files.py, as the content's check tells it."""
    return not files.checked([(docs_dir, "docs")], Path(project))


def content_problems(
    project: Path, docs_dir: Path, custom_dir: Path | None, data_dir: Path | None = None,
) -> tuple[LoadedPolicy | None, dict[str, str], list[DataError]]:
    """(the validated policy or None, the page of each part, every mistake found)."""
    project = Path(project)
    data_dir = Path(data_dir) if data_dir is not None else project / "data"
    problems = config.settings_problems(project) + config.nav_problems(
        project, docs_dir, shown_path(docs_dir, project))
    others = [(custom_dir, shown_path(custom_dir, project))] if custom_dir else []
    loaded = None
    try:
        loaded = load_policy(data_dir, docs_dir, display_dir=shown_path(data_dir, project),
                             docs_display_dir=shown_path(docs_dir, project),
                             project=project, other_folders=others, included=True)
    except DataErrors as exc:
        problems += exc.errors
    docs = shown_path(docs_dir, project)
    if not (docs_dir.is_dir() and files_safe(project, docs_dir)):
        return loaded, {}, problems  # a page that may not be read is told; none is read
    # What a new organisation has still to fill in (the skeleton's marks): not ready to
    # be published while one is left.
    problems += placeholder_problems(
        [(data_dir, shown_path(data_dir, project)), (docs_dir, docs)],
        [(project / config.SETTINGS_FILE, config.SETTINGS_FILE)],
    )
    pages = site_pages.find(docs_dir)
    unmet = site_pages.unmet(docs_dir, pages, docs)
    if unmet:
        page, _, message = unmet.partition(": ")
        problems.append(DataError(page, None, "", message))
    if loaded is not None:
        problems += _lists_problems(loaded, docs_dir, docs, shown_path(data_dir, project))
        problems += _view_problems(loaded, docs_dir, docs)
    return loaded, pages, problems


#: The views of every document's items that may be asked for one document instead.
ONE_DOCUMENT_VIEWS = ("role_matrix",)


def _view_problems(loaded: LoadedPolicy, docs_dir: Path, docs: str) -> list[DataError]:
    """A page that asks a view for a document the site does not have (``{{
    role_matrix("riktlinjer") }}``), with page and line, as the build would stop on it."""
    problems = []
    for macro in ONE_DOCUMENT_VIEWS:
        argument = re.compile(r"\{\{-?\s*" + macro + r"\(\s*(?:document\s*=\s*)?(['\"])(.*?)\1\s*\)")
        for page, _ in site_pages.calls(docs_dir, macro):
            text = (docs_dir / page).read_text(encoding="utf-8-sig")
            for number, line in enumerate(text.splitlines(), start=1):
                for match in argument.finditer(line):
                    problem = view_document_problem(macro, match.group(2), loaded.setting)
                    if problem:
                        problems.append(DataError(f"{docs}/{page}", number, "", problem))
    return problems


#: The macros that show a list of a document's own data: (macro, its file, what to write).
DOCUMENT_LISTS = (
    ("principles", "principer.yml", "principerna"),
    ("goals", "viljeriktningar.yml", "viljeriktningarna"),
    ("methods", "metodik.yml", "punkterna"),
)


def _lists_problems(loaded: LoadedPolicy, docs_dir: Path, docs: str, data: str) -> list[DataError]:
    """A page that shows a list its own document does not have (a further document need
    not have principles; the methods list is optional) would publish an empty section:
    told at the first such call of each document, with page and line."""
    setting = loaded.setting
    problems = []
    for macro, file, what in DOCUMENT_LISTS:
        told: set[str] = set()
        for page, line in site_pages.calls(docs_dir, macro):
            document = page_document(page, setting)
            policy = loaded.document_policy(document)
            if document in told or getattr(policy, macro):
                continue
            told.add(document)
            folder = f"{data}/{document}" if document in setting.others else data
            of = f" (sidan hör till dokumentet '{document}')" if document in setting.others else ""
            problems.append(DataError(
                f"{docs}/{page}", line, "",
                f"sidan anropar {{{{ {macro}() }}}}, men {folder}/{file} saknas eller är tom{of}; ta "
                f"bort anropet (och avsnittet) från sidan, eller skriv {what} i {folder}/{file}",
            ))
    return problems

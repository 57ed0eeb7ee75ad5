"""The folders a build reads and publishes from, under one rule: only regular files and
folders, all inside the project; and each page's front matter, which must parse.

A generator copies every file of docs/ (and of the theme's overrides) into the site,
following symbolic links: a link to /etc/passwd would be published, a broken link ends
the build in a Python traceback, and a named pipe (FIFO) would hang it. So before any page
is read, every entry of docs/, data/ and the overrides is checked, and the pages' include
lines (``--8<-- "CONTRIBUTING.md:guide"``) too: a symbolic link must lead to a regular
file or folder inside the project, and nothing may be a device, a FIFO, a socket or the
like. A Markdown page may be at most MAX_PAGE_BYTES, as a data file. Names that begin
with a full stop are left alone: the generators never read them (an editor's lock file
is often such a broken link).

A page's front matter (the YAML between its first two '---' lines) that does not parse,
or that is no mapping, is taken by MkDocs as the page's text, silently: its title,
description, search weight and ``pdf: false`` lost. Here it is an error with page and
line, read by the same bounded reader as the data files.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from dataclasses import replace

from .errors import DataError, clip
from .reading import MAX_FILE_BYTES, _size, parse_yaml

#: The largest Markdown page, in bytes (read whole, like a data file).
MAX_PAGE_BYTES = MAX_FILE_BYTES

#: The include lines of the snippets extension: one file (``--8<-- "file"``, with a
#: section ``"file:section"`` or lines ``"file:3:9"``), or a block of files, one a line.
_INCLUDE_LINE = re.compile(r"""^[ \t]*--8<--[ \t]+(["'])(.+?)\1""", re.MULTILINE)
_INCLUDE_BLOCK = re.compile(r"^[ \t]*--8<--[ \t]*\n(.*?)^[ \t]*--8<--[ \t]*$", re.MULTILINE | re.DOTALL)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "en namngiven pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "en socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhetsfil"
    return "något annat än en vanlig fil"


def entry_problem(path: Path, project: Path, allow_folder: bool = True) -> str | None:
    """What is wrong with one entry (``project`` resolved), in Swedish; None if nothing."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return ("den symboliska länken leder inte till något som finns; ta bort länken eller "
                    "lägg själva filen här")
        if not _inside(target, project):
            return (f"den symboliska länken leder ut ur projektet (till {clip(target.as_posix())}), "
                    "och det den leder till skulle publiceras; lägg en kopia i projektet i stället "
                    "för länken")
    try:
        mode = path.stat().st_mode
    except OSError:
        return "filen kan inte läsas (saknas läsrätt?)"
    if stat.S_ISDIR(mode) and allow_folder:
        return None
    if stat.S_ISDIR(mode):
        return "filen är en mapp, men en fil väntas här"
    if not stat.S_ISREG(mode):
        return (f"filen är {_kind(mode)}, inte en vanlig fil; bara vanliga filer och mappar kan "
                "byggas och publiceras: ta bort den")
    return None


def folder_problems(folder: Path, project: Path, display: str) -> list[DataError]:
    """Every entry of ``folder`` (``display`` as messages name it) that breaks the rule,
    symbolic links to folders followed as the generators follow them."""
    folder, project = Path(folder), Path(project).resolve()
    if not folder.exists() and not folder.is_symlink():
        return []
    problem = entry_problem(folder, project)
    if problem:
        return [DataError(display, None, "", problem)]
    problems: list[DataError] = []

    def walk(current: Path, shown: str, seen: tuple[Path, ...]) -> None:
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            problems.append(DataError(shown, None, "", "mappen kan inte läsas (saknas läsrätt?)"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path, name = Path(entry.path), f"{shown}/{entry.name}"
            problem = entry_problem(path, project)
            if problem:
                problems.append(DataError(name, None, "", problem))
                continue
            real = path.resolve()
            if real.is_dir():
                if real in seen:
                    problems.append(DataError(name, None, "", (
                        "den symboliska länken leder tillbaka till en mapp som den själv ligger i, "
                        "och mappen skulle läsas i all oändlighet; ta bort länken")))
                    continue
                walk(path, name, (*seen, real))
            elif entry.name.endswith(".md") and real.stat().st_size > MAX_PAGE_BYTES:
                problems.append(DataError(name, None, "", (
                    f"sidan är {_size(real.stat().st_size)} byte stor; en sida får vara högst "
                    f"{_size(MAX_PAGE_BYTES)} byte")))

    walk(folder, display, (folder.resolve(),))
    return problems


#: What follows a file's name in an include: its lines (``:3:9``) or its section (``:guide``).
_PART = re.compile(r"(?::-?\d*){1,2}$|:[A-Za-z_][\w-]*$")


def _includes(markdown: str) -> list[tuple[str, int]]:
    """What a page's include lines take in (a file's name, with its lines or section), with
    their line."""
    found = []
    for match in _INCLUDE_LINE.finditer(markdown):
        found.append((match.group(2), markdown.count("\n", 0, match.start()) + 1))
    for match in _INCLUDE_BLOCK.finditer(markdown):
        first = markdown.count("\n", 0, match.start(1)) + 1
        for offset, line in enumerate(match.group(1).splitlines()):
            if line.strip() and not line.strip().startswith(";"):
                found.append((line.strip(), first + offset))
    return found


def included_files(markdown: str) -> list[tuple[str, int]]:
    """The files a page's include lines name, relative to the include base, with their line."""
    return [(_PART.sub("", taken), line) for taken, line in _includes(markdown)]


def include_problems(markdown: str, page: str, project: Path, included: bool = False) -> list[DataError]:
    """An include line of a page whose file leads out of the project or is no regular file;
    and, when the files included are there to be found (``included``: the project a site
    is built from), one whose file does not exist or whose section the file does not
    mark. (The snippets extension would stop on a missing file or section with a traceback
    naming neither page nor line.)"""
    project = Path(project).resolve()
    problems = []
    for taken, line in _includes(markdown):
        name = _PART.sub("", taken)
        if "://" in name:
            # An address: the snippets extension fetches none (it is not told to) and stops.
            if included:
                problems.append(DataError(page, line, "", (
                    f"raden tar in adressen '{clip(taken)}'; en sida tar bara in filer i projektet, "
                    "och webbplatsen hämtar inget utifrån: länka till adressen i stället")))
            continue
        path = project / name
        if not (path.exists() or path.is_symlink()):
            if not included:
                continue
            problem = "filen finns inte i projektet; rätta namnet eller ta bort raden"
        else:
            problem = entry_problem(path, project, allow_folder=False)
            if problem is None and not _inside(path.resolve(), project):
                problem = "filen ligger utanför projektet"
        if problem is None and included:
            problem = _not_text(path)
        if problem is None and included and taken != name and not _found(taken, project):
            problem = (f"filen har inget avsnitt '{clip(taken[len(name) + 1:])}' (ett avsnitt märks i "
                       "filen med --8<-- [start:namn] och --8<-- [end:namn]); rätta namnet eller ta bort raden")
        if problem:
            problems.append(DataError(page, line, "", f"raden tar in '{clip(taken)}': {problem}"))
    return problems


def _not_text(path: Path) -> str | None:
    """Why the snippets extension could not take the file into a page as text: too large
    for a page, or not UTF-8 (an image, say); None when it can."""
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        return (f"filen är {_size(size)} byte stor; en sida får ta in högst {_size(MAX_PAGE_BYTES)} byte; "
                "ta bort raden")
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return ("filen är inte text i UTF-8 (en bild eller en annan fil som inte är text kan inte tas "
                "in i en sida; länka till den i stället)")
    return None


def _found(taken: str, project: Path) -> bool:
    """Whether the snippets extension finds the lines or section ``taken`` names (in a
    file that exists in the project): it decides, as it does in the build."""
    import markdown
    from pymdownx.snippets import SnippetMissingError

    converter = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={
        "pymdownx.snippets": {"base_path": [str(project)], "check_paths": True}})
    quote = "'" if '"' in taken else '"'
    try:
        converter.preprocessors["snippet"].run([f"--8<-- {quote}{taken}{quote}"])
    except SnippetMissingError:
        return False
    return True


def checked(folders: Iterable[tuple[Path, str]], project: Path) -> list[DataError]:
    """The problems of several folders, in order."""
    return [problem for folder, display in folders for problem in folder_problems(folder, project, display)]


#: A page's front matter as MkDocs reads it (mkdocs.utils.meta): the YAML between a first
#: line '---' and the next line '---' or '...'.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_OPENING = re.compile(r"\A---[ \t]*\n")
_EMPTY = re.compile(r"\A---[ \t]*\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)")


def front_matter_problems(markdown: str, page: str) -> list[DataError]:
    """What keeps a page's front matter from being read as its fields (``markdown`` as
    read_text gives it: no BOM, LF line ends); the lines are the page's."""
    if not _OPENING.match(markdown):
        return []
    if _EMPTY.match(markdown):
        return [DataError(page, 1, "", "sidhuvudet är tomt; ta bort raderna med '---' eller skriv "
                                       "sidans fält (till exempel 'title: Rubrik') mellan dem")]
    match = _FRONT_MATTER.match(markdown)
    if not match:
        return [DataError(page, 1, "", (
            "sidhuvudet som börjar med '---' på den här raden avslutas aldrig: skriv en rad med "
            "bara '---' efter dess sista fält (annars visas hela sidhuvudet som text på sidan)"))]
    value, _, errors = parse_yaml(match.group(1), page)
    if errors:
        problems = []
        for error in errors:
            if error.message == "filen är tom":
                error = replace(error, message=(
                    "sidhuvudet har inga fält (bara kommentarer); ta bort raderna med '---' eller "
                    "skriv sidans fält mellan dem"))
            elif error.message.startswith("YAML-syntaxfel"):
                error = replace(error, message=error.message.replace(
                    "YAML-syntaxfel", "YAML-syntaxfel i sidhuvudet", 1) + (
                    " (sidhuvudet visas annars som text på sidan, och sidans titel, beskrivning "
                    "och andra inställningar går förlorade)"))
            problems.append(replace(error, line=(error.line or 1) + 1))
        return problems
    if not isinstance(value, dict):
        return [DataError(page, 2, "", (
            "sidhuvudet ska vara sidans fält, ett per rad ('nyckel: värde', till exempel "
            "'title: Rubrik'), inte en lista eller en ensam text"))]
    return []

"""The organisation's settings file (mkdocs.yml) against the project's (the base).

What the project needs to build (theme, plugins, extensions, the link checks, versions,
the Swedish search) is written once, in ``publishing/mkdocs.base.yml``; the
organisation's mkdocs.yml inherits it (``INHERIT``) and holds only its own settings:
names, language, navigation, colours, its own stylesheet. Here that is checked before
anything is built: the file must inherit the base, and set nothing the base sets (MkDocs
would let it replace a whole list of plugins, and Zensical would add to it) nor what the
build sets itself from the settings it checks (POLICY_REPO_URL, POLICY_EDIT_URI,
POLICY_SITE_URL). Each mistake is told with line and setting, in Swedish.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import yaml

from ..policy.documents import SETTINGS_FILE
from ..policy.errors import DataError, clip, shown
from ..policy.reading import read_text

#: The project's settings, relative to the project (and so to the organisation's file).
BASE_FILE = "publishing/mkdocs.base.yml"
#: The project's own copy, beside this code (what the INHERIT line of a project leads to).
BASE_PATH = Path(__file__).resolve().parents[2] / BASE_FILE
#: Settings the build makes itself from a setting of the environment it checks first.
FROM_ENVIRONMENT = {
    "repo_url": "POLICY_REPO_URL",
    "repo_name": "POLICY_REPO_URL",
    "edit_uri": "POLICY_EDIT_URI",
    "edit_uri_template": "POLICY_EDIT_URI",
    "site_url": "POLICY_SITE_URL",
}
#: Sections both files may hold, each its own keys in them (theme: colours and language
#: the organisation's, the theme itself the project's).
SHARED_SECTIONS = ("theme", "extra")


def _mapping(text: str, display: str) -> tuple[dict[str, tuple[int, Any]], DataError | None]:
    """The top keys of a YAML mapping with their lines and nodes; tags (``!ENV``) are kept
    as they are, since only the keys are read."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return {}, DataError(display, line, "", f"filen kan inte läsas som YAML ({exc.problem or exc})")
    except yaml.YAMLError as exc:
        return {}, DataError(display, None, "", f"filen kan inte läsas som YAML ({exc})")
    if node is None:
        return {}, None
    if not isinstance(node, yaml.MappingNode):
        return {}, DataError(display, node.start_mark.line + 1, "",
                             "filen ska vara en samling inställningar (nyckel: värde)")
    return {str(k.value): (k.start_mark.line + 1, v) for k, v in node.value
            if isinstance(k, yaml.ScalarNode)}, None


def _keys(node: Any) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def _own_settings(project: Path) -> tuple[dict[str, tuple[int, Any]], DataError | None]:
    """The top keys of the organisation's mkdocs.yml (see _mapping), or why it cannot be read."""
    text, error = read_text(Path(project) / SETTINGS_FILE, SETTINGS_FILE)
    return ({}, error) if error is not None else _mapping(text, SETTINGS_FILE)


def settings_problems(project: Path) -> list[DataError]:
    """The mistakes of the organisation's mkdocs.yml, each with line and setting."""
    own, error = _own_settings(project)
    if error is not None:
        return [error]
    base_text = BASE_PATH.read_text(encoding="utf-8")
    base, _ = _mapping(base_text, BASE_FILE)
    problems: list[DataError] = []
    inherited = own.get("INHERIT")
    written = inherited[1].value if inherited and isinstance(inherited[1], yaml.ScalarNode) else None
    if written is None or Path(str(written)).as_posix().removeprefix("./") != BASE_FILE:
        problems.append(DataError(
            SETTINGS_FILE, inherited[0] if inherited else 1, "INHERIT",
            (f"filen ärver {shown(str(written))}, inte projektets inställningar" if written is not None
             else "filen ärver inte projektets inställningar")
            + f"; skriv 'INHERIT: {BASE_FILE}' överst i filen",
        ))
    for key, (line, node) in own.items():
        if key == "INHERIT":
            continue
        if key in FROM_ENVIRONMENT:
            setting = FROM_ENVIRONMENT[key]
            problems.append(DataError(
                SETTINGS_FILE, line, key,
                f"sätts av bygget från {setting}, som kontrolleras först; ta bort raden och ange "
                f"{setting} när webbplatsen byggs (se README)",
            ))
        elif key in SHARED_SECTIONS:
            for inner, inner_line in _keys(node).items():
                if inner in _keys(base.get(key, (0, None))[1]):
                    problems.append(_owned(inner_line, f"{key}.{inner}"))
        elif key in base:
            problems.append(_owned(line, key))
    return problems


def _owned(line: int, setting: str) -> DataError:
    return DataError(
        SETTINGS_FILE, line, setting,
        f"inställningen hör till projektet och står i {BASE_FILE}, som alla organisationer "
        "delar; den får inte sättas om här. Ta bort den (projektets inställning gäller)",
    )


#: Settings with which an organisation lets pages stay out of the navigation (MkDocs's
#: patterns): where one is set, a page outside ``nav`` is the organisation's choice.
OUT_OF_NAV = ("not_in_nav", "exclude_docs")


def nav_problems(project: Path, docs_dir: Path, docs_display: str = "docs") -> list[DataError]:
    """A page the navigation (mkdocs.yml: ``nav``) names that is not in docs/, with its line;
    and a page of docs/ that the navigation leaves out. The strict build stops on either,
    with an English warning of MkDocs's; a missing ``nav`` lists every page by itself."""
    docs_dir = Path(docs_dir)
    own, error = _own_settings(project)
    if error is not None or "nav" not in own or not docs_dir.is_dir():
        return []  # a file that cannot be read is told by settings_problems
    pages = set()
    for path in docs_dir.rglob("*.md"):
        relative = path.relative_to(docs_dir)
        # MkDocs leaves out, unless told otherwise, names that begin with a dot and the
        # folder templates/ at the top of docs/.
        if not any(part.startswith(".") for part in relative.parts) and relative.parts[0] != "templates":
            pages.add(relative.as_posix())
    problems, listed = [], set()
    for source, line in _nav_entries(own["nav"][1]):
        if "://" in source or source.startswith(("/", "mailto:")) or not source.endswith(".md"):
            continue  # a link, not a page
        page = posixpath.normpath(source)
        listed.add(page)
        if page not in pages:
            problems.append(DataError(SETTINGS_FILE, line, "nav", (
                f"navigeringen visar sidan '{clip(source)}', som inte finns i {docs_display}/; "
                "rätta namnet eller ta bort raden")))
    if not any(key in own for key in OUT_OF_NAV):
        for page in sorted(pages - listed):
            problems.append(DataError(f"{docs_display}/{page}", None, "", (
                f"sidan står inte i navigeringen (nav i {SETTINGS_FILE}), och bygget stoppar på en "
                "sida som ingen meny leder till; lägg till den där, eller ta bort filen")))
    return problems


def _nav_entries(node: Any) -> list[tuple[str, int]]:
    """Every page or link of a navigation as written (``- sida.md``, ``- Titel: sida.md``,
    sections nesting lists), with its line."""
    found = []
    if not isinstance(node, yaml.SequenceNode):
        return found
    for item in node.value:
        value = item
        if isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            value = item.value[0][1]
        if isinstance(value, yaml.SequenceNode):
            found += _nav_entries(value)
        elif isinstance(value, yaml.ScalarNode):
            found.append((str(value.value), value.start_mark.line + 1))
    return found

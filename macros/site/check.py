"""``python -m macros.site.check`` (make check): every mistake the build would stop on that
concerns the content, without building the site.

The settings file, the files of data/, docs/ and the overrides, the data and its quotes
from the adopted text, what the pages ask of the data (macros/site/content.py); each
page's template code: a macro that does not exist, wrong arguments, a block never closed
(macros/site/page_check.py), as the build checks each page before rendering it; and,
when all that holds, every link and anchor of the pages' content, generated ones
included, in the pages rendered without the theme (macros/site/render.py), and the
adopted text as decided (data/antagen-text.txt) on the pages that carry it
(macros/site/adopted_check.py). All
errors at once, in Swedish, with file (or page) and line; exit 1 when there is any.
Imports no generator, so it is fast enough to run on every save or commit.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import jinja2

from ..policy.documents import page_document
from ..policy.errors import DataError, DataErrors
from ..policy.loading import DATA_FILES
from ..policy.release import Release
from ..policy.reading import read_text
from ..views import glossary
from .build import Layout, SiteBuild
from .content import content_problems, files_safe, shown_path
from .page_check import STANDARD_NAMES, page_error
from .adopted_check import adopted_text_problems
from .render import link_problems, rendered_pages

#: The template syntax of the pages, as the project's settings give mkdocs-macros (and
#: Zensical's macros): "{#" starts an attribute list, so comments are "{## … ##}".
COMMENT = ("{##", "##}")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def template_problems(build: SiteBuild) -> list[DataError]:
    """The first mistake in each page's template code, with page and line."""
    docs = build.layout.docs_dir
    environment = jinja2.Environment(
        comment_start_string=COMMENT[0], comment_end_string=COMMENT[1],
        loader=jinja2.FileSystemLoader(str(docs)),
    )
    macros = build.macros(lambda: "", lambda: "")
    extra = build.theme("mkdocs")["extra"] if build.loaded is not None else {}  # as make build
    problems = []
    shown = shown_path(docs, build.layout.project)
    for path in sorted(docs.rglob("*.md")):
        name = f"{shown}/{path.relative_to(docs).as_posix()}"
        text, error = read_text(path, name, max_bytes=None, links=True)
        if error is not None:
            continue  # told by the content's check
        front = _FRONT_MATTER.match(text)
        if front and re.search(r"^render_macros:\s*false\s*$", front.group(0), re.MULTILINE):
            continue
        body = text[front.end():] if front else text
        meta = dict.fromkeys(re.findall(r"^([A-Za-z_][\w]*):", front.group(0), re.MULTILINE)) if front else {}
        known = {**environment.globals, **dict.fromkeys(STANDARD_NAMES), **extra, **macros, **meta}
        message = page_error(environment, body, known, name, text[: len(text) - len(body)].count("\n"))
        if message:
            page, line, said = message.split(":", 2)
            problems.append(DataError(page, int(line), "", said.strip()))
    return problems


def check(project: Path, data_dir: Path | None = None, docs_dir: Path | None = None,
          custom_dir: Path | None = None) -> list[DataError]:
    """Every mistake make check reports, in the order of the report."""
    project = Path(project)
    docs_dir = Path(docs_dir) if docs_dir is not None else project / "docs"
    if custom_dir is None and (project / "overrides").is_dir():
        custom_dir = project / "overrides"
    loaded, pages, problems = content_problems(project, docs_dir, custom_dir, data_dir)
    if docs_dir.is_dir() and files_safe(project, docs_dir):  # else none may be read
        layout = Layout(project=project, docs_dir=docs_dir, custom_dir=custom_dir)
        build = SiteBuild(layout, loaded, Release(), os.environ, pages, None, None,
                          glossary.abbreviations(loaded.policy.glossary) if loaded else {})
        problems += template_problems(build)
        if not problems:
            # Only now can every page be rendered: its content's links and anchors, the
            # generated ones included, are checked as the build checks the built site;
            # and the adopted text as decided is found on the pages that carry it.
            rendered = rendered_pages(build)
            problems += link_problems(build, rendered)
            data = Path(data_dir) if data_dir is not None else project / "data"
            setting = loaded.setting
            for document, policy in [(setting.main, loaded.policy),
                                     *((d.id, d.policy) for d in loaded.documents)]:
                folder = data / document if document != setting.main else data
                problems += adopted_text_problems(
                    folder, shown_path(folder, project), [p.name for p in policy.principles],
                    rendered[0], rendered[1], docs_dir, shown_path(docs_dir, project),
                    lambda page, document=document: page_document(page, setting) == document)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make check",
        description="Kontrollerar innehållet (data/, docs/, mkdocs.yml) utan att bygga webbplatsen.",
    )
    parser.add_argument("--data", default="data", help="mappen med datafilerna (data)")
    parser.add_argument("--docs", default="docs", help="mappen med sidorna (docs)")
    parser.add_argument("--overrides", default="overrides",
                        help="temats mapp med egna mallar och filer (overrides), om den finns")
    args = parser.parse_args(argv)
    # The project is the folder that holds data/ (and the organisation's mkdocs.yml).
    data = Path(args.data)
    project = data.resolve().parent
    overrides = Path(args.overrides)
    problems = check(project, data, Path(args.docs), overrides if overrides.is_dir() else None)
    if problems:
        print(DataErrors(problems).report(), file=sys.stderr)
        return 1
    checked = [f for f in DATA_FILES if not f.optional or (data / f.name).exists()]
    pages = len(list(Path(args.docs).rglob("*.md")))
    print(f"Inga fel i {args.data.rstrip('/')}/ ({len(checked)} filer kontrollerade), "
          f"{args.docs.rstrip('/')}/ ({pages} sidor) och mkdocs.yml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

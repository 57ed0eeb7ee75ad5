"""The pages' text as the build makes it, without a generator: for make check's link check.

Each page's Markdown gets what the build gives it before its macros run (the
abbreviations), its macros rendered on its own address, and is converted with the
project's Markdown extensions (publishing/mkdocs.base.yml). Links written to a page's
Markdown file (``[Roller](roller.md#x)``) are turned into the page's address, as MkDocs
does. What comes out is each page's content, without the theme around it: enough to
find every dead link or anchor the content makes (macros/site/link_check.py), the
generated links included, without building the site.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

import jinja2
import markdown
import yaml

from ..policy.errors import DataError, shown
from ..policy.reading import read_text
from .build import FEED_FILE, SiteBuild
from .config import BASE_PATH
from .content import shown_path
from .link_check import DUPLICATE_ID_ADVICE, dead_links, duplicate_ids
from .urls import dest_path, page_url, relative_url

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")')
#: Files the step after the pages writes, which pages may link to.
WRITTEN_AFTER = (FEED_FILE, "kallor.json")


def markdown_extensions() -> tuple[list[str], dict]:
    """The project's Markdown extensions and their settings, as MkDocs reads them."""
    names, configs = [], {}
    for item in yaml.safe_load(BASE_PATH.read_text(encoding="utf-8")).get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if options:
            configs[name] = options
    return names, configs


def _page_links(html: str, source: str, use_directory_urls: bool, written: dict[str, str]) -> str:
    """Links to a Markdown file of docs/, as the page's address (MkDocs does the same);
    ``written`` gets each new link's text as the page wrote it, for the messages."""
    here = page_url(source, use_directory_urls)

    def rewrite(match: re.Match) -> str:
        href = match.group(2)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), parts.path))
        url = relative_url(page_url(target, use_directory_urls), here)
        url += f"#{parts.fragment}" if parts.fragment else ""
        written[url] = href
        return match.group(1) + url + match.group(3)

    return _HREF.sub(rewrite, html)


def rendered_pages(build: SiteBuild) -> tuple[dict[str, str], dict[str, str], dict[tuple[str, str], str]]:
    """(each page's built file -> its content as HTML, each built file -> its source, each
    link made from a link to a Markdown file -> the link as the page wrote it)."""
    layout = build.layout
    docs, urls = layout.docs_dir, layout.use_directory_urls
    shown = shown_path(docs, layout.project)
    names, configs = markdown_extensions()
    environment = jinja2.Environment(comment_start_string="{##", comment_end_string="##}",
                                      loader=jinja2.FileSystemLoader(str(docs)))
    pages, sources, written = {}, {}, {}
    for path in sorted(docs.rglob("*.md")):
        source = path.relative_to(docs).as_posix()
        name = f"{shown}/{source}"
        text, error = read_text(path, name, max_bytes=None, links=True)
        if error is not None:
            continue  # told by the content's check
        front = _FRONT_MATTER.match(text)
        body = build.prepare_page(text[front.end():] if front else text)
        here = page_url(source, urls)
        macros = build.macros(lambda here=here: here, lambda name=name: name)
        if not (front and re.search(r"^render_macros:\s*false\s*$", front.group(0), re.MULTILINE)):
            try:
                body = environment.from_string(body).render(**macros)
            except jinja2.TemplateError:
                continue  # told by the check of the template code
        html = markdown.Markdown(extensions=names, extension_configs=configs).convert(body)
        built, links = dest_path(source, urls), {}
        pages[built] = _page_links(html, source, urls, links)
        sources[built] = name
        written.update({(built, url): href for url, href in links.items()})
    return pages, sources, written


def link_problems(build: SiteBuild, rendered: tuple | None = None) -> list[DataError]:
    """Every dead link or anchor of the pages' content, with its page; and any macro that
    fails on a page, as the build would stop on it. ``rendered``: rendered_pages(build),
    when the caller has it already."""
    pages, sources, written = rendered if rendered is not None else rendered_pages(build)
    built = {name: page for page, name in sources.items()}
    problems = []
    if build.failure:
        page, _, message = build.failure.partition(": ")
        problems.append(DataError(page, None, "", message))
    docs = build.layout.docs_dir
    files = set(pages) | set(WRITTEN_AFTER) | {
        p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and p.suffix != ".md"}
    for dead in dead_links(pages, sources, files):
        href = written.get((built[dead.page], dead.href), dead.href)
        problems.append(DataError(dead.page, None, "", f"länken '{href}' {dead.problem}"))
    # An id twice on one page stops the build (macros/site/finish.py): the content's own
    # ids (headings, macros, what a page takes in with --8<--) are seen here already.
    for twice in duplicate_ids(pages, sources):
        problems.append(DataError(twice.page, None, "", (
            f"id:t {shown(twice.id)} står {twice.count} gånger på sidan: {DUPLICATE_ID_ADVICE}")))
    return problems

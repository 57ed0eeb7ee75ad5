"""The step after the pages: what a built site folder gets, whatever generator built it.

In order: the calendar feed, the project's own assets minified, the search index as
UTF-8 with the Swedish query analysis, the version's sources (``kallor.json``), the
check that no link or anchor is dead and no id stands twice on a page, then, when
asked, each document's PDF and the compressed copies. The generator's adapter runs it once the pages are written (MkDocs after its
build, in ``make serve`` after every rebuild; Zensical after its build).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..policy import sources
from ..policy.documents import page_document
from ..policy.errors import BuildStop
from ..policy.mandate import build_date
from ..policy.memo import LastResult
from ..views import feed, followup
from . import compress, minify, search
from .build import FEED_FILE, SiteBuild
from .link_check import DUPLICATE_ID_ADVICE, dead_links, duplicate_ids
from .pages import site_view_pages
from .urls import dest_path, page_url

__all__ = ["FEED_FILE", "finish_site"]
#: Set (by make pdf and make publish) to make the PDF; macros/site/pdf.py reads the same
#: name, but that module is imported only when a PDF is made.
PDF_SWITCH = "POLICY_PDF"
#: Set to "material" to leave the search as Material makes it (the search benchmark's
#: baseline).
SEARCH_SWITCH = "POLICY_SEARCH"


def finish_site(site: Path, build: SiteBuild) -> None:
    """Everything the built site folder ``site`` gets after its pages; a BuildStop when a
    link is dead or the PDF cannot be made."""
    policy, environ = build.policy, build.environ
    write_feed(site, build)
    if build.layout.custom_dir:
        minify_own_assets(site, build.layout.custom_dir)
    index = search.compact_index(site)
    if index is not None and environ.get(SEARCH_SWITCH) != "material":
        search.add_swedish_analysis(site, policy, index)
    if build.loaded.documents:  # each result says which document it is in
        search.write_document_labels(site, build.search_documents())
    # Every version carries its own sources, so a later one can be compared with it.
    (site / sources.SOURCES_FILE).write_text(sources.dumps(build.version_sources), encoding="utf-8")
    check_links(site, build.page_sources(), build.release.current_alias if build.release.name else None)
    if environ.get(PDF_SWITCH):  # make pdf, make publish: not on every serve reload
        make_pdf(site, build)
    if compress.wanted(environ):  # make publish: the versions a web server sends
        compress.precompress(site)


def write_feed(site: Path, build: SiteBuild) -> None:
    """The calendar feed of the follow-up obligations; its events link to the follow-up
    page when the site's address is known."""
    today = build_date()
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    followup_page = build.pages.get("uppfoljning")
    page = None
    if build.site_url and followup_page:
        page = build.site_url.rstrip("/") + "/" + page_url(followup_page, build.layout.use_directory_urls)
    policy = build.site_policy  # every document's obligations
    content = feed.feed(policy, followup.window_for(policy, today), stamp, page)
    (site / FEED_FILE).write_bytes(content)


def check_links(site: Path, pages: dict[str, str], current_alias: str | None = None) -> None:
    """The strict build fails on a dead link or anchor, generated ones included, and on an
    id that stands twice on one page."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    html = {name: (site / name).read_text(encoding="utf-8") for name in files if name.endswith(".html")}
    dead = dead_links(html, pages, files, current_alias)
    if dead:
        shown = "\n".join(f"  {link}" for link in dead[:10])
        more = f"\n  … och {len(dead) - 10} till" if len(dead) > 10 else ""
        raise BuildStop(
            f"Webbplatsen har {len(dead)} döda länkar (till en sida, fil eller ett avsnitt som "
            f"inte finns); bygget avbryts:\n{shown}{more}"
        )
    twice = duplicate_ids(html, pages)
    if twice:
        shown = "\n".join(f"  {duplicate}" for duplicate in twice[:10])
        more = f"\n  … och {len(twice) - 10} till" if len(twice) > 10 else ""
        raise BuildStop(
            f"Webbplatsen har {len(twice)} id:n som står mer än en gång på samma sida; bygget "
            f"avbryts: {DUPLICATE_ID_ADVICE}:\n{shown}{more}"
        )


#: Each own asset's last minified text (macros/policy/memo.py).
_MINIFIED: LastResult[str] = LastResult()


def minify_own_assets(site: Path, custom_dir: Path) -> None:
    """The project's own stylesheets and scripts (the theme's custom_dir) as the site
    sends them: without comments and indentation (macros/site/minify.py)."""
    own = Path(custom_dir)
    for source in sorted(own.joinpath("assets").rglob("*")):
        kind = {".css": minify.css, ".js": minify.js}.get(source.suffix)
        target = site / source.relative_to(own)
        if kind and target.is_file() and not target.is_symlink():
            content = target.read_text(encoding="utf-8")
            small = _MINIFIED(source.as_posix(), content, lambda: kind(content))
            target.write_text(small, encoding="utf-8")


def make_pdf(site: Path, build: SiteBuild) -> None:
    """Each document's PDF of the version, from the pages just built, in the navigation's
    order: the first document's from every page outside the further documents' folders,
    each further one's from its own folder (docs/<id>/); with several documents, none holds
    a page of the site's views."""
    from . import pdf  # WeasyPrint's part: only when a PDF is asked for

    layout = build.layout
    docs = layout.docs_dir
    order = list(layout.nav) or sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    setting = build.loaded.setting

    # On a site of several documents, a page of the site's views (pages.SITE_VIEWS) is in no
    # document's PDF, and no PDF names the site's version: each PDF changes only with its
    # document, so an unchanged document's pages, and its PDF's size, read the same in the
    # next version.
    several = bool(build.loaded.documents)
    site_views = site_view_pages(docs) if several else set()

    def pages(document: str) -> list:
        return [pdf.Page(src, dest_path(src, layout.use_directory_urls))
                for src in order if page_document(src, setting) == document and src not in site_views]

    documents = [pdf.Document(build.policy, pages(setting.main), setting.main)]
    documents += [pdf.Document(document.policy, pages(document.id), document.id, f"{document.id}/")
                  for document in build.loaded.documents]
    styles = ["assets/stylesheets/policy.css", *layout.extra_css]
    try:
        pdf.build(documents, build.release, site, docs, styles, build.environ, version=not several)
    except pdf.PdfError as exc:
        raise BuildStop(f"PDF:en kan inte göras: {exc}") from None

"""The mkdocs-macros adapter: loads the data once and registers the renderers.

This is the only module that knows about mkdocs; it stays thin so that moving to
another generator means rewriting this file alone. Its jobs: turn a data error into
a build error, give the renderers the links between pages, and write the calendar
feed once the site is built.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
import logging
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .policy import sources
from .site import compress, minify
from .site import pages as site_pages
from .views import accessibility, document_facts, feed, followup, glossary, policy_text, roles
from .site.page_check import page_error
from .site.link_check import dead_links
from .policy.adopted_text import data_texts
from .views.diagram import LayoutError
from .policy.errors import DataErrors
from .policy.loading import load_policy
from .policy.mandate import build_date
from .policy.memo import LastResult
from .policy.release import Release, version_label
from .policy.settings import SettingError, published_address, repository

log = logging.getLogger("mkdocs.plugins.policy")

FEED_FILE = "uppfoljning.ics"
#: Set (by make pdf and make publish) to make the PDF; macros/site/pdf.py reads the same name,
#: but that module is imported only when a PDF is made.
PDF_SWITCH = "POLICY_PDF"


@dataclass
class _Build:
    """What one build's hooks share: the validated policy and what was found with it."""

    policy: Any
    abbreviations: dict[str, str]
    site_pages: dict[str, str]  # part -> page (site_pages.py)
    version_sources: Callable[[], sources.Sources]
    page_sources: dict[str, str] = field(default_factory=dict)  # built page -> its source
    failure: str | None = None  # the first macro that failed, told once its page is rendered


def define_env(env) -> None:
    """Called by mkdocs-macros when the configuration is loaded."""
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    project = Path(env.project_dir)
    # make serve builds again when a data file is saved, as when a page is: MkDocs watches
    # docs/ and mkdocs.yml, and reads this list once the first build is done.
    data_dir = str(project / "data")
    if data_dir not in env.conf["watch"]:
        env.conf["watch"].append(data_dir)
    try:
        loaded = load_policy(project / "data", project / env.conf["docs_dir"])
    except DataErrors as exc:
        raise PluginError(exc.report()) from None
    policy = loaded.policy
    try:  # settings from the environment: a bad one is a clean failure, never a traceback
        today = build_date()
        release = Release.from_environ(os.environ)
        source = repository(os.environ)
        published = published_address(os.environ.get("POLICY_SITE_URL"))
    except SettingError as exc:
        raise PluginError(str(exc)) from None
    if published and release.name:
        # A published version's own address: the page for an address that does not exist
        # (404.html) links its styles and pages from there, at any depth of the server;
        # MkDocs takes the path of site_url for it (and the calendar its events' links).
        env.conf["site_url"] = published + quote(release.name) + "/"
    if source:
        env.conf["repo_url"], env.conf["edit_uri"], env.conf["repo_name"] = source
    # Material's templates read config.extra: the header on every page, the banner.
    env.conf["extra"]["dokumenthuvud"] = document_facts.header(policy, release)
    # The version's sources (data and pages), read once per build: the accessibility
    # statement's fingerprint, the changes page and kallor.json all take them from here.
    collected: list[sources.Sources] = []

    def version_sources() -> sources.Sources:
        if not collected:
            collected.append(sources.collect(project))
        return collected[0]

    # Which page plays which part is found from the pages themselves (site_pages.py).
    pages = site_pages.find(project / env.conf["docs_dir"])
    problem = site_pages.unmet(project / env.conf["docs_dir"], pages)
    if problem:  # before any page is rendered: one message, no traceback
        raise PluginError(problem)
    # The methods list is optional; a page that asks for it when the data has none would
    # publish an empty section.
    where = None if policy.methods else site_pages.first_call(project / env.conf["docs_dir"], "methods")
    if where:
        raise PluginError(
            f"{where}: sidan anropar {{{{ methods() }}}}, men data/metodik.yml saknas eller är tom; "
            "ta bort anropet (och avsnittet) från sidan, eller skriv punkterna i data/metodik.yml"
        )

    def page_file(part: str) -> str:
        if part not in pages:
            where = _source_name(env) + ": " if getattr(env, "page", None) else ""
            raise PluginError(where + site_pages.missing(part))
        return pages[part]

    def site_url_of(part: str) -> str | None:
        return File(pages[part], "", "", env.conf["use_directory_urls"]).url if part in pages else None

    # The header links the page with all the facts; the footer the accessibility statement;
    # "Föreslå ändring" the editors' guide: each when the site has such a page.
    for part, key in (("dokument", "dokumentsida"), ("tillganglighet", "tillganglighetssida"),
                      ("bidra", "bidrasida")):
        if part in pages:
            env.conf["extra"][key] = site_url_of(part)
    env.conf["extra"]["versionsnamn"] = release.label
    env.conf["extra"]["gallande_alias"] = release.current_alias
    if release.name:
        # Only a published version has siblings to select (versions.json beside it).
        env.conf["extra"]["version"] = {
            "provider": "mike", "default": release.current_alias, "alias": True,
        }

    def url(target: str) -> str:
        """The URL of a page or file of the site, relative to the page being rendered."""
        if target.endswith(".md"):
            target = File(target, "", "", env.conf["use_directory_urls"]).url
        return get_relative_url(target, env.page.url)

    expansions = glossary.abbreviations(policy.glossary)

    def prose(html: str) -> str:
        """The adopted text from data/ with its abbreviations marked, as the pages' prose."""
        return glossary.mark_abbreviations(html, expansions)

    macros = {
        "principles": lambda: prose(policy_text.principles(policy.principles)),
        "goals": lambda: prose(policy_text.statement_list(policy.goals, "viljeriktning")),
        "methods": lambda: prose(policy_text.statement_list(policy.methods, "metod")),
        "role_texts": lambda: prose(policy_text.role_texts(policy.roles)),
        "document_facts": lambda: document_facts.facts_table(policy, release),
        "related_documents": lambda: document_facts.related_documents(policy),
        "role_matrix": lambda: roles.matrix(policy),
        "role_sections": lambda: roles.role_sections(policy, url(page_file("uppfoljning"))),
        "reporting_diagram": lambda: _drawn(PluginError, roles.reporting_diagram, policy),
        "obligations_table": lambda: followup.obligations_table(policy, url(page_file("roller"))),
        "followup_calendar": lambda: followup.calendar(policy, today, url(page_file("roller"))),
        "unscheduled_obligations": lambda: followup.unscheduled(policy, url(page_file("roller"))),
        "obligation_sections": lambda: followup.obligation_sections(policy, today, url(page_file("roller"))),
        "annual_wheel": lambda: followup.wheel(policy),
        "upcoming_obligations": lambda count=3: followup.upcoming_list(
            policy, today, url(page_file("uppfoljning")), url(page_file("roller")), count
        ),
        "feed_link": lambda label: followup.feed_link(label, url(FEED_FILE)),
        "changes": lambda: _changes(version_sources(), policy, release),
        "glossary": lambda: glossary.glossary_sections(policy.glossary, _term_uses(policy)),
        "accessibility_statement": lambda: accessibility.statement(
            policy.document.organisation, policy.accessibility,
            loaded.assessment,
            sources.fingerprint(version_sources()),
        ),
    }
    # For the other hooks; kept off env.variables, which mkdocs-macros serialises for
    # its debug log on every build (the whole policy, at any size).
    env.policy_build = state = _Build(policy, expansions, pages, version_sources)
    for name, function in macros.items():
        env.macro(_reported(name, function, env, state), name)


def _reported(name: str, function: Callable, env, state: _Build) -> Callable:
    """The macro, whose failure stops the build with one message naming the page.

    mkdocs-macros prints a Python traceback for any exception raised while a page is
    rendered, a planned stop (PluginError) included. So the failure is kept, the macro
    gives nothing, and the hook after the page (on_post_page_macros) stops the build with
    the message. The traceback is still in the log of ``mkdocs build -v``.
    """
    @functools.wraps(function)
    def run(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - every failure is told, none is lost
            page = _source_name(env)
            log.debug("Makrot %s() på %s", name, page, exc_info=True)
            if state.failure is None:
                state.failure = _failure(name, exc, page)
            return ""

    return run


def _failure(name: str, exc: Exception, page: str) -> str:
    from mkdocs.exceptions import PluginError

    if isinstance(exc, PluginError):  # a stop worded for the reader already
        message = str(exc)
        return message if message.startswith(page + ":") else f"{page}: {message}"
    said = " ".join(str(exc).split())
    said = said if len(said) <= 300 else said[:299] + "…"
    return (
        f"{page}: makrot {name}() avbröts av ett internt fel ({type(exc).__name__}: {said}). "
        "Felet finns i programmet (macros/), inte i sidan eller i data; rapportera det till den "
        "som sköter webbplatsen (mkdocs build -v visar var det uppstod)."
    )


def _drawn(error, render, *args) -> str:
    """A drawing whose layout engine is missing or fails stops the build with its message."""
    try:
        return render(*args)
    except LayoutError as exc:
        raise error(str(exc)) from None


def _term_uses(policy) -> dict[str, str]:
    """For terms without a definition: the first adopted sentence that uses the term."""
    sentences = [s for text in data_texts(policy) for s in text.replace("\n", " ").split(". ")]
    # One lower-cased text, the sentences apart by a line break (none holds one): each
    # name is one search in it, not a pass over every sentence.
    starts, position = [], 0
    for sentence in sentences:
        starts.append(position)
        position += len(sentence) + 1
    haystack = "\n".join(s.lower() for s in sentences)
    uses = {}
    for term in policy.glossary:
        for name in term.names:
            found = haystack.find(name.lower()) if name else -1
            if found != -1:
                hit = sentences[bisect.bisect_right(starts, found) - 1]
                uses[term.id] = hit.rstrip(".") + "."
                break
    return uses


def on_pre_page_macros(env) -> None:
    """A mistake in a page's template code stops the build with one message: page and line.
    Then the glossary's abbreviations are marked in the page's prose (in one pass, before
    the macros add what they generate)."""
    from mkdocs.exceptions import PluginError

    if (env.page.meta or {}).get("render_macros") is not False:
        _check_page(env, PluginError)
    _weigh_help_page(env)
    expansions = env.policy_build.abbreviations
    if expansions:
        env.markdown = glossary.mark_abbreviations(env.markdown, expansions)


#: How much a help page's match counts in the search, against the policy's own pages (1).
#: Material weighs a match in a section's title a thousand times one in its text, so a help
#: section titled with one word of a duty ("Granskning") would outrank the policy's own
#: sentence on the duty at any milder weight; the help pages are still found, after it.
HELP_PAGE_BOOST = 0.001
#: The parts of the site that help the reader around the policy rather than state it.
HELP_PARTS = ("tillganglighet", "bidra")


def _weigh_help_page(env) -> None:
    """Help pages (the accessibility statement, the editors' guide, the changes) rank below
    the policy's own pages for the same match, whatever their front matter says."""
    pages = env.policy_build.site_pages
    source = env.page.file.src_uri
    if not (any(pages.get(part) == source for part in HELP_PARTS) or "{{ changes(" in env.markdown):
        return
    meta = env.page.meta
    search = dict(meta.get("search") or {})
    search["boost"] = min(float(search.get("boost", 1)), HELP_PAGE_BOOST)
    meta["search"] = search


def _check_page(env, PluginError) -> None:
    source = Path(env.page.file.abs_src_path).read_text(encoding="utf-8-sig")
    before = source[: len(source) - len(env.markdown)] if source.endswith(env.markdown) else ""
    known = {**env.variables, **env.env.globals, **(env.page.meta or {})}
    message = page_error(env.env, env.markdown, known, _source_name(env), before.count("\n"))
    if message:
        raise PluginError(message)


def _source_name(env) -> str:
    return Path(os.path.relpath(env.page.file.abs_src_path, env.project_dir)).as_posix()


def on_post_page_macros(env) -> None:
    """Remember which source each page comes from (for the messages about dead links), and
    stop the build if one of the page's macros failed (_reported)."""
    state: _Build = env.policy_build
    state.page_sources[env.page.file.dest_uri] = _source_name(env)
    if state.failure:
        from mkdocs.exceptions import PluginError

        raise PluginError(state.failure)


def _changes(new_sources: sources.Sources, policy, release: Release) -> str:
    """The "Ändringar" page: this version against the previous published one."""
    if not release.previous_sources:
        return (
            "<p>Det finns ingen tidigare publicerad version att jämföra med.</p>"
            if release.name
            else "<p>Förhandsgranskning: jämförelsen görs när versionen publiceras "
            "(eller med <code>make changes</code>).</p>"
        )
    from .views import changes  # only a published version with a predecessor compares

    old_sources = sources.loads(Path(release.previous_sources).read_text(encoding="utf-8"))
    old = sources.load(old_sources).policy
    found = changes.compare(old, old_sources, policy, new_sources)
    titles = {path: changes.page_title(body, path) for path, body in {**old_sources, **new_sources}.items()
              if path.endswith(".md")}
    # Both versions named alike: by title, else as the publishing names them (Mandatperiod ...).
    old_name = (release.previous_title or version_label(release.previous_name) if release.previous_name
                else "den föregående versionen")
    new_name = release.title or version_label(release.name)
    return changes.to_html(found, old_name, new_name, titles)


def on_post_build(env) -> None:
    """Write the calendar feed beside the built pages."""
    state: _Build = env.policy_build
    policy = state.policy
    today = build_date()
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    site_url = env.conf.get("site_url")
    followup_page = state.site_pages.get("uppfoljning")
    page = None
    if site_url and followup_page:
        from mkdocs.structure.files import File

        page = site_url.rstrip("/") + "/" + File(followup_page, "", "", env.conf["use_directory_urls"]).url
    content = feed.feed(policy, followup.window_for(policy, today), stamp, page)
    site = Path(env.conf["site_dir"])
    (site / FEED_FILE).write_bytes(content)
    _minify_own_assets(site, env.conf["theme"].custom_dir)
    index = _compact_search_index(site)
    if index is not None and os.environ.get("POLICY_SEARCH") != "material":  # the benchmark's baseline
        _swedish_search(site, policy, index)
    # Every version carries its own sources, so a later one can be compared with it.
    (site / sources.SOURCES_FILE).write_text(
        sources.dumps(state.version_sources()), encoding="utf-8"
    )
    _check_links(site, state.page_sources)
    if os.environ.get(PDF_SWITCH):  # make pdf, make publish: not on every serve reload
        _pdf(env, policy, site)
    if compress.wanted(os.environ):  # make publish: the versions a web server sends
        compress.precompress(site)


def _pdf(env, policy, site: Path) -> None:
    """The version's PDF, from the pages just built, in the navigation's order."""
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    from .site import pdf  # WeasyPrint's part: only when a PDF is asked for

    def sources(items):
        for item in items or []:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from sources(value)
            elif isinstance(value, str) and value.endswith(".md"):
                yield value

    docs = Path(env.conf["docs_dir"])
    nav = list(sources(env.conf["nav"])) or sorted(
        p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    pages = [pdf.Page(src, File(src, str(docs), str(site), env.conf["use_directory_urls"]).dest_path)
             for src in nav]
    styles = ["assets/stylesheets/policy.css", *(str(s) for s in env.conf["extra_css"])]
    try:
        pdf.build(policy, Release.from_environ(os.environ), site, docs, pages, styles, os.environ)
    except pdf.PdfError as exc:
        raise PluginError(f"PDF:en kan inte göras: {exc}") from None


def _check_links(site: Path, pages: dict[str, str]) -> None:
    """The strict build fails on a dead link or anchor, generated ones included."""
    from mkdocs.exceptions import PluginError

    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    html = {name: (site / name).read_text(encoding="utf-8") for name in files if name.endswith(".html")}
    dead = dead_links(html, pages, files)
    if dead:
        shown = "\n".join(f"  {link}" for link in dead[:10])
        more = f"\n  … och {len(dead) - 10} till" if len(dead) > 10 else ""
        raise PluginError(
            f"Webbplatsen har {len(dead)} döda länkar (till en sida, fil eller ett avsnitt som "
            f"inte finns); bygget avbryts:\n{shown}{more}"
        )


SEARCH_SCRIPT = "assets/javascripts/swedish-search.js"
SWEDISH_LUNR = "assets/javascripts/lunr/min/lunr.sv.min.js"


def _minify_own_assets(site: Path, custom_dir: str | None) -> None:
    """The project's own stylesheets and scripts (the theme's custom_dir) as the site
    sends them: without comments and indentation (macros/site/minify.py)."""
    if not custom_dir:
        return
    own = Path(custom_dir)
    for source in sorted(own.joinpath("assets").rglob("*")):
        kind = {".css": minify.css, ".js": minify.js}.get(source.suffix)
        target = site / source.relative_to(own)
        if kind and target.is_file() and not target.is_symlink():
            content = target.read_text(encoding="utf-8")
            small = _MINIFIED(source.as_posix(), content, lambda: kind(content))
            target.write_text(small, encoding="utf-8")


#: Each own asset's last minified text (macros/policy/memo.py).
_MINIFIED: LastResult[str] = LastResult()


def _compact_search_index(site: Path) -> dict | None:
    """Material writes its search index with every non-ASCII letter escaped (å as
    \\u00e5, six bytes); written as UTF-8 (JSON's own encoding) it is a tenth smaller."""
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return index


def _swedish_search(site: Path, policy, index: dict) -> None:
    """Append the Swedish query analysis (and the glossary's synonyms) to lunr's Swedish
    support, which Material's search worker loads from the site itself."""
    target = site / SWEDISH_LUNR
    script = (site / SEARCH_SCRIPT).read_text(encoding="utf-8")
    content = target.read_text(encoding="utf-8")
    if "policySearchSynonyms" in content:
        return
    separator = index["config"].get("separator") or glossary.SEPARATOR
    table = json.dumps(
        glossary.synonyms(policy.glossary, separator, _word_frequency(index, separator)),
        ensure_ascii=False,
    )
    target.write_text(
        f"{content}\nself.policySearchSynonyms = {table};\n{script}", encoding="utf-8"
    )


#: Each section's words, from its last text (macros/policy/memo.py): make serve builds again on
#: every save, and most sections read as before.
_SECTION_WORDS: LastResult[frozenset[str]] = LastResult()


def _word_frequency(index: dict, separator: str) -> dict[str, int]:
    """In how many sections of the search index each word occurs."""
    counts: Counter[str] = Counter()
    for doc in index["docs"]:
        title, body = doc["title"], doc["text"]
        counts.update(_SECTION_WORDS(
            doc["location"], (title, body, separator),
            lambda: frozenset(glossary.tokens(title + " " + re.sub(r"<[^>]+>", " ", body), separator)),
        ))
    return dict(counts)

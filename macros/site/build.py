"""One build of the site, whatever generator runs it.

``SiteBuild.start`` reads and checks the data and the settings from the environment and
finds which page plays which part, before any page is rendered. From it come what the
theme shows (``theme``: the document header, the edit link, the version, the
addresses), the macros the pages call (``macros``), what a page's Markdown gets before
its macros run (``prepare_page``); the step after the pages (macros/site/finish.py)
takes it too. A generator's adapter makes one per build, tells the macros
which page they are on, and turns a ``BuildStop`` into its own kind of failure.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..policy import sources
from ..policy.adopted_text import is_adopted
from ..policy.documents import page_document, view_document_problem
from ..policy.errors import BuildStop, DataErrors
from ..policy.loading import LoadedPolicy, site_policy
from ..policy.mandate import build_date
from ..policy.model import Policy
from ..policy.release import Release, version_label
from ..policy.settings import SettingError, published_address, repository
from ..views import accessibility, document_facts, followup, glossary, hierarchy, policy_text, roles
from ..views.diagram import LayoutError
from . import pages as site_pages
from .content import content_problems, shown_path
from .search import DOCUMENTS_SCRIPT
from .urls import dest_path, page_url, relative_url

#: The calendar feed, beside the start page (written by macros/site/finish.py).
FEED_FILE = "uppfoljning.ics"

log = logging.getLogger("mkdocs.plugins.policy")


@dataclass(frozen=True)
class Layout:
    """What a build takes from the generator's configuration."""

    project: Path
    docs_dir: Path
    use_directory_urls: bool = True
    site_url: str | None = None  # as configured; a published version gets its own
    custom_dir: Path | None = None  # the theme's overrides (their own assets are minified)
    extra_css: tuple[str, ...] = ()
    nav: tuple[str, ...] = ()  # the pages of the navigation, in its order


@dataclass
class SiteBuild:
    layout: Layout
    loaded: LoadedPolicy
    release: Release
    environ: Mapping[str, str]
    pages: dict[str, str]  # part -> page in docs/ (macros/site/pages.py)
    site_url: str | None
    repository: tuple[str, str | None, str] | None
    abbreviations: dict[str, str]  # abbreviation -> what it stands for (the glossary)
    #: The first macro that failed, with its page: told once the page is rendered.
    failure: str | None = None

    @classmethod
    def start(cls, layout: Layout, environ: Mapping[str, str] | None = None) -> SiteBuild:
        """Read and check everything a build needs; a mistake is one BuildStop, in Swedish."""
        environ = os.environ if environ is None else environ
        # Every mistake of the content at once (macros/site/content.py): the settings file,
        # the files of docs/, data/ and the overrides (each published by the generator, so
        # each must be a regular file inside the project), the data, the pages' needs.
        loaded, pages, problems = content_problems(layout.project, layout.docs_dir, layout.custom_dir)
        if problems:
            raise BuildStop(DataErrors(problems).report())
        try:  # settings from the environment: a bad one is a clean failure, never a traceback
            build_date()
            release = Release.from_environ(environ)
            source = repository(environ)
            published = published_address(environ.get("POLICY_SITE_URL"))
        except SettingError as exc:
            raise BuildStop(str(exc)) from None
        site_url = layout.site_url
        if published and release.name:
            # A published version's own address: the page for an address that does not
            # exist (404.html) links its styles and pages from there, at any depth of the
            # server; the calendar's events link to it too.
            site_url = published + quote(release.name) + "/"
        return cls(layout, loaded, release, environ, pages, site_url, source,
                   glossary.abbreviations(loaded.policy.glossary))

    @property
    def policy(self):
        """The site's first document (its facts, texts, the shared roles and areas)."""
        return self.loaded.policy

    @functools.cached_property
    def site_policy(self):
        """What the shared views show: every document's responsibilities and obligations,
        each with its document on a site of several (macros/policy/loading.py)."""
        return site_policy(self.loaded)

    def url_of(self, part: str) -> str | None:
        """The address of the page that plays ``part``, from the site's root."""
        page = self.pages.get(part)
        return page_url(page, self.layout.use_directory_urls) if page else None

    def theme(self, generator: str) -> dict:
        """What the theme shows, as settings of the configuration: set before any page is
        rendered (the theme's templates read them from ``config``). ``generator`` names the
        one that builds ("mkdocs", "zensical"), for the templates that differ between them
        (overrides/partials/search.html); not extra.generator, which is the theme's own
        switch for its footer notice (kept false in publishing/mkdocs.base.yml)."""
        extra: dict = {
            "byggverktyg": generator,
            "dokumenthuvud": document_facts.header(self.policy, self.release, version=not self.loaded.documents),
            # The banner on a replaced version names it, but not on a site of several documents,
            # whose unchanged documents read the same in every version (overrides/partials/outdated.html).
            "versionsnamn": None if self.loaded.documents else self.release.label,
            "gallande_alias": self.release.current_alias,
        }
        # The header links the page with all the facts; the footer the accessibility
        # statement; "Föreslå ändring" the editors' guide: each when the site has such a page.
        for part, key in (("dokument", "dokumentsida"), ("tillganglighet", "tillganglighetssida"),
                          ("bidra", "bidrasida")):
            if part in self.pages:
                extra[key] = self.url_of(part)
        if self.loaded.documents:
            # Each further document's pages (its folder of docs/) carry its own header,
            # linked to its row of the documents' table when a page shows the table.
            table = self.url_of("styrdokument")
            extra["dokumenthuvuden"] = [
                {"mapp": f"{document.id}/",
                 "huvud": document_facts.header(document.policy, self.release, version=False),
                 "sida": f"{table}#styrdokument-{document.id}" if table else None}
                for document in self.loaded.documents
            ]
        if self.loaded.documents:
            # The search labels each result with its document (macros/site/search.py).
            extra["dokumentsok"] = DOCUMENTS_SCRIPT
        if self.release.name:
            # Only a published version has siblings to select (versions.json beside it).
            extra["version"] = {"provider": "mike", "default": self.release.current_alias, "alias": True}
        settings: dict = {"extra": extra}
        if self.site_url:
            settings["site_url"] = self.site_url
        if self.repository:
            settings["repo_url"], settings["edit_uri"], settings["repo_name"] = self.repository
        return settings

    @functools.cached_property
    def version_sources(self) -> sources.Sources:
        """The version's sources (data and pages), read once per build: the accessibility
        statement's fingerprint, the changes page and kallor.json take them from here."""
        try:
            return sources.collect(self.layout.project)
        except DataErrors as exc:
            raise BuildStop(exc.report()) from None

    def prepare_page(self, markdown: str) -> str:
        """A page's Markdown before its macros run: the glossary's abbreviations marked in
        its prose (in one pass, before the macros add what they generate)."""
        expansions = self.abbreviations
        return glossary.mark_abbreviations(markdown, expansions) if expansions else markdown

    def macros(self, here: Callable[[], str], page_name: Callable[[], str]) -> dict[str, Callable]:
        """The macros the pages call, by name. ``here()`` is the address of the page being
        rendered (from the site's root), ``page_name()`` its source as a message names it.
        A macro that fails gives nothing and its message is kept in ``failure``: the
        adapter stops the build with it once the page is rendered (a generator's own report
        of an exception inside a page is a Python traceback)."""
        # The policy is None only for make check's look at the pages' template code when
        # the data has errors: then the macros are named and never called.
        policy, release, today = (self.loaded.policy if self.loaded else None), self.release, build_date()
        # The shared views (roles, follow-up) show every document's items.
        shared = self.site_policy if self.loaded else None
        expansions = self.abbreviations

        def url(target: str) -> str:
            """A page or file of the site, linked from the page being rendered."""
            if target.endswith(".md"):
                target = page_url(target, self.layout.use_directory_urls)
            return relative_url(target, here())

        def page_file(part: str) -> str:
            if part not in self.pages:
                raise BuildStop(site_pages.missing(part))
            return self.pages[part]

        def prose(html: str) -> str:
            """The adopted text from data/ with its abbreviations marked, as the pages' prose."""
            return glossary.mark_abbreviations(html, expansions, markdown=False)

        def drawn(render, *args) -> str:
            """A drawing whose layout engine is missing or fails stops with its message."""
            try:
                return render(*args)
            except LayoutError as exc:
                raise BuildStop(str(exc)) from None

        def own() -> Policy:
            """The document of the page being rendered: its facts, its principles, goals and
            methods, its related documents (a further document's pages are in its folder)."""
            return self.page_policy(page_name())

        table = {
            "principles": lambda: prose(policy_text.principles(own().principles)),
            "goals": lambda: prose(policy_text.statement_list(own().goals, "viljeriktning")),
            "methods": lambda: prose(policy_text.statement_list(own().methods, "metod")),
            "role_texts": lambda: prose(policy_text.role_texts(policy.roles)),
            "document_facts": lambda: document_facts.facts_table(own(), release, not self.loaded.documents),
            "related_documents": lambda: document_facts.related_documents(own(), self.site_documents(url)),
            # One document's matrix may stand on any page: its role names link the roles page.
            "role_matrix": lambda document=None: roles.matrix(
                self.view_policy("role_matrix", document, shared),
                roles_page=url(page_file("roller")) if document is not None else "",
            ),
            "role_sections": lambda: roles.role_sections(shared, url(page_file("uppfoljning"))),
            "reporting_diagram": lambda: drawn(
                roles.reporting_diagram, shared,
                lambda reason: log.info("%s: diagrammet över rapportvägarna är inte ritat: %s; sidan "
                                        "visar rapportvägarna i text", page_name(), reason),
            ),
            "obligations_table": lambda: followup.obligations_table(shared, url(page_file("roller"))),
            "followup_calendar": lambda: followup.calendar(shared, today, url(page_file("roller"))),
            "unscheduled_obligations": lambda: followup.unscheduled(shared, url(page_file("roller"))),
            "obligation_sections": lambda: followup.obligation_sections(shared, today, url(page_file("roller"))),
            "annual_wheel": lambda: followup.wheel(shared),
            "upcoming_obligations": lambda count=3: followup.upcoming_list(
                shared, today, url(page_file("uppfoljning")), url(page_file("roller")), count
            ),
            "feed_link": lambda label: followup.feed_link(label, url(FEED_FILE)),
            "changes": lambda: self._changes(),
            "document_hierarchy": lambda: hierarchy.hierarchy_table(
                [hierarchy.Entry(self.loaded.setting.main, policy, url(self.document_page(self.loaded.setting.main)))]
                + [hierarchy.Entry(d.id, d.policy, url(self.document_page(d.id))) for d in self.loaded.documents],
                release,
            ),
            "glossary": lambda: glossary.glossary_sections(policy.glossary, glossary.term_uses(policy)),
            "accessibility_statement": lambda: accessibility.statement(
                policy.document.organisation, policy.accessibility, self.loaded.assessment,
                sources.fingerprint(self.version_sources),
            ),
        }
        return {name: self._reported(name, function, page_name) for name, function in table.items()}

    def _reported(self, name: str, function: Callable, page_name: Callable[[], str]) -> Callable:
        @functools.wraps(function)  # the page check reads the macro's signature through it
        def run(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - every failure is told, none is lost
                log.debug("Makrot %s() på %s", name, page_name(), exc_info=True)
                if self.failure is None:
                    self.failure = failure_message(name, exc, page_name())
                return ""

        return run

    def _changes(self) -> str:
        """The "Ändringar" page: this version against the previous published one."""
        release = self.release
        if not release.previous_sources:
            return (
                "<p>Det finns ingen tidigare publicerad version att jämföra med.</p>"
                if release.name
                else "<p>Förhandsgranskning: jämförelsen görs när versionen publiceras "
                "(eller med <code>make changes</code>).</p>"
            )
        from ..views import changes  # only a published version with a predecessor compares

        new_sources = self.version_sources
        previous = Path(release.previous_sources)
        old_sources = sources.loads(previous.read_text(encoding="utf-8"))
        old = sources.load(old_sources, within=previous.parent)
        found = changes.compare_site(old, old_sources, self.loaded, new_sources)
        titles = {path: changes.page_title(body, path) for path, body in {**old_sources, **new_sources}.items()
                  if path.endswith(".md")}
        # Both versions named alike: by title, else as the publishing names them.
        old_name = (release.previous_title or version_label(release.previous_name) if release.previous_name
                    else "den föregående versionen")
        new_name = release.title or version_label(release.name)
        return changes.to_html(found, old_name, new_name, titles)

    def search_documents(self) -> list[dict[str, str]]:
        """Which pages the search labels with which document's name: a further document's
        folder, and the first document's own pages (its adopted text, its facts); the
        site's shared pages (roles, follow-up, glossary …) belong to no one document."""
        docs, urls = self.layout.docs_dir, self.layout.use_directory_urls
        setting, name = self.loaded.setting, self.policy.document.name
        own = [p.relative_to(docs).as_posix() for p in sorted(docs.rglob("*.md"))]
        own = [p for p in own if page_document(p, setting) == setting.main
               and (is_adopted((docs / p).read_text(encoding="utf-8-sig")) or p == self.pages.get("dokument"))]
        return ([{"sida": page_url(p, urls), "namn": name} for p in own]
                + [{"mapp": f"{d.id}/", "namn": d.policy.document.name} for d in self.loaded.documents])

    def site_documents(self, url: Callable[[str], str]) -> dict[str, str]:
        """Each document of the site -> its page (document_page), linked by ``url``."""
        return {document: url(self.document_page(document)) for document in self.loaded.setting.ids}

    def view_policy(self, macro: str, document: object, shared: Policy) -> Policy:
        """What a view of every document's items shows: all of them (``document`` None), or
        the one document named (``{{ role_matrix("riktlinjer") }}``); BuildStop for a name
        that is none of the site's documents."""
        if document is None:
            return shared
        problem = view_document_problem(macro, document, self.loaded.setting)
        if problem:
            raise BuildStop(problem)
        return self.loaded.document_policy(document)

    def page_policy(self, page_name: str) -> Policy:
        """The document a page belongs to, by the page's source as messages name it
        (``docs/riktlinjer/index.md``): a further document's folder holds its pages."""
        docs = shown_path(self.layout.docs_dir, self.layout.project) + "/"
        page = page_name[len(docs):] if page_name.startswith(docs) else page_name
        return self.loaded.document_policy(page_document(page, self.loaded.setting))

    def document_page(self, document: str) -> str:
        """The page a document is linked to: the first page of its own (in the navigation's
        order, else its files') that carries its adopted text, else its first page."""
        docs = self.layout.docs_dir
        setting = self.loaded.setting
        every = [p.relative_to(docs).as_posix() for p in sorted(docs.rglob("*.md"))]
        ordered = [p for p in self.layout.nav if p in every] + [p for p in every if p not in self.layout.nav]
        own = [p for p in ordered if page_document(p, setting) == document]
        adopted = [p for p in own if is_adopted((docs / p).read_text(encoding="utf-8-sig"))]
        return (adopted or own or ["index.md"])[0]

    def page_sources(self) -> dict[str, str]:
        """Each built page -> its source as messages name it (``docs/roller.md``)."""
        docs = self.layout.docs_dir
        shown = shown_path(docs, self.layout.project)
        return {
            dest_path(path.relative_to(docs).as_posix(), self.layout.use_directory_urls):
                f"{shown}/{path.relative_to(docs).as_posix()}"
            for path in sorted(docs.rglob("*.md"))
        }


def failure_message(name: str, exc: Exception, page: str) -> str:
    """One message for a macro that failed on a page: a stop worded for the reader as it
    is, anything else as an internal error of the program."""
    if isinstance(exc, BuildStop):
        message = str(exc)
        return message if message.startswith(page + ":") else f"{page}: {message}"
    said = " ".join(str(exc).split())
    said = said if len(said) <= 300 else said[:299] + "…"
    return (
        f"{page}: makrot {name}() avbröts av ett internt fel ({type(exc).__name__}: {said}). "
        "Felet finns i programmet (macros/), inte i sidan eller i data; rapportera det till den "
        "som sköter webbplatsen (mkdocs build -v visar var det uppstod)."
    )


def nav_sources(items) -> list[str]:
    """The pages of a navigation as the configuration writes it (``- Titel: sida.md``,
    sections nesting lists), in order."""
    found: list[str] = []
    for item in items or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += nav_sources(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found

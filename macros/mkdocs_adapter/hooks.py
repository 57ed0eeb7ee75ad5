"""The MkDocs adapter: mkdocs-macros' hooks over the generator-free core.

The only module of macros/ that imports mkdocs. mkdocs-macros loads the package
``macros`` (mkdocs.yml: ``module_name: macros``), whose hooks land here:

- ``define_env`` (when the configuration is loaded, before any page): one build of
  the site is started (macros/site/build.py: data read and checked, settings, the page
  map); what the theme shows is set on the configuration; the macros are registered.
- ``on_pre_page_macros``: a mistake in the page's template code stops the build with
  page and line; help pages weigh less in Material's search; the page's prose gets its
  abbreviations.
- ``on_post_page_macros``: a macro that failed on the page stops the build, with one
  message and no traceback.
- ``on_post_build``: the step after the pages (macros/site/finish.py).

Any stop (``BuildStop``) becomes MkDocs' ``PluginError``: its message, no traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..policy.errors import BuildStop
from ..site.build import Layout, SiteBuild, nav_sources
from ..site.finish import finish_site
from ..site.page_check import page_error


def define_env(env) -> None:
    """Called by mkdocs-macros when the configuration is loaded."""
    from mkdocs.exceptions import PluginError

    conf = env.conf
    project = Path(env.project_dir)
    # make serve builds again when a data file is saved, as when a page is: MkDocs watches
    # docs/ and mkdocs.yml, and reads this list once the first build is done.
    data_dir = str(project / "data")
    if data_dir not in conf["watch"]:
        conf["watch"].append(data_dir)
    custom_dir = conf["theme"].custom_dir
    layout = Layout(
        project=project,
        docs_dir=Path(conf["docs_dir"]),
        use_directory_urls=conf["use_directory_urls"],
        site_url=conf.get("site_url") or None,
        custom_dir=Path(custom_dir) if custom_dir else None,
        extra_css=tuple(str(s) for s in conf["extra_css"]),
        nav=tuple(nav_sources(conf["nav"])),
    )
    try:
        build = SiteBuild.start(layout, os.environ)
    except BuildStop as exc:
        raise PluginError(str(exc)) from None
    # What the theme shows, set before any page is rendered.
    theme = build.theme("mkdocs")
    conf["extra"].update(theme.pop("extra"))
    for key, value in theme.items():
        conf[key] = value
    # For the other hooks; kept off env.variables, which mkdocs-macros serialises for its
    # debug log on every build (the whole policy, at any size).
    env.policy_build = build
    for name, macro in build.macros(lambda: env.page.url, lambda: _source_name(env)).items():
        env.macro(macro, name)


#: How much a help page's match counts in the search, against the policy's own pages (1).
#: Material weighs a match in a section's title a thousand times one in its text, so a help
#: section titled with one word of a duty ("Granskning") would outrank the policy's own
#: sentence on the duty at any milder weight; the help pages are still found, after it.
HELP_PAGE_BOOST = 0.001
#: The parts of the site that help the reader around the policy rather than state it.
HELP_PARTS = ("tillganglighet", "bidra")


def on_pre_page_macros(env) -> None:
    """A mistake in a page's template code stops the build with one message: page and line.
    Then the glossary's abbreviations are marked in the page's prose (in one pass, before
    the macros add what they generate)."""
    from mkdocs.exceptions import PluginError

    build: SiteBuild = env.policy_build
    if (env.page.meta or {}).get("render_macros") is not False:
        source = Path(env.page.file.abs_src_path).read_text(encoding="utf-8-sig")
        before = source[: len(source) - len(env.markdown)] if source.endswith(env.markdown) else ""
        known = {**env.variables, **env.env.globals, **(env.page.meta or {})}
        message = page_error(env.env, env.markdown, known, _source_name(env), before.count("\n"))
        if message:
            raise PluginError(message)
    _weigh_help_page(env, build)
    env.markdown = build.prepare_page(env.markdown)


def _weigh_help_page(env, build: SiteBuild) -> None:
    """Help pages (the accessibility statement, the editors' guide, the changes) rank below
    the policy's own pages for the same match in Material's search, whatever their front
    matter says."""
    source = env.page.file.src_uri
    if not (any(build.pages.get(part) == source for part in HELP_PARTS) or "{{ changes(" in env.markdown):
        return
    meta = env.page.meta
    search = dict(meta.get("search") or {})
    search["boost"] = min(float(search.get("boost", 1)), HELP_PAGE_BOOST)
    meta["search"] = search


def on_post_page_macros(env) -> None:
    """Stop the build if one of the page's macros failed."""
    build: SiteBuild = env.policy_build
    if build.failure:
        from mkdocs.exceptions import PluginError

        raise PluginError(build.failure)


def on_post_build(env) -> None:
    """The step after the pages, on the built site folder."""
    from mkdocs.exceptions import PluginError

    try:
        finish_site(Path(env.conf["site_dir"]), env.policy_build)
    except BuildStop as exc:
        raise PluginError(str(exc)) from None


def _source_name(env) -> str:
    return Path(os.path.relpath(env.page.file.abs_src_path, env.project_dir)).as_posix()

"""The Zensical adapter: the same site built by Zensical, over the generator-free core.

``python -m macros.zensical_adapter build [--site-dir DIR]`` (``make build-zensical``):

1. The configuration is read as Zensical reads it (mkdocs.yml), and one build of the
   site is started (macros/site/build.py): the data read and checked, the settings,
   the page map. A mistake stops here, with its Swedish message, before any page.
2. What the theme shows (header, edit link, version, addresses) is written with the
   build's other settings into a configuration of its own beside mkdocs.yml, which
   inherits mkdocs.yml (``INHERIT``): Zensical's templates read only its configuration,
   and values set during its build never reach them.
3. Zensical builds the pages. Its macros extension imports this module by name and
   calls ``define_env`` for every page; this module is also a Markdown extension
   (``makeExtension``) that gives a page's Markdown what ``prepare_page`` adds before
   the macros run.
4. The step after the pages (macros/site/finish.py) runs on the built folder.

Only this module imports zensical. What Zensical does not do as the MkDocs build does
(Material's lunr search, which the Swedish search additions ride on; versions through
mike) is said in the README.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import sys
import tempfile
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from .policy.errors import BuildStop
from .site.build import Layout, SiteBuild
from .site.finish import finish_site

#: The build under way in this process (Zensical calls back into it for every page).
_BUILD: list[SiteBuild] = []
#: This module, as Zensical's macros extension and the Markdown extensions name it.
MODULE = __name__


def _current() -> SiteBuild:
    if not _BUILD:
        raise BuildStop(
            "Zensical-bygget startas med make build-zensical (python -m macros.zensical_adapter "
            "build), som läser och kontrollerar data innan sidorna byggs"
        )
    return _BUILD[0]


def define_env(env) -> None:
    """Called by Zensical's macros extension for every page: the macros, on that page."""
    build = _current()
    page = env.page
    name = _page_name(build, page.path if page else "")
    url = _link_base(page.path) if page else ""
    for macro_name, macro in build.macros(lambda: url, lambda: name).items():
        env.macro(macro, macro_name)


def _page_name(build: SiteBuild, path: str) -> str:
    docs = build.layout.docs_dir
    try:
        shown = docs.resolve().relative_to(build.layout.project.resolve()).as_posix()
    except ValueError:
        shown = docs.as_posix()
    return f"{shown}/{path}"


def _link_base(path: str) -> str:
    """Where the macros' links on a page start from, as Zensical reads them.

    Zensical takes a relative link in a page's HTML, raw HTML included, as relative to
    the page's Markdown file and rewrites it for the built page (``uppfoljning/`` on
    docs/roller.md becomes ``../uppfoljning/``). So the macros link from the Markdown
    file's folder here, and the built page links exactly as the MkDocs build's does.
    """
    folder = posixpath.dirname(path)
    return folder + "/" if folder else ""


class _BeforeMacros(Preprocessor):
    """A page's Markdown as the build prepares it, before the macros run."""

    def run(self, lines: list[str]) -> list[str]:
        return _current().prepare_page("\n".join(lines)).split("\n")


class _PolicyExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # Zensical's macros run at priority 35; this runs just before them.
        md.preprocessors.register(_BeforeMacros(md), "policy_before_macros", 36)


def makeExtension(**kwargs) -> Extension:
    """This module as a Markdown extension (Zensical loads extensions by module name)."""
    return _PolicyExtension(**kwargs)


def _layout(project: Path, config: dict, site_dir: Path) -> Layout:
    def nav(items) -> list[str]:
        found = []
        for item in items or []:
            if item.get("url", "").endswith(".md"):
                found.append(item["url"])
            found += nav(item.get("children"))
        return found

    custom_dir = config["theme"].get("custom_dir")
    return Layout(
        project=project,
        docs_dir=(project / config["docs_dir"]).resolve(),
        use_directory_urls=config["use_directory_urls"],
        site_url=config.get("site_url") or None,
        custom_dir=(project / custom_dir).resolve() if custom_dir else None,
        extra_css=tuple(config.get("extra_css") or ()),
        nav=tuple(nav(config.get("nav"))),
    )


def _settings(build: SiteBuild, config: dict, site_dir: Path) -> dict:
    """The build's own configuration: what the theme shows and where the site goes, and
    the macros and this module's extension named for Zensical's macros extension."""
    macros = dict(config["plugins"].get("macros", {}).get("config", {}))
    macros["module_name"] = MODULE
    settings = build.theme()
    settings["site_dir"] = str(site_dir)
    settings["theme"] = {"variant": "classic"}
    settings["markdown_extensions"] = [{"zensical.extensions.macros": macros}, MODULE]
    return settings


def build_site(project: Path, site_dir: Path, config_file: str = "mkdocs.yml") -> int:
    import yaml
    import zensical
    from zensical.config import parse_config

    project = project.resolve()
    if str(project) not in sys.path:
        sys.path.insert(0, str(project))  # Zensical's macros import this module by name
    config = parse_config(str(project / config_file))
    try:
        build = SiteBuild.start(_layout(project, config, site_dir), os.environ)
    except BuildStop as exc:
        print(str(exc), file=sys.stderr)
        return 1
    _BUILD[:] = [build]
    settings = _settings(build, config, site_dir)
    handle, name = tempfile.mkstemp(prefix=".zensical-bygge-", suffix=".yml", dir=project)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(f"INHERIT: {config_file}\n")
            yaml.safe_dump(settings, out, allow_unicode=True, sort_keys=False)
        zensical.build(name, {"strict": True, "clean": True})
        if build.failure:
            print(build.failure, file=sys.stderr)
            return 1
        finish_site(site_dir, build)
    except BuildStop as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        os.unlink(name)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.zensical_adapter")
    parser.add_argument("command", choices=["build"])
    parser.add_argument("--site-dir", default="site")
    args = parser.parse_args(argv)
    return build_site(Path.cwd(), Path(args.site_dir).resolve())


if __name__ == "__main__":
    sys.exit(main())

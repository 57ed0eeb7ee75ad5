"""The Zensical adapter: the same site built by Zensical, over the generator-free core.

``make build-zensical`` (``python -m publishing.build --generator zensical``, in a
virtual environment with Zensical and without MkDocs) runs ``build_site``:

1. The configuration is read as Zensical reads it (mkdocs.yml), and one build of the
   site is started (macros/site/build.py): the data read and checked, the settings,
   the page map. A mistake stops here, with its Swedish message, before any page.
2. What the theme shows (header, edit link, version, addresses) is written, with the
   build's other settings, into a configuration file of its own beside mkdocs.yml that
   inherits it (``INHERIT``): Zensical's templates read only its configuration, and
   values set during its build never reach them.
3. Zensical builds the pages. Its macros extension imports this module by name and
   calls ``define_env`` for every page. This module is also a Markdown extension
   (``makeExtension``) that runs just before the macros, as the MkDocs adapter's
   ``on_pre_page_macros`` does: the page's template code checked (page and line), the
   abbreviations marked in its prose.
4. The step after the pages (macros/site/finish.py) runs on the built folder.

Zensical's own output (English) is kept and shown only when the build fails for a
reason the project's checks did not name. Only this module imports zensical.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import jinja2
from markdown import Extension
from markdown.preprocessors import Preprocessor

from .policy.errors import BuildStop
from .site.build import Layout, SiteBuild
from .site.finish import finish_site
from .site.page_check import STANDARD_NAMES, page_error

#: The build under way in this process (Zensical calls back into it for every page).
_BUILD: list[SiteBuild] = []
#: This module, as Zensical's macros extension and the Markdown extensions name it.
MODULE = __name__
#: Zensical writes its cache of rendered pages here, in the project's folder.
CACHE = ".cache"


def _current() -> SiteBuild:
    if not _BUILD:
        raise BuildStop(
            "Zensical-bygget startas med make build-zensical (python -m publishing.build "
            "--generator zensical), som läser och kontrollerar data innan sidorna byggs"
        )
    return _BUILD[0]


def define_env(env) -> None:
    """Called by Zensical's macros extension for every page: the macros, on that page."""
    build = _current()
    path = env.page.path if env.page else ""
    base, name = _link_base(path), _page_name(build, path)
    for macro_name, macro in build.macros(lambda: base, lambda: name).items():
        env.macro(macro, macro_name)


def _page_name(build: SiteBuild, path: str) -> str:
    """``docs/roller.md``, as the project's messages name a page."""
    docs = build.layout.docs_dir
    try:
        shown = docs.relative_to(build.layout.project).as_posix()
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
    """A page's Markdown before its macros run: its template code checked, then its
    prose prepared as the build prepares every page (macros/site/build.py)."""

    def __init__(self, md, macros_config: dict):
        super().__init__(md)
        self.macros_config = macros_config

    def run(self, lines: list[str]) -> list[str]:
        from zensical.extensions.context import ContextPreprocessor

        build = _current()
        markdown = "\n".join(lines)
        context = ContextPreprocessor.from_markdown(self.md)
        page = context.page if context else None
        if page is not None and page.meta.get("render_macros") is not False:
            message = self._check(build, page, markdown)
            if message:
                build.failure = build.failure or message
                return []  # nothing for the macros to run; the build stops with the message
        return build.prepare_page(markdown).split("\n")

    def _check(self, build: SiteBuild, page, markdown: str) -> str | None:
        config = self.macros_config
        environment = jinja2.Environment(
            block_start_string=config.get("j2_block_start_string", "{%"),
            block_end_string=config.get("j2_block_end_string", "%}"),
            variable_start_string=config.get("j2_variable_start_string", "{{"),
            variable_end_string=config.get("j2_variable_end_string", "}}"),
            comment_start_string=config.get("j2_comment_start_string", "{#"),
            comment_end_string=config.get("j2_comment_end_string", "#}"),
            loader=jinja2.FileSystemLoader(str(build.layout.docs_dir)),
        )
        name = _page_name(build, page.path)
        known = {
            **environment.globals,
            **dict.fromkeys(STANDARD_NAMES),
            **dict.fromkeys(config.get("extra_names", ())),
            **build.macros(lambda: "", lambda: name),
            **page.meta,
        }
        try:
            source = (build.layout.docs_dir / page.path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            source = ""
        before = source[: len(source) - len(markdown)] if source.endswith(markdown) else ""
        return page_error(environment, markdown, known, name, before.count("\n"))


class _PolicyExtension(Extension):
    def __init__(self, **kwargs):
        self.macros_config = kwargs.pop("macros", {})
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        # Zensical's macros run at priority 35; this runs just before them.
        md.preprocessors.register(_BeforeMacros(md, self.macros_config), "policy_before_macros", 36)


def makeExtension(**kwargs) -> Extension:
    """This module as a Markdown extension (Zensical loads extensions by module name)."""
    return _PolicyExtension(**kwargs)


def _layout(project: Path, config: dict) -> Layout:
    def nav(items) -> list[str]:
        found = []
        for item in items or []:
            if str(item.get("url") or "").endswith(".md"):
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
    """The build's own configuration (inheriting mkdocs.yml): what the theme shows, where
    the site goes, the look of Material (Zensical's classic variant), and the macros and
    this module's extension as Zensical's Markdown extensions."""
    macros = dict(config["plugins"].get("macros", {}).get("config", {}))
    macros["module_name"] = MODULE
    settings = build.theme("zensical")
    extras = {*(config.get("extra") or {}), *settings["extra"]}
    extension = {"macros": {**macros, "extra_names": sorted(extras)}}
    settings["site_dir"] = str(site_dir)
    settings["theme"] = {"variant": "classic"}
    settings["markdown_extensions"] = [{MODULE: extension}, {"zensical.extensions.macros": macros}]
    return settings


def build_site(project: Path, site_dir: Path, config_file: str = "mkdocs.yml") -> int:
    """Build the project's site into ``site_dir`` (inside the project, as Zensical
    requires); 0 when it is complete, else 1 after a Swedish message."""
    import yaml
    import zensical
    from zensical.config import ConfigurationError, parse_config

    project, site_dir = project.resolve(), site_dir.resolve()
    if not site_dir.is_relative_to(project):
        print(f"--site-dir: {site_dir} ligger utanför projektets mapp; Zensical bygger bara inom "
              "den (make build-zensical bygger till site/)", file=sys.stderr)
        return 1
    if str(project) not in sys.path:
        sys.path.insert(0, str(project))  # Zensical's macros import this module by name
    try:
        # Read as mike reads it in the MkDocs build: a version's address has the version.
        config = parse_config(str(project / config_file))
        build = SiteBuild.start(_layout(project, config), dict(os.environ))
    except (BuildStop, ConfigurationError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    _BUILD[:] = [build]
    cache_was_there = (project / CACHE).exists()
    handle, name = tempfile.mkstemp(prefix=".zensical-bygge-", suffix=".yml", dir=project)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(f"INHERIT: {config_file}\n")
            yaml.safe_dump(_settings(build, config, site_dir), out, allow_unicode=True, sort_keys=False)
        with _Captured() as output, _without(MIKE_VERSION):
            try:
                zensical.build(name, {"strict": True, "clean": True})
                problem = None
            except Exception as exc:  # noqa: BLE001 - Zensical's own failure, told below
                problem = f"{type(exc).__name__}: {exc}"
        if build.failure:
            print(build.failure, file=sys.stderr)
            return 1
        if problem:
            print(output.text()[-4000:], file=sys.stderr)
            print(f"Zensical kunde inte bygga webbplatsen ({problem}). Felet finns inte i data eller "
                  "på en sida som projektets kontroller ser; bygg med make build (MkDocs) och "
                  "rapportera det till den som sköter webbplatsen.", file=sys.stderr)
            return 1
        finish_site(site_dir, build)
    except BuildStop as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        os.unlink(name)
        _BUILD.clear()
        if not cache_was_there:
            import shutil

            shutil.rmtree(project / CACHE, ignore_errors=True)
    return 0


#: mike names the version it builds in this variable. Zensical, mirroring mike, then adds
#: the version to site_url itself (zensical/config.py), also to the address the core has
#: given the version already (macros/site/build.py, from the checked settings): twice, so
#: that a published version's 404 page and canonical addresses led to .../2026-2030/2026-2030/.
#: Zensical builds without it; the core read it before (SiteBuild.start).
MIKE_VERSION = "MIKE_DOCS_VERSION"


@contextmanager
def _without(name: str):
    """The environment without ``name`` while Zensical builds, as it was afterwards."""
    saved = os.environ.pop(name, None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ[name] = saved


class _Captured:
    """Zensical's output (written by its Rust core straight to the process's standard
    output and error) kept in a file while it builds."""

    def __enter__(self):
        sys.stdout.flush()
        sys.stderr.flush()
        self.file = tempfile.TemporaryFile()
        self.saved = [os.dup(1), os.dup(2)]
        os.dup2(self.file.fileno(), 1)
        os.dup2(self.file.fileno(), 2)
        return self

    def __exit__(self, *exc_info):
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, saved in zip((1, 2), self.saved):
            os.dup2(saved, fd)
            os.close(saved)
        return False

    def text(self) -> str:
        self.file.seek(0)
        return self.file.read().decode("utf-8", "replace")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.zensical_adapter")
    parser.add_argument("command", choices=["build"])
    parser.add_argument("--site-dir", default="site")
    args = parser.parse_args(argv)
    return build_site(Path.cwd(), Path(args.site_dir))


if __name__ == "__main__":
    sys.exit(main())

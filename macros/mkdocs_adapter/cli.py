"""``python -m macros.mkdocs_adapter.cli build|serve ...``: MkDocs's own command line, without
what this project never uses being loaded or run at start.

mkdocs-macros imports ``requests`` when its plugin is loaded (only for ``include_yaml``
from a URL, which this project does not use) and runs 13 ``git`` commands for its
``git`` variable, which no page uses; neither can be switched off in its configuration.
Here ``requests`` is imported lazily (on first use of one of its
attributes, never here) and the git information is not read.

MkDocs also makes a new Jinja environment for the theme on every build, and so compiles
every one of Material's templates again each time: about a third of what a rebuild in
``make serve`` costs, and a sixth of a whole build. Here the compiled templates are kept
with Jinja's own bytecode cache, in a folder beside Python's compiled code
(``PYTHONPYCACHEPREFIX``, which the Makefile sets inside the virtual environment); Jinja
compares each kept template with its source and compiles it again when it changed. The
folder is trusted as the compiled Python beside it is: whoever can write there can change
what Python runs anyway.
Everything else is ``mkdocs`` itself:
``make build`` and ``make serve`` run it, and a plain ``mkdocs build`` builds the same site.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
import signal
import sys
import types


class _OnFirstUse(types.ModuleType):
    """Stands in sys.modules for a module until one of its attributes is used; then the
    real module is imported and takes its place. (importlib.util.LazyLoader does not
    help here: on Python 3.11 the ``import`` statement itself reads ``__spec__`` of the
    lazy module, which loads it at once.)"""

    def __getattr__(self, attribute: str):
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        module = importlib.import_module(name)
        return getattr(module, attribute)


def _lazy(name: str) -> None:
    """Import ``name`` on first use of one of its attributes, not now."""
    if name in sys.modules or importlib.util.find_spec(name) is None:
        return
    stand_in = _OnFirstUse(name)
    stand_in.__spec__ = None
    sys.modules[name] = stand_in


def _no_git_info() -> dict:
    return {"status": False, "date": None, "diagnosis": "not read (macros/mkdocs_adapter/cli.py)"}


def _keep_compiled_templates() -> None:
    """Give the theme's Jinja environment a bytecode cache, when compiled Python is kept
    in a folder of its own (sys.pycache_prefix); otherwise change nothing."""
    if not sys.pycache_prefix:
        return
    from jinja2 import FileSystemBytecodeCache
    from mkdocs.theme import Theme

    folder = os.path.join(sys.pycache_prefix, "jinja2-templates")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return  # a folder that cannot be made: the templates are compiled as usual
    cache = FileSystemBytecodeCache(folder)
    theme_env = Theme.get_env

    def get_env(self):
        env = theme_env(self)
        env.bytecode_cache = cache
        return env

    Theme.get_env = get_env


#: What the browser shows during make serve while the site cannot be built.
_STOPPED_PAGE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Webbplatsen kan inte byggas just nu</title>
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 50rem; padding: 0 1rem;
       color: #1a1a1a; background: #fff; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; padding: 1rem;
      border-left: 4px solid #b00020; }}
</style>
</head>
<body>
<main>
<h1>Webbplatsen kan inte byggas just nu</h1>
<p>Förhandsgranskningen stannade på felet nedan. Rätta det och spara filen: sidan laddas om av
sig själv när bygget lyckas. Ingenting har publicerats.</p>
<pre>{message}</pre>
</main>
</body>
</html>
"""


def _show_stops_in_preview() -> None:
    """make serve: a build that stops (a data error, a mistake in a page) shows its message
    in the browser, on every page, instead of leaving it waiting; the next build that
    succeeds replaces it. Only the preview's own folder is written, which make serve makes
    and removes; make build and publishing stop as before."""
    from mkdocs.commands import serve as serving
    from mkdocs.exceptions import Abort, BuildError

    build = serving.build

    def build_or_show_the_stop(config, **kwargs):
        try:
            build(config, **kwargs)
        except Abort as stopped:
            cause = stopped.__context__
            message = str(cause) if isinstance(cause, BuildError) else str(stopped)
            _write_stopped_pages(config.site_dir, message)

    serving.build = build_or_show_the_stop


def _write_stopped_pages(site_dir: str, message: str) -> None:
    from html import escape
    from pathlib import Path

    page = _STOPPED_PAGE.format(message=escape(message)).encode("utf-8")
    site = Path(site_dir)
    site.mkdir(parents=True, exist_ok=True)
    for path in [*site.rglob("*.html"), site / "index.html", site / "404.html"]:
        if not path.is_symlink():
            path.write_bytes(page)


@functools.cache
def prepare() -> None:
    """Set MkDocs up as this module's command runs it (also for a benchmark that builds
    in its own process, as make serve does, and for a publication, whose build runs in the
    publication's process); once in a process, however often it is asked."""
    _lazy("requests")
    _keep_compiled_templates()
    if importlib.util.find_spec("mkdocs_macros") is not None:
        import mkdocs_macros.context

        mkdocs_macros.context.get_git_info = _no_git_info


class _PreviewFolder(types.ModuleType):
    """Stands for ``tempfile`` in MkDocs's serve command, and notes the folder it makes
    to preview from (its one use of ``tempfile``); everything else is ``tempfile``'s."""

    def __init__(self):
        super().__init__("tempfile")
        import tempfile

        self._tempfile = tempfile
        self.made: list[str] = []

    def __getattr__(self, name: str):
        return getattr(self._tempfile, name)

    def mkdtemp(self, *args, **kwargs) -> str:
        folder = self._tempfile.mkdtemp(*args, **kwargs)
        self.made.append(folder)
        return folder


def _stop_on_terminate() -> None:
    """make serve stopped by SIGTERM (a service manager, ``kill``) removes the folder it
    previews from, as it does on Ctrl-C; otherwise a whole built site is left behind in
    the temporary folder each time.

    The handler runs in the main thread, which also builds, so no build writes into the
    folder while it is removed; then the process ends at once (raising KeyboardInterrupt
    in whatever the main thread was doing could leave a lock of the server's threads held,
    and the process would never end)."""
    import shutil

    from mkdocs.commands import serve as serving

    preview = _PreviewFolder()
    serving.tempfile = preview

    def terminate(signum, frame):
        for folder in preview.made:
            shutil.rmtree(folder, ignore_errors=True)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)


def main(argv: list[str]) -> int:
    prepare()
    if argv[:1] == ["serve"]:
        _show_stops_in_preview()
        _stop_on_terminate()
    from mkdocs.__main__ import cli

    return cli.main(args=argv, prog_name="mkdocs", standalone_mode=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

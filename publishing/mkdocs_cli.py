"""``python -m publishing.mkdocs_cli build|serve ...``: MkDocs's own command line, without
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

import importlib
import importlib.util
import os
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
    return {"status": False, "date": None, "diagnosis": "not read (publishing/mkdocs_cli.py)"}


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


def prepare() -> None:
    """Set MkDocs up as this module's command runs it (also for a benchmark that builds
    in its own process, as make serve does)."""
    _lazy("requests")
    _keep_compiled_templates()
    if importlib.util.find_spec("mkdocs_macros") is not None:
        import mkdocs_macros.context

        mkdocs_macros.context.get_git_info = _no_git_info


def main(argv: list[str]) -> int:
    prepare()
    from mkdocs.__main__ import cli

    return cli.main(args=argv, prog_name="mkdocs", standalone_mode=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

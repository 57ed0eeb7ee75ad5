"""``python -m publishing.mkdocs_cli build|serve ...``: MkDocs's own command line, without
what this project never uses being loaded or run at start.

mkdocs-macros imports ``requests`` when its plugin is loaded (only for ``include_yaml``
from a URL, which this project does not use) and runs 13 ``git`` commands for its
``git`` variable, which no page uses; neither can be switched off in its configuration.
Here ``requests`` is imported lazily (Python's importlib.util.LazyLoader: on first use,
never here) and the git information is not read. ``serve`` writes no pre-compressed
copies of the files (macros/compress.py), which only a web server such as nginx uses. Everything else is ``mkdocs`` itself:
``make build`` and ``make serve`` run it, and a plain ``mkdocs build`` builds the same site.
"""

from __future__ import annotations

import importlib.util
import os
import sys


def _lazy(name: str) -> None:
    """Import ``name`` on first use of one of its attributes, not now."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)


def _no_git_info() -> dict:
    return {"status": False, "date": None, "diagnosis": "not read (publishing/mkdocs_cli.py)"}


def main(argv: list[str]) -> int:
    if argv[:1] == ["serve"]:
        # The development server sends files as they are: no pre-compressed copies
        # (macros/compress.py) on every reload.
        os.environ["POLICY_COMPRESS"] = "0"
    _lazy("requests")
    import mkdocs_macros.context

    mkdocs_macros.context.get_git_info = _no_git_info
    from mkdocs.__main__ import cli

    return cli.main(args=argv, prog_name="mkdocs", standalone_mode=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The make targets' entry: ``python -m publishing.make publish|changes|export``.

make hands the variables a user sets (VERSION, TITEL, RATTELSE, BRANCH, ALIAS, PUSH, FRAN,
TILL, DEST) to this module through the environment, never through a shell command line
(see the Makefile), and this module passes them on as an argument list: nothing a user
types is ever run as a command.
"""

from __future__ import annotations

import os
import sys

from .__main__ import main

#: What a command cannot do without (make publish takes its version's name from the
#: decision when VERSION is not given: publishing/publish.py).
EXAMPLES = {
    "export": ("DEST", "make export DEST=/srv/informationssakerhet"),
}


def arguments(command: str, environ) -> list[str] | None:
    def get(name: str) -> str:
        return environ.get(name, "")

    argv = [f"--gren={get('BRANCH') or 'publicerat'}", f"--alias={get('ALIAS') or 'gallande'}", command]
    if command in EXAMPLES:
        name, example = EXAMPLES[command]
        if not get(name):
            print(f"Ange {name}, till exempel: {example}", file=sys.stderr)
            return None
    if command == "publish":
        argv += [f"--titel={get('TITEL')}"] if get("TITEL") else []
        argv += [f"--rattelse={get('RATTELSE')}"] if get("RATTELSE") else []
        argv += ["--push"] if get("PUSH") else []
        argv += ["--", get("VERSION")] if get("VERSION") else []
    elif command == "changes":
        argv += [f"--fran={get('FRAN')}"] if get("FRAN") else []
        argv += [f"--till={get('TILL')}"] if get("TILL") else []
    elif command == "export":
        argv += ["--", get("DEST")]
    return argv


def run(command: str, environ) -> int:
    """The exit status of make's ``command``. make publish checks the content first, as
    make check does (macros/site/check.py), in this process: a version is only built from
    content that make check accepts."""
    argv = arguments(command, environ)
    if argv is None:
        return 2
    if command == "publish":
        from macros.site.check import main as check

        status = check([])
        if status:
            return status
    return main(argv)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1] if len(sys.argv) == 2 else "", os.environ) if sys.argv[1:] else 2)

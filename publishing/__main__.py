"""python -m publishing publish|changes|export (see make publish, make changes, make export)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from macros.policy.errors import DataErrors
from macros.policy.settings import SettingError

from . import PublishError, names
from .gitmessages import explain


# Each command imports what only it uses when it runs: make publish does not load the
# comparison of versions, nor make export the policy's models.
def compare(*args, **kwargs) -> str:
    from .compare import compare as run

    return run(*args, **kwargs)


def export(*args, **kwargs) -> list[str]:
    from .export import export as run

    return run(*args, **kwargs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publishing", description="Publicering av policyn.")
    parser.add_argument("--gren", default="publicerat", help="grenen med de publicerade versionerna")
    parser.add_argument("--alias", default="gallande", help="alias för den gällande versionen")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("publish", help="publicera en version (make publish)")
    p.add_argument("version", nargs="?", default="",
                   help="versionens namn: utelämnas för en antagen version (namnet följer av beslutet), "
                        "ett utkastnamn för ett utkast")
    p.add_argument("--titel", help="versionens titel (annars 'Mandatperiod 2026–2030')")
    p.add_argument("--rattelse", help="skälet till att en antagen version rättas (sparas och visas)")
    p.add_argument("--push", action="store_true", help="skicka grenen till fjärrförrådet")
    p.add_argument("--remote", default="origin", help="fjärrförrådet för --push")

    c = commands.add_parser("changes", help="visa ändringar mellan två versioner (make changes)")
    c.add_argument("--fran", help="en publicerad version (annars den gällande)")
    c.add_argument("--till", default=".", help="en publicerad version, eller . för arbetskopian (standard)")

    e = commands.add_parser("export", help="skriv alla versioner till en mapp (make export)")
    e.add_argument("dest", help="mappen som webbservern visar")

    args = parser.parse_args(argv)
    project = Path.cwd()
    try:
        names.branch_name(project, args.gren)
        names.version_name(args.alias, "ALIAS")
        if args.command == "publish":
            from .publish import Options, publish

            if args.version:
                names.version_name(args.version, alias=args.alias)
            done = publish(project, Options(args.version, args.titel, args.rattelse, args.push,
                                            args.gren, args.remote, args.alias))
            where = f" som '{', '.join(done.aliases)}' och standardversion" if done.aliases else ""
            print(f"Publicerade {done.title} ({done.version}){where} på grenen '{args.gren}'.")
            if not args.push:
                print("Inget skickades till fjärrförrådet (ange PUSH=1 för det).")
        elif args.command == "changes":
            if args.fran:
                names.version_name(args.fran, "FRAN")
            if args.till != ".":
                names.version_name(args.till, "TILL")
            print(compare(project, args.fran, args.till, args.gren, args.alias), end="")
        else:
            versions = export(project, Path(args.dest), args.gren)
            print(f"Exporterade {len(versions)} version(er) till {args.dest}: {', '.join(versions)}.")
    except (PublishError, SettingError) as exc:
        print(f"Avbrutet: {exc}", file=sys.stderr)
        return 1
    except DataErrors as exc:  # a source of the working copy that cannot be read
        print(f"Avbrutet: {exc.report()}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:  # git refused: say what it said, in Swedish
        said = (exc.stderr or b"").decode(errors="replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        print(f"Avbrutet: git misslyckades ({' '.join(str(a) for a in exc.cmd[1:3])}): {explain(said)}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

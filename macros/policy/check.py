"""``python -m macros.policy.check``: validate data/ without building the site (make check).

It also reads what of docs/ the data depends on (the pages' quotes, their front matter
and include lines), and checks that every file of data/, docs/ and overrides/ is a
regular file inside the project, as the build does.

Prints every error found, in Swedish, and exits 1 when there is any. Imports no
mkdocs, so it is fast enough to run on every save or commit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import DataErrors
from .loading import DATA_FILES, load_policy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make check", description="Kontrollerar filerna i data/ utan att bygga webbplatsen."
    )
    parser.add_argument("--data", default="data", help="mappen med datafilerna (data)")
    parser.add_argument("--docs", default="docs", help="mappen med sidorna (docs)")
    parser.add_argument("--overrides", default="overrides",
                        help="temats mapp med egna mallar och filer (overrides), om den finns")
    args = parser.parse_args(argv)
    # The project is the folder that holds data/: every file of data/, docs/ and the
    # overrides must be a regular file inside it (macros/policy/files.py).
    project = Path(args.data).resolve().parent
    overrides = Path(args.overrides)
    try:
        load_policy(
            Path(args.data), Path(args.docs),
            display_dir=args.data.rstrip("/"), docs_display_dir=args.docs.rstrip("/"),
            project=project,
            other_folders=[(overrides, args.overrides.rstrip("/"))],
        )
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    checked = [f for f in DATA_FILES if not f.optional or (Path(args.data) / f.name).exists()]
    print(f"Inga fel i {args.data.rstrip('/')}/ ({len(checked)} filer kontrollerade).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

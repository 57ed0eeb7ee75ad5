"""make test's closing lines: how many tests ran, on each content and in all.

``python -m tests.tally FILE``: each run of pytest in make test wrote its counts to FILE
(POLICY_TEST_TALLY, tests/conftest.py), one JSON line per run: its counts, and how long it
took from pytest's start (seconds), so that every run of make test shows how long an
editor's proposal waits for it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: pytest's words for the outcomes, in the order of its own closing line.
KINDS = ("failed", "passed", "skipped", "xfailed", "xpassed", "error")


def number(count: int) -> str:
    """A number as Swedish writes it: groups of three digits with a space between."""
    return f"{count:,}".replace(",", "\u00a0")


def duration(seconds: float) -> str:
    """A time as a reader says it: "48 s", "4 min 7 s" (rounded to whole seconds)."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def content_name(run: dict) -> str:
    return "projektets innehåll" if run["content"] == "." else run["content"]


def closing_lines(runs: list[dict]) -> list[str]:
    totals = {kind: sum(run.get(kind, 0) for run in runs) for kind in KINDS}
    each = [f"{number(sum(run.get(kind, 0) for kind in KINDS))} på {content_name(run)}" for run in runs]
    if len(runs) > 1:
        each[-1] += ", där de som inte läser något innehåll inte körs igen"
    failed = totals["failed"] + totals["error"]
    outcome = "alla gick igenom" if failed == 0 else f"{number(failed)} gick inte igenom"
    # The second line is the plain one any reader of test output knows (errors are failures).
    plain = f"{totals['passed']} passed, {failed} failed"
    if totals["skipped"]:
        plain += f", {totals['skipped']} skipped"
    lines = [f"Testerna: {number(sum(totals.values()))} körda ({'; '.join(each)}): {outcome}.",
             f"Totalt: {plain}"]
    if runs and all("seconds" in run for run in runs):
        times = ", ".join(f"{duration(run['seconds'])} på {content_name(run)}" for run in runs)
        if len(runs) > 1:
            times += f"; {duration(sum(run['seconds'] for run in runs))} i allt"
        lines.append(f"Tid: {times} (utan installationen).")
    return lines


def main(argv: list[str]) -> int:
    runs = [json.loads(line) for line in Path(argv[0]).read_text("utf-8").splitlines() if line.strip()]
    for line in closing_lines(runs):
        print(line)
    return 0 if runs and all(run.get("failed", 0) == run.get("error", 0) == 0 for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""make test's closing lines (tests/tally.py): the tests run on each content, in all, the
outcome and the time each run took."""

from __future__ import annotations

import json

import pytest

from tests import tally

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)

PROJECT = {"content": ".", "passed": 1139, "failed": 0, "error": 0, "skipped": 0, "seconds": 159.5}
EXAMPLE = {"content": "tests/fixtures/region", "passed": 643, "failed": 1, "error": 1, "skipped": 0,
           "seconds": 48.4}


def test_counts_of_each_run_and_in_all_in_swedish_and_in_pytests_words():
    lines = tally.closing_lines([PROJECT, EXAMPLE])
    assert lines[0] == (
        "Testerna: 1\u00a0784 körda (1\u00a0139 på projektets innehåll; 645 på tests/fixtures/region, "
        "där de som inte läser något innehåll inte körs igen): 2 gick inte igenom."
    )
    assert lines[1] == "Totalt: 1782 passed, 2 failed"


def test_the_time_of_each_run_and_in_all():
    assert tally.closing_lines([PROJECT, EXAMPLE])[2] == (
        "Tid: 2 min 40 s på projektets innehåll, 48 s på tests/fixtures/region; 3 min 28 s i allt "
        "(utan installationen)."
    )
    assert tally.closing_lines([PROJECT])[2] == "Tid: 2 min 40 s på projektets innehåll (utan installationen)."
    assert tally.duration(59.6) == "1 min 0 s"
    assert tally.duration(0.2) == "0 s"


def test_a_run_without_its_time_gives_no_time_line():
    untimed = {key: value for key, value in PROJECT.items() if key != "seconds"}
    assert [line for line in tally.closing_lines([untimed, EXAMPLE]) if line.startswith("Tid:")] == []


@pytest.mark.parametrize(("runs", "status"), [
    ([PROJECT], 0),
    ([PROJECT, EXAMPLE], 1),  # a failure and an error in the second run
    ([], 1),  # no run wrote its counts: nothing was shown to pass
])
def test_exit_status_is_zero_only_when_every_run_passed(tmp_path, capsys, runs, status):
    counts = tmp_path / "tally"
    counts.write_text("".join(json.dumps(run) + "\n" for run in runs), "utf-8")
    assert tally.main([str(counts)]) == status
    assert capsys.readouterr().out.startswith("Testerna: ")

"""The catalogue reports how many cases were tried and how many held."""

from __future__ import annotations

import pytest

_RESULTS = {"tried": 0, "held": 0}


@pytest.fixture
def catalogue_results() -> dict[str, int]:
    return _RESULTS


def pytest_terminal_summary(terminalreporter):
    if _RESULTS["tried"]:
        terminalreporter.write_line(
            f"Katalogen över felaktig indata: {_RESULTS['tried']} fall prövade, "
            f"{_RESULTS['held']} höll."
        )

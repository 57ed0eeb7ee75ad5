from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CONTENT


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A copy of the real data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(CONTENT / "data", target)
    # The settings file lists the site's documents (a further one's folder is in data/).
    shutil.copy2(CONTENT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return target

"""A version's sources: the text of its data and pages, kept with every published version.

Each build writes them to ``kallor.json`` beside its pages, so that a later version
can be compared with this one from the published branch alone.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .loading import LoadedPolicy, load_policy

Sources = dict[str, str]  # "data/roller.yml" -> its text
SOURCES_FILE = "kallor.json"


def collect(project: Path) -> Sources:
    """The data files and Markdown pages of a project, by their relative path."""
    project = Path(project)
    files = sorted((project / "data").glob("*.yml")) + sorted((project / "docs").rglob("*.md"))
    return {path.relative_to(project).as_posix(): path.read_text(encoding="utf-8") for path in files}


def dumps(sources: Sources) -> str:
    return json.dumps({"kallor": sources}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def loads(content: str) -> Sources:
    return dict(json.loads(content)["kallor"])


def load(sources: Sources) -> LoadedPolicy:
    """Validate a version's sources as if they were a project's data/ and docs/."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, content in sources.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(content, encoding="utf-8")
        return load_policy(root / "data", root / "docs")

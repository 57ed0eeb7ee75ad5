"""A version's sources: the text of its data and pages, kept with every published version.

Each build writes them to ``kallor.json`` beside its pages, so that a later version
can be compared with this one from the published branch alone.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .errors import DataErrors
from .documents import SETTINGS_FILE, document_setting
from .loading import DATA_FILES, DOCUMENT_FILES, LoadedPolicy, load_policy, read_text

Sources = dict[str, str]  # "data/roller.yml" -> its text
SOURCES_FILE = "kallor.json"


def collect(project: Path) -> Sources:
    """The data files and Markdown pages of a project, by their relative path (and, for
    a site of several documents, the settings file that lists them).

    Only the known data files are taken: a stray file in data/ is not part of the
    version (load_policy refuses it). A file that cannot be read is a DataErrors.
    """
    project = Path(project)
    files = [project / "data" / f.name for f in DATA_FILES if (project / "data" / f.name).is_file()]
    setting, _ = document_setting(project)  # a mistake in it is told by the build
    if setting.others:
        # A site of several documents: each further one's files, and the settings file
        # that lists them (a site of one document keeps the sources it always had).
        files.insert(0, project / SETTINGS_FILE)
        files += [project / "data" / document / f.name for document in setting.others
                  for f in DOCUMENT_FILES if (project / "data" / document / f.name).is_file()]
    files += sorted((project / "docs").rglob("*.md"))
    found: Sources = {}
    errors = []
    for path in files:
        name = path.relative_to(project).as_posix()
        content, error = read_text(path, name, max_bytes=None, links=name.startswith("docs/"))
        if error is not None:
            errors.append(error)
        else:
            found[name] = content
    if errors:
        raise DataErrors(errors)
    return dict(sorted(found.items()))


def fingerprint(sources: Sources) -> str:
    """A short, stable hash of a version's sources: what an assessment was made of."""
    import hashlib

    return hashlib.sha256(dumps(sources).encode("utf-8")).hexdigest()[:16]


def dumps(sources: Sources) -> str:
    return json.dumps({"kallor": sources}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def loads(content: str) -> Sources:
    return dict(json.loads(content)["kallor"])


def load(sources: Sources, within: Path | None = None) -> LoadedPolicy:
    """Validate a version's sources as if they were a project's data/ and docs/.

    They are written to a temporary folder, in ``within`` when given (a publication puts
    it in its own work folder, which the next publication removes if this one is killed)."""
    with tempfile.TemporaryDirectory(prefix="kallor-", dir=within) as folder:
        root = Path(folder)
        for name, content in sources.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(content, encoding="utf-8")
        return load_policy(root / "data", root / "docs")

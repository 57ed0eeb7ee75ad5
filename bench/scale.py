"""Synthetic data for the benchmarks: the project's own policy, N times over.

Every role, area, responsibility and obligation is repeated N times; copy k (from 2)
gets ids and names with the suffix k and refers to copy k of the roles and areas it
refers to, so that every rule that holds for the real data holds for the copy. The
adopted sentences the data quotes stay the same sentences.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.conftest import copy_project

# (file, list key, fields that name a role or an area: they follow the copy)
LISTS = (
    ("roller.yml", "roller", ()),
    ("omraden.yml", "områden", ()),
    ("ansvar.yml", "ansvar", ("roll", "område", "till")),
    ("uppfoljning.yml", "skyldigheter", ("vem", "till")),
)
NAMES = ("namn", "benämning")


class _PlainDumper(yaml.SafeDumper):
    """Writes every value out: the data files refuse YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _copy(item: dict[str, Any], k: int, references: tuple[str, ...]) -> dict[str, Any]:
    item = dict(item)
    item["id"] = f"{item['id']}-{k}"
    for key in NAMES:
        if key in item:
            item[key] = f"{item[key]} {k}"
    for key in references:
        value = item.get(key)
        if isinstance(value, list):
            item[key] = [f"{v}-{k}" for v in value]
        elif isinstance(value, str):
            item[key] = f"{value}-{k}"
    return item


def scale_data(data_dir: Path, factor: int) -> None:
    """Rewrite the data files of ``data_dir`` with every list ``factor`` times over."""
    for name, key, references in LISTS:
        path = data_dir / name
        content = yaml.safe_load(path.read_text("utf-8"))
        items = content[key]
        content[key] = items + [_copy(item, k, references) for k in range(2, factor + 1) for item in items]
        path.write_text(yaml.dump(content, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False,
                                  width=100), "utf-8")


def scaled_project(root: Path, target: Path, factor: int) -> Path:
    """A copy of the project at ``root`` with its data ``factor`` times over."""
    project = copy_project(target)
    if factor > 1:
        scale_data(project / "data", factor)
    return project

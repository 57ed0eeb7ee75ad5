"""JSON Schemas of the data files, generated from the models.

``python -m macros.policy.schemas`` writes them to schemas/; a test fails when the
committed files differ from what the models generate. Each data file names its
schema on its first line, so VS Code (with the YAML extension) completes and
checks while the editor types.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .loading import DATA_FILES


def schema_name(data_file_name: str) -> str:
    return data_file_name.removesuffix(".yml") + ".schema.json"


def generate() -> dict[str, str]:
    """File name -> JSON text of every data file's schema."""
    out = {}
    for data_file in DATA_FILES:
        schema = data_file.model.model_json_schema(by_alias=True, mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[schema_name(data_file.name)] = (
            json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    target = Path((argv or sys.argv[1:] or ["schemas"])[0])
    target.mkdir(parents=True, exist_ok=True)
    for name, content in generate().items():
        (target / name).write_text(content, encoding="utf-8")
        print(f"skrev {target / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

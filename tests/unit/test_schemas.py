"""The committed JSON Schemas match the models, and the data files name them."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from macros.policy.loading import DATA_FILES
from macros.policy.schemas import generate, schema_name
from tests.conftest import CONTENT, ROOT



def test_committed_schemas_are_up_to_date():
    for name, content in generate().items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == content, f"schemas/{name} är inaktuell: kör 'make schemas'"


@pytest.mark.parametrize("data_file", DATA_FILES, ids=lambda f: f.name)
def test_data_file_names_its_schema_and_validates_against_it(data_file):
    path = CONTENT / "data" / data_file.name
    schema = json.loads((ROOT / "schemas" / schema_name(data_file.name)).read_text("utf-8"))
    if data_file.optional and not path.exists():
        # An optional file the content leaves out: the schema takes it empty as well.
        jsonschema.validate({}, schema)
        return
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    expected = f"# yaml-language-server: $schema=../schemas/{schema_name(data_file.name)}"
    assert first_line == expected
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML reads dates as dates; the editor's file is text, as JSON Schema sees it.
    jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)


def test_schema_refuses_unknown_keys_and_explains_fields_in_swedish():
    schema = json.loads((ROOT / "schemas" / "roller.schema.json").read_text("utf-8"))
    role = schema["$defs"]["Role"]
    assert role["additionalProperties"] is False
    assert role["properties"]["namn"]["description"] == (
        "Rollens namn som policyn skriver det. En rad, högst 200 tecken, utan osynliga tecken."
    )
    assert role["properties"]["namn"]["maxLength"] == 200
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"roller": [{"id": "a", "namn": "A", "slag": "grupp", "x": 1}]}, schema)

"""The committed metrics.schema.json is the one the model generates, so VS Code checks what the loader checks."""

from __future__ import annotations

import json
from pathlib import Path

from dxkpi.reading.schema import json_schema, schema_text

ROOT = Path(__file__).parent.parent


def test_the_committed_schema_matches_the_model():
    committed = (ROOT / "metrics.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: python -m dxkpi schema > metrics.schema.json"


def test_metrics_yaml_points_editors_at_the_schema():
    first_line = (ROOT / "metrics.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=metrics.schema.json"


def test_the_schema_describes_every_field_in_both_languages():
    schema = json_schema()
    for name, definition in schema["$defs"].items():
        for field, prop in definition["properties"].items():
            vi, _, en = prop["description"].partition(" / ")
            assert vi and en, f"{name}.{field}"


def test_a_qualifier_may_be_one_word_or_a_list():
    qualifier = json.loads(schema_text())["$defs"]["Observation"]["properties"]["qualifier"]
    assert qualifier["anyOf"][0] == {"enum": ["khoang", "gan", "hon", "uoc"]}
    assert qualifier["anyOf"][1]["type"] == "array"

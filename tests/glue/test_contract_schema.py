"""The Glue job reads exactly the normalised event the contract defines (and the transform
writes): same field names, same order, compatible types."""

from __future__ import annotations

import json
from pathlib import Path

from pyspark.sql import types as T

from glue.jobs.sessionize import EVENT_SCHEMA

CONTRACT = Path(__file__).resolve().parents[2] / "contracts" / "clickstream-event.schema.json"
SPARK_TYPES = {
    "string": T.StringType(),
    "integer": T.LongType(),
    "boolean": T.BooleanType(),
    "object": T.MapType(T.StringType(), T.StringType()),
}


def test_glue_schema_is_the_contracts_normalised_event() -> None:
    normalised = json.loads(CONTRACT.read_text())["$defs"]["normalised_event"]["properties"]
    expected = {}
    for name, spec in normalised.items():
        kind = spec["type"]
        kinds = [k for k in kind if k != "null"] if isinstance(kind, list) else [kind]
        expected[name] = SPARK_TYPES[kinds[0]]
    actual = {field.name: field.dataType for field in EVENT_SCHEMA.fields}
    assert actual == expected

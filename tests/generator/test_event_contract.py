"""The API request model and every Glue table's columns are derived from the contract file."""

from __future__ import annotations

import copy
import json

import pytest

from generator import event_contract
from generator.errors import ClickstackError
from generator.render import env_root


def test_request_model_is_the_contract_in_draft_04() -> None:
    contract = event_contract.contract()
    model = event_contract.request_model_schema()
    assert model["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert (model["type"], model["minItems"], model["maxItems"]) == ("array", 1, 500)
    items = model["items"]
    assert items["required"] == contract["required"]
    assert list(items["properties"]) == list(contract["properties"])
    assert items["additionalProperties"] is False
    assert items["properties"]["screen"]["pattern"] == contract["properties"]["screen"]["pattern"]
    assert "$defs" not in json.dumps(model) and "description" not in items["properties"]["user_id"]


def test_glue_columns_follow_the_contract() -> None:
    columns = {c["name"]: c["type"] for c in event_contract.raw_table_columns()}
    assert columns["received_at"] == "bigint"
    struct = columns["event"]
    for name in event_contract.contract()["properties"]:
        assert f"{name}:" in struct
    assert "timestamp:bigint" in struct and "properties:map<string,string>" in struct


def test_rendered_roots_carry_the_contract() -> None:
    main = (env_root("prod") / "main.tf").read_text()
    assert '"^[0-9]{1,5}x[0-9]{1,5}$"' in main  # the screen pattern reaches the API model
    # Firehose runs the transform in prod: the raw table reads normalised events, not envelopes
    raw = event_contract.transformed_raw_table_columns()
    normalised = list(event_contract.contract()["$defs"]["normalised_event"]["properties"])
    assert [c["name"] for c in raw] == [n for n in normalised if n not in ("dt", "hr")]
    assert '"envelope_version"' not in main and "struct<" not in main.split("curated_tables")[0]


def test_the_raw_table_reads_envelopes_when_firehose_runs_no_transform() -> None:
    columns = event_contract.raw_table_columns()
    assert columns[0]["name"] == "envelope_version"
    assert columns[-1]["name"] == "event" and "app_version:string" in columns[-1]["type"]


def test_curated_tables_follow_the_contract_definitions() -> None:
    defs = event_contract.contract()["$defs"]
    tables = event_contract.curated_tables()
    assert {name: t["prefix"] for name, t in tables.items()} == {
        "curated_events": "events",
        "sessions": "sessions",
        "processing_errors": "errors",
    }
    curated = [c["name"] for c in tables["curated_events"]["columns"]]
    normalised = [n for n in defs["normalised_event"]["properties"] if n != "dt"]
    assert curated == [*normalised, "session_key"]  # dt is the partition key, not a column
    sessions = {c["name"]: c["type"] for c in tables["sessions"]["columns"]}
    assert sessions["start"] == sessions["end"] == "timestamp"  # format: date-time
    assert (sessions["duration_s"], sessions["event_count"]) == ("double", "bigint")
    assert "dt" not in sessions
    errors = tables["processing_errors"]["columns"]
    assert errors[0] == {
        "name": "reason",
        "type": "string",
        "comment": defs["processing_error"]["properties"]["reason"]["description"],
    }


def test_a_contract_type_without_a_glue_type_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = copy.deepcopy(event_contract.contract())
    broken["$defs"]["session"]["properties"]["event_count"]["type"] = ["integer", "string"]
    monkeypatch.setattr(event_contract, "contract", lambda: broken)
    with pytest.raises(ClickstackError, match=r"\$defs\.session\.event_count: expected one of"):
        event_contract.sessions_table_columns()

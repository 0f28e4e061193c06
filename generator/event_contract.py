"""The event contract (contracts/clickstream-event.schema.json) is the single source of the
event shape: the API request model and the columns of every Glue table (raw envelopes, curated
events, sessions, processing errors) are derived from it here, so none is typed twice.

Raw records are "collector envelopes": API Gateway wraps each client event with facts the
client cannot forge (receive time, source IP, user agent, request id).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from generator.errors import ClickstackError
from generator.toolchain import REPO_ROOT

CONTRACT_FILE = REPO_ROOT / "contracts" / "clickstream-event.schema.json"
MAX_EVENTS_PER_REQUEST = 500  # Kinesis PutRecords takes at most 500 records per call

# What API Gateway's draft-04 models understand of the 2020-12 contract.
DRAFT4_KEYWORDS = {
    "type", "required", "properties", "additionalProperties", "minLength", "maxLength",
    "pattern", "enum", "minimum", "maximum", "maxProperties", "description",
}  # fmt: skip
GLUE_TYPES = {"string": "string", "integer": "bigint", "number": "double", "boolean": "boolean"}
# JSON Schema "format" values that have a Glue type of their own.
GLUE_FORMATS = {"date-time": "timestamp"}
# Partition keys of the Parquet tables: a column in the contract, a partition in Glue.
PARQUET_PARTITION_KEYS = ("dt",)
RAW_PARTITION_KEYS = ("dt", "hr")  # the raw table's partitions (Firehose arrival day and hour)

ENVELOPE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("envelope_version", "int", "Collector envelope format version."),
    ("received_at", "bigint", "API Gateway receive time, epoch milliseconds."),
    ("source_ip", "string", "Client IP as seen by API Gateway."),
    ("user_agent", "string", "User-Agent header as seen by API Gateway."),
    ("request_id", "string", "API Gateway request id."),
)


@cache
def contract() -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(CONTRACT_FILE.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise ClickstackError(
            f"{CONTRACT_FILE}: expected the event contract, found {exc}"
        ) from None
    return data


def _draft4(schema: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key not in DRAFT4_KEYWORDS or key == "description":
            continue
        if key == "properties":
            out[key] = {name: _draft4(spec) for name, spec in value.items()}
        elif key == "additionalProperties" and isinstance(value, dict):
            out[key] = _draft4(value)
        else:
            out[key] = value
    return out


def request_model_schema() -> dict[str, Any]:
    """JSON Schema draft-04 (what API Gateway models accept) for a POST /collect body."""
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": "CollectRequest",
        "type": "array",
        "minItems": 1,
        "maxItems": MAX_EVENTS_PER_REQUEST,
        "items": _draft4(contract()),
    }


def _glue_type(spec: dict[str, Any], where: str) -> str:
    kind = spec.get("type")
    if isinstance(kind, list):  # ["string", "null"]: Glue columns are all nullable
        kinds = [k for k in kind if k != "null"]
        kind = kinds[0] if len(kinds) == 1 else None
    if kind == "object":
        values = spec.get("additionalProperties")
        if isinstance(values, dict) and values.get("type") in GLUE_TYPES:
            return f"map<string,{GLUE_TYPES[values['type']]}>"
        raise ClickstackError(f"{CONTRACT_FILE}: {where}: expected a map of scalars, found {spec}")
    if kind == "string" and spec.get("format") in GLUE_FORMATS:
        return GLUE_FORMATS[spec["format"]]
    if kind not in GLUE_TYPES:
        raise ClickstackError(
            f"{CONTRACT_FILE}: {where}: expected one of {sorted(GLUE_TYPES)} (or with null), "
            f"found type {spec.get('type')!r}"
        )
    return GLUE_TYPES[kind]


def _definition(name: str) -> dict[str, Any]:
    try:
        definition: dict[str, Any] = contract()["$defs"][name]
    except KeyError:
        raise ClickstackError(
            f"{CONTRACT_FILE}: $defs.{name}: expected a definition, found none"
        ) from None
    return definition


def _columns(properties: dict[str, Any], where: str) -> list[dict[str, str]]:
    return [
        {
            "name": name,
            "type": _glue_type(spec, f"{where}.{name}"),
            "comment": spec.get("description", ""),
        }
        for name, spec in properties.items()
        if name not in PARQUET_PARTITION_KEYS
    ]


def raw_table_columns() -> list[dict[str, str]]:
    """Glue columns of the raw events table: envelope fields plus the event as a struct."""
    fields = contract()["properties"]
    event_struct = ",".join(
        f"{name}:{_glue_type(spec, f'properties.{name}')}" for name, spec in fields.items()
    )
    columns = [{"name": n, "type": t, "comment": c} for n, t, c in ENVELOPE_COLUMNS]
    columns.append({"name": "event", "type": f"struct<{event_struct}>", "comment": "Client event."})
    return columns


def transformed_raw_table_columns() -> list[dict[str, str]]:
    """Glue columns of the raw table when Firehose runs lambda/firehose_transform: one
    normalised event per line ($defs/normalised_event; rejected_event lines of a partly bad
    batch read with these columns empty, and the Glue job quarantines them). The event's own
    dt/hr (event time) are left out: the table's dt/hr partitions are Firehose arrival time."""
    columns = _columns(_definition("normalised_event")["properties"], "$defs.normalised_event")
    return [c for c in columns if c["name"] not in RAW_PARTITION_KEYS]


def curated_table_columns() -> list[dict[str, str]]:
    """Curated events (Parquet): the normalised event's fields, then the curated additions."""
    columns = _columns(_definition("normalised_event")["properties"], "$defs.normalised_event")
    columns += _columns(_definition("curated_event")["properties"], "$defs.curated_event")
    return columns


def sessions_table_columns() -> list[dict[str, str]]:
    return _columns(_definition("session")["properties"], "$defs.session")


def processing_errors_table_columns() -> list[dict[str, str]]:
    return _columns(_definition("processing_error")["properties"], "$defs.processing_error")


# The curated zone's layout: Glue table name -> (key prefix in the curated bucket, description,
# columns). The Glue job writes these folders and the catalog module creates these tables.
def curated_tables() -> dict[str, dict[str, Any]]:
    return {
        "curated_events": {
            "prefix": "events",
            "description": "Valid, de-duplicated events with their session_key (Parquet, by dt).",
            "columns": curated_table_columns(),
        },
        "sessions": {
            "prefix": "sessions",
            "description": "One row per session, 30-minute inactivity gap (Parquet, by dt).",
            "columns": sessions_table_columns(),
        },
        "processing_errors": {
            "prefix": "errors",
            "description": "Raw-zone lines the Glue job could not use, with why (Parquet, by dt).",
            "columns": processing_errors_table_columns(),
        },
    }

"""The event contract (contracts/clickstream-event.schema.json) is the single source of the
event shape: the API request model and the Glue raw-table columns are derived from it here, so
neither is typed twice.

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
    if kind == "object":
        values = spec.get("additionalProperties")
        if isinstance(values, dict) and values.get("type") in GLUE_TYPES:
            return f"map<string,{GLUE_TYPES[values['type']]}>"
        raise ClickstackError(f"{CONTRACT_FILE}: {where}: expected a map of scalars, found {spec}")
    if kind not in GLUE_TYPES:
        raise ClickstackError(f"{CONTRACT_FILE}: {where}: no Glue type for {kind!r}")
    return GLUE_TYPES[kind]


def raw_table_columns() -> list[dict[str, str]]:
    """Glue columns of the raw events table: envelope fields plus the event as a struct."""
    fields = contract()["properties"]
    event_struct = ",".join(
        f"{name}:{_glue_type(spec, f'properties.{name}')}" for name, spec in fields.items()
    )
    columns = [{"name": n, "type": t, "comment": c} for n, t, c in ENVELOPE_COLUMNS]
    columns.append({"name": "event", "type": f"struct<{event_struct}>", "comment": "Client event."})
    return columns

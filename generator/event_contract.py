"""The clickstream event shape, defined once; the API request model and the Glue raw-table
columns are derived from it so they cannot disagree.

Raw records are "collector envelopes": API Gateway wraps each client event with facts the
client cannot forge (receive time, source IP, user agent, request id).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_EVENTS_PER_REQUEST = 500  # Kinesis PutRecords takes at most 500 records per call


@dataclass(frozen=True)
class EventField:
    name: str
    json_type: str  # "string" | "integer" | "map"
    required: bool = False
    max_length: int | None = None
    description: str = ""

    @property
    def glue_type(self) -> str:
        return {"string": "string", "integer": "bigint", "map": "map<string,string>"}[
            self.json_type
        ]


EVENT_FIELDS: tuple[EventField, ...] = (
    EventField("event_id", "string", True, 64, "Client-generated unique id (dedup key)."),
    EventField("event_type", "string", True, 64, "page_view, click, ..."),
    EventField("timestamp", "integer", True, None, "Client time, epoch milliseconds."),
    EventField("app_id", "string", False, 128, "Application that sent the event."),
    EventField("user_id", "string", True, 128, "User id; the Kinesis partition key."),
    EventField("session_id", "string", False, 128, "Client session id."),
    EventField("page_url", "string", False, 2048, "Page URL."),
    EventField("page_title", "string", False, 512, "Page title."),
    EventField("referrer", "string", False, 2048, "Referrer URL."),
    EventField("properties", "map", False, None, "Free-form string properties."),
)

ENVELOPE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("envelope_version", "int", "Collector envelope format version."),
    ("received_at", "bigint", "API Gateway receive time, epoch milliseconds."),
    ("source_ip", "string", "Client IP as seen by API Gateway."),
    ("user_agent", "string", "User-Agent header as seen by API Gateway."),
    ("request_id", "string", "API Gateway request id."),
)

MAX_PROPERTIES = 50
MAX_PROPERTY_VALUE_LENGTH = 1024


def _event_json_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for field in EVENT_FIELDS:
        if field.json_type == "map":
            properties[field.name] = {
                "type": "object",
                "maxProperties": MAX_PROPERTIES,
                "additionalProperties": {"type": "string", "maxLength": MAX_PROPERTY_VALUE_LENGTH},
            }
        elif field.json_type == "integer":
            properties[field.name] = {"type": "integer", "minimum": 0}
        else:
            spec: dict[str, Any] = {"type": "string", "minLength": 1 if field.required else 0}
            if field.max_length:
                spec["maxLength"] = field.max_length
            properties[field.name] = spec
    return {
        "type": "object",
        "required": [f.name for f in EVENT_FIELDS if f.required],
        "properties": properties,
    }


def request_model_schema() -> dict[str, Any]:
    """JSON Schema draft-04 (what API Gateway models accept) for a POST /collect body."""
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": "CollectRequest",
        "type": "array",
        "minItems": 1,
        "maxItems": MAX_EVENTS_PER_REQUEST,
        "items": _event_json_schema(),
    }


def raw_table_columns() -> list[dict[str, str]]:
    """Glue columns of the raw events table (envelope fields plus the event as a struct)."""
    event_struct = ",".join(f"{f.name}:{f.glue_type}" for f in EVENT_FIELDS)
    columns = [{"name": n, "type": t, "comment": c} for n, t, c in ENVELOPE_COLUMNS]
    columns.append({"name": "event", "type": f"struct<{event_struct}>", "comment": "Client event."})
    return columns

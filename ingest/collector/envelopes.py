"""Client requests -> Kinesis records carrying the collector envelope, as the API's mapping
templates build them (terraform/modules/ingest_api/templates/put_records.vtl and
put_record_sdk.vtl), after the checks API Gateway makes first.

Web (POST /collect): the body must be what the API's request model admits - a JSON array of 1 to
500 events, each obeying the contract - or the whole request is refused, as API Gateway's body
validator refuses it. Each event becomes one record keyed by its user_id, whose data is
{"envelope_version": 1, "received_at", "source_ip", "user_agent", "request_id", "event"} in that
order, the event re-serialised as received.

SDK (POST /collect/sdk): appId is required (the API's parameter validator); the body is kept
verbatim as one "sdk" envelope keyed by the request id, exactly as the API stores it, so the
firehose_transform decodes it the same way. The API cannot look into the body; the collector can,
so a body the transform could not decode at all (bad base64 or gzip, not a JSON array, empty) is
refused here with the transform's own reason instead of landing in the error output. Events inside
a decodable body are judged by the transform, one by one, as for the API.

The checks are the shared library's (clickstack_events): the contract validator, `describe` for
messages, the SDK body decoder and the Kinesis record limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from clickstack_events import MAX_RECORD_BYTES, SdkBodyError
from clickstack_events.contract import SCHEMA
from clickstack_events.envelope import ENVELOPE_VERSION
from clickstack_events.sdk import decode_body
from clickstack_events.validator import Validator, describe

from .kinesis import Record

MAX_EVENTS_PER_REQUEST = 500  # the request model's maxItems (generator.event_contract)
SDK_QUERY = ("appId", "compression", "upload_timestamp")  # what the SDK template copies

# The contract's validator with an empty root: errors read ".timestamp: expected ...", and the
# collector prefixes the event's place in the body ("body[3].timestamp: expected ...").
_EVENT = Validator(SCHEMA, root="")
# The API's request model is draft-04, where only a number written without fraction or exponent
# is an integer; the contract validator follows 2020-12, where 1.0 is one too. The edge refuses
# what the API refuses, so an envelope never carries a float where the API path carries an int.
# (The contract's integers are all top-level fields; tests/ingest checks that.)
INTEGER_FIELDS = tuple(
    name for name, spec in SCHEMA["properties"].items() if spec.get("type") == "integer"
)


@dataclass(frozen=True, slots=True)
class Origin:
    """What the collector knows of a request that its client cannot forge (the envelope's head)."""

    received_at: int  # epoch ms
    source_ip: str
    user_agent: str
    request_id: str

    def head(self) -> dict[str, Any]:
        return {
            "envelope_version": ENVELOPE_VERSION,
            "received_at": self.received_at,
            "source_ip": self.source_ip,
            "user_agent": self.user_agent,
            "request_id": self.request_id,
        }


class Refused(Exception):
    """A request the collector will not write: HTTP status, message, and what is wrong."""

    def __init__(self, status: int, message: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.message = message
        self.reason = reason


def _bad_body(reason: str) -> Refused:
    return Refused(400, "Invalid request body", reason)


def _fits(record: Record, where: str) -> Record:
    if record.size > MAX_RECORD_BYTES:
        raise Refused(
            413,
            "Request Too Long",
            f"{where}: expected at most {MAX_RECORD_BYTES} bytes in its Kinesis record "
            f"(envelope and partition key), found {record.size}",
        )
    return record


def _draft4_integers(event: dict[str, Any]) -> str | None:
    for name in INTEGER_FIELDS:
        value = event.get(name)
        if value.__class__ is float:
            return f".{name}: expected integer, found {describe(value)}"
    return None


def web_records(body: bytes, origin: Origin) -> list[Record]:
    """The records of a POST /collect body; raises Refused (400, or 413 for an event too big
    for one Kinesis record)."""
    try:
        events = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise _bad_body(f"body: expected JSON, found invalid JSON ({exc})") from None
    if not isinstance(events, list):
        raise _bad_body(f"body: expected array of events, found {describe(events)}")
    if not events:
        raise _bad_body("body: expected at least 1 event, found an empty array")
    if len(events) > MAX_EVENTS_PER_REQUEST:
        raise _bad_body(
            f"body: expected at most {MAX_EVENTS_PER_REQUEST} events, found {len(events)}"
        )
    for index, event in enumerate(events):
        error = _EVENT.error(event) or _draft4_integers(event)
        if error is not None:
            raise _bad_body(f"body[{index}]{error}")
    # '{"envelope_version":1,...,"request_id":"..."' + ',"event":' + event + '}', like the VTL
    head = orjson.dumps(origin.head())[:-1] + b',"event":'
    return [
        _fits(Record(head + orjson.dumps(event) + b"}", event["user_id"]), f"body[{index}]")
        for index, event in enumerate(events)
    ]


def sdk_record(body: bytes, query: Mapping[str, str], origin: Origin) -> tuple[Record, int]:
    """The one record of a POST /collect/sdk request and its number of SDK events; raises
    Refused (400, or 413 when the request does not fit one Kinesis record)."""
    if not query.get("appId"):
        raise Refused(
            400,
            "Missing required request parameters: [appId]",
            "query.appId: required parameter missing",
        )
    try:
        text = body.decode()
    except UnicodeDecodeError as exc:
        raise _bad_body(
            f"sdk.body: expected UTF-8 text, found invalid UTF-8 at byte {exc.start}"
        ) from None
    # the template renders an absent parameter as "" ($!input.params(...))
    sdk = {"query": {name: query.get(name, "") for name in SDK_QUERY}, "body": text}
    try:
        _, events = decode_body(sdk)
    except SdkBodyError as exc:
        raise _bad_body(exc.reason) from None
    record = Record(orjson.dumps({**origin.head(), "sdk": sdk}), origin.request_id)
    return _fits(record, "request"), len(events)

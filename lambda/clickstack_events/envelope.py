"""Decoding the collector envelope API Gateway writes to Kinesis (one record per request item)."""

from __future__ import annotations

from typing import Any

import orjson

from clickstack_events.errors import (
    EnvelopeFieldError,
    EnvelopeVersionError,
    InvalidJsonError,
    NotAnObjectError,
    OversizeRecordError,
)
from clickstack_events.validator import describe

ENVELOPE_VERSION = 1
MAX_RECORD_BYTES = 1024 * 1024  # a Kinesis record is at most 1 MiB
# field -> (expected type, name used in messages); bool is excluded from int below.
ENVELOPE_FIELDS: tuple[tuple[str, type, str], ...] = (
    ("received_at", int, "integer"),
    ("source_ip", str, "string"),
    ("user_agent", str, "string"),
    ("request_id", str, "string"),
)


def decode_envelope(data: bytes, max_bytes: int = MAX_RECORD_BYTES) -> dict[str, Any]:
    """Parse and check one envelope; raises a RecordError subclass with the reason.

    A web envelope carries "event" (an object, checked against the contract later); an SDK
    envelope carries "sdk" ({"query": {...}, "body": "..."}). Exactly one of them.
    """
    if len(data) > max_bytes:
        raise OversizeRecordError(f"record: expected at most {max_bytes} bytes, found {len(data)}")
    try:
        envelope = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InvalidJsonError(f"record: expected JSON, found invalid JSON ({exc})") from None
    if envelope.__class__ is dict:  # the common case first, in one test of exact types
        get = envelope.get
        version = get("envelope_version")
        event = get("event")
        if (
            version.__class__ is int
            and version == ENVELOPE_VERSION
            and get("received_at").__class__ is int
            and get("source_ip").__class__ is str
            and get("user_agent").__class__ is str
            and get("request_id").__class__ is str
            and (
                (event.__class__ is dict and "sdk" not in envelope)
                or (event is None and "event" not in envelope and get("sdk").__class__ is dict)
            )
        ):
            return envelope
    # not that (an error, or merely an int subclass or version 1.0): the full checks, in order
    if not isinstance(envelope, dict):
        raise NotAnObjectError(f"envelope: expected object, found {describe(envelope)}")
    version = envelope.get("envelope_version")
    if version is None:
        raise EnvelopeFieldError("envelope.envelope_version: required field missing")
    if version != ENVELOPE_VERSION or isinstance(version, bool):
        raise EnvelopeVersionError(
            f"envelope.envelope_version: expected {ENVELOPE_VERSION}, found {describe(version)}"
        )
    for name, kind, kind_name in ENVELOPE_FIELDS:
        value = envelope.get(name)
        if value is None:
            raise EnvelopeFieldError(f"envelope.{name}: required field missing")
        if not isinstance(value, kind) or isinstance(value, bool):
            raise EnvelopeFieldError(
                f"envelope.{name}: expected {kind_name}, found {describe(value)}"
            )
    has_event = "event" in envelope
    has_sdk = "sdk" in envelope
    if has_event == has_sdk:
        found = "both" if has_event else "neither"
        raise EnvelopeFieldError(f"envelope: expected exactly one of event, sdk, found {found}")
    payload_name = "event" if has_event else "sdk"
    payload = envelope[payload_name]
    if not isinstance(payload, dict):
        raise EnvelopeFieldError(
            f"envelope.{payload_name}: expected object, found {describe(payload)}"
        )
    return envelope

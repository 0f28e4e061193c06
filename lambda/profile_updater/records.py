"""Kinesis event-source records -> normalised events, or the reason a record is unusable.

Decoding and validation are the shared library's (decode_envelope + normalise); this module only
unwraps the Kinesis record around them. A record that cannot become events is not retryable:
retrying never fixes it, so the caller logs and counts it instead of reporting it as failed.
"""

from __future__ import annotations

import binascii
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pybase64
from clickstack_events import NormalisedEvent, RecordError, Rejected, decode_envelope, normalise

from profile_updater.config import Config


@dataclass(slots=True)
class ParsedRecord:
    """One Kinesis record: its sequence number, its good events and why anything was rejected."""

    sequence_number: str
    event_id: str  # the event source's id ("shardId-...:<sequence>"), for logs
    events: list[NormalisedEvent] = field(default_factory=list)
    # the whole record was unusable: (error kind, reason)
    error: tuple[str, str] | None = None
    # events of an SDK record that broke the contract while others were fine
    rejected_events: list[str] = field(default_factory=list)


def record_bytes(record: Mapping[str, Any]) -> bytes:
    """The payload of a Kinesis event-source record; raises RecordError when there is none."""
    kinesis = record.get("kinesis")
    encoded = kinesis.get("data") if isinstance(kinesis, Mapping) else None
    if not isinstance(encoded, str):
        raise RecordError("kinesis.data: expected base64 string, found none")
    try:
        return pybase64.b64decode(encoded, validate=True)  # stdlib's, with SIMD
    except (binascii.Error, ValueError) as exc:
        raise RecordError(f"kinesis.data: expected base64, found invalid base64 ({exc})") from None


def sequence_number_of(record: Mapping[str, Any]) -> str:
    kinesis = record.get("kinesis")
    sequence = kinesis.get("sequenceNumber") if isinstance(kinesis, Mapping) else None
    return sequence if isinstance(sequence, str) else ""


def parse_record(record: Mapping[str, Any], config: Config) -> ParsedRecord:
    """Never raises for bad data: the verdict is in .error / .rejected_events."""
    source_id = record.get("eventID")
    parsed = ParsedRecord(
        sequence_number=sequence_number_of(record),
        event_id=source_id if isinstance(source_id, str) else "",
    )
    try:
        envelope = decode_envelope(record_bytes(record), config.max_record_bytes)
        results = normalise(envelope, skew_tolerance_ms=config.clock_skew_tolerance_ms)
    except RecordError as exc:
        parsed.error = (exc.kind, exc.reason)
        return parsed
    for result in results:
        if isinstance(result, Rejected):
            parsed.rejected_events.append(result.reason)
        else:
            parsed.events.append(result)
    if not parsed.events:
        reasons = parsed.rejected_events
        more = f" (and {len(reasons) - 5} more)" if len(reasons) > 5 else ""
        summary = "; ".join(reasons[:5]) + more
        parsed.error = ("invalid_event", summary)
        parsed.rejected_events = []
    return parsed

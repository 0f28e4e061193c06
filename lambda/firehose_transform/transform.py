"""The transformation itself, as plain functions the handler and the tests call.

Result per input record (every recordId comes back exactly once, in order; never "Dropped"):
- "Ok": data = the normalised events as newline-terminated JSON lines. An SDK record may expand
  to several lines; when only SOME events of an SDK batch break the contract, the good ones are
  kept and each bad one becomes a line {"rejected": true, "reason", "raw", "received_at",
  "request_id"} ($defs/rejected_event) in the same object, so nothing is dropped and the good
  events are not held hostage; readers route rejected lines to quarantine.
- "ProcessingFailed": bad base64, bad envelope, undecodable SDK body, or every event bad.
  data = the ORIGINAL record bytes unchanged: Firehose writes failed records under the error
  prefix (processing-failed/) with rawData, so they stay replayable as they arrived. Firehose
  defines no metadata field for a reason (only partitionKeys, for dynamic partitioning), so the
  reason is logged: one JSON line per rejected record (and per rejected event) with recordId.
"""

from __future__ import annotations

import binascii
import logging
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

import orjson
import pybase64
from clickstack_events import RecordError, Rejected, decode_envelope, normalise

from firehose_transform.config import Config

LOG = logging.getLogger("firehose_transform")
NEWLINE = orjson.OPT_APPEND_NEWLINE  # "<json>\n" without copying the bytes to append it


class OutputRecord(TypedDict):
    recordId: str
    result: str
    data: str


def _log_rejection(record_id: str, reason: str, **extra: Any) -> None:
    LOG.warning(
        orjson.dumps(
            {"message": "rejected", "recordId": record_id, "reason": reason, **extra}
        ).decode()
    )


def _rejected_line(item: Rejected, envelope: Mapping[str, Any]) -> bytes:
    raw = orjson.dumps(item.raw, option=orjson.OPT_NON_STR_KEYS).decode()
    return (
        orjson.dumps(
            {
                "rejected": True,
                "reason": item.reason,
                "raw": raw,
                "received_at": envelope["received_at"],
                "request_id": envelope["request_id"],
            }
        )
        + b"\n"
    )


def transform_data(data: bytes, config: Config) -> tuple[bytes, list[str]]:
    """One decoded record -> (newline-delimited output, reasons of rejected events).

    Raises RecordError when the record as a whole is unusable.
    """
    envelope = decode_envelope(data, config.max_record_bytes)
    results = normalise(envelope, skew_tolerance_ms=config.clock_skew_tolerance_ms)
    if len(results) == 1:  # every web record, and one-event SDK requests
        only = results[0]
        if isinstance(only, Rejected):
            raise RecordError(only.reason)
        return orjson.dumps(only, option=NEWLINE), []
    good = [r for r in results if not isinstance(r, Rejected)]
    rejected = [r for r in results if isinstance(r, Rejected)]
    if not good:
        reasons = "; ".join(r.reason for r in rejected[:5])
        more = f" (and {len(rejected) - 5} more)" if len(rejected) > 5 else ""
        raise RecordError(reasons + more)
    if not rejected:
        return b"".join([orjson.dumps(event, option=NEWLINE) for event in good]), []
    lines = [
        _rejected_line(r, envelope) if isinstance(r, Rejected) else orjson.dumps(r, option=NEWLINE)
        for r in results
    ]
    return b"".join(lines), [r.reason for r in rejected]


def transform_record(record: Mapping[str, Any], config: Config) -> OutputRecord:
    """One Firehose input record -> its output record (logs the reason of any rejection)."""
    record_id = record["recordId"]
    encoded = record.get("data")
    try:
        if not isinstance(encoded, str):
            raise RecordError("record.data: expected base64 string, found none")
        try:
            # base64.b64decode(encoded, validate=True) with SIMD: 4x faster on a 600-byte record
            data = pybase64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError) as exc:
            reason = f"record.data: expected base64, found invalid base64 ({exc})"
            raise RecordError(reason) from None
        output, event_reasons = transform_data(data, config)
    except RecordError as exc:
        _log_rejection(record_id, exc.reason, kind=type(exc).__name__)
        return {
            "recordId": record_id,
            "result": "ProcessingFailed",
            "data": encoded if isinstance(encoded, str) else "",
        }
    for reason in event_reasons:
        _log_rejection(record_id, reason, kind="RejectedEvent")
    encoded = pybase64.b64encode_as_string(output)  # = base64.b64encode(output).decode()
    return {"recordId": record_id, "result": "Ok", "data": encoded}


def transform_records(records: Iterable[Mapping[str, Any]], config: Config) -> list[OutputRecord]:
    """Every input record, in order, exactly once."""
    return [transform_record(record, config) for record in records]

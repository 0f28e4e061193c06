"""The Firehose transformation Lambda end to end (handler -> output records)."""

from __future__ import annotations

import base64
import logging
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import orjson
import pytest
from clickstack_events import SCHEMA
from firehose_samples import (
    GOOGLEBOT,
    RECEIVED_AT,
    envelope,
    record,
    sdk_envelope,
    sdk_event,
    web_event,
)
from firehose_transform.config import Config, ConfigError, load_config
from firehose_transform.handler import handler

LINE_SCHEMA = jsonschema.Draft202012Validator(
    {"oneOf": [SCHEMA["$defs"]["normalised_event"], SCHEMA["$defs"]["rejected_event"]]}
)


def run(*records: dict[str, Any]) -> list[dict[str, Any]]:
    output: list[dict[str, Any]] = handler({"records": list(records)}, None)["records"]  # type: ignore[assignment]
    return output


def lines_of(output: dict[str, Any]) -> list[dict[str, Any]]:
    """Decode an Ok record: newline-terminated JSON lines, each valid per the contract."""
    data = base64.b64decode(output["data"])
    assert data.endswith(b"\n")
    parsed = [orjson.loads(line) for line in data[:-1].split(b"\n")]
    for line in parsed:
        LINE_SCHEMA.validate(line)
    return parsed


def test_good_record_becomes_one_normalised_line() -> None:
    [out] = run(record(envelope(), "r1"))
    assert out["recordId"] == "r1" and out["result"] == "Ok"
    [line] = lines_of(out)
    assert line["event_id"] == web_event()["event_id"]
    assert line["dt"] == "2023-11-14"


MALFORMED: list[tuple[str, dict[str, Any], str]] = [
    ("bad base64", {"recordId": "x", "data": "!!not-base64!!"}, "record.data: expected base64"),
    # a lenient decoder would read "{}" (valid JSON) and blame the envelope instead
    ("junk after base64", {"recordId": "x", "data": "e30=!"}, "record.data: expected base64"),
    ("bad JSON", record(b"{nope"), "record: expected JSON"),
    ("truncated JSON", record(orjson.dumps(envelope())[:-20]), "record: expected JSON"),
    ("JSON array", record([envelope()]), "envelope: expected object, found array"),
    (
        "oversized",
        record(orjson.dumps(envelope(web_event(page_title="t" * 512))) + b" " * (1024 * 1024)),
        "record: expected at most 1048576 bytes",
    ),
    (
        "wrong type",
        record(envelope(web_event(timestamp="12"))),
        "event.timestamp: expected integer, found string '12'",
    ),
    (
        "missing required",
        record(envelope({"event_id": "e", "event_type": "t", "user_id": "u"})),
        "event.timestamp: required field missing",
    ),
    ("unknown field", record(envelope(web_event(colour="red"))), "event.colour: unknown field"),
    ("envelope version", record(envelope(envelope_version=9)), "envelope.envelope_version"),
    ("no data", {"recordId": "x"}, "record.data: expected base64 string"),
]


@pytest.mark.parametrize(("case", "rec", "reason"), MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_record_fails_with_reason_logged(
    case: str, rec: dict[str, Any], reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    rec = {**rec, "recordId": f"bad-{case}"}
    with caplog.at_level(logging.WARNING, logger="firehose_transform"):
        [out] = run(rec)
    assert out["recordId"] == f"bad-{case}"
    assert out["result"] == "ProcessingFailed"
    assert out["data"] == rec.get("data", "")  # the original bytes, replayable from errors/
    logged = [orjson.loads(r.getMessage()) for r in caplog.records]
    assert len(logged) == 1
    assert logged[0]["recordId"] == f"bad-{case}"
    assert logged[0]["reason"].startswith(reason), logged[0]["reason"]


def test_every_record_id_back_once_in_order_never_dropped() -> None:
    records = []
    for i in range(60):
        if i % 7 == 3:
            records.append({"recordId": f"id-{i}", "data": "%%%"})
        elif i % 5 == 0:
            records.append(record(sdk_envelope([sdk_event(0), sdk_event(1)]), f"id-{i}"))
        else:
            records.append(record(envelope(web_event(event_id=f"e{i}")), f"id-{i}"))
    out = run(*records)
    assert [o["recordId"] for o in out] == [r["recordId"] for r in records]
    assert {o["result"] for o in out} == {"Ok", "ProcessingFailed"}
    for o in out:
        if o["result"] == "Ok":
            lines_of(o)


def test_bot_user_agent_flagged_in_output() -> None:
    [out] = run(record(envelope(user_agent=GOOGLEBOT)))
    [line] = lines_of(out)
    assert line["is_bot"] is True and line["device_type"] == "bot"


@pytest.mark.parametrize(("skew", "corrected"), [(11 * 60_000, True), (9 * 60_000, False)])
def test_clock_skew_in_output(skew: int, corrected: bool) -> None:
    [out] = run(record(envelope(web_event(timestamp=RECEIVED_AT - skew))))
    [line] = lines_of(out)
    assert line["clock_corrected"] is corrected
    assert line["event_time"] == (RECEIVED_AT if corrected else RECEIVED_AT - skew)


@pytest.mark.parametrize("gzip_body", [False, True])
def test_sdk_record_expands_to_lines(gzip_body: bool) -> None:
    env = sdk_envelope(
        [sdk_event(i) for i in range(4)], gzip_body=gzip_body, upload_timestamp=RECEIVED_AT - 100
    )
    [out] = run(record(env))
    assert out["result"] == "Ok"
    assert [line["event_id"] for line in lines_of(out)] == [f"sdk-evt-{i}" for i in range(4)]


def test_partially_bad_sdk_batch_keeps_good_and_writes_rejected_lines(
    caplog: pytest.LogCaptureFixture,
) -> None:
    events = [sdk_event(0), sdk_event(1, event_id=""), sdk_event(2)]
    with caplog.at_level(logging.WARNING, logger="firehose_transform"):
        [out] = run(record(sdk_envelope(events), "sdk-1"))
    assert out["result"] == "Ok"
    lines = lines_of(out)
    assert [line.get("rejected", False) for line in lines] == [False, True, False]
    rejected = lines[1]
    assert rejected["reason"].startswith("sdk event 1: event.event_id: expected at least 1")
    assert orjson.loads(rejected["raw"]) == events[1]
    assert rejected["request_id"] == sdk_envelope([])["request_id"]
    logged = [orjson.loads(r.getMessage()) for r in caplog.records]
    assert [(entry["recordId"], entry["kind"]) for entry in logged] == [("sdk-1", "RejectedEvent")]


def test_all_bad_sdk_batch_fails_whole_record() -> None:
    [out] = run(record(sdk_envelope([sdk_event(0, timestamp=None), "x"])))
    assert out["result"] == "ProcessingFailed"


def test_undecodable_sdk_body_fails_record() -> None:
    env = sdk_envelope([sdk_event(0)])
    env["sdk"]["body"] = "not json"
    [out] = run(record(env))
    assert out["result"] == "ProcessingFailed"


def test_config_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_config({}) == Config(600_000, 1_048_576, "INFO")
    assert load_config(
        {"CLOCK_SKEW_TOLERANCE_MS": "1000", "MAX_RECORD_BYTES": "10", "LOG_LEVEL": "debug"}
    ) == Config(1000, 10, "DEBUG")
    with pytest.raises(ConfigError, match="MAX_RECORD_BYTES: expected a positive integer"):
        load_config({"MAX_RECORD_BYTES": "-1"})
    with pytest.raises(ConfigError, match="LOG_LEVEL"):
        load_config({"LOG_LEVEL": "loud"})
    monkeypatch.setenv("MAX_RECORD_BYTES", "100")
    [out] = run(record(envelope()))
    assert out["result"] == "ProcessingFailed"


def test_empty_batch() -> None:
    assert handler({"records": []}, None) == {"records": []}

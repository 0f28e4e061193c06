"""Reading the raw zone and routing unusable rows to errors with a reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pyspark.sql import SparkSession

from glue.jobs.sessionize import (
    ERROR_COLUMNS,
    EVENT_COLUMNS,
    REASON_MALFORMED_JSON,
    REASON_MISSING_FIELD,
    REASON_REJECTED,
    REASON_WRONG_TYPE,
    RawInputMissingError,
    read_events,
    split_errors,
)
from tests.glue.events import BASE_MS, DT, event, write_raw


def _errors_by_line(spark: SparkSession, raw: Path) -> dict[str, dict[str, Any]]:
    split = split_errors(read_events(spark, str(raw), DT))
    assert tuple(split.errors.columns) == ERROR_COLUMNS
    return {r["raw_record"]: r.asDict() for r in split.errors.collect()}


def test_valid_event_is_read_with_types_and_partition_values(
    spark: SparkSession, tmp_path: Path
) -> None:
    write_raw(tmp_path, [event("e1", at_ms=3_600_000, properties={"k": "v"})], hr="01")

    split = split_errors(read_events(spark, str(tmp_path), DT))

    assert split.errors.count() == 0
    assert tuple(split.valid.columns) == EVENT_COLUMNS
    (row,) = split.valid.collect()
    assert row["event_time"] == BASE_MS + 3_600_000
    assert row["is_bot"] is False
    assert row["properties"] == {"k": "v"}
    assert (row["dt"], row["hr"]) == (DT, "01")


def test_gzip_files_and_several_hours_are_read(spark: SparkSession, tmp_path: Path) -> None:
    write_raw(tmp_path, [event("e1")], hr="00", gz=True)
    write_raw(tmp_path, [event("e2", at_ms=3_600_000)], hr="01")
    write_raw(tmp_path, [event("other-day")], dt="2025-12-31", hr="23")

    valid = split_errors(read_events(spark, str(tmp_path), DT)).valid

    assert sorted(r["event_id"] for r in valid.collect()) == ["e1", "e2"]


def test_missing_day_is_an_error_not_an_empty_result(spark: SparkSession, tmp_path: Path) -> None:
    write_raw(tmp_path, [event("e1")], dt="2025-12-31")

    with pytest.raises(RawInputMissingError, match=f"dt={DT}"):
        read_events(spark, str(tmp_path), DT)


@pytest.mark.parametrize(
    "line",
    ["not json", '{"event_id": "e9", "event_time":', "[1, 2]", '"just a string"'],
    ids=["text", "truncated", "array", "string"],
)
def test_malformed_lines_go_to_errors_verbatim(
    spark: SparkSession, tmp_path: Path, line: str
) -> None:
    source = write_raw(tmp_path, [event("ok"), line])

    errors = _errors_by_line(spark, tmp_path)

    assert list(errors) == [line]
    assert errors[line]["reason"] == REASON_MALFORMED_JSON
    assert errors[line]["source_file"].endswith(source.name)
    assert errors[line]["dt"] == DT


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("event_time", "1767225600000"),
        ("event_time", 1.5),
        ("is_bot", "yes"),
        ("clock_corrected", 1),
        ("properties", ["a", "b"]),
    ],
    ids=["time-as-string", "time-as-float", "bool-as-string", "bool-as-int", "props-as-list"],
)
def test_wrong_types_go_to_errors(
    spark: SparkSession, tmp_path: Path, field: str, value: object
) -> None:
    line = json.dumps({**event("bad"), field: value})
    write_raw(tmp_path, [event("ok"), line])

    split = split_errors(read_events(spark, str(tmp_path), DT))
    errors = {r["raw_record"]: r for r in split.errors.collect()}

    assert list(errors) == [line]
    assert errors[line]["reason"] == REASON_WRONG_TYPE
    assert errors[line]["event_id"] == "bad"  # Spark keeps the fields it could convert
    assert [r["event_id"] for r in split.valid.collect()] == ["ok"]


@pytest.mark.parametrize(
    ("overrides", "detail"),
    [
        ({"event_id": None}, "missing: event_id"),
        ({"user_id": "  "}, "missing: user_id"),
        ({"event_time": None}, "missing: event_time"),
        (
            {"event_id": "", "user_id": None, "event_time": None},
            "missing: event_id,user_id,event_time",
        ),
    ],
    ids=["event_id", "blank-user_id", "event_time", "all-three"],
)
def test_missing_required_fields_go_to_errors(
    spark: SparkSession, tmp_path: Path, overrides: dict[str, Any], detail: str
) -> None:
    bad = {**event("bad"), **overrides}
    write_raw(tmp_path, [event("ok"), bad])

    split = split_errors(read_events(spark, str(tmp_path), DT))
    (error,) = split.errors.collect()

    assert error["reason"] == REASON_MISSING_FIELD
    assert error["detail"] == detail
    assert json.loads(error["raw_record"])["page_path"] == "/bad"
    assert [r["event_id"] for r in split.valid.collect()] == ["ok"]


def test_rejected_event_lines_keep_the_transforms_reason_and_the_event(
    spark: SparkSession, tmp_path: Path
) -> None:
    """An SDK batch with one bad event: the transform wrote the good ones and a rejected line
    ($defs/rejected_event) for the bad one. The job quarantines that line with its reason."""
    sent = {"event_id": "sdk-2", "timestamp": 1}
    rejected = {
        "rejected": True,
        "reason": "sdk event 1: event.event_type: required field missing",
        "raw": json.dumps(sent),
        "received_at": BASE_MS,
        "request_id": "req-9",
    }
    write_raw(tmp_path, [event("ok"), rejected])

    split = split_errors(read_events(spark, str(tmp_path), DT))
    (error,) = split.errors.collect()

    assert error["reason"] == REASON_REJECTED
    assert error["detail"] == rejected["reason"]
    assert json.loads(error["raw_record"]) == sent
    assert [r["event_id"] for r in split.valid.collect()] == ["ok"]
    assert tuple(split.valid.columns) == EVENT_COLUMNS


def test_absent_key_counts_as_missing(spark: SparkSession, tmp_path: Path) -> None:
    line = {k: v for k, v in event("bad").items() if k != "user_id"}
    write_raw(tmp_path, [line])

    (error,) = split_errors(read_events(spark, str(tmp_path), DT)).errors.collect()

    assert (error["reason"], error["detail"]) == (REASON_MISSING_FIELD, "missing: user_id")


def test_every_row_is_valid_or_an_error(spark: SparkSession, tmp_path: Path) -> None:
    lines: list[dict[str, Any] | str] = [event(f"e{i}", at_ms=i) for i in range(5)]
    lines += ["garbage", json.dumps(event("t", event_time="x")), event("m", user_id=None), ""]
    write_raw(tmp_path, lines)

    parsed = read_events(spark, str(tmp_path), DT)
    split = split_errors(parsed)

    assert parsed.count() == 8  # the blank line is not a record
    assert (split.valid.count(), split.errors.count()) == (5, 3)

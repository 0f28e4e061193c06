"""Writing to Kinesis: failed records of a PutRecords response are retried (and only they), a
failure that outlasts the retries is a 503 with Retry-After, never a 200; batches keep to the
500-record / 5 MiB limits. The collector runs in this process, writing to the local AWS through
a PutRecords that fails what a test tells it to."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ingest.collector.kinesis import (
    MAX_BYTES_PER_CALL,
    KinesisWriter,
    PutRecords,
    Record,
    WriteError,
    batches,
)
from tests.ingest.conftest import moto_put_records, post_json, read_stream, request

# (call number from 1, index in the call, entry) -> an ErrorCode to fail the record with, or None
Failure = Callable[[int, int, dict[str, Any]], str | None]


class FaultyPutRecords:
    """Fails the records `failure` picks (they are not sent) and forwards the others."""

    def __init__(self, put_records: PutRecords, failure: Failure) -> None:
        self.put_records = put_records
        self.failure = failure
        self.calls: list[list[dict[str, Any]]] = []
        self.lock = threading.Lock()

    def __call__(self, entries: list[dict[str, Any]]) -> dict[str, Any]:
        with self.lock:
            self.calls.append(entries)
            call = len(self.calls)
        codes = [self.failure(call, index, entry) for index, entry in enumerate(entries)]
        passing = [entry for entry, code in zip(entries, codes, strict=True) if code is None]
        empty: dict[str, Any] = {"FailedRecordCount": 0, "Records": []}
        answer = self.put_records(passing) if passing else empty
        written = iter(answer["Records"])
        records = [
            {"ErrorCode": code, "ErrorMessage": "injected"} if code else next(written)
            for code in codes
        ]
        failed = sum(1 for code in codes if code) + answer["FailedRecordCount"]
        return {"FailedRecordCount": failed, "Records": records}


def events(count: int, **extra: Any) -> list[dict[str, Any]]:
    return [
        {
            "event_id": f"e-{i}",
            "event_type": "click",
            "timestamp": i,
            "user_id": f"u-{i % 3}",
            **extra,
        }
        for i in range(count)
    ]


def event_ids(entries: list[dict[str, Any]]) -> list[str]:
    return [json.loads(entry["Data"])["event"]["event_id"] for entry in entries]


def written_ids(kinesis: Any, stream: str) -> Counter[str]:
    return Counter(r.envelope()["event"]["event_id"] for r in read_stream(kinesis, stream))


def test_failed_records_are_retried_alone_until_written(
    in_process: Any, kinesis: Any, stream: str
) -> None:
    def first_call_fails_odd_records(call: int, index: int, entry: dict[str, Any]) -> str | None:
        return "ProvisionedThroughputExceededException" if call == 1 and index % 2 else None

    put = FaultyPutRecords(moto_put_records(kinesis, stream), first_call_fails_odd_records)
    collector = in_process(put)
    reply = post_json(collector.port, "/collect", events(6))
    assert (reply.status, reply.json()) == (200, {"accepted": 6, "failed": 0})
    assert [event_ids(call) for call in put.calls] == [
        ["e-0", "e-1", "e-2", "e-3", "e-4", "e-5"],
        ["e-1", "e-3", "e-5"],  # only the failed ones, in order
    ]
    assert written_ids(kinesis, stream) == Counter(f"e-{i}" for i in range(6))  # each once


def test_records_still_failing_after_the_retries_are_a_503_with_retry_after(
    in_process: Any, kinesis: Any, stream: str, caplog: pytest.LogCaptureFixture
) -> None:
    def e3_always_fails(call: int, index: int, entry: dict[str, Any]) -> str | None:
        return "InternalFailure" if b'"e-3"' in entry["Data"] else None

    put = FaultyPutRecords(moto_put_records(kinesis, stream), e3_always_fails)
    collector = in_process(put, put_retries=2, retry_after_s=7)
    reply = post_json(
        collector.port,
        "/collect",
        events(5),
        {"X-Amzn-Trace-Id": "Root=1-00000000-aaaaaaaaaaaaaaaaaaaaaaaa"},
    )
    assert reply.status == 503
    assert reply.headers["retry-after"] == "7"
    assert reply.json() == {
        "message": "The event stream did not accept the events; retry later.",
        "request_id": "1-00000000-aaaaaaaaaaaaaaaaaaaaaaaa",
    }
    assert len(put.calls) == 3  # the first call and 2 retries
    assert [event_ids(call) for call in put.calls[1:]] == [["e-3"], ["e-3"]]
    # the others are written (once): the client's retry of the batch duplicates them, and
    # consumers drop duplicates by event_id
    assert written_ids(kinesis, stream) == Counter(["e-0", "e-1", "e-2", "e-4"])
    [warning] = [r for r in caplog.records if r.getMessage() == "records not written"]
    assert warning.levelno == logging.WARNING
    assert getattr(warning, "fields", None) == {
        "request_id": "1-00000000-aaaaaaaaaaaaaaaaaaaaaaaa",
        "records": 5,
        "failed": 1,
        "written": 4,
        "reasons": {"InternalFailure": 1},
    }


def test_a_failed_call_is_a_503(in_process: Any) -> None:
    def put_records(entries: list[dict[str, Any]]) -> dict[str, Any]:
        error = {"Code": "ResourceNotFoundException", "Message": "Stream s not found."}
        raise ClientError({"Error": error}, "PutRecords")  # what botocore raises, after retrying

    collector = in_process(put_records)
    reply = post_json(collector.port, "/collect", events(2))
    assert reply.status == 503 and reply.headers["retry-after"] == "1"
    sdk = request(
        collector.port, "POST", "/collect/sdk?appId=a", "[{}]", {"Content-Type": "text/plain"}
    )
    assert sdk.status == 503


def test_an_sdk_record_that_keeps_failing_is_a_503(in_process: Any) -> None:
    put = FaultyPutRecords(lambda entries: {}, lambda call, index, entry: "KMSThrottlingException")
    collector = in_process(put, put_retries=1)
    reply = request(
        collector.port, "POST", "/collect/sdk?appId=a", "[{}]", {"Content-Type": "application/json"}
    )
    assert reply.status == 503
    assert len(put.calls) == 2


def test_health_checks_do_not_call_kinesis(in_process: Any) -> None:
    put = FaultyPutRecords(lambda entries: {}, lambda call, index, entry: "InternalFailure")
    collector = in_process(put)
    for _ in range(50):
        assert request(collector.port, "GET", "/health").status == 200
    assert put.calls == []


def test_a_large_batch_is_split_within_the_put_records_limits(
    in_process: Any, kinesis: Any, stream: str
) -> None:
    # 500 events of ~12.5 KB: more than the 5 MiB one call may carry
    batch = events(500, properties={f"p{i}": "v" * 1000 for i in range(12)})
    put = FaultyPutRecords(moto_put_records(kinesis, stream), lambda call, index, entry: None)
    collector = in_process(put)
    reply = post_json(collector.port, "/collect", batch)
    assert (reply.status, reply.json()) == (200, {"accepted": 500, "failed": 0})
    assert len(put.calls) == 2
    for call in put.calls:
        assert len(call) <= 500
        assert (
            sum(len(e["Data"]) + len(e["PartitionKey"].encode()) for e in call)
            <= MAX_BYTES_PER_CALL
        )
    assert [i for call in put.calls for i in event_ids(call)] == [f"e-{i}" for i in range(500)]
    assert written_ids(kinesis, stream) == Counter(f"e-{i}" for i in range(500))


# ----------------------------------------------------------------------------- units


def test_batches_keep_to_500_records_and_5_mib() -> None:
    small = [Record(b"x", "k")] * 1001
    assert [len(b) for b in batches(small)] == [500, 500, 1]
    big = [Record(b"x" * (1024 * 1024 - 1), "k")] * 11  # 1 MiB each with its key
    sizes = [sum(r.size for r in b) for b in batches(big)]
    assert [len(b) for b in batches(big)] == [5, 5, 1]
    assert max(sizes) <= MAX_BYTES_PER_CALL
    assert list(batches([])) == []


def test_backoff_is_full_jitter_capped_and_sleeps_between_retries() -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    failing = FaultyPutRecords(lambda entries: {}, lambda call, index, entry: "InternalFailure")
    writer = KinesisWriter(
        failing, max_workers=1, retries=5, backoff_base_s=0.1, backoff_max_s=0.5, sleep=sleep
    )
    with pytest.raises(WriteError) as error:
        asyncio.run(writer.write([Record(b"d", "k")]))
    writer.close()
    assert error.value.failed == 1 and error.value.reasons == Counter({"InternalFailure": 1})
    assert len(slept) == 5
    for retry, seconds in enumerate(slept, start=1):
        assert 0 <= seconds <= min(0.5, 0.1 * 2 ** (retry - 1))


def test_a_response_that_does_not_match_the_request_is_a_failure() -> None:
    writer = KinesisWriter(
        lambda entries: {"FailedRecordCount": 0, "Records": []},
        max_workers=1,
        retries=0,
        backoff_base_s=0.1,
        backoff_max_s=0.1,
    )
    with pytest.raises(WriteError, match="MalformedResponse"):
        asyncio.run(writer.write([Record(b"d", "k")]))
    writer.close()


def test_a_slow_stream_does_not_block_other_requests(in_process: Any) -> None:
    """PutRecords runs on worker threads: health answers while a write is in progress."""
    release = threading.Event()

    def slow(entries: list[dict[str, Any]]) -> dict[str, Any]:
        release.wait(10)
        return {"FailedRecordCount": 0, "Records": [{"SequenceNumber": "1"} for _ in entries]}

    collector = in_process(slow)
    replies: list[int] = []
    writer = threading.Thread(
        target=lambda: replies.append(post_json(collector.port, "/collect", events(1)).status)
    )
    writer.start()
    started = time.monotonic()
    assert request(collector.port, "GET", "/health").status == 200
    assert time.monotonic() - started < 2
    release.set()
    writer.join(10)
    assert replies == [200]

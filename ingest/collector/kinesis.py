"""Writing records to Kinesis with PutRecords: batches within the API's limits, and the failed
records of a response retried with backoff until they are written or the retries run out.

PutRecords answers 200 even when some records failed (ProvisionedThroughputExceeded,
InternalFailure, KMS throttling): each failed entry carries an ErrorCode. Only those are sent
again; records already written are not (a retry of the whole call would duplicate them). When
records still fail after the last retry, write() raises WriteError and the request is answered
503, so the client sends the batch again: delivery is at least once, and consumers drop the
duplicates by event_id.

The botocore client is synchronous; its calls run in a thread pool as large as its connection
pool, so the event loop never blocks on the network.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from clickstack_events import MAX_RECORD_BYTES

from .config import Config

MAX_RECORDS_PER_CALL = 500
MAX_BYTES_PER_CALL = 5 * 1024 * 1024  # data and partition keys of every record of a call

# entries ([{"Data": bytes, "PartitionKey": str}, ...]) -> the PutRecords response
PutRecords = Callable[[list[dict[str, Any]]], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Record:
    data: bytes
    partition_key: str

    @property
    def size(self) -> int:
        """What counts against Kinesis' limits: the data and the partition key (UTF-8)."""
        return len(self.data) + len(self.partition_key.encode())

    def entry(self) -> dict[str, Any]:
        return {"Data": self.data, "PartitionKey": self.partition_key}


def batches(records: Sequence[Record]) -> Iterator[list[Record]]:
    """The records, in order, in runs of at most 500 records and 5 MiB (each record must be at
    most MAX_RECORD_BYTES, which callers check before)."""
    batch: list[Record] = []
    size = 0
    for record in records:
        full = len(batch) == MAX_RECORDS_PER_CALL or size + record.size > MAX_BYTES_PER_CALL
        if batch and full:
            yield batch
            batch, size = [], 0
        batch.append(record)
        size += record.size
    if batch:
        yield batch


class WriteError(Exception):
    """Records were not written: how many, and why (error codes with counts, or the error)."""

    def __init__(self, failed: int, written: int, reasons: Counter[str]) -> None:
        summary = ", ".join(f"{code} x{count}" for code, count in reasons.most_common())
        super().__init__(f"{failed} records not written ({summary})")
        self.failed = failed
        self.written = written
        self.reasons = reasons


@dataclass(slots=True)
class WriteResult:
    records: int = 0
    calls: int = 0
    retried: int = 0  # records sent again after a partial failure
    reasons: Counter[str] = field(default_factory=Counter)  # error codes of the retried ones


class KinesisWriter:
    """Writes records with a PutRecords function (botocore's, or a stand-in in tests)."""

    def __init__(
        self,
        put_records: PutRecords,
        *,
        max_workers: int,
        retries: int,
        backoff_base_s: float,
        backoff_max_s: float,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._put_records = put_records
        self._executor = ThreadPoolExecutor(max_workers, thread_name_prefix="kinesis")
        self._retries = retries
        self._backoff_base_s = backoff_base_s
        self._backoff_max_s = backoff_max_s
        self._sleep = sleep

    def backoff_s(self, retry: int) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**(retry-1))] for retry 1, 2, ..."""
        ceiling = min(self._backoff_max_s, self._backoff_base_s * 2 ** (retry - 1))
        return random.uniform(0, ceiling)

    async def write(self, records: Sequence[Record]) -> WriteResult:
        """Write every record or raise WriteError (written ones stay written)."""
        result = WriteResult()
        loop = asyncio.get_running_loop()
        for batch in batches(records):
            pending = batch
            for attempt in range(self._retries + 1):
                if attempt:
                    await self._sleep(self.backoff_s(attempt))
                entries = [record.entry() for record in pending]
                result.calls += 1
                try:
                    response = await loop.run_in_executor(
                        self._executor, self._put_records, entries
                    )
                except Exception as exc:  # botocore gave up (it retried what it could)
                    code = getattr(exc, "response", {}).get("Error", {}).get("Code")
                    reason = Counter({str(code or type(exc).__name__): len(pending)})
                    raise WriteError(len(pending), result.records, reason) from exc
                answers = response.get("Records") or []
                if len(answers) != len(pending):
                    raise WriteError(
                        len(pending), result.records, Counter({"MalformedResponse": 1})
                    )
                failed = [r for r, a in zip(pending, answers, strict=True) if a.get("ErrorCode")]
                codes = Counter(str(a["ErrorCode"]) for a in answers if a.get("ErrorCode"))
                result.records += len(pending) - len(failed)
                if not failed:
                    break
                if attempt == self._retries:
                    raise WriteError(len(failed), result.records, codes)
                result.retried += len(failed)
                result.reasons.update(codes)
                pending = failed
        return result

    def close(self) -> None:
        self._executor.shutdown(wait=True)


def botocore_put_records(config: Config) -> PutRecords:
    """PutRecords on config.stream_name with a botocore client (credentials from the default
    chain: the ECS task role; AWS_ENDPOINT_URL and AWS_CA_BUNDLE are honoured)."""
    import botocore.config
    import botocore.session

    client = botocore.session.get_session().create_client(
        "kinesis",
        region_name=config.region,
        config=botocore.config.Config(
            max_pool_connections=config.kinesis_max_connections,
            # total_max_attempts counts the first call, as AWS_MAX_ATTEMPTS does
            retries={
                "mode": config.aws_retry_mode,
                "total_max_attempts": config.aws_max_attempts,
            },
            connect_timeout=2,
            read_timeout=10,
            tcp_keepalive=True,
        ),
    )
    stream = config.stream_name

    def put_records(entries: list[dict[str, Any]]) -> dict[str, Any]:
        response: dict[str, Any] = client.put_records(StreamName=stream, Records=entries)
        return response

    return put_records


__all__ = [
    "MAX_BYTES_PER_CALL",
    "MAX_RECORDS_PER_CALL",
    "MAX_RECORD_BYTES",
    "KinesisWriter",
    "PutRecords",
    "Record",
    "WriteError",
    "WriteResult",
    "batches",
    "botocore_put_records",
]

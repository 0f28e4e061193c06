"""A Kinesis batch -> Redis profiles + first-seen users, as plain functions tests call directly.

Order of work: parse every record (CPU only) while its events stream to Redis (each full chunk's
script call is written as soon as it is parsed; the replies are read once, after the last record:
one round trip), then upsert the batch's users to PostgreSQL in one statement.

Failures (ReportBatchItemFailures): Kinesis checkpoints below the lowest failed sequence number,
so a failure at record k reports records k..end, in order.
- A record that cannot be decoded or validated is NOT a failure (retrying never fixes it): one
  structured log line with its reason, counted in the batch summary (and its metric).
- Redis unreachable: every record from the first one carrying events fails. An error inside the
  script for one event: records from that event's record on fail; earlier events are applied.
- PostgreSQL unreachable or refusing, or its credentials' secret (DATABASE_SECRET_ARN)
  unreadable or malformed: every record from the first one carrying events fails (one statement
  for the batch). Users of records after a Redis failure are not upserted: they come back with
  the retry.
Retries are safe: Redis counts each event_id once (seen marker), the upsert keeps the earliest.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import orjson
import psycopg
from clickstack_events import NormalisedEvent
from redis.exceptions import RedisError

from profile_updater.config import Config
from profile_updater.db_secret import DatabaseSecretError
from profile_updater.profiles import ApplyResult
from profile_updater.records import ParsedRecord, parse_record

LOG = logging.getLogger("profile_updater")
METRICS_NAMESPACE = "clickstack/profile_updater"


class ProfilesSession(Protocol):
    def add(self, events: Sequence[NormalisedEvent], remaining: int | None = None) -> None: ...
    def finish(self) -> ApplyResult: ...
    def close(self) -> None: ...


class Profiles(Protocol):
    def begin(self) -> ProfilesSession: ...


class Users(Protocol):
    # raises psycopg.Error or DatabaseSecretError: the batch's records fail from the first one
    def upsert_first_seen(self, events: Sequence[NormalisedEvent]) -> int: ...


@dataclass(slots=True)
class BatchResult:
    failed_sequence_numbers: list[str] = field(default_factory=list)
    records: int = 0
    events: int = 0
    new_events: int = 0  # counted in Redis (first time this event_id was seen)
    duplicate_events: int = 0
    rejected_records: int = 0
    rejected_events: int = 0  # bad events inside otherwise good SDK records
    users_upserted: int = 0
    failed_records: int = 0
    errors: list[str] = field(default_factory=list)

    def response(self) -> dict[str, list[dict[str, str]]]:
        """The ReportBatchItemFailures answer."""
        return {"batchItemFailures": [{"itemIdentifier": s} for s in self.failed_sequence_numbers]}


def _log(level: int, message: str, **fields: Any) -> None:
    if LOG.isEnabledFor(level):
        LOG.log(level, orjson.dumps({"message": message, **fields}).decode())


def log_rejections(parsed: Sequence[ParsedRecord]) -> None:
    for rec in parsed:
        if rec.error is not None:
            kind, reason = rec.error
            _log(
                logging.WARNING,
                "rejected record",
                sequenceNumber=rec.sequence_number,
                eventID=rec.event_id,
                kind=kind,
                reason=reason,
            )
        for reason in rec.rejected_events:
            _log(
                logging.WARNING,
                "rejected event",
                sequenceNumber=rec.sequence_number,
                eventID=rec.event_id,
                kind="invalid_event",
                reason=reason,
            )


def log_summary(result: BatchResult) -> None:
    """One line per batch; also a CloudWatch embedded-metric document (metrics without calls)."""
    metrics = {
        "Records": result.records,
        "Events": result.events,
        "NewEvents": result.new_events,
        "DuplicateEvents": result.duplicate_events,
        "RejectedRecords": result.rejected_records,
        "RejectedEvents": result.rejected_events,
        "FailedRecords": result.failed_records,
    }
    level = logging.ERROR if result.failed_records else logging.INFO
    _log(
        level,
        "batch",
        _aws={
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [
                {
                    "Namespace": METRICS_NAMESPACE,
                    "Dimensions": [[]],
                    "Metrics": [{"Name": name, "Unit": "Count"} for name in metrics],
                }
            ],
        },
        **metrics,
        UsersUpserted=result.users_upserted,
        errors=result.errors,
    )


def process_batch(
    records: Sequence[Mapping[str, Any]], config: Config, profiles: Profiles, users: Users
) -> BatchResult:
    result = BatchResult(records=len(records))
    parsed: list[ParsedRecord] = []
    events: list[NormalisedEvent] = []
    owner: list[int] = []  # record index of each event
    applied = 0  # events applied to Redis, a prefix of `events`
    session = profiles.begin()
    try:
        # each record's events go to Redis as soon as it is parsed: Redis works while we parse
        last = len(records) - 1
        for index, record in enumerate(records):
            rec = parse_record(record, config)
            parsed.append(rec)
            if rec.events:
                events.extend(rec.events)
                owner.extend([index] * len(rec.events))
                session.add(rec.events, last - index)
        log_rejections(parsed)
        result.rejected_records = sum(1 for p in parsed if p.error is not None)
        result.rejected_events = sum(len(p.rejected_events) for p in parsed)
        result.events = len(events)
        try:
            outcome = session.finish()
        except RedisError as exc:
            result.errors.append(f"redis: {type(exc).__name__}: {exc}")
        else:
            result.new_events = sum(outcome.statuses)
            result.duplicate_events = len(outcome.statuses) - result.new_events
            applied = len(events) if outcome.failed_at is None else outcome.failed_at
            if outcome.failed_at is not None:
                result.errors.append(f"redis: event {outcome.failed_at}: {outcome.error}")
    finally:
        session.close()
    failed_from = len(parsed)  # first failed record index; len(parsed) = none
    if applied < len(events):
        failed_from = owner[applied]
        applied = owner.index(failed_from)  # whole records only: the failed one is retried

    if applied:
        try:
            result.users_upserted = users.upsert_first_seen(events[:applied])
        except (psycopg.Error, DatabaseSecretError) as exc:
            result.errors.append(f"postgres: {type(exc).__name__}: {str(exc).strip()}")
            failed_from = min(failed_from, owner[0])

    failed = parsed[failed_from:]
    result.failed_sequence_numbers = [p.sequence_number for p in failed]
    result.failed_records = len(failed)
    log_summary(result)
    return result

"""profile_updater against a real redis-server and PostgreSQL (started by conftest fixtures)."""

from __future__ import annotations

import base64
import logging
import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import orjson
import psycopg
import pytest
import redis
from firehose_samples import RECEIVED_AT, envelope, sdk_envelope, sdk_event, web_event
from profile_updater import handler as handler_module
from profile_updater.config import Config, ConfigError, load_config
from profile_updater.profiles import ProfileStore, make_client
from profile_updater.updater import BatchResult, process_batch
from profile_updater.users import UserStore, migrate
from servers import PostgresServer, RedisServer, free_port


def kinesis_record(payload: Any, seq: int) -> dict[str, Any]:
    """A Kinesis event-source record carrying `payload` (dict/list -> JSON, bytes as they are)."""
    data = payload if isinstance(payload, bytes) else orjson.dumps(payload)
    return {
        "kinesis": {
            "kinesisSchemaVersion": "1.0",
            "partitionKey": "user",
            "sequenceNumber": f"{seq:056d}",
            "data": base64.b64encode(data).decode(),
            "approximateArrivalTimestamp": RECEIVED_AT / 1000,
        },
        "eventSource": "aws:kinesis",
        "eventVersion": "1.0",
        "eventID": f"shardId-000000000000:{seq:056d}",
        "eventName": "aws:kinesis:record",
        "awsRegion": "eu-west-1",
    }


def web(seq: int, *, offset_ms: int = 0, **fields: Any) -> dict[str, Any]:
    """A Kinesis record of one web event at RECEIVED_AT - 60 s + offset_ms (None: field absent)."""
    event = web_event(event_id=f"evt-{seq}", timestamp=RECEIVED_AT - 60_000 + offset_ms)
    event.update(fields)
    event = {name: value for name, value in event.items() if value is not None}
    return kinesis_record(envelope(event), seq)


def seq(n: int) -> str:
    return f"{n:056d}"


@pytest.fixture
def config(redis_server: RedisServer, postgres_server: PostgresServer) -> Config:
    """A fresh key prefix per test; the users table emptied."""
    environ = {"REDIS_URL": redis_server.url, "KEY_PREFIX": f"t{uuid.uuid4().hex[:12]}"}
    cfg = load_config({**environ, **postgres_server.environ()})
    with psycopg.connect(**pg_args(cfg), autocommit=True) as conn:
        migrate(conn)
        conn.execute("TRUNCATE users")
    return cfg


def pg_args(cfg: Config) -> dict[str, Any]:
    return {
        "host": cfg.pg_host,
        "port": cfg.pg_port,
        "dbname": cfg.pg_database,
        "user": cfg.pg_user,
    }


@pytest.fixture
def r(config: Config) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(config.redis_url, decode_responses=True)
    yield client
    client.close()


class Stores:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.profiles = ProfileStore(make_client(config), config)
        self.users = UserStore(config)

    def run(self, *records: dict[str, Any]) -> BatchResult:
        return process_batch(list(records), self.config, self.profiles, self.users)

    def close(self) -> None:
        self.users.close()
        self.profiles.client.close()


@pytest.fixture
def stores(config: Config) -> Iterator[Stores]:
    s = Stores(config)
    yield s
    s.close()


def users_rows(cfg: Config) -> dict[str, tuple[Any, ...]]:
    with psycopg.connect(**pg_args(cfg)) as conn:
        rows = conn.execute(
            "SELECT user_id, (extract(epoch FROM first_seen) * 1000)::bigint, first_app_id,"
            " first_event_id, first_country, first_device_type, created_at IS NOT NULL"
            " FROM users ORDER BY user_id"
        ).fetchall()
    return {row[0]: row[1:] for row in rows}


def key(cfg: Config, *parts: str) -> str:
    return ":".join((cfg.key_prefix, *parts))


def test_counters_and_last_seen_across_batches(
    stores: Stores, config: Config, r: redis.Redis
) -> None:
    first = stores.run(
        web(1, event_type="page_view"),
        web(2, offset_ms=1_000, event_type="click"),
        web(3, offset_ms=2_000, event_type="page_view", page_url="https://s.example/a?x=1"),
    )
    assert first.response() == {"batchItemFailures": []}
    assert (first.events, first.new_events, first.duplicate_events) == (3, 3, 0)
    second = stores.run(
        web(4, offset_ms=5_000, event_type="click"),
        web(5, offset_ms=6_000, event_type="add_to_cart", page_url=None),
    )
    assert second.failed_sequence_numbers == []
    assert r.hgetall(key(config, "user", "user-42", "counts")) == {
        "page_view": "2",
        "click": "2",
        "add_to_cart": "1",
    }
    profile = r.hgetall(key(config, "user", "user-42"))
    assert profile["last_seen"] == str(RECEIVED_AT - 60_000 + 6_000)
    assert profile["last_event_type"] == "add_to_cart"
    # the last event had no page: the last page seen stays (path only, no query string)
    assert profile["last_page"] == "/products/shoes"
    assert profile["last_page_at"] == str(RECEIVED_AT - 60_000 + 5_000)


def test_out_of_order_events_never_move_last_seen_back(
    stores: Stores, config: Config, r: redis.Redis
) -> None:
    stores.run(
        web(1, offset_ms=10_000, event_type="purchase", page_url="https://s.example/done"),
        web(2, offset_ms=0, event_type="page_view", page_url="https://s.example/old"),
    )
    stores.run(web(3, offset_ms=-30_000, event_type="scroll"))
    profile = r.hgetall(key(config, "user", "user-42"))
    assert profile["last_seen"] == str(RECEIVED_AT - 60_000 + 10_000)
    assert profile["last_event_type"] == "purchase"
    assert profile["last_page"] == "/done"
    counts = r.hgetall(key(config, "user", "user-42", "counts"))
    assert counts == {"purchase": "1", "page_view": "1", "scroll": "1"}  # late events still count


def test_retried_batch_is_not_double_counted(
    stores: Stores, config: Config, r: redis.Redis
) -> None:
    batch = [
        web(1, user_id="u1"),
        web(2, user_id="u2", offset_ms=1),
        web(3, user_id="u1", offset_ms=2, event_type="click"),
        web(2, user_id="u2", offset_ms=1),  # the same event twice in one batch
    ]
    first = stores.run(*batch)
    assert (first.new_events, first.duplicate_events) == (3, 1)
    retry = stores.run(*batch)
    assert retry.failed_sequence_numbers == []
    assert (retry.new_events, retry.duplicate_events) == (0, 4)
    assert r.hgetall(key(config, "user", "u1", "counts")) == {"page_view": "1", "click": "1"}
    assert r.hgetall(key(config, "user", "u2", "counts")) == {"page_view": "1"}
    assert sorted(users_rows(config)) == ["u1", "u2"]
    ttl = r.ttl(key(config, "seen", "evt-1"))
    assert 0 < ttl <= config.dedup_ttl_seconds


def test_session_has_ttl_and_follows_the_newest_session(
    stores: Stores, config: Config, r: redis.Redis
) -> None:
    session = key(config, "session", "user-42")
    stores.run(web(1, offset_ms=5_000, session_id="s1"), web(2, offset_ms=1_000, session_id="s1"))
    assert r.hgetall(session) == {
        "session_id": "s1",
        "start": str(RECEIVED_AT - 59_000),
        "last": str(RECEIVED_AT - 55_000),
    }
    assert 0 < r.ttl(session) <= config.session_ttl_seconds
    stores.run(web(3, offset_ms=9_000, session_id="s2"))
    assert r.hget(session, "session_id") == "s2"
    stores.run(web(4, offset_ms=7_000, session_id="s1"))  # a late event of the old session
    assert r.hgetall(session)["session_id"] == "s2"
    stores.run(web(5, offset_ms=8_000, session_id=None))  # no session: session untouched
    assert r.hgetall(session) == {
        "session_id": "s2",
        "start": str(RECEIVED_AT - 51_000),
        "last": str(RECEIVED_AT - 51_000),
    }


def test_session_ttl_from_environment(
    stores: Stores, config: Config, r: redis.Redis, redis_server: RedisServer
) -> None:
    short = replace(config, session_ttl_seconds=42)
    s = Stores(short)
    try:
        s.run(web(1))
    finally:
        s.close()
    assert 0 < r.ttl(key(config, "session", "user-42")) <= 42


def test_first_seen_upsert_keeps_earliest(stores: Stores, config: Config) -> None:
    stores.run(web(1, offset_ms=0, app_id="web", country="FR"))
    stores.run(
        web(2, offset_ms=-20_000, app_id="android", country="DE"),
        web(3, offset_ms=-10_000, app_id="ios", country="IT"),
        web(4, offset_ms=0, user_id="other", app_id="web"),
    )
    stores.run(web(5, offset_ms=-15_000, app_id="web", country="ES"))  # later than the earliest
    rows = users_rows(config)
    assert rows["user-42"] == (RECEIVED_AT - 80_000, "android", "evt-2", "DE", "desktop", True)
    assert rows["other"][2] == "evt-4"
    assert len(rows) == 2


MALFORMED: list[tuple[str, dict[str, Any], str]] = [
    (
        "bad base64",
        {"kinesis": {"data": "!!not-base64!!", "sequenceNumber": seq(1)}},
        "kinesis.data: expected base64",
    ),
    ("no data", {"kinesis": {"sequenceNumber": seq(1)}}, "kinesis.data: expected base64 string"),
    ("truncated", kinesis_record(orjson.dumps(envelope())[:-20], 1), "record: expected JSON"),
    ("not an object", kinesis_record([envelope()], 1), "envelope: expected object, found array"),
    (
        "wrong type",
        kinesis_record(envelope(web_event(timestamp="12")), 1),
        "event.timestamp: expected integer, found string '12'",
    ),
    (
        "missing field",
        kinesis_record(envelope({"event_id": "e", "event_type": "t", "user_id": "u"}), 1),
        "event.timestamp: required field missing",
    ),
    ("bad envelope", kinesis_record(envelope(envelope_version=9), 1), "envelope.envelope_version"),
    ("bad sdk body", kinesis_record(sdk_envelope([]) | {"sdk": {"body": "{"}}, 1), "sdk.body"),
]


@pytest.mark.parametrize(("case", "bad", "reason"), MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_record_is_logged_and_counted_not_failed(
    case: str,
    bad: dict[str, Any],
    reason: str,
    stores: Stores,
    config: Config,
    r: redis.Redis,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="profile_updater")
    result = stores.run(web(0), bad, web(2, user_id="after"))
    assert result.response() == {"batchItemFailures": []}
    assert (result.rejected_records, result.new_events) == (1, 2)
    assert r.hget(key(config, "user", "after", "counts"), "page_view") == "1"
    logged = [orjson.loads(rec.getMessage()) for rec in caplog.records]
    [rejected] = [line for line in logged if line["message"] == "rejected record"]
    assert rejected["sequenceNumber"] == seq(1)
    assert reason in rejected["reason"], rejected
    [summary] = [line for line in logged if line["message"] == "batch"]
    assert summary["RejectedRecords"] == 1 and summary["FailedRecords"] == 0
    assert summary["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "clickstack/profile_updater"


def test_redis_down_fails_from_first_record_with_events(config: Config) -> None:
    down = Stores(replace(config, redis_url=f"redis://127.0.0.1:{free_port()}/0"))
    try:
        result = down.run(
            kinesis_record(b"{nope", 0),  # rejected: not a failure, checkpoint may pass it
            web(1),
            kinesis_record(b"{nope", 2),  # after the failure: retried with the rest
            web(3, user_id="u3"),
        )
    finally:
        down.close()
    assert result.failed_sequence_numbers == [seq(1), seq(2), seq(3)]
    assert any(e.startswith("redis: ConnectionError") for e in result.errors)
    assert users_rows(config) == {}  # nothing upserted for records that will be retried


def test_redis_error_on_one_event_fails_from_its_record(
    stores: Stores, config: Config, r: redis.Redis
) -> None:
    r.set(key(config, "user", "broken", "counts"), "not a hash")  # WRONGTYPE for HINCRBY
    batch = [
        web(1, user_id="u1"),
        web(2, user_id="u2"),
        web(3, user_id="broken"),
        web(4, user_id="u4"),
    ]
    result = stores.run(*batch)
    assert result.failed_sequence_numbers == [seq(3), seq(4)]
    assert "WRONGTYPE" in result.errors[0]
    assert r.hget(key(config, "user", "u1", "counts"), "page_view") == "1"
    assert sorted(users_rows(config)) == ["u1", "u2"]
    assert not r.exists(key(config, "seen", "evt-3"))  # failed half-way: no marker, so redone
    r.delete(key(config, "user", "broken", "counts"))
    retry = stores.run(*batch[2:])  # Kinesis redelivers from the failed record
    assert retry.failed_sequence_numbers == []
    assert r.hget(key(config, "user", "broken", "counts"), "page_view") == "1"
    assert sorted(users_rows(config)) == ["broken", "u1", "u2", "u4"]


def test_redis_script_reloaded_after_flush(stores: Stores, config: Config, r: redis.Redis) -> None:
    stores.run(web(1))
    r.script_flush()
    result = stores.run(web(2, event_type="click"))
    assert result.failed_sequence_numbers == [] and result.new_events == 1


def test_redis_chunks_fail_from_the_right_record(config: Config, r: redis.Redis) -> None:
    small = Stores(replace(config, redis_events_per_call=2))
    r.set(key(config, "user", "broken", "counts"), "x")
    try:
        result = small.run(*(web(i, user_id=f"u{i}") for i in range(5)), web(5, user_id="broken"))
    finally:
        small.close()
    assert result.failed_sequence_numbers == [seq(5)]
    assert result.new_events == 5


def test_postgres_down_fails_from_first_record_and_retry_converges(
    config: Config, r: redis.Redis
) -> None:
    batch = [kinesis_record(b"[]", 0), web(1, user_id="u1"), web(2, user_id="u2")]
    down = Stores(replace(config, pg_port=free_port(), pg_connect_timeout_seconds=2))
    try:
        result = down.run(*batch)
    finally:
        down.close()
    assert result.failed_sequence_numbers == [seq(1), seq(2)]
    assert any(e.startswith("postgres: OperationalError") for e in result.errors)
    assert result.new_events == 2  # Redis took them; the retry must not count them again
    up = Stores(config)
    try:
        retry = up.run(*batch[1:])
    finally:
        up.close()
    assert retry.failed_sequence_numbers == [] and retry.duplicate_events == 2
    assert r.hget(key(config, "user", "u1", "counts"), "page_view") == "1"
    assert sorted(users_rows(config)) == ["u1", "u2"]


def test_postgres_connection_lost_between_batches_reconnects(
    stores: Stores, config: Config
) -> None:
    stores.run(web(1, user_id="u1"))
    assert stores.users.conn is not None
    pid = stores.users.conn.info.backend_pid
    with psycopg.connect(**pg_args(config), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    result = stores.run(web(2, user_id="u2"))
    assert result.failed_sequence_numbers == []
    assert sorted(users_rows(config)) == ["u1", "u2"]


def test_nul_in_user_id_does_not_block_the_shard(stores: Stores, config: Config) -> None:
    result = stores.run(web(1, user_id="a\x00b"))
    assert result.failed_sequence_numbers == []
    assert list(users_rows(config)) == ["a\ufffdb"]


@pytest.mark.parametrize("gzip_body", [False, True])
def test_sdk_envelope_expands_to_several_events(
    gzip_body: bool, stores: Stores, config: Config, r: redis.Redis
) -> None:
    events = [sdk_event(i) for i in range(3)]
    events[2]["event_type"] = "_click"
    result = stores.run(kinesis_record(sdk_envelope(events, gzip_body=gzip_body), 1))
    assert result.failed_sequence_numbers == []
    assert (result.events, result.new_events) == (3, 3)
    assert r.hgetall(key(config, "user", "user-9", "counts")) == {"_page_view": "2", "_click": "1"}
    assert users_rows(config)["user-9"][2] == "sdk-evt-0"  # the earliest of the three


def test_partly_bad_sdk_envelope_keeps_good_events(
    stores: Stores, config: Config, r: redis.Redis, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="profile_updater")
    events: list[Any] = [sdk_event(0), "not an event", sdk_event(2)]
    result = stores.run(kinesis_record(sdk_envelope(events), 1))
    assert result.failed_sequence_numbers == []
    assert (result.new_events, result.rejected_events, result.rejected_records) == (2, 1, 0)
    [line] = [orjson.loads(rec.getMessage()) for rec in caplog.records]
    assert line["message"] == "rejected event" and line["reason"].startswith("sdk event 1")


def test_handler_end_to_end(
    config: Config,
    redis_server: RedisServer,
    postgres_server: PostgresServer,
    r: redis.Redis,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in postgres_server.environ().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    monkeypatch.setenv("KEY_PREFIX", config.key_prefix)
    monkeypatch.setattr(handler_module, "_RUNTIME", None)
    event = {"Records": [web(1), kinesis_record(b"{", 2), web(3, user_id="u3")]}
    assert handler_module.handler(event, None) == {"batchItemFailures": []}
    runtime = handler_module._RUNTIME
    assert handler_module.handler({"Records": [web(4)]}, None) == {"batchItemFailures": []}
    assert handler_module._RUNTIME is runtime  # warm: the same clients
    assert r.hget(key(config, "user", "user-42", "counts"), "page_view") == "2"
    assert handler_module.handler({"Records": []}, None) == {"batchItemFailures": []}
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    assert handler_module.handler(event, None) == {
        "batchItemFailures": [{"itemIdentifier": seq(1)}, {"itemIdentifier": seq(2)},
                              {"itemIdentifier": seq(3)}]
    }  # fmt: skip
    assert handler_module._RUNTIME is not runtime
    handler_module._RUNTIME.users.close()  # type: ignore[union-attr]


def test_migration_is_idempotent(config: Config) -> None:
    with psycopg.connect(**pg_args(config), autocommit=True) as conn:
        migrate(conn)
        migrate(conn)


def test_config_defaults_and_errors() -> None:
    cfg = load_config({})
    assert cfg.redis_url == "redis://127.0.0.1:6379/0"
    assert (cfg.key_prefix, cfg.session_ttl_seconds, cfg.dedup_ttl_seconds) == (
        "clickstack",
        1800,
        86400,
    )
    assert load_config({"SESSION_TTL_SECONDS": "60", "PGPORT": "6543"}).pg_port == 6543
    for name, value in [
        ("SESSION_TTL_SECONDS", "0"),
        ("DEDUP_TTL_SECONDS", "x"),
        ("REDIS_URL", "http://x"),
        ("REDIS_TIMEOUT_SECONDS", "-1"),
        ("LOG_LEVEL", "LOUD"),
    ]:
        with pytest.raises(ConfigError, match=name):
            load_config({name: value})

"""The PostgreSQL side: first-seen users, one upsert statement per batch.

The table is created by migrate(), run once per process when the first connection opens
(CREATE TABLE IF NOT EXISTS under an advisory lock, so concurrent cold starts do not race).
The upsert keeps the earliest facts: a row changes only when the incoming first_seen (ties broken
by event_id) is earlier, so replays and out-of-order batches converge on the same row.
Every valid event of the batch goes to the upsert, not only those Redis counted as new: a batch
retried after a PostgreSQL failure finds its events already counted in Redis, and its users must
still arrive here.

Credentials: PGUSER and PGPASSWORD, or with DATABASE_SECRET_ARN the Aurora master user's secret
in Secrets Manager (db_secret), read once per container and again once when PostgreSQL refuses
its password (RDS rotates it); see connect().
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import orjson
import psycopg
from clickstack_events import NormalisedEvent

from profile_updater import db_secret
from profile_updater.config import Config
from profile_updater.db_secret import DatabaseCredentials

LOG = logging.getLogger("profile_updater")

MIGRATION_LOCK_ID = 0x636C6B73  # "clks": serialises concurrent migrations
USERS_DDL = """
CREATE TABLE IF NOT EXISTS users (
    user_id text PRIMARY KEY,
    first_seen timestamptz NOT NULL,
    first_app_id text,
    first_event_id text NOT NULL,
    first_country text,
    first_device_type text,
    created_at timestamptz NOT NULL DEFAULT now()
)
"""
UPSERT_USERS_SQL = """
INSERT INTO users (user_id, first_seen, first_app_id, first_event_id, first_country,
                   first_device_type)
SELECT u.user_id, timestamptz 'epoch' + u.first_ms * interval '1 millisecond', u.app_id,
       u.event_id, u.country, u.device_type
FROM unnest(%(user_id)s::text[], %(first_ms)s::bigint[], %(app_id)s::text[],
            %(event_id)s::text[], %(country)s::text[], %(device_type)s::text[])
     AS u(user_id, first_ms, app_id, event_id, country, device_type)
ORDER BY u.user_id
ON CONFLICT (user_id) DO UPDATE SET
    first_seen = EXCLUDED.first_seen,
    first_app_id = EXCLUDED.first_app_id,
    first_event_id = EXCLUDED.first_event_id,
    first_country = EXCLUDED.first_country,
    first_device_type = EXCLUDED.first_device_type
WHERE (EXCLUDED.first_seen, EXCLUDED.first_event_id) < (users.first_seen, users.first_event_id)
"""
# ORDER BY user_id: concurrent batches lock rows in the same order (no deadlocks between shards)


def credentials_for(config: Config) -> DatabaseCredentials:
    """The secret's credentials (cached) with DATABASE_SECRET_ARN, else PGUSER and PGPASSWORD."""
    if config.database_secret_arn:
        return db_secret.credentials(config.database_secret_arn)
    return DatabaseCredentials(config.pg_user, config.pg_password)


def is_password_rejected(exc: psycopg.OperationalError) -> bool:
    """PostgreSQL refused the password (SQLSTATE 28P01). libpq reports a refused login without
    the SQLSTATE (psycopg's sqlstate is None then), so the server's message decides."""
    return exc.sqlstate == "28P01" or "password authentication failed" in str(exc)


def open_connection(config: Config, credentials: DatabaseCredentials) -> psycopg.Connection[Any]:
    return psycopg.connect(
        host=config.pg_host,
        port=config.pg_port,
        dbname=config.pg_database,
        user=credentials.user,
        password=credentials.password,
        sslmode=config.pg_sslmode,
        connect_timeout=config.pg_connect_timeout_seconds,
        options=f"-c statement_timeout={config.pg_statement_timeout_ms}",
        application_name="clickstack-profile-updater",
        autocommit=True,
    )


def connect(config: Config) -> psycopg.Connection[Any]:
    """A new connection. With DATABASE_SECRET_ARN, a refused password means RDS rotated it since
    the secret was cached: the secret is read again once and, if it changed, the connection is
    tried once more; any other failure, or a second one, raises.
    Raises psycopg.Error, or db_secret.DatabaseSecretError when the secret cannot be used."""
    credentials = credentials_for(config)
    try:
        return open_connection(config, credentials)
    except psycopg.OperationalError as exc:
        if not (config.database_secret_arn and is_password_rejected(exc)):
            raise
        rejected = exc
    fresh = db_secret.reread(config.database_secret_arn)
    changed = fresh != credentials
    LOG.warning(
        orjson.dumps(
            {
                "message": "database password refused; secret read again",
                "secret": config.database_secret_arn,
                "user": fresh.user,
                "changed": changed,
            }
        ).decode()
    )
    if not changed:
        raise rejected  # the same password again would be refused again
    return open_connection(config, fresh)


def migrate(conn: psycopg.Connection[Any]) -> None:
    """Create the users table when missing; safe to run any number of times, concurrently."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK_ID,))
        cur.execute(USERS_DDL)


def _clean(text: str | None) -> str | None:
    # PostgreSQL text cannot hold NUL; the contract does not forbid it, and a record that can
    # never be written must not block its shard with endless retries
    if text is not None and "\x00" in text:
        return text.replace("\x00", "\ufffd")
    return text


def first_seen_rows(events: Sequence[NormalisedEvent]) -> dict[str, list[Any]]:
    """The earliest event per user of the batch as unnest() columns (ties: smallest event_id)."""
    earliest: dict[str, NormalisedEvent] = {}
    for event in events:
        user = event["user_id"]
        known = earliest.get(user)
        if known is None or (event["event_time"], event["event_id"]) < (
            known["event_time"],
            known["event_id"],
        ):
            earliest[user] = event
    chosen = list(earliest.values())
    return {
        "user_id": [_clean(e["user_id"]) for e in chosen],
        "first_ms": [e["event_time"] for e in chosen],
        "app_id": [_clean(e["app_id"]) for e in chosen],
        "event_id": [_clean(e["event_id"]) for e in chosen],
        "country": [_clean(e["country"]) for e in chosen],
        "device_type": [e["device_type"] for e in chosen],
    }


class UserStore:
    """A connection kept across invocations: opened (and the table migrated) on first use,
    dropped on failure and opened again on the next call."""

    migrated = False  # per process: the table exists once any connection has migrated

    def __init__(
        self,
        config: Config,
        connector: Callable[[Config], psycopg.Connection[Any]] = connect,
    ) -> None:
        self.config = config
        self.connector = connector
        self.conn: psycopg.Connection[Any] | None = None

    def _connection(self) -> tuple[psycopg.Connection[Any], bool]:
        """(connection, reused): reused connections may be stale and deserve one retry."""
        if self.conn is not None and not self.conn.closed and not self.conn.broken:
            return self.conn, True
        self.close()
        conn = self.connector(self.config)
        try:
            if not UserStore.migrated:
                migrate(conn)
                UserStore.migrated = True
        except BaseException:
            conn.close()
            raise
        self.conn = conn
        return conn, False

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def upsert_first_seen(self, events: Sequence[NormalisedEvent]) -> int:
        """One statement for the batch; returns the rows inserted or moved earlier.
        Raises psycopg.Error when PostgreSQL cannot be reached or refuses the statement, and
        db_secret.DatabaseSecretError when the credentials' secret cannot be used."""
        if not events:
            return 0
        params = first_seen_rows(events)
        for attempt in (1, 2):
            conn, reused = self._connection()
            try:
                with conn.cursor() as cur:
                    cur.execute(UPSERT_USERS_SQL, params)
                    return cur.rowcount
            except psycopg.OperationalError:
                self.close()
                if attempt == 2 or not reused:
                    raise
            except psycopg.Error:
                if conn.broken:
                    self.close()
                raise
        raise AssertionError("unreachable")

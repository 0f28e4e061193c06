"""Settings from environment variables, each with a working default."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from clickstack_events import CLOCK_SKEW_TOLERANCE_MS, MAX_RECORD_BYTES
from clickstack_events.settings import (
    ConfigError,
    log_level,
    positive_float,
    positive_int,
    text,
)

__all__ = ["Config", "ConfigError", "load_config"]

SECRET_ARN = re.compile(r"arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:\S+")


@dataclass(frozen=True, slots=True)
class Config:
    redis_url: str = "redis://127.0.0.1:6379/0"
    key_prefix: str = "clickstack"
    session_ttl_seconds: int = 1800
    dedup_ttl_seconds: int = 86400
    redis_timeout_seconds: float = 2.0
    redis_events_per_call: int = 100  # events per Lua call; all calls go in one round trip
    # IAM authentication (ElastiCache): the user and replication group a token is signed for;
    # empty = the password (if any) in REDIS_URL.
    redis_iam_user: str = ""
    redis_cache_name: str = ""
    aws_region: str = ""
    pg_host: str = "127.0.0.1"
    pg_port: int = 5432
    pg_database: str = "clickstack"
    pg_user: str = "clickstack"
    pg_password: str = ""
    pg_sslmode: str = "prefer"
    pg_connect_timeout_seconds: int = 5
    pg_statement_timeout_ms: int = 10000
    # The Aurora master user's secret (Secrets Manager, JSON username + password) replaces
    # pg_user and pg_password when set; see db_secret.py.
    database_secret_arn: str = ""
    clock_skew_tolerance_ms: int = CLOCK_SKEW_TOLERANCE_MS
    max_record_bytes: int = MAX_RECORD_BYTES
    log_level: str = "INFO"


def load_config(environ: Mapping[str, str]) -> Config:
    """REDIS_URL, REDIS_IAM_USER + REDIS_CACHE_NAME (+ AWS_REGION), KEY_PREFIX,
    SESSION_TTL_SECONDS, DEDUP_TTL_SECONDS, REDIS_TIMEOUT_SECONDS, REDIS_EVENTS_PER_CALL,
    PGHOST, PGPORT, PGDATABASE, PGSSLMODE, PG_CONNECT_TIMEOUT_SECONDS, PG_STATEMENT_TIMEOUT_MS,
    the database credentials: either DATABASE_SECRET_ARN (the ARN of the Secrets Manager secret
    RDS keeps the Aurora master user's credentials in; PGUSER is then ignored and PGPASSWORD
    must be unset or empty) or PGUSER + PGPASSWORD,
    CLOCK_SKEW_TOLERANCE_MS, MAX_RECORD_BYTES, LOG_LEVEL; defaults in Config."""
    d = Config()
    level = log_level(environ, d.log_level)
    redis_url = text(environ, "REDIS_URL", d.redis_url)
    if not redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(
            f"REDIS_URL: expected redis://, rediss:// or unix://, found {redis_url!r}"
        )
    iam_user = environ.get("REDIS_IAM_USER", "").strip()
    cache_name = environ.get("REDIS_CACHE_NAME", "").strip()
    region = environ.get("AWS_REGION", "").strip()
    if bool(iam_user) != bool(cache_name):
        found = "REDIS_IAM_USER" if iam_user else "REDIS_CACHE_NAME"
        raise ConfigError(
            f"REDIS_IAM_USER and REDIS_CACHE_NAME: expected both (IAM authentication) or "
            f"neither, found only {found}"
        )
    if iam_user and not redis_url.startswith("rediss://"):
        raise ConfigError(
            f"REDIS_URL: IAM authentication needs TLS (rediss://), found {redis_url!r}"
        )
    if iam_user and not region:
        raise ConfigError("AWS_REGION: IAM authentication signs for a region, found none")
    secret_arn = text(environ, "DATABASE_SECRET_ARN", d.database_secret_arn)
    if secret_arn and not SECRET_ARN.fullmatch(secret_arn):
        raise ConfigError(
            "DATABASE_SECRET_ARN: expected a secret ARN "
            f"(arn:aws:secretsmanager:<region>:<account>:secret:<name>), found {secret_arn!r}"
        )
    if secret_arn and environ.get("PGPASSWORD"):
        raise ConfigError(
            "PGPASSWORD and DATABASE_SECRET_ARN: expected one source of database credentials, "
            "found both; unset PGPASSWORD (the secret holds the password)"
        )
    prefix = text(environ, "KEY_PREFIX", d.key_prefix)
    if any(c.isspace() for c in prefix):
        raise ConfigError(f"KEY_PREFIX: expected no whitespace, found {prefix!r}")
    return Config(
        redis_url=redis_url,
        key_prefix=prefix,
        redis_iam_user=iam_user,
        redis_cache_name=cache_name,
        aws_region=region,
        session_ttl_seconds=positive_int(environ, "SESSION_TTL_SECONDS", d.session_ttl_seconds),
        dedup_ttl_seconds=positive_int(environ, "DEDUP_TTL_SECONDS", d.dedup_ttl_seconds),
        redis_timeout_seconds=positive_float(
            environ, "REDIS_TIMEOUT_SECONDS", d.redis_timeout_seconds
        ),
        redis_events_per_call=positive_int(
            environ, "REDIS_EVENTS_PER_CALL", d.redis_events_per_call
        ),
        pg_host=text(environ, "PGHOST", d.pg_host),
        pg_port=positive_int(environ, "PGPORT", d.pg_port),
        pg_database=text(environ, "PGDATABASE", d.pg_database),
        pg_user=text(environ, "PGUSER", d.pg_user),
        pg_password=environ.get("PGPASSWORD", d.pg_password),
        pg_sslmode=text(environ, "PGSSLMODE", d.pg_sslmode),
        pg_connect_timeout_seconds=positive_int(
            environ, "PG_CONNECT_TIMEOUT_SECONDS", d.pg_connect_timeout_seconds
        ),
        pg_statement_timeout_ms=positive_int(
            environ, "PG_STATEMENT_TIMEOUT_MS", d.pg_statement_timeout_ms
        ),
        database_secret_arn=secret_arn,
        clock_skew_tolerance_ms=positive_int(
            environ, "CLOCK_SKEW_TOLERANCE_MS", CLOCK_SKEW_TOLERANCE_MS
        ),
        max_record_bytes=positive_int(environ, "MAX_RECORD_BYTES", MAX_RECORD_BYTES),
        log_level=level,
    )

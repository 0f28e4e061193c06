"""Settings from environment variables, each error naming the variable.

The rules (and ConfigError) are the shared library's (clickstack_events.settings), so the
collector reports a bad value the way the Lambdas do: "NAME: expected ..., found ...".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clickstack_events.settings import ConfigError, log_level, positive_float, positive_int, text

MIB = 1024 * 1024
RETRY_MODES = ("legacy", "standard", "adaptive")  # botocore's


@dataclass(frozen=True)
class Config:
    stream_name: str
    region: str
    host: str = "0.0.0.0"  # all interfaces of the task's own network namespace (awsvpc)
    port: int = 8080
    # API Gateway's payload limit: what the API accepts, the fleet accepts.
    max_body_bytes: int = 10 * MIB
    # The ALB's own limits are 16 KiB per line and 64 KiB for all headers.
    max_header_bytes: int = 64 * 1024
    # Longer than the ALB's idle timeout (60 s by default), so the ALB always closes an idle
    # connection first and never sends a request on one the collector is closing (a 502).
    keepalive_timeout_s: float = 75.0
    request_timeout_s: float = 30.0  # to receive a request's head and body once it started
    # ECS sends SIGKILL 30 s (stopTimeout) after SIGTERM: drain in less.
    shutdown_timeout_s: float = 25.0
    put_retries: int = 4  # PutRecords calls after the first, for the records that failed
    backoff_base_s: float = 0.1
    backoff_max_s: float = 2.0
    retry_after_s: int = 1
    kinesis_max_connections: int = 32
    aws_max_attempts: int = 3  # botocore's own retries of a whole failed call
    aws_retry_mode: str = "standard"
    trusted_proxy_hops: int = 0  # X-Forwarded-For appenders in front of the ALB (see forwarded)
    log_level: str = "INFO"


def _required(environ: Mapping[str, str], name: str, what: str) -> str:
    value = environ.get(name, "").strip()
    if not value:
        raise ConfigError(f"{name}: required ({what}), found it unset or empty")
    return value


def _count(environ: Mapping[str, str], name: str, default: int) -> int:
    """A non-negative integer (0 is allowed, unlike positive_int)."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise ConfigError(f"{name}: expected a non-negative integer, found {raw!r}")
    return int(raw)


def _port(environ: Mapping[str, str]) -> int:
    raw = environ.get("PORT", "").strip()
    if not raw:
        return Config.port
    if not raw.isdigit() or int(raw) > 65535:
        raise ConfigError(f"PORT: expected a port 1-65535 (0: any free port), found {raw!r}")
    return int(raw)


def load_config(environ: Mapping[str, str]) -> Config:
    """The collector's settings; raises ConfigError naming the first bad variable."""
    retry_mode = text(environ, "AWS_RETRY_MODE", Config.aws_retry_mode)
    if retry_mode not in RETRY_MODES:
        raise ConfigError(
            f"AWS_RETRY_MODE: expected one of {list(RETRY_MODES)}, found {retry_mode!r}"
        )
    config = Config(
        stream_name=_required(environ, "STREAM_NAME", "the Kinesis stream to write to"),
        region=_required(environ, "AWS_REGION", "the region of the stream"),
        host=text(environ, "LISTEN_HOST", Config.host),
        port=_port(environ),
        max_body_bytes=positive_int(environ, "MAX_BODY_BYTES", Config.max_body_bytes),
        max_header_bytes=positive_int(environ, "MAX_HEADER_BYTES", Config.max_header_bytes),
        keepalive_timeout_s=positive_float(
            environ, "KEEPALIVE_TIMEOUT_S", Config.keepalive_timeout_s
        ),
        request_timeout_s=positive_float(environ, "REQUEST_TIMEOUT_S", Config.request_timeout_s),
        shutdown_timeout_s=positive_float(environ, "SHUTDOWN_TIMEOUT_S", Config.shutdown_timeout_s),
        put_retries=_count(environ, "PUT_RETRIES", Config.put_retries),
        backoff_base_s=positive_float(environ, "BACKOFF_BASE_S", Config.backoff_base_s),
        backoff_max_s=positive_float(environ, "BACKOFF_MAX_S", Config.backoff_max_s),
        retry_after_s=positive_int(environ, "RETRY_AFTER_S", Config.retry_after_s),
        kinesis_max_connections=positive_int(
            environ, "KINESIS_MAX_CONNECTIONS", Config.kinesis_max_connections
        ),
        aws_max_attempts=positive_int(environ, "AWS_MAX_ATTEMPTS", Config.aws_max_attempts),
        aws_retry_mode=retry_mode,
        trusted_proxy_hops=_count(environ, "TRUSTED_PROXY_HOPS", Config.trusted_proxy_hops),
        log_level=log_level(environ),
    )
    if config.max_header_bytes < 1024:
        raise ConfigError(
            f"MAX_HEADER_BYTES: expected at least 1024, found {config.max_header_bytes}"
        )
    return config


__all__ = ["Config", "ConfigError", "load_config"]

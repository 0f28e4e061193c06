"""Settings from environment variables, each with a working default."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clickstack_events import CLOCK_SKEW_TOLERANCE_MS, MAX_RECORD_BYTES

LOG_LEVELS = frozenset({"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"})


class ConfigError(ValueError):
    """An environment variable has a value the function cannot use."""


@dataclass(frozen=True, slots=True)
class Config:
    clock_skew_tolerance_ms: int = CLOCK_SKEW_TOLERANCE_MS
    max_record_bytes: int = MAX_RECORD_BYTES
    log_level: str = "INFO"


def _positive_int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise ConfigError(f"{name}: expected a positive integer, found {raw!r}")
    return int(raw)


def load_config(environ: Mapping[str, str]) -> Config:
    """CLOCK_SKEW_TOLERANCE_MS (600000), MAX_RECORD_BYTES (1048576), LOG_LEVEL (INFO)."""
    level = environ.get("LOG_LEVEL", "").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL: expected one of {sorted(LOG_LEVELS)}, found {level!r}")
    return Config(
        clock_skew_tolerance_ms=_positive_int(
            environ, "CLOCK_SKEW_TOLERANCE_MS", CLOCK_SKEW_TOLERANCE_MS
        ),
        max_record_bytes=_positive_int(environ, "MAX_RECORD_BYTES", MAX_RECORD_BYTES),
        log_level=level,
    )

"""Settings from environment variables, each with a working default."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clickstack_events import CLOCK_SKEW_TOLERANCE_MS, MAX_RECORD_BYTES
from clickstack_events.settings import ConfigError, log_level, positive_int

__all__ = ["Config", "ConfigError", "load_config"]


@dataclass(frozen=True, slots=True)
class Config:
    clock_skew_tolerance_ms: int = CLOCK_SKEW_TOLERANCE_MS
    max_record_bytes: int = MAX_RECORD_BYTES
    log_level: str = "INFO"


def load_config(environ: Mapping[str, str]) -> Config:
    """CLOCK_SKEW_TOLERANCE_MS (600000), MAX_RECORD_BYTES (1048576), LOG_LEVEL (INFO)."""
    return Config(
        clock_skew_tolerance_ms=positive_int(
            environ, "CLOCK_SKEW_TOLERANCE_MS", CLOCK_SKEW_TOLERANCE_MS
        ),
        max_record_bytes=positive_int(environ, "MAX_RECORD_BYTES", MAX_RECORD_BYTES),
        log_level=log_level(environ),
    )

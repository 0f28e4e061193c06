"""Reading Lambda settings from environment variables: one error type, one rule per kind, so
every function reports a bad value the same way ("NAME: expected ..., found ...")."""

from __future__ import annotations

from collections.abc import Mapping

LOG_LEVELS = frozenset({"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"})


class ConfigError(ValueError):
    """An environment variable has a value the function cannot use."""


def positive_int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise ConfigError(f"{name}: expected a positive integer, found {raw!r}")
    return int(raw)


def positive_float(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise ConfigError(f"{name}: expected a positive number, found {raw!r}")
    return value


def text(environ: Mapping[str, str], name: str, default: str) -> str:
    return environ.get(name, "").strip() or default


def log_level(environ: Mapping[str, str], default: str = "INFO") -> str:
    level = environ.get("LOG_LEVEL", "").strip().upper() or default
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL: expected one of {sorted(LOG_LEVELS)}, found {level!r}")
    return level

"""Settings from environment variables; TABLE_NAME is the only one without a default."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clickstack_events.settings import ConfigError, log_level, positive_int, text

__all__ = ["MAX_PAGE_SIZE", "Config", "ConfigError", "load_config"]

MAX_PAGE_SIZE = 100  # a page of projects or apps; also the most a client may ask for (?limit=)
DEFAULT_PAGE_SIZE = 50
DEFAULT_MAX_BODY_BYTES = 16 * 1024  # a project or an app is a few hundred bytes of JSON


@dataclass(frozen=True, slots=True)
class Config:
    table_name: str
    page_size: int = DEFAULT_PAGE_SIZE
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    log_level: str = "INFO"


def load_config(environ: Mapping[str, str]) -> Config:
    """TABLE_NAME (required), PAGE_SIZE (50, at most 100), MAX_BODY_BYTES (16384), LOG_LEVEL."""
    table_name = text(environ, "TABLE_NAME", "")
    if not table_name:
        raise ConfigError("TABLE_NAME: expected the name of the DynamoDB table, found none")
    page_size = positive_int(environ, "PAGE_SIZE", DEFAULT_PAGE_SIZE)
    if page_size > MAX_PAGE_SIZE:
        raise ConfigError(f"PAGE_SIZE: expected at most {MAX_PAGE_SIZE}, found {page_size}")
    return Config(
        table_name=table_name,
        page_size=page_size,
        max_body_bytes=positive_int(environ, "MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
        log_level=log_level(environ),
    )

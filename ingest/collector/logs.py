"""Structured logs: one JSON object per line on stdout (the awslogs driver ships each line)."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

import orjson

LOG = logging.getLogger("collector")


class JsonFormatter(logging.Formatter):
    """{"time", "level", "logger", "message", <the record's fields>, "exception"?} on one line."""

    def format(self, record: logging.LogRecord) -> str:
        seconds = int(record.created)
        line: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if fields:
            line.update(fields)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(line, default=str).decode()


def setup(level: str) -> None:
    """Route every logger (botocore's too) to stdout as JSON lines, at `level`."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # botocore's own INFO/DEBUG lines are about credentials and endpoints, not requests
    logging.getLogger("botocore").setLevel(max(logging.getLevelName(level), logging.WARNING))


def log(level: int, message: str, *, exc_info: bool = False, **fields: Any) -> None:
    """One line: `message` and `fields` (with the current exception's traceback if exc_info)."""
    if LOG.isEnabledFor(level):
        LOG.log(level, message, exc_info=exc_info, extra={"fields": fields})

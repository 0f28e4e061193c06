"""Builders for normalised events (issue 3, section 3) and raw-zone files."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pyspark.sql import DataFrame, SparkSession

from glue.jobs.sessionize import EVENT_SCHEMA

DT = "2026-01-01"
BASE_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
MINUTE_MS = 60_000


def event(
    event_id: str, user_id: str | None = "alice", at_ms: int = 0, **fields: Any
) -> dict[str, Any]:
    """A complete normalised event ``at_ms`` after midnight of DT (UTC); ``fields`` override."""
    event_time = BASE_MS + at_ms
    moment = datetime.fromtimestamp(event_time / 1000, tz=UTC)
    row: dict[str, Any] = {
        "event_id": event_id,
        "event_type": "page_view",
        "event_time": event_time,
        "client_time": event_time,
        "received_at": event_time + 250,
        "clock_skew_ms": 250,
        "clock_corrected": False,
        "app_id": "shop",
        "user_id": user_id,
        "session_id": None,
        "page_url": f"https://shop.example/{event_id}?q=1",
        "page_path": f"/{event_id}",
        "page_title": "Shop",
        "referrer": None,
        "client_ip": "203.0.113.7",
        "user_agent": "Mozilla/5.0",
        "device_type": "desktop",
        "os_name": "Linux",
        "browser_name": "Firefox",
        "is_bot": False,
        "platform": "web",
        "country": "DE",
        "locale": "de-DE",
        "screen": "1920x1080",
        "timezone": "Europe/Berlin",
        "device_model": None,
        "app_version": None,
        "properties": {"plan": "free"},
        "dt": moment.strftime("%Y-%m-%d"),
        "hr": moment.strftime("%H"),
    }
    row.update(fields)
    return row


def frame(spark: SparkSession, rows: Iterable[Mapping[str, Any]]) -> DataFrame:
    """Events as a DataFrame with the job's schema (what split_errors hands on as ``valid``)."""
    names = EVENT_SCHEMA.fieldNames()
    return spark.createDataFrame([tuple(r.get(n) for n in names) for r in rows], EVENT_SCHEMA)


def write_raw(
    root: Path,
    lines: Iterable[Mapping[str, Any] | str],
    *,
    dt: str = DT,
    hr: str = "00",
    name: str = "part-0000.json",
    gz: bool = False,
) -> Path:
    """Write JSON lines (dicts are serialised, strings written as they are) under dt=/hr=."""
    folder = root / f"dt={dt}" / f"hr={hr}"
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    if gz:
        path = folder / f"{name}.gz"
        path.write_bytes(gzip.compress(text.encode(), mtime=0))
    else:
        path = folder / name
        path.write_text(text)
    return path

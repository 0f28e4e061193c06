"""Envelopes, a filesystem source over them and a collecting helper for the Flink tests."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pyflink.table import Table, TableEnvironment
from realtime_metrics.config import MetricsSettings, StreamSpec
from realtime_metrics.ddl import source_ddl
from realtime_metrics.pipeline import Outputs, build_pipeline, configure

# 2023-11-14T22:14:00Z: minute aligned, so BASE + n * 60_000 starts window n.
BASE = 1_700_000_040_000
MINUTE = 60_000

_names = itertools.count()


def envelope(
    ts: int,
    user_id: str = "u1",
    *,
    app_id: str | None = "web",
    event_type: str = "page_view",
    page_url: str | None = "https://shop.example/",
    received_at: int | None = None,
    event_id: str | None = None,
) -> str:
    """A collector envelope (one Kinesis record) as the API Gateway template writes it."""
    event: dict[str, Any] = {
        "event_id": event_id or f"{user_id}-{ts}",
        "event_type": event_type,
        "timestamp": ts,
        "user_id": user_id,
    }
    if app_id is not None:
        event["app_id"] = app_id
    if page_url is not None:
        event["page_url"] = page_url
    return json.dumps(
        {
            "envelope_version": 1,
            "received_at": ts + 150 if received_at is None else received_at,
            "source_ip": "203.0.113.7",
            "user_agent": "Mozilla/5.0",
            "request_id": f"req-{event['event_id']}",
            "event": event,
        }
    )


def write_lines(directory: Path, lines: Iterable[str]) -> Path:
    """JSON lines in arrival order (one file: a single split read in order)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "envelopes.jsonl"
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def pipeline_over(
    t_env: TableEnvironment,
    tmp_path: Path,
    lines: Iterable[str],
    settings: MetricsSettings | None = None,
) -> Outputs:
    """Filesystem source over ``lines`` (same DDL as production, other connector) + pipeline."""
    settings = settings or MetricsSettings()
    path = write_lines(tmp_path / "in", lines)
    name = f"envelopes_{next(_names)}"
    spec = StreamSpec(connector="filesystem", options={"path": str(path)})
    configure(t_env, settings)
    t_env.execute_sql(source_ddl(name, spec, settings))
    return build_pipeline(t_env, name, settings)


def collect(table: Table) -> list[dict[str, Any]]:
    """Run ``table`` as a bounded job and return its rows (insert-only) as dicts."""
    names = table.get_schema().get_field_names()
    with table.execute().collect() as results:
        return [dict(zip(names, row, strict=True)) for row in results]

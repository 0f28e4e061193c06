"""main(): properties file -> tables -> one job writing the three sinks (filesystem stand-ins)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pyflink.table import EnvironmentSettings, TableEnvironment
from realtime_metrics.config import load_config
from realtime_metrics.job import main, run

from tests.flink.helpers import BASE, MINUTE, envelope, write_lines


def read_json_lines(directory: Path) -> list[dict[str, Any]]:
    rows = []
    for part in sorted(directory.rglob("part-*")):
        rows += [json.loads(line) for line in part.read_text().splitlines() if line]
    return rows


def properties(tmp_path: Path, source: Path) -> Path:
    def group(name: str, path: Path) -> dict[str, Any]:
        return {
            "PropertyGroupId": name,
            "PropertyMap": {"connector": "filesystem", "path": str(path)},
        }

    document = [
        group("InputStream", source),
        group("MetricsOutputStream", tmp_path / "out" / "metrics"),
        group("ErrorsOutputStream", tmp_path / "out" / "errors"),
        group("LateEventsOutputStream", tmp_path / "out" / "late"),
        {"PropertyGroupId": "MetricsSettings", "PropertyMap": {"top.pages.limit": "1"}},
    ]
    path = tmp_path / "application_properties.json"
    path.write_text(json.dumps(document))
    return path


def test_job_writes_metrics_errors_and_late_events(tmp_path: Path) -> None:
    source = write_lines(
        tmp_path / "in",
        [
            envelope(BASE + 1_000, "a", page_url="/home"),
            envelope(BASE + 2_000, "b", page_url="/cart"),
            envelope(BASE + 3_000, "c", page_url="/home"),
            "garbage",
            envelope(BASE + MINUTE + 10_000, "d"),
            envelope(BASE + 4_000, "late", event_id="late"),
        ],
    )
    # A fresh environment, as on Managed Flink (the job's table names are fixed).
    t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    t_env.get_config().set("parallelism.default", "1")
    run(t_env, load_config(properties(tmp_path, source))).wait()

    metrics = read_json_lines(tmp_path / "out" / "metrics")
    first_minute = {
        (m["metric"], m["page_url"]): m["metric_value"]
        for m in metrics
        if m["window_start"] == "2023-11-14T22:14:00"
    }
    assert first_minute == {
        ("active_users", None): 3,
        ("page_views", None): 3,
        ("top_page", "/home"): 2,
    }
    assert [e["reason"] for e in read_json_lines(tmp_path / "out" / "errors")] == ["invalid_json"]
    assert [e["event_id"] for e in read_json_lines(tmp_path / "out" / "late")] == ["late"]


def test_main_reports_a_bad_properties_file(tmp_path: Path, capsys: Any) -> None:
    assert main(["--properties", str(tmp_path / "missing.json")]) == 2
    assert "runtime properties file not found" in capsys.readouterr().err

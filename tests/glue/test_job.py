"""The job end to end through main(): local folders in, partitioned Parquet out."""

from __future__ import annotations

import ast
import json
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pyspark.sql import SparkSession

from glue.jobs import sessionize
from glue.jobs.sessionize import (
    CURATED_COLUMNS,
    DEFAULT_SESSION_GAP_MINUTES,
    ERROR_COLUMNS,
    SESSION_COLUMNS,
    JobArgs,
    JobArgumentError,
    parse_args,
)
from tests.glue.events import DT, MINUTE_MS, event, write_raw

OTHER_DT = "2025-12-31"


@dataclass
class Lake:
    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    def out(self, name: str) -> Path:
        return self.root / name

    def argv(self, dt: str = DT, *extra: str) -> list[str]:
        return [
            "--raw_path",
            str(self.raw),
            "--curated_path",
            str(self.out("curated")),
            "--sessions_path",
            str(self.out("sessions")),
            "--errors_path",
            str(self.out("errors")),
            "--dt",
            dt,
            *extra,
        ]


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    """A raw zone with one day of mixed input and a neighbouring day that must not be read."""
    lake = Lake(tmp_path)
    write_raw(
        lake.raw,
        [
            event("a1", "alice", 50 * MINUTE_MS),
            event("a1", "alice", 50 * MINUTE_MS, received_at=1),  # earlier copy wins
            event("a2", "alice", 70 * MINUTE_MS),
            "{not json",
            event("m1", user_id=None),
        ],
        hr="00",
    )
    write_raw(
        lake.raw,
        [
            event("a2", "alice", 70 * MINUTE_MS),  # exact duplicate in another hour's file
            event("a3", "alice", 95 * MINUTE_MS),  # 25 min later: same session across hours
            event("a4", "alice", 200 * MINUTE_MS),  # new session
            event("b1", "bob", 61 * MINUTE_MS),
            json.dumps(event("t1", event_time="soon")),
        ],
        hr="01",
        gz=True,
    )
    write_raw(lake.raw, [event("old", "alice")], dt=OTHER_DT, hr="23")
    return lake


def _run(lake: Lake, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    assert sessionize.main(lake.argv(DT, *extra)) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    counts: dict[str, Any] = json.loads(line)["sessionize"]
    return counts


def _read_back_order(columns: tuple[str, ...]) -> list[str]:
    """Reading partitioned Parquet puts the partition column last."""
    return [c for c in columns if c != "dt"] + ["dt"]


def _partitions(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir() if p.is_dir())


def test_main_writes_curated_sessions_and_errors(
    spark: SparkSession, lake: Lake, capsys: pytest.CaptureFixture[str]
) -> None:
    counts = _run(lake, capsys)

    assert counts == {
        "dt": DT,
        "input": 10,
        "curated": 5,
        "duplicates": 2,
        "errors": 3,
        "sessions": 3,
    }
    assert counts["input"] == counts["curated"] + counts["duplicates"] + counts["errors"]

    curated = spark.read.parquet(str(lake.out("curated")))
    assert curated.columns == _read_back_order(CURATED_COLUMNS)
    assert sorted(r["event_id"] for r in curated.collect()) == ["a1", "a2", "a3", "a4", "b1"]
    assert curated.where("event_id = 'a1'").first()["received_at"] == 1  # type: ignore[index]

    sessions = spark.read.parquet(str(lake.out("sessions")))
    assert sessions.columns == _read_back_order(SESSION_COLUMNS)
    by_count = sorted((r["user_id"], r["event_count"]) for r in sessions.collect())
    assert by_count == [("alice", 1), ("alice", 3), ("bob", 1)]

    errors = spark.read.parquet(str(lake.out("errors")))
    assert errors.columns == _read_back_order(ERROR_COLUMNS)
    reasons = sorted((r["reason"], r["hr"]) for r in errors.collect())
    assert reasons == [
        ("malformed_json", "00"),
        ("missing_required_field", "00"),
        ("wrong_type", "01"),
    ]


def test_output_layout_is_snappy_parquet_partitioned_by_dt(
    spark: SparkSession, lake: Lake, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(lake, capsys)

    for name in ("curated", "sessions", "errors"):
        assert _partitions(lake.out(name)) == [f"dt={DT}"]
        files = sorted((lake.out(name) / f"dt={DT}").glob("part-*"))
        assert files
        assert all(f.name.endswith(".snappy.parquet") for f in files), files


def test_rerun_replaces_only_the_processed_day(
    spark: SparkSession, lake: Lake, capsys: pytest.CaptureFixture[str]
) -> None:
    assert sessionize.main(lake.argv(OTHER_DT)) == 0
    first = _run(lake, capsys)

    # Fix the bad lines of DT and run it again: errors for DT disappear, OTHER_DT stays.
    for path in (lake.raw / f"dt={DT}").rglob("part-*"):
        path.unlink()
    write_raw(lake.raw, [event("a1", "alice"), event("a2", "alice", MINUTE_MS)])
    second = _run(lake, capsys)

    assert first["curated"] == 5
    assert (second["curated"], second["errors"], second["sessions"]) == (2, 0, 1)
    assert _partitions(lake.out("curated")) == [f"dt={OTHER_DT}", f"dt={DT}"]
    assert _partitions(lake.out("errors")) == []  # OTHER_DT had no errors; DT has none now
    curated = spark.read.parquet(str(lake.out("curated")))
    per_day = {str(r["dt"]): r["count"] for r in curated.groupBy("dt").count().collect()}
    assert per_day == {OTHER_DT: 1, DT: 2}


def test_session_gap_argument_reaches_the_job(
    lake: Lake, capsys: pytest.CaptureFixture[str]
) -> None:
    counts = _run(lake, capsys, "--session_gap_minutes", "240")

    assert counts["sessions"] == 2  # alice's two sessions merge


def test_missing_day_fails_with_one_line(lake: Lake, capsys: pytest.CaptureFixture[str]) -> None:
    assert sessionize.main(lake.argv("2026-02-01")) == 1

    assert "dt=2026-02-01" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--dt", "2026-1-1"], "--dt must be YYYY-MM-DD"),
        (["--dt", "2026-02-30"], "not a calendar date"),
        (["--session_gap_minutes", "0"], "positive integer"),
        (["--session_gap_minutes", "half"], "positive integer"),
    ],
)
def test_bad_arguments_exit_2(
    lake: Lake, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert sessionize.main([*lake.argv(), *extra]) == 2

    assert message in capsys.readouterr().err


def test_parse_args_ignores_glue_arguments_and_defaults(lake: Lake) -> None:
    argv = ["--JOB_NAME", "clickstack-dev-sessionize", "--TempDir", "s3://t/", *lake.argv()]
    argv.remove("--dt")
    argv.remove(DT)

    args = parse_args(argv)

    assert args.session_gap_minutes == DEFAULT_SESSION_GAP_MINUTES
    assert args.raw_path == str(lake.raw)
    assert args == JobArgs(**{**args.__dict__, "dt": args.dt})
    assert len(args.dt) == 10 and args.dt < "9999"


def test_parse_args_rejects_empty_paths(lake: Lake) -> None:
    argv = lake.argv()
    argv[argv.index("--errors_path") + 1] = " "

    with pytest.raises(JobArgumentError, match="--errors_path"):
        parse_args(argv)


def test_job_script_is_self_contained() -> None:
    """The packager uploads glue/jobs/sessionize.py alone: it may import only the stdlib,
    pyspark and awsglue (which Glue provides)."""
    tree = ast.parse(Path(sessionize.__file__).read_text())
    roots = {
        (node.module or "").split(".")[0] if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    foreign = {r for r in roots if r not in sys.stdlib_module_names} - {"pyspark", "awsglue"}
    assert foreign == set()


class _FakeJob:
    calls: ClassVar[list[str]] = []

    def __init__(self, glue_context: object) -> None:
        self.glue_context = glue_context

    def init(self, name: str, options: dict[str, str]) -> None:
        self.calls.append(f"init {name}")

    def commit(self) -> None:
        self.calls.append("commit")


def test_main_uses_awsglue_when_present(
    spark: SparkSession,
    lake: Lake,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    glue_context = types.SimpleNamespace(spark_session=spark)
    fakes = {
        "awsglue": types.ModuleType("awsglue"),
        "awsglue.context": types.ModuleType("awsglue.context"),
        "awsglue.job": types.ModuleType("awsglue.job"),
        "awsglue.utils": types.ModuleType("awsglue.utils"),
    }
    fakes["awsglue.context"].GlueContext = lambda sc: glue_context  # type: ignore[attr-defined]
    fakes["awsglue.job"].Job = _FakeJob  # type: ignore[attr-defined]
    fakes["awsglue.utils"].getResolvedOptions = (  # type: ignore[attr-defined]
        lambda argv, names: {n: argv[argv.index(f"--{n}") + 1] for n in names}
    )
    for name, module in fakes.items():
        monkeypatch.setitem(sys.modules, name, module)
    _FakeJob.calls.clear()

    assert sessionize.main(["--JOB_NAME", "clickstack-dev-sessionize", *lake.argv()]) == 0

    assert _FakeJob.calls == ["init clickstack-dev-sessionize", "commit"]
    assert '"curated": 5' in capsys.readouterr().out

"""The Glue tables the generator renders from the contract describe the Parquet the job really
writes, and the named queries answer correctly over it.

Athena is not available here, so the job's output is read with DuckDB: each Glue table becomes a
view over its Parquet folder, its columns and types are compared with the rendered Glue columns
(Athena reads Parquet by column name, so a drift would fail or read nulls in production), and each
shipped query is transpiled from Athena SQL with ``current_date`` pinned to the day after DT.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from pyspark.sql import SparkSession

from demo import report
from demo.report import GLUE_TO_DUCKDB  # what DuckDB reports for the Parquet Spark writes
from generator import event_contract, queries
from glue.jobs import sessionize
from tests.glue.events import DT, MINUTE_MS, event, write_raw

DATABASE = "clickstack_test"
TODAY = "2026-01-02"  # DT is "yesterday": inside every query's 7-day window
TABLES = event_contract.curated_tables()


@pytest.fixture(scope="module")
def lake(spark: SparkSession, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One day: alice has two sessions, bob one, a bot one; a duplicate and a broken line."""
    root = tmp_path_factory.mktemp("lake")
    write_raw(
        root / "raw",
        [
            event("a1", "alice", 0, page_path="/home"),
            event("a1", "alice", 0, page_path="/home"),  # duplicate delivery
            event("a2", "alice", 5 * MINUTE_MS, event_type="click", page_path="/home"),
            event("a3", "alice", 10 * MINUTE_MS, page_path="/pricing"),
            event("a4", "alice", 120 * MINUTE_MS, page_path="/home"),  # gap > 30 min
            event("b1", "bob", 30 * MINUTE_MS, page_path="/home"),
            event("c1", "crawler", 40 * MINUTE_MS, page_path="/pricing", is_bot=True),
            "{oops",
        ],
    )
    # the curated zone's layout: one folder per Glue table, at the table's prefix
    curated = root / "curated"
    argv = ["--raw_path", str(root / "raw"), "--dt", DT]
    argv += ["--curated_path", str(curated / TABLES["curated_events"]["prefix"])]
    argv += ["--sessions_path", str(curated / TABLES["sessions"]["prefix"])]
    argv += ["--errors_path", str(curated / TABLES["processing_errors"]["prefix"])]
    assert sessionize.main(argv) == 0
    return curated


@pytest.fixture(scope="module")
def db(lake: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The demo's stand-in for Athena over the job's output (every table has Parquet here, so
    each is a view over files, never an empty table made from the contract)."""
    for table in TABLES.values():
        assert any((lake / table["prefix"]).rglob("*.parquet")), table["prefix"]
    con = report.connect(lake, DATABASE)
    yield con
    con.close()


def _run(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[Any, ...]]:
    (query,) = [q for q in queries.named_queries(DATABASE) if q.name == name]
    return report.run_query(con, query.sql, today=TODAY)[1]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_glue_columns_match_the_parquet_the_job_writes(
    db: duckdb.DuckDBPyConnection, table: str
) -> None:
    glue = TABLES[table]["columns"]
    expected = [(c["name"], GLUE_TO_DUCKDB[c["type"]]) for c in glue] + [("dt", "VARCHAR")]
    described = db.execute(f"DESCRIBE {DATABASE}.{table}").fetchall()
    assert [(row[0], row[1]) for row in described] == expected


def test_daily_active_users(db: duckdb.DuckDBPyConnection) -> None:
    # alice and bob; the crawler's events and session are left out; a1 counted once
    assert _run(db, "daily_active_users") == [(DT, 2, 3, 5)]


def test_top_pages(db: duckdb.DuckDBPyConnection) -> None:
    assert _run(db, "top_pages") == [("/home", 3, 2), ("/pricing", 1, 1)]


def test_events_per_type_counts_bots_apart(db: duckdb.DuckDBPyConnection) -> None:
    assert _run(db, "events_per_type") == [(DT, "page_view", 5, 1), (DT, "click", 1, 0)]


def test_session_summary(db: duckdb.DuckDBPyConnection) -> None:
    # alice 0-10 min (3 events, 2 page views), alice at 120 min and bob: one page view each
    (row,) = _run(db, "session_summary")
    assert row[:2] == (DT, 3)
    assert float(row[2]) == 200.0  # (600 + 0 + 0) / 3 seconds
    assert float(row[3]) == 1.33
    assert float(row[4]) == pytest.approx(0.6667)


def test_top_entry_pages(db: duckdb.DuckDBPyConnection) -> None:
    ((page, sessions, bounce_rate),) = _run(db, "top_entry_pages")
    assert (page, sessions) == ("/home", 3)
    assert float(bounce_rate) == pytest.approx(0.6667)


def test_processing_errors_keep_the_line(db: duckdb.DuckDBPyConnection) -> None:
    assert _run(db, "processing_errors") == [(DT, "malformed_json", 1, "{oops")]


def test_every_shipped_query_is_exercised() -> None:
    tested = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    shipped = {q.name for q in queries.named_queries(DATABASE)}
    untested = {n for n in shipped if not any(t.startswith(n) for t in tested)}
    assert not untested, f"queries without a test over real job output: {sorted(untested)}"

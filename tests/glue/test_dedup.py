"""De-duplication by event_id: the earliest received_at wins, deterministically."""

from __future__ import annotations

from typing import Any

from pyspark.sql import SparkSession

from glue.jobs.sessionize import EVENT_COLUMNS, deduplicate
from tests.glue.events import event, frame


def _survivors(spark: SparkSession, rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    dedup = deduplicate(frame(spark, rows))
    assert tuple(dedup.unique.columns) == EVENT_COLUMNS
    assert dedup.unique.count() + dedup.duplicates.count() == len(rows)
    return {r["event_id"]: r.asDict() for r in dedup.unique.collect()}


def test_earliest_received_at_is_kept(spark: SparkSession) -> None:
    first = event("e1", received_at=2_000, page_title="first")
    retry = event("e1", received_at=5_000, page_title="retry")
    early = event("e1", received_at=1_000, page_title="earliest")

    kept = _survivors(spark, [first, retry, early, event("e2")])

    assert set(kept) == {"e1", "e2"}
    assert kept["e1"]["page_title"] == "earliest"


def test_duplicates_are_returned_not_dropped(spark: SparkSession) -> None:
    rows = [event("e1", received_at=1), event("e1", received_at=2), event("e1", received_at=3)]

    dedup = deduplicate(frame(spark, rows))

    assert sorted(r["received_at"] for r in dedup.duplicates.collect()) == [2, 3]


def test_missing_received_at_loses_to_a_known_one(spark: SparkSession) -> None:
    kept = _survivors(
        spark,
        [event("e1", received_at=None, page_title="null"), event("e1", page_title="known")],
    )

    assert kept["e1"]["page_title"] == "known"


def test_ties_are_broken_the_same_way_whatever_the_input_order(spark: SparkSession) -> None:
    rows = [event("e1", received_at=7, page_title=title) for title in ("a", "b", "c", "d")]

    forward = _survivors(spark, rows)["e1"]
    backward = _survivors(spark, list(reversed(rows)))["e1"]

    assert forward == backward


def test_distinct_events_are_untouched(spark: SparkSession) -> None:
    rows = [event(f"e{i}", at_ms=i) for i in range(6)]

    dedup = deduplicate(frame(spark, rows))

    assert dedup.unique.count() == 6
    assert dedup.duplicates.count() == 0

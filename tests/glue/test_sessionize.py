"""Gap-based sessions per user and the sessions table."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from pyspark.sql import SparkSession

from glue.jobs.sessionize import (
    CURATED_COLUMNS,
    SESSION_COLUMNS,
    JobArgumentError,
    build_sessions,
    sessionize,
)
from tests.glue.events import BASE_MS, DT, MINUTE_MS, event, frame

HOUR_MS = 60 * MINUTE_MS


def _keys(spark: SparkSession, rows: list[dict[str, Any]], gap: int = 30) -> dict[str, str]:
    curated = sessionize(frame(spark, rows), gap)
    assert tuple(curated.columns) == CURATED_COLUMNS
    return {r["event_id"]: r["session_key"] for r in curated.collect()}


def _expected_key(user_id: str, first_event_id: str) -> str:
    return hashlib.sha256(f"{user_id}\x1f{first_event_id}".encode()).hexdigest()


@pytest.mark.parametrize(
    ("gap_ms", "same_session"),
    [(30 * MINUTE_MS - 1, True), (30 * MINUTE_MS, True), (30 * MINUTE_MS + 1, False)],
    ids=["30min-1ms", "exactly-30min", "30min+1ms"],
)
def test_thirty_minute_gap_edge(spark: SparkSession, gap_ms: int, same_session: bool) -> None:
    keys = _keys(spark, [event("a"), event("b", at_ms=gap_ms)])

    assert (keys["a"] == keys["b"]) is same_session
    assert keys["a"] == _expected_key("alice", "a")
    assert keys["b"] == _expected_key("alice", "a" if same_session else "b")


def test_gap_is_measured_from_the_previous_event_not_the_session_start(
    spark: SparkSession,
) -> None:
    rows = [event(f"e{i}", at_ms=i * 25 * MINUTE_MS) for i in range(6)]  # 2 h 5 min, 25-min steps

    assert len(set(_keys(spark, rows).values())) == 1


def test_session_gap_minutes_is_configurable(spark: SparkSession) -> None:
    rows = [event("a"), event("b", at_ms=6 * MINUTE_MS), event("c", at_ms=10 * MINUTE_MS)]

    keys = _keys(spark, rows, gap=5)

    assert keys["a"] != keys["b"] == keys["c"]


def test_non_positive_gap_is_refused(spark: SparkSession) -> None:
    with pytest.raises(JobArgumentError, match="session_gap_minutes"):
        sessionize(frame(spark, [event("a")]), 0)


def test_users_are_sessionized_separately(spark: SparkSession) -> None:
    rows = [
        event("a1", "alice", 0),
        event("b1", "bob", MINUTE_MS),
        event("a2", "alice", 2 * MINUTE_MS),
        event("b2", "bob", 40 * MINUTE_MS),
    ]

    keys = _keys(spark, rows)

    assert keys["a1"] == keys["a2"] == _expected_key("alice", "a1")
    assert keys["b1"] != keys["b2"]
    assert keys["b2"] == _expected_key("bob", "b2")


def test_keys_follow_event_time_not_input_order(spark: SparkSession) -> None:
    rows = [event("late", at_ms=5 * MINUTE_MS), event("early"), event("mid", at_ms=MINUTE_MS)]

    assert _keys(spark, rows) == _keys(spark, list(reversed(rows)))
    assert set(_keys(spark, rows).values()) == {_expected_key("alice", "early")}


def test_same_timestamp_tie_breaks_on_event_id(spark: SparkSession) -> None:
    keys = _keys(spark, [event("z"), event("m")])

    assert set(keys.values()) == {_expected_key("alice", "m")}


def test_session_crossing_hours_is_one_session(spark: SparkSession) -> None:
    rows = [
        event("a", at_ms=50 * MINUTE_MS),  # 00:50
        event("b", at_ms=HOUR_MS + 10 * MINUTE_MS),  # 01:10
        event("c", at_ms=HOUR_MS + 38 * MINUTE_MS),  # 01:38
        event("d", at_ms=2 * HOUR_MS + 5 * MINUTE_MS, event_type="click"),  # 02:05
    ]
    assert [r["hr"] for r in rows] == ["00", "01", "01", "02"]

    (session,) = build_sessions(sessionize(frame(spark, rows)), DT).collect()

    assert session["session_key"] == _expected_key("alice", "a")
    # PySpark hands timestamps back as naive local-time datetimes: compare instants.
    assert session["start"].timestamp() * 1000 == BASE_MS + 50 * MINUTE_MS
    assert session["end"].timestamp() * 1000 == BASE_MS + 125 * MINUTE_MS
    assert session["duration_s"] == 75 * 60
    assert (session["event_count"], session["page_views"]) == (4, 3)


def test_sessions_table_columns_and_values(spark: SparkSession) -> None:
    rows = [
        event(
            "a",
            at_ms=0,
            page_path=None,
            page_url=None,
            event_type="identify",
            referrer="https://search.example/",
            device_type="mobile",
        ),
        event("b", at_ms=1_000, page_path="/home", referrer="https://elsewhere.example/"),
        event("c", at_ms=2_500, page_path=None, page_url="https://shop.example/cart"),
        event("d", at_ms=3_000, page_path=None, page_url=None, event_type="click", is_bot=None),
        event("e", at_ms=4_000, is_bot=True, device_type="bot", event_type="click"),
        event("x", user_id="bob", at_ms=0, is_bot=None, referrer=None),
    ]

    sessions = build_sessions(sessionize(frame(spark, rows)), DT)

    assert tuple(sessions.columns) == SESSION_COLUMNS
    by_user = {r["user_id"]: r.asDict() for r in sessions.collect()}
    alice = by_user["alice"]
    assert alice["event_count"] == 5
    assert alice["page_views"] == 2
    assert alice["first_page"] == "/home"  # first event with a page
    assert alice["last_page"] == "/e"  # page_path of the last event that has a page
    assert alice["entry_referrer"] == "https://search.example/"
    assert alice["device_type"] == "mobile"
    assert alice["is_bot"] is True  # any event flagged
    assert alice["duration_s"] == 4.0
    assert alice["dt"] == DT
    bob = by_user["bob"]
    assert (bob["event_count"], bob["duration_s"], bob["is_bot"]) == (1, 0.0, False)
    assert bob["entry_referrer"] is None
    assert bob["first_page"] == bob["last_page"] == "/x"


def test_last_page_falls_back_to_page_url(spark: SparkSession) -> None:
    rows = [event("a"), event("b", at_ms=1, page_path=None, page_url="https://s.example/z")]

    (session,) = build_sessions(sessionize(frame(spark, rows)), DT).collect()

    assert (session["first_page"], session["last_page"]) == ("/a", "https://s.example/z")

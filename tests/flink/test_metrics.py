"""Per-minute metrics, event time vs arrival order, lateness and malformed envelopes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pyflink.table import TableEnvironment
from realtime_metrics.config import MetricsSettings
from realtime_metrics.pipeline import (
    INVALID_JSON,
    INVALID_TIMESTAMP,
    MISSING_EVENT,
    MISSING_TIMESTAMP,
    MISSING_USER_ID,
)

from tests.flink.helpers import BASE, MINUTE, collect, envelope, pipeline_over

W0 = datetime(2023, 11, 14, 22, 14)  # window of BASE
W1 = W0 + timedelta(minutes=1)
W2 = W0 + timedelta(minutes=2)


def by_metric(rows: list[dict[str, Any]], metric: str) -> dict[tuple[Any, ...], int]:
    """``{(app_id, window_start[, page_url, rank]): value}`` for one metric."""
    result: dict[tuple[Any, ...], int] = {}
    for row in rows:
        if row["metric"] != metric:
            continue
        key: tuple[Any, ...] = (row["app_id"], row["window_start"])
        if metric == "top_page":
            key += (row["page_rank"], row["page_url"])
        assert key not in result, f"duplicate result row {row}"
        result[key] = row["metric_value"]
    return result


def test_per_minute_active_users_and_page_views(t_env: TableEnvironment, tmp_path: Path) -> None:
    lines = [
        envelope(BASE + 1_000, "alice"),
        envelope(BASE + 2_000, "alice"),  # same user twice: one active user
        envelope(BASE + 3_000, "bob", event_type="click"),  # active, not a page view
        envelope(BASE + 4_000, "carol", app_id="ios"),
        envelope(BASE + 5_000, "dave", app_id=None),  # no app_id: its own (NULL) group
        envelope(BASE + MINUTE + 1_000, "alice"),
        envelope(BASE + MINUTE + 2_000, "erin", event_type="add_to_cart"),
    ]
    rows = collect(pipeline_over(t_env, tmp_path, lines).metrics)

    assert by_metric(rows, "active_users") == {
        ("web", W0): 2,
        ("ios", W0): 1,
        (None, W0): 1,
        ("web", W1): 2,
    }
    assert by_metric(rows, "page_views") == {
        ("web", W0): 2,
        ("ios", W0): 1,
        (None, W0): 1,
        ("web", W1): 1,
    }
    assert all(r["window_end"] - r["window_start"] == timedelta(minutes=1) for r in rows)


def test_top_pages_ranked_per_window_with_limit(t_env: TableEnvironment, tmp_path: Path) -> None:
    views = {"/a": 5, "/b": 3, "/c": 3, "/d": 1}  # /b and /c tie: page_url breaks it
    lines = [
        envelope(BASE + i * 100, f"u{i}", page_url=url, event_id=f"{url}-{i}")
        for url, count in views.items()
        for i in range(count)
    ]
    lines.append(envelope(BASE + 9_000, "x", event_type="click", page_url="/d"))  # not a view
    lines.append(envelope(BASE + MINUTE + 1_000, "y", page_url="/d"))
    outputs = pipeline_over(t_env, tmp_path, lines, MetricsSettings(top_pages_limit=3))

    assert by_metric(collect(outputs.metrics), "top_page") == {
        ("web", W0, 1, "/a"): 5,
        ("web", W0, 2, "/b"): 3,
        ("web", W0, 3, "/c"): 3,
        ("web", W1, 1, "/d"): 1,
    }


def test_windows_follow_event_time_not_arrival_order(
    t_env: TableEnvironment, tmp_path: Path
) -> None:
    # Arrival order interleaves minutes; every event is within the 5 s watermark delay of the
    # highest timestamp seen so far, so each lands in the window of its own timestamp.
    lines = [
        envelope(BASE + 58_000, "a"),
        envelope(BASE + MINUTE + 1_000, "b"),  # watermark -> W1 - 4 s: W0 still open
        envelope(BASE + 57_000, "c"),  # earlier minute, arrives later
        envelope(BASE + MINUTE + 3_000, "d"),  # watermark -> W1 - 2 s
        envelope(BASE + 59_999, "e"),  # last millisecond of W0
        envelope(BASE + 30_000, "f"),  # 33 s behind, but W0 has not fired yet
    ]
    outputs = pipeline_over(t_env, tmp_path, lines)

    assert by_metric(collect(outputs.metrics), "active_users") == {("web", W0): 4, ("web", W1): 2}
    assert collect(outputs.late) == []


def test_late_events_leave_the_window_and_go_to_the_late_output(
    t_env: TableEnvironment, tmp_path: Path
) -> None:
    lines = [
        envelope(BASE + 10_000, "a"),
        envelope(BASE + MINUTE + 5_000, "b"),  # watermark -> W1 + 0 s: W0 fires
        envelope(BASE + 59_000, "late-1", event_id="late-1"),  # W0 already fired
        envelope(BASE + MINUTE + 2_000, "c"),  # out of order, but W1 is open
        envelope(BASE + 2 * MINUTE + 30_000, "d"),  # watermark -> W2 + 25 s: W1 fires
        envelope(BASE + MINUTE + 59_000, "late-2", event_id="late-2", app_id="ios"),
    ]
    outputs = pipeline_over(t_env, tmp_path, lines)

    assert by_metric(collect(outputs.metrics), "active_users") == {
        ("web", W0): 1,
        ("web", W1): 2,
        ("web", W2): 1,
    }
    late = sorted(collect(outputs.late), key=lambda r: r["event_id"])
    assert [(r["event_id"], r["app_id"], r["window_start"]) for r in late] == [
        ("late-1", "web", W0),
        ("late-2", "ios", W1),
    ]
    assert late[0]["watermark_time"] == W1
    assert late[0]["event_time"] == W0 + timedelta(seconds=59)
    assert late[1]["watermark_time"] == W2 + timedelta(seconds=25)


def test_longer_watermark_delay_keeps_late_events_in_their_window(
    t_env: TableEnvironment, tmp_path: Path
) -> None:
    lines = [
        envelope(BASE + 10_000, "a"),
        envelope(BASE + MINUTE + 5_000, "b"),
        envelope(BASE + 59_000, "slow"),  # late with 5 s, on time with 10 s
    ]
    outputs = pipeline_over(t_env, tmp_path, lines, MetricsSettings(watermark_delay_ms=10_000))

    assert by_metric(collect(outputs.metrics), "active_users") == {("web", W0): 2, ("web", W1): 1}
    assert collect(outputs.late) == []


def test_client_clock_far_off_uses_received_at(t_env: TableEnvironment, tmp_path: Path) -> None:
    # A device a day ahead must not push the watermark a day forward (everything else late).
    lines = [
        envelope(BASE + 1_000, "a"),
        envelope(BASE + 86_400_000, "skewed", received_at=BASE + 2_000),
        envelope(BASE + 3_000, "b"),
    ]
    outputs = pipeline_over(t_env, tmp_path, lines)

    assert by_metric(collect(outputs.metrics), "active_users") == {("web", W0): 3}
    assert collect(outputs.late) == []


def test_malformed_envelopes_are_counted_with_a_reason(
    t_env: TableEnvironment, tmp_path: Path
) -> None:
    def raw(event: Any) -> str:
        return json.dumps(
            {"envelope_version": 1, "received_at": BASE, "request_id": "r", "event": event}
        )

    good = {"event_id": "x", "event_type": "page_view", "timestamp": BASE + 1, "user_id": "u"}
    lines = [
        envelope(BASE + 1_000, "ok-1"),
        "this is not json",
        '{"truncated": ',
        "[1, 2, 3]",
        json.dumps({"envelope_version": 1, "received_at": BASE}),  # no event
        raw("not an object"),
        raw({k: v for k, v in good.items() if k != "user_id"}),
        raw({**good, "user_id": "  "}),
        raw({k: v for k, v in good.items() if k != "timestamp"}),
        raw({**good, "timestamp": "yesterday"}),
        raw({**good, "timestamp": -5}),
        envelope(BASE + 2_000, "ok-2"),
    ]
    outputs = pipeline_over(t_env, tmp_path, lines)

    errors = collect(outputs.errors)
    reasons: dict[str, int] = {}
    for row in errors:
        reasons[row["reason"]] = reasons.get(row["reason"], 0) + 1
    assert reasons == {
        INVALID_JSON: 3,
        MISSING_EVENT: 2,
        MISSING_USER_ID: 2,
        MISSING_TIMESTAMP: 1,
        INVALID_TIMESTAMP: 2,
    }
    first = next(r for r in errors if r["payload_sample"] == "this is not json")
    assert first["payload_length"] == len("this is not json")
    assert {r["request_id"] for r in errors if r["reason"] == MISSING_USER_ID} == {"r"}
    # The job kept going: the valid envelopes around the bad ones are counted.
    assert by_metric(collect(outputs.metrics), "active_users") == {("web", W0): 2}

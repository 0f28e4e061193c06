"""The metrics pipeline as Flink SQL over a source table built by :func:`ddl.source_ddl`.

Given a TableEnvironment and the name of a source table (a ``payload`` string column and the
``event_ts`` rowtime with its watermark), :func:`build_pipeline` registers a few temporary views
and returns three append-only tables:

- ``metrics``: per app and 1-minute tumbling event-time window, ``active_users`` (distinct
  user_id over all valid events), ``page_views`` (events with event_type = 'page_view') and
  ``top_page`` rows (the ``top_pages_limit`` most viewed page_url, ranked 1..n, ties broken by
  page_url);
- ``errors``: one row per malformed envelope, with a reason;
- ``late``: one row per valid event that arrived after its window was closed by the watermark.

Lateness: windows fire when the watermark (highest event time seen minus
``watermark_delay_ms``) passes their end; a row for an already fired window is dropped by the
window operator. The ``late`` query is the side output for those rows: it selects the valid rows
whose window's last millisecond is at or before CURRENT_WATERMARK, the same test the window
operator applies, so late events are reported instead of vanishing. Raising
``watermark.delay.ms`` accepts more disorder at the cost of later results.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyflink.table import StatementSet, Table, TableEnvironment

from .config import MetricsSettings
from .ddl import PAYLOAD, RECEIVED_MS, ROWTIME, event_time_ms_expression

WINDOW_MS = 60_000
PAYLOAD_SAMPLE_CHARS = 1_000

# Error reasons, in the order they are tested (the first that applies wins).
INVALID_JSON = "invalid_json"
MISSING_EVENT = "missing_event"
MISSING_USER_ID = "missing_user_id"
MISSING_TIMESTAMP = "missing_timestamp"
INVALID_TIMESTAMP = "invalid_timestamp"


@dataclass(frozen=True)
class Outputs:
    metrics: Table
    errors: Table
    late: Table


@dataclass(frozen=True)
class SinkNames:
    metrics: str
    errors: str
    late: str


def configure(t_env: TableEnvironment, settings: MetricsSettings) -> None:
    """Session settings the pipeline relies on: UTC windows, optional source idleness."""
    config = t_env.get_config()
    # Windows over a TIMESTAMP_LTZ rowtime are aligned in the session time zone.
    config.set("table.local-time-zone", "UTC")
    if settings.source_idle_timeout_ms > 0:
        # A shard without traffic must not hold the watermark (and every window) back forever.
        config.set("table.exec.source.idle-timeout", f"{settings.source_idle_timeout_ms} ms")


def parsed_view_sql(source_table: str, max_clock_skew_ms: int) -> str:
    """Every envelope with its fields and ``error_reason`` (NULL when the envelope is usable)."""
    event = f"JSON_QUERY(`{PAYLOAD}`, '$.event')"
    client_ms = f"TRY_CAST(JSON_VALUE(`{PAYLOAD}`, '$.event.timestamp') AS BIGINT)"
    user_id = f"JSON_VALUE(`{PAYLOAD}`, '$.event.user_id')"
    return f"""
SELECT
  `{PAYLOAD}`,
  `{ROWTIME}`,
  {event_time_ms_expression(max_clock_skew_ms)} AS event_ms,
  JSON_VALUE(`{PAYLOAD}`, '$.event.event_id') AS event_id,
  JSON_VALUE(`{PAYLOAD}`, '$.event.event_type') AS event_type,
  JSON_VALUE(`{PAYLOAD}`, '$.event.app_id') AS app_id,
  {user_id} AS user_id,
  JSON_VALUE(`{PAYLOAD}`, '$.event.page_url') AS page_url,
  JSON_VALUE(`{PAYLOAD}`, '$.request_id') AS request_id,
  {RECEIVED_MS} AS received_at,
  CASE
    WHEN `{PAYLOAD}` IS NULL OR NOT (`{PAYLOAD}` IS JSON OBJECT) THEN '{INVALID_JSON}'
    WHEN {event} IS NULL OR NOT ({event} IS JSON OBJECT) THEN '{MISSING_EVENT}'
    WHEN {user_id} IS NULL OR TRIM({user_id}) = '' THEN '{MISSING_USER_ID}'
    WHEN NOT JSON_EXISTS(`{PAYLOAD}`, '$.event.timestamp') THEN '{MISSING_TIMESTAMP}'
    WHEN {client_ms} IS NULL OR {client_ms} <= 0 THEN '{INVALID_TIMESTAMP}'
    ELSE CAST(NULL AS STRING)
  END AS error_reason
FROM `{source_table}`"""


def build_pipeline(
    t_env: TableEnvironment, source_table: str, settings: MetricsSettings
) -> Outputs:
    """Register the views over ``source_table`` (prefixed with its name) and return the outputs."""
    parsed = f"{source_table}_parsed"
    valid = f"{source_table}_valid"
    totals = f"{source_table}_minute_totals"
    page_counts = f"{source_table}_page_counts"
    window = f"TABLE(TUMBLE(TABLE `{valid}`, DESCRIPTOR(`{ROWTIME}`), INTERVAL '1' MINUTE))"

    views = {
        parsed: parsed_view_sql(source_table, settings.max_clock_skew_ms),
        valid: f"SELECT * FROM `{parsed}` WHERE error_reason IS NULL",
        # One window aggregation feeds both active_users and page_views.
        totals: f"""
SELECT app_id, window_start, window_end,
  COUNT(DISTINCT user_id) AS active_users,
  COUNT(*) FILTER (WHERE event_type = 'page_view') AS page_views
FROM {window}
GROUP BY app_id, window_start, window_end""",
        page_counts: f"""
SELECT app_id, window_start, window_end, page_url, COUNT(*) AS page_view_count
FROM {window}
WHERE event_type = 'page_view' AND page_url IS NOT NULL
GROUP BY app_id, window_start, window_end, page_url""",
    }
    for name, query in views.items():
        t_env.execute_sql(f"CREATE TEMPORARY VIEW `{name}` AS {query}")

    metrics = t_env.sql_query(f"""
SELECT 'active_users' AS metric, app_id, window_start, window_end,
  CAST(NULL AS STRING) AS page_url, CAST(NULL AS BIGINT) AS page_rank, active_users AS metric_value
FROM `{totals}`
UNION ALL
SELECT 'page_views', app_id, window_start, window_end,
  CAST(NULL AS STRING), CAST(NULL AS BIGINT), page_views
FROM `{totals}`
UNION ALL
SELECT 'top_page', app_id, window_start, window_end, page_url, page_rank, page_view_count
FROM (
  SELECT *, ROW_NUMBER() OVER (
    PARTITION BY window_start, window_end, app_id ORDER BY page_view_count DESC, page_url ASC
  ) AS page_rank
  FROM `{page_counts}`
)
WHERE page_rank <= {int(settings.top_pages_limit)}""")

    errors = t_env.sql_query(f"""
SELECT error_reason AS reason, request_id, received_at,
  CHAR_LENGTH(COALESCE(`{PAYLOAD}`, '')) AS payload_length,
  SUBSTRING(COALESCE(`{PAYLOAD}`, '') FROM 1 FOR {PAYLOAD_SAMPLE_CHARS}) AS payload_sample
FROM `{parsed}`
WHERE error_reason IS NOT NULL""")

    # A row is dropped by its window once the watermark reached the window's last millisecond.
    window_last = f"TO_TIMESTAMP_LTZ(event_ms - MOD(event_ms, {WINDOW_MS}) + {WINDOW_MS - 1}, 3)"
    late = t_env.sql_query(f"""
SELECT event_id, app_id, user_id, event_type, page_url,
  CAST(`{ROWTIME}` AS TIMESTAMP(3)) AS event_time,
  CAST(TO_TIMESTAMP_LTZ(event_ms - MOD(event_ms, {WINDOW_MS}), 3) AS TIMESTAMP(3)) AS window_start,
  CAST(CURRENT_WATERMARK(`{ROWTIME}`) AS TIMESTAMP(3)) AS watermark_time,
  received_at
FROM `{valid}`
WHERE CURRENT_WATERMARK(`{ROWTIME}`) IS NOT NULL
  AND {window_last} <= CURRENT_WATERMARK(`{ROWTIME}`)""")

    return Outputs(metrics=metrics, errors=errors, late=late)


def insert_into(t_env: TableEnvironment, outputs: Outputs, sinks: SinkNames) -> StatementSet:
    """One statement set, so the three outputs share one source read and one watermark."""
    statements = t_env.create_statement_set()
    statements.add_insert(sinks.metrics, outputs.metrics)
    statements.add_insert(sinks.errors, outputs.errors)
    statements.add_insert(sinks.late, outputs.late)
    return statements

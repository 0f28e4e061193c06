"""CREATE TABLE statements for the source and the sinks, built from a :class:`StreamSpec`.

The source reads every Kinesis record as one string (``format = 'raw'``), never as typed JSON:
with ``format = 'json'`` a record that is not JSON either fails the job or, with
``json.ignore-parse-errors = true``, is skipped without a trace (and fields of the wrong type
silently become NULL). Reading the raw string and parsing it with SQL JSON functions keeps every
record, so a malformed one can be routed to the errors sink with a reason (see pipeline.py).

The event-time column and the watermark must be declared on the source table, so the envelope
fields they need are parsed here too (Flink does not let one computed column use another, hence
the repeated expressions).
"""

from __future__ import annotations

from collections.abc import Mapping

from .config import MetricsSettings, StreamSpec

PAYLOAD = "payload"
ROWTIME = "event_ts"

CLIENT_MS = f"TRY_CAST(JSON_VALUE(`{PAYLOAD}`, '$.event.timestamp') AS BIGINT)"
RECEIVED_MS = f"TRY_CAST(JSON_VALUE(`{PAYLOAD}`, '$.received_at') AS BIGINT)"

# Sink schemas (column definitions), shared by the Kinesis and filesystem variants.
METRICS_COLUMNS = (
    ("metric", "STRING"),
    ("app_id", "STRING"),
    ("window_start", "TIMESTAMP(3)"),
    ("window_end", "TIMESTAMP(3)"),
    ("page_url", "STRING"),
    ("page_rank", "BIGINT"),
    ("metric_value", "BIGINT"),
)
ERRORS_COLUMNS = (
    ("reason", "STRING"),
    ("request_id", "STRING"),
    ("received_at", "BIGINT"),
    ("payload_length", "INT"),
    ("payload_sample", "STRING"),
)
LATE_COLUMNS = (
    ("event_id", "STRING"),
    ("app_id", "STRING"),
    ("user_id", "STRING"),
    ("event_type", "STRING"),
    ("page_url", "STRING"),
    ("event_time", "TIMESTAMP(3)"),
    ("window_start", "TIMESTAMP(3)"),
    ("watermark_time", "TIMESTAMP(3)"),
    ("received_at", "BIGINT"),
)

SINK_JSON_OPTIONS = {
    "format": "json",
    "json.timestamp-format.standard": "ISO-8601",
    "json.encode.decimal-as-plain-number": "true",
}


def event_time_ms_expression(max_clock_skew_ms: int) -> str:
    """Epoch ms of an envelope's event time, as the raw zone computes ``event_time``.

    The client's ``event.timestamp``, unless it is more than ``max_clock_skew_ms`` away from the
    server's ``received_at``: then ``received_at`` (one device with a clock a day ahead must not
    push the watermark a day forward and turn every other event late). Envelopes without a usable
    client timestamp fall back to ``received_at`` and then to 0; they are routed to the errors
    sink and never reach a window, and 0 never moves the watermark (it only advances).
    """
    return (
        f"CASE WHEN {CLIENT_MS} IS NULL OR {CLIENT_MS} <= 0 THEN COALESCE({RECEIVED_MS}, 0) "
        f"WHEN {RECEIVED_MS} IS NOT NULL AND ABS({RECEIVED_MS} - {CLIENT_MS}) > "
        f"{int(max_clock_skew_ms)} THEN {RECEIVED_MS} "
        f"ELSE {CLIENT_MS} END"
    )


def source_ddl(table: str, spec: StreamSpec, settings: MetricsSettings) -> str:
    """The envelope source: one ``payload`` string per record, event time and watermark."""
    delay_seconds = (
        f"{settings.watermark_delay_ms // 1000}.{settings.watermark_delay_ms % 1000:03d}"
    )
    event_ms = event_time_ms_expression(settings.max_clock_skew_ms)
    columns = ",\n  ".join(
        (
            f"`{PAYLOAD}` STRING",
            f"`{ROWTIME}` AS TO_TIMESTAMP_LTZ({event_ms}, 3)",
            f"WATERMARK FOR `{ROWTIME}` AS `{ROWTIME}` - INTERVAL '{delay_seconds}' SECOND",
        )
    )
    options = {"connector": spec.connector, **spec.options, "format": "raw"}
    return f"CREATE TABLE `{table}` (\n  {columns}\n) WITH (\n{_with(options)}\n)"


def sink_ddl(table: str, columns: tuple[tuple[str, str], ...], spec: StreamSpec) -> str:
    """An append-only JSON sink with the given columns."""
    body = ",\n  ".join(f"`{name}` {sql_type}" for name, sql_type in columns)
    options = {"connector": spec.connector, **SINK_JSON_OPTIONS, **spec.options}
    options["format"] = "json"
    return f"CREATE TABLE `{table}` (\n  {body}\n) WITH (\n{_with(options)}\n)"


def _with(options: Mapping[str, str]) -> str:
    return ",\n".join(f"  '{_quote(k)}' = '{_quote(v)}'" for k, v in options.items())


def _quote(text: str) -> str:
    return text.replace("'", "''")

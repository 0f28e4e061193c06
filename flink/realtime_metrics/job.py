"""Entry point: read the runtime properties, create the tables, submit one streaming job.

On Managed Flink the properties come from /etc/flink/application_properties.json and the Kinesis
connector jar is attached through the ``kinesis.analytics.flink.run.options`` group (``jarfile``).
Locally, pass ``--properties <file>`` (stream groups may use ``"connector": "filesystem"``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pyflink.table import EnvironmentSettings, TableEnvironment, TableResult

from .config import DEFAULT_PROPERTIES_PATH, ConfigError, JobConfig, load_config
from .ddl import ERRORS_COLUMNS, LATE_COLUMNS, METRICS_COLUMNS, sink_ddl, source_ddl
from .pipeline import SinkNames, build_pipeline, configure, insert_into

SOURCE_TABLE = "envelopes"
SINKS = SinkNames(metrics="metrics_out", errors="errors_out", late="late_events_out")


def create_tables(t_env: TableEnvironment, config: JobConfig) -> None:
    """CREATE TABLE for the source and the three sinks, from the configuration."""
    statements = (
        source_ddl(SOURCE_TABLE, config.source, config.settings),
        sink_ddl(SINKS.metrics, METRICS_COLUMNS, config.metrics_sink),
        sink_ddl(SINKS.errors, ERRORS_COLUMNS, config.errors_sink),
        sink_ddl(SINKS.late, LATE_COLUMNS, config.late_sink),
    )
    for statement in statements:
        t_env.execute_sql(statement)


def run(t_env: TableEnvironment, config: JobConfig) -> TableResult:
    """Wire source, pipeline and sinks into ``t_env`` and submit the job (does not wait)."""
    configure(t_env, config.settings)
    create_tables(t_env, config)
    outputs = build_pipeline(t_env, SOURCE_TABLE, config.settings)
    return insert_into(t_env, outputs, SINKS).execute()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="clickstack real-time metrics (PyFlink)")
    parser.add_argument("--properties", type=Path, default=DEFAULT_PROPERTIES_PATH)
    parser.add_argument(
        "--wait", action="store_true", help="block until the job ends (local bounded runs)"
    )
    args = parser.parse_args(argv)
    try:
        config = load_config(args.properties)
    except ConfigError as exc:
        print(f"realtime_metrics: {exc}", file=sys.stderr)
        return 2
    t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    result = run(t_env, config)
    if args.wait:
        result.wait()
    return 0

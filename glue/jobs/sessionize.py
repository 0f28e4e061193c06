"""Glue job: one day of normalised events -> curated events, sessions and errors (Parquet).

Reads the raw zone written by firehose_transform (JSON lines, optionally gzip, partitioned
``dt=YYYY-MM-DD/hr=HH``) for one ``--dt`` and writes three datasets partitioned by ``dt``:

- curated events: every valid, de-duplicated event plus its ``session_key``;
- sessions: one row per session (gap-based, per ``user_id``);
- errors: every input row that could not be used, with a ``reason`` and the record itself.

Every input row ends up in exactly one place: ``input = curated + duplicates + errors``; the job
checks that before it writes. Only the processed ``dt`` partition of each output is replaced
(dynamic partition overwrite), so re-running a day is idempotent.

This file is the whole job: the packager uploads it as the Glue script on its own, so it imports
nothing from the repository. The logic lives in plain DataFrame functions that tests call
directly; ``main`` is a thin adapter that uses ``awsglue`` when it is present (on Glue) and a
plain SparkSession otherwise.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import re
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

LOG = logging.getLogger("clickstack.sessionize")

CORRUPT_COLUMN = "_corrupt_record"
REQUIRED_FIELDS = ("event_id", "user_id", "event_time")
PAGE_VIEW = "page_view"
DEFAULT_SESSION_GAP_MINUTES = 30
ROWS_PER_FILE = 500_000  # roughly 50-100 MB of snappy Parquet for these rows

# Error reasons (stable codes; ``detail`` carries the specifics).
REASON_MALFORMED_JSON = "malformed_json"
REASON_WRONG_TYPE = "wrong_type"
REASON_MISSING_FIELD = "missing_required_field"
REASON_REJECTED = "rejected_event"  # a $defs/rejected_event line: the transform refused it

_S = T.StringType()
_L = T.LongType()
_B = T.BooleanType()

# The normalised event written by firehose_transform: contracts/clickstream-event.schema.json
# $defs/normalised_event. This script is uploaded on its own, so the fields are spelled out here
# and tests/glue/test_contract_schema.py fails when they drift from the contract. dt/hr are
# also the raw zone's partition keys; Spark takes their values from the directory names.
EVENT_SCHEMA = T.StructType(
    [
        T.StructField("event_id", _S),
        T.StructField("event_type", _S),
        T.StructField("event_time", _L),
        T.StructField("client_time", _L),
        T.StructField("received_at", _L),
        T.StructField("clock_skew_ms", _L),
        T.StructField("clock_corrected", _B),
        T.StructField("app_id", _S),
        T.StructField("user_id", _S),
        T.StructField("session_id", _S),
        T.StructField("page_url", _S),
        T.StructField("page_path", _S),
        T.StructField("page_title", _S),
        T.StructField("referrer", _S),
        T.StructField("client_ip", _S),
        T.StructField("user_agent", _S),
        T.StructField("device_type", _S),
        T.StructField("os_name", _S),
        T.StructField("browser_name", _S),
        T.StructField("is_bot", _B),
        T.StructField("platform", _S),
        T.StructField("country", _S),
        T.StructField("locale", _S),
        T.StructField("screen", _S),
        T.StructField("timezone", _S),
        T.StructField("device_model", _S),
        T.StructField("app_version", _S),
        T.StructField("properties", T.MapType(_S, _S)),
        T.StructField("dt", _S),
        T.StructField("hr", _S),
    ]
)
# A $defs/rejected_event line ({"rejected": true, "reason", "raw", ...}) stands for one bad
# event of an SDK batch; its fields are read under these names so that they cannot clash with
# the job's own columns.
REJECTED_FIELDS = {"rejected": "_rejected", "reason": "_rejected_reason", "raw": "_rejected_raw"}
READ_SCHEMA = T.StructType(
    [
        *EVENT_SCHEMA.fields,
        T.StructField("rejected", _B),
        T.StructField("reason", _S),
        T.StructField("raw", _S),
        T.StructField(CORRUPT_COLUMN, _S),
    ]
)
EVENT_COLUMNS = tuple(EVENT_SCHEMA.fieldNames())
CURATED_COLUMNS = (*EVENT_COLUMNS, "session_key")
SESSION_COLUMNS = (
    "session_key",
    "user_id",
    "start",
    "end",
    "duration_s",
    "event_count",
    "page_views",
    "first_page",
    "last_page",
    "entry_referrer",
    "device_type",
    "is_bot",
    "dt",
)
ERROR_COLUMNS = (
    "reason",
    "detail",
    "event_id",
    "user_id",
    "raw_record",
    "source_file",
    "hr",
    "dt",
)

PATH_ARGUMENTS = ("raw_path", "curated_path", "sessions_path", "errors_path")
_DT_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SessionizeError(Exception):
    """Base class of the job's own failures."""


class JobArgumentError(SessionizeError):
    """An argument is missing or has the wrong form."""


class RawInputMissingError(SessionizeError):
    """The raw zone has no folder for the requested day."""


class CountMismatchError(SessionizeError):
    """input != curated + duplicates + errors: a row was lost or counted twice."""


@dataclass(frozen=True)
class JobArgs:
    raw_path: str
    curated_path: str
    sessions_path: str
    errors_path: str
    dt: str
    session_gap_minutes: int = DEFAULT_SESSION_GAP_MINUTES


@dataclass(frozen=True)
class Split:
    """Parsed rows divided into usable events and error rows (ERROR_COLUMNS)."""

    valid: DataFrame
    errors: DataFrame


@dataclass(frozen=True)
class Dedup:
    unique: DataFrame
    duplicates: DataFrame


@dataclass(frozen=True)
class RunCounts:
    dt: str
    input: int
    errors: int
    duplicates: int
    curated: int
    sessions: int

    @property
    def balanced(self) -> bool:
        return self.input == self.curated + self.duplicates + self.errors


# --------------------------------------------------------------------------- decisions


def configure(spark: SparkSession) -> None:
    """Session settings the job relies on: replace only written partitions; UTC everywhere."""
    spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    spark.conf.set("spark.sql.parquet.compression.codec", "snappy")


def day_path(root: str, dt: str) -> str:
    return f"{root.rstrip('/')}/dt={dt}"


def read_events(spark: SparkSession, raw_path: str, dt: str) -> DataFrame:
    """Read one day of the raw zone with the explicit schema, keeping unparseable lines.

    PERMISSIVE mode puts a line that is not JSON, or whose values do not fit the schema, into
    ``_corrupt_record`` (Spark keeps the fields it could convert). ``.gz`` files are decompressed
    by extension. ``dt``/``hr`` come from the folder names (``basePath`` is the raw root).
    """
    path = day_path(raw_path, dt)
    if not _path_exists(spark, path):
        raise RawInputMissingError(f"raw events for dt={dt}: {path} does not exist")
    frame = (
        spark.read.schema(READ_SCHEMA)
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT_COLUMN)
        .option("basePath", raw_path.rstrip("/"))
        .json(path)
        .withColumn("source_file", F.input_file_name())
    )
    for name, alias in REJECTED_FIELDS.items():
        frame = frame.withColumnRenamed(name, alias)
    return frame


def _blank(column: str) -> Column:
    col = F.col(column)
    if column == "event_time":
        return col.isNull()
    return col.isNull() | (F.trim(col) == "")


def split_errors(parsed: DataFrame) -> Split:
    """Route corrupt rows and rows without a required field to errors, with a reason.

    ``parsed`` is what :func:`read_events` returns (READ_SCHEMA plus ``source_file``; a
    DataFrame without ``source_file`` is accepted too). Rows that are not JSON objects are
    ``malformed_json``; JSON objects with a value of the wrong type are ``wrong_type``;
    ``$defs/rejected_event`` lines (an SDK event the transform refused) are ``rejected_event``
    with the transform's reason in ``detail`` and the event as sent in ``raw_record``; rows
    that parse but lack event_id / user_id / event_time (null or blank) are
    ``missing_required_field`` with the field names in ``detail``.
    """
    if "source_file" not in parsed.columns:
        parsed = parsed.withColumn("source_file", F.lit(None).cast(_S))
    for alias in REJECTED_FIELDS.values():
        if alias not in parsed.columns:
            parsed = parsed.withColumn(alias, F.lit(None).cast(_B if alias == "_rejected" else _S))
    corrupt = F.col(CORRUPT_COLUMN)
    rejected = F.coalesce(F.col("_rejected"), F.lit(False))
    as_json = F.get_json_object(corrupt, "$")
    is_object = as_json.isNotNull() & F.ltrim(corrupt).startswith("{")
    missing = F.concat_ws(",", *[F.when(_blank(name), F.lit(name)) for name in REQUIRED_FIELDS])
    any_missing = F.lit(False)
    for name in REQUIRED_FIELDS:
        any_missing = any_missing | _blank(name)

    reason = (
        F.when(corrupt.isNotNull() & ~is_object, F.lit(REASON_MALFORMED_JSON))
        .when(corrupt.isNotNull(), F.lit(REASON_WRONG_TYPE))
        .when(rejected, F.lit(REASON_REJECTED))
        .when(any_missing, F.lit(REASON_MISSING_FIELD))
    )
    detail = (
        F.when(corrupt.isNotNull() & ~is_object, F.lit("line is not a JSON object"))
        .when(corrupt.isNotNull(), F.lit("a value does not match the event schema"))
        .when(rejected, F.coalesce(F.col("_rejected_reason"), F.lit("no reason given")))
        .when(any_missing, F.concat(F.lit("missing: "), missing))
    )
    record_json = F.to_json(F.struct(*[F.col(c) for c in EVENT_COLUMNS if c not in ("dt", "hr")]))
    tagged = parsed.withColumn("reason", reason).withColumn("detail", detail)
    errors = tagged.where(F.col("reason").isNotNull()).select(
        "reason",
        "detail",
        "event_id",
        "user_id",
        F.coalesce(corrupt, F.when(rejected, F.col("_rejected_raw")), record_json).alias(
            "raw_record"
        ),
        "source_file",
        "hr",
        "dt",
    )
    valid = tagged.where(F.col("reason").isNull()).select(*EVENT_COLUMNS)
    return Split(valid=valid, errors=errors)


def deduplicate(events: DataFrame) -> Dedup:
    """One row per event_id: the earliest ``received_at`` wins.

    Ties (and missing received_at, which sorts last) are broken by event_time and then by a
    hash of the whole row, so the survivor does not depend on file or partition order.
    """
    content_hash = F.sha2(F.to_json(F.struct(*[F.col(c) for c in EVENT_COLUMNS])), 256)
    order = Window.partitionBy("event_id").orderBy(
        F.col("received_at").asc_nulls_last(),
        F.col("event_time").asc_nulls_last(),
        F.col("_content_hash").asc(),
    )
    ranked = events.withColumn("_content_hash", content_hash).withColumn(
        "_rank", F.row_number().over(order)
    )
    return Dedup(
        unique=ranked.where(F.col("_rank") == 1).drop("_rank", "_content_hash"),
        duplicates=ranked.where(F.col("_rank") > 1).drop("_rank", "_content_hash"),
    )


def session_key(user_id: Column, first_event_id: Column) -> Column:
    """sha256 hex of user_id and the session's first event_id (unit separator between)."""
    return F.sha2(F.concat_ws("\u001f", user_id, first_event_id), 256)


def sessionize(events: DataFrame, gap_minutes: int = DEFAULT_SESSION_GAP_MINUTES) -> DataFrame:
    """Add ``session_key`` to each event (CURATED_COLUMNS).

    Per user_id in (event_time, event_id) order, a session starts at the user's first event
    and whenever the gap to the previous event is *more than* ``gap_minutes`` (a gap of exactly
    ``gap_minutes`` stays in the session). Expects de-duplicated events with event_time set.
    """
    if gap_minutes <= 0:
        raise JobArgumentError(f"session_gap_minutes must be a positive integer, got {gap_minutes}")
    gap_ms = gap_minutes * 60_000
    by_user = Window.partitionBy("user_id").orderBy("event_time", "event_id")
    previous = F.lag("event_time").over(by_user)
    starts = previous.isNull() | ((F.col("event_time") - previous) > F.lit(gap_ms))
    numbered = events.withColumn("_starts", starts.cast("int")).withColumn(
        "_session_seq",
        F.sum("_starts").over(by_user.rowsBetween(Window.unboundedPreceding, Window.currentRow)),
    )
    by_session = (
        Window.partitionBy("user_id", "_session_seq")
        .orderBy("event_time", "event_id")
        .rowsBetween(Window.unboundedPreceding, Window.currentRow)
    )
    first_event_id = F.first("event_id").over(by_session)
    return numbered.withColumn("session_key", session_key(F.col("user_id"), first_event_id)).select(
        *CURATED_COLUMNS
    )


def build_sessions(curated: DataFrame, dt: str) -> DataFrame:
    """One row per session_key (SESSION_COLUMNS) from sessionized events.

    start/end are UTC timestamps of the first/last event; first_page/last_page are the page
    (page_path, else page_url) of the first/last event that has one; entry_referrer and
    device_type come from the first event; is_bot is true when any event was flagged.
    """
    order = F.struct("event_time", "event_id")
    page = F.coalesce(F.col("page_path"), F.col("page_url"))
    page_order = F.when(page.isNotNull(), order)
    aggregated = curated.groupBy("session_key", "user_id").agg(
        F.min("event_time").alias("_start_ms"),
        F.max("event_time").alias("_end_ms"),
        F.count(F.lit(1)).alias("event_count"),
        F.count(F.when(F.col("event_type") == PAGE_VIEW, True)).alias("page_views"),
        F.min_by(page, page_order).alias("first_page"),
        F.max_by(page, page_order).alias("last_page"),
        F.min_by(F.col("referrer"), order).alias("entry_referrer"),
        F.min_by(F.col("device_type"), order).alias("device_type"),
        F.max(F.coalesce(F.col("is_bot"), F.lit(False))).alias("is_bot"),
    )
    return aggregated.select(
        "session_key",
        "user_id",
        F.timestamp_millis(F.col("_start_ms")).alias("start"),
        F.timestamp_millis(F.col("_end_ms")).alias("end"),
        ((F.col("_end_ms") - F.col("_start_ms")) / F.lit(1000.0)).alias("duration_s"),
        "event_count",
        "page_views",
        "first_page",
        "last_page",
        "entry_referrer",
        "device_type",
        "is_bot",
        F.lit(dt).alias("dt"),
    )


# --------------------------------------------------------------------------- I/O


def _hadoop_path(spark: SparkSession, path: str) -> tuple[Any, Any]:
    """(FileSystem, Path) for ``path`` through the JVM, so s3:// and local paths work alike."""
    jvm = cast(Any, spark.sparkContext)._jvm
    conf = cast(Any, spark.sparkContext)._jsc.hadoopConfiguration()
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    return hpath.getFileSystem(conf), hpath


def _path_exists(spark: SparkSession, path: str) -> bool:
    fs, hpath = _hadoop_path(spark, path)
    return bool(fs.exists(hpath))


def write_day(df: DataFrame, root: str, dt: str, rows: int) -> None:
    """Replace ``root/dt=<dt>`` with ``df`` (snappy Parquet); other days are left alone.

    With dynamic partition overwrite an empty DataFrame would leave the old files in place,
    so a day that now has no rows is deleted explicitly. Cached inputs keep the shuffle's
    partition count (200 by default) whatever their size, so the output is coalesced to about
    ROWS_PER_FILE rows per file instead of leaving hundreds of small files per day.
    """
    if rows == 0:
        fs, hpath = _hadoop_path(df.sparkSession, day_path(root, dt))
        if fs.exists(hpath):
            fs.delete(hpath, True)
        return
    files = max(1, math.ceil(rows / ROWS_PER_FILE))
    (
        df.coalesce(files)
        .write.mode("overwrite")
        .partitionBy("dt")
        .option("compression", "snappy")
        .parquet(root.rstrip("/"))
    )


def run(spark: SparkSession, args: JobArgs) -> RunCounts:
    """The whole job for one day; returns the counts (and refuses to write if they disagree)."""
    configure(spark)
    parsed = read_events(spark, args.raw_path, args.dt).cache()
    split = split_errors(parsed)
    dedup = deduplicate(split.valid)
    curated = sessionize(dedup.unique, args.session_gap_minutes).cache()
    sessions = build_sessions(curated, args.dt).cache()
    errors = split.errors.withColumn("dt", F.lit(args.dt)).cache()
    try:
        counts = RunCounts(
            dt=args.dt,
            input=parsed.count(),
            errors=errors.count(),
            duplicates=dedup.duplicates.count(),
            curated=curated.count(),
            sessions=sessions.count(),
        )
        if not counts.balanced:
            raise CountMismatchError(
                f"dt={args.dt}: input {counts.input} != curated {counts.curated} + duplicates "
                f"{counts.duplicates} + errors {counts.errors}; nothing was written"
            )
        write_day(
            curated.withColumn("dt", F.lit(args.dt)), args.curated_path, args.dt, counts.curated
        )
        write_day(sessions, args.sessions_path, args.dt, counts.sessions)
        write_day(errors, args.errors_path, args.dt, counts.errors)
    finally:
        for frame in (errors, sessions, curated, parsed):
            frame.unpersist()
    LOG.info("sessionize counts %s", json.dumps(asdict(counts), sort_keys=True))
    return counts


# --------------------------------------------------------------------------- entry point


def _yesterday() -> str:
    return (datetime.now(UTC).date() - timedelta(days=1)).isoformat()


def parse_args(argv: Sequence[str]) -> JobArgs:
    """Parse the job's own arguments; unknown ones (Glue adds --JOB_NAME, --TempDir ...) pass.

    ``--dt`` defaults to yesterday (UTC) so a scheduled trigger needs no date.
    """
    parser = argparse.ArgumentParser(prog="sessionize", allow_abbrev=False)
    for name in PATH_ARGUMENTS:
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--dt", default=None)
    parser.add_argument("--session_gap_minutes", default=str(DEFAULT_SESSION_GAP_MINUTES))
    known, _ = parser.parse_known_args(list(argv))
    dt = known.dt or _yesterday()
    if not _DT_PATTERN.match(dt):
        raise JobArgumentError(f"--dt must be YYYY-MM-DD, got {dt!r}")
    try:
        date.fromisoformat(dt)
    except ValueError as exc:
        raise JobArgumentError(f"--dt is not a calendar date: {dt!r}") from exc
    try:
        gap = int(known.session_gap_minutes)
    except ValueError as exc:
        raise JobArgumentError(
            f"--session_gap_minutes must be a positive integer, got {known.session_gap_minutes!r}"
        ) from exc
    if gap <= 0:
        raise JobArgumentError(f"--session_gap_minutes must be a positive integer, got {gap}")
    paths = {name: str(getattr(known, name)) for name in PATH_ARGUMENTS}
    for name, value in paths.items():
        if not value.strip():
            raise JobArgumentError(f"--{name} must not be empty")
    return JobArgs(dt=dt, session_gap_minutes=gap, **paths)


def _glue_session(argv: list[str]) -> tuple[SparkSession, Any]:
    """(SparkSession, Job or None): Glue's context when awsglue is importable, else plain Spark."""
    try:
        from awsglue.context import GlueContext  # type: ignore[import-not-found]
        from awsglue.job import Job  # type: ignore[import-not-found]
        from awsglue.utils import getResolvedOptions  # type: ignore[import-not-found]
    except ImportError:
        return SparkSession.builder.appName("clickstack-sessionize").getOrCreate(), None
    from pyspark.context import SparkContext

    glue_context = GlueContext(SparkContext.getOrCreate())
    job = None
    if "--JOB_NAME" in argv:
        options = getResolvedOptions(["sessionize", *argv], ["JOB_NAME"])
        job = Job(glue_context)
        job.init(options["JOB_NAME"], options)
    return cast(SparkSession, glue_context.spark_session), job


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for Glue and local runs; returns the process exit code."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parse_args(args_list)
    except JobArgumentError as exc:
        print(f"sessionize: {exc}", file=sys.stderr)
        return 2
    spark, job = _glue_session(args_list)
    try:
        counts = run(spark, args)
    except SessionizeError as exc:
        print(f"sessionize: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({"sessionize": asdict(counts)}, sort_keys=True))
    if job is not None:
        job.commit()
    return 0


if __name__ == "__main__":
    sys.exit(main())

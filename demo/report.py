"""The demo's closing report: the shipped Athena named queries run by DuckDB over the curated
Parquet read back from the lake, the rejected events with their reasons, and the accounting."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp

from demo.run import Ledger
from generator import event_contract, queries

# Glue (Hive) type -> DuckDB type, for empty tables and for checking Parquet against the catalog.
GLUE_TO_DUCKDB = {
    "string": "VARCHAR",
    "bigint": "BIGINT",
    "double": "DOUBLE",
    "boolean": "BOOLEAN",
    "timestamp": "TIMESTAMP",
    "map<string,string>": "MAP(VARCHAR, VARCHAR)",
}


def connect(curated: Path, database: str) -> duckdb.DuckDBPyConnection:
    """DuckDB with one view per curated Glue table, named as Athena names it."""
    con = duckdb.connect()
    con.execute(f'CREATE SCHEMA "{database}"')
    for name, table in event_contract.curated_tables().items():
        folder = curated / table["prefix"]
        if any(folder.rglob("*.parquet")):
            files = str(folder / "**" / "*.parquet")
            con.execute(
                f'CREATE VIEW "{database}"."{name}" AS SELECT * FROM read_parquet('
                f"'{files}', hive_partitioning = true, hive_types = {{'dt': VARCHAR}})"
            )
            continue
        columns = [f'"{c["name"]}" {GLUE_TO_DUCKDB[c["type"]]}' for c in table["columns"]]
        con.execute(f'CREATE TABLE "{database}"."{name}" ({", ".join([*columns, "dt VARCHAR"])})')
    return con


def run_query(
    con: duckdb.DuckDBPyConnection, sql: str, today: str | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """An Athena query transpiled to DuckDB; ``today`` (YYYY-MM-DD) pins ``current_date``."""
    tree = sqlglot.parse_one(sql, read="athena")
    if today is not None:
        pinned = exp.cast(exp.Literal.string(today), exp.DataType.Type.DATE)
        tree = tree.transform(lambda node: pinned if isinstance(node, exp.CurrentDate) else node)
    cursor = con.execute(tree.sql("duckdb"))
    return [d[0] for d in cursor.description], cursor.fetchall()


def table(
    title: str, columns: list[str], rows: list[tuple[Any, ...]], limit: int = 8, width: int = 60
) -> str:
    shown = [[("" if v is None else str(v))[:width] for v in row] for row in rows[:limit]]
    widths = [max([len(c), *(len(r[i]) for r in shown)]) for i, c in enumerate(columns)]
    lines = [title, "  " + "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  " + "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in shown]
    if len(rows) > limit:
        lines.append(f"  ... {len(rows) - limit} more rows")
    if not rows:
        lines.append("  (no rows)")
    return "\n".join(lines)


def report(con: duckdb.DuckDBPyConnection, database: str, ledger: Ledger) -> tuple[str, bool]:
    """The report text, and whether every event sent is accounted for."""
    parts = []
    for query in queries.named_queries(database):
        columns, rows = run_query(con, query.sql)
        parts.append(table(f"{query.name} - {query.description}", columns, rows))
    counted = con.execute(f'SELECT count(*) FROM "{database}"."curated_events"').fetchone()
    curated_rows = int(counted[0]) if counted else 0
    failed_events = sum(events for _, events in ledger.transform_failed)
    by_reason: Counter[str] = Counter()
    for reason, events in ledger.edge_rejected.items():  # body[3] and body[5]: one reason
        by_reason[re.sub(r"\[\d+\]", "[i]", reason)] += events
    rejected = [(f"API {reason}", events) for reason, events in by_reason.most_common()]
    rejected += [(f"transform (Firehose error output): {r}", n) for r, n in ledger.transform_failed]
    reasons = con.execute(
        f'SELECT reason, detail, count(*) FROM "{database}"."processing_errors" GROUP BY 1, 2'
    ).fetchall()
    rejected += [(f"Glue processing_errors: {r} ({d})", n) for r, d, n in reasons]
    parts.append(
        table("rejected events, with reasons", ["where and why", "events"], rejected, 20, 110)
    )
    rows = [
        ("events sent (incl. retries)", ledger.sent),
        ("rejected at the API (HTTP 400)", sum(ledger.edge_rejected.values())),
        ("rejected by the transform", failed_events),
        ("curated events", curated_rows),
        ("duplicates removed (retries)", ledger.glue["duplicates"]),
        ("Glue processing errors", ledger.glue["errors"]),
    ]
    accounted = sum(n for _, n in rows[1:])
    # Neither should happen; either would mean events missing from the rows above.
    if ledger.kinesis_failed:
        rows.append(("Kinesis PutRecords entries failed (lost)", ledger.kinesis_failed))
    if ledger.profile_failures:
        rows.append(("profile_updater batch item failures", ledger.profile_failures))
    balanced = (
        accounted == ledger.sent
        and curated_rows == ledger.glue["curated"]
        and ledger.kinesis_failed == 0
        and ledger.profile_failures == 0
    )
    rows.append(("accounted for", accounted))
    verdict = "every event sent is accounted for" if balanced else "COUNTS DO NOT ADD UP"
    parts.append(table(f"accounting - {verdict}", ["", "events"], rows, 20))
    return "\n\n".join(parts), balanced

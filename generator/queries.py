"""Athena named queries: SQL files in generator/queries/, checked against the contract.

Each ``<name>.sql`` starts with a ``-- <description>`` line and names tables as
``{{ tables.<table> }}``, which renders the fully qualified ``"<database>"."<table>"``. Every
query is parsed as Athena SQL and every table and column it reads is resolved against the Glue
tables rendered from the event contract, so a query that reads a field the contract does not
define (or no longer defines) fails ``make render`` instead of failing in Athena later.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import sqlglot
from sqlglot import exp
from sqlglot.errors import OptimizeError, SqlglotError
from sqlglot.optimizer.qualify import qualify

from generator import event_contract
from generator.errors import ClickstackError
from generator.toolchain import shown

QUERIES_DIR = Path(__file__).parent / "queries"
DIALECT = "athena"
RAW_PARTITION_KEYS = ("dt", "hr")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    sql: str


def table_columns() -> dict[str, dict[str, str]]:
    """Every Glue table of the lake with its columns (partition keys included) -> Glue type."""
    tables = {
        "raw_events": {
            **{c["name"]: c["type"] for c in event_contract.raw_table_columns()},
            **dict.fromkeys(RAW_PARTITION_KEYS, "string"),
        }
    }
    for name, table in event_contract.curated_tables().items():
        columns = {c["name"]: c["type"] for c in table["columns"]}
        tables[name] = {**columns, **dict.fromkeys(event_contract.PARQUET_PARTITION_KEYS, "string")}
    return tables


class _Tables:
    """``tables.<name>`` in a query template: the quoted, database-qualified table name."""

    def __init__(self, database: str, names: set[str], source: Path) -> None:
        self._database, self._names, self._source = database, names, source

    def __getattr__(self, name: str) -> str:
        if name not in self._names:
            raise ClickstackError(
                f"{shown(self._source)}: tables.{name}: expected one of "
                f"{', '.join(sorted(self._names))}, found {name!r}"
            )
        return f'"{self._database}"."{name}"'


def _description(path: Path, text: str) -> str:
    first = text.splitlines()[0] if text.strip() else ""
    if not first.startswith("-- ") or not first[3:].strip():
        raise ClickstackError(
            f"{shown(path)}:1: expected a '-- <description>' first line, found {first!r}"
        )
    return first[3:].strip()


def _check(path: Path, sql: str, database: str, tables: dict[str, dict[str, str]]) -> None:
    where = shown(path)
    try:
        statements = [s for s in sqlglot.parse(sql, read=DIALECT) if s is not None]
    except SqlglotError as exc:
        raise ClickstackError(f"{where}: expected Athena SQL, found: {exc}") from None
    if len(statements) != 1 or not isinstance(statements[0], exp.Query):
        raise ClickstackError(f"{where}: expected exactly one SELECT statement")
    tree = statements[0]
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    for table in tree.find_all(exp.Table):
        if table.name in ctes and not table.db:
            continue
        if table.db != database or table.name not in tables:
            raise ClickstackError(
                f"{where}: reads {table.sql(DIALECT)}; expected a table of the lake through "
                f"{{{{ tables.<name> }}}} ({', '.join(sorted(tables))})"
            )
    try:
        qualify(tree, schema={database: tables}, dialect=DIALECT, validate_qualify_columns=True)
    except OptimizeError as exc:
        raise ClickstackError(
            f"{where}: {exc}; the lake's columns come from {shown(event_contract.CONTRACT_FILE)}"
        ) from None


def named_queries(database: str, folder: Path = QUERIES_DIR) -> list[NamedQuery]:
    """Every query in ``folder``, rendered for ``database`` and checked, sorted by name."""
    tables = table_columns()
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    queries = []
    for path in sorted(folder.glob("*.sql")):
        text = path.read_text()
        description = _description(path, text)
        try:
            sql = env.from_string(text).render(tables=_Tables(database, set(tables), path))
        except jinja2.TemplateError as exc:
            raise ClickstackError(f"{shown(path)}: {exc}") from None
        _check(path, sql, database, tables)
        queries.append(NamedQuery(path.stem, description, sql))
    if not queries:
        raise ClickstackError(f"{shown(folder)}: expected at least one <name>.sql, found none")
    return queries

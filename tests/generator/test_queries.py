"""Athena named queries are rendered for the env's database and checked against the lake's
tables, which come from the event contract: a wrong table or column fails the render."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import queries
from generator.errors import ClickstackError
from generator.render import env_root


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.sql"
    path.write_text(text)
    return path


def test_shipped_queries_render_qualified_for_the_database() -> None:
    rendered = {q.name: q for q in queries.named_queries("clickstack_prod")}
    assert set(rendered) >= {"daily_active_users", "top_pages", "session_summary"}
    dau = rendered["daily_active_users"]
    assert dau.description.startswith("Distinct users, sessions and events per day")
    assert 'FROM "clickstack_prod"."curated_events"' in dau.sql
    assert "{{" not in dau.sql and dau.sql.startswith(f"-- {dau.description}\n")


def test_rendered_root_carries_the_checked_sql() -> None:
    main = (env_root("prod") / "main.tf").read_text()
    for query in queries.named_queries("clickstack_prod"):
        body = "\n".join(f"        {line}" if line else "" for line in query.sql.splitlines())
        assert f"{query.name} = {{" in main
        assert body in main, f"{query.name}: the root's SQL is not the checked SQL"


def test_unknown_column_names_the_file_and_column(tmp_path: Path) -> None:
    _write(tmp_path, "bad", "-- Pages.\nSELECT page_pth FROM {{ tables.curated_events }}\n")
    with pytest.raises(ClickstackError) as err:
        queries.named_queries("db", tmp_path)
    message = str(err.value)
    assert "bad.sql" in message and "page_pth" in message
    assert "clickstream-event.schema.json" in message


def test_a_column_of_another_table_is_refused(tmp_path: Path) -> None:
    # duration_s exists, but on sessions, not on curated_events
    sql = "-- Mixed.\nSELECT avg(duration_s) FROM {{ tables.curated_events }}\n"
    _write(tmp_path, "mixed", sql)
    with pytest.raises(ClickstackError, match="duration_s"):
        queries.named_queries("db", tmp_path)


def test_unknown_table_lists_the_lake_tables(tmp_path: Path) -> None:
    _write(tmp_path, "t", "-- T.\nSELECT 1 FROM {{ tables.session }}\n")
    with pytest.raises(ClickstackError, match=r"tables\.session: expected one of .*sessions"):
        queries.named_queries("db", tmp_path)


def test_a_table_named_directly_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "direct", '-- Direct.\nSELECT user_id FROM "other"."curated_events"\n')
    with pytest.raises(ClickstackError, match=r"direct\.sql: reads .*other.*tables\.<name>"):
        queries.named_queries("db", tmp_path)


def test_a_query_without_a_description_line_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "nodesc", "SELECT user_id FROM {{ tables.curated_events }}\n")
    with pytest.raises(ClickstackError, match=r"nodesc\.sql:1: expected a '-- <description>'"):
        queries.named_queries("db", tmp_path)


def test_two_statements_or_a_write_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, "two", "-- Two.\nSELECT 1;\nDROP TABLE x\n")
    with pytest.raises(ClickstackError, match="exactly one SELECT"):
        queries.named_queries("db", tmp_path)


def test_ctes_and_partition_columns_resolve(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "cte",
        "-- CTE.\nWITH s AS (SELECT dt, user_id FROM {{ tables.sessions }})\n"
        "SELECT dt, count(*) AS n FROM s GROUP BY dt\n",
    )
    (query,) = queries.named_queries("db", tmp_path)
    assert query.name == "cte"


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ClickstackError, match="at least one"):
        queries.named_queries("db", tmp_path)

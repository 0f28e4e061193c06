"""One local SparkSession for the Glue job tests (session-scoped: starting Spark costs ~2 s)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# Without pyspark (a dev dependency) these tests are not collected, and the header says so.
try:
    import pyspark  # noqa: F401

    PYSPARK_MISSING = False
except ModuleNotFoundError:
    PYSPARK_MISSING = True
collect_ignore_glob: list[str] = ["test_*.py"] if PYSPARK_MISSING else []


def pytest_report_header() -> list[str]:
    if PYSPARK_MISSING:
        return ["tests/glue: NOT RUN - pyspark is not installed (pip install pyspark==3.5.9)"]
    return []


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # Workers (createDataFrame from Python rows) must run this interpreter, which has pyspark.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("clickstack-glue-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()

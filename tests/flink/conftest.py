"""One local PyFlink TableEnvironment (mini-cluster, parallelism 1) shared by the Flink tests.

Run with the Flink venv: ``.venv-flink/bin/pytest tests/flink``. Under the main venv (no pyflink)
these tests are not collected, so `pytest tests` there stays green.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pyflink.table import TableEnvironment

try:
    import pyflink  # noqa: F401
except ImportError:  # the main .venv: nothing here can run, and nothing should fail
    collect_ignore_glob = ["test_*.py"]

FLINK_DIR = Path(__file__).resolve().parents[2] / "flink"
if str(FLINK_DIR) not in sys.path:
    sys.path.insert(0, str(FLINK_DIR))


@pytest.fixture(scope="session")
def t_env() -> Iterator[TableEnvironment]:
    from pyflink.table import EnvironmentSettings, TableEnvironment

    env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    env.get_config().set("parallelism.default", "1")
    yield env

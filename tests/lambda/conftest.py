"""Make the Lambda sources importable as laid out in a zip, and the shared sample builders."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# lambda/ as the zip root (clickstack_events, firehose_transform); bench/ for firehose_samples
for folder in (REPO / "lambda", REPO / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


# --- Real servers on loopback for profile_updater (session-scoped: one pair per xdist worker) ---
from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
from servers import PostgresServer, RedisServer, ServerUnavailableError  # noqa: E402


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A redis-server child process; FAILS (never skips) when redis-server is missing."""
    server = RedisServer()
    try:
        server.start()
    except ServerUnavailableError as exc:
        server.stop()
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL cluster; FAILS (never skips) when its binaries are missing."""
    try:
        server = PostgresServer()
    except ServerUnavailableError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        server.start()
    except ServerUnavailableError as exc:
        server.stop()
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()

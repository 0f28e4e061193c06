"""Throughput of the profile_updater on one core, against a local redis-server and PostgreSQL.

    .venv/bin/python bench/profile_updater_bench.py [--iterations N] [--batch 500]

Starts its own servers (bench/servers.py, like the tests). A Kinesis batch of realistic web
events (5,000 users, 1% malformed) goes through process_batch N times with fresh event ids each
time (so Redis counts, not only dedups); the baseline is decode + normalise of the same records
in the same run. Prints events/s for: parse only, parse + Redis, parse + Redis + PostgreSQL.
"""

from __future__ import annotations

import argparse
import base64
import logging
import random
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "lambda"), str(REPO / "bench")]

import orjson  # noqa: E402
from clickstack_events import NormalisedEvent  # noqa: E402
from firehose_samples import BOT_AGENTS, HUMAN_AGENTS, RECEIVED_AT, envelope, web_event  # noqa: E402
from profile_updater.config import Config, load_config  # noqa: E402
from profile_updater.profiles import ProfileStore, make_client  # noqa: E402
from profile_updater.records import parse_record  # noqa: E402
from profile_updater.updater import process_batch  # noqa: E402
from profile_updater.users import UserStore  # noqa: E402
from servers import PostgresServer, RedisServer  # noqa: E402


class NoUsers:
    def upsert_first_seen(self, events: Any) -> int:
        return 0


def make_batches(count: int, size: int, seed: int = 7) -> list[list[dict[str, Any]]]:
    rng = random.Random(seed)
    agents = list(HUMAN_AGENTS) * 6 + list(BOT_AGENTS)
    batches = []
    for b in range(count):
        records = []
        for i in range(size):
            sequence = f"{b * size + i:056d}"
            if rng.random() < 0.01:
                data = b'{"envelope_version":1,"received_at":'
            else:
                event = web_event(
                    event_id=f"{rng.getrandbits(64):016x}-{b}-{i}",
                    event_type=rng.choice(["page_view", "click", "scroll", "add_to_cart"]),
                    timestamp=RECEIVED_AT - rng.randint(0, 900_000),
                    user_id=f"user-{rng.randint(1, 5000)}",
                    session_id=f"sess-{rng.randint(1, 3)}",
                    page_url=f"https://shop.example.com/p/{rng.randint(1, 900)}?ref=home",
                )
                env = envelope(event, user_agent=rng.choice(agents))
                data = orjson.dumps(env)
            records.append(
                {
                    "kinesis": {
                        "data": base64.b64encode(data).decode(),
                        "sequenceNumber": sequence,
                        "partitionKey": "p",
                    },
                    "eventID": f"shardId-000000000000:{sequence}",
                }
            )
        batches.append(records)
    return batches


def parse_only(records: list[dict[str, Any]], config: Config) -> list[NormalisedEvent]:
    return [e for r in records for e in parse_record(r, config).events]


def timed(label: str, batches: list[list[dict[str, Any]]], fn: Any) -> tuple[str, float, float]:
    fn(batches[0])  # warm caches and connections, as a warm Lambda would have them
    events = 0
    cpu = time.process_time()
    start = time.perf_counter()
    for batch in batches[1:]:
        events += fn(batch)
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu
    return label, events / wall, events / cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # rejected-record logs would measure the log sink
    redis_server, postgres = RedisServer().start(), PostgresServer().start()
    try:
        config = load_config(
            {"REDIS_URL": redis_server.url, "KEY_PREFIX": "bench", **postgres.environ()}
        )
        profiles = ProfileStore(make_client(config), config)
        users = UserStore(config)
        no_users = NoUsers()
        runs = [make_batches(args.iterations + 1, args.batch, seed) for seed in (1, 2, 3)]

        def parse(batch: list[dict[str, Any]]) -> int:
            return len(parse_only(batch, config))

        def with_redis(batch: list[dict[str, Any]]) -> int:
            return process_batch(batch, config, profiles, no_users).events

        def with_both(batch: list[dict[str, Any]]) -> int:
            result = process_batch(batch, config, profiles, users)
            assert not result.failed_sequence_numbers, result.errors
            return result.events

        rows = [
            timed("parse only (decode + normalise)", runs[0], parse),
            timed("parse + Redis (1 round trip/batch)", runs[1], with_redis),
            timed("parse + Redis + PostgreSQL upsert", runs[2], with_both),
        ]
        users.close()
        profiles.client.close()
    finally:
        redis_server.stop()
        postgres.stop()
    print(
        f"{args.batch} records/batch x {args.iterations} batches, 1% malformed, "
        "5,000 users, local redis-server + PostgreSQL 15, 1 client core"
    )
    print(f"{'path':<40}{'events/s (wall)':>17}{'events/s (CPU)':>16}")
    for label, wall, cpu in rows:
        print(f"{label:<40}{wall:>17,.0f}{cpu:>16,.0f}")
    print(f"{'with Redis / parse-only (wall)':<40}{rows[1][1] / rows[0][1]:>17.2f}")


if __name__ == "__main__":
    main()

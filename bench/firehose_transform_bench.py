"""Throughput of the firehose_transform handler on one core, next to a parse-only baseline.

    .venv/bin/python bench/firehose_transform_bench.py [--iterations N] [--batch 500]

A batch of realistic ~500-byte web events (mixed user agents, 1% malformed) goes through the
handler N times; the baseline is base64-decode + orjson.loads of the same records, measured in
the same run. Prints records/s for both and the ratio. Single-threaded, like the Lambda.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import logging
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "lambda"), str(REPO / "bench")]

import orjson  # noqa: E402
import pybase64  # noqa: E402
from firehose_samples import (  # noqa: E402
    BOT_AGENTS,
    HUMAN_AGENTS,
    RECEIVED_AT,
    envelope,
    record,
    web_event,
)
from firehose_transform.handler import handler  # noqa: E402


def make_batch(size: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    agents = list(HUMAN_AGENTS) * 6 + list(BOT_AGENTS)
    records = []
    for i in range(size):
        if rng.random() < 0.01:
            records.append(record(b'{"envelope_version":1,"received_at":', f"r{i}"))
            continue
        event = web_event(
            event_id=f"{rng.getrandbits(64):016x}-{i}",
            event_type=rng.choice(["page_view", "click", "scroll", "add_to_cart"]),
            timestamp=RECEIVED_AT - rng.randint(0, 900_000),
            user_id=f"user-{rng.randint(1, 5000)}",
            page_url=f"https://shop.example.com/p/{rng.randint(1, 900)}?ref=home",
        )
        env = envelope(
            event, user_agent=rng.choice(agents), source_ip=f"198.51.100.{rng.randint(1, 254)}"
        )
        records.append(record(env, f"r{i}"))
    return records


def parse_only(batch: dict[str, list[dict[str, Any]]]) -> None:
    for rec in batch["records"]:
        with contextlib.suppress(orjson.JSONDecodeError):
            orjson.loads(pybase64.b64decode(rec["data"], validate=True))


def rate(fn: Callable[[], object], records: int, iterations: int) -> float:
    fn()  # warm caches (UA LRU, partitions) as a warm Lambda would have them
    start = time.perf_counter()
    for _ in range(iterations):
        fn()
    return records * iterations / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # rejected-record logs would measure the log sink
    records = make_batch(args.batch)
    batch = {"records": records}
    avg = sum(len(base64.b64decode(r["data"])) for r in records) / len(records)
    baseline = rate(lambda: parse_only(batch), len(records), args.iterations)
    transform = rate(lambda: handler(batch, None), len(records), args.iterations)
    rows = [
        ("parse only (b64 + orjson.loads)", baseline),
        ("handler (validate + normalise + encode)", transform),
    ]
    print(
        f"{args.batch} records/batch x {args.iterations} iterations, "
        f"avg envelope {avg:.0f} bytes, 1% malformed, 1 core"
    )
    print(f"{'path':<42}{'records/s':>14}")
    for name, value in rows:
        print(f"{name:<42}{value:>14,.0f}")
    print(f"{'handler / parse-only':<42}{transform / baseline:>14.2f}")


if __name__ == "__main__":
    main()

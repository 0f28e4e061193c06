"""python -m demo [--env local] [--users N] [--seed N]: see demo/__init__.py."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import boto3

from demo import report, run, traffic
from generator import local_aws
from generator.errors import ClickstackError, UsageError
from generator.manifest import load_manifest
from generator.toolchain import BUILD_DIR, REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "bench"))
from servers import PostgresServer, RedisServer, ServerUnavailableError


def _client_factory(region: str) -> run.Client:
    def make(service: str) -> Any:
        return boto3.client(service, region_name=region)  # endpoint, CA, keys: from activate()

    return make


def _empty_bucket(aws: run.Client, bucket: str) -> int:
    s3, removed = aws("s3"), 0
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        versions = page.get("Versions", []) + page.get("DeleteMarkers", [])
        for item in versions:
            s3.delete_object(Bucket=bucket, Key=item["Key"], VersionId=item["VersionId"])
            removed += 1
    return removed


def demo(env: str, users: int, seed: int) -> bool:
    m = load_manifest(env).manifest
    if m.target != "local":
        raise UsageError(
            f"--env: expected an env with target: local, found {env} (target {m.target})"
        )
    local_aws.activate(m.env, m.region)
    # The handlers' structured logs (one line per rejected record) would go to CloudWatch Logs.
    log_file = BUILD_DIR / env / "demo-lambda.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(log_file, mode="w")
    logging.getLogger().addHandler(handler)
    aws = _client_factory(m.region)
    platform = run.discover(aws, m)
    # A clean slate for this run's accounting: earlier demo data leaves the lake, and only
    # records sent from now on are read from the stream.
    cleared = sum(_empty_bucket(aws, b) for b in (platform.raw_bucket, platform.curated_bucket))
    start = run.stream_end(aws, platform)
    print(f"demo: env {env} on the local AWS; {cleared} objects of earlier runs cleared")

    redis_server, postgres = RedisServer(), PostgresServer()
    try:
        redis_server.start()
        postgres.start()
    except ServerUnavailableError as exc:
        redis_server.stop()
        raise ClickstackError(
            f"demo needs redis-server and PostgreSQL on this machine: {exc}"
        ) from None
    os.environ.update({"REDIS_URL": redis_server.url, "KEY_PREFIX": "demo", **postgres.environ()})
    try:
        ledger = run.Ledger()
        now_ms = int(time.time() * 1000)
        requests = traffic.generate(now_ms, users=users, seed=seed)
        statuses = [run.send(aws, platform, r, ledger) for r in requests]
        print(
            f"edge: {len(requests)} requests, {ledger.sent} events, "
            f"{statuses.count(400)} answered 400, {ledger.kinesis_records} Kinesis records"
        )
        records = run.read_stream(aws, platform, start)
        run.run_profile_updater(platform, records, ledger)
        print(f"profile_updater: {len(records)} records, {count_users(postgres)} first-seen users")
        run.run_firehose(aws, platform, records, ledger)
        with tempfile.TemporaryDirectory(prefix="clickstack-demo-") as folder:
            work = Path(folder)
            days = run.run_glue(aws, platform, ledger, work / "glue")
            print(f"glue: sessionize over dt {', '.join(days)}: {dict(ledger.glue)}")
            run.download_curated(aws, platform, work / "lake")
            con = report.connect(work / "lake", platform.database)
            text, balanced = report.report(con, platform.database, ledger)
        print()
        print(text)
        print(f"\nthe Lambda handlers' logs: {log_file.relative_to(REPO_ROOT)}")
        return balanced
    finally:
        redis_server.stop()
        postgres.stop()


def count_users(server: PostgresServer) -> int:
    """Rows of the profile_updater's users table (first-seen users)."""
    import psycopg

    env = server.environ()
    with psycopg.connect(
        host=env["PGHOST"], port=int(env["PGPORT"]), dbname=env["PGDATABASE"], user=env["PGUSER"]
    ) as conn:
        row = conn.execute("SELECT count(*) FROM users").fetchone()
    return int(row[0]) if row else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    parser.add_argument("--env", default="local")
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    try:
        if args.users < 1:
            raise UsageError(f"--users: expected a positive number, found {args.users}")
        balanced = demo(args.env, args.users, args.seed)
    except ClickstackError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0 if balanced else 1


if __name__ == "__main__":
    sys.exit(main())

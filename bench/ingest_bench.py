"""Throughput of one collector process (ingest/collector) against a stub stream, next to a
parse-only baseline.

    .venv/bin/python bench/ingest_bench.py [--seconds 4] [--batches 1,25,100]
        [--connections 16] [--stub-latency-ms 0] [--no-access-log]

The collector runs in a child process: the real Service (HTTP server, validation, envelopes,
Kinesis writer with its thread pool, one JSON access-log line per request to a file) with a
PutRecords that answers success without I/O (after --stub-latency-ms, to play Kinesis' latency).
The parent holds --connections keep-alive connections posting batches of realistic web events
for --seconds per batch size and counts the 200s. Prints requests/s and events/s on the wall
clock and per CPU-second of the collector process (the client shares the machine, so the wall
figures are a floor), and the baseline: the collector's own parse step (JSON, contract
validation, envelopes: ingest.collector.envelopes.web_records) on the same bodies, in-process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "lambda"), str(REPO / "bench")]

from firehose_samples import HUMAN_AGENTS, RECEIVED_AT, web_event  # noqa: E402

from ingest.collector.envelopes import Origin, web_records  # noqa: E402

BODIES_PER_SIZE = 64


def bodies(batch: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    return [
        json.dumps(
            [
                web_event(
                    event_id=f"{rng.getrandbits(64):016x}-{b}-{i}",
                    event_type=rng.choice(["page_view", "click", "scroll", "add_to_cart"]),
                    timestamp=RECEIVED_AT - rng.randint(0, 900_000),
                    user_id=f"user-{rng.randint(1, 5000)}",
                    page_url=f"https://shop.example.com/p/{rng.randint(1, 900)}?ref=home",
                )
                for i in range(batch)
            ]
        ).encode()
        for b in range(BODIES_PER_SIZE)
    ]


def http_request(body: bytes, agent: str) -> bytes:
    return (
        b"POST /collect HTTP/1.1\r\nHost: collector\r\nContent-Type: application/json\r\n"
        b"User-Agent: %s\r\nX-Forwarded-For: 198.51.100.7, 203.0.113.9\r\n"
        b"X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678\r\n"
        b"Content-Length: %d\r\n\r\n%s" % (agent.encode(), len(body), body)
    )


# ----------------------------------------------------------------------------- the server


def serve(latency_ms: float, access_log: bool) -> None:
    """The child: the collector's Service with a stub PutRecords (stdout: JSON log lines)."""
    import logging

    from ingest.collector import logs
    from ingest.collector.config import Config
    from ingest.collector.service import run

    def stub(entries: list[dict[str, Any]]) -> dict[str, Any]:
        if latency_ms:
            time.sleep(latency_ms / 1000)
        answer = {"SequenceNumber": "1", "ShardId": "shardId-000000000000"}
        return {"FailedRecordCount": 0, "Records": [answer] * len(entries)}

    logs.setup("INFO")
    if not access_log:  # keep "listening" (the parent reads the port from it)
        logging.getLogger().handlers[0].addFilter(lambda r: r.getMessage() != "request")
    config = Config(stream_name="bench-stub", region="eu-west-1", host="127.0.0.1", port=0)
    sys.exit(asyncio.run(run(config, stub)))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for_port(log: Path, process: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for line in log.read_text().splitlines():
            record = json.loads(line)
            if record.get("message") == "listening":
                return int(record["port"])
        if process.poll() is not None:
            break
        time.sleep(0.05)
    raise SystemExit(f"the collector did not start:\n{log.read_text()}")


# ----------------------------------------------------------------------------- the load


async def drive(port: int, requests: list[bytes], connections: int, seconds: float) -> int:
    """Requests answered 200 within `seconds` by `connections` keep-alive connections."""
    done = 0
    stop_at = time.monotonic() + seconds

    async def connection(offset: int) -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        index = offset
        while time.monotonic() < stop_at:
            writer.write(requests[index % len(requests)])
            index += 1
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(head.split(b"Content-Length: ", 1)[1].split(b"\r\n", 1)[0])
            await reader.readexactly(length)
            if not head.startswith(b"HTTP/1.1 200 "):
                raise SystemExit(f"unexpected answer: {head!r}")
            done += 1
        writer.close()

    await asyncio.gather(*(connection(i) for i in range(connections)))
    return done


def parse_only(payloads: list[bytes], seconds: float) -> float:
    """web_records calls per second on the same bodies (this process, one core)."""
    origin = Origin(RECEIVED_AT, "203.0.113.9", HUMAN_AGENTS[0], "1-67891233-abc")
    calls = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        web_records(payloads[calls % len(payloads)], origin)
        calls += 1
    return calls / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--batches", default="1,25,100", help="events per request, comma-separated")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--stub-latency-ms", type=float, default=0.0)
    parser.add_argument("--no-access-log", action="store_true")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.stub_latency_ms, not args.no_access_log)
        return

    sizes = [int(size) for size in args.batches.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "collector.log"
        with log.open("wb") as sink:
            command = [sys.executable, __file__, "--serve"]
            command += ["--no-access-log"] if args.no_access_log else []
            server = subprocess.Popen(
                [*command, "--stub-latency-ms", str(args.stub_latency_ms)],
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        rows = []
        try:
            port = wait_for_port(log, server)
            for size in sizes:
                payloads = bodies(size)
                requests = [
                    http_request(body, HUMAN_AGENTS[i % len(HUMAN_AGENTS)])
                    for i, body in enumerate(payloads)
                ]
                asyncio.run(drive(port, requests, args.connections, 0.5))  # warm up
                cpu = cpu_seconds(server.pid)
                start = time.perf_counter()
                answered = asyncio.run(drive(port, requests, args.connections, args.seconds))
                wall = time.perf_counter() - start
                cpu = cpu_seconds(server.pid) - cpu
                baseline = parse_only(payloads, args.seconds)
                rows.append((size, answered / wall, answered / cpu, baseline))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    print(
        f"one collector process, stub stream ({args.stub_latency_ms:g} ms), "
        f"{args.connections} keep-alive connections, "
        f"access log {'off' if args.no_access_log else 'on (INFO, a file)'}, "
        f"{os.cpu_count()} cores shared with the client"
    )
    print(
        f"{'events/request':>14}{'req/s wall':>12}{'events/s wall':>15}"
        f"{'req/s CPU':>12}{'events/s CPU':>14}{'parse-only req/s':>18}{'events/s':>11}"
        f"{'HTTP+write / parse':>20}"
    )
    for size, per_wall, per_cpu, baseline in rows:
        print(
            f"{size:>14}{per_wall:>12,.0f}{per_wall * size:>15,.0f}"
            f"{per_cpu:>12,.0f}{per_cpu * size:>14,.0f}{baseline:>18,.0f}"
            f"{baseline * size:>11,.0f}{per_cpu / baseline:>20.2f}"
        )


if __name__ == "__main__":
    main()

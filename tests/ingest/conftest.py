"""The collector under test: as a process (``python -m collector``, what the image runs) or in
this process on a thread (to hand it a PutRecords with injected failures), always on a free
loopback port, writing to the project's local AWS (moto over TLS, generator.local_aws)."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import pytest

from generator import local_aws

REPO = Path(__file__).resolve().parents[2]
# The shared library as the image has it: clickstack_events top-level (lambda/ on the path).
# The collector is imported as ingest.collector here; its processes run the image's layout.
if str(REPO / "lambda") not in sys.path:
    sys.path.insert(0, str(REPO / "lambda"))

from ingest.collector.config import Config  # noqa: E402
from ingest.collector.kinesis import PutRecords  # noqa: E402
from ingest.collector.service import Service  # noqa: E402

REGION = "eu-west-1"
START_TIMEOUT_S = 30.0
# The interpreter of the collector processes: this one, or e.g. a Python 3.12 venv with only
# ingest/requirements.txt installed (what the image has), to test the image's dependency set.
COLLECTOR_PYTHON = os.environ.get("COLLECTOR_PYTHON") or sys.executable


# ----------------------------------------------------------------------------- local AWS


@pytest.fixture(scope="session")
def aws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[local_aws.LocalAws]:
    """The project's local AWS on a free loopback port, from a folder of its own."""
    folder = tmp_path_factory.mktemp("local-aws")
    running, started = local_aws.up(folder)
    assert started, "a fresh folder cannot have a running local AWS"
    try:
        yield running
    finally:
        assert local_aws.down(folder) == running.pid


@pytest.fixture(scope="session")
def kinesis(aws: local_aws.LocalAws) -> Any:
    return boto3.client(
        "kinesis",
        region_name=REGION,
        endpoint_url=aws.url,
        verify=str(aws.ca_bundle),
        aws_access_key_id="local-aws",
        aws_secret_access_key="local-aws",
    )


@pytest.fixture
def stream(kinesis: Any) -> Iterator[str]:
    """A fresh two-shard stream for one test."""
    name = f"collector-{uuid.uuid4().hex[:12]}"
    kinesis.create_stream(StreamName=name, ShardCount=2)
    kinesis.get_waiter("stream_exists").wait(
        StreamName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50}
    )
    yield name
    kinesis.delete_stream(StreamName=name, EnforceConsumerDeletion=True)


@dataclass(frozen=True)
class StreamRecord:
    partition_key: str
    data: bytes

    def envelope(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.data)
        return loaded


def read_stream(kinesis: Any, stream: str) -> list[StreamRecord]:
    """Every record of every shard (shard by shard, each in order)."""
    records = []
    for shard in kinesis.list_shards(StreamName=stream)["Shards"]:
        iterator = kinesis.get_shard_iterator(
            StreamName=stream, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        while iterator:
            page = kinesis.get_records(ShardIterator=iterator, Limit=10_000)
            records += [StreamRecord(r["PartitionKey"], r["Data"]) for r in page["Records"]]
            if not page["Records"]:
                break
            iterator = page.get("NextShardIterator")
    return records


def moto_put_records(kinesis: Any, stream: str) -> PutRecords:
    def put_records(entries: list[dict[str, Any]]) -> dict[str, Any]:
        response: dict[str, Any] = kinesis.put_records(StreamName=stream, Records=entries)
        return response

    return put_records


# ----------------------------------------------------------------------------- HTTP


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | str | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Reply(
            response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        )
    finally:
        connection.close()


def raw_exchange(port: int, data: bytes, responses: int = 1, timeout: float = 10) -> list[Reply]:
    """Send bytes as they are; read `responses` replies (fewer if the server closes first)."""
    replies: list[Reply] = []
    buffer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        while len(replies) < responses:
            parsed = _parse_reply(buffer)
            if parsed is not None:
                reply, buffer = parsed
                if reply.status != 100:
                    replies.append(reply)
                continue
            chunk = sock.recv(65536)
            if not chunk:
                break
            buffer += chunk
    return replies


def _parse_reply(buffer: bytes) -> tuple[Reply, bytes] | None:
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        return None
    lines = buffer[:end].decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    start = end + 4
    if len(buffer) < start + length:
        return None
    status = int(lines[0].split(" ")[1])
    return Reply(status, headers, buffer[start : start + length]), buffer[start + length :]


def post_json(port: int, path: str, payload: Any, headers: dict[str, str] | None = None) -> Reply:
    return request(
        port,
        "POST",
        path,
        json.dumps(payload),
        {"Content-Type": "application/json", **(headers or {})},
    )


# ----------------------------------------------------------------------------- the collector


@dataclass
class CollectorProcess:
    process: subprocess.Popen[bytes]
    log_file: Path
    port: int = 0

    def lines(self) -> list[dict[str, Any]]:
        text = self.log_file.read_text(errors="replace")
        return [json.loads(line) for line in text.splitlines() if line.startswith("{")]

    def wait_for(self, message: str, timeout: float = START_TIMEOUT_S) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines():
                if line.get("message") == message:
                    return line
            if self.process.poll() is not None and message != "stopped":
                break
            time.sleep(0.05)
        raise AssertionError(
            f"no {message!r} log line (exit {self.process.poll()}):\n{self.log_file.read_text()}"
        )

    def terminate(self) -> int:
        """SIGTERM (what ECS sends) and the exit code."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


def collector_environment(aws: local_aws.LocalAws, **overrides: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key not in local_aws.CREDENTIAL_VARIABLES
    }
    environment.update(aws.environment(REGION))
    environment.update(
        {
            "PYTHONPATH": f"{REPO / 'ingest'}{os.pathsep}{REPO / 'lambda'}",
            "PORT": "0",
            "LISTEN_HOST": "127.0.0.1",
            "LOG_LEVEL": "DEBUG",
        }
    )
    environment.update(overrides)
    return environment


def spawn(aws: local_aws.LocalAws, folder: Path, **environment: str) -> CollectorProcess:
    """``python -m collector`` (the image's command) on a free loopback port."""
    log_file = folder / f"collector-{uuid.uuid4().hex[:8]}.log"
    with log_file.open("wb") as sink:
        process = subprocess.Popen(
            [COLLECTOR_PYTHON, "-m", "collector"],
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=collector_environment(aws, **environment),
            cwd=folder,
        )
    collector = CollectorProcess(process, log_file)
    try:
        collector.port = int(collector.wait_for("listening")["port"])
    except AssertionError:
        stop(collector)
        raise
    return collector


def stop(collector: CollectorProcess) -> None:
    """SIGTERM, then SIGKILL of that one pid if it does not exit."""
    if collector.process.poll() is None:
        collector.process.send_signal(signal.SIGTERM)
        try:
            collector.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            collector.process.kill()
            collector.process.wait()


@pytest.fixture
def start_collector(
    aws: local_aws.LocalAws, tmp_path: Path
) -> Iterator[Callable[..., CollectorProcess]]:
    """Starts collectors for one test; each is stopped at its end."""
    started: list[CollectorProcess] = []

    def start(**environment: str) -> CollectorProcess:
        started.append(spawn(aws, tmp_path, **environment))
        return started[-1]

    yield start
    for collector in started:
        stop(collector)


@dataclass
class InProcessCollector:
    """The collector's Service on an event loop in a thread of this process."""

    config: Config
    put_records: PutRecords
    port: int = 0
    service: Service | None = None
    _loop: asyncio.AbstractEventLoop | None = None
    _stop: asyncio.Event | None = None
    _ready: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    drained: bool | None = None

    def start(self) -> InProcessCollector:
        self._thread = threading.Thread(target=asyncio.run, args=(self._main(),), daemon=True)
        self._thread.start()
        assert self._ready.wait(START_TIMEOUT_S), "the collector did not start"
        return self

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self.service = Service(self.config, self.put_records)
        self.port = await self.service.start()
        self._ready.set()
        await self._stop.wait()
        self.drained = await self.service.stop()

    def stop(self) -> None:
        """Stop (drain) and wait; stopping a stopped collector does nothing."""
        if self._thread is None or not self._thread.is_alive():
            return
        assert self._loop is not None and self._stop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=60)


@pytest.fixture
def in_process() -> Iterator[Callable[..., InProcessCollector]]:
    running: list[InProcessCollector] = []

    def start(put_records: PutRecords, **settings: Any) -> InProcessCollector:
        defaults: dict[str, Any] = {"host": "127.0.0.1", "port": 0, "backoff_base_s": 0.01}
        config = Config(stream_name="unused", region=REGION, **{**defaults, **settings})
        collector = InProcessCollector(config, put_records).start()
        running.append(collector)
        return collector

    yield start
    for collector in running:
        collector.stop()

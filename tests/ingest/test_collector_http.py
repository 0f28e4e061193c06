"""HTTP behaviour of the collector process: every refusal with its status and reason, and the
protocol features an ALB uses (keep-alive, pipelining, chunked bodies, 100-continue)."""

from __future__ import annotations

import base64
import gzip
import json
import os
import socket
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import local_aws
from tests.ingest.conftest import (
    COLLECTOR_PYTHON,
    REPO,
    CollectorProcess,
    post_json,
    raw_exchange,
    read_stream,
    request,
    spawn,
    stop,
)

MAX_BODY = 2 * 1024 * 1024  # above one Kinesis record (1 MiB), to reach the record check


@pytest.fixture(scope="module")
def stream(kinesis: Any) -> Iterator[str]:
    name = f"collector-http-{uuid.uuid4().hex[:8]}"
    kinesis.create_stream(StreamName=name, ShardCount=1)
    kinesis.get_waiter("stream_exists").wait(
        StreamName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50}
    )
    yield name
    kinesis.delete_stream(StreamName=name)


@pytest.fixture(scope="module")
def collector(
    aws: local_aws.LocalAws, stream: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CollectorProcess]:
    running = spawn(
        aws,
        tmp_path_factory.mktemp("collector"),
        STREAM_NAME=stream,
        MAX_BODY_BYTES=str(MAX_BODY),
        REQUEST_TIMEOUT_S="1",
    )
    yield running
    stop(running)


def event(event_id: str, user_id: str = "u-1") -> dict[str, Any]:
    return {"event_id": event_id, "event_type": "click", "timestamp": 1, "user_id": user_id}


def written(kinesis: Any, stream: str) -> set[str]:
    return {
        r.envelope()["event"]["event_id"]
        for r in read_stream(kinesis, stream)
        if b'"event"' in r.data
    }


# ------------------------------------------------------------------------------- health


def test_health_answers_200_without_aws(collector: CollectorProcess) -> None:
    reply = request(collector.port, "GET", "/health")
    assert (reply.status, reply.json()) == (200, {"status": "ok"})
    assert reply.headers["date"].endswith(" GMT")
    head = request(collector.port, "HEAD", "/health")
    assert head.status == 200 and head.body == b""
    assert collector.process.poll() is None


def test_the_image_healthcheck_command(collector: CollectorProcess, tmp_path: Path) -> None:
    """HEALTHCHECK runs ``python -m collector healthcheck`` (the image has no curl)."""

    def healthcheck(port: int) -> int:
        environment = {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": f"{REPO / 'ingest'}{os.pathsep}{REPO / 'lambda'}",
            "PORT": str(port),
        }
        command = [COLLECTOR_PYTHON, "-m", "collector", "healthcheck"]
        return subprocess.run(command, env=environment, cwd=tmp_path, timeout=30).returncode

    assert healthcheck(collector.port) == 0
    with socket.socket() as bound:  # bound, not listening: connections are refused
        bound.bind(("127.0.0.1", 0))
        assert healthcheck(int(bound.getsockname()[1])) == 1


# ------------------------------------------------------------------------------- refusals


def test_unknown_path_is_404_and_wrong_method_405(collector: CollectorProcess) -> None:
    reply = request(collector.port, "POST", "/collect/", "[]")
    assert reply.status == 404 and reply.json() == {"message": "Not Found"}
    reply = request(collector.port, "GET", "/collect")
    assert reply.status == 405 and reply.headers["allow"] == "POST"
    reply = request(collector.port, "POST", "/health")
    assert reply.status == 405 and reply.headers["allow"] == "GET, HEAD"


def test_invalid_json_is_400_with_the_reason(collector: CollectorProcess) -> None:
    reply = request(
        collector.port,
        "POST",
        "/collect",
        '[{"event_id": ',
        {
            "Content-Type": "application/json",
            "X-Amzn-Trace-Id": "Root=1-00000000-000000000000000000000001",
        },
    )
    assert reply.status == 400
    body = reply.json()
    assert body["message"] == "Invalid request body"
    assert body["reason"].startswith("body: expected JSON, found invalid JSON (")
    assert body["request_id"] == "1-00000000-000000000000000000000001"


def test_a_bad_event_is_400_and_nothing_of_the_batch_is_written(
    collector: CollectorProcess, kinesis: Any, stream: str
) -> None:
    reply = post_json(
        collector.port, "/collect", [event("refused-1"), {**event("refused-2"), "x": 1}]
    )
    assert reply.status == 400
    assert reply.json()["reason"].startswith("body[1].x: unknown field (expected one of ")
    assert not {"refused-1", "refused-2"} & written(kinesis, stream)


def test_content_type_without_a_template_is_415(collector: CollectorProcess) -> None:
    body = json.dumps([event("refused-3")])
    reply = request(collector.port, "POST", "/collect", body, {"Content-Type": "text/plain"})
    assert reply.status == 415
    assert reply.json()["reason"] == "content-type: expected application/json, found 'text/plain'"
    reply = request(
        collector.port, "POST", "/collect/sdk?appId=a", "[]", {"Content-Type": "application/xml"}
    )
    assert reply.status == 415
    reply = request(
        collector.port,
        "POST",
        "/collect",
        gzip.compress(body.encode()),
        {"Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    assert reply.status == 415
    assert reply.json()["reason"] == "content-encoding: expected none, found 'gzip'"


def test_json_with_a_charset_is_json(
    collector: CollectorProcess, kinesis: Any, stream: str
) -> None:
    reply = request(
        collector.port,
        "POST",
        "/collect",
        json.dumps([event("charset-1")]),
        {"Content-Type": "Application/JSON; charset=utf-8"},
    )
    assert reply.status == 200
    assert "charset-1" in written(kinesis, stream)


def test_sdk_without_app_id_or_with_an_undecodable_body_is_400(collector: CollectorProcess) -> None:
    reply = request(collector.port, "POST", "/collect/sdk", "[{}]", {"Content-Type": "text/plain"})
    assert reply.status == 400
    assert reply.json()["message"] == "Missing required request parameters: [appId]"
    reply = request(
        collector.port,
        "POST",
        "/collect/sdk?appId=shop&compression=gzip",
        base64.b64encode(b"not gzip").decode(),
        {"Content-Type": "text/plain"},
    )
    assert reply.status == 400
    assert reply.json()["reason"].startswith("sdk.body: expected gzip data, found invalid gzip")
    reply = request(
        collector.port,
        "POST",
        "/collect/sdk?appId=shop",
        b"\xff\xfe",
        {"Content-Type": "text/plain"},
    )
    assert reply.status == 400
    assert reply.json()["reason"] == "sdk.body: expected UTF-8 text, found invalid UTF-8 at byte 0"


def test_a_body_over_the_limit_is_413_before_it_is_read(collector: CollectorProcess) -> None:
    head = (
        f"POST /collect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {MAX_BODY + 1}\r\n\r\n"
    ).encode()
    [reply] = raw_exchange(collector.port, head)
    assert reply.status == 413
    assert reply.json()["reason"] == (
        f"body: expected at most {MAX_BODY} bytes, found Content-Length {MAX_BODY + 1}"
    )
    assert reply.headers["connection"] == "close"


def test_a_chunked_body_over_the_limit_is_413(collector: CollectorProcess) -> None:
    chunk = b"x" * (1024 * 1024)
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(3)) + b"0\r\n\r\n"
    head = b"POST /collect HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    [reply] = raw_exchange(collector.port, head + body)
    assert reply.status == 413


def test_an_event_too_big_for_one_kinesis_record_is_413(collector: CollectorProcess) -> None:
    big = {**event("refused-big"), "properties": {"k" * (1024 * 1024): "v"}}
    reply = post_json(collector.port, "/collect", [event("refused-small"), big])
    assert reply.status == 413
    assert reply.json()["reason"].startswith(
        "body[1]: expected at most 1048576 bytes in its Kinesis record (envelope and partition key)"
    )
    sdk = request(
        collector.port,
        "POST",
        "/collect/sdk?appId=shop",
        json.dumps([{"event_id": "x" * (1024 * 1024)}]),
        {"Content-Type": "text/plain"},
    )
    assert sdk.status == 413
    assert sdk.json()["reason"].startswith("request: expected at most 1048576 bytes")


@pytest.mark.parametrize(
    ("data", "status", "reason"),
    [
        (b"GARBAGE\r\n\r\n", 400, "request line: expected METHOD TARGET HTTP/1.1"),
        (
            b"GET /health HTTP/2.0\r\n\r\n",
            505,
            "request line: expected HTTP/1.1, found b'HTTP/2.0'",
        ),
        (
            b"GET http://x/health HTTP/1.1\r\n\r\n",
            400,
            "request line: expected a target starting with /",
        ),
        (
            b"GET /health HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
            400,
            "headers: expected NAME: VALUE lines",
        ),
        (
            b"GET /health HTTP/1.1\r\nBad Name: x\r\n\r\n",
            400,
            "headers: expected NAME: VALUE lines",
        ),
        (
            b"POST /collect HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n[]",
            400,
            "headers: both Content-Length and Transfer-Encoding",
        ),
        (
            b"POST /collect HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n[]",
            400,
            "content-length: expected one decimal number",
        ),
        (
            b"POST /collect HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            400,
            "content-length: expected one decimal number",
        ),
        (
            b"POST /collect HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            501,
            "transfer-encoding: expected chunked, found 'gzip, chunked'",
        ),
        (
            b"POST /collect HTTP/1.1\r\nContent-Length: 2\r\nExpect: 200-ok\r\n\r\n[]",
            417,
            "expect: expected 100-continue, found '200-ok'",
        ),
        (
            b"POST /collect HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            400,
            "chunked body: expected a hexadecimal chunk size",
        ),
        (
            b"POST /collect HTTP/1.1\r\nContent-Length: 10\r\n\r\n[1",  # then nothing: 1 s
            408,
            "request: not received in time",
        ),
        (
            b"GET /health HTTP/1.1\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n",
            431,
            "request head: expected at most 65536 bytes",
        ),
    ],
    ids=lambda value: value if isinstance(value, int) else None,
)
def test_malformed_requests_are_refused_and_the_connection_closed(
    collector: CollectorProcess, data: bytes, status: int, reason: str
) -> None:
    [reply] = raw_exchange(collector.port, data)
    assert reply.status == status
    assert reply.json() == {"message": reply.json()["message"], "reason": reason}
    assert reply.headers["connection"] == "close"


# ------------------------------------------------------------------------------- protocol


def test_keep_alive_and_pipelining(collector: CollectorProcess, kinesis: Any, stream: str) -> None:
    one = json.dumps([event("pipe-1")]).encode()
    two = json.dumps([event("pipe-2"), event("pipe-3", "u-2")]).encode()
    data = (
        b"".join(
            b"POST /collect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
            for body in (one, two)
        )
        + b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    replies = raw_exchange(collector.port, data, responses=3)
    assert [(r.status, r.json()) for r in replies] == [
        (200, {"accepted": 1, "failed": 0}),
        (200, {"accepted": 2, "failed": 0}),
        (200, {"status": "ok"}),
    ]
    assert "connection" not in replies[0].headers
    assert replies[2].headers["connection"] == "close"
    assert {"pipe-1", "pipe-2", "pipe-3"} <= written(kinesis, stream)


def test_chunked_body_and_100_continue(
    collector: CollectorProcess, kinesis: Any, stream: str
) -> None:
    body = json.dumps([event("chunk-1"), event("chunk-2")]).encode()
    chunks = b"".join(b"%x;ext=1\r\n%s\r\n" % (len(part), part) for part in (body[:10], body[10:]))
    data = (
        b"POST /collect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Expect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n"
        + chunks
        + b"0\r\nX-Trailer: t\r\n\r\n"
    )
    [reply] = raw_exchange(collector.port, data)
    assert (reply.status, reply.json()) == (200, {"accepted": 2, "failed": 0})
    assert {"chunk-1", "chunk-2"} <= written(kinesis, stream)


def test_every_request_is_logged_on_one_json_line(collector: CollectorProcess) -> None:
    request(collector.port, "GET", "/nowhere")
    lines = collector.lines()
    assert all(isinstance(line, dict) for line in lines)
    access = [line for line in lines if line["message"] == "request"]
    assert access and access[-1]["path"] == "/nowhere" and access[-1]["status"] == 404
    assert {"time", "level", "logger", "duration_ms"} <= set(access[-1])

"""SIGTERM (ECS stopping the task): the collector stops accepting connections, closes idle ones,
finishes the requests in flight (answered with Connection: close) and exits 0; whatever is still
unfinished after SHUTDOWN_TIMEOUT_S is cut off."""

from __future__ import annotations

import json
import signal
import socket
import threading
import time
from collections import Counter
from typing import Any

from tests.ingest.conftest import (
    CollectorProcess,
    _parse_reply,
    post_json,
    read_stream,
)


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def read_all(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def refused(port: int, within_s: float = 10) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            connect(port).close()
        except ConnectionRefusedError:
            return True
        time.sleep(0.05)
    return False


def collect_request(events: list[dict[str, Any]]) -> tuple[bytes, bytes]:
    body = json.dumps(events).encode()
    head = (
        b"POST /collect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % len(body)
    )
    return head, body


def events(*ids: str) -> list[dict[str, Any]]:
    return [{"event_id": i, "event_type": "click", "timestamp": 1, "user_id": "u"} for i in ids]


def test_sigterm_finishes_requests_in_flight_and_exits(
    start_collector: Any, kinesis: Any, stream: str
) -> None:
    collector: CollectorProcess = start_collector(STREAM_NAME=stream, SHUTDOWN_TIMEOUT_S="20")
    # an idle keep-alive connection, as the ALB keeps them
    idle = connect(collector.port)
    idle.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    assert b"200 OK" in idle.recv(65536)
    # a request in flight: head and half the body received
    head, body = collect_request(events("drain-1", "drain-2"))
    busy = connect(collector.port)
    busy.sendall(head + body[:10])
    time.sleep(0.3)

    collector.process.send_signal(signal.SIGTERM)
    assert collector.wait_for("stopping")["in_flight"] == 1
    assert refused(collector.port), "still accepting connections after SIGTERM"
    assert read_all(idle) == b"", "the idle connection was not closed"
    assert collector.process.poll() is None, "exited with a request in flight"

    busy.sendall(body[10:])
    parsed = _parse_reply(read_all(busy))
    assert parsed is not None
    reply, rest = parsed
    assert (reply.status, reply.json()) == (200, {"accepted": 2, "failed": 0})
    assert reply.headers["connection"] == "close" and rest == b""

    assert collector.process.wait(timeout=30) == 0
    assert collector.wait_for("stopped")["drained"] is True
    assert Counter(r.envelope()["event"]["event_id"] for r in read_stream(kinesis, stream)) == (
        Counter(["drain-1", "drain-2"])
    )


def test_a_request_that_never_completes_is_cut_off_after_the_shutdown_timeout(
    start_collector: Any, stream: str
) -> None:
    collector = start_collector(STREAM_NAME=stream, SHUTDOWN_TIMEOUT_S="1", REQUEST_TIMEOUT_S="60")
    head, body = collect_request(events("stuck"))
    stuck = connect(collector.port)
    stuck.sendall(head + body[:5])
    time.sleep(0.3)
    started = time.monotonic()
    assert collector.terminate() == 0
    assert time.monotonic() - started < 10
    assert collector.wait_for("stopped")["drained"] is False
    try:
        leftover = read_all(stuck)
    except ConnectionResetError:  # aborted: as good as closed here
        leftover = b""
    assert b"200" not in leftover


def test_a_write_to_kinesis_in_progress_is_finished(in_process: Any) -> None:
    """SIGTERM while PutRecords runs: the records are written and answered before exit."""
    entered, release = threading.Event(), threading.Event()

    def slow(entries: list[dict[str, Any]]) -> dict[str, Any]:
        entered.set()
        release.wait(10)
        return {"FailedRecordCount": 0, "Records": [{"SequenceNumber": "1"} for _ in entries]}

    collector = in_process(slow, shutdown_timeout_s=20)
    replies: list[Any] = []
    client = threading.Thread(
        target=lambda: replies.append(post_json(collector.port, "/collect", events("slow")))
    )
    client.start()
    assert entered.wait(10)
    stopper = threading.Thread(target=collector.stop)
    stopper.start()
    time.sleep(0.3)
    assert stopper.is_alive(), "stopped with a write in progress"
    release.set()
    client.join(10)
    stopper.join(10)
    assert [(r.status, r.json()) for r in replies] == [(200, {"accepted": 1, "failed": 0})]
    assert collector.drained is True


def test_health_is_503_while_draining(in_process: Any) -> None:
    """A health check that is being received when the drain starts is answered "stopping"."""
    collector = in_process(lambda entries: {}, shutdown_timeout_s=20)
    check = connect(collector.port)
    check.sendall(b"GET /health HTTP/1.1\r\n")  # the head is not complete yet
    time.sleep(0.3)
    stopper = threading.Thread(target=collector.stop)
    stopper.start()
    time.sleep(0.3)
    assert stopper.is_alive(), "stopped with a request being received"
    check.sendall(b"Host: x\r\n\r\n")
    parsed = _parse_reply(read_all(check))
    assert parsed is not None
    reply, _ = parsed
    assert (reply.status, reply.json()) == (503, {"status": "stopping"})
    assert reply.headers["connection"] == "close"
    stopper.join(10)
    assert collector.drained is True

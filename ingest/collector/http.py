"""A small, strict HTTP/1.1 server on asyncio streams, for one kind of client: the ALB.

Why not a framework: the project's pinned environment has no HTTP server library, and the
collector needs little - three routes, bodies with Content-Length or chunked, keep-alive,
100-continue, limits, timeouts and a draining shutdown. The ALB in front terminates TLS and
HTTP/2, drops header fields with invalid characters (drop_invalid_header_fields) and normalises
what it forwards, so this parser refuses anything ambiguous instead of guessing: obs-folded
lines, bare LF, both Content-Length and Transfer-Encoding, repeated or non-numeric
Content-Length, any transfer coding but "chunked" (501), versions other than HTTP/1.0 and 1.1.

Limits: request head (line and headers) MAX_HEADER_BYTES (431), body MAX_BODY_BYTES (413,
checked from Content-Length before reading, and while reading chunks), REQUEST_TIMEOUT_S to
receive a request once its first byte arrived (408), KEEPALIVE_TIMEOUT_S between requests.
Requests on one connection are answered in order (pipelining works).

Shutdown: stop listening; connections waiting for their next request are closed at once; a
request being received or handled is finished and answered with "Connection: close"; after
SHUTDOWN_TIMEOUT_S whatever is left is aborted.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass, field
from email.utils import formatdate
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import parse_qsl

import orjson

from .logs import log

REASONS = {
    100: "Continue",
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    417: "Expectation Failed",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    501: "Not Implemented",
    503: "Service Unavailable",
    505: "HTTP Version Not Supported",
}
TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # RFC 9110 token
TARGET = re.compile(rb"/[\x21-\x7e]*")  # origin-form: what the ALB sends
VERSION = re.compile(rb"HTTP/[0-9]\.[0-9]")
BAD_VALUE = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")  # control characters but HTAB
DIGITS = re.compile(r"[0-9]{1,18}")
HEX = re.compile(rb"[0-9A-Fa-f]{1,15}")
CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"


@dataclass(slots=True)
class Request:
    method: str
    path: str
    query_string: str
    version: str
    headers: list[tuple[str, str]]  # (lower-case name, value) in the order received
    peer: str  # the TCP peer's address (an ALB node)
    received_at_ms: int
    body: bytes = b""

    def header(self, name: str) -> str | None:
        """The first value of a header (name in lower case), None when absent."""
        for key, value in self.headers:
            if key == name:
                return value
        return None

    def header_values(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key == name]

    def query(self) -> dict[str, str]:
        """Query parameters, percent-decoded; a repeated one keeps its last value."""
        return dict(parse_qsl(self.query_string, keep_blank_values=True))


@dataclass(slots=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: list[tuple[str, str]] = field(default_factory=list)
    log: dict[str, Any] = field(default_factory=dict)  # extra fields of the access-log line

    @classmethod
    def json(
        cls, status: int, payload: Any, *, headers: list[tuple[str, str]] | None = None, **log: Any
    ) -> Response:
        return cls(status, orjson.dumps(payload), headers=headers or [], log=log)

    def encode(self, *, keep_alive: bool, head_only: bool = False) -> bytes:
        lines = [f"HTTP/1.1 {self.status} {REASONS.get(self.status, 'Unknown')}"]
        lines.append(f"Date: {_http_date(int(time.time()))}")
        lines.append(f"Content-Length: {len(self.body)}")
        if self.body:
            lines.append(f"Content-Type: {self.content_type}")
        lines.extend(f"{name}: {value}" for name, value in self.headers)
        if not keep_alive:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        return head if head_only else head + self.body


Handler = Callable[[Request], Awaitable[Response]]


@lru_cache(maxsize=1)
def _http_date(second: int) -> str:
    """The Date header's value (RFC 9110 asks origin servers for one), formatted once a second."""
    return formatdate(second, usegmt=True)


class App(Protocol):
    def route(self, method: str, path: str) -> Handler | Response:
        """The handler of a route, or the answer when there is none (404, 405)."""


class ProtocolError(Exception):
    """A request that cannot be read: answered with `status` and the connection closed."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def response(self) -> Response:
        return Response.json(
            self.status,
            {"message": REASONS[self.status], "reason": self.reason},
            reason=self.reason,
        )


@dataclass(slots=True, eq=False)  # hashed by identity: kept in a set
class _Connection:
    task: asyncio.Task[Any] | None
    busy: bool = False


CHUNKED = -1  # body framing: chunked; otherwise the Content-Length (0: no body)


class HttpServer:
    def __init__(
        self,
        app: App,
        *,
        host: str,
        port: int,
        max_header_bytes: int,
        max_body_bytes: int,
        keepalive_timeout_s: float,
        request_timeout_s: float,
        shutdown_timeout_s: float,
    ) -> None:
        self._app = app
        self._host = host
        self._port = port
        self._max_header_bytes = max_header_bytes
        self._max_body_bytes = max_body_bytes
        self._keepalive_timeout_s = keepalive_timeout_s
        self._request_timeout_s = request_timeout_s
        self._shutdown_timeout_s = shutdown_timeout_s
        self._server: asyncio.Server | None = None
        self._stopping: asyncio.Future[None] | None = None
        self._connections: set[_Connection] = set()
        self._all_closed = asyncio.Event()
        self._all_closed.set()
        self.port = 0

    @property
    def stopping(self) -> bool:
        return self._stopping is not None and self._stopping.done()

    @property
    def in_flight(self) -> int:
        """Requests being received or handled right now."""
        return sum(1 for connection in self._connections if connection.busy)

    async def start(self) -> int:
        """Listen; returns the port (the one given, or the one picked for port 0)."""
        self._stopping = asyncio.get_running_loop().create_future()
        self._server = await asyncio.start_server(
            self._serve,
            self._host,
            self._port,
            limit=self._max_header_bytes,
            backlog=1024,
        )
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self.port

    async def shutdown(self) -> bool:
        """Stop listening and drain; True when every request finished within the timeout."""
        if self._stopping is not None and not self._stopping.done():
            self._stopping.set_result(None)
        if self._server is not None:
            self._server.close()
        drained = True
        try:
            async with asyncio.timeout(self._shutdown_timeout_s):
                await self._all_closed.wait()
        except TimeoutError:
            drained = False
            tasks = [c.task for c in self._connections if c.task is not None]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        if self._server is not None:
            with suppress(TimeoutError):
                async with asyncio.timeout(1):
                    await self._server.wait_closed()
        return drained

    # ------------------------------------------------------------------ one connection

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peername = writer.get_extra_info("peername")
        peer = str(peername[0]) if peername else ""
        connection = _Connection(asyncio.current_task())
        self._connections.add(connection)
        self._all_closed.clear()
        try:
            while True:
                first = await self._next_request(reader)
                if not first:
                    break
                connection.busy = True
                keep_alive = await self._exchange(first, reader, writer, peer)
                connection.busy = False
                if not keep_alive or self.stopping:
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            pass  # the peer went away; there is nobody to answer
        except Exception:
            log(logging.ERROR, "connection failed", peer=peer, exc_info=True)
        finally:
            self._connections.discard(connection)
            if not self._connections:
                self._all_closed.set()
            writer.close()
            with suppress(Exception, asyncio.CancelledError):
                async with asyncio.timeout(1):
                    await writer.wait_closed()

    async def _next_request(self, reader: asyncio.StreamReader) -> bytes:
        """The first byte of the next request; b"" on EOF, idle timeout or shutdown."""
        assert self._stopping is not None
        if self._stopping.done():
            return b""
        read = asyncio.ensure_future(reader.read(1))
        try:
            await asyncio.wait(
                (read, self._stopping),
                timeout=self._keepalive_timeout_s,
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            if not read.done():
                read.cancel()
                with suppress(asyncio.CancelledError, Exception):
                    await read
        if read.cancelled():
            return b""
        return read.result()  # a byte that arrived is served, even during shutdown

    async def _exchange(
        self,
        first: bytes,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        peer: str,
    ) -> bool:
        """Read, handle and answer one request; False when the connection must close."""
        started = time.monotonic()
        request: Request | None = None
        try:
            async with asyncio.timeout(self._request_timeout_s):
                try:
                    head = first + await reader.readuntil(b"\r\n\r\n")
                except asyncio.LimitOverrunError:
                    raise ProtocolError(
                        431, f"request head: expected at most {self._max_header_bytes} bytes"
                    ) from None
                request, framing = self._parse_head(head, peer)
                keep_alive = _keep_alive(request)
                route = self._app.route(request.method, request.path)
                if isinstance(route, Response):
                    # unread body bytes would be taken for the next request: close instead
                    keep_alive = keep_alive and framing == 0
                else:
                    request.body = await self._read_body(request, framing, reader, writer)
        except TimeoutError:
            route = ProtocolError(408, "request: not received in time").response()
            keep_alive = False
        except ProtocolError as error:
            route = error.response()
            keep_alive = False
        if isinstance(route, Response):
            response = route
        else:
            assert request is not None
            try:
                response = await route(request)
            except Exception:
                log(logging.ERROR, "handler failed", path=request.path, exc_info=True)
                response = Response.json(500, {"message": "Internal server error"})
        keep_alive = keep_alive and not self.stopping
        head_only = request is not None and request.method == "HEAD"
        self._access_log(request, response, peer, started)  # before the client can act on it
        writer.write(response.encode(keep_alive=keep_alive, head_only=head_only))
        try:
            async with asyncio.timeout(self._request_timeout_s):
                await writer.drain()
        except TimeoutError:
            log(logging.WARNING, "response not read by the peer in time", peer=peer)
            return False
        return keep_alive

    def _parse_head(self, head: bytes, peer: str) -> tuple[Request, int]:
        """The request line and headers (the body is read later) and the body's framing."""
        received_at_ms = time.time_ns() // 1_000_000
        lines = head.lstrip(b"\r\n")[:-4].split(b"\r\n")  # empty lines before one are allowed
        parts = lines[0].split(b" ")
        if len(parts) != 3:
            raise ProtocolError(400, "request line: expected METHOD TARGET HTTP/1.1")
        method, target, version = parts
        if not TOKEN.fullmatch(method):
            raise ProtocolError(400, "request line: expected a method token")
        if not TARGET.fullmatch(target):
            raise ProtocolError(400, "request line: expected a target starting with /")
        if version not in (b"HTTP/1.1", b"HTTP/1.0"):
            if VERSION.fullmatch(version):
                raise ProtocolError(505, f"request line: expected HTTP/1.1, found {version!r}")
            raise ProtocolError(400, "request line: expected an HTTP version")
        headers: list[tuple[str, str]] = []
        for line in lines[1:]:
            name, colon, value = line.partition(b":")
            if not colon or not TOKEN.fullmatch(name):  # obs-fold lines start with whitespace
                raise ProtocolError(400, "headers: expected NAME: VALUE lines")
            value = value.strip(b" \t")
            if BAD_VALUE.search(value):
                raise ProtocolError(400, f"header {name.decode()}: control characters")
            headers.append((name.decode().lower(), value.decode("utf-8", "replace")))
        path, _, query_string = target.decode().partition("?")
        request = Request(
            method.decode(), path, query_string, version.decode(), headers, peer, received_at_ms
        )
        return request, self._framing(request)

    def _framing(self, request: Request) -> int:
        codings = request.header_values("transfer-encoding")
        lengths = request.header_values("content-length")
        if codings:
            if lengths:
                raise ProtocolError(400, "headers: both Content-Length and Transfer-Encoding")
            found = [c.strip().lower() for value in codings for c in value.split(",")]
            if found != ["chunked"] or request.version != "HTTP/1.1":
                raise ProtocolError(
                    501, f"transfer-encoding: expected chunked, found {', '.join(codings)!r}"
                )
            return CHUNKED
        if not lengths:
            return 0
        if len(lengths) != 1 or not DIGITS.fullmatch(lengths[0]):
            raise ProtocolError(400, "content-length: expected one decimal number")
        return int(lengths[0])

    async def _read_body(
        self,
        request: Request,
        framing: int,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> bytes:
        if framing == 0:
            return b""
        limit = self._max_body_bytes
        expect = request.header("expect")
        if expect is not None and expect.lower() != "100-continue":
            raise ProtocolError(417, f"expect: expected 100-continue, found {expect!r}")
        if framing > limit:
            raise ProtocolError(
                413, f"body: expected at most {limit} bytes, found Content-Length {framing}"
            )
        if expect is not None:
            writer.write(CONTINUE)
        if framing > 0:
            return await reader.readexactly(framing)
        chunks: list[bytes] = []
        total = 0
        while True:
            size_field = (await self._line(reader)).split(b";", 1)[0].strip(b" \t")
            if not HEX.fullmatch(size_field):
                raise ProtocolError(400, "chunked body: expected a hexadecimal chunk size")
            size = int(size_field, 16)
            if size == 0:
                break
            total += size
            if total > limit:
                raise ProtocolError(413, f"body: expected at most {limit} bytes, found more")
            chunks.append(await reader.readexactly(size))
            if await reader.readexactly(2) != b"\r\n":
                raise ProtocolError(400, "chunked body: expected CRLF after a chunk")
        trailers = 0
        while line := await self._line(reader):  # the trailer section ends with an empty line
            trailers += len(line)
            if trailers > self._max_header_bytes:
                raise ProtocolError(431, "chunked body: trailers too large")
        return b"".join(chunks)

    @staticmethod
    async def _line(reader: asyncio.StreamReader) -> bytes:
        try:
            return (await reader.readuntil(b"\r\n"))[:-2]
        except asyncio.LimitOverrunError:
            raise ProtocolError(400, "chunked body: line too long") from None

    def _access_log(
        self, request: Request | None, response: Response, peer: str, started: float
    ) -> None:
        level = logging.INFO
        if request is not None and request.path == "/health" and response.status == 200:
            level = logging.DEBUG  # the ALB checks every 15 s from each of its nodes
        log(
            level,
            "request",
            method=request.method if request else None,
            path=request.path if request else None,
            status=response.status,
            duration_ms=round((time.monotonic() - started) * 1000, 2),
            bytes_in=len(request.body) if request else None,
            peer=peer,
            **response.log,
        )


def _keep_alive(request: Request) -> bool:
    """HTTP/1.1 keeps the connection unless the client says close; HTTP/1.0 always closes."""
    if request.version != "HTTP/1.1":
        return False
    tokens = {
        token.strip().lower()
        for value in request.header_values("connection")
        for token in value.split(",")
    }
    return "close" not in tokens

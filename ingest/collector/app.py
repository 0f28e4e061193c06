"""The collector's routes: POST /collect, POST /collect/sdk, GET /health.

Answers follow the API's: 200 {"accepted": n, "failed": 0} for a batch and {"accepted": true}
for an SDK request (put_records_200.vtl, put_record_sdk_200.vtl); 400 with what is wrong; 415 for
a content type the API has no template for; 503 with Retry-After when the stream did not take
every record - never 200 for records not written (the API answers 200 with "failed": n).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from .envelopes import Origin, Refused, sdk_record, web_records
from .forwarded import client_ip, request_id
from .http import Handler, Request, Response
from .kinesis import KinesisWriter, Record, WriteError
from .logs import log

WEB_TYPES = ("application/json",)  # the one template of POST /collect
SDK_TYPES = ("application/json", "text/plain")  # the SDKs send either
UNAVAILABLE = "The event stream did not accept the events; retry later."  # put_records_502.vtl


def _media_type(request: Request) -> str:
    """The media type without parameters; API Gateway takes a missing one as JSON."""
    value = request.header("content-type") or "application/json"
    return value.split(";", 1)[0].strip().lower()


class Collector:
    def __init__(
        self,
        writer: KinesisWriter,
        *,
        trusted_proxy_hops: int,
        retry_after_s: int,
        stopping: Callable[[], bool] = lambda: False,
    ) -> None:
        self._writer = writer
        self._trusted_proxy_hops = trusted_proxy_hops
        self._retry_after_s = retry_after_s
        self.stopping = stopping
        self._routes: dict[str, dict[str, Handler]] = {
            "/collect": {"POST": self.collect},
            "/collect/sdk": {"POST": self.collect_sdk},
            "/health": {"GET": self.health, "HEAD": self.health},
        }

    def route(self, method: str, path: str) -> Handler | Response:
        methods = self._routes.get(path)
        if methods is None:
            return Response.json(404, {"message": "Not Found"}, reason=f"no route {path}")
        handler = methods.get(method)
        if handler is None:
            allowed = ", ".join(methods)
            return Response.json(
                405,
                {"message": "Method Not Allowed", "reason": f"{path}: expected {allowed}"},
                headers=[("Allow", allowed)],
            )
        return handler

    def origin(self, request: Request) -> Origin:
        return Origin(
            received_at=request.received_at_ms,
            source_ip=client_ip(
                request.header_values("x-forwarded-for"), request.peer, self._trusted_proxy_hops
            ),
            user_agent=request.header("user-agent") or "",
            request_id=request_id(request.header("x-amzn-trace-id")),
        )

    async def health(self, request: Request) -> Response:
        """Up while the process serves; no AWS call (an outage of the stream must not make the
        ALB replace every task). While draining, 503 tells a health check to look elsewhere."""
        if self.stopping():
            return Response.json(503, {"status": "stopping"})
        return Response.json(200, {"status": "ok"})

    async def collect(self, request: Request) -> Response:
        origin = self.origin(request)
        try:
            _accept(request, WEB_TYPES)
            records = web_records(request.body, origin)
        except Refused as refused:
            return _refused(refused, origin)
        return await self._write(records, origin, {"accepted": len(records), "failed": 0})

    async def collect_sdk(self, request: Request) -> Response:
        origin = self.origin(request)
        try:
            _accept(request, SDK_TYPES)
            record, events = sdk_record(request.body, request.query(), origin)
        except Refused as refused:
            return _refused(refused, origin)
        return await self._write([record], origin, {"accepted": True}, sdk_events=events)

    async def _write(
        self, records: Sequence[Record], origin: Origin, answer: dict[str, object], **fields: Any
    ) -> Response:
        try:
            result = await self._writer.write(records)
        except WriteError as error:
            log(
                logging.WARNING,
                "records not written",
                request_id=origin.request_id,
                records=len(records),
                failed=error.failed,
                written=error.written,
                reasons=dict(error.reasons),
            )
            return Response.json(
                503,
                {"message": UNAVAILABLE, "request_id": origin.request_id},
                headers=[("Retry-After", str(self._retry_after_s))],
                request_id=origin.request_id,
                records=len(records),
                failed=error.failed,
                reason=str(error),
            )
        return Response.json(
            200,
            answer,
            request_id=origin.request_id,
            source_ip=origin.source_ip,
            records=len(records),
            calls=result.calls,
            retried=result.retried,
            **fields,
        )


def _accept(request: Request, types: tuple[str, ...]) -> None:
    media_type = _media_type(request)
    if media_type not in types:
        raise Refused(
            415,
            "Unsupported Media Type",
            f"content-type: expected {' or '.join(types)}, found {media_type!r}",
        )
    encoding = (request.header("content-encoding") or "identity").strip().lower()
    if encoding != "identity":
        raise Refused(
            415, "Unsupported Media Type", f"content-encoding: expected none, found {encoding!r}"
        )


def _refused(refused: Refused, origin: Origin) -> Response:
    return Response.json(
        refused.status,
        {"message": refused.message, "reason": refused.reason, "request_id": origin.request_id},
        request_id=origin.request_id,
        source_ip=origin.source_ip,
        reason=refused.reason,
    )

"""Lambda entry point (handler = console_api.handler.handler): a thin adapter.

Every answer is JSON. A 4xx says what was wrong; anything else is a 500 whose body gives only
the request id, while the log line with the same request id has the exception and traceback.
"""

from __future__ import annotations

import logging
import os
import traceback
from functools import cache
from typing import Any

import boto3
import orjson

from console_api.config import load_config
from console_api.errors import ApiError
from console_api.http import parse_event, response
from console_api.routes import dispatch
from console_api.store import Store

LOG = logging.getLogger("console_api")


@cache
def dynamodb_client() -> Any:
    """One client per container (region, endpoint and credentials from the environment)."""
    return boto3.client("dynamodb")


def _request_id(event: Any, context: Any) -> str:
    request_context = event.get("requestContext") if isinstance(event, dict) else None
    if isinstance(request_context, dict) and isinstance(request_context.get("requestId"), str):
        return str(request_context["requestId"])
    return str(getattr(context, "aws_request_id", "") or "")


def _log(level: int, message: str, **fields: Any) -> None:
    LOG.log(level, orjson.dumps({"message": message, **fields}, default=str).decode())


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    request_id = _request_id(event, context)
    method = path = None
    try:
        config = load_config(os.environ)  # per call, as firehose_transform: cheap, no redeploy
        LOG.setLevel(config.log_level)
        request = parse_event(event, config.max_body_bytes)
        method, path = request.method, request.path
        status, body, headers = dispatch(
            request, Store(dynamodb_client(), config.table_name), config
        )
    except ApiError as exc:
        _log(logging.INFO, "refused", request_id=request_id, method=method, path=path,
             status=exc.status, code=exc.code, reason=exc.message)  # fmt: skip
        return response(exc.status, exc.body(), exc.headers)
    except Exception as exc:
        _log(logging.ERROR, "internal error", request_id=request_id, method=method, path=path,
             error=f"{type(exc).__name__}: {exc}", traceback=traceback.format_exc())  # fmt: skip
        message = f"internal error; quote request id {request_id!r} to the operators"
        body = {"error": {"code": "internal", "message": message, "field": None}}
        return response(500, body)
    _log(logging.INFO, "done", request_id=request_id, method=method, path=path, status=status)
    return response(status, body, headers)

"""API Gateway HTTP API events (payload format 2.0) in, Lambda proxy responses out.

The caller is the JWT authorizer's verified claims (requestContext.authorizer.jwt.claims):
`sub` is required, `email` is recorded when the token has it (Cognito ID tokens do, access
tokens do not). HTTP APIs hand over rawPath already percent-decoded; with a named stage (not
$default) it starts with "/<stage>", which is removed here so routes always start at /api/.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from console_api.errors import ApiError, bad_request

JSON_HEADERS = {"content-type": "application/json", "cache-control": "no-store"}


@dataclass(frozen=True, slots=True)
class Caller:
    sub: str
    email: str | None

    def to_json(self) -> dict[str, str | None]:
        return {"sub": self.sub, "email": self.email}


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    query: Mapping[str, str] = field(default_factory=dict)
    body: bytes | None = None
    caller: Caller | None = None
    request_id: str = ""


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def caller_of(request_context: Mapping[str, Any]) -> Caller | None:
    claims = _mapping(
        _mapping(_mapping(request_context.get("authorizer")).get("jwt")).get("claims")
    )
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub:
        return None
    email = claims.get("email")
    return Caller(sub, email if isinstance(email, str) and email else None)


def _body(event: Mapping[str, Any], max_bytes: int) -> bytes | None:
    raw = event.get("body")
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str):
        raise TypeError(f"event.body: expected string, found {type(raw).__name__}")
    too_large = ApiError(
        413, "body_too_large", f"body: expected at most {max_bytes} bytes, found more"
    )
    if event.get("isBase64Encoded"):
        if len(raw) > (max_bytes + 2) // 3 * 4:  # cannot decode to max_bytes or fewer
            raise too_large
        try:
            data = base64.b64decode(raw, validate=True)
        except binascii.Error:
            raise bad_request(
                "invalid_body", "body: expected base64, found invalid base64"
            ) from None
    else:
        data = raw.encode("utf-8", "surrogatepass")
    if len(data) > max_bytes:
        raise ApiError(
            413, "body_too_large", f"body: expected at most {max_bytes} bytes, found {len(data)}"
        )
    return data


def parse_event(event: Mapping[str, Any], max_body_bytes: int) -> Request:
    """The parts of an HTTP API event the routes need (413 for a body over max_body_bytes)."""
    context = _mapping(event.get("requestContext"))
    method = _mapping(context.get("http")).get("method")
    path = event.get("rawPath")
    if not isinstance(method, str) or not isinstance(path, str):
        raise TypeError("event: expected an HTTP API payload 2.0 (rawPath, requestContext.http)")
    stage = context.get("stage")
    if isinstance(stage, str) and stage not in ("", "$default"):
        prefix = f"/{stage}"
        if path == prefix or path.startswith(prefix + "/"):
            path = path[len(prefix) :] or "/"
    query = {str(k): str(v) for k, v in _mapping(event.get("queryStringParameters")).items()}
    request_id = context.get("requestId")
    return Request(
        method=method.upper(),
        path=path,
        query=query,
        body=_body(event, max_body_bytes),
        caller=caller_of(context),
        request_id=request_id if isinstance(request_id, str) else "",
    )


def response(
    status: int, body: Mapping[str, Any], headers: Mapping[str, str] | None = None
) -> dict[str, Any]:
    return {
        "statusCode": status,
        "headers": {**JSON_HEADERS, **(headers or {})},
        "body": orjson.dumps(body).decode(),
        "isBase64Encoded": False,
    }

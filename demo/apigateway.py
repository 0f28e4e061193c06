"""API Gateway's REST mapping as the local stand-in needs it: $util, $input and $context for
the Velocity templates (rendered with airspeed), and the request model check.

The tests of the ingest_api templates use the same objects, so the demo and the tests agree on
what the deployed templates produce.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import airspeed
import jsonschema  # type: ignore[import-untyped]


class Util:
    """API Gateway's $util, for what the templates use."""

    def escapeJavaScript(self, text: str) -> str:
        return (
            text.replace("\\", "\\\\").replace('"', '\\"').replace("'", "\\'").replace("\n", "\\n")
        )

    def base64Encode(self, text: str) -> str:
        return base64.b64encode(text.encode()).decode()


class Input:
    """$input over a request: path('$'), json('$[i]'), body and params(name)."""

    def __init__(self, parsed: Any, raw: str = "", query: dict[str, str] | None = None) -> None:
        self.parsed = parsed
        self.body = raw
        self.query = query or {}

    def params(self, name: str) -> str:
        return self.query.get(name, "")

    def path(self, expression: str) -> Any:
        if expression == "$":
            return self.parsed
        return self.parsed[expression.removeprefix("$.")]

    def json(self, expression: str) -> str:
        match = re.fullmatch(r"\$\[(\d+)\]", expression)
        if match is None:
            raise ValueError(f"$input.json: unsupported expression {expression!r}")
        return json.dumps(self.parsed[int(match.group(1))])


def context(
    request_id: str, received_at_ms: int, source_ip: str, user_agent: str
) -> dict[str, Any]:
    """$context of one request."""
    return {
        "identity": {"sourceIp": source_ip, "userAgent": user_agent},
        "requestId": request_id,
        "requestTimeEpoch": received_at_ms,
    }


def render(template: str, variables: dict[str, Any]) -> dict[str, Any]:
    """A request mapping template rendered to the JSON the integration receives."""
    rendered = airspeed.Template(template).merge(variables)
    result: dict[str, Any] = json.loads(rendered)
    return result


def model_error(schema: dict[str, Any], body: Any) -> str | None:
    """API Gateway's request validator: the first way ``body`` breaks the (draft-04) model,
    e.g. "body[3].timestamp: expected integer, found string"."""
    validator = jsonschema.Draft4Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(body))
    if error is None:
        return None
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    if error.validator == "type":
        found = JSON_TYPES.get(type(error.instance), type(error.instance).__name__)
        return f"body{where}: expected {error.validator_value}, found {found}"
    return f"body{where}: {error.message[:200]}"


JSON_TYPES = {
    str: "string", int: "integer", float: "number", bool: "boolean",
    dict: "object", list: "array", type(None): "null",
}  # fmt: skip

"""Checking what a client sent: JSON bodies, their fields, query parameters, path ids.

Every check names the field, what was expected and what was found, the way the ingestion's
contract validator words it ("app_id: expected at most 128 characters, found 129").

The app id rule is the ingestion's own, not a copy: the contract's app_id schema
(contracts/clickstream-event.schema.json, properties.app_id, exposed by clickstack_events as
SCHEMA) compiled by the shared Validator. Whatever the contract allows for app_id (today: a
string of at most 128 characters, no pattern) is what an app can be registered with, and a
pattern added to the contract applies here with no change. One addition: the id must not be
empty. The contract lets "" through, but an empty appId is no app to the ingestion: the SDK
mapping reads `event.app_id or query.appId` (so "" counts as absent) and API Gateway refuses
a blank required appId query parameter. Platforms are the contract's platform enum.
"""

from __future__ import annotations

import base64
import binascii
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

import orjson
from clickstack_events import SCHEMA, Validator
from clickstack_events.validator import describe

from console_api.errors import ApiError, bad_request

APP_ID_SCHEMA: Mapping[str, Any] = SCHEMA["properties"]["app_id"]
PLATFORM_SCHEMA: Mapping[str, Any] = SCHEMA["properties"]["platform"]
PLATFORMS: tuple[str, ...] = tuple(PLATFORM_SCHEMA["enum"])
_APP_ID = Validator(APP_ID_SCHEMA, root="app_id")
_PLATFORM = Validator(PLATFORM_SCHEMA, root="platform")

NAME_MAX = 100
DESCRIPTION_MAX = 1000


def app_id_error(value: Any) -> str | None:
    """None when `value` can be registered as an app id (the contract's rule, not empty)."""
    if value == "":
        return (
            "app_id: expected a non-empty string (the ingestion takes an empty appId for none), "
            "found an empty string"
        )
    return _APP_ID.error(value)


def platform_error(value: Any) -> str | None:
    return _PLATFORM.error(value)


def _control_character(value: str) -> str | None:
    for char in value:
        if unicodedata.category(char) == "Cc":
            return char
    return None


def name_error(field: str, value: Any) -> str | None:
    """A display name: 1 to NAME_MAX characters once trimmed, no control characters."""
    expected = f"a string of 1 to {NAME_MAX} characters"
    if not isinstance(value, str):
        return f"{field}: expected {expected}, found {describe(value)}"
    trimmed = value.strip()
    if not trimmed:
        return f"{field}: expected {expected}, found a blank string"
    if len(trimmed) > NAME_MAX:
        return f"{field}: expected {expected}, found {len(trimmed)} characters"
    bad = _control_character(trimmed)
    if bad is not None:
        return f"{field}: expected no control characters, found {bad!r}"
    return None


def description_error(value: Any) -> str | None:
    expected = f"a string of at most {DESCRIPTION_MAX} characters, or null"
    if value is None:
        return None
    if not isinstance(value, str):
        return f"description: expected {expected}, found {describe(value)}"
    if len(value) > DESCRIPTION_MAX:
        return f"description: expected {expected}, found {len(value)} characters"
    return None


# field -> (required, check); checked in this order, then unknown fields are refused.
Fields = Mapping[str, tuple[bool, Callable[[Any], str | None]]]
PROJECT_FIELDS: Fields = {
    "name": (True, lambda value: name_error("name", value)),
    "description": (False, description_error),
}
APP_FIELDS: Fields = {
    "app_id": (True, app_id_error),
    "name": (True, lambda value: name_error("name", value)),
    "platform": (True, platform_error),
}


def parse_json_object(body: bytes | None) -> dict[str, Any]:
    """The request body as a JSON object, or a 400 saying what it was instead."""
    if not body:
        raise bad_request("invalid_body", "body: expected a JSON object, found an empty body")
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise bad_request(
            "invalid_json", f"body: expected JSON, found invalid JSON ({exc})"
        ) from None
    if not isinstance(document, dict):
        raise bad_request(
            "invalid_body", f"body: expected a JSON object, found {describe(document)}"
        )
    return document


def check_fields(document: Mapping[str, Any], fields: Fields) -> None:
    """400 for the first missing, wrong or unknown field (a typo is not silently dropped)."""
    for name, (required, check) in fields.items():
        if name not in document:
            if required:
                raise bad_request("missing_field", f"{name}: required field missing", name)
            continue
        error = check(document[name])
        if error is not None:
            raise bad_request("invalid_field", error, name)
    for name in document:
        if name not in fields:
            allowed = ", ".join(fields)
            raise bad_request(
                "unknown_field", f"{name}: unknown field (expected one of {allowed})", name
            )


def page_limit(query: Mapping[str, str], default: int, maximum: int) -> int:
    raw = query.get("limit")
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
        raise bad_request(
            "invalid_parameter",
            f"limit: expected an integer from 1 to {maximum}, found {describe(raw)}",
            "limit",
        )
    return int(raw)


def encode_token(key: Mapping[str, str]) -> str:
    """An opaque `next` token for a DynamoDB key {"pk", "sk"} (URL-safe base64 of its JSON)."""
    raw = orjson.dumps({"pk": key["pk"], "sk": key["sk"]}, option=orjson.OPT_SORT_KEYS)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(query: Mapping[str, str], pk: str, sk_prefix: str) -> dict[str, str] | None:
    """The key a `next` token stands for; 400 unless it came from a page of this same list."""
    token = query.get("next")
    if token is None:
        return None
    invalid: ApiError = bad_request(
        "invalid_parameter",
        f"next: expected the token of a previous page of this list, found {describe(token)}",
        "next",
    )
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        key = orjson.loads(raw)
    except (binascii.Error, ValueError):
        raise invalid from None
    if (
        not isinstance(key, dict)
        or set(key) != {"pk", "sk"}
        or key["pk"] != pk
        or not isinstance(key["sk"], str)
        or not key["sk"].startswith(sk_prefix)
    ):
        raise invalid
    return {"pk": pk, "sk": key["sk"]}

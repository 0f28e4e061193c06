"""Requests from the "Clickstream Analytics on AWS" SDKs (web, Android, Swift) -> contract events.

An SDK request arrives in an envelope whose "sdk" member holds the query string and the raw body:
{"query": {"appId": "...", "compression": "gzip" | absent, "upload_timestamp": "<ms>"},
 "body": "<JSON array of SDK events; base64 of gzip bytes when compression=gzip>"}.

Each SDK event is mapped onto the contract's client event; the contract then judges it like any
other event. Mapping: user_id = user._user_id.value, else unique_id; session/page fields come
from the SDK's preset attributes (_session_id, _page_url, _page_title, _page_referrer or
_latest_referrer); platform is lowercased (anything but web/ios/android -> other); screen from
screen_width x screen_height; country from country_code; timezone from zone_offset (ms) as
"UTC+HH:MM"; device_model from model. properties = the remaining attributes as strings
(non-strings JSON-encoded), plus _device_id/_unique_id and the items list JSON-encoded as "items".
"""

from __future__ import annotations

import base64
import binascii
import zlib
from dataclasses import dataclass
from typing import Any

import orjson

from clickstack_events.errors import SdkBodyError
from clickstack_events.validator import describe

MAX_SDK_BODY_BYTES = 10 * 1024 * 1024  # decompressed; guards against gzip bombs
MAPPED_ATTRIBUTES = frozenset(
    {"_session_id", "_page_url", "_page_title", "_page_referrer", "_latest_referrer"}
)
PLATFORMS = frozenset({"web", "ios", "android"})


@dataclass(frozen=True, slots=True)
class SdkRequest:
    """The events of one SDK request: (mapped event, or an error string; the raw SDK event)."""

    events: list[tuple[dict[str, Any] | str, Any]]
    device_offset_ms: int | None  # received_at - upload_timestamp, None when not sent


def _gunzip(data: bytes) -> bytes:
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        out = inflater.decompress(data, MAX_SDK_BODY_BYTES)
    except zlib.error as exc:
        raise SdkBodyError(f"sdk.body: expected gzip data, found invalid gzip ({exc})") from None
    if inflater.unconsumed_tail:
        raise SdkBodyError(f"sdk.body: expected at most {MAX_SDK_BODY_BYTES} bytes uncompressed")
    if not inflater.eof:
        raise SdkBodyError("sdk.body: expected gzip data, found a truncated gzip stream")
    return out


def decode_body(sdk: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    """(query, list of raw SDK events); raises SdkBodyError with the reason."""
    query = sdk.get("query") or {}
    if not isinstance(query, dict):
        raise SdkBodyError(f"sdk.query: expected object, found {describe(query)}")
    body = sdk.get("body")
    if not isinstance(body, str):
        raise SdkBodyError(f"sdk.body: expected string, found {describe(body)}")
    compression = query.get("compression")
    if compression == "gzip":
        try:
            raw = _gunzip(base64.b64decode(body, validate=True))
        except binascii.Error as exc:
            raise SdkBodyError(f"sdk.body: expected base64, found invalid base64 ({exc})") from None
    elif compression in (None, ""):
        raw = body.encode()
    else:
        raise SdkBodyError(
            f"sdk.query.compression: expected 'gzip' or absent, found {compression!r}"
        )
    try:
        events = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise SdkBodyError(f"sdk.body: expected JSON, found invalid JSON ({exc})") from None
    if not isinstance(events, list):
        raise SdkBodyError(f"sdk.body: expected array of events, found {describe(events)}")
    if not events:
        raise SdkBodyError("sdk.body: expected at least one event, found an empty array")
    return query, events


def _as_string(value: Any) -> str:
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def _timezone(zone_offset_ms: Any) -> str | None:
    if not isinstance(zone_offset_ms, int) or isinstance(zone_offset_ms, bool):
        return None
    minutes = abs(zone_offset_ms) // 60_000
    sign = "-" if zone_offset_ms < 0 else "+"
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def map_sdk_event(event: Any, query: dict[str, Any]) -> dict[str, Any] | str:
    """One SDK event -> a client event for the contract to judge, or an error string."""
    if not isinstance(event, dict):
        return f"event: expected object, found {describe(event)}"
    attributes = event.get("attributes")
    if attributes is None:
        attributes = {}
    elif not isinstance(attributes, dict):
        return f"event.attributes: expected object, found {describe(attributes)}"
    user = event.get("user")
    if user is None:
        user = {}
    elif not isinstance(user, dict):
        return f"event.user: expected object, found {describe(user)}"

    out: dict[str, Any] = {}
    for name in ("event_id", "event_type", "timestamp"):
        if name in event:
            out[name] = event[name]
    user_id = user.get("_user_id")
    if isinstance(user_id, dict):
        user_id = user_id.get("value")
    if not (isinstance(user_id, str) and user_id):
        user_id = event.get("unique_id")
    if user_id is not None:
        out["user_id"] = user_id
    app_id = event.get("app_id") or query.get("appId")
    if app_id is not None:
        out["app_id"] = app_id

    for target, sources in (
        ("session_id", ("_session_id",)),
        ("page_url", ("_page_url",)),
        ("page_title", ("_page_title",)),
        ("referrer", ("_page_referrer", "_latest_referrer")),
    ):
        for source in sources:
            value = attributes.get(source)
            if value is not None and value != "":
                out[target] = value
                break

    platform = event.get("platform")
    if isinstance(platform, str) and platform:
        lowered = platform.lower()
        out["platform"] = lowered if lowered in PLATFORMS else "other"
    width, height = event.get("screen_width"), event.get("screen_height")
    if isinstance(width, int) and isinstance(height, int) and not isinstance(width, bool):
        out["screen"] = f"{width}x{height}"
    for target, source in (
        ("locale", "locale"),
        ("device_model", "model"),
        ("app_version", "app_version"),
    ):
        value = event.get(source)
        if value is not None and value != "":
            out[target] = value
    country = event.get("country_code")
    if isinstance(country, str) and country:
        out["country"] = country.upper()
    timezone = _timezone(event.get("zone_offset"))
    if timezone is not None:
        out["timezone"] = timezone

    properties = {
        key: _as_string(value)
        for key, value in attributes.items()
        if key not in MAPPED_ATTRIBUTES and value is not None
    }
    for key in ("device_id", "unique_id"):
        value = event.get(key)
        if value is not None:
            properties[f"_{key}"] = _as_string(value)
    items = event.get("items")
    if items:
        properties["items"] = _as_string(items)
    if properties:
        out["properties"] = properties
    return out


def _upload_timestamp(query: dict[str, Any]) -> int | None:
    value = query.get("upload_timestamp")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit() and len(value) <= 15:
        return int(value)
    return None


def sdk_events(sdk: dict[str, Any], *, received_at: int) -> SdkRequest:
    """Decode an SDK request and map each of its events (errors are kept per event)."""
    query, raw_events = decode_body(sdk)
    uploaded = _upload_timestamp(query)
    offset = None if uploaded is None else received_at - uploaded
    return SdkRequest([(map_sdk_event(raw, query), raw) for raw in raw_events], offset)

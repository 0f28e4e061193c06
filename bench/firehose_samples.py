"""Realistic envelopes and Firehose records: the benchmark's batch and the Lambda tests' inputs."""

from __future__ import annotations

import base64
import gzip
from typing import Any

import orjson

RECEIVED_AT = 1_700_000_000_000  # 2023-11-14T22:13:20Z
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"
)
IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/16.6 Mobile/15E148 Safari/604.1"
)
ANDROID_PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
ANDROID_TABLET = (
    "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/119.0.0.0 Safari/537.36"
)
MAC_FIREFOX = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:120.0) Gecko/20100101 Firefox/120.0"
EDGE = CHROME + " Edg/120.0.2210.61"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
HEADLESS = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/120.0.0.0 Safari/537.36"
)
CURL = "curl/8.4.0"
PYTHON_REQUESTS = "python-requests/2.31.0"
BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
HUMAN_AGENTS = (CHROME, IPHONE, IPAD, ANDROID_PHONE, ANDROID_TABLET, MAC_FIREFOX, EDGE)
BOT_AGENTS = (GOOGLEBOT, HEADLESS, CURL, PYTHON_REQUESTS, BINGBOT)


def web_event(**overrides: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "event_id": "0f8fad5b-d9cb-469f-a165-70867728950e",
        "event_type": "page_view",
        "timestamp": RECEIVED_AT - 1_500,
        "app_id": "shop-web",
        "user_id": "user-42",
        "session_id": "sess-7",
        "page_url": "https://shop.example.com/products/shoes?color=red#reviews",
        "page_title": "Red shoes | Shop",
        "referrer": "https://www.google.com/",
        "properties": {"campaign": "winter", "ab_bucket": "B"},
    }
    event.update(overrides)
    return event


def envelope(event: Any = None, **overrides: Any) -> dict[str, Any]:
    env: dict[str, Any] = {
        "envelope_version": 1,
        "received_at": RECEIVED_AT,
        "source_ip": "203.0.113.7",
        "user_agent": CHROME,
        "request_id": "c0ffee00-0000-4000-8000-000000000001",
        "event": web_event() if event is None else event,
    }
    env.update(overrides)
    return env


def sdk_event(index: int = 0, **overrides: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "event_type": "_page_view",
        "event_id": f"sdk-evt-{index}",
        "device_id": "dev-1",
        "unique_id": "uniq-1",
        "app_id": "shop-app",
        "timestamp": RECEIVED_AT - 4_000 + index,
        "platform": "Web",
        "locale": "en-US",
        "country_code": "us",
        "zone_offset": 3_600_000,
        "screen_width": 1920,
        "screen_height": 1080,
        "sdk_name": "aws-solution-clickstream-sdk",
        "user": {"_user_id": {"value": "user-9", "set_timestamp": RECEIVED_AT - 90_000}},
        "attributes": {
            "_session_id": "dc7a7a18-20231114-221300000",
            "_page_url": "https://shop.example.com/cart?step=2",
            "_page_title": "Cart",
            "_page_referrer": "https://shop.example.com/",
            "_session_number": 3,
            "_entrances": 1,
        },
        "items": [{"id": "sku-1", "price": 12.5}],
    }
    event.update(overrides)
    return event


def sdk_envelope(
    events: list[Any],
    *,
    gzip_body: bool = False,
    upload_timestamp: int | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    body_bytes = orjson.dumps(events)
    query: dict[str, Any] = {"appId": "shop-app"}
    if upload_timestamp is not None:
        query["upload_timestamp"] = str(upload_timestamp)
    if gzip_body:
        query["compression"] = "gzip"
        body = base64.b64encode(gzip.compress(body_bytes, mtime=0)).decode()
    else:
        body = body_bytes.decode()
    env: dict[str, Any] = {
        "envelope_version": 1,
        "received_at": RECEIVED_AT,
        "source_ip": "198.51.100.4",
        "user_agent": IPHONE,
        "request_id": "c0ffee00-0000-4000-8000-000000000002",
        "sdk": {"query": query, "body": body},
    }
    env.update(overrides)
    return env


def record(payload: Any, record_id: str = "rec-0") -> dict[str, Any]:
    """A Firehose input record carrying `payload` (dict/list -> JSON, bytes as they are)."""
    data = payload if isinstance(payload, bytes) else orjson.dumps(payload)
    return {
        "recordId": record_id,
        "data": base64.b64encode(data).decode(),
        "approximateArrivalTimestamp": RECEIVED_AT + 200,
    }

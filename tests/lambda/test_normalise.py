"""decode_envelope, normalise and the user-agent classifier (library level)."""

from __future__ import annotations

import base64
import gzip
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import orjson
import pytest
from clickstack_events import (
    SCHEMA,
    EnvelopeFieldError,
    EnvelopeVersionError,
    InvalidJsonError,
    NormalisedEvent,
    NotAnObjectError,
    OversizeRecordError,
    Rejected,
    SdkBodyError,
    classify_user_agent,
    decode_envelope,
    normalise,
    page_path,
    partition_of,
)
from firehose_samples import (
    ANDROID_PHONE,
    ANDROID_TABLET,
    BOT_AGENTS,
    CHROME,
    EDGE,
    IPAD,
    IPHONE,
    MAC_FIREFOX,
    RECEIVED_AT,
    envelope,
    sdk_envelope,
    sdk_event,
    web_event,
)

NORMALISED = jsonschema.Draft202012Validator(SCHEMA["$defs"]["normalised_event"])
TEN_MINUTES = 600_000


def only_event(env: dict[str, Any]) -> NormalisedEvent:
    results = normalise(env)
    assert len(results) == 1
    result = results[0]
    assert not isinstance(result, Rejected), result
    NORMALISED.validate(result)
    return result


# --- decode_envelope ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "error", "reason"),
    [
        (b'{"envelope_version":1,', InvalidJsonError, "record: expected JSON, found invalid JSON"),
        (b"not json", InvalidJsonError, "record: expected JSON"),
        (b"[1, 2]", NotAnObjectError, "envelope: expected object, found array of 2 items"),
        (
            orjson.dumps({**envelope(), "envelope_version": 2}),
            EnvelopeVersionError,
            "envelope.envelope_version: expected 1, found integer 2",
        ),
        (
            orjson.dumps({k: v for k, v in envelope().items() if k != "received_at"}),
            EnvelopeFieldError,
            "envelope.received_at: required field missing",
        ),
        (
            orjson.dumps(envelope(received_at="now")),
            EnvelopeFieldError,
            "envelope.received_at: expected integer, found string 'now'",
        ),
        (
            orjson.dumps({k: v for k, v in envelope().items() if k != "event"}),
            EnvelopeFieldError,
            "envelope: expected exactly one of event, sdk, found neither",
        ),
        (
            orjson.dumps(envelope(event=[web_event()])),
            EnvelopeFieldError,
            "envelope.event: expected object, found array of 1 items",
        ),
    ],
)
def test_decode_envelope_errors(data: bytes, error: type[Exception], reason: str) -> None:
    with pytest.raises(error) as caught:
        decode_envelope(data)
    assert str(caught.value).startswith(reason)


def test_oversize_record_rejected_before_parsing() -> None:
    data = orjson.dumps(envelope(web_event(page_title="x" * 2000)))
    with pytest.raises(OversizeRecordError, match=f"at most 1000 bytes, found {len(data)}"):
        decode_envelope(data, max_bytes=1000)


# --- normalise: web events ----------------------------------------------------------------


def test_web_event_normalised() -> None:
    event = only_event(envelope())
    assert event["event_time"] == event["client_time"] == RECEIVED_AT - 1_500
    assert event["clock_skew_ms"] == 1_500 and event["clock_corrected"] is False
    assert event["page_path"] == "/products/shoes"
    assert event["client_ip"] == "203.0.113.7"
    assert (event["device_type"], event["os_name"], event["browser_name"]) == (
        "desktop",
        "Windows",
        "Chrome",
    )
    assert event["is_bot"] is False
    assert (event["dt"], event["hr"]) == ("2023-11-14", "22")
    assert event["properties"] == {"campaign": "winter", "ab_bucket": "B"}


@pytest.mark.parametrize("skew", [TEN_MINUTES + 1, -(TEN_MINUTES + 1), 3 * 86_400_000])
def test_clock_skew_beyond_ten_minutes_uses_received_at(skew: int) -> None:
    event = only_event(envelope(web_event(timestamp=RECEIVED_AT - skew)))
    assert event["clock_corrected"] is True
    assert event["event_time"] == RECEIVED_AT
    assert event["client_time"] == RECEIVED_AT - skew
    assert event["clock_skew_ms"] == skew


@pytest.mark.parametrize("skew", [0, TEN_MINUTES, -TEN_MINUTES, 59_000])
def test_clock_skew_within_ten_minutes_keeps_client_time(skew: int) -> None:
    event = only_event(envelope(web_event(timestamp=RECEIVED_AT - skew)))
    assert event["clock_corrected"] is False
    assert event["event_time"] == RECEIVED_AT - skew
    assert event["clock_skew_ms"] == skew


def test_skew_tolerance_is_configurable() -> None:
    results = normalise(envelope(web_event(timestamp=RECEIVED_AT - 5_000)), skew_tolerance_ms=1000)
    assert not isinstance(results[0], Rejected) and results[0]["clock_corrected"] is True


def test_partition_follows_corrected_time() -> None:
    # the client thinks it is 2001; the server's clock decides the partition
    event = only_event(envelope(web_event(timestamp=1_000_000_000_000)))
    assert (event["dt"], event["hr"]) == ("2023-11-14", "22")


def test_integral_float_timestamp_becomes_int() -> None:
    event = only_event(envelope(web_event(timestamp=float(RECEIVED_AT))))
    assert isinstance(event["client_time"], int) and event["client_time"] == RECEIVED_AT


def test_invalid_event_rejected_with_reason_and_raw() -> None:
    bad = web_event(timestamp="12")
    assert normalise(envelope(bad)) == [
        Rejected("event.timestamp: expected integer, found string '12'", bad)
    ]


def test_empty_user_agent_and_ip_become_null() -> None:
    event = only_event(envelope(user_agent="", source_ip=""))
    assert event["user_agent"] is None and event["client_ip"] is None
    assert event["device_type"] == "other" and event["is_bot"] is False


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://a.example/x/y?q=1#f", "/x/y"),
        ("https://a.example", "/"),
        ("https://a.example?x=/y", "/"),
        ("https://a.example#/route", "/"),
        ("/relative/path?x=1", "/relative/path"),
        ("", None),
        (None, None),
    ],
)
def test_page_path(url: str | None, path: str | None) -> None:
    assert page_path(url) == path


def test_partition_of_is_utc() -> None:
    assert partition_of(0) == ("1970-01-01", "00")
    assert partition_of(1_700_000_000_000 + 3_600_000) == ("2023-11-14", "23")


# --- user agents --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agent", "device", "os_name", "browser"),
    [
        (CHROME, "desktop", "Windows", "Chrome"),
        (EDGE, "desktop", "Windows", "Edge"),
        (MAC_FIREFOX, "desktop", "macOS", "Firefox"),
        (IPHONE, "mobile", "iOS", "Safari"),
        (IPAD, "tablet", "iOS", "Safari"),
        (ANDROID_PHONE, "mobile", "Android", "Chrome"),
        (ANDROID_TABLET, "tablet", "Android", "Chrome"),
        ("Dalvik/2.1.0 (Linux; U; Android 13; Pixel 7 Build/TQ3A)", "mobile", "Android", None),
        (
            "Mozilla/5.0 (Linux; Android 12; CUBOT X50) AppleWebKit/537.36 Chrome/119.0 Mobile "
            "Safari/537.36",
            "mobile",
            "Android",
            "Chrome",
        ),
        ("something/1.0", "other", None, None),
    ],
)
def test_user_agent_classes(agent: str, device: str, os_name: str, browser: str | None) -> None:
    info = classify_user_agent(agent)
    assert (info.device_type, info.os_name, info.browser_name, info.is_bot) == (
        device,
        os_name,
        browser,
        False,
    )


@pytest.mark.parametrize("agent", BOT_AGENTS)
def test_bots_flagged(agent: str) -> None:
    info = classify_user_agent(agent)
    assert info.is_bot is True and info.device_type == "bot"
    event = only_event(envelope(user_agent=agent))
    assert event["is_bot"] is True and event["device_type"] == "bot"


# --- SDK requests -------------------------------------------------------------------------


@pytest.mark.parametrize("gzip_body", [False, True])
def test_sdk_request_expands_to_events(gzip_body: bool) -> None:
    env = sdk_envelope([sdk_event(i) for i in range(3)], gzip_body=gzip_body)
    results = normalise(decode_envelope(orjson.dumps(env)))
    assert len(results) == 3
    for index, event in enumerate(results):
        assert not isinstance(event, Rejected), event
        NORMALISED.validate(event)
        assert event["event_id"] == f"sdk-evt-{index}"
    first = results[0]
    assert not isinstance(first, Rejected)
    assert first["user_id"] == "user-9"
    assert first["session_id"] == "dc7a7a18-20231114-221300000"
    assert first["page_url"] == "https://shop.example.com/cart?step=2"
    assert first["page_path"] == "/cart"
    assert first["page_title"] == "Cart"
    assert first["referrer"] == "https://shop.example.com/"
    assert first["platform"] == "web"
    assert first["screen"] == "1920x1080"
    assert (first["locale"], first["country"], first["timezone"]) == ("en-US", "US", "UTC+01:00")
    assert first["app_id"] == "shop-app"
    assert first["properties"]["_session_number"] == "3"
    assert first["properties"]["_device_id"] == "dev-1"
    assert orjson.loads(first["properties"]["items"]) == [{"id": "sku-1", "price": 12.5}]
    assert "_page_url" not in first["properties"]
    assert (first["device_type"], first["os_name"]) == ("mobile", "iOS")


def test_sdk_user_id_falls_back_to_unique_id_and_app_id_to_query() -> None:
    event = sdk_event(0, user={}, platform="iOS", model="iPhone15,2")
    del event["app_id"]
    results = normalise(sdk_envelope([event]))
    result = results[0]
    assert not isinstance(result, Rejected)
    assert result["user_id"] == "uniq-1"
    assert result["app_id"] == "shop-app"
    assert result["platform"] == "ios" and result["device_model"] == "iPhone15,2"


def test_sdk_platform_outside_the_enum_becomes_other() -> None:
    result = normalise(sdk_envelope([sdk_event(0, platform="HarmonyOS")]))[0]
    assert not isinstance(result, Rejected) and result["platform"] == "other"


def test_sdk_skew_measured_by_upload_timestamp_keeps_spacing() -> None:
    # the device clock is 2 hours behind; its events were 1 s apart on the device
    offset = 2 * 3_600_000
    events = [sdk_event(i, timestamp=RECEIVED_AT - offset - 3_000 + 1_000 * i) for i in range(2)]
    results = normalise(sdk_envelope(events, upload_timestamp=RECEIVED_AT - offset))
    times = []
    for result in results:
        assert not isinstance(result, Rejected)
        assert result["clock_corrected"] is True and result["clock_skew_ms"] == offset
        times.append(result["event_time"])
    assert times == [RECEIVED_AT - 3_000, RECEIVED_AT - 2_000]


def test_sdk_small_upload_offset_not_corrected() -> None:
    # an event recorded 20 minutes ago on a correct clock (offline queue) is not "skewed"
    event = sdk_event(0, timestamp=RECEIVED_AT - 20 * 60_000)
    result = normalise(sdk_envelope([event], upload_timestamp=RECEIVED_AT - 300))[0]
    assert not isinstance(result, Rejected)
    assert result["clock_corrected"] is False and result["clock_skew_ms"] == 300
    assert result["event_time"] == RECEIVED_AT - 20 * 60_000


def test_sdk_partially_bad_batch_keeps_order_and_reasons() -> None:
    events = [sdk_event(0), sdk_event(1, timestamp="yesterday"), "junk", sdk_event(3)]
    results = normalise(sdk_envelope(events))
    assert [isinstance(r, Rejected) for r in results] == [False, True, True, False]
    assert isinstance(results[1], Rejected)
    assert results[1].reason == (
        "sdk event 1: event.timestamp: expected integer, found string 'yesterday'"
    )
    assert isinstance(results[2], Rejected)
    assert results[2].reason == "sdk event 2: event: expected object, found string 'junk'"
    assert results[2].raw == "junk"


@pytest.mark.parametrize(
    ("sdk", "reason"),
    [
        ({"query": {}, "body": "{}"}, "sdk.body: expected array of events, found object"),
        ({"query": {}, "body": "[]"}, "sdk.body: expected at least one event"),
        ({"query": {}, "body": "[{"}, "sdk.body: expected JSON"),
        ({"query": {}, "body": 5}, "sdk.body: expected string, found integer 5"),
        ({"query": {"compression": "gzip"}, "body": "%%%"}, "sdk.body: expected base64"),
        (
            {"query": {"compression": "gzip"}, "body": base64.b64encode(b"plain").decode()},
            "sdk.body: expected gzip data",
        ),
        (
            {
                "query": {"compression": "gzip"},
                "body": base64.b64encode(gzip.compress(b"[{}]")[:-6]).decode(),
            },
            "sdk.body: expected gzip data, found a truncated gzip stream",
        ),
        ({"query": {"compression": "br"}, "body": "[]"}, "sdk.query.compression"),
    ],
)
def test_sdk_body_errors(sdk: dict[str, Any], reason: str) -> None:
    env = sdk_envelope([sdk_event(0)])
    env["sdk"] = sdk
    with pytest.raises(SdkBodyError) as caught:
        normalise(env)
    assert caught.value.reason.startswith(reason)


def test_sdk_gzip_bomb_refused() -> None:
    bomb = gzip.compress(b"[" + b" " * (11 * 1024 * 1024) + b"]")
    env = sdk_envelope([sdk_event(0)])
    env["sdk"] = {"query": {"compression": "gzip"}, "body": base64.b64encode(bomb).decode()}
    with pytest.raises(SdkBodyError, match="uncompressed"):
        normalise(env)

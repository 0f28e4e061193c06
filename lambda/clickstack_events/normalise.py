"""Collector envelope -> normalised events (the raw-zone shape, $defs/normalised_event).

Web envelopes carry one client event; SDK envelopes carry a whole SDK request that expands to
many events (see sdk.py). Each event is validated against the contract and enriched: client IP,
user-agent class, clock-skew correction, page path and the UTC date/hour partitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TypedDict

from clickstack_events.contract import validate_event
from clickstack_events.sdk import sdk_events
from clickstack_events.useragent import classify_user_agent

CLOCK_SKEW_TOLERANCE_MS = 10 * 60 * 1000
HOUR_MS = 3_600_000


class NormalisedEvent(TypedDict):
    event_id: str
    event_type: str
    event_time: int
    client_time: int
    received_at: int
    clock_skew_ms: int
    clock_corrected: bool
    app_id: str | None
    user_id: str
    session_id: str | None
    page_url: str | None
    page_path: str | None
    page_title: str | None
    referrer: str | None
    client_ip: str | None
    user_agent: str | None
    device_type: str
    os_name: str | None
    browser_name: str | None
    is_bot: bool
    platform: str | None
    country: str | None
    locale: str | None
    screen: str | None
    timezone: str | None
    device_model: str | None
    app_version: str | None
    properties: dict[str, str]
    dt: str
    hr: str


@dataclass(frozen=True, slots=True)
class Rejected:
    """An event that broke the contract: why, and the event as it arrived."""

    reason: str
    raw: Any


@lru_cache(maxsize=4096)
def _date_hour(hour_bucket: int) -> tuple[str, str]:
    moment = datetime.fromtimestamp(hour_bucket * 3600, tz=UTC)
    return moment.strftime("%Y-%m-%d"), moment.strftime("%H")


def partition_of(event_time_ms: int) -> tuple[str, str]:
    """(dt, hr) in UTC for an epoch-ms time; cached per hour since events cluster in time."""
    return _date_hour(event_time_ms // HOUR_MS)


def page_path(url: str | None) -> str | None:
    """Path of a URL without query or fragment ("https://a.b/x/y?q=1" -> "/x/y")."""
    if not url:
        return None
    scheme_end = url.find("://")
    if scheme_end >= 0:
        start = scheme_end + 3
        end = len(url)
        for stop in "/?#":
            found = url.find(stop, start)
            if 0 <= found < end:
                end = found
        if end == len(url) or url[end] != "/":
            return "/"
        rest = url[end:]
    else:
        rest = url
    for stop in "?#":
        found = rest.find(stop)
        if found >= 0:
            rest = rest[:found]
    return rest or "/"


def _to_int(value: int | float) -> int:
    return value if isinstance(value, int) else int(value)


def build_event(
    event: dict[str, Any],
    envelope: dict[str, Any],
    *,
    device_offset_ms: int | None,
    skew_tolerance_ms: int,
) -> NormalisedEvent:
    """A contract-valid client event + its envelope -> the normalised event.

    device_offset_ms is the client clock's offset measured at upload (SDK requests:
    received_at - upload_timestamp); None for web events, whose skew is received_at - timestamp.
    """
    received_at: int = envelope["received_at"]
    client_time = _to_int(event["timestamp"])
    if device_offset_ms is None:
        skew = received_at - client_time
        corrected = abs(skew) > skew_tolerance_ms
        event_time = received_at if corrected else client_time
    else:
        skew = device_offset_ms
        corrected = abs(skew) > skew_tolerance_ms
        # shift by the device clock's error rather than snapping: batched SDK events keep
        # their spacing (and their legitimate queueing delay)
        event_time = client_time + skew if corrected else client_time
    dt, hr = partition_of(event_time)
    user_agent = envelope["user_agent"] or None
    ua = classify_user_agent(user_agent)
    page_url = event.get("page_url")
    get = event.get
    return {
        "event_id": event["event_id"],
        "event_type": event["event_type"],
        "event_time": event_time,
        "client_time": client_time,
        "received_at": received_at,
        "clock_skew_ms": skew,
        "clock_corrected": corrected,
        "app_id": get("app_id"),
        "user_id": event["user_id"],
        "session_id": get("session_id"),
        "page_url": page_url,
        "page_path": page_path(page_url),
        "page_title": get("page_title"),
        "referrer": get("referrer"),
        "client_ip": envelope["source_ip"] or None,
        "user_agent": user_agent,
        "device_type": ua.device_type,
        "os_name": ua.os_name,
        "browser_name": ua.browser_name,
        "is_bot": ua.is_bot,
        "platform": get("platform"),
        "country": get("country"),
        "locale": get("locale"),
        "screen": get("screen"),
        "timezone": get("timezone"),
        "device_model": get("device_model"),
        "app_version": get("app_version"),
        "properties": get("properties") or {},
        "dt": dt,
        "hr": hr,
    }


def normalise(
    envelope: dict[str, Any], *, skew_tolerance_ms: int = CLOCK_SKEW_TOLERANCE_MS
) -> list[NormalisedEvent | Rejected]:
    """One decoded envelope (see decode_envelope) -> its events, in order, good or rejected.

    Raises SdkBodyError when an SDK request body cannot be decoded at all.
    """
    event = envelope.get("event")
    if event is not None:
        error = validate_event(event)
        if error is not None:
            return [Rejected(error, event)]
        return [
            build_event(event, envelope, device_offset_ms=None, skew_tolerance_ms=skew_tolerance_ms)
        ]
    request = sdk_events(envelope["sdk"], received_at=envelope["received_at"])
    results: list[NormalisedEvent | Rejected] = []
    for index, (mapped, raw) in enumerate(request.events):
        error = mapped if isinstance(mapped, str) else validate_event(mapped)
        if error is not None:
            results.append(Rejected(f"sdk event {index}: {error}", raw))
            continue
        assert not isinstance(mapped, str)
        results.append(
            build_event(
                mapped,
                envelope,
                device_offset_ms=request.device_offset_ms,
                skew_tolerance_ms=skew_tolerance_ms,
            )
        )
    return results

"""Collector envelope -> normalised events (the raw-zone shape, $defs/normalised_event).

Web envelopes carry one client event; SDK envelopes carry a whole SDK request that expands to
many events (see sdk.py). Each event is validated against the contract and enriched: client IP,
user-agent class, clock-skew correction, page path and the UTC date/hour partitions.

This is the Firehose hot path: one generated function checks an event and reads its fields in
the same pass (compile_extractor), the envelope's parts are read once per envelope, and the
user-agent class and the date/hour partitions are cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TypedDict

from clickstack_events.contract import SCHEMA, validate_event
from clickstack_events.sdk import sdk_events
from clickstack_events.useragent import UserAgentInfo, classify_user_agent
from clickstack_events.validator import compile_extractor

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


# An optional "<anything up to the first ://><authority>", then the path up to "?" or "#".
_PATH = re.compile(r"(?:.*?://[^/?#]*)?([^?#]*)", re.DOTALL)


def page_path(url: str | None) -> str | None:
    """Path of a URL without query or fragment ("https://a.b/x/y?q=1" -> "/x/y").

    With a scheme (the first "://") the path starts at the first "/" after the authority;
    without one the whole string is the path. It ends at the first "?" or "#"; empty is "/".
    """
    if not url:
        return None
    match = _PATH.match(url)
    assert match is not None  # every part of the pattern may match empty
    return match.group(1) or "/"


_NULL_EVENT: dict[str, Any] = dict.fromkeys(NormalisedEvent.__annotations__)

# The client-event fields a normalised event is built from, in the order _assemble unpacks
# them; _extract_event checks an event against the contract and returns these values (None
# when absent) in the same pass.
EVENT_VALUES: tuple[str, ...] = (
    "event_id",
    "event_type",
    "timestamp",
    "app_id",
    "user_id",
    "session_id",
    "page_url",
    "page_title",
    "referrer",
    "platform",
    "country",
    "locale",
    "screen",
    "timezone",
    "device_model",
    "app_version",
    "properties",
)
_extract_event = compile_extractor(SCHEMA, EVENT_VALUES)


def _explain(event: Any) -> tuple[Any, ...] | str:
    """Why _extract_event refused `event`: the precise validator's first error.

    Should the precise validator accept it after all, its values (never while they agree).
    """
    error = validate_event(event)
    return tuple(map(event.get, EVENT_VALUES)) if error is None else error


def _assemble(
    values: tuple[Any, ...],
    received_at: int,
    device_offset_ms: int | None,
    skew_tolerance_ms: int,
    client_ip: str | None,
    user_agent: str | None,
    ua: UserAgentInfo,
) -> NormalisedEvent:
    """A valid event's EVENT_VALUES + the parts of its envelope -> the normalised event.

    device_offset_ms is the client clock's offset measured at upload (SDK requests:
    received_at - upload_timestamp); None for web events, whose skew is received_at - timestamp.
    """
    (
        event_id,
        event_type,
        timestamp,
        app_id,
        user_id,
        session_id,
        page_url,
        page_title,
        referrer,
        platform,
        country,
        locale,
        screen,
        timezone,
        device_model,
        app_version,
        properties,
    ) = values
    device_type, os_name, browser_name, is_bot = ua
    client_time: int = timestamp if isinstance(timestamp, int) else int(timestamp)
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
    dt, hr = _date_hour(event_time // HOUR_MS)
    event = _NULL_EVENT.copy()  # every field, in order; copying beats a 30-key literal
    event["event_id"] = event_id
    event["event_type"] = event_type
    event["event_time"] = event_time
    event["client_time"] = client_time
    event["received_at"] = received_at
    event["clock_skew_ms"] = skew
    event["clock_corrected"] = corrected
    event["app_id"] = app_id
    event["user_id"] = user_id
    event["session_id"] = session_id
    event["page_url"] = page_url
    event["page_path"] = page_path(page_url)
    event["page_title"] = page_title
    event["referrer"] = referrer
    event["client_ip"] = client_ip
    event["user_agent"] = user_agent
    event["device_type"] = device_type
    event["os_name"] = os_name
    event["browser_name"] = browser_name
    event["is_bot"] = is_bot
    event["platform"] = platform
    event["country"] = country
    event["locale"] = locale
    event["screen"] = screen
    event["timezone"] = timezone
    event["device_model"] = device_model
    event["app_version"] = app_version
    event["properties"] = properties or {}
    event["dt"] = dt
    event["hr"] = hr
    return event  # type: ignore[return-value]


def build_event(
    event: dict[str, Any],
    envelope: dict[str, Any],
    *,
    device_offset_ms: int | None,
    skew_tolerance_ms: int,
) -> NormalisedEvent:
    """A contract-valid client event + its envelope -> the normalised event (see _assemble)."""
    user_agent = envelope["user_agent"] or None
    return _assemble(
        tuple(map(event.get, EVENT_VALUES)),
        envelope["received_at"],
        device_offset_ms,
        skew_tolerance_ms,
        envelope["source_ip"] or None,
        user_agent,
        classify_user_agent(user_agent),
    )


def normalise(
    envelope: dict[str, Any], *, skew_tolerance_ms: int = CLOCK_SKEW_TOLERANCE_MS
) -> list[NormalisedEvent | Rejected]:
    """One decoded envelope (see decode_envelope) -> its events, in order, good or rejected.

    Raises SdkBodyError when an SDK request body cannot be decoded at all.
    """
    received_at: int = envelope["received_at"]
    event = envelope.get("event")
    if event is not None:
        values = _extract_event(event) or _explain(event)
        if isinstance(values, str):
            return [Rejected(values, event)]
        user_agent = envelope["user_agent"] or None
        ua = classify_user_agent(user_agent)
        client_ip = envelope["source_ip"] or None
        return [_assemble(values, received_at, None, skew_tolerance_ms, client_ip, user_agent, ua)]
    request = sdk_events(envelope["sdk"], received_at=received_at)
    offset = request.device_offset_ms
    user_agent = envelope["user_agent"] or None
    ua = classify_user_agent(user_agent)
    client_ip = envelope["source_ip"] or None
    results: list[NormalisedEvent | Rejected] = []
    for index, (mapped, raw) in enumerate(request.events):
        checked = mapped if isinstance(mapped, str) else _extract_event(mapped) or _explain(mapped)
        if isinstance(checked, str):
            results.append(Rejected(f"sdk event {index}: {checked}", raw))
        else:
            results.append(
                _assemble(
                    checked, received_at, offset, skew_tolerance_ms, client_ip, user_agent, ua
                )
            )
    return results

"""The collector writes what the API writes: the same records (partition keys, envelope keys in
the same order, same value types) as ingest_api's mapping templates rendered the way `make demo`
renders them (demo/apigateway.py), and it refuses the bodies the API's request model refuses."""

from __future__ import annotations

import base64
import gzip
import json
import time
from typing import Any

import pytest
from clickstack_events import Rejected, decode_envelope, normalise
from clickstack_events.contract import SCHEMA

from demo import apigateway
from generator.event_contract import request_model_schema
from ingest.collector.envelopes import INTEGER_FIELDS, Origin, Refused, sdk_record, web_records
from tests.ingest.conftest import REPO, post_json, read_stream, request

TEMPLATES = REPO / "terraform" / "modules" / "ingest_api" / "templates"
STREAM = "s-events"
WEB_TEMPLATE = (TEMPLATES / "put_records.vtl").read_text().replace("${stream_name}", STREAM)
SDK_TEMPLATE = (TEMPLATES / "put_record_sdk.vtl").read_text().replace("${stream_name}", STREAM)

TRACE_ROOT = "1-67891233-abcdef012345678912345678"
USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) "quoted" it\'s \\ back'
CLIENT_IP = "203.0.113.7"
ALB_HEADERS = {
    # the client claimed an address; the ALB appended the one that connected to it
    "X-Forwarded-For": f"198.51.100.23, {CLIENT_IP}",
    "User-Agent": USER_AGENT,
    "X-Amzn-Trace-Id": f"Root={TRACE_ROOT}",
}

EVENTS: list[dict[str, Any]] = [
    {
        "event_id": "e-1",
        "event_type": "page_view",
        "timestamp": 1_764_000_000_000,
        "user_id": "alice",
        "app_id": "",
        "session_id": "s-1",
        "page_url": "https://shop.example/caf\u00e9?q=\"x\"&r='y'#top",
        "page_title": "Caf\u00e9 \u2615 \u2028 line",
        "platform": "web",
        "screen": "1920x1080",
        "locale": "pt_BR",
        "country": "FR",
        "timezone": "Europe/Paris",
        "properties": {"plan": "pro", "quote": 'it\'s "fine"', "emoji": "\U0001f600"},
    },
    {"event_id": "e-2", "event_type": "click", "timestamp": 1, "user_id": "o'h\"x"},
    {"event_id": "e-3", "event_type": "click", "timestamp": 0, "user_id": "alice"},
]

SDK_EVENTS: list[dict[str, Any]] = [
    {
        "event_type": "_screen_view",
        "event_id": "sdk-1",
        "timestamp": 1_764_000_000_000,
        "app_id": "shop",
        "unique_id": "device-user-1",
        "platform": "Android",
        "attributes": {"_page_url": "https://shop.example/cart", "plan": "pro's"},
        "user": {"_user_id": {"value": "u-42", "set_timestamp": 1_764_000_000_000}},
    },
    {"event_type": "_click", "event_id": "sdk-2", "timestamp": 1_764_000_000_100},  # no user
]


def shape(value: Any) -> Any:
    """The JSON types of a value, recursively, with object keys in order (1 == 1.0 in Python,
    so equality alone would not tell an integer from a number)."""
    if isinstance(value, dict):
        return ("object", [(key, shape(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("array", [shape(item) for item in value])
    return type(value).__name__


def api_context(envelope: dict[str, Any]) -> dict[str, Any]:
    """API Gateway's $context with the facts the collector recorded for the request."""
    return apigateway.context(
        envelope["request_id"],
        envelope["received_at"],
        envelope["source_ip"],
        envelope["user_agent"],
    )


def api_web_records(body: str, context: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    parsed = json.loads(body)
    assert apigateway.model_error(request_model_schema(), parsed) is None
    call = apigateway.render(
        WEB_TEMPLATE,
        {"util": apigateway.Util(), "context": context, "input": apigateway.Input(parsed, body)},
    )
    return [(r["PartitionKey"], json.loads(base64.b64decode(r["Data"]))) for r in call["Records"]]


def test_a_batch_becomes_the_records_the_api_writes(
    start_collector: Any, kinesis: Any, stream: str
) -> None:
    collector = start_collector(STREAM_NAME=stream)
    body = json.dumps(EVENTS)
    before = time.time_ns() // 1_000_000
    reply = request(
        collector.port,
        "POST",
        "/collect",
        body,
        {"Content-Type": "application/json", **ALB_HEADERS},
    )
    after = time.time_ns() // 1_000_000
    assert reply.status == 200, reply.body
    assert reply.json() == {"accepted": 3, "failed": 0}

    written = read_stream(kinesis, stream)
    assert len(written) == 3
    # shards are read one after the other: put the records back in the request's order
    by_event = {r.envelope()["event"]["event_id"]: r for r in written}
    ours = [
        (by_event[e["event_id"]].partition_key, by_event[e["event_id"]].envelope()) for e in EVENTS
    ]
    head = ours[0][1]
    assert head["source_ip"] == CLIENT_IP  # the right-most X-Forwarded-For entry
    assert head["user_agent"] == USER_AGENT
    assert head["request_id"] == TRACE_ROOT
    assert before <= head["received_at"] <= after

    theirs = api_web_records(body, api_context(head))
    assert [key for key, _ in ours] == [key for key, _ in theirs] == ["alice", "o'h\"x", "alice"]
    for (_, mine), (_, api) in zip(ours, theirs, strict=True):
        assert mine == api
        assert shape(mine) == shape(api)  # same keys in the same order, same types
        assert list(mine) == [
            "envelope_version", "received_at", "source_ip", "user_agent", "request_id", "event",
        ]  # fmt: skip
    # and the consumers read both alike
    for (_, mine), (_, api) in zip(ours, theirs, strict=True):
        raw_mine = json.dumps(mine).encode()
        assert normalise(decode_envelope(raw_mine)) == normalise(
            decode_envelope(json.dumps(api).encode())
        )


@pytest.mark.parametrize("compression", ["", "gzip"])
def test_an_sdk_request_becomes_the_record_the_api_writes(
    compression: str, start_collector: Any, kinesis: Any, stream: str
) -> None:
    collector = start_collector(STREAM_NAME=stream)
    body = json.dumps(SDK_EVENTS)
    if compression:
        body = base64.b64encode(gzip.compress(body.encode())).decode()
    query = {"appId": "shop", "upload_timestamp": "1764000000500"}
    if compression:
        query["compression"] = compression
    path = "/collect/sdk?" + "&".join(f"{k}={v}" for k, v in query.items())
    reply = request(
        collector.port, "POST", path, body, {"Content-Type": "text/plain", **ALB_HEADERS}
    )
    assert reply.status == 200, reply.body
    assert reply.json() == {"accepted": True}

    [record] = read_stream(kinesis, stream)
    mine = record.envelope()
    call = apigateway.render(
        SDK_TEMPLATE,
        {
            "util": apigateway.Util(),
            "context": api_context(mine),
            "input": apigateway.Input(None, body, query),
        },
    )
    api = json.loads(base64.b64decode(call["Data"]))
    assert record.partition_key == call["PartitionKey"] == TRACE_ROOT
    assert mine == api
    assert shape(mine) == shape(api)
    assert mine["sdk"]["query"]["compression"] == compression  # "" when absent, like the VTL

    events = normalise(decode_envelope(record.data))
    assert events == normalise(decode_envelope(json.dumps(api).encode()))
    assert not isinstance(events[0], Rejected) and events[0]["user_id"] == "u-42"
    assert isinstance(events[1], Rejected)  # judged by the transform, as for the API


# --------------------------------------------------------------------- the request model

ORIGIN = Origin(1_764_000_000_000, "203.0.113.7", "ua", "req-1")
GOOD = {"event_id": "e", "event_type": "t", "timestamp": 1, "user_id": "u"}


def _event(**changes: Any) -> dict[str, Any]:
    event = {**GOOD, **changes}
    return {k: v for k, v in event.items() if v is not ...}


BODIES: dict[str, str] = {
    "minimal": json.dumps([GOOD]),
    "every field": json.dumps(EVENTS),
    "500 events": json.dumps([GOOD] * 500),
    "501 events": json.dumps([GOOD] * 501),
    "empty array": "[]",
    "object": json.dumps(GOOD),
    "string": '"x"',
    "null": "null",
    "array of numbers": "[1, 2]",
    "not JSON": "[{",
    "trailing garbage": "[] x",
    "missing event_id": json.dumps([_event(event_id=...)]),
    "missing user_id": json.dumps([_event(user_id=...)]),
    "unknown field": json.dumps([_event(colour="red")]),
    "empty event_id": json.dumps([_event(event_id="")]),
    "long event_type": json.dumps([_event(event_type="x" * 65)]),
    "timestamp as string": json.dumps([_event(timestamp="12")]),
    "negative timestamp": json.dumps([_event(timestamp=-1)]),
    "timestamp over the maximum": json.dumps([_event(timestamp=253402300800000)]),
    "timestamp as boolean": json.dumps([_event(timestamp=True)]),
    "timestamp 1.0": '[{"event_id": "e", "event_type": "t", "timestamp": 1.0, "user_id": "u"}]',
    "timestamp 1e3": '[{"event_id": "e", "event_type": "t", "timestamp": 1e3, "user_id": "u"}]',
    "timestamp beyond 64 bits": '[{"event_id": "e", "event_type": "t", "timestamp": 1'
    + "0" * 30
    + ', "user_id": "u"}]',
    "long user_id": json.dumps([_event(user_id="u" * 129)]),
    "128 emoji user_id": json.dumps([_event(user_id="\U0001f600" * 128)]),
    "null session_id": json.dumps([_event(session_id=None)]),
    "unknown platform": json.dumps([_event(platform="tv")]),
    "bad screen": json.dumps([_event(screen="big")]),
    "short locale": json.dumps([_event(locale="e")]),
    "lower-case country": json.dumps([_event(country="fr")]),
    "number property": json.dumps([_event(properties={"n": 1})]),
    "51 properties": json.dumps([_event(properties={str(i): "v" for i in range(51)})]),
    "long property": json.dumps([_event(properties={"p": "v" * 1025})]),
    "good then bad": json.dumps([GOOD, GOOD, _event(timestamp="x")]),
}


def _collector_verdict(body: str) -> str | None:
    try:
        web_records(body.encode(), ORIGIN)
    except Refused as refused:
        assert refused.status == 400
        return refused.reason
    return None


@pytest.mark.parametrize("name", sorted(BODIES))
def test_the_request_model_and_the_collector_refuse_the_same_bodies(name: str) -> None:
    body = BODIES[name]
    try:
        api = apigateway.model_error(request_model_schema(), json.loads(body))
    except json.JSONDecodeError:
        api = "not JSON"  # API Gateway: "Invalid request body"
    ours = _collector_verdict(body)
    assert (api is None) == (ours is None), (api, ours)
    if ours is not None and ours.startswith("body["):
        # the event our reason names is one the model refuses on its own
        index = int(ours[len("body[") : ours.index("]")])
        alone = [json.loads(body)[index]]
        assert apigateway.model_error(request_model_schema(), alone) is not None


def test_the_reason_names_the_event_and_the_field() -> None:
    assert _collector_verdict(BODIES["good then bad"]) == (
        "body[2].timestamp: expected integer, found string 'x'"
    )
    assert (
        _collector_verdict(BODIES["501 events"]) == "body: expected at most 500 events, found 501"
    )


def test_every_integer_of_the_contract_is_a_top_level_field() -> None:
    """INTEGER_FIELDS (the draft-04 integer rule) looks at top-level fields only: it would miss
    an integer nested deeper, so the contract must not grow one unnoticed."""

    def integers(schema: dict[str, Any], path: str) -> list[str]:
        found = [path] if schema.get("type") == "integer" else []
        for name, sub in schema.get("properties", {}).items():
            found += integers(sub, f"{path}.{name}")
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            found += integers(extra, f"{path}.*")
        return found

    assert integers(SCHEMA, "event") == [f"event.{name}" for name in INTEGER_FIELDS]
    assert INTEGER_FIELDS == ("timestamp",)


def test_sdk_body_errors_are_the_transform_s_reasons() -> None:
    bad = {
        "plain garbage": ({}, "not json", "sdk.body: expected JSON, found invalid JSON"),
        "not base64": ({"compression": "gzip"}, "%%%", "sdk.body: expected base64"),
        "not gzip": (
            {"compression": "gzip"},
            base64.b64encode(b"plain").decode(),
            "sdk.body: expected gzip data",
        ),
        "object": ({}, "{}", "sdk.body: expected array of events, found object"),
        "empty": ({}, "[]", "sdk.body: expected at least one event"),
        "compression": ({"compression": "br"}, "[]", "sdk.query.compression: expected 'gzip'"),
    }
    for name, (query, body, reason) in bad.items():
        with pytest.raises(Refused) as refused:
            sdk_record(body.encode(), {"appId": "shop", **query}, ORIGIN)
        assert refused.value.status == 400, name
        assert refused.value.reason.startswith(reason), (name, refused.value.reason)
    with pytest.raises(Refused) as refused:
        sdk_record(b"[{}]", {}, ORIGIN)
    assert refused.value.message == "Missing required request parameters: [appId]"


def test_nothing_is_written_for_a_refused_batch(
    start_collector: Any, kinesis: Any, stream: str
) -> None:
    collector = start_collector(STREAM_NAME=stream)
    reply = post_json(collector.port, "/collect", [GOOD, _event(user_id="")])
    assert reply.status == 400
    assert (
        reply.json()["reason"] == "body[1].user_id: expected at least 1 characters, found string ''"
    )
    assert read_stream(kinesis, stream) == []

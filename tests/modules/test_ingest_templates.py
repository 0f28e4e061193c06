"""The API Gateway mapping templates of ingest_api, rendered with airspeed (a Python Velocity
engine) and the stand-ins for API Gateway's $input, $util and $context that `make demo` uses."""

from __future__ import annotations

import base64
import gzip
import json
import sys
from typing import Any

import airspeed
import pytest

from demo.apigateway import Input, Util
from tests.tfplan import MODULES_DIR

TEMPLATES = MODULES_DIR / "ingest_api" / "templates"
sys.path.insert(0, str(MODULES_DIR.parent.parent / "lambda"))  # the transform's library


CONTEXT = {
    "identity": {"sourceIp": "203.0.113.7", "userAgent": 'Mozilla/5.0 "quoted"'},
    "requestId": "req-1",
    "requestTimeEpoch": 1_764_000_000_000,
}


def _put_records(body: list[dict[str, Any]]) -> dict[str, Any]:
    template = (TEMPLATES / "put_records.vtl").read_text().replace("${stream_name}", "s-events")
    rendered = airspeed.Template(template).merge(
        {"util": Util(), "input": Input(body), "context": CONTEXT}
    )
    return dict(json.loads(rendered))


def test_each_event_becomes_one_record_keyed_by_user_id() -> None:
    body = [
        {"event_id": "e1", "event_type": "page_view", "timestamp": 1, "user_id": "alice"},
        {"event_id": "e2", "event_type": "click", "timestamp": 2, "user_id": "bob"},
        {"event_id": "e3", "event_type": "click", "timestamp": 3, "user_id": "alice"},
    ]
    request = _put_records(body)
    assert request["StreamName"] == "s-events"
    assert [r["PartitionKey"] for r in request["Records"]] == ["alice", "bob", "alice"]


def test_data_is_the_collector_envelope_around_the_event() -> None:
    event = {
        "event_id": "e1",
        "event_type": "page_view",
        "timestamp": 1,
        "user_id": "u-1",
        "properties": {"plan": "pro", "quote": 'it\'s "fine"'},
    }
    record = _put_records([event])["Records"][0]
    envelope = json.loads(base64.b64decode(record["Data"]))
    assert envelope == {
        "envelope_version": 1,
        "received_at": 1_764_000_000_000,
        "source_ip": "203.0.113.7",
        "user_agent": 'Mozilla/5.0 "quoted"',
        "request_id": "req-1",
        "event": event,
    }


def test_quotes_in_user_id_survive_as_the_partition_key() -> None:
    record = _put_records(
        [{"event_id": "e", "event_type": "t", "timestamp": 0, "user_id": "o'h\"x"}]
    )
    assert record["Records"][0]["PartitionKey"] == "o'h\"x"


def test_success_response_reports_accepted_and_failed_counts() -> None:
    template = (TEMPLATES / "put_records_200.vtl").read_text()
    kinesis_answer = {"FailedRecordCount": 1, "Records": [{}, {"ErrorCode": "x"}, {}]}
    rendered = airspeed.Template(template).merge({"input": Input(kinesis_answer)})
    assert json.loads(rendered) == {"accepted": 2, "failed": 1}


def _sdk_record(raw_body: str, query: dict[str, str]) -> dict[str, Any]:
    template = (TEMPLATES / "put_record_sdk.vtl").read_text().replace("${stream_name}", "s-events")
    rendered = airspeed.Template(template).merge(
        {"util": Util(), "input": Input(None, raw_body, query), "context": CONTEXT}
    )
    return dict(json.loads(rendered))


SDK_EVENTS = [
    {
        "event_type": "_screen_view",
        "event_id": "sdk-1",
        "timestamp": 1_764_000_000_000,
        "app_id": "shop",
        "unique_id": "device-user-1",
        "platform": "Android",
        "attributes": {"_page_url": "https://shop.example/cart", "plan": "pro's"},
        "user": {"_user_id": {"value": "u-42", "set_timestamp": 1_764_000_000_000}},
    }
]


@pytest.mark.parametrize("compression", ["", "gzip"])
def test_sdk_requests_reach_the_transform_as_contract_events(compression: str) -> None:
    """The edge template and the transform library agree: an SDK request (plain or
    gzip+base64) becomes one record whose envelope normalises into contract events."""
    from clickstack_events import Rejected, decode_envelope, normalise

    body = json.dumps(SDK_EVENTS)
    if compression:
        body = base64.b64encode(gzip.compress(body.encode())).decode()
    query = {"appId": "shop", "compression": compression, "upload_timestamp": "1764000000500"}
    record = _sdk_record(body, query)
    assert record["StreamName"] == "s-events"
    assert record["PartitionKey"] == "req-1"
    envelope = decode_envelope(base64.b64decode(record["Data"]))
    assert envelope["sdk"]["query"]["appId"] == "shop"
    events = normalise(envelope)
    assert len(events) == 1
    event = events[0]
    assert not isinstance(event, Rejected), event
    assert event["user_id"] == "u-42" and event["event_id"] == "sdk-1"
    assert event["client_ip"] == "203.0.113.7"

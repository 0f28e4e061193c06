"""The local platform at work: edge -> Kinesis -> (profile_updater, Firehose + transform -> raw
zone) -> Glue job -> curated zone, against the resources `make apply ENV=local` created."""

from __future__ import annotations

import base64
import gzip
import json
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from demo import apigateway
from demo.traffic import Request
from generator import event_contract
from generator.errors import ClickstackError
from generator.manifest import Manifest
from generator.render import database_name
from generator.toolchain import REPO_ROOT

# The Lambda code is imported as the runtime imports it: each function folder's parent on the path.
sys.path.insert(0, str(REPO_ROOT / "lambda"))

Client = Callable[[str], Any]
FIREHOSE_BATCH = 500  # records per transform invocation (Firehose sends up to 6 MB)
KINESIS_BATCH = 100  # the event source mapping's batch size


@dataclass
class Ledger:
    """Where every event the clients sent went."""

    sent: int = 0
    requests: int = 0
    edge_rejected: Counter[str] = field(default_factory=Counter)  # reason -> events (HTTP 400)
    kinesis_records: int = 0
    kinesis_failed: int = 0
    transform_failed: list[tuple[str, int]] = field(default_factory=list)  # (reason, events)
    profile_failures: int = 0
    glue: dict[str, int] = field(default_factory=Counter)


@dataclass(frozen=True)
class Platform:
    """What the demo needs of the applied env, read back from the local AWS."""

    stream: str
    stream_arn: str
    delivery_stream: str
    raw_bucket: str
    curated_bucket: str
    database: str
    events_prefix: str
    error_prefix: str
    web_template: str
    web_model: dict[str, Any]
    sdk_template: str


def discover(aws: Client, m: Manifest) -> Platform:
    """The deployed API's model and templates, the stream, the delivery stream's S3 layout."""
    api_name = f"{m.prefix}-ingest"
    apis = [a for a in aws("apigateway").get_rest_apis()["items"] if a["name"] == api_name]
    if not apis:
        raise ClickstackError(
            f"REST API {api_name} not found in the local AWS: run `make apply ENV={m.env}` first"
        )
    api = apis[0]["id"]
    resources = {
        r["path"]: r["id"] for r in aws("apigateway").get_resources(restApiId=api)["items"]
    }

    def template(path: str) -> str:
        integration = aws("apigateway").get_integration(
            restApiId=api, resourceId=resources[path], httpMethod="POST"
        )
        return str(integration["requestTemplates"]["application/json"])

    model = aws("apigateway").get_model(restApiId=api, modelName="CollectRequest")
    delivery = f"{m.prefix}-raw-events"
    s3_destination = aws("firehose").describe_delivery_stream(DeliveryStreamName=delivery)[
        "DeliveryStreamDescription"
    ]["Destinations"][0]["ExtendedS3DestinationDescription"]
    stream = f"{m.prefix}-events"
    summary = aws("kinesis").describe_stream_summary(StreamName=stream)
    return Platform(
        stream=stream,
        stream_arn=summary["StreamDescriptionSummary"]["StreamARN"],
        delivery_stream=delivery,
        raw_bucket=s3_destination["BucketARN"].split(":::")[1],
        curated_bucket=f"{m.prefix}-{m.account_id}-curated",
        database=database_name(m),
        events_prefix=s3_destination["Prefix"],
        error_prefix=s3_destination["ErrorOutputPrefix"],
        web_template=template("/collect"),
        web_model=json.loads(model["schema"]),
        sdk_template=template("/collect/sdk"),
    )


# --------------------------------------------------------------------------------- the edge


def send(aws: Client, platform: Platform, request: Request, ledger: Ledger) -> int:
    """What API Gateway does with one request: 200, or 400 with the validator's reason."""
    ledger.sent += request.events
    ledger.requests += 1
    context = apigateway.context(
        str(uuid.uuid4()), request.sent_at_ms, request.source_ip, request.user_agent
    )
    variables: dict[str, Any] = {"util": apigateway.Util(), "context": context}
    if request.route == "sdk":
        variables["input"] = apigateway.Input(None, request.body, request.query)
        call = apigateway.render(platform.sdk_template, variables)
        aws("kinesis").put_record(
            StreamName=call["StreamName"],
            PartitionKey=call["PartitionKey"],
            Data=base64.b64decode(call["Data"]),
        )
        ledger.kinesis_records += 1
        return 200
    try:
        parsed = json.loads(request.body)
    except json.JSONDecodeError:
        ledger.edge_rejected["400 Invalid request body: not JSON"] += request.events
        return 400
    error = apigateway.model_error(platform.web_model, parsed)
    if error is not None:
        ledger.edge_rejected[f"400 Invalid request body: {error}"] += request.events
        return 400
    variables["input"] = apigateway.Input(parsed, request.body)
    call = apigateway.render(platform.web_template, variables)
    answer = aws("kinesis").put_records(
        StreamName=call["StreamName"],
        Records=[
            {"Data": base64.b64decode(r["Data"]), "PartitionKey": r["PartitionKey"]}
            for r in call["Records"]
        ],
    )
    ledger.kinesis_records += len(call["Records"])
    ledger.kinesis_failed += answer["FailedRecordCount"]
    return 200


# --------------------------------------------------------------------------------- Kinesis


@dataclass(frozen=True)
class StreamRecord:
    shard: str
    sequence: str
    partition_key: str
    data: bytes
    arrival_ms: int


def stream_end(aws: Client, platform: Platform) -> dict[str, str | None]:
    """Per shard, the last sequence number already in the stream (None: empty shard), so a
    run reads only its own records."""
    existing = _by_shard(read_stream(aws, platform, {}))
    shards = aws("kinesis").list_shards(StreamName=platform.stream)["Shards"]
    return {
        s["ShardId"]: existing[s["ShardId"]][-1].sequence if s["ShardId"] in existing else None
        for s in shards
    }


def _by_shard(records: list[StreamRecord]) -> dict[str, list[StreamRecord]]:
    by_shard: dict[str, list[StreamRecord]] = {}
    for record in records:
        by_shard.setdefault(record.shard, []).append(record)
    return by_shard


def read_stream(
    aws: Client, platform: Platform, after: dict[str, str | None]
) -> list[StreamRecord]:
    """Every record of every shard after the given sequence numbers (all when none)."""
    kinesis = aws("kinesis")
    records = []
    for shard in kinesis.list_shards(StreamName=platform.stream)["Shards"]:
        position = after.get(shard["ShardId"])
        where: dict[str, str] = {"ShardIteratorType": "TRIM_HORIZON"}
        if position is not None:
            where = {
                "ShardIteratorType": "AFTER_SEQUENCE_NUMBER",
                "StartingSequenceNumber": position,
            }
        iterator = kinesis.get_shard_iterator(
            StreamName=platform.stream, ShardId=shard["ShardId"], **where
        )["ShardIterator"]
        while iterator:
            page = kinesis.get_records(ShardIterator=iterator, Limit=1000)
            for r in page["Records"]:
                records.append(
                    StreamRecord(
                        shard=shard["ShardId"],
                        sequence=r["SequenceNumber"],
                        partition_key=r["PartitionKey"],
                        data=r["Data"],
                        arrival_ms=int(r["ApproximateArrivalTimestamp"].timestamp() * 1000),
                    )
                )
            if not page["Records"] and page.get("MillisBehindLatest", 0) == 0:
                break
            iterator = page.get("NextShardIterator")
    return records


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def run_profile_updater(platform: Platform, records: list[StreamRecord], ledger: Ledger) -> None:
    """The event source mapping: per shard, in order, batches to the real handler."""
    from profile_updater.handler import handler

    for shard, shard_records in sorted(_by_shard(records).items()):
        for batch in _batches(shard_records, KINESIS_BATCH):
            event = {
                "Records": [
                    {
                        "kinesis": {
                            "kinesisSchemaVersion": "1.0",
                            "partitionKey": r.partition_key,
                            "sequenceNumber": r.sequence,
                            "data": base64.b64encode(r.data).decode(),
                            "approximateArrivalTimestamp": r.arrival_ms / 1000,
                        },
                        "eventSource": "aws:kinesis",
                        "eventSourceARN": platform.stream_arn,
                        "eventID": f"{shard}:{r.sequence}",
                    }
                    for r in batch
                ]
            }
            ledger.profile_failures += len(handler(event, None)["batchItemFailures"])


def _expand(prefix: str, arrival_ms: int) -> str:
    """A Firehose S3 prefix with its !{...} expressions evaluated at the arrival time."""
    moment = datetime.fromtimestamp(arrival_ms / 1000, tz=UTC)
    return (
        prefix.replace("!{timestamp:yyyy-MM-dd}", moment.strftime("%Y-%m-%d"))
        .replace("!{timestamp:HH}", moment.strftime("%H"))
        .replace("!{firehose:error-output-type}", "processing-failed")
    )


def _object_name(delivery: str, arrival_ms: int) -> str:
    stamp = datetime.fromtimestamp(arrival_ms / 1000, tz=UTC).strftime("%Y-%m-%d-%H-%M-%S")
    return f"{delivery}-1-{stamp}-{uuid.uuid4()}.gz"


def run_firehose(
    aws: Client, platform: Platform, records: list[StreamRecord], ledger: Ledger
) -> None:
    """Firehose with the transform Lambda: batches through the real handler; Ok records are
    delivered to the raw zone (GZIP, newline-delimited), ProcessingFailed ones to the error
    prefix in Firehose's error format, with the original bytes."""
    from firehose_transform.handler import handler

    s3 = aws("s3")
    for batch in _batches(sorted(records, key=lambda r: r.arrival_ms), FIREHOSE_BATCH):
        by_id = {f"{r.shard}:{r.sequence}": r for r in batch}
        event = {
            "invocationId": str(uuid.uuid4()),
            "deliveryStreamArn": f"arn:aws:firehose:::deliverystream/{platform.delivery_stream}",
            "records": [
                {
                    "recordId": record_id,
                    "approximateArrivalTimestamp": r.arrival_ms,
                    "data": base64.b64encode(r.data).decode(),
                }
                for record_id, r in by_id.items()
            ],
        }
        answer = handler(event, None)["records"]
        if [r["recordId"] for r in answer] != list(by_id):
            raise ClickstackError("firehose_transform: record ids came back changed or reordered")
        delivered: dict[str, list[bytes]] = {}
        failed: list[bytes] = []
        for out in answer:
            source = by_id[out["recordId"]]
            if out["result"] == "Ok":
                folder = _expand(platform.events_prefix, source.arrival_ms)
                delivered.setdefault(folder, []).append(base64.b64decode(out["data"]))
                continue
            reason, events = _failure(source.data)
            ledger.transform_failed.append((reason, events))
            failed.append(
                json.dumps(
                    {
                        "attemptsMade": 1,
                        "arrivalTimestamp": source.arrival_ms,
                        "errorCode": "Lambda.ProcessingFailed",
                        "errorMessage": reason,
                        "attemptEndingTimestamp": int(time.time() * 1000),
                        "rawData": out["data"],
                    }
                ).encode()
                + b"\n"
            )
        arrival = batch[-1].arrival_ms
        name = _object_name(platform.delivery_stream, arrival)
        for folder, lines in delivered.items():
            body = gzip.compress(b"".join(lines))
            s3.put_object(Bucket=platform.raw_bucket, Key=folder + name, Body=body)
        if failed:
            key = _expand(platform.error_prefix, arrival) + name
            s3.put_object(Bucket=platform.raw_bucket, Key=key, Body=gzip.compress(b"".join(failed)))


def _failure(data: bytes) -> tuple[str, int]:
    """Why the transform refused a record (it logs the reason; this re-derives it the same way
    from the record) and how many events the client had put in it."""
    from clickstack_events import RecordError, decode_envelope, normalise
    from clickstack_events.normalise import Rejected

    envelope = decode_envelope(data)
    try:
        results = normalise(envelope)
    except RecordError as exc:
        return exc.reason, 1
    reasons = sorted({r.reason.split(": ", 1)[-1] for r in results if isinstance(r, Rejected)})
    return "every event rejected: " + "; ".join(reasons), len(results)


# --------------------------------------------------------------------------------- Glue


def run_glue(aws: Client, platform: Platform, ledger: Ledger, workdir: Path) -> list[str]:
    """The real Glue job, once per day present in the raw zone; its Parquet is uploaded to the
    curated bucket under the layout the catalog's tables read."""
    s3 = aws("s3")
    raw = workdir / "raw"
    top = platform.events_prefix.split("/", 1)[0]
    for page in s3.get_paginator("list_objects_v2").paginate(
        Bucket=platform.raw_bucket, Prefix=f"{top}/"
    ):
        for item in page.get("Contents", []):
            target = raw / item["Key"]
            target.parent.mkdir(parents=True, exist_ok=True)
            s3.download_file(platform.raw_bucket, item["Key"], str(target))
    days = sorted(p.name.removeprefix("dt=") for p in (raw / top).glob("dt=*"))
    tables = event_contract.curated_tables()
    outputs = {
        "curated_path": tables["curated_events"]["prefix"],
        "sessions_path": tables["sessions"]["prefix"],
        "errors_path": tables["processing_errors"]["prefix"],
    }
    for dt in days:
        argv = [sys.executable, str(REPO_ROOT / "glue" / "jobs" / "sessionize.py"), "--dt", dt]
        argv += ["--raw_path", str(raw / top)]
        for argument, prefix in outputs.items():
            argv += [f"--{argument}", str(workdir / "curated" / prefix)]
        env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1", "PYSPARK_PYTHON": sys.executable}
        done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            raise ClickstackError(f"Glue job for dt={dt} failed:\n{done.stderr[-3000:]}")
        counts = json.loads(done.stdout.strip().splitlines()[-1])["sessionize"]
        for name in ("input", "curated", "duplicates", "errors", "sessions"):
            ledger.glue[name] += counts[name]
    curated = workdir / "curated"
    for path in sorted(curated.rglob("*.parquet")):
        s3.upload_file(str(path), platform.curated_bucket, str(path.relative_to(curated)))
    return days


def download_curated(aws: Client, platform: Platform, target: Path) -> None:
    """The curated zone as Athena would see it, read back from the lake."""
    s3 = aws("s3")
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=platform.curated_bucket):
        for item in page.get("Contents", []):
            path = target / item["Key"]
            path.parent.mkdir(parents=True, exist_ok=True)
            s3.download_file(platform.curated_bucket, item["Key"], str(path))

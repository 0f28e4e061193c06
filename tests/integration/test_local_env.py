"""The user's local loop, through the CLI the Makefile calls, in a copy of the repository:

    make up && make apply ENV=local && make plan ENV=local && make demo
    && make destroy ENV=local && make down

apply creates every enabled module for real on the local AWS, uploading the artifacts into the
lake's (TLS-only) artifacts bucket before the Lambda function and Glue job that run them; the
plan right after shows no change at all; the demo
sends traffic through the deployed API's model and templates, the real handlers and the real
Glue job, and every event it sent is accounted for; destroy leaves nothing behind; down
refuses while local state still records resources.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from generator import local_aws
from tests.conftest import RepoCopy
from tests.integration.conftest import LocalAws, client

PREFIX = "clickstack-local"


@pytest.fixture
def local_repo(repo_copy: RepoCopy) -> Iterator[RepoCopy]:
    yield repo_copy
    repo_copy.run("down", "--force")  # whatever happened above, no server outlives the test


def _clients(repo: RepoCopy) -> Any:
    running = local_aws.require(repo.root / "build" / "local-aws")
    return lambda service: client(service, LocalAws(running.url, running.ca_bundle))


def _ok(result: Any) -> str:
    if result.returncode != 0:
        output = result.stdout + result.stderr
        errors = [line for line in output.splitlines() if "Error" in line or "error" in line]
        raise AssertionError("\n".join([*errors[:20], output[-3000:]]))
    return str(result.stdout)


def test_up_apply_converge_destroy_down(local_repo: RepoCopy) -> None:
    repo = local_repo
    refused = repo.run("plan", "--env", "local")
    assert refused.returncode == 9
    assert "the local AWS is not running" in refused.stderr and "make up" in refused.stderr

    started = _ok(repo.run("up"))
    assert re.search(r"local AWS started at https://127\.0\.0\.1:\d+ \(pid \d+", started)
    assert "already running" in _ok(repo.run("up"))  # idempotent
    aws = _clients(repo)

    applied = _ok(repo.run("apply", "--env", "local"))
    created = int(re.search(r"Apply complete! Resources: (\d+) added", applied).group(1))  # type: ignore[union-attr]
    assert created >= 90
    assert "Planned against the LOCAL AWS at https://127.0.0.1:" in applied
    bucket = f"{PREFIX}-123456789012-artifacts"

    # What a user would look for, read back from the local AWS: the code this env runs, in the
    # bucket and behind the function and the job.
    artifacts = json.loads((repo.root / "build" / "artifacts" / "manifest.json").read_text())
    built = artifacts["artifacts"]
    for name in ("lambda/firehose_transform", "glue/sessionize"):
        head = aws("s3").head_object(Bucket=bucket, Key=built[name]["s3_key"])
        assert head["ContentLength"] == built[name]["size"]
    function = aws("lambda").get_function(FunctionName=f"{PREFIX}-firehose-transform")
    digest = bytes.fromhex(built["lambda/firehose_transform"]["sha256"])
    assert function["Configuration"]["CodeSha256"] == base64.b64encode(digest).decode()
    job = aws("glue").get_job(JobName=f"{PREFIX}-sessionize")["Job"]
    assert job["Command"]["ScriptLocation"] == f"s3://{bucket}/{built['glue/sessionize']['s3_key']}"
    delivery = aws("firehose").describe_delivery_stream(DeliveryStreamName=f"{PREFIX}-raw-events")
    destination = delivery["DeliveryStreamDescription"]["Destinations"][0]
    processors = destination["ExtendedS3DestinationDescription"]["ProcessingConfiguration"]
    assert function["Configuration"]["FunctionArn"] in json.dumps(processors)
    stream = aws("kinesis").describe_stream_summary(StreamName=f"{PREFIX}-events")
    assert stream["StreamDescriptionSummary"]["EncryptionType"] == "KMS"
    tables = aws("glue").get_tables(DatabaseName="clickstack_local")["TableList"]
    assert {t["Name"] for t in tables} == {
        "raw_events", "curated_events", "sessions", "processing_errors"
    }  # fmt: skip
    queries = aws("athena").list_named_queries(WorkGroup=PREFIX)["NamedQueryIds"]
    assert len(queries) == 6

    replanned = _ok(repo.run("plan", "--env", "local"))
    assert "Resources: 0 to add, 0 to change, 0 to replace, 0 to destroy" in replanned

    demo = _ok(repo.run_module("demo", "--env", "local", "--users", "120"))
    assert "accounting - every event sent is accounted for" in demo
    sent = int(re.search(r"events sent \(incl\. retries\)\s+(\d+)", demo).group(1))  # type: ignore[union-attr]
    curated = int(re.search(r"curated events\s+(\d+)", demo).group(1))  # type: ignore[union-attr]
    assert sent > 400 and 0.9 * sent < curated < sent  # mostly good traffic, some of it bad
    for reason in ("API 400 Invalid request body: not JSON", "rejected_event", "transform"):
        assert reason in demo
    for query in ("daily_active_users", "top_pages", "session_summary", "processing_errors"):
        assert f"\n{query} - " in demo

    held = repo.run("down")
    assert held.returncode == 9 and "make destroy ENV=<env>" in held.stderr
    assert local_aws.read(repo.root / "build" / "local-aws") is not None, "down must refuse"

    destroyed = _ok(repo.run("destroy", "--env", "local"))
    assert f"destroyed {created} resources of env local" in destroyed
    state = json.loads((repo.root / "build" / "local" / "terraform.tfstate").read_text())
    assert state["resources"] == []
    assert [b["Name"] for b in aws("s3").list_buckets()["Buckets"]] == []
    assert aws("kinesis").list_streams()["StreamNames"] == []
    assert aws("glue").get_databases()["DatabaseList"] == []
    assert aws("apigateway").get_rest_apis()["items"] == []
    assert aws("wafv2").list_web_acls(Scope="REGIONAL")["WebACLs"] == []
    assert aws("firehose").list_delivery_streams()["DeliveryStreamNames"] == []
    assert aws("lambda").list_functions()["Functions"] == []
    assert aws("glue").get_jobs()["Jobs"] == []
    keys = aws("kms").list_keys()["Keys"]
    states = {aws("kms").describe_key(KeyId=k["KeyId"])["KeyMetadata"]["KeyState"] for k in keys}
    assert states <= {"PendingDeletion"}

    assert "local AWS stopped" in _ok(repo.run("down"))
    assert "local AWS was not running" in _ok(repo.run("down"))

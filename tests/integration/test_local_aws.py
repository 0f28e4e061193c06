"""End to end against a local AWS (moto in server mode on loopback): the online path of
``plan`` (credentials found, S3 backend with native locking) and ``apply`` of exactly the gated
plan, for the dev environment.

moto stands in for AWS here; the summary must say so (AWS_ENDPOINT_URL), and nothing in the
project is special-cased for it beyond the endpoint and path-style S3 for the backend.
"""

from __future__ import annotations

import json

from tests.conftest import RepoCopy
from tests.integration.conftest import ACCOUNT, REGION, LocalAws, aws_env, client, use_local_account


def test_plan_apply_replan_against_local_aws(repo_copy: RepoCopy, local_aws: LocalAws) -> None:
    use_local_account(repo_copy)
    s3 = client("s3", local_aws)
    state_bucket = f"clickstack-tfstate-{ACCOUNT}"
    s3.create_bucket(Bucket=state_bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    env = aws_env(local_aws)

    planned = repo_copy.run("plan", "--env", "dev", env=env)
    assert planned.returncode == 0, planned.stdout + planned.stderr
    assert "OFFLINE" not in planned.stdout
    assert f"Planned against the AWS API at {local_aws.url} (AWS_ENDPOINT_URL)" in planned.stdout
    gates = json.loads((repo_copy.root / "build" / "dev" / "gates.json").read_text())
    assert gates["offline"] is False and gates["endpoint"] == local_aws.url

    applied = repo_copy.run("apply", "--env", "dev", env=env)
    assert applied.returncode == 0, applied.stdout[-3000:] + applied.stderr
    assert not (repo_copy.root / "build" / "dev" / "tfplan").exists(), "a plan applies once"
    # (No artifacts are packaged here, so none are published; test_local_env.py publishes into
    # the lake's TLS-only artifacts bucket through the local env's apply.)

    # What a user would look for: state in the backend, the stream keyed for the API, the lake.
    state = s3.get_object(Bucket=state_bucket, Key="clickstack/dev/terraform.tfstate")
    assert json.loads(state["Body"].read())["resources"]
    stream = client("kinesis", local_aws).describe_stream_summary(
        StreamName="clickstack-dev-events"
    )["StreamDescriptionSummary"]
    assert stream["EncryptionType"] == "KMS"
    assert stream["StreamModeDetails"]["StreamMode"] == "ON_DEMAND"
    buckets = {b["Name"] for b in s3.list_buckets()["Buckets"]}
    assert f"clickstack-dev-{ACCOUNT}-raw" in buckets

    again = repo_copy.run("apply", "--env", "dev", env=env)
    assert again.returncode == 6
    assert "no plan to apply" in again.stderr

    replanned = repo_copy.run("plan", "--env", "dev", env=env)
    assert replanned.returncode == 0, replanned.stdout + replanned.stderr
    summary = replanned.stdout
    assert "0 to add" in summary and "0 to replace" in summary and "0 to destroy" in summary

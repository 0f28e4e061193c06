"""End to end against a local AWS (moto in server mode on loopback): the online path of
``plan`` (credentials found, S3 backend with native locking) and ``apply`` of exactly the gated
plan, for the dev environment.

moto stands in for AWS here; the summary must say so (AWS_ENDPOINT_URL), and nothing in the
project is special-cased for it beyond the endpoint and path-style S3 for the backend.
"""

from __future__ import annotations

import json

import yaml

from tests.conftest import RepoCopy
from tests.integration.conftest import ACCOUNT, REGION, LocalAws, aws_env, client, use_local_account

# What the local AWS cannot create through the provider (ElastiCache replication groups), what
# needs it, and what it re-plans forever (Aurora Serverless v2 scaling): off in this copy, as in
# manifest/local.yaml. The rest of dev - Lambda and Glue job included - is applied for real.
OFF_HERE = ("redis", "profile_updater", "aurora", "network")


def _without_unsupported_services(repo: RepoCopy) -> None:
    manifest = repo.root / "manifest" / "dev.yaml"
    data = yaml.safe_load(manifest.read_text())
    for service in OFF_HERE:
        data["services"].setdefault(service, {})["enabled"] = False
    manifest.write_text(yaml.safe_dump(data, sort_keys=False))
    assert repo.run("render", "--env", "dev").returncode == 0


def test_plan_apply_replan_against_local_aws(repo_copy: RepoCopy, local_aws: LocalAws) -> None:
    use_local_account(repo_copy)
    _without_unsupported_services(repo_copy)
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
    functions = client("lambda", local_aws).list_functions()["Functions"]
    assert [f["FunctionName"] for f in functions] == ["clickstack-dev-firehose-transform"]

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

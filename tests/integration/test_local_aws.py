"""End to end against a local AWS (moto in server mode on loopback): the online path of
``plan`` (credentials found, S3 backend with native locking) and ``apply`` of exactly the gated
plan, for the dev environment.

moto stands in for AWS here; the summary must say so (AWS_ENDPOINT_URL), and nothing in the
project is special-cased for it beyond the endpoint and path-style S3 for the backend.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from generator.toolchain import REPO_ROOT
from tests.conftest import RepoCopy

ACCOUNT = "123456789012"  # the account moto answers with
REGION = "eu-west-1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def local_aws() -> Iterator[str]:
    server = Path(sys.executable).parent / "moto_server"
    if not server.exists():
        pytest.fail(f"{server} is missing: moto[server] is a pinned dev dependency")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [str(server), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/moto-api/", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("moto_server did not start on loopback within 30 s")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _aws_env(url: str) -> dict[str, str]:
    return {
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_REGION": REGION,
        "AWS_ENDPOINT_URL": url,
        "AWS_MAX_ATTEMPTS": "2",  # moto answers what it lacks with 500s: do not retry for minutes
        "AWS_EC2_METADATA_DISABLED": "true",
        "CLICKSTACK_BACKEND_CONFIG": "use_path_style=true",
        "CHECKOV": str(REPO_ROOT / ".venv-checkov" / "bin" / "checkov"),
    }


def _client(service: str, url: str) -> Any:
    return boto3.client(
        service,
        region_name=REGION,
        endpoint_url=url,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )


def test_plan_apply_replan_against_local_aws(repo_copy: RepoCopy, local_aws: str) -> None:
    manifest = repo_copy.root / "manifest" / "dev.yaml"
    manifest.write_text(manifest.read_text().replace('"111111111111"', f'"{ACCOUNT}"'))
    assert repo_copy.run("render", "--env", "dev").returncode == 0
    s3 = _client("s3", local_aws)
    state_bucket = f"clickstack-tfstate-{ACCOUNT}"
    s3.create_bucket(Bucket=state_bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    env = _aws_env(local_aws)

    planned = repo_copy.run("plan", "--env", "dev", env=env)
    assert planned.returncode == 0, planned.stdout + planned.stderr
    assert "OFFLINE" not in planned.stdout
    assert f"Planned against the AWS API at {local_aws} (AWS_ENDPOINT_URL)" in planned.stdout
    gates = json.loads((repo_copy.root / "build" / "dev" / "gates.json").read_text())
    assert gates["offline"] is False and gates["endpoint"] == local_aws

    applied = repo_copy.run("apply", "--env", "dev", env=env)
    assert applied.returncode == 0, applied.stdout[-3000:] + applied.stderr
    assert not (repo_copy.root / "build" / "dev" / "tfplan").exists(), "a plan applies once"

    # What a user would look for: state in the backend, the stream keyed for the API, the lake.
    state = s3.get_object(Bucket=state_bucket, Key="clickstack/dev/terraform.tfstate")
    assert json.loads(state["Body"].read())["resources"]
    stream = _client("kinesis", local_aws).describe_stream_summary(
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

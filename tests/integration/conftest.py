"""A local AWS for integration tests: moto in server mode on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest

from generator import local_aws as local_aws_server

ACCOUNT = local_aws_server.ACCOUNT_ID  # the account moto answers with
REGION = "eu-west-1"


@dataclass(frozen=True)
class LocalAws:
    url: str
    ca_bundle: Path  # the server's self-signed certificate: clients verify TLS against it


@pytest.fixture(scope="module")
def local_aws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalAws]:
    """The project's local AWS (moto with local_aws_fixes, over TLS) on a free loopback port,
    started as `make up` starts it but from a folder of its own. TLS matters: the lake buckets
    deny any request without aws:SecureTransport."""
    folder = tmp_path_factory.mktemp("local-aws")
    running, started = local_aws_server.up(folder)
    assert started, "a fresh folder cannot have a running local AWS"
    try:
        yield LocalAws(running.url, running.ca_bundle)
    finally:
        assert local_aws_server.down(folder) == running.pid


def aws_env(local: LocalAws) -> dict[str, str]:
    return {
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_REGION": REGION,
        "AWS_ENDPOINT_URL": local.url,
        "AWS_CA_BUNDLE": str(local.ca_bundle),
        "AWS_MAX_ATTEMPTS": "2",  # moto answers what it lacks with 500s: do not retry for minutes
        "AWS_EC2_METADATA_DISABLED": "true",
        "CLICKSTACK_BACKEND_CONFIG": "use_path_style=true",
    }


def client(service: str, local: LocalAws) -> Any:
    return boto3.client(
        service,
        region_name=REGION,
        endpoint_url=local.url,
        verify=str(local.ca_bundle),
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )


def use_local_account(repo: Any, env: str = "dev") -> None:
    """Point the copy's manifest at moto's account and re-render."""
    manifest = repo.root / "manifest" / f"{env}.yaml"
    text = manifest.read_text()
    for account in ("111111111111", "222222222222", "333333333333"):
        text = text.replace(f'"{account}"', f'"{ACCOUNT}"')
    manifest.write_text(text)
    assert repo.run("render", "--env", env).returncode == 0

"""A local AWS for integration tests: moto in server mode on a free loopback port."""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest

from generator.toolchain import REPO_ROOT

ACCOUNT = "123456789012"  # the account moto answers with
REGION = "eu-west-1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class LocalAws:
    url: str
    ca_bundle: Path  # the server's self-signed certificate: clients verify TLS against it


@pytest.fixture(scope="module")
def local_aws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalAws]:
    """moto over TLS on loopback. TLS matters: the lake buckets deny any request without
    aws:SecureTransport, and moto enforces bucket policies as S3 does."""
    server = Path(sys.executable).parent / "moto_server"
    if not server.exists():
        pytest.fail(f"{server} is missing: moto[server] is a pinned dev dependency")
    folder = tmp_path_factory.mktemp("local-aws")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    port = _free_port()
    url = f"https://127.0.0.1:{port}"
    process = subprocess.Popen(
        [str(server), "-H", "127.0.0.1", "-p", str(port), "-c", str(cert), "-k", str(key)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    context = ssl.create_default_context(cafile=str(cert))
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/moto-api/", timeout=1, context=context)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("moto_server did not start on loopback within 30 s")
                time.sleep(0.2)
        yield LocalAws(url, cert)
    finally:
        process.terminate()
        process.wait(timeout=10)


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
        "CHECKOV": str(REPO_ROOT / ".venv-checkov" / "bin" / "checkov"),
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

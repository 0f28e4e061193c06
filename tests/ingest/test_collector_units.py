"""Configuration from the environment, and what the collector reads from the ALB's headers."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest

from ingest.collector.config import Config, ConfigError, load_config
from ingest.collector.forwarded import client_ip, request_id
from tests.ingest.conftest import COLLECTOR_PYTHON, REPO

REQUIRED = {"STREAM_NAME": "s-events", "AWS_REGION": "eu-west-1"}


# ----------------------------------------------------------------------------- configuration


def test_defaults() -> None:
    config = load_config(REQUIRED)
    assert config == Config(stream_name="s-events", region="eu-west-1")
    assert (config.port, config.max_body_bytes, config.trusted_proxy_hops) == (8080, 10 << 20, 0)
    assert config.keepalive_timeout_s > 60  # outlives the ALB's idle timeout
    assert config.shutdown_timeout_s < 30  # within ECS' stopTimeout


def test_every_setting_is_read() -> None:
    environment = {
        **REQUIRED,
        "LISTEN_HOST": "127.0.0.1",
        "PORT": "9000",
        "MAX_BODY_BYTES": "1000",
        "MAX_HEADER_BYTES": "2048",
        "KEEPALIVE_TIMEOUT_S": "90",
        "REQUEST_TIMEOUT_S": "5",
        "SHUTDOWN_TIMEOUT_S": "10",
        "PUT_RETRIES": "0",
        "BACKOFF_BASE_S": "0.05",
        "BACKOFF_MAX_S": "1",
        "RETRY_AFTER_S": "3",
        "KINESIS_MAX_CONNECTIONS": "8",
        "AWS_MAX_ATTEMPTS": "5",
        "AWS_RETRY_MODE": "adaptive",
        "TRUSTED_PROXY_HOPS": "1",
        "LOG_LEVEL": "debug",
    }
    assert load_config(environment) == Config(
        stream_name="s-events",
        region="eu-west-1",
        host="127.0.0.1",
        port=9000,
        max_body_bytes=1000,
        max_header_bytes=2048,
        keepalive_timeout_s=90.0,
        request_timeout_s=5.0,
        shutdown_timeout_s=10.0,
        put_retries=0,
        backoff_base_s=0.05,
        backoff_max_s=1.0,
        retry_after_s=3,
        kinesis_max_connections=8,
        aws_max_attempts=5,
        aws_retry_mode="adaptive",
        trusted_proxy_hops=1,
        log_level="DEBUG",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"STREAM_NAME": ""}, "STREAM_NAME: required (the Kinesis stream to write to)"),
        ({"AWS_REGION": " "}, "AWS_REGION: required (the region of the stream)"),
        ({"PORT": "70000"}, "PORT: expected a port 1-65535 (0: any free port), found '70000'"),
        ({"PORT": "http"}, "PORT: expected a port"),
        ({"MAX_BODY_BYTES": "0"}, "MAX_BODY_BYTES: expected a positive integer, found '0'"),
        ({"MAX_HEADER_BYTES": "100"}, "MAX_HEADER_BYTES: expected at least 1024, found 100"),
        ({"SHUTDOWN_TIMEOUT_S": "-1"}, "SHUTDOWN_TIMEOUT_S: expected a positive number"),
        ({"PUT_RETRIES": "two"}, "PUT_RETRIES: expected a non-negative integer, found 'two'"),
        ({"TRUSTED_PROXY_HOPS": "-1"}, "TRUSTED_PROXY_HOPS: expected a non-negative integer"),
        ({"AWS_RETRY_MODE": "eager"}, "AWS_RETRY_MODE: expected one of"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL: expected one of"),
    ],
)
def test_a_bad_setting_names_its_variable(changes: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_config({**REQUIRED, **changes})
    assert str(error.value).startswith(message)


def test_the_process_exits_2_with_a_json_line_naming_the_variable(tmp_path: Path) -> None:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": f"{REPO / 'ingest'}{os.pathsep}{REPO / 'lambda'}",
        "AWS_REGION": "eu-west-1",
    }
    done = subprocess.run(
        [COLLECTOR_PYTHON, "-m", "collector"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    [line] = [json.loads(text) for text in done.stdout.splitlines()]
    assert line["level"] == "CRITICAL" and line["message"] == "invalid configuration"
    assert line["reason"].startswith("STREAM_NAME: required")


# ----------------------------------------------------------------------------- X-Forwarded-For


PEER = "10.0.1.17"  # an ALB node in the VPC


@pytest.mark.parametrize(
    ("headers", "hops", "expected"),
    [
        ([], 0, PEER),  # not forwarded: the peer is the client
        (["203.0.113.7"], 0, "203.0.113.7"),
        (["1.1.1.1, 203.0.113.7"], 0, "203.0.113.7"),  # the client's claim is ignored
        (["1.1.1.1", "203.0.113.7"], 0, "203.0.113.7"),  # several header lines, in order
        (["evil, 203.0.113.7"], 0, "203.0.113.7"),
        (["2001:DB8::1"], 0, "2001:db8::1"),  # canonical form
        ([" 203.0.113.7 "], 0, "203.0.113.7"),
        (["not-an-ip"], 0, PEER),  # the ALB's entry is always an address
        (["1.1.1.1, 203.0.113.7, 130.176.0.1"], 1, "203.0.113.7"),  # CloudFront in front
        (["203.0.113.7"], 3, "203.0.113.7"),  # a shorter chain than configured
        ([","], 0, PEER),
    ],
)
def test_the_client_is_the_right_most_untrusted_hop(
    headers: list[str], hops: int, expected: str
) -> None:
    assert client_ip(headers, PEER, hops) == expected


# ----------------------------------------------------------------------------- X-Amzn-Trace-Id


def test_the_request_id_is_the_albs_trace_id() -> None:
    root, self_id = "1-67891233-abcdef012345678912345678", "1-67891234-12456789abcdef012345678a"
    assert request_id(f"Root={root}") == root
    # the client chose the Root: the ALB's own Self is the request's id
    assert request_id(f"Self={self_id};Root={root};Parent=53995c3f42cd8ad8;Sampled=1") == self_id
    assert request_id(f"Root={root}; Sampled=0") == root


@pytest.mark.parametrize("header", [None, "", "Root=made-up", "garbage", "Self=1-2-3"])
def test_without_a_usable_trace_id_the_request_id_is_a_uuid(header: str | None) -> None:
    generated = request_id(header)
    assert str(uuid.UUID(generated)) == generated
    assert request_id(header) != generated

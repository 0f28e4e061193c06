"""The local AWS lifecycle (make up / make down) and the local target's guard rails, without
Terraform: ports, process ownership, activation, and what the CLI refuses."""

from __future__ import annotations

import json
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import local_aws
from generator.errors import LocalAwsError
from tests.conftest import RepoCopy


@pytest.fixture
def state_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "local-aws"
    yield folder
    local_aws.down(folder)


def test_up_is_idempotent_and_down_stops_it(state_dir: Path) -> None:
    running, started = local_aws.up(state_dir)
    assert started and running.url.startswith("https://127.0.0.1:")
    again, started_again = local_aws.up(state_dir)
    assert (again, started_again) == (running, False)
    record = json.loads((state_dir / "endpoint.json").read_text())
    assert record["pid"] == running.pid and record["account_id"] == "123456789012"
    assert local_aws.down(state_dir) == running.pid
    assert local_aws.read(state_dir) is None
    assert local_aws.down(state_dir) is None  # idempotent too


def test_a_taken_port_is_named(state_dir: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(LocalAwsError, match=rf"127\.0\.0\.1:{port} is taken.*LOCAL_AWS_PORT"):
            local_aws.up(state_dir, port=port)
    assert not (state_dir / "endpoint.json").exists()


def test_a_bad_port_variable_is_named(state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCAL_AWS_PORT", "80a")
    with pytest.raises(LocalAwsError, match="LOCAL_AWS_PORT: expected a port 1024-65535"):
        local_aws.up(state_dir)


def test_down_never_signals_a_process_it_did_not_start(state_dir: Path) -> None:
    stranger = subprocess.Popen(["sleep", "30"])
    try:
        state_dir.mkdir(parents=True)
        record = {
            "url": "https://127.0.0.1:4999",
            "pid": stranger.pid,
            "ca_bundle": "x",
            "log": "x",
        }
        (state_dir / "endpoint.json").write_text(json.dumps(record))
        assert local_aws.read(state_dir) is None
        assert local_aws.down(state_dir) is None
        assert stranger.poll() is None, "a recycled pid must be left alone"
    finally:
        stranger.kill()
        stranger.wait()


def test_activate_replaces_credentials_with_the_local_ones(
    state_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    running, _ = local_aws.up(state_dir)
    monkeypatch.setenv("AWS_PROFILE", "production-admin")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALKEY")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "real-session")
    local_aws.activate("local", "eu-west-1", state_dir)
    assert "AWS_PROFILE" not in os.environ and "AWS_SESSION_TOKEN" not in os.environ
    assert os.environ["AWS_ACCESS_KEY_ID"] == "local-aws"
    assert os.environ["AWS_ENDPOINT_URL"] == running.url
    assert os.environ["AWS_CA_BUNDLE"] == str(running.ca_bundle)
    assert os.environ["CLICKSTACK_BACKEND_CONFIG"].endswith("build/local/terraform.tfstate")


def test_local_env_commands_need_the_local_aws(repo_copy: RepoCopy) -> None:
    for command in (["plan", "--env", "local"], ["apply", "--env", "local"]):
        result = repo_copy.run(*command)
        assert result.returncode == 9, result.stderr
        assert "the local AWS is not running" in result.stderr and "`make up`" in result.stderr


def test_destroy_on_aws_needs_the_env_name_confirmed(repo_copy: RepoCopy) -> None:
    for confirm in ([], ["--confirm", "dev"]):
        result = repo_copy.run("destroy", "--env", "prod", *confirm)
        assert result.returncode == 2, result.stderr
        assert "expected CONFIRM=prod" in result.stderr
    assert not (repo_copy.root / "build" / "prod").exists(), "nothing ran"

"""apply takes exactly the gated plan, and refuses anything else with a reason."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from tests.conftest import RepoCopy


def _gate(repo: RepoCopy, env: str = "prod", *, offline: bool = False) -> None:
    """Fake what a passing online ``plan`` leaves behind, with the copy's real input digests."""
    build = repo.root / "build" / env
    build.mkdir(parents=True)
    (build / "tfplan").write_bytes(b"a saved plan")
    digests = subprocess.run(
        [sys.executable, "-c", f"import json; from generator.pipeline import input_digests; "
         f"print(json.dumps(input_digests({env!r})))"],
        cwd=repo.root, env={"PYTHONPATH": str(repo.root), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    record = {
        "env": env,
        "offline": offline,
        "passed": True,
        "created_at": "2026-11-25T10:00:00+00:00",
        "plan_sha256": hashlib.sha256(b"a saved plan").hexdigest(),
        "gates": [],
        "inputs": json.loads(digests),
    }
    (build / "gates.json").write_text(json.dumps(record))


def _check(repo: RepoCopy, env: str = "prod") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", f"from generator.pipeline import check_applicable; "
         f"check_applicable({env!r}); print('applicable')"],
        cwd=repo.root, env={"PYTHONPATH": str(repo.root), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_a_current_gated_plan_is_applicable(repo_copy: RepoCopy) -> None:
    _gate(repo_copy)
    result = _check(repo_copy)
    assert result.stdout.strip() == "applicable", result.stderr


def test_refuses_without_a_plan(repo_copy: RepoCopy) -> None:
    result = repo_copy.run("apply", "--env", "prod")
    assert result.returncode == 6
    assert "build/prod/tfplan: no plan to apply" in result.stderr


def test_refuses_a_plan_that_did_not_pass_the_gates(repo_copy: RepoCopy) -> None:
    _gate(repo_copy)
    (repo_copy.root / "build" / "prod" / "gates.json").unlink()
    result = repo_copy.run("apply", "--env", "prod")
    assert result.returncode == 6
    assert "did not pass the gates" in result.stderr


def test_refuses_an_offline_plan(repo_copy: RepoCopy) -> None:
    _gate(repo_copy, offline=True)
    result = repo_copy.run("apply", "--env", "prod")
    assert result.returncode == 6
    assert "made OFFLINE (AWS was not called" in result.stderr


def test_refuses_a_plan_file_swapped_after_the_gates(repo_copy: RepoCopy) -> None:
    _gate(repo_copy)
    (repo_copy.root / "build" / "prod" / "tfplan").write_bytes(b"another plan")
    result = repo_copy.run("apply", "--env", "prod")
    assert result.returncode == 6
    assert "changed after the gates ran" in result.stderr


@pytest.mark.parametrize(
    "changed",
    ["manifest/prod.yaml", "terraform/modules/stream/main.tf", "generator/render.py"],
)
def test_refuses_a_plan_older_than_its_inputs(repo_copy: RepoCopy, changed: str) -> None:
    _gate(repo_copy)
    path = repo_copy.root / changed
    path.write_text(path.read_text() + "\n# changed after the plan\n")
    result = repo_copy.run("apply", "--env", "prod")
    assert result.returncode == 6
    assert "older than what it was made from" in result.stderr
    assert changed in result.stderr

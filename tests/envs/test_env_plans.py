"""Each committed environment validates and plans offline through the real pipeline
(render -> validate -> checkov -> plan -> checkov -> policies), and its offline plan can
never be applied."""

from __future__ import annotations

import json

import pytest

from generator import pipeline
from generator.errors import ApplyRefused
from generator.manifest import available_envs, load_manifest


@pytest.mark.parametrize("env", available_envs())
def test_env_plans_offline_and_passes_the_gates(env: str) -> None:
    outcome = pipeline.plan(env, offline=True)
    summary = "\n".join(pipeline.summary_lines(outcome))
    assert outcome.passed, summary
    assert outcome.plan_file is not None and outcome.plan_file.exists()
    assert "AWS was not called" in summary
    record = json.loads((outcome.plan_file.parent / "gates.json").read_text())
    assert record["offline"] is True
    assert [g["name"] for g in record["gates"]] == [
        "checkov (code)", "checkov (plan)", "clickstack policies"
    ]  # fmt: skip

    added = outcome.counts["add"]
    assert set(outcome.counts) == {"add"}, "an offline plan starts from empty state"
    assert added["aws_kinesis_stream"] == 1
    assert added["aws_s3_bucket"] == 5
    manifest = load_manifest(env).manifest
    assert added.get("aws_wafv2_web_acl", 0) == (1 if manifest.services.waf.enabled else 0)

    with pytest.raises(ApplyRefused, match="made OFFLINE"):
        pipeline.check_applicable(env)


@pytest.mark.parametrize("env", available_envs())
def test_env_validates(env: str) -> None:
    timer = pipeline.validate(env)
    assert [name for name, _, _ in timer.steps][-1] == "terraform validate"

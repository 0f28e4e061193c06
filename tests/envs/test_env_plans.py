"""Each committed environment validates and plans offline through the real pipeline
(render -> validate -> checkov -> plan -> checkov -> policies), and its offline plan can
never be applied. Runs in a copy of the repository so a user's build/<env>/tfplan is never
touched by the tests."""

from __future__ import annotations

import json

import pytest

from generator.checkov_gate import checkov_binary
from generator.manifest import available_envs, load_manifest
from generator.render import call_enabled
from tests.conftest import RepoCopy

CHECKOV = {"CHECKOV": str(checkov_binary())}

SERVICE_RESOURCES = {
    "network": "aws_vpc",
    "flink": "aws_kinesisanalyticsv2_application",
    "profile_updater": "aws_lambda_event_source_mapping",
    "glue_etl": "aws_glue_job",
    "redshift": "aws_redshiftserverless_workgroup",
    "quicksight": "aws_quicksight_data_source",
    "redis": "aws_elasticache_replication_group",
    "aurora": "aws_rds_cluster",
    "ingest_api": "aws_api_gateway_rest_api",
    "ingest_fleet": "aws_ecs_service",
    "global_accelerator": "aws_globalaccelerator_accelerator",
    "msk": "aws_msk_serverless_cluster",
    "emr_serverless": "aws_emrserverless_application",
    "orchestration": "aws_sfn_state_machine",
    "secrets": "aws_secretsmanager_secret",
    "monitoring": "aws_cloudwatch_dashboard",
    "console": "aws_cloudfront_distribution",
}
SEED_002 = (
    "ingest_fleet", "global_accelerator", "msk", "emr_serverless", "orchestration", "secrets",
    "monitoring", "console",
)  # fmt: skip


def test_prod_turns_on_every_service_and_dev_stays_cheap() -> None:
    prod, dev = load_manifest("prod").manifest, load_manifest("dev").manifest
    assert all(prod.enabled(service) for service in SERVICE_RESOURCES if service not in SEED_002)
    assert prod.services.network.nat == "per_az"
    assert dev.services.network.nat == "none"
    assert not dev.enabled("redshift") and not dev.enabled("quicksight")


def test_staging_and_prod_between_them_plan_every_seed_002_service() -> None:
    """Staging takes the fleet path with MSK and EMR Serverless, prod the rest (issue 6)."""
    staging, prod = load_manifest("staging").manifest, load_manifest("prod").manifest
    assert staging.enabled("ingest_fleet") and not staging.enabled("ingest_api")
    assert staging.enabled("msk") and staging.services.orchestration.engine == "emr_serverless"
    assert prod.enabled("ingest_fleet") and prod.enabled("ingest_api")
    assert prod.services.orchestration.engine == "glue"
    for service in SEED_002:
        assert staging.enabled(service) or prod.enabled(service), service


@pytest.mark.parametrize("env", available_envs())
def test_env_plans_offline_and_passes_the_gates(repo_copy: RepoCopy, env: str) -> None:
    result = repo_copy.run("plan", "--env", env, env={**CHECKOV, "OFFLINE": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout
    assert "OFFLINE PLAN" in summary and "AWS was not called" in summary
    assert "0 to change, 0 to replace, 0 to destroy" in summary
    for gate in ("checkov (code): passed", "checkov (plan): passed", "clickstack policies: passed"):
        assert gate in summary

    build = repo_copy.root / "build" / env
    assert (build / "tfplan").exists()
    record = json.loads((build / "gates.json").read_text())
    assert record["offline"] is True and record["passed"] is True

    plan = json.loads((build / "plan.json").read_text())
    types = [c["type"] for c in plan["resource_changes"] if c["mode"] == "managed"]
    m = load_manifest(env).manifest
    # the event stream, plus the metrics, errors and late-events streams of the Flink job
    assert types.count("aws_kinesis_stream") == (4 if m.enabled("flink") else 1)
    # the lake's five buckets, and the console's web bucket
    assert types.count("aws_s3_bucket") == 5 + (1 if m.enabled("console") else 0)
    assert types.count("aws_wafv2_web_acl") == (1 if m.enabled("waf") else 0)
    # Each switchable service is planned exactly when its manifest section is on (and, for
    # secrets, lists a secret).
    for service, resource in SERVICE_RESOURCES.items():
        expected = 1 if call_enabled(m, service) else 0
        assert min(types.count(resource), 1) == expected, (service, resource)
    functions = [m.enabled(f) for f in ("profile_updater", "firehose_transform", "console")]
    assert types.count("aws_lambda_function") == sum(functions)
    # one web ACL association per protected entry point
    entry_points = [m.enabled("waf") and m.enabled(e) for e in ("ingest_api", "ingest_fleet")]
    assert types.count("aws_wafv2_web_acl_association") == sum(entry_points)

    refused = repo_copy.run("apply", "--env", env)
    if load_manifest(env).manifest.target == "local":
        # a local apply always plans afresh, against the local AWS: it has to be running
        assert refused.returncode == 9 and "`make up`" in refused.stderr
    else:
        assert refused.returncode == 6
        assert "made OFFLINE" in refused.stderr


def test_a_failed_gate_leaves_no_plan(repo_copy: RepoCopy) -> None:
    """Drop the reviewed waivers: checkov fails, and nothing apply could take is left."""
    for waiver in (repo_copy.root / "policy" / "waivers").glob("*.yaml"):
        waiver.unlink()
    result = repo_copy.run("plan", "--env", "dev", env={**CHECKOV, "OFFLINE": "1"})
    assert result.returncode == 5
    assert "checkov (code): FAILED" in result.stdout
    assert "No plan file was kept" in result.stdout
    build = repo_copy.root / "build" / "dev"
    assert not (build / "tfplan").exists() and not (build / "tfplan.pending").exists()
    assert not (build / "gates.json").exists()
    assert (build / "plan.json").exists(), "the plan stays readable for review"


@pytest.mark.parametrize("env", available_envs())
def test_env_validates(repo_copy: RepoCopy, env: str) -> None:
    result = repo_copy.run("validate", "--env", env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"validate {env}: fmt, init -backend=false, validate passed" in result.stdout


def test_validate_names_an_unformatted_file(repo_copy: RepoCopy) -> None:
    main = repo_copy.root / "terraform" / "modules" / "stream" / "main.tf"
    main.write_text(main.read_text().replace("  name ", "  name    ", 1))
    result = repo_copy.run("validate", "--env", "dev")
    assert result.returncode == 4
    assert "terraform fmt -check" in result.stderr and "stream/main.tf" in result.stderr


def test_validate_fails_on_a_broken_reference(repo_copy: RepoCopy) -> None:
    outputs = repo_copy.root / "terraform" / "modules" / "stream" / "outputs.tf"
    outputs.write_text(
        outputs.read_text() + '\noutput "oops" {\n  value = aws_kinesis_stream.nope.arn\n}\n'
    )
    result = repo_copy.run("validate", "--env", "dev")
    assert result.returncode == 4
    assert "terraform validate failed" in result.stderr
    assert "aws_kinesis_stream.nope" in result.stderr

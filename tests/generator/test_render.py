"""Rendering: deterministic, fmt-clean, data-flow ordered, atomic, committed roots current."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import render, sizing
from generator.hcl import JsonEncode, Ref, hcl
from generator.manifest import available_envs, load_manifest
from generator.toolchain import terraform_binary
from tests.conftest import RepoCopy

ENVS = available_envs()


def _words(path: Path) -> str:
    """File text with runs of whitespace collapsed (terraform fmt aligns ``=``)."""
    return " ".join(path.read_text().split())


def test_the_environments_exist() -> None:
    assert ENVS == ["dev", "local", "prod", "staging"]


@pytest.mark.parametrize("env", ENVS)
def test_committed_root_matches_a_fresh_render(env: str) -> None:
    files = render.render_files(load_manifest(env))
    assert render.diff_root(env, files) == []
    assert render.render_files(load_manifest(env)) == files, "rendering is not deterministic"


@pytest.mark.parametrize("env", ENVS)
def test_committed_root_is_fmt_clean_and_has_header(env: str) -> None:
    root = render.env_root(env)
    result = subprocess.run(
        [terraform_binary(), "fmt", "-check", "-list=true", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name in render.RENDERED_FILES:
        head = (root / name).read_text().splitlines()[0]
        assert head.startswith(f"# Generated from manifest/{env}.yaml"), name
        assert "Do not edit" in (root / name).read_text().splitlines()[1]


def test_main_reads_in_data_flow_order() -> None:
    text = (render.env_root("prod") / "main.tf").read_text()
    modules = re.findall(r'^module "([a-z_]+)"', text, flags=re.M)
    assert modules == [
        "kms", "network", "secrets", "waf", "ingest_api", "ingest_fleet", "global_accelerator",
        "stream", "flink_metrics_stream", "flink_errors_stream", "flink_late_events_stream",
        "flink", "profile_updater", "firehose_transform", "firehose",
        "data_lake", "artifacts", "catalog", "glue_etl", "orchestration",
        "athena", "redshift", "quicksight", "redis", "aurora",
        "monitoring", "console_api", "console",
    ]  # fmt: skip


def test_disabled_service_is_left_out_with_a_note() -> None:
    text = (render.env_root("dev") / "main.tf").read_text()
    assert 'module "waf"' not in text
    assert "# waf: disabled in manifest/dev.yaml (services.waf.enabled = false)" in text
    assert "waf_web_acl_arn" not in (render.env_root("dev") / "outputs.tf").read_text()


def test_local_target_renders_local_state_and_no_endpoint() -> None:
    """The local env's root names no port or machine path: clickstack supplies the endpoint,
    CA and state path when it runs terraform (make up picks a free port)."""
    backend = _words(render.env_root("local") / "backend.tf")
    assert 'backend "local" {}' in backend and "s3" not in backend
    providers = _words(render.env_root("local") / "providers.tf")
    assert 'allowed_account_ids = ["123456789012"]' in providers
    assert "s3_use_path_style = true" in providers and "max_retries = 3" in providers
    for name in render.RENDERED_FILES:
        text = (render.env_root("local") / name).read_text()
        assert "127.0.0.1" not in text and "/work/" not in text and "endpoints" not in text


def test_backend_uses_s3_native_locking() -> None:
    text = _words(render.env_root("prod") / "backend.tf")
    assert 'backend "s3" {' in text
    assert 'bucket = "clickstack-tfstate-333333333333"' in text
    assert 'key = "clickstack/prod/terraform.tfstate"' in text
    assert "use_lockfile = true" in text
    providers = _words(render.env_root("prod") / "providers.tf")
    assert 'allowed_account_ids = ["333333333333"]' in providers
    assert 'managed-by = "clickstack"' in providers
    assert 'env = "prod"' in providers


def test_prod_is_sized_for_20k_events_per_second() -> None:
    prod = load_manifest("prod").manifest
    assert prod.traffic.peak_events_per_second == 20000
    # 20,000 x 1 KiB = 19.5 MiB/s and 20 x 1000 records/s -> 20 shards, +25% headroom.
    assert sizing.shard_count(prod) == 25
    # 20,000 events/s in batches of 8 = 2,500 requests/s, +50% headroom, burst 2x.
    assert sizing.api_throttle(prod) == (3750.0, 7500)
    text = (render.env_root("prod") / "main.tf").read_text()
    assert "shard_count = 25" in " ".join(text.split())
    dev = load_manifest("dev").manifest
    assert sizing.shard_count(dev) is None  # on-demand


def test_hcl_literals_escape_interpolation() -> None:
    assert hcl("a ${b} %{c}") == '"a $${b} %%{c}"'
    assert hcl(Ref("module.x.y")) == "module.x.y"
    assert hcl({"a-b": [1, True, None]}) == "{\n  a-b = [1, true, null]\n}"
    assert hcl({"$schema": "x"}) == '{\n  "$schema" = "x"\n}'
    assert hcl(JsonEncode({"k": "v"})) == 'jsonencode({\n  k = "v"\n})'


def test_render_is_atomic_when_writing_fails(repo_copy: RepoCopy) -> None:
    """A failure half-way through writing leaves the old root untouched and no temp folders."""
    manifest = repo_copy.root / "manifest" / "dev.yaml"
    manifest.write_text(manifest.read_text().replace("raw_days: 30", "raw_days: 31"))
    before = repo_copy.snapshot("terraform/envs")
    script = (
        "import pathlib, sys\n"
        "from generator import cli\n"
        "real = pathlib.Path.write_bytes\n"
        "calls = []\n"
        "def flaky(self, data):\n"
        "    calls.append(self)\n"
        "    if len(calls) == 3:\n"
        "        raise OSError(28, 'No space left on device')\n"
        "    return real(self, data)\n"
        "pathlib.Path.write_bytes = flaky\n"
        "sys.exit(cli.main(['render', '--env', 'dev']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=repo_copy.root,
        env={**os.environ, "PYTHONPATH": str(repo_copy.root)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "No space left on device" in result.stderr
    assert repo_copy.snapshot("terraform/envs") == before
    leftovers = [p.name for p in (repo_copy.root / "terraform" / "envs").iterdir()]
    assert sorted(leftovers) == ["dev", "local", "prod", "staging"]


def test_render_keeps_terraform_data_and_reports_unchanged(repo_copy: RepoCopy) -> None:
    dot_terraform = repo_copy.root / "terraform" / "envs" / "dev" / ".terraform"
    dot_terraform.mkdir()
    (dot_terraform / "marker").write_text("kept")
    result = repo_copy.run("render", "--env", "dev")
    assert result.returncode == 0
    assert "terraform/envs/dev: unchanged" in result.stdout
    manifest = repo_copy.root / "manifest" / "dev.yaml"
    manifest.write_text(manifest.read_text().replace("raw_days: 30", "raw_days: 31"))
    result = repo_copy.run("render", "--env", "dev")
    assert "terraform/envs/dev: rendered" in result.stdout
    assert (dot_terraform / "marker").read_text() == "kept"
    assert "raw_days = 31" in _words(dot_terraform.parent / "main.tf")


def test_check_render_fails_on_a_hand_edit(repo_copy: RepoCopy) -> None:
    assert repo_copy.run("check-render").returncode == 0
    main = repo_copy.root / "terraform" / "envs" / "staging" / "main.tf"
    main.write_text(main.read_text() + "\n# hand edit\n")
    result = repo_copy.run("check-render")
    assert result.returncode == 1
    assert "terraform/envs/staging/main.tf: differs from a fresh render" in result.stderr


def test_docs_are_current() -> None:
    from generator import docs

    assert docs.write_all(check=True) == []


def test_every_manifest_key_is_documented() -> None:
    text = Path("docs/manifest.md").read_text()
    for key in ("traffic.peak_events_per_second", "services.stream.shard_count", "account_id"):
        assert f"| `{key}` |" in text


def _module_block(env: str, name: str) -> str:
    text = (render.env_root(env) / "main.tf").read_text()
    match = re.search(rf'^module "{name}" {{\n(.*?)^}}', text, flags=re.M | re.S)
    assert match, f"module {name} not in {env}"
    return " ".join(match.group(1).split())


def test_one_web_acl_protects_every_enabled_entry_point() -> None:
    prod = _module_block("prod", "waf")
    assert "api = module.ingest_api.stage_arn" in prod
    assert "fleet = module.ingest_fleet.alb_arn" in prod
    staging = _module_block("staging", "waf")
    assert "fleet = module.ingest_fleet.alb_arn" in staging and "ingest_api" not in staging


def test_fleet_runs_its_own_repository_image_and_logs_to_the_lake() -> None:
    fleet = _module_block("staging", "ingest_fleet")
    image = "222222222222.dkr.ecr.eu-west-1.amazonaws.com/clickstack-staging-fleet:0.1.0"
    assert f'image = "{image}"' in fleet
    assert "public_subnet_ids = values(module.network.public_subnet_ids)" in fleet
    assert 'bucket = module.data_lake.access_logs_bucket_name prefix = "alb"' in fleet
    lake = _module_block("staging", "data_lake")
    assert 'load_balancer_log_prefixes = ["alb"]' in lake


def test_workflow_runs_the_engine_the_manifest_names() -> None:
    staging = _module_block("staging", "orchestration")
    assert 'engine = "emr_serverless"' in staging and "glue_job_name = null" in staging
    # the same script and arguments the Glue job gets, from the artifact the plan uploads
    for arg in ("--raw_path", "--curated_path", "--sessions_path", "--errors_path"):
        assert f'"{arg}"' in staging
    assert 'module.artifacts.objects["glue/sessionize"].key' in staging
    prod = _module_block("prod", "orchestration")
    assert 'engine = "glue"' in prod and "glue_job_name = module.glue_etl.job_name" in prod
    assert "emr_serverless = null" in prod
    # the workflow starts the Glue job, so the job has no trigger of its own
    assert "schedule = null" in _module_block("prod", "glue_etl")


def test_alarms_follow_the_enabled_services() -> None:
    dev = _module_block("dev", "monitoring")
    assert "load_balancer = null" in dev and "flink_application = null" in dev
    assert "elasticache = { cache_cluster_ids = module.redis.member_clusters }" in dev
    prod = _module_block("prod", "monitoring")
    assert "arn_suffix = module.ingest_fleet.alb_arn_suffix" in prod
    assert "topic_policy_documents = [module.orchestration.alarm_topic_policy_json]" in prod
    for name in ("profile_updater", "firehose_transform", "console_api"):
        assert f"function_name = module.{name}.function_name" in prod
    # the key lets the alarm and rule publishers (and Step Functions' log delivery) use it,
    # without the kms module reading any module that reads the key
    kms = _module_block("prod", "kms")
    assert "alarm_topic" in kms and "state_machine_logs" in kms and "module." not in kms


def test_alarm_topic_key_policy_is_the_monitoring_modules_own() -> None:
    """The generator writes the monitoring module's key statements into the kms call (a module
    reference there is a cycle to checkov); both must say the same."""
    import json

    import yaml

    case = Path(__file__).parents[1] / "modules" / "monitoring" / "basic.yaml"
    expected = json.loads(yaml.safe_load(case.read_text())["outputs"]["kms_key_policy_json"])
    built = render.alarm_topic_key_policy("clickstack-test", "111111111111", "eu-west-1")
    assert built == expected

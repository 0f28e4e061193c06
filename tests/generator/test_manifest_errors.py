"""Every kind of bad manifest gives one clear error naming file, line and key, exits 2 and
writes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import RepoCopy

Edit = Callable[[str], str]


def _replace(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text, f"test setup: {old!r} not in manifest"
        return text.replace(old, new, 1)

    return edit


CASES: list[tuple[str, str, Edit, list[str]]] = [
    (
        "unknown key with suggestion",
        "dev",
        _replace("  firehose:\n", "  firehose:\n    compresion: GZIP\n"),
        [
            "manifest/dev.yaml:",
            "services.firehose.compresion",
            "unknown key 'compresion'",
            "did you mean 'compression'?",
        ],
    ),
    (
        "unknown top-level section",
        "dev",
        _replace("traffic:", "trafic:\n  x: 1\ntraffic:"),
        ["manifest/dev.yaml:", "trafic", "did you mean 'traffic'?"],
    ),
    (
        "wrong type",
        "dev",
        _replace("peak_events_per_second: 50", "peak_events_per_second: lots"),
        [
            "manifest/dev.yaml:9:",
            "traffic.peak_events_per_second",
            "expected an integer",
            "found string 'lots'",
        ],
    ),
    (
        "unquoted account id",
        "dev",
        _replace('account_id: "111111111111"', "account_id: 111111111111"),
        ["manifest/dev.yaml:3:", "account_id", "expected a string", "found integer 111111111111"],
    ),
    (
        "out of range",
        "prod",
        _replace("retention_hours: 168", "retention_hours: 9000"),
        ["manifest/prod.yaml:", "services.stream.retention_hours", "<= 8760", "found integer 9000"],
    ),
    (
        "not a CloudWatch retention period",
        "dev",
        _replace("access_log_retention_days: 7", "access_log_retention_days: 10"),
        ["services.ingest_api.access_log_retention_days", "CloudWatch Logs retention", "10"],
    ),
    (
        "literal choice",
        "prod",
        _replace("mode: PROVISIONED", "mode: PROVISIONNED"),
        ["services.stream.mode", "'ON_DEMAND' or 'PROVISIONED'", "'PROVISIONNED'"],
    ),
    (
        "missing required key",
        "dev",
        _replace('account_id: "111111111111"\n', ""),
        ["manifest/dev.yaml", "account_id: required key is missing", "AWS account id"],
    ),
    (
        "YAML syntax error",
        "dev",
        _replace("traffic:", "traffic: [unclosed"),
        ["manifest/dev.yaml:", "YAML syntax error"],
    ),
    (
        "env key disagrees with file name",
        "dev",
        _replace("env: dev", "env: prod"),
        ["manifest/dev.yaml:2:", "env: expected 'dev'", "found string 'prod'"],
    ),
    (
        "shard_count on an on-demand stream",
        "dev",
        _replace("  firehose:\n", "  stream:\n    shard_count: 4\n  firehose:\n"),
        ["services.stream.shard_count", "no shard_count when mode is ON_DEMAND", "integer 4"],
    ),
    (
        "zone outside the region",
        "dev",
        _replace("[eu-west-1a, eu-west-1b]", "[eu-west-1a, us-east-1b]"),
        ["availability_zones", "zones of region eu-west-1", "'us-east-1b'"],
    ),
    (
        "service enabled without what it needs",
        "dev",
        _replace("  athena:\n", "  catalog:\n    enabled: false\n  athena:\n"),
        ["services.catalog.enabled", "services.athena is enabled and needs catalog", "found false"],
    ),
    (
        "local target with another account",
        "local",
        _replace('account_id: "123456789012"', 'account_id: "111111111111"'),
        [
            "manifest/local.yaml",
            "account_id",
            "the account the local AWS answers with",
            "found string '111111111111'",
        ],
    ),
    (
        "unknown target",
        "dev",
        _replace("env: dev\n", "env: dev\ntarget: localstack\n"),
        ["manifest/dev.yaml:", "target", "'aws'", "'local'", "found string 'localstack'"],
    ),
    (
        "WAF body limit below a typical batch",
        "prod",
        _replace("max_body_bytes: 8192", "max_body_bytes: 4096"),
        ["services.waf.max_body_bytes", "expected at least 8192", "found 4096"],
    ),
    (
        "multi-AZ cache without a replica",
        "dev",
        _replace(
            "  redis:\n    replicas: 0\n    multi_az: false",
            "  redis:\n    replicas: 0\n    multi_az: true",
        ),
        [
            "manifest/dev.yaml:",
            "services.redis.multi_az",
            "false when replicas is 0",
            "found boolean True",
        ],
    ),
    (
        "Aurora capacity range upside down",
        "prod",
        _replace("max_acu: 16", "max_acu: 1"),
        ["manifest/prod.yaml:", "services.aurora.max_acu", "at least min_acu (2.0)", "1"],
    ),
    (
        "Aurora capacity not in half steps",
        "prod",
        _replace("min_acu: 2", "min_acu: 2.25"),
        ["manifest/prod.yaml:", "services.aurora.min_acu", "a multiple of 0.5"],
    ),
    (
        "Redshift RPUs not a multiple of 8",
        "prod",
        _replace("base_capacity: 16", "base_capacity: 20"),
        ["manifest/prod.yaml:", "services.redshift.base_capacity", "a multiple of 8 RPUs", "20"],
    ),
    (
        "Redshift with two zones",
        "dev",
        _replace(
            "  flink:\n    enabled: false",
            "  flink:\n    enabled: false\n  redshift:\n    enabled: true",
        ),
        [
            "manifest/dev.yaml:",
            "availability_zones",
            "at least 3 zones",
            "services.redshift",
            "found 2",
        ],
    ),
    (
        "QuickSight without anyone to use it",
        "dev",
        _replace(
            "  flink:\n    enabled: false",
            "  flink:\n    enabled: false\n  quicksight:\n    enabled: true",
        ),
        ["manifest/dev.yaml:", "services.quicksight.principals", "at least one user or group"],
    ),
    (
        "profile updater without its database",
        "dev",
        _replace("  aurora:\n", "  aurora:\n    enabled: false\n"),
        ["services.aurora.enabled", "services.profile_updater is enabled and needs aurora"],
    ),
    (
        "VPC range that is not a network",
        "prod",
        _replace("cidr_block: 10.40.0.0/16", "cidr_block: 10.40.0.1/16"),
        ["manifest/prod.yaml:", "services.network.cidr_block", "IPv4 network in CIDR notation"],
    ),
    (
        "no ingestion path",
        "staging",
        _replace("  ingest_fleet:\n    enabled: true", "  ingest_fleet:\n    enabled: false"),
        [
            "manifest/staging.yaml:15:",
            "services.ingest_api.enabled",
            "the stream needs an ingestion path",
            "found boolean False",
        ],
    ),
    (
        "fleet without a certificate",
        "staging",
        _replace("    certificate_arn: arn:aws:acm", "    x_certificate_arn: arn:aws:acm"),
        ["manifest/staging.yaml:", "unknown key 'x_certificate_arn'", "did you mean"],
    ),
    (
        "fleet image named twice",
        "staging",
        _replace(
            '    image_tag: "0.1.0"',
            '    image_tag: "0.1.0"\n    image_digest: "sha256:' + "a" * 64 + '"',
        ),
        [
            "manifest/staging.yaml:",
            "services.ingest_fleet.image_digest",
            "exactly one of image_tag and image_digest",
        ],
    ),
    (
        "fleet image tag latest is not a tag pattern",
        "staging",
        _replace('    image_tag: "0.1.0"', '    image_tag: "my tag"'),
        ["manifest/staging.yaml:", "services.ingest_fleet.image_tag", "a string matching"],
    ),
    (
        "fleet image tag latest",
        "staging",
        _replace('    image_tag: "0.1.0"', "    image_tag: latest"),
        ["services.ingest_fleet.image_tag", "a version tag, not latest", "found string 'latest'"],
    ),
    (
        "fleet open to a range with host bits",
        "staging",
        _replace(
            "      max: 6\n", "      max: 6\n    allowed_cidrs:\n      office: 203.0.113.7/24\n"
        ),
        ["services.ingest_fleet.allowed_cidrs", "found '203.0.113.7/24' for office"],
    ),
    (
        "console callback over plain http",
        "prod",
        _replace('["https://console.example.com/"]', '["http://console.example.com/"]'),
        ["manifest/prod.yaml:", "services.console.callback_urls", "https URLs"],
    ),
    (
        "fleet without a NAT",
        "staging",
        _replace("    nat: single", "    nat: none"),
        [
            "manifest/staging.yaml:",
            "services.network.nat",
            "single or per_az because services.ingest_fleet is enabled",
            "found string 'none'",
        ],
    ),
    (
        "WAF body limit the ALB cannot inspect",
        "staging",
        _replace("    max_body_bytes: 8192", "    max_body_bytes: 16384"),
        [
            "manifest/staging.yaml:",
            "services.waf.max_body_bytes",
            "at most 8192 because services.ingest_fleet is enabled",
            "found integer 16384",
        ],
    ),
    (
        "workflow and Glue trigger both scheduled",
        "prod",
        _replace(
            "    schedule: null  # the workflow", "    schedule: cron(0 2 * * ? *)  # the workflow"
        ),
        [
            "manifest/prod.yaml:",
            "services.glue_etl.schedule",
            "null because services.orchestration runs the daily batch",
            "found string 'cron(0 2 * * ? *)'",
        ],
    ),
    (
        "workflow engine switched off",
        "staging",
        _replace("  emr_serverless:\n    enabled: true", "  emr_serverless:\n    enabled: false"),
        [
            "manifest/staging.yaml:",
            "services.emr_serverless.enabled",
            "true because services.orchestration.engine is emr_serverless",
        ],
    ),
    (
        "warehouse SQL without a warehouse",
        "staging",
        _replace(
            "    engine: emr_serverless",
            "    engine: emr_serverless\n    warehouse_sql: CALL marts.refresh(:processing_date)",
        ),
        ["services.redshift.enabled", "true because services.orchestration.warehouse_sql is set"],
    ),
    (
        "alarm email that is not one",
        "prod",
        _replace('["data-platform-oncall@example.com"]', '["oncall"]'),
        [
            "manifest/prod.yaml:",
            "services.monitoring.alarm_emails",
            "email addresses (found 'oncall')",
        ],
    ),
    (
        "Global Accelerator without the fleet",
        "dev",
        _replace(
            "  flink:\n    enabled: false",
            "  flink:\n    enabled: false\n  global_accelerator:\n    enabled: true",
        ),
        [
            "services.ingest_fleet.enabled",
            "services.global_accelerator is enabled and needs ingest_fleet",
        ],
    ),
]


@pytest.mark.parametrize(("case", "env", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_manifest(
    repo_copy: RepoCopy, case: str, env: str, edit: Edit, expected: list[str]
) -> None:
    path = repo_copy.root / "manifest" / f"{env}.yaml"
    path.write_text(edit(path.read_text()))
    before = repo_copy.snapshot("terraform/envs")

    result = repo_copy.run("render", "--env", env)

    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one error line, got: {result.stderr}"
    for fragment in expected:
        assert fragment in lines[0], f"{fragment!r} missing from: {lines[0]}"
    assert repo_copy.snapshot("terraform/envs") == before, "a bad manifest must write nothing"


def test_unknown_env(repo_copy: RepoCopy) -> None:
    result = repo_copy.run("render", "--env", "qa")
    assert result.returncode == 2
    assert "unknown env 'qa'" in result.stderr
    assert "expected one of dev, local, prod, staging" in result.stderr


def test_bad_manifest_in_one_env_of_all_writes_no_env(repo_copy: RepoCopy) -> None:
    prod = repo_copy.root / "manifest" / "prod.yaml"
    prod.write_text(prod.read_text().replace("retention_hours: 168", "retention_hours: 1"))
    dev = repo_copy.root / "manifest" / "dev.yaml"
    dev.write_text(dev.read_text().replace("raw_days: 30", "raw_days: 31"))
    before = repo_copy.snapshot("terraform/envs")
    result = repo_copy.run("render", "--all")
    assert result.returncode == 2
    assert repo_copy.snapshot("terraform/envs") == before

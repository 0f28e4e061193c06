"""Load balancer log delivery in Regions other than the cases' eu-west-1.

The case inventories plan in eu-west-1 only (the provider override fixes the Region), which AWS
lists with a legacy ELB account. Here a second override file moves the provider to a Region
without one (the service principal alone) and to GovCloud (its ELB account in its partition).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.tfplan import MODULES_DIR, plan_dir

CASE = Path(__file__).parent / "load_balancer_logs.tfvars"
SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com"


def _elb_statement(region: str, tmp_path: Path) -> dict[str, Any]:
    # Override files merge in lexical order: this one comes after the fixture's
    # zz_test_provider_override.tf, so its region wins.
    override = tmp_path / "zzz_region_override.tf"
    override.write_text(f'provider "aws" {{\n  region = "{region}"\n}}\n')
    summary = plan_dir(MODULES_DIR / "data_lake", CASE, extra_files=[override])
    policy = json.loads(summary.values['aws_s3_bucket_policy.this["access_logs"]']["policy"])
    statements: list[dict[str, Any]] = policy["Statement"]
    (statement,) = [s for s in statements if s["Sid"] == "AllowLoadBalancerLogDelivery"]
    return statement


@pytest.mark.parametrize(
    ("region", "partition", "principal"),
    [
        ("eu-central-2", "aws", {"Service": SERVICE}),
        (
            "us-gov-west-1",
            "aws-us-gov",
            {"Service": SERVICE, "AWS": "arn:aws-us-gov:iam::048591011584:root"},
        ),
    ],
)
def test_load_balancer_log_principal_follows_region(
    region: str, partition: str, principal: dict[str, str], tmp_path: Path
) -> None:
    statement = _elb_statement(region, tmp_path)
    assert statement["Principal"] == principal
    bucket = "clickstack-test-111111111111-access-logs"
    assert statement["Resource"] == (
        f"arn:{partition}:s3:::{bucket}/alb/clickstack-test-fleet/AWSLogs/111111111111/*"
    )

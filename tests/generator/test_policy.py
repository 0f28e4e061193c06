"""clickstack's own plan policies on small synthetic plans."""

from __future__ import annotations

from typing import Any

from generator.policy import evaluate

TAGS = {"project": "clickstack", "env": "prod", "managed-by": "clickstack"}


def _change(address: str, rtype: str, actions: list[str], after: dict[str, Any]) -> dict[str, Any]:
    return {
        "address": address,
        "mode": "managed",
        "type": rtype,
        "change": {"actions": actions, "after": after, "after_unknown": {}},
    }


def _evaluate(*changes: dict[str, Any], allow: set[str] | None = None) -> list[str]:
    plan = {"resource_changes": list(changes)}
    found = evaluate(
        plan,
        project="clickstack",
        env="prod",
        prefix="clickstack-prod",
        allow_destroy=allow or set(),
    )
    return [str(v) for v in found]


def test_a_clean_plan_passes() -> None:
    bucket = {"bucket": "clickstack-prod-333333333333-raw", "tags_all": TAGS}
    assert (
        _evaluate(
            _change("module.data_lake.aws_s3_bucket.this", "aws_s3_bucket", ["create"], bucket)
        )
        == []
    )


def test_replacing_a_bucket_is_refused_unless_allowed() -> None:
    address = 'module.data_lake.aws_s3_bucket.this["raw"]'
    change = _change(
        address,
        "aws_s3_bucket",
        ["delete", "create"],
        {"bucket": "clickstack-prod-x", "tags_all": TAGS},
    )
    found = _evaluate(change)
    assert len(found) == 1
    assert found[0].startswith(f"CS001 {address}: stateful aws_s3_bucket would be replaced")
    assert _evaluate(change, allow={address}) == []


def test_destroying_a_stream_is_refused() -> None:
    change = _change("module.stream.aws_kinesis_stream.this", "aws_kinesis_stream", ["delete"], {})
    assert _evaluate(change) == [
        "CS001 module.stream.aws_kinesis_stream.this: stateful aws_kinesis_stream would be "
        "destroyed; expected no data loss "
        "(list the address in CLICKSTACK_ALLOW_DESTROY to allow it)"
    ]


def test_destroying_a_stateless_resource_is_fine() -> None:
    change = _change("module.x.aws_iam_role_policy.p", "aws_iam_role_policy", ["delete"], {})
    assert _evaluate(change) == []


def test_missing_and_wrong_tags() -> None:
    tags = {"project": "clickstack", "env": "dev"}
    change = _change("aws_sqs_queue.q", "aws_sqs_queue", ["create"], {"tags_all": tags})
    assert _evaluate(change) == [
        "CS002 aws_sqs_queue.q: missing tag(s) managed-by; env='dev' (expected 'prod')"
    ]


def test_unknown_tags_are_not_judged() -> None:
    change = _change("aws_sqs_queue.q", "aws_sqs_queue", ["create"], {"tags_all": None})
    change["change"]["after_unknown"] = {"tags_all": True}
    assert _evaluate(change) == []


def test_names_aws_dictates_are_exempt() -> None:
    group = _change(
        'module.ingest_api.aws_cloudwatch_log_group.this["execution"]',
        "aws_cloudwatch_log_group",
        ["update"],
        {"name": "API-Gateway-Execution-Logs_v39trb4mdw/v1", "tags_all": TAGS},
    )
    assert _evaluate(group) == []
    group["change"]["after"]["name"] = "API-Gateway-Execution-Logs-mine"
    assert len(_evaluate(group)) == 1


def test_names_must_carry_the_env_prefix() -> None:
    good_db = _change(
        "aws_glue_catalog_database.this",
        "aws_glue_catalog_database",
        ["create"],
        {"name": "clickstack_prod"},
    )
    bad_role = _change(
        "aws_iam_role.r", "aws_iam_role", ["create"], {"name": "firehose-role", "tags_all": TAGS}
    )
    assert _evaluate(good_db, bad_role) == [
        "CS003 aws_iam_role.r: name 'firehose-role' does not contain the env prefix "
        "'clickstack-prod'"
    ]

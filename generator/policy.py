"""clickstack's own policies, judged on the plan (``terraform show -json``).

- CS001 stateful resources (buckets, streams, keys, catalog) are never destroyed or replaced
  by a plan unless their address is listed in CLICKSTACK_ALLOW_DESTROY.
- CS002 every tagged resource carries project, env and managed-by with this env's values.
- CS003 account- or globally-scoped names carry the env prefix, so two environments in one
  account can never collide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

PROTECTED_TYPES = frozenset(
    {
        "aws_s3_bucket",
        "aws_kinesis_stream",
        "aws_kms_key",
        "aws_glue_catalog_database",
        "aws_glue_catalog_table",
    }
)
REQUIRED_TAGS = ("project", "env", "managed-by")
# type -> attribute holding a name that lives in an account- or global namespace
NAMED_TYPES = {
    "aws_s3_bucket": "bucket",
    "aws_kinesis_stream": "name",
    "aws_kinesis_firehose_delivery_stream": "name",
    "aws_iam_role": "name",
    "aws_iam_policy": "name",
    "aws_cloudwatch_log_group": "name",
    "aws_api_gateway_rest_api": "name",
    "aws_wafv2_web_acl": "name",
    "aws_athena_workgroup": "name",
    "aws_glue_catalog_database": "name",
    "aws_kms_alias": "name",
}
# Names AWS dictates, so they cannot carry the prefix: API Gateway writes execution logs to
# "API-Gateway-Execution-Logs_<api id>/<stage>", a group the module pre-creates to encrypt it.
AWS_DICTATED_NAMES = (re.compile(r"^API-Gateway-Execution-Logs_[a-z0-9]+/[A-Za-z0-9_]+$"),)


@dataclass(frozen=True)
class Violation:
    rule: str
    address: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule} {self.address}: {self.message}"


def _changes(plan: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for change in plan.get("resource_changes", []):
        if change.get("mode") == "managed":
            yield change


def check_protected(plan: dict[str, Any], allow_destroy: set[str]) -> list[Violation]:
    found = []
    for change in _changes(plan):
        actions = change["change"]["actions"]
        if change["type"] in PROTECTED_TYPES and "delete" in actions:
            if change["address"] in allow_destroy:
                continue
            verb = "replaced" if "create" in actions else "destroyed"
            found.append(
                Violation(
                    "CS001",
                    change["address"],
                    f"stateful {change['type']} would be {verb}; expected no data loss "
                    "(list the address in CLICKSTACK_ALLOW_DESTROY to allow it)",
                )
            )
    return found


def check_tags(plan: dict[str, Any], project: str, env: str) -> list[Violation]:
    expected = {"project": project, "env": env}
    found = []
    for change in _changes(plan):
        after = change["change"].get("after") or {}
        unknown = change["change"].get("after_unknown") or {}
        if "tags_all" not in after or unknown.get("tags_all") is True:
            continue
        tags = after.get("tags_all") or {}
        missing = [key for key in REQUIRED_TAGS if key not in tags]
        wrong = [
            f"{k}={tags[k]!r} (expected {v!r})"
            for k, v in expected.items()
            if k in tags and tags[k] != v
        ]
        if missing or wrong:
            problem = []
            if missing:
                problem.append(f"missing tag(s) {', '.join(missing)}")
            if wrong:
                problem.append(", ".join(wrong))
            found.append(Violation("CS002", change["address"], "; ".join(problem)))
    return found


def check_names(plan: dict[str, Any], prefix: str) -> list[Violation]:
    accepted = (prefix, prefix.replace("-", "_"))
    found = []
    for change in _changes(plan):
        attribute = NAMED_TYPES.get(change["type"])
        after = change["change"].get("after") or {}
        name = after.get(attribute) if attribute else None
        if not isinstance(name, str) or any(p.match(name) for p in AWS_DICTATED_NAMES):
            continue
        if not any(token in name for token in accepted):
            found.append(
                Violation(
                    "CS003",
                    change["address"],
                    f"{attribute} {name!r} does not contain the env prefix {prefix!r}",
                )
            )
    return found


def evaluate(
    plan: dict[str, Any], *, project: str, env: str, prefix: str, allow_destroy: set[str]
) -> list[Violation]:
    return [
        *check_protected(plan, allow_destroy),
        *check_tags(plan, project, env),
        *check_names(plan, prefix),
    ]

"""Where moto (the local AWS, pinned in pyproject.toml) differs from AWS in ways the platform
meets, corrected in the local AWS process only. Each fix names the AWS behaviour it restores;
tests/integration/test_local_aws_fixes.py checks each one against the running server, so a moto
upgrade that changes these internals fails loudly instead of silently.

Applied by ``python -m generator.local_aws_server`` before moto starts serving.
"""

from __future__ import annotations

import json
from typing import Any


def _policy_conditions() -> None:
    """Policy statements see the request's aws:SecureTransport, and a statement whose Condition
    is not met does not apply (IAM policy evaluation logic).

    moto 5.2 evaluates bucket policies without request context, knows only the StringEquals
    operator (a Bool condition counts as met), and returns DENIED for any statement whose
    condition fails whatever its Effect. The lake's "Deny s3:* when aws:SecureTransport is
    false" therefore denied every object call. The local AWS serves TLS only, so every request
    it receives is secure: that is the context supplied here, and the TLS-only Deny rightly
    never applies.
    """
    from moto.iam import policy_conditions
    from moto.iam.access_control import IAMPolicyStatement, PermissionResult

    def bool_operation(expected: list[str] | str, actual: str) -> bool:
        options = [expected] if isinstance(expected, str) else expected
        return str(actual).lower() in [str(option).lower() for option in options]

    operations: dict[str, Any] = policy_conditions.CONDITION_OPERATIONS
    operations.setdefault("Bool", bool_operation)
    original = IAMPolicyStatement.is_action_permitted

    def is_action_permitted(
        self: Any,
        action: str,
        resource: str = "*",
        principal: str | None = None,
        incoming_condition_values: dict[str, str] | None = None,
    ) -> Any:
        context = {"aws:SecureTransport": "true", **(incoming_condition_values or {})}
        if self._statement.get("Condition") and not self._check_conditions(context):
            return PermissionResult.NEUTRAL
        return original(self, action, resource, principal, context)

    setattr(IAMPolicyStatement, "is_action_permitted", is_action_permitted)  # noqa: B010


def _athena_delete_named_query() -> None:
    """Athena DeleteNamedQuery exists (moto 5.2 answers 500), and GetNamedQuery of an unknown
    id is an InvalidRequestException as in AWS (moto answers 500), which is how Terraform sees
    that a named query is gone."""
    from moto.athena.responses import AthenaResponse
    from moto.core.exceptions import JsonRESTError

    def delete_named_query(self: Any) -> str:
        self.athena_backend.named_queries.pop(self._get_param("NamedQueryId"), None)
        return json.dumps({})

    original_get = AthenaResponse.get_named_query

    def get_named_query(self: Any) -> Any:
        query_id = self._get_param("NamedQueryId")
        if self.athena_backend.get_named_query(query_id) is None:
            raise JsonRESTError("InvalidRequestException", f"NamedQuery {query_id} not found")
        return original_get(self)

    setattr(AthenaResponse, "delete_named_query", delete_named_query)  # noqa: B010
    setattr(AthenaResponse, "get_named_query", get_named_query)  # noqa: B010


def _kinesis_create_stream_tags() -> None:
    """CreateStream applies its Tags (moto 5.2 ignores them, so every stream showed tag drift
    on the plan after its first apply)."""
    from moto.kinesis.responses import KinesisResponse

    original = KinesisResponse.create_stream

    def create_stream(self: Any) -> Any:
        result = original(self)
        tags = self._get_param("Tags")
        if tags:
            self.kinesis_backend.add_tags_to_stream(None, self._get_param("StreamName"), tags)
        return result

    setattr(KinesisResponse, "create_stream", create_stream)  # noqa: B010


def _lambda_logging_config() -> None:
    """Functions keep their LoggingConfig (moto 5.2 drops it, so every function showed a
    logging_config change on the plan after its first apply). Defaults as AWS: Text format,
    group /aws/lambda/<name>."""
    from moto.awslambda.models import LambdaFunction

    original_init = LambdaFunction.__init__
    original_get = LambdaFunction.get_configuration
    original_update = LambdaFunction.update_configuration

    def init(self: Any, account_id: str, spec: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        original_init(self, account_id, spec, *args, **kwargs)
        self.logging_config = {
            "LogFormat": "Text",
            "LogGroup": f"/aws/lambda/{self.function_name}",
            **(spec.get("LoggingConfig") or {}),
        }

    def get_configuration(self: Any, on_create: bool = False) -> dict[str, Any]:
        config: dict[str, Any] = original_get(self, on_create)
        config["LoggingConfig"] = dict(self.logging_config)
        return config

    def update_configuration(self: Any, updates: dict[str, Any]) -> dict[str, Any]:
        if updates.get("LoggingConfig"):
            self.logging_config = {**self.logging_config, **updates["LoggingConfig"]}
        result: dict[str, Any] = original_update(self, updates)
        return result

    setattr(LambdaFunction, "__init__", init)  # noqa: B010
    setattr(LambdaFunction, "get_configuration", get_configuration)  # noqa: B010
    setattr(LambdaFunction, "update_configuration", update_configuration)  # noqa: B010


FIXES = (
    _policy_conditions, _athena_delete_named_query, _kinesis_create_stream_tags,
    _lambda_logging_config,
)  # fmt: skip


def apply() -> None:
    for fix in FIXES:
        fix()

"""The PostgreSQL credentials from AWS Secrets Manager (DATABASE_SECRET_ARN).

The secret is the one RDS manages for the Aurora cluster's master user
(``manage_master_user_password``, terraform/modules/aurora): its SecretString is JSON
``{"username": "...", "password": "..."}``. It is read on first use and cached per container
(module level, by ARN). RDS rotates the password; a connection refused for its password makes
users.connect read the secret again, once (reread), and reconnect once.

boto3 comes with the Lambda Python runtime (and is a dependency of the project's tooling), so it
is not vendored into the zip. The client is created on first use, once per container, for the
secret's region (taken from its ARN). Like any boto3 client it honours AWS_ENDPOINT_URL (and
AWS_ENDPOINT_URL_SECRETS_MANAGER; botocore 1.31 and later) and AWS_CA_BUNDLE: the local AWS and
the tests point it at moto that way.

Errors are DatabaseSecretError: "DATABASE_SECRET_ARN <arn>: expected ..., found ...". They name
the secret and what was wrong with it, never its content.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

# Without these, an unreachable endpoint holds the invocation for botocore's 60 s per attempt.
CONNECT_TIMEOUT_SECONDS = 5
READ_TIMEOUT_SECONDS = 10
EXPECTED = 'a SecretString of JSON {"username": "<user>", "password": "<password>"}'


class DatabaseSecretError(RuntimeError):
    """The secret cannot be read, or does not hold a username and password."""


@dataclass(frozen=True, slots=True)
class DatabaseCredentials:
    user: str
    password: str = field(repr=False)  # never in a log line or traceback


_CLIENTS: dict[str, Any] = {}  # region -> Secrets Manager client, one per container
_CACHE: dict[str, DatabaseCredentials] = {}  # secret ARN -> its credentials as last read


def region_of(arn: str) -> str:
    """arn:<partition>:secretsmanager:<region>:<account>:secret:<name> -> <region>."""
    return arn.split(":")[3]


def secrets_client(region: str) -> Any:
    """The container's Secrets Manager client for ``region``, created on first use."""
    client = _CLIENTS.get(region)
    if client is None:
        import boto3
        from botocore.config import Config as BotoConfig

        client = boto3.client(
            "secretsmanager",
            region_name=region,
            config=BotoConfig(
                connect_timeout=CONNECT_TIMEOUT_SECONDS, read_timeout=READ_TIMEOUT_SECONDS
            ),
        )
        _CLIENTS[region] = client
    return client


def _error(arn: str, found: str, expected: str = EXPECTED) -> DatabaseSecretError:
    return DatabaseSecretError(f"DATABASE_SECRET_ARN {arn}: expected {expected}, found {found}")


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(
        type(value), "null" if value is None else "a number"
    )


def parse_secret(arn: str, secret_string: str) -> DatabaseCredentials:
    """The username and password of an RDS master user secret; DatabaseSecretError otherwise."""
    try:
        data = json.loads(secret_string)
    except ValueError:
        raise _error(arn, "text that is not JSON") from None  # its error holds the text (.doc)
    if not isinstance(data, dict):
        raise _error(arn, f"JSON {_type_name(data)}")
    missing = [f'"{name}"' for name in ("username", "password") if name not in data]
    if missing:
        keys = ", ".join(f'"{key}"' for key in sorted(data)) or "none"
        raise _error(arn, f"no {' and no '.join(missing)} (keys: {keys})")
    for name in ("username", "password"):
        value = data[name]
        if not isinstance(value, str):
            raise _error(arn, f'"{name}" as {_type_name(value)}')
        if not value:
            raise _error(arn, f'an empty "{name}"')
    return DatabaseCredentials(user=data["username"], password=data["password"])


def read_secret(arn: str) -> DatabaseCredentials:
    """GetSecretValue (AWSCURRENT) now, parsed; the cache is not touched."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        reply = secrets_client(region_of(arn)).get_secret_value(SecretId=arn)
    except ClientError as exc:
        error = exc.response.get("Error", {})
        code, message = error.get("Code", "ClientError"), error.get("Message", "")
        if code == "ResourceNotFoundException":
            raise _error(arn, f"no such secret ({code}: {message})", "an existing secret") from exc
        raise DatabaseSecretError(
            f"DATABASE_SECRET_ARN {arn}: GetSecretValue failed ({code}: {message})"
        ) from exc
    except BotoCoreError as exc:
        raise DatabaseSecretError(
            f"DATABASE_SECRET_ARN {arn}: GetSecretValue failed ({type(exc).__name__}: {exc})"
        ) from exc
    secret_string = reply.get("SecretString")
    if not isinstance(secret_string, str):
        found = "a SecretBinary" if "SecretBinary" in reply else "no SecretString"
        raise _error(arn, found)
    return parse_secret(arn, secret_string)


def credentials(arn: str) -> DatabaseCredentials:
    """The cached credentials of the secret; read on first use."""
    cached = _CACHE.get(arn)
    if cached is None:
        cached = _CACHE[arn] = read_secret(arn)
    return cached


def reread(arn: str) -> DatabaseCredentials:
    """Read the secret again (its password was refused: RDS rotated it) and cache the result."""
    _CACHE.pop(arn, None)  # a failed read leaves nothing stale behind: the next use reads again
    return credentials(arn)

"""profile_updater authenticates to ElastiCache with IAM tokens (the redis module creates no
password): token shape, reuse, configuration errors, and that the client really sends the
provider's user and token to a Redis server that checks them."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import parse_qs

import pytest
import redis
from botocore.credentials import Credentials
from profile_updater import iam_auth
from profile_updater.config import Config, ConfigError, load_config
from profile_updater.iam_auth import TOKEN_REUSE_SECONDS, IamCredentialProvider, auth_token
from profile_updater.profiles import make_client
from servers import RedisServer

CREDENTIALS = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
IAM_ENV = {
    "REDIS_URL": "rediss://clickstack-prod-cache.abc123.euw1.cache.amazonaws.com:6379/0",
    "REDIS_IAM_USER": "clickstack-prod-cache-app",
    "REDIS_CACHE_NAME": "clickstack-prod-cache",
    "AWS_REGION": "eu-west-1",
}


def test_token_is_a_presigned_connect_request_without_scheme() -> None:
    token = auth_token("clickstack-prod-cache", "app-user", "eu-west-1", CREDENTIALS)
    host, _, query = token.partition("/?")
    assert host == "clickstack-prod-cache" and not token.startswith("http")
    params = {k: v[0] for k, v in parse_qs(query).items()}
    assert params["Action"] == "connect" and params["User"] == "app-user"
    assert params["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    assert re.fullmatch(
        r"AKIDEXAMPLE/\d{8}/eu-west-1/elasticache/aws4_request", params["X-Amz-Credential"]
    )
    assert params["X-Amz-Expires"] == "900" and params["X-Amz-SignedHeaders"] == "host"
    assert re.fullmatch(r"[0-9a-f]{64}", params["X-Amz-Signature"])
    other = auth_token("clickstack-prod-cache", "other-user", "eu-west-1", CREDENTIALS)
    assert other != token, "the user is part of what is signed"


def test_one_token_serves_new_connections_while_fresh() -> None:
    now = [1000.0]
    signed: list[int] = []

    def credentials() -> Credentials:
        signed.append(1)
        return CREDENTIALS

    provider = IamCredentialProvider(
        "app-user", "cache", "eu-west-1", credentials=credentials, clock=lambda: now[0]
    )
    first = provider.get_credentials()
    now[0] += TOKEN_REUSE_SECONDS - 1
    assert provider.get_credentials() == first and len(signed) == 1
    now[0] += 1
    user, _ = provider.get_credentials()
    assert user == "app-user" and len(signed) == 2


def test_iam_configuration_is_read_and_checked() -> None:
    config = load_config(IAM_ENV)
    assert (config.redis_iam_user, config.redis_cache_name, config.aws_region) == (
        "clickstack-prod-cache-app",
        "clickstack-prod-cache",
        "eu-west-1",
    )
    only_user = {k: v for k, v in IAM_ENV.items() if k != "REDIS_CACHE_NAME"}
    with pytest.raises(ConfigError, match="found only REDIS_IAM_USER"):
        load_config(only_user)
    with pytest.raises(ConfigError, match=r"REDIS_URL: IAM authentication needs TLS"):
        load_config({**IAM_ENV, "REDIS_URL": "redis://cache:6379/0"})
    with pytest.raises(ConfigError, match="AWS_REGION"):
        load_config({k: v for k, v in IAM_ENV.items() if k != "AWS_REGION"})
    assert load_config({}).redis_iam_user == ""  # password or none: the local default


def test_the_client_authenticates_with_the_provided_user_and_token(
    redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Redis ACL user stands in for the ElastiCache IAM user: it accepts one token only."""
    admin = redis.Redis.from_url(redis_server.url)
    admin.acl_setuser(
        "iam-app", enabled=True, passwords=["+token-1"], keys=["~*"], commands=["+@all"]
    )
    try:
        tokens = iter(["token-1", "token-2"])
        monkeypatch.setattr(iam_auth, "auth_token", lambda *args: next(tokens))
        config = replace(
            Config(),
            redis_url=redis_server.url,
            redis_iam_user="iam-app",
            redis_cache_name="cache",
            aws_region="eu-west-1",
        )
        monkeypatch.setattr(iam_auth, "session_credentials", lambda: CREDENTIALS)
        client = make_client(config)
        assert client.acl_whoami() == "iam-app"
        client.close()
        # a new client signs a new token; one the server does not accept refuses the connection
        refused = make_client(config)
        with pytest.raises(redis.AuthenticationError):
            refused.ping()
        refused.close()
    finally:
        admin.acl_deluser("iam-app")
        admin.close()

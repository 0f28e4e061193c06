"""IAM authentication to ElastiCache: the cache has no password (terraform/modules/redis), the
function signs a short-lived token with its role's credentials instead.

A token is a SigV4 presigned ``GET http://<cache>/?Action=connect&User=<user>`` for the
``elasticache`` service, valid 15 minutes, without its ``http://``; the client sends it as the
password of ``AUTH <user> <token>``. A token is only checked when a connection authenticates, so
one token serves every connection opened while it is fresh (connections live up to 12 hours).

botocore comes with the Lambda Python runtime (and is a dependency of the project's tooling),
so it is not vendored into the zip.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from redis.credentials import CredentialProvider

TOKEN_LIFETIME_SECONDS = 900
# New connections get a token at most this old, so it is never near expiry when checked.
TOKEN_REUSE_SECONDS = 600


def auth_token(cache_name: str, user: str, region: str, credentials: Any) -> str:
    """A fresh IAM auth token for ``user`` on the replication group ``cache_name``."""
    from botocore.auth import SigV4QueryAuth
    from botocore.awsrequest import AWSRequest

    request = AWSRequest(
        method="GET",
        url=f"http://{cache_name}/",
        params={"Action": "connect", "User": user},
    )
    SigV4QueryAuth(credentials, "elasticache", region, expires=TOKEN_LIFETIME_SECONDS).add_auth(
        request
    )
    url: str = request.prepare().url
    return url.removeprefix("http://")


def session_credentials() -> Any:
    """The function role's current credentials (refreshed by botocore as they rotate)."""
    import botocore.session

    credentials = botocore.session.get_session().get_credentials()
    if credentials is None:
        raise RuntimeError("no AWS credentials to sign an ElastiCache IAM auth token with")
    return credentials.get_frozen_credentials()


class IamCredentialProvider(CredentialProvider):
    """redis-py asks this for (user, password) whenever a connection authenticates."""

    def __init__(
        self,
        user: str,
        cache_name: str,
        region: str,
        credentials: Callable[[], Any] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.user = user
        self.cache_name = cache_name
        self.region = region
        self._credentials = credentials  # None: the role's, via session_credentials()
        self._clock = clock
        self._token = ""
        self._issued_at = float("-inf")

    def get_credentials(self) -> tuple[str, str]:
        now = self._clock()
        if now - self._issued_at >= TOKEN_REUSE_SECONDS:
            credentials = (self._credentials or session_credentials)()
            self._token = auth_token(self.cache_name, self.user, self.region, credentials)
            self._issued_at = now
        return self.user, self._token

"""Decide whether ``make plan`` can talk to AWS or must plan offline."""

from __future__ import annotations

import os


def should_plan_offline(environ: dict[str, str] | None = None) -> bool:
    """Offline when OFFLINE=1, or when no AWS credentials can be found.

    botocore's chain is the same one the Terraform provider follows (env vars, shared files,
    SSO, container and instance roles), so "boto3 finds none" means "terraform would fail".
    """
    env = os.environ if environ is None else environ
    flag = env.get("OFFLINE", "").strip().lower()
    if flag in ("1", "true", "yes"):
        return True
    if flag in ("0", "false", "no"):
        return False
    import botocore.session  # imported late: only needed on this path

    session = botocore.session.get_session()
    try:
        return session.get_credentials() is None
    except Exception:
        return True

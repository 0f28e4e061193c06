"""Lambda entry point (handler = profile_updater.handler.handler): a thin adapter.

Clients live at module level so warm invocations reuse their connections; they are rebuilt only
when the configuration changes. Nothing connects at import, and the database secret
(DATABASE_SECRET_ARN) is read on the first connection: a cold start with Redis, PostgreSQL or
Secrets Manager down still answers with batchItemFailures instead of failing the init.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from profile_updater.config import Config, load_config
from profile_updater.profiles import ProfileStore, make_client
from profile_updater.updater import process_batch
from profile_updater.users import UserStore


@dataclass(slots=True)
class Runtime:
    config: Config
    profiles: ProfileStore
    users: UserStore


_RUNTIME: Runtime | None = None


def runtime_for(config: Config) -> Runtime:
    global _RUNTIME
    if _RUNTIME is None or _RUNTIME.config != config:
        if _RUNTIME is not None:
            _RUNTIME.users.close()
            _RUNTIME.profiles.client.close()
        _RUNTIME = Runtime(config, ProfileStore(make_client(config), config), UserStore(config))
    return _RUNTIME


def handler(event: dict[str, Any], context: Any) -> dict[str, list[dict[str, str]]]:
    """Kinesis batch {"Records": [...]} -> {"batchItemFailures": [{"itemIdentifier": seq}]}."""
    config = load_config(os.environ)
    logging.getLogger("profile_updater").setLevel(config.log_level)
    runtime = runtime_for(config)
    return process_batch(
        event.get("Records") or [], config, runtime.profiles, runtime.users
    ).response()

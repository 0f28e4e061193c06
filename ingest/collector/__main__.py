"""``python -m collector``: serve. ``python -m collector healthcheck``: exit 0 when the collector
on PORT answers GET /health with 200, else 1 (the image's HEALTHCHECK; it needs no curl)."""

from __future__ import annotations

import asyncio
import http.client
import logging
import os
import sys


def healthcheck(port: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", int(port or "8080"), timeout=3)
    try:
        connection.request("GET", "/health")
        return 0 if connection.getresponse().status == 200 else 1
    except (OSError, http.client.HTTPException):
        return 1
    finally:
        connection.close()


def main(argv: list[str]) -> int:
    if argv == ["healthcheck"]:
        return healthcheck(os.environ.get("PORT", "").strip())
    if argv:
        print("usage: python -m collector [healthcheck]", file=sys.stderr)
        return 2
    from . import logs
    from .config import ConfigError, load_config

    try:
        config = load_config(os.environ)
    except ConfigError as error:
        logs.setup("INFO")
        logs.log(logging.CRITICAL, "invalid configuration", reason=str(error))
        return 2
    logs.setup(config.log_level)
    from .service import run

    return asyncio.run(run(config))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Lambda entry point (handler = firehose_transform.handler.handler): a thin adapter."""

from __future__ import annotations

import logging
import os
from typing import Any

from firehose_transform.config import load_config
from firehose_transform.transform import OutputRecord, transform_records


def handler(event: dict[str, Any], context: Any) -> dict[str, list[OutputRecord]]:
    """Firehose transformation: {"records": [...]} -> {"records": [...]}, same ids, same order."""
    config = load_config(os.environ)  # microseconds; lets a config change apply without redeploy
    logging.getLogger("firehose_transform").setLevel(config.log_level)
    return {"records": transform_records(event["records"], config)}

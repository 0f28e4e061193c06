"""Where the event contract lives: inside the package in a Lambda zip, in contracts/ in the repo."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_FILE_NAME = "clickstream-event.schema.json"
PACKAGE_DIR = Path(__file__).resolve().parent
# The packager copies the contract into the package at build time; from a checkout it is in
# <repo>/contracts/ (lambda/clickstack_events/ -> repo root is two levels up).
CANDIDATE_PATHS: tuple[Path, ...] = (
    PACKAGE_DIR / SCHEMA_FILE_NAME,
    PACKAGE_DIR.parent.parent / "contracts" / SCHEMA_FILE_NAME,
)


class SchemaNotFoundError(FileNotFoundError):
    """The contract file is neither in the package nor in the repository."""


def schema_path() -> Path:
    """The contract file used: the packaged copy first, then the repository's."""
    for path in CANDIDATE_PATHS:
        if path.is_file():
            return path
    tried = ", ".join(str(p) for p in CANDIDATE_PATHS)
    raise SchemaNotFoundError(f"{SCHEMA_FILE_NAME} not found (tried {tried})")


def load_schema(path: Path | None = None) -> dict[str, Any]:
    """The whole contract document (client event at the root, $defs for the other shapes)."""
    source = path or schema_path()
    document = json.loads(source.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError(f"{source}: expected a JSON object at the top, found {type(document)}")
    return document

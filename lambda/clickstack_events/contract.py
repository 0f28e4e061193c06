"""The event contract compiled once at import: the validator every Lambda uses."""

from __future__ import annotations

from typing import Any

from clickstack_events.schema import load_schema
from clickstack_events.validator import Validator

SCHEMA: dict[str, Any] = load_schema()
EVENT_VALIDATOR = Validator(SCHEMA, root="event")
EVENT_FIELDS: frozenset[str] = frozenset(SCHEMA["properties"])
NORMALISED_FIELDS: tuple[str, ...] = tuple(SCHEMA["$defs"]["normalised_event"]["properties"])


def validate_event(event: Any) -> str | None:
    """None when the client event obeys the contract, else the first error with its path."""
    return EVENT_VALIDATOR.error(event)

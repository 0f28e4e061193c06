"""clickstack_events: the event contract and the code every data-plane Lambda shares.

decode_envelope(bytes) -> envelope dict (raises a RecordError subclass with a reason);
normalise(envelope) -> [NormalisedEvent | Rejected]; validate_event(obj) -> error | None.
The contract is contracts/clickstream-event.schema.json (copied into this package when built).
"""

from clickstack_events.contract import SCHEMA, validate_event
from clickstack_events.envelope import MAX_RECORD_BYTES, decode_envelope
from clickstack_events.errors import (
    EnvelopeFieldError,
    EnvelopeVersionError,
    EventError,
    InvalidJsonError,
    NotAnObjectError,
    OversizeRecordError,
    RecordError,
    SdkBodyError,
)
from clickstack_events.normalise import (
    CLOCK_SKEW_TOLERANCE_MS,
    NormalisedEvent,
    Rejected,
    normalise,
    page_path,
    partition_of,
)
from clickstack_events.useragent import UserAgentInfo, classify_user_agent
from clickstack_events.validator import Validator, compile_schema

__all__ = [
    "CLOCK_SKEW_TOLERANCE_MS",
    "MAX_RECORD_BYTES",
    "SCHEMA",
    "EnvelopeFieldError",
    "EnvelopeVersionError",
    "EventError",
    "InvalidJsonError",
    "NormalisedEvent",
    "NotAnObjectError",
    "OversizeRecordError",
    "RecordError",
    "Rejected",
    "SdkBodyError",
    "UserAgentInfo",
    "Validator",
    "classify_user_agent",
    "compile_schema",
    "decode_envelope",
    "normalise",
    "page_path",
    "partition_of",
    "validate_event",
]

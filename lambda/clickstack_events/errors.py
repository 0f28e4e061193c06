"""One exception type per way a record can be unusable; each carries a reason a human can act on."""

from __future__ import annotations


class RecordError(ValueError):
    """A record that cannot become events; `reason` says why (and goes to the error output)."""

    kind = "invalid_record"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class OversizeRecordError(RecordError):
    kind = "oversize"


class InvalidJsonError(RecordError):
    kind = "invalid_json"


class NotAnObjectError(RecordError):
    kind = "not_an_object"


class EnvelopeFieldError(RecordError):
    """A collector-envelope field is missing or has the wrong type."""

    kind = "invalid_envelope"


class EnvelopeVersionError(RecordError):
    kind = "unsupported_envelope_version"


class SdkBodyError(RecordError):
    """The body of an SDK request cannot be decoded into a JSON array of events."""

    kind = "invalid_sdk_body"


class EventError(RecordError):
    """Every event of the record broke the contract."""

    kind = "invalid_event"

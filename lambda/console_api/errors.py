"""The one error type a request can end in: an HTTP status and the JSON body the client gets,
{"error": {"code": ..., "message": ..., "field": ...}} (field is null when no field is at fault).
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A 4xx answer; `message` says what was expected and what was found."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "field": self.field}}


def bad_request(code: str, message: str, field: str | None = None) -> ApiError:
    return ApiError(400, code, message, field)


def not_found(code: str, message: str, field: str | None = None) -> ApiError:
    return ApiError(404, code, message, field)


def conflict(code: str, message: str, field: str | None = None) -> ApiError:
    return ApiError(409, code, message, field)

"""CapellaError hierarchy: every failure carries a message a GIS analyst can act on."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

GENERAL_API_ERROR = "GENERAL_API_ERROR"


class CapellaError(Exception):
    """Base of every error raised by capella_qgis.core.

    ``message`` says what happened and what to do, ``code`` is the API (or client) error code,
    ``status`` the HTTP status when there was a response, ``detail`` any structured extra
    (the API's ``detail`` list / ``data`` object).
    """

    default_code = GENERAL_API_ERROR
    default_hint = ""

    def __init__(
        self,
        message: str = "",
        *,
        code: Optional[str] = None,
        status: Optional[int] = None,
        detail: Any = None,
        hint: Optional[str] = None,
    ) -> None:
        self.message = message or self.__class__.__name__
        self.code = code or self.default_code
        self.status = status
        self.detail = detail
        self.hint = self.default_hint if hint is None else hint
        super().__init__(self.message)

    def __str__(self) -> str:
        text = self.message
        if self.hint and self.hint not in text:
            text = f"{text.rstrip('.')}. {self.hint}" if text else self.hint
        return text

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__name__}(message={self.message!r}, code={self.code!r}, "
            f"status={self.status!r})"
        )


class AuthenticationError(CapellaError):
    default_code = "INVALID_API_KEY"

    @property
    def is_token(self) -> bool:
        return self.code == "INVALID_TOKEN"

    def __str__(self) -> str:
        if self.code == "INVALID_TOKEN":
            what = "Access token rejected by the Capella Console (invalid or expired)"
            todo = "Sign in again or paste a new token in Settings › Capella."
        else:
            what = "API key rejected by the Capella Console"
            todo = "Check the API key in Settings › Capella (keys are 64 characters)."
        server = self.message if self.message and self.message.lower() != "unauthorized" else ""
        return f"{what}{f' ({server})' if server else ''}. {todo}"


class AuthorizationError(CapellaError):
    default_code = "NOT_AUTHORIZED"
    default_hint = (
        "Your account lacks the permission for this action; ask your organization manager."
    )


class NotFoundError(CapellaError):
    default_code = "NOT_FOUND"
    default_hint = "Check the id; it may belong to another account or have been removed."


class ValidationError(CapellaError):
    default_code = "VALIDATION_ERROR"

    def detail_lines(self) -> list[str]:
        lines: list[str] = []
        detail = self.detail
        if isinstance(detail, dict):
            detail = detail.get("detail", detail.get("data"))
        if isinstance(detail, list):
            for entry in detail:
                if isinstance(entry, dict):
                    path = entry.get("path")
                    if isinstance(path, list):
                        path = ".".join(str(p) for p in path)
                    msg = entry.get("message") or entry.get("msg") or str(entry)
                    code = entry.get("code")
                    line = f"{path}: {msg}" if path else str(msg)
                    if code:
                        line += f" ({code})"
                    lines.append(line)
                else:
                    lines.append(str(entry))
        elif isinstance(detail, str) and detail:
            lines.append(detail)
        return lines

    def __str__(self) -> str:
        head = self.message or "The Console refused the request"
        lines = self.detail_lines()
        if not lines:
            return f"{head.rstrip('.')}. Check the request parameters."
        return head.rstrip(".") + ":\n" + "\n".join(f"  - {line}" for line in lines)


class OrderExpiredError(CapellaError):
    default_code = "ORDER_EXPIRED"
    default_hint = "Order the products again to get fresh download links."


class CollectionAccessDeniedError(CapellaError):
    default_code = "COLLECTION_ACCESS_DENIED"
    default_hint = "Remove the restricted collections from the search or ask Capella for access."


class OrderValidationError(CapellaError):
    default_code = "ORDER_VALIDATION_ERROR"
    default_hint = "Check that every selected product still exists in the catalog."


class ContractNotFoundError(CapellaError):
    default_code = "CONTRACT_NOT_FOUND"
    default_hint = "Pick another contract, or leave it empty to use your organization's default."


class InsufficientFundsError(CapellaError):
    """Review denied; ``message`` is the server's denial reason word for word."""

    default_code = "AUTHORIZATION_INSUFFICIENT_FUNDS"

    def __str__(self) -> str:
        return self.message


class OrderRejectedError(CapellaError):
    default_code = "ORDER_REJECTED"
    default_hint = "Contact Capella support with the order id."


class NoValidStacIdsError(CapellaError):
    default_code = "NO_VALID_STAC_IDS"
    default_hint = "None of the selected ids exist in the catalog; search again and reselect."


class TaskNotCompleteError(CapellaError):
    default_code = "TASK_NOT_COMPLETE"
    default_hint = "Wait until the tasking request is completed, then try again."


class RateLimitedError(CapellaError):
    default_code = "RATE_LIMITED"

    def __init__(self, message: str = "", *, retry_after: Optional[float] = None, **kw: Any):
        self.retry_after = retry_after
        # Wall-clock time so a message read later still tells the user when to retry.
        self.retry_at = (
            datetime.now(timezone.utc) + timedelta(seconds=retry_after)
            if retry_after is not None
            else None
        )
        super().__init__(message or "Too Many Requests", **kw)

    def __str__(self) -> str:
        base = "The Capella Console is rate limiting requests"
        if self.retry_after is not None and self.retry_at is not None:
            seconds = math.ceil(self.retry_after)
            if seconds > 60:
                return f"{base}; try again after {self.retry_at:%H:%M:%S} UTC (in {seconds} s)."
            return f"{base}; try again in {seconds} s."
        return f"{base}; wait a minute and try again."


class ServerError(CapellaError):
    default_code = "SERVER_ERROR"
    default_hint = "The Capella Console had a problem; try again in a few minutes."


class NetworkError(CapellaError):
    default_code = "NETWORK_ERROR"
    default_hint = "Check your internet connection and the proxy settings of QGIS."


class ApiTimeoutError(NetworkError):
    default_code = "TIMEOUT"
    default_hint = "The Console did not answer in time; try again or raise the timeout."


class MalformedResponseError(CapellaError):
    default_code = "MALFORMED_RESPONSE"
    default_hint = "The plugin may be out of date; check for an update."

    def __init__(self, message: str = "", *, field: Optional[str] = None, **kw: Any):
        self.field = field
        super().__init__(message, **kw)


class InputError(CapellaError, ValueError):
    """Client-side refusal before anything is sent; ``message`` says what to fix."""

    default_code = "INPUT_ERROR"

    def __init__(self, message: str = "", *, field: Optional[str] = None, **kw: Any):
        self.field = field
        super().__init__(message, **kw)


class CancelledError(CapellaError):
    default_code = "CANCELLED"

    def __init__(self, message: str = "Cancelled by the user", **kw: Any):
        super().__init__(message, **kw)


CODE_TO_EXCEPTION: dict[str, type[CapellaError]] = {
    "INVALID_TOKEN": AuthenticationError,
    "INVALID_API_KEY": AuthenticationError,
    "ORDER_EXPIRED": OrderExpiredError,
    "COLLECTION_ACCESS_DENIED": CollectionAccessDeniedError,
    "NOT_AUTHORIZED": AuthorizationError,
    "ORDER_VALIDATION_ERROR": OrderValidationError,
    "CONTRACT_NOT_FOUND": ContractNotFoundError,
    "VALIDATION_ERROR": ValidationError,
    # Not in the SDK table; ours: the fake/real server's not-found code.
    "NOT_FOUND": NotFoundError,
}

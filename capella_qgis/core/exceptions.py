"""CapellaError hierarchy: every failure carries a message a GIS analyst can act on."""

from __future__ import annotations

import errno
import math
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Optional

from capella_qgis.core.redact import redact_text, redact_url

if TYPE_CHECKING:
    import httpx

GENERAL_API_ERROR = "GENERAL_API_ERROR"
_DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


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
        # The API error body's raw ``data``/``detail`` fields (see api.errors), for logs.
        self.data: dict[str, Any] = {}
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


class NetworkConfigError(CapellaError):
    """The network settings cannot be used at all (e.g. a proxy kind httpx cannot speak)."""

    default_code = "NETWORK_CONFIG"
    default_hint = "Change the proxy in QGIS Settings › Options › Network (HTTP or SOCKS5)."


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

    def without_field(self) -> str:
        """The message without its leading ``field: ``, for a caller that names the field
        by the label the user sees (a form, a Processing parameter)."""
        prefix = f"{self.field}: "
        text = self.message
        return text[len(prefix) :] if self.field and text.startswith(prefix) else text


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


_STATUS_TO_EXCEPTION: dict[int, type[CapellaError]] = {
    401: AuthenticationError,
    403: AuthorizationError,
    404: NotFoundError,
    429: RateLimitedError,
}


def status_error(
    http_status: int, message: str = "", *, retry_after: Optional[float] = None, **kw: Any
) -> CapellaError:
    """The error for an HTTP status whose body names no known error code."""
    kw.setdefault("status", http_status)
    if http_status == 429:
        return RateLimitedError(message, retry_after=retry_after, **kw)
    cls = _STATUS_TO_EXCEPTION.get(http_status)
    if cls is None:
        cls = ServerError if http_status >= 500 else CapellaError
    return cls(message, **kw)


def error_from_transport(exc: Exception, url: object = None) -> CapellaError:
    """Turn an httpx transport exception into NetworkError/ApiTimeoutError (URL redacted)."""
    # httpx and pydantic are imported where used: every module imports this one, and QGIS
    # start-up must not load them (#20).
    import httpx

    where = ""
    if url is None:
        try:
            url = exc.request.url  # type: ignore[attr-defined]
        except (AttributeError, RuntimeError):
            url = None
    if url is not None:
        where = f" ({redact_url(url)})"
    if isinstance(exc, httpx.TimeoutException):
        kind = {
            httpx.ConnectTimeout: "Connecting to the Capella Console timed out",
            httpx.ReadTimeout: "The Capella Console did not answer in time",
            httpx.WriteTimeout: "Sending the request to the Capella Console timed out",
            httpx.PoolTimeout: "Too many requests are waiting for a connection",
        }.get(type(exc), "The request to the Capella Console timed out")
        return ApiTimeoutError(f"{kind}{where}")
    if isinstance(exc, httpx.ProxyError):
        return NetworkError(
            f"The proxy refused the connection{where}: {redact_text(exc)}",
            hint="Check the proxy settings of QGIS (Settings › Options › Network).",
        )
    if isinstance(exc, httpx.ConnectError):
        return NetworkError(f"Cannot connect to the Capella Console{where}: {redact_text(exc)}")
    return NetworkError(f"Network error talking to the Capella Console{where}: {redact_text(exc)}")


def user_message(exc: BaseException) -> str:
    """The text a person reads for ``exc``: what happened and, when we know it, what to do.

    Every surface (task bar, dock, dialog, Processing log) shows this, so the same failure
    reads the same everywhere. Texts that do not come from a CapellaError are redacted: an
    exception's own text may hold a presigned URL or a credential.
    """
    if isinstance(exc, CapellaError):
        return str(exc) or exc.__class__.__name__
    import httpx
    import pydantic

    if isinstance(exc, httpx.HTTPStatusError):
        return str(_http_status_error(exc.response))
    if isinstance(exc, httpx.TransportError):
        return str(error_from_transport(exc))
    if isinstance(exc, httpx.InvalidURL):
        return f"Invalid URL: {redact_text(exc)}. Check the API URL in Settings › Capella."
    if isinstance(exc, OSError):
        return _os_error_message(exc)
    if isinstance(exc, MemoryError):
        return "Not enough memory. Narrow the search or download fewer files at a time."
    if isinstance(exc, ImportError):
        name = exc.name or redact_text(exc)
        return (
            f"A Python package the plugin needs cannot be loaded ({name}). Reinstall the "
            "plugin, or its dependencies from the Plugin Manager."
        )
    if isinstance(exc, pydantic.ValidationError) and exc.error_count():
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "value"
        return f"Invalid value for '{where}': {first.get('msg', 'invalid')}."
    text = redact_text(str(exc)) or "-"
    return f"Unexpected error ({type(exc).__name__}): {text}. Details are in the Capella log tab."


def _http_status_error(response: httpx.Response) -> CapellaError:
    # Only for a raw httpx raise_for_status(): the client maps API bodies in api.errors.
    status = response.status_code
    code = None
    if status == 401:
        bearer = response.request.headers.get("Authorization", "").lower().startswith("bearer")
        code = "INVALID_TOKEN" if bearer else "INVALID_API_KEY"
        message = response.reason_phrase  # "Unauthorized": AuthenticationError words it
    else:
        message = f"HTTP {status} {response.reason_phrase} from {redact_url(response.url)}"
    return status_error(status, message.strip(), code=code)


def _os_error_message(exc: OSError) -> str:
    where = f" ({redact_text(exc.filename)})" if exc.filename else ""
    if exc.errno in _DISK_FULL_ERRNOS:
        return f"The disk is full{where}. Free some space or choose another folder, then retry."
    if isinstance(exc, PermissionError):
        return f"Permission denied{where}. Choose a folder you can write to."
    if isinstance(exc, FileNotFoundError):
        return f"File or folder not found{where}."
    if isinstance(exc, (ConnectionError, TimeoutError)):
        return (
            f"Network error: {redact_text(exc.strerror or exc)}. Check your internet "
            "connection and the proxy settings of QGIS."
        )
    reason = redact_text(exc.strerror or str(exc) or type(exc).__name__)
    return f"{reason}{where}."

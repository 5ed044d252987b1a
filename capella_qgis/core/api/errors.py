"""Map an HTTP error response of the Console API to a CapellaError (contract §3)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Optional

import httpx

from capella_qgis.core.exceptions import (
    CODE_TO_EXCEPTION,
    GENERAL_API_ERROR,
    CapellaError,
    status_error,
)
from capella_qgis.core.redact import redact_text

# Lower-cased message snippet → code, applied only while the code is still generic (§3.2 step 5).
_MESSAGE_SNIPPETS = (
    ("order expired", "ORDER_EXPIRED"),
    ("not permitted to access any of the collection", "COLLECTION_ACCESS_DENIED"),
    ("not authorized to perform", "NOT_AUTHORIZED"),
)
_MAX_TEXT_IN_MESSAGE = 300


def parse_retry_after(value: Optional[str], now: Optional[datetime] = None) -> Optional[float]:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _auth_prefix(response: httpx.Response) -> str:
    try:
        header = response.request.headers.get("Authorization", "")
    except RuntimeError:
        # A hand-built Response has no request; assume the common case (API key).
        return "apikey"
    return header.split(" ", 1)[0].lower() if header else ""


def _auth_code(response: httpx.Response) -> str:
    return "INVALID_TOKEN" if _auth_prefix(response) == "bearer" else "INVALID_API_KEY"


def _parse_body(response: httpx.Response) -> tuple[Any, bool]:
    try:
        content = response.content
    except httpx.ResponseNotRead:
        response.read()
        content = response.content
    if not content:
        return None, False
    try:
        return json.loads(content), True
    except (ValueError, UnicodeDecodeError):
        return None, False


def _text_excerpt(response: httpx.Response) -> str:
    ctype = response.headers.get("content-type", "").lower()
    if "html" in ctype:
        return ""
    try:
        text = response.text.strip()
    except Exception:
        return ""
    if not text or text.lstrip().startswith("<"):
        return ""
    if len(text) > _MAX_TEXT_IN_MESSAGE:
        text = text[:_MAX_TEXT_IN_MESSAGE] + "…"
    return redact_text(text)


def _status_message(response: httpx.Response) -> str:
    phrase = response.reason_phrase or ""
    base = f"The Capella Console answered HTTP {response.status_code}"
    return f"{base} {phrase}".rstrip()


def error_from_response(response: httpx.Response) -> CapellaError:
    """Build the exception for an API response with status ≥ 400 (never raises itself)."""
    status = response.status_code
    body, is_json = _parse_body(response)

    message: str = ""
    code: str = GENERAL_API_ERROR
    detail: Any = None
    data: dict[str, Any] = {}

    if is_json:
        err = body.get("error", body) if isinstance(body, dict) else body
        if isinstance(err, dict):
            raw_message = err.get("message", err.get("Message"))
            message = "" if raw_message is None else str(raw_message)
            raw_code = err.get("code")
            code = str(raw_code) if raw_code else GENERAL_API_ERROR
            if "data" in err:
                data["data"] = err["data"]
            if "detail" in err:
                data["detail"] = err["detail"]
            detail = err.get("detail", err.get("data"))
        elif isinstance(err, str):
            message = err
        elif err is not None:
            message = str(err)
    else:
        message = _text_excerpt(response)

    if code == GENERAL_API_ERROR and message.lower() == "unauthorized":
        code = _auth_code(response)
    if code == GENERAL_API_ERROR:
        lowered = message.lower()
        for snippet, snippet_code in _MESSAGE_SNIPPETS:
            if snippet in lowered:
                code = snippet_code
                break

    cls = CODE_TO_EXCEPTION.get(code)
    kwargs: dict[str, Any] = {"code": code, "status": status, "detail": detail}
    exc: CapellaError
    if cls is None:
        # Unmapped code: fall back on the HTTP status (the SDK ignores it; we don't).
        if status == 401 and code == GENERAL_API_ERROR:
            kwargs["code"] = _auth_code(response)
        if status == 429:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            exc = status_error(status, message, retry_after=retry_after, **kwargs)
        else:
            exc = status_error(status, message or _status_message(response), **kwargs)
    else:
        exc = cls(message or _status_message(response), **kwargs)
    exc.data = data
    return exc

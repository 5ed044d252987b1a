"""Map an HTTP error response of the Console API to a CapellaError (contract §3)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Optional
from urllib.parse import urljoin

import httpx

from capella_qgis.core.exceptions import (
    CODE_TO_EXCEPTION,
    GENERAL_API_ERROR,
    CapellaError,
    MalformedResponseError,
    status_error,
)
from capella_qgis.core.redact import redact_text, redact_url, strip_query

# Lower-cased message snippet → code, applied only while the code is still generic (§3.2 step 5).
_MESSAGE_SNIPPETS = (
    ("order expired", "ORDER_EXPIRED"),
    ("not permitted to access any of the collection", "COLLECTION_ACCESS_DENIED"),
    ("not authorized to perform", "NOT_AUTHORIZED"),
)
_MAX_TEXT_IN_MESSAGE = 300
_SETTINGS_HINT = "Check the API URL in Settings › Capella"


class ApiAddressError(MalformedResponseError):
    """The answer did not come from the Console API: a redirect, or a web page instead of JSON.

    Usually a wrong API URL, or a sign-in page or proxy in the way; the message says where the
    answer came from (scheme, host and path only: a query string may hold a secret). A
    malformed response whose cause is known, so it says what to fix instead of "update".
    """

    default_code = "NOT_THE_API"
    default_hint = f"{_SETTINGS_HINT} (a sign-in page or a proxy may be in the way)."


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


def _where(url: object) -> str:
    # Host and path only: the query of a sign-in URL carries state, codes or tokens.
    return redact_url(strip_query(url))


def _request_url(response: httpx.Response) -> str:
    try:
        return str(response.request.url)
    except RuntimeError:
        return ""


def _who(response: httpx.Response, api: bool) -> str:
    if api:
        return "The Capella Console"
    try:
        return f"The server {response.request.url.host}"
    except RuntimeError:
        return "The server"


def error_from_redirect(response: httpx.Response, *, api: bool = True) -> ApiAddressError:
    """The error for a 3xx answer (the API client never follows one: see make_http_client).

    ``api`` False: the request went elsewhere (a thumbnail on the asset host), where the API
    URL setting is no help.
    """
    status = response.status_code
    here = _request_url(response)
    location = response.headers.get("Location", "").strip()
    who = _who(response, api)
    if location:
        try:
            target = urljoin(here, location) if here else location
        except ValueError:
            target = location
        message = f"{who} redirected the request to {_where(target)}"
    else:
        message = f"{who} answered HTTP {status} (a redirect) without saying where"
    if here:
        message += f" (asked: {_where(here)})"
    return ApiAddressError(message, status=status, hint=None if api else "")


def is_web_page(response: httpx.Response) -> bool:
    """Whether a successful answer is HTML (or XML) rather than the JSON the API sends."""
    content = response.content
    start = content[:512].lstrip()
    if start.startswith(b"\xef\xbb\xbf"):
        start = start[3:].lstrip()
    if start.startswith(b"<"):
        return True  # no JSON document starts with '<', whatever the header claims
    ctype = response.headers.get("content-type", "").lower()
    return "html" in ctype and not start.startswith((b"{", b"["))


def error_from_web_page(response: httpx.Response, *, api: bool = True) -> ApiAddressError:
    ctype = response.headers.get("content-type", "").split(";", 1)[0].strip() or "no type"
    where = _where(_request_url(response)) or "the API URL"
    return ApiAddressError(
        f"{_who(response, api)} answered {where} with a web page ({ctype}) instead of data",
        field="<body>",
        status=response.status_code,
        hint=None if api else "",
    )

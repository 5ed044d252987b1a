"""ApiSession: the requester every endpoint group shares (URLs, retries, errors, request log)."""

from __future__ import annotations

import contextlib
import time
from typing import Any, Callable, Optional

import httpx

from capella_qgis.core.api.errors import (
    error_from_redirect,
    error_from_response,
    error_from_web_page,
    is_web_page,
)
from capella_qgis.core.api.http import IsCancelled, RetryPolicy, is_idempotent_method, origin
from capella_qgis.core.exceptions import (
    CancelledError,
    MalformedResponseError,
    error_from_transport,
)
from capella_qgis.core.redact import redact_url
from capella_qgis.core.validation import encode_json

JSON_CONTENT_TYPE = "application/json; charset=utf-8"

# request_log(method, redacted_url, status_or_None, elapsed_seconds)
RequestLog = Callable[[str, str, Optional[int], float], None]


class ApiSession:
    """Sends API requests through one httpx client: retries, error mapping, request log.

    Thread-safe (httpx.Client is); the client's ApiHostAuth decides who gets credentials.
    """

    def __init__(
        self,
        http: httpx.Client,
        base_url: str,
        retry: RetryPolicy,
        request_log: Optional[RequestLog] = None,
    ) -> None:
        self.http = http
        self.base_url = base_url
        self.retry = retry
        self.request_log = request_log

    def close(self) -> None:
        self.http.close()

    def url(self, path_or_url: str) -> str:
        if path_or_url.startswith(("http://", "https://")):
            return path_or_url
        return f"{self.base_url}/{path_or_url.lstrip('/')}"

    def _log(self, method: str, url: Any, status: Optional[int], started: float) -> None:
        if self.request_log is not None:
            # A broken log hook must not break requests.
            with contextlib.suppress(Exception):
                self.request_log(method, redact_url(url), status, time.monotonic() - started)

    def _send_once(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        try:
            response = self.http.send(request)
        except httpx.TransportError:
            self._log(request.method, request.url, None, started)
            raise
        self._log(request.method, request.url, response.status_code, started)
        return response

    def request(
        self,
        method: str,
        path_or_url: str,
        *,
        json_body: Any = None,
        params: Optional[dict[str, Any]] = None,
        idempotent: Optional[bool] = None,
        is_cancelled: Optional[IsCancelled] = None,
    ) -> httpx.Response:
        """Send with retries; return a 2xx response or raise the mapped CapellaError.

        A redirect (never followed: the credential must not travel) and a web page where
        data was expected become ApiAddressError, for every endpoint alike.
        """
        url = self.url(path_or_url)
        if idempotent is None:
            idempotent = is_idempotent_method(method)
        content = None
        if json_body is not None:
            # The one place bodies are encoded: NaN/infinity (not JSON) → InputError, unsent.
            content = encode_json(json_body)

        def send() -> httpx.Response:
            if is_cancelled is not None and is_cancelled():
                raise CancelledError()
            request = self.http.build_request(method, url, content=content, params=params)
            return self._send_once(request)

        try:
            response = self.retry.run(send, idempotent=idempotent, is_cancelled=is_cancelled)
        except httpx.TransportError as exc:
            raise error_from_transport(exc, url) from None
        if response.status_code >= 400:
            raise error_from_response(response)
        if response.status_code >= 300:
            raise error_from_redirect(response, api=self._is_api(url))
        if response.content and is_web_page(response):
            raise error_from_web_page(response, api=self._is_api(url))
        return response

    def _is_api(self, url: str) -> bool:
        try:
            return origin(url) == origin(self.base_url)
        except httpx.InvalidURL:
            return True

    def json(self, response: httpx.Response, endpoint: str) -> Any:
        """The decoded body (None when empty); MalformedResponseError when it is not JSON."""
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            ctype = response.headers.get("content-type", "?")
            raise MalformedResponseError(
                f"Unexpected response from {endpoint}: not JSON (content-type {ctype})",
                field="<body>",
                status=response.status_code,
            ) from None

    def call(self, method: str, path: str, endpoint: str, **kwargs: Any) -> Any:
        """``request`` then ``json``: the decoded body of a successful call."""
        return self.json(self.request(method, path, **kwargs), endpoint)

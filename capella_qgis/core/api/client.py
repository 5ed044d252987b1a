"""ConsoleClient: the one object owning base URL, auth, retries and error mapping (§4–§6)."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from typing import Any, Callable, Optional, Union

import httpx

from capella_qgis.core.api.credential import Credential
from capella_qgis.core.api.errors import error_from_response, error_from_transport
from capella_qgis.core.api.orders import OrdersMixin
from capella_qgis.core.api.retry import RetryPolicy, is_idempotent_method
from capella_qgis.core.api.tasking import TaskingMixin
from capella_qgis.core.exceptions import (
    CancelledError,
    InputError,
    MalformedResponseError,
    NotFoundError,
)
from capella_qgis.core.models.console import Organization, User, parse_model
from capella_qgis.core.models.enums import CATALOG_PAGE_SIZE
from capella_qgis.core.redact import redact_url
from capella_qgis.core.search.paging import (  # re-exported: callers import these from here
    CatalogMixin,
    IsCancelled,
    PageCallback,
    ProgressCallback,
    _origin,
    plan_windows,
)
from capella_qgis.version import __version__

__all__ = [
    "DEFAULT_BASE_URL",
    "ConsoleClient",
    "Credential",
    "IsCancelled",
    "PageCallback",
    "ProgressCallback",
    "plan_windows",
]

DEFAULT_BASE_URL = "https://api.capellaspace.com"
DEFAULT_TIMEOUT = 60.0
JSON_CONTENT_TYPE = "application/json; charset=utf-8"

RequestLog = Callable[[str, str, Optional[int], float], None]


class ConsoleClient(CatalogMixin, OrdersMixin, TaskingMixin):
    """Typed access to the Capella Console API. Thread-safe; one httpx.Client inside."""

    def __init__(
        self,
        credential: Credential,
        base_url: str = DEFAULT_BASE_URL,
        *,
        search_url: Optional[str] = None,
        transport: Optional[httpx.BaseTransport] = None,
        proxy: Optional[str] = None,
        verify: Any = True,
        timeout: float = DEFAULT_TIMEOUT,
        retry: Optional[RetryPolicy] = None,
        user_agent: Optional[str] = None,
        max_connections: int = 8,
        page_size: int = CATALOG_PAGE_SIZE,
        request_log: Optional[RequestLog] = None,
    ) -> None:
        if not isinstance(credential, Credential):
            raise InputError("credential: pass Credential.api_key(...) or Credential.token(...)")
        base = (base_url or DEFAULT_BASE_URL).strip().rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise InputError(f"base_url: {base_url!r} must start with http:// or https://")
        self.credential = credential
        self.base_url = base
        self.search_url = (search_url or f"{base}/catalog/search").strip()
        self._api_origin = _origin(httpx.URL(self.base_url))
        self.retry = retry or RetryPolicy()
        self.max_connections = max(1, int(max_connections))
        self.page_size = page_size
        self.request_log = request_log
        self.user_agent = user_agent or f"capella-qgis/{__version__}"
        kwargs: dict[str, Any] = {
            "timeout": httpx.Timeout(timeout),
            "follow_redirects": False,
            "verify": verify,
            "limits": httpx.Limits(
                max_connections=self.max_connections,
                max_keepalive_connections=self.max_connections,
            ),
            "headers": {"User-Agent": self.user_agent, "Content-Type": JSON_CONTENT_TYPE},
        }
        if transport is not None:
            kwargs["transport"] = transport
        elif proxy:
            kwargs["proxy"] = proxy
        self._http = httpx.Client(**kwargs)
        self._user: Optional[User] = None
        self._user_lock = threading.Lock()

    # ------------------------------------------------------------------------ plumbing

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ConsoleClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ConsoleClient(base_url={self.base_url!r}, credential={self.credential!r})"

    def url(self, path_or_url: str) -> str:
        if path_or_url.startswith(("http://", "https://")):
            return path_or_url
        return f"{self.base_url}/{path_or_url.lstrip('/')}"

    def is_api_url(self, url: Union[str, httpx.URL]) -> bool:
        """True when ``url`` goes to the API host:port (the only place credentials go)."""
        return _origin(httpx.URL(str(url))) == self._api_origin

    def _log(self, method: str, url: Any, status: Optional[int], started: float) -> None:
        if self.request_log is not None:
            # A broken log hook must not break requests.
            with contextlib.suppress(Exception):
                self.request_log(method, redact_url(url), status, time.monotonic() - started)

    def _send_once(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        try:
            response = self._http.send(request)
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
        """Send with retries; return a < 400 response or raise the mapped CapellaError."""
        url = self.url(path_or_url)
        if idempotent is None:
            idempotent = is_idempotent_method(method)
        headers = {}
        if self.is_api_url(url):
            auth = self.credential.header_value()
            if auth:
                headers["Authorization"] = auth
        content = None
        if json_body is not None:
            content = json.dumps(json_body).encode("utf-8")

        def send() -> httpx.Response:
            if is_cancelled is not None and is_cancelled():
                raise CancelledError()
            request = self._http.build_request(
                method, url, content=content, params=params, headers=headers
            )
            return self._send_once(request)

        try:
            response = self.retry.run(send, idempotent=idempotent, is_cancelled=is_cancelled)
        except httpx.TransportError as exc:
            raise error_from_transport(exc, url) from None
        if response.status_code >= 400:
            raise error_from_response(response)
        return response

    def _json(self, response: httpx.Response, endpoint: str) -> Any:
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

    def _call(self, method: str, path: str, endpoint: str, **kwargs: Any) -> Any:
        return self._json(self.request(method, path, **kwargs), endpoint)

    # ---------------------------------------------------------------------------- identity

    def get_user(self, *, refresh: bool = False) -> User:
        """``GET /user`` (cached): checks the credential; 401 → AuthenticationError."""
        with self._user_lock:
            if self._user is None or refresh:
                data = self._call("GET", "/user", "GET /user")
                self._user = parse_model(User, data, "GET /user")
            return self._user

    def get_organization(self) -> Optional[Organization]:
        """``GET /organization`` (optional endpoint): None when the server does not have it."""
        try:
            data = self._call("GET", "/organization", "GET /organization")
        except NotFoundError:
            return None
        return parse_model(Organization, data, "GET /organization")

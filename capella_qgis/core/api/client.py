"""ConsoleClient: one API session (base URL, auth, retries, errors) and its endpoint groups."""

from __future__ import annotations

from typing import Any, Optional

import httpx

from capella_qgis.core.api.account import AccountApi
from capella_qgis.core.api.catalog import CatalogApi
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.api.http import (
    DEFAULT_TIMEOUT,
    ApiHostAuth,
    RetryPolicy,
    make_http_client,
)
from capella_qgis.core.api.orders import OrdersApi
from capella_qgis.core.api.session import JSON_CONTENT_TYPE, ApiSession, RequestLog
from capella_qgis.core.api.tasking import TaskingApi
from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.enums import CATALOG_PAGE_SIZE

DEFAULT_BASE_URL = "https://api.capellaspace.com"


class ConsoleClient:
    """Typed access to the Capella Console API. Thread-safe; one httpx.Client inside.

    The endpoints come in groups sharing one :class:`ApiSession`: ``client.account``
    (user, organization), ``client.catalog`` (search), ``client.orders`` and
    ``client.tasking`` (tasking and repeat requests).
    """

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
        connections = max(1, int(max_connections))
        http = make_http_client(
            base_url=base,
            auth=ApiHostAuth(credential, base),
            timeout=timeout,
            proxy=proxy,
            verify=verify,
            transport=transport,
            user_agent=user_agent,
            headers={"Content-Type": JSON_CONTENT_TYPE},
            max_connections=connections,
        )
        self.session = ApiSession(http, base, retry or RetryPolicy.api(), request_log)
        self.account = AccountApi(self.session)
        self.catalog = CatalogApi(
            self.session,
            (search_url or f"{base}/catalog/search").strip(),
            page_size=page_size,
            max_connections=connections,
        )
        self.orders = OrdersApi(self.session, self.account, self.catalog)
        self.tasking = TaskingApi(self.session, self.account, connections)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> ConsoleClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ConsoleClient(base_url={self.base_url!r}, credential={self.credential!r})"

"""Turn QGIS network state (proxy, trusted CAs, credentials) into a configured ConsoleClient."""

from __future__ import annotations

import logging
import ssl
import threading
from typing import TYPE_CHECKING, Any, Optional

from capella_qgis.core.api.credential import Credential
from capella_qgis.core.redact import redact_url
from capella_qgis.toolbelt.auth import CredentialError, credential_from_settings
from capella_qgis.toolbelt.proxy import proxy_url_for, qgis_trusted_ca_pem
from capella_qgis.toolbelt.settings import PluginSettings

if TYPE_CHECKING:
    from capella_qgis.core.api.client import ConsoleClient

LOGGER = logging.getLogger(__name__)

_ssl_lock = threading.Lock()
_ssl_cache: dict[str, Any] = {}

# --- TLS -----------------------------------------------------------------------------------


def ssl_context() -> ssl.SSLContext:
    """Return a cached SSL context trusting the system CAs plus QGIS' trusted CAs.

    Corporate TLS-intercepting proxies are usually trusted only through the QGIS auth DB, which
    httpx (certifi) would otherwise ignore. Rebuilt when the number of QGIS CAs changes.
    Main thread (the auth DB); :func:`prewarm_tls` builds it ahead in a worker thread.
    """
    return _context_for(qgis_trusted_ca_pem())


def _context_for(pems: list[str]) -> ssl.SSLContext:
    with _ssl_lock:
        cached = _ssl_cache.get("context")
        if isinstance(cached, ssl.SSLContext) and _ssl_cache.get("source_count") == len(pems):
            return cached
        context = ssl.create_default_context()
        loaded = 0
        for pem in pems:
            try:
                context.load_verify_locations(cadata=pem)
                loaded += 1
            except (ssl.SSLError, ValueError):
                # One odd certificate must not cost the user every other trusted CA.
                continue
        _ssl_cache.update(context=context, source_count=len(pems), loaded=loaded)
        LOGGER.debug("TLS context: %d CA certificates loaded from QGIS", loaded)
        return context


def prewarm_tls() -> threading.Thread:
    """Build the SSL context in a worker thread, so the first request's does not stall QGIS.

    Loading the system and QGIS CAs takes ~150 ms (OpenSSL parses ~140 certificates): done on
    the main thread by the first search, it froze QGIS that long. The certificates are read
    from the auth DB here (main thread, ~1 ms); a request made meanwhile waits for the lock.
    """
    pems = qgis_trusted_ca_pem()
    thread = threading.Thread(
        target=_context_for, args=(pems,), name="capella-tls-prewarm", daemon=True
    )
    thread.start()
    return thread


def qgis_ca_count() -> int:
    """Number of QGIS CA certificates loaded into :func:`ssl_context`."""
    ssl_context()
    return int(_ssl_cache.get("loaded", 0))


def clear_ssl_cache() -> None:
    """Forget the cached SSL context (after the user edits trusted CAs)."""
    with _ssl_lock:
        _ssl_cache.clear()


# --- client --------------------------------------------------------------------------------


def client_kwargs_for(url: str) -> dict[str, Any]:
    """Return ``proxy`` and ``verify`` keyword arguments for a client talking to ``url``."""
    proxy = proxy_url_for(url)
    if proxy:
        # redact_url masks the password in user:password@host, so this is safe to log.
        LOGGER.info("Using proxy %s for %s", redact_url(proxy), redact_url(url))
    return {"proxy": proxy, "verify": ssl_context()}


def _log_request(method: str, url: str, status: Optional[int], elapsed: float) -> None:
    # The client already redacts; redact again so a future caller cannot leak a presigned URL.
    outcome = str(status) if status is not None else "no response"
    LOGGER.info("%s %s -> %s (%.0f ms)", method, redact_url(url), outcome, elapsed * 1000)


def build_client(
    settings: Optional[PluginSettings] = None,
    *,
    credential: Optional[Credential] = None,
    api_url: Optional[str] = None,
) -> ConsoleClient:
    """Create the ConsoleClient; the only place the plugin builds one.

    Must run on the main thread: it queries QGIS' proxy factory and auth DB.
    Raises :class:`CredentialError` when no credential is available.
    """
    settings = settings or PluginSettings.load()
    base_url = (api_url or settings.effective_api_url).rstrip("/")
    if credential is None:
        lookup = credential_from_settings(settings)
        if lookup.credential is None:
            raise CredentialError(lookup.reason)
        credential = lookup.credential
    # Imported here, not at module level: it loads httpx and the pydantic models, which QGIS
    # start-up must not pay for (#20).
    from capella_qgis.core.api.client import ConsoleClient

    return ConsoleClient(
        credential,
        base_url=base_url,
        timeout=settings.request_timeout,
        page_size=settings.search_page_size,
        request_log=_log_request,
        **client_kwargs_for(base_url),
    )

"""Turn QGIS network state (proxy, trusted CAs, credentials) into a configured ConsoleClient."""

from __future__ import annotations

import logging
import ssl
import threading
from typing import Any, Optional
from urllib.parse import quote

from qgis.core import QgsApplication, QgsNetworkAccessManager, QgsSettings
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkProxy, QNetworkProxyFactory, QNetworkProxyQuery

from capella_qgis.core.client import ConsoleClient
from capella_qgis.core.credential import Credential
from capella_qgis.core.redact import redact_url
from capella_qgis.toolbelt.auth import CredentialError, credential_from_settings
from capella_qgis.toolbelt.settings import PluginSettings

LOGGER = logging.getLogger(__name__)

_HTTP_TYPES = {QNetworkProxy.ProxyType.HttpProxy, QNetworkProxy.ProxyType.HttpCachingProxy}
_SETTINGS_PROXY_TYPES = {
    "HttpProxy": QNetworkProxy.ProxyType.HttpProxy,
    "HttpCachingProxy": QNetworkProxy.ProxyType.HttpCachingProxy,
    "Socks5Proxy": QNetworkProxy.ProxyType.Socks5Proxy,
    "FtpCachingProxy": QNetworkProxy.ProxyType.FtpCachingProxy,
    "NoProxy": QNetworkProxy.ProxyType.NoProxy,
    "DefaultProxy": QNetworkProxy.ProxyType.DefaultProxy,
}

_ssl_lock = threading.Lock()
_ssl_cache: dict[str, Any] = {}


# --- proxy ---------------------------------------------------------------------------------


def proxy_to_url(proxy: Optional[QNetworkProxy]) -> Optional[str]:
    """Translate a ``QNetworkProxy`` into an httpx proxy URL (None means: connect directly)."""
    if proxy is None:
        return None
    kind = proxy.type()
    if kind == QNetworkProxy.ProxyType.DefaultProxy:
        # "Use the application default": resolve it once, a second Default means no proxy.
        app_proxy = QNetworkProxy.applicationProxy()
        if app_proxy.type() == QNetworkProxy.ProxyType.DefaultProxy:
            return None
        return proxy_to_url(app_proxy)
    if kind in _HTTP_TYPES:
        scheme = "http"
    elif kind == QNetworkProxy.ProxyType.Socks5Proxy:
        scheme = "socks5"
    else:
        # NoProxy, and FtpCachingProxy which cannot carry HTTPS traffic.
        return None
    host = proxy.hostName()
    if not host:
        return None
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # IPv6 literal
    userinfo = ""
    if proxy.user():
        userinfo = quote(proxy.user(), safe="")
        if proxy.password():
            userinfo += ":" + quote(proxy.password(), safe="")
        userinfo += "@"
    port = f":{proxy.port()}" if proxy.port() > 0 else ""
    return f"{scheme}://{userinfo}{host}{port}"


def qgis_proxy_for(url: str) -> Optional[QNetworkProxy]:
    """Ask QGIS which proxy it would use for ``url`` (honours no-proxy lists and system proxy)."""
    factory = QgsNetworkAccessManager.instance().proxyFactory()
    if factory is not None:
        proxies = factory.queryProxy(QNetworkProxyQuery(QUrl(url)))
        return proxies[0] if proxies else None
    return _proxy_from_settings(url)


def _proxy_from_settings(url: str) -> Optional[QNetworkProxy]:
    # Only reached when QGIS has no proxy factory (a bare QgsApplication without network setup).
    settings = QgsSettings()
    if not _as_bool(settings.value("proxy/proxyEnabled", False)):
        return None
    for prefix in _as_list(settings.value("proxy/noProxyUrls", [])):
        if prefix and url.startswith(prefix):
            return None
    kind = _SETTINGS_PROXY_TYPES.get(
        str(settings.value("proxy/proxyType", "DefaultProxy")),
        QNetworkProxy.ProxyType.DefaultProxy,
    )
    if kind == QNetworkProxy.ProxyType.DefaultProxy:
        system = QNetworkProxyFactory.systemProxyForQuery(QNetworkProxyQuery(QUrl(url)))
        return system[0] if system else None
    try:
        port = int(settings.value("proxy/proxyPort", 0) or 0)
    except (TypeError, ValueError):
        port = 0
    proxy = QNetworkProxy(
        kind,
        str(settings.value("proxy/proxyHost", "") or ""),
        port,
        str(settings.value("proxy/proxyUser", "") or ""),
        str(settings.value("proxy/proxyPassword", "") or ""),
    )
    authcfg = str(settings.value("proxy/authcfg", "") or "")
    if authcfg:
        result = QgsApplication.authManager().updateNetworkProxy(proxy, authcfg)
        if isinstance(result, tuple) and isinstance(result[-1], QNetworkProxy):
            proxy = result[-1]
    return proxy


def proxy_url_for(url: str) -> Optional[str]:
    """Return the httpx proxy URL QGIS would use for ``url``, or None for a direct connection."""
    return proxy_to_url(qgis_proxy_for(url))


# --- TLS -----------------------------------------------------------------------------------


def qgis_trusted_ca_pem() -> list[str]:
    """Return QGIS' trusted CA certificates (system + those added in its auth DB) as PEM."""
    certs = QgsApplication.authManager().trustedCaCertsCache()
    return [bytes(cert.toPem()).decode("ascii", "replace") for cert in certs if not cert.isNull()]


def ssl_context() -> ssl.SSLContext:
    """Return a cached SSL context trusting the system CAs plus QGIS' trusted CAs.

    Corporate TLS-intercepting proxies are usually trusted only through the QGIS auth DB, which
    httpx (certifi) would otherwise ignore. Rebuilt when the number of QGIS CAs changes.
    """
    pems = qgis_trusted_ca_pem()
    with _ssl_lock:
        cached = _ssl_cache.get("context")
        if cached is not None and _ssl_cache.get("source_count") == len(pems):
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
    return ConsoleClient(
        credential,
        base_url=base_url,
        timeout=settings.request_timeout,
        page_size=settings.search_page_size,
        request_log=_log_request,
        **client_kwargs_for(base_url),
    )


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in value.split("|") if part] if value else []
    return [str(part) for part in value]

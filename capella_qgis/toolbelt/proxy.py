"""Which proxy QGIS would use for a URL, and the CAs it trusts: needs QGIS, not the client."""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import quote

from qgis.core import QgsApplication, QgsNetworkAccessManager, QgsSettings
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkProxy, QNetworkProxyFactory, QNetworkProxyQuery

_HTTP_TYPES = {QNetworkProxy.ProxyType.HttpProxy, QNetworkProxy.ProxyType.HttpCachingProxy}
_SETTINGS_PROXY_TYPES = {
    "HttpProxy": QNetworkProxy.ProxyType.HttpProxy,
    "HttpCachingProxy": QNetworkProxy.ProxyType.HttpCachingProxy,
    "Socks5Proxy": QNetworkProxy.ProxyType.Socks5Proxy,
    "FtpCachingProxy": QNetworkProxy.ProxyType.FtpCachingProxy,
    "NoProxy": QNetworkProxy.ProxyType.NoProxy,
    "DefaultProxy": QNetworkProxy.ProxyType.DefaultProxy,
}


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

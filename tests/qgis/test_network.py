"""QGIS proxy/TLS state translated for httpx; credentials never logged."""

from __future__ import annotations

import logging
import ssl
from collections.abc import Iterator

import pytest
from qgis.core import QgsNetworkAccessManager, QgsSettings
from qgis.PyQt.QtNetwork import QNetworkProxy

from capella_qgis.toolbelt import network, proxy
from capella_qgis.toolbelt.auth import CredentialError
from capella_qgis.toolbelt.settings import PluginSettings

P = QNetworkProxy.ProxyType


@pytest.mark.parametrize(
    ("qproxy", "expected"),
    [
        (QNetworkProxy(P.HttpProxy, "proxy.local", 3128), "http://proxy.local:3128"),
        (QNetworkProxy(P.HttpCachingProxy, "cache.local", 8080), "http://cache.local:8080"),
        (QNetworkProxy(P.Socks5Proxy, "socks.local", 1080), "socks5://socks.local:1080"),
        (
            QNetworkProxy(P.HttpProxy, "proxy.local", 3128, "jane", "p@ss:w/rd"),
            "http://jane:p%40ss%3Aw%2Frd@proxy.local:3128",
        ),
        (QNetworkProxy(P.Socks5Proxy, "::1", 1080, "u"), "socks5://u@[::1]:1080"),
        (QNetworkProxy(P.NoProxy), None),
        (QNetworkProxy(P.FtpCachingProxy, "ftp.local", 21), None),
        (None, None),
    ],
)
def test_proxy_to_url(qproxy: QNetworkProxy, expected: str) -> None:
    assert proxy.proxy_to_url(qproxy) == expected


def test_default_proxy_without_application_proxy_is_direct() -> None:
    previous = QNetworkProxy.applicationProxy()
    QNetworkProxy.setApplicationProxy(QNetworkProxy(P.NoProxy))
    try:
        assert proxy.proxy_to_url(QNetworkProxy(P.DefaultProxy)) is None
    finally:
        QNetworkProxy.setApplicationProxy(previous)


@pytest.fixture
def qgis_http_proxy(isolated_settings: QgsSettings) -> Iterator[QgsSettings]:
    """QGIS configured with an authenticated HTTP proxy and a no-proxy prefix."""
    isolated_settings.setValue("proxy/proxyEnabled", True)
    isolated_settings.setValue("proxy/proxyType", "HttpProxy")
    isolated_settings.setValue("proxy/proxyHost", "proxy.local")
    isolated_settings.setValue("proxy/proxyPort", "3128")
    isolated_settings.setValue("proxy/proxyUser", "jane")
    isolated_settings.setValue("proxy/proxyPassword", "s3cret-proxy-pw")
    isolated_settings.setValue("proxy/noProxyUrls", ["https://direct.example"])
    QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
    yield isolated_settings


def test_qgis_proxy_settings_are_honoured(qgis_http_proxy: QgsSettings) -> None:
    assert (
        proxy.proxy_url_for("https://api.capellaspace.com/user")
        == "http://jane:s3cret-proxy-pw@proxy.local:3128"
    )
    assert proxy.proxy_url_for("https://direct.example/x") is None


def test_settings_fallback_without_factory(
    qgis_http_proxy: QgsSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    manager = QgsNetworkAccessManager.instance()
    # A local context: the settings fixture needs the real manager again in its teardown.
    with monkeypatch.context() as patch:
        patch.setattr(
            proxy.QgsNetworkAccessManager, "instance", staticmethod(lambda: _NoFactory(manager))
        )
        assert (
            proxy.proxy_url_for("https://api.capellaspace.com/user")
            == "http://jane:s3cret-proxy-pw@proxy.local:3128"
        )
        assert proxy.proxy_url_for("https://direct.example/x") is None
        qgis_http_proxy.setValue("proxy/proxyType", "Socks5Proxy")
        assert proxy.proxy_url_for("https://a.example").startswith("socks5://jane:")
        qgis_http_proxy.setValue("proxy/proxyEnabled", False)
        assert proxy.proxy_url_for("https://a.example") is None


class _NoFactory:
    def __init__(self, manager: QgsNetworkAccessManager) -> None:
        self.manager = manager

    def proxyFactory(self) -> None:
        return None


def test_proxy_password_is_never_logged(
    qgis_http_proxy: QgsSettings, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="capella_qgis"):
        kwargs = network.client_kwargs_for("https://api.capellaspace.com")
    assert kwargs["proxy"] == "http://jane:s3cret-proxy-pw@proxy.local:3128"
    assert "proxy.local:3128" in caplog.text
    assert "s3cret-proxy-pw" not in caplog.text


def test_ssl_context_trusts_qgis_cas() -> None:
    network.clear_ssl_cache()
    context = network.ssl_context()
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert len(proxy.qgis_trusted_ca_pem()) > 0
    assert network.qgis_ca_count() > 0
    assert context.cert_store_stats()["x509_ca"] > 0
    assert network.ssl_context() is context  # cached


def test_the_tls_context_is_built_off_the_ui_thread_and_then_reused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    network.clear_ssl_cache()
    built_on: list[str] = []
    real = ssl.create_default_context

    def spy(*args: object, **kwargs: object) -> ssl.SSLContext:
        built_on.append(threading.current_thread().name)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(network.ssl, "create_default_context", spy)
    network.prewarm_tls().join(30)
    context = network.ssl_context()  # what the first search's client asks for
    assert built_on == ["capella-tls-prewarm"]
    assert context.cert_store_stats()["x509_ca"] > 0
    assert network.ssl_context() is context


def test_build_client_without_credential_explains_why() -> None:
    with pytest.raises(CredentialError) as info:
        network.build_client(PluginSettings())
    assert "API key" in str(info.value)


def test_build_client_uses_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPELLA_API_URL", "http://127.0.0.1:1")
    monkeypatch.setenv("CAPELLA_API_KEY", "demo")
    client = network.build_client()
    try:
        assert "127.0.0.1:1" in str(getattr(client, "base_url", ""))
    finally:
        client.close()

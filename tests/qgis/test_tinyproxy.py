"""End to end through a real HTTP proxy configured the QGIS way (tinyproxy)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsNetworkAccessManager, QgsSettings

from capella_qgis.core.api.credential import Credential
from capella_qgis.core.download import AssetFilter, DownloadEngine, plan_downloads
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.toolbelt.network import build_client, proxy_url_for
from capella_qgis.toolbelt.settings import PluginSettings

TINYPROXY = shutil.which("tinyproxy") or shutil.which("tinyproxy", path="/usr/bin:/usr/sbin")

pytestmark = pytest.mark.skipif(
    TINYPROXY is None, reason="tinyproxy binary not installed (apt package 'tinyproxy')"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tinyproxy exited with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"tinyproxy did not listen on port {port}")


@pytest.fixture
def tinyproxy(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """A foreground tinyproxy on a free port, logging to tmp_path."""
    port = _free_port()
    log = tmp_path / "tinyproxy.log"
    conf = tmp_path / "tinyproxy.conf"
    conf.write_text(
        f"Port {port}\n"
        "Listen 127.0.0.1\n"
        "Timeout 30\n"
        "Allow 127.0.0.1\n"
        f'LogFile "{log}"\n'
        "LogLevel Info\n"
        "MaxClients 10\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [str(TINYPROXY), "-d", "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process)
        yield port, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _via(request: Any) -> str:
    return next((v for k, v in request.headers.items() if k.lower() == "via"), "")


def test_get_user_goes_through_qgis_proxy(
    tinyproxy: tuple[int, Path], emulator: Any, isolated_settings: QgsSettings
) -> None:
    port, log = tinyproxy
    isolated_settings.setValue("proxy/proxyEnabled", True)
    isolated_settings.setValue("proxy/proxyType", "HttpProxy")
    isolated_settings.setValue("proxy/proxyHost", "127.0.0.1")
    isolated_settings.setValue("proxy/proxyPort", str(port))
    isolated_settings.setValue("proxy/noProxyUrls", [])
    isolated_settings.setValue("proxy/proxyExcludedUrls", [])
    QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()

    emulator.clear_requests()
    client = build_client(
        PluginSettings(api_url=emulator.url), credential=Credential.api_key("demo")
    )
    try:
        user = client.account.get_user()
    finally:
        client.close()
    assert user.email

    # tinyproxy logs the proxied request line, e.g. "Request (file descriptor 6): GET http://…/user".
    deadline = time.monotonic() + 5
    text = ""
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        if "/user" in text:
            break
        time.sleep(0.05)
    assert f"GET {emulator.url}/user" in text, text[-2000:]

    seen = [r for r in emulator.requests() if r.path.rstrip("/") == "/user"]
    assert seen, "the emulator never saw GET /user"
    assert "tinyproxy" in _via(seen[-1]).lower()


def test_assets_use_the_proxy_qgis_chooses_for_their_host(
    tinyproxy: tuple[int, Path], emulator: Any, isolated_settings: QgsSettings, tmp_path: Path
) -> None:
    # The API host is on QGIS' no-proxy list, the presigned asset host is not: each request
    # must take the route QGIS would give its own host.
    port, log = tinyproxy
    isolated_settings.setValue("proxy/proxyEnabled", True)
    isolated_settings.setValue("proxy/proxyType", "HttpProxy")
    isolated_settings.setValue("proxy/proxyHost", "127.0.0.1")
    isolated_settings.setValue("proxy/proxyPort", str(port))
    isolated_settings.setValue("proxy/noProxyUrls", [emulator.url])
    isolated_settings.setValue("proxy/proxyExcludedUrls", [])
    QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()

    client = build_client(
        PluginSettings(api_url=emulator.url), credential=Credential.api_key("demo")
    )
    try:
        found = client.catalog.search(CatalogQuery(filters={"product_type": "GEO"}, limit=1))
        order = client.orders.submit_order(stac_ids=found.stac_ids)
        items = [i.to_feature() for i in client.orders.get_presigned_items(order.order_id)]
    finally:
        client.close()
    jobs = plan_downloads(items, tmp_path, filters=AssetFilter.create(include=["thumbnail"]))
    emulator.clear_requests()
    report = DownloadEngine(proxy_for=proxy_url_for, check_disk_space=False).run(jobs)
    assert report.ok and report.completed

    assets = emulator.requests("asset")
    assert assets and all("tinyproxy" in _via(r).lower() for r in assets)
    api = [r for r in emulator.requests("api")]
    assert all(not _via(r) for r in api)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert f"GET {emulator.asset_base}/assets/" in text
    assert f"{emulator.url}/orders" not in text

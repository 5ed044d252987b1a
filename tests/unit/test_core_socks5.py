"""SOCKS5 proxies (QGIS' Socks5Proxy): the API client and the asset downloader go through one.

Regression: socksio was not shipped, so a SOCKS5 proxy set in QGIS made every client raise a
raw ImportError. A real SOCKS5 server (no auth, and RFC 1929 username/password) sits between
the clients and the Console emulator here.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.api.http import RetryPolicy, check_proxy, make_http_client
from capella_qgis.core.download.engine import DownloadEngine
from capella_qgis.core.download.plan import DownloadJob
from capella_qgis.core.exceptions import NetworkConfigError, NetworkError
from capella_qgis.core.search.query import CatalogQuery
from tests.console_emulator import Emulator
from tests.unit.socks5_support import Socks5Proxy

USER, PASSWORD = "jane", "p@ss:w/rd"  # characters that must be quoted in the proxy URL


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    emulator = Emulator(items=30, seed=7, asset_size=400_000).start()
    yield emulator
    emulator.stop()


@pytest.fixture(scope="module")
def open_proxy() -> Iterator[Socks5Proxy]:
    proxy = Socks5Proxy().start()
    yield proxy
    proxy.stop()


@pytest.fixture(scope="module")
def login_proxy() -> Iterator[Socks5Proxy]:
    proxy = Socks5Proxy(users={USER: PASSWORD}).start()
    yield proxy
    proxy.stop()


@pytest.fixture(autouse=True)
def _clean(emu: Emulator, open_proxy: Socks5Proxy, login_proxy: Socks5Proxy) -> None:
    emu.clear_requests()
    emu.stats.reset()
    open_proxy.tunnels.clear()
    login_proxy.tunnels.clear()


def _client(emu: Emulator, proxy: str) -> ConsoleClient:
    return ConsoleClient(
        Credential.api_key("demo"), emu.url, proxy=proxy, retry=RetryPolicy.never()
    )


def _job(emu: Emulator, tmp_path: Path) -> DownloadJob:
    entry = next(e for e in emu.state.entries if "HH" in emu.assets.filenames(e))
    name = emu.assets.filenames(entry)["HH"]
    url = emu.presign(entry.id, "HH", 3600)
    return DownloadJob(entry.id, "HH", url, tmp_path / name, "SLC")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _api_port(emu: Emulator) -> int:
    return int(emu.url.rsplit(":", 1)[1])


@pytest.mark.parametrize("scheme", ["socks5", "socks5h"])
def test_console_client_goes_through_socks5(
    emu: Emulator, open_proxy: Socks5Proxy, scheme: str
) -> None:
    with _client(emu, open_proxy.url(scheme=scheme)) as client:
        assert client.account.get_user().id
        found = client.catalog.search(CatalogQuery(limit=5))
    assert len(found) == 5
    assert open_proxy.tunnels, "the requests did not go through the proxy"
    assert {(t.host, t.port) for t in open_proxy.tunnels} == {("127.0.0.1", _api_port(emu))}
    assert [r.path for r in emu.requests("api")][:2] == ["/user", "/catalog/search"]


def test_console_client_logs_in_to_the_proxy(emu: Emulator, login_proxy: Socks5Proxy) -> None:
    with _client(emu, login_proxy.url(USER, PASSWORD)) as client:
        assert client.account.get_user().id
    assert login_proxy.tunnels and all(t.user == USER for t in login_proxy.tunnels)


def test_wrong_proxy_password_is_a_network_error(emu: Emulator, login_proxy: Socks5Proxy) -> None:
    before = login_proxy.refused
    client = _client(emu, login_proxy.url(USER, "wrong"))
    try:
        with pytest.raises(NetworkError) as info:
            client.account.get_user()
    finally:
        client.close()
    assert "proxy" in str(info.value).lower()
    assert "wrong" not in str(info.value)
    assert login_proxy.refused == before + 1 and login_proxy.tunnels == []


@pytest.mark.parametrize("per_host", [False, True])
def test_asset_download_goes_through_socks5(
    emu: Emulator, login_proxy: Socks5Proxy, tmp_path: Path, per_host: bool
) -> None:
    job = _job(emu, tmp_path)
    proxy = login_proxy.url(USER, PASSWORD)
    # The plugin passes QGIS' per-URL decision (proxy_for); plain ``proxy`` covers every host.
    options = {"proxy_for": lambda url: proxy} if per_host else {"proxy": proxy}
    engine = DownloadEngine(
        max_connections=2,
        segments_per_file=2,
        segment_threshold=128 * 1024,
        check_disk_space=False,
        retry=RetryPolicy.asset(sleep=lambda s: None),
        **options,  # type: ignore[arg-type]
    )
    report = engine.run([job])
    assert report.ok, report.summary()
    source = Path(emu.store.path(emu.state.by_id[job.stac_id].item, "HH"))
    assert _sha(job.target) == _sha(source)
    # The asset host is another host name: the proxy resolved it (socks5h semantics).
    assert {t.host for t in login_proxy.tunnels} == {"localhost"}
    assert emu.stats.snapshot()["asset_requests_with_authorization"] == 0


def test_missing_socksio_is_a_network_config_error(
    emu: Emulator, open_proxy: Socks5Proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "socksio", None)  # import socksio -> ImportError
    with pytest.raises(NetworkConfigError) as info:
        _client(emu, open_proxy.url())
    assert "socksio" in str(info.value) and "SOCKS5" in str(info.value)
    with pytest.raises(NetworkConfigError):
        DownloadEngine(proxy=open_proxy.url(), check_disk_space=False).run([])


@pytest.mark.parametrize("proxy", ["socks4://127.0.0.1:1080", "ftp://proxy.example:21"])
def test_proxy_kinds_httpx_cannot_speak(proxy: str) -> None:
    with pytest.raises(NetworkConfigError) as info:
        ConsoleClient(Credential.api_key("demo"), "https://api.test", proxy=proxy)
    assert "HTTP, HTTPS or SOCKS5" in str(info.value)
    with pytest.raises(NetworkConfigError):
        make_http_client(proxies={"https://s3.example": proxy})


def test_check_proxy_keeps_credentials_out_of_messages() -> None:
    assert check_proxy(None) is None and check_proxy("") is None
    assert check_proxy("http://proxy:3128") == "http://proxy:3128"
    assert check_proxy("socks5h://u:p@proxy:1080") == "socks5://u:p@proxy:1080"
    with pytest.raises(NetworkConfigError) as info:
        check_proxy("socks4://user:hunter2@proxy:1080")
    assert "hunter2" not in str(info.value)


def test_environment_proxy_failures_are_network_config_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # httpx reads ALL_PROXY itself; a kind it refuses must not escape as ValueError.
    monkeypatch.setenv("ALL_PROXY", "socks4://127.0.0.1:1080")
    with pytest.raises(NetworkConfigError):
        ConsoleClient(Credential.api_key("demo"), "https://api.test")

"""Console emulator: API fault injection, rate limiting, concurrency probes and hooks."""

from __future__ import annotations

import socket
import threading
import time
from urllib.parse import urlsplit

import httpx
import pytest

from tests.console_emulator import Emulator

H = {"Authorization": "ApiKey demo"}


def get_user(emu: Emulator, **kw: object) -> httpx.Response:
    return httpx.get(emu.url + "/user", headers=H, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", [500, 503])
def test_status_fault_json_body_and_count(emulator: Emulator, status: int) -> None:
    emulator.faults.add("status", "/user", count=2, status=status)
    for _ in range(2):
        r = get_user(emulator)
        assert r.status_code == status and isinstance(r.json(), dict)
    assert get_user(emulator).status_code == 200


def test_faults_via_http_hooks(emulator: Emulator) -> None:
    r = httpx.post(
        emulator.url + "/_emulator/faults",
        json={"kind": "rate_limit", "pattern": "/catalog/*", "count": 1, "retry_after": 3},
    )
    assert r.status_code == 200 and r.json()["ids"]
    r = httpx.post(emulator.url + "/catalog/search", json={"limit": 1}, headers=H)
    assert r.status_code == 429 and r.headers["retry-after"] == "3"
    assert r.json() == {"message": "Too Many Requests"}
    assert (
        httpx.post(emulator.url + "/catalog/search", json={"limit": 1}, headers=H).status_code
        == 200
    )
    httpx.post(
        emulator.url + "/_emulator/faults",
        json={"faults": [{"kind": "status", "pattern": "/user"}]},
    )
    assert get_user(emulator).status_code == 500
    httpx.delete(emulator.url + "/_emulator/faults")
    assert get_user(emulator).status_code == 200
    bad = httpx.post(emulator.url + "/_emulator/faults", json={"kind": "nonsense"})
    assert bad.status_code == 400


def test_malformed_json_and_delay(emulator: Emulator) -> None:
    emulator.faults.add("malformed_json", "/user", count=1)
    r = get_user(emulator)
    with pytest.raises(ValueError):
        r.json()
    emulator.faults.add("delay", "/user", count=1, seconds=1.0)
    with pytest.raises(httpx.ReadTimeout):
        get_user(emulator, timeout=httpx.Timeout(5, read=0.3))
    assert get_user(emulator).status_code == 200


def test_reset_on_api(emulator: Emulator) -> None:
    emulator.faults.add("reset", "/catalog/search", count=1, after_bytes=10)
    with pytest.raises(httpx.HTTPError):
        httpx.post(emulator.url + "/catalog/search", json={"limit": 50}, headers=H)


def test_method_filter(emulator: Emulator) -> None:
    emulator.faults.add("status", "/orders", method="POST", status=503)
    assert httpx.get(emulator.url + "/orders", headers=H).status_code == 200


def test_rate_limiter_per_credential(emulator: Emulator) -> None:
    httpx.post(emulator.url + "/_emulator/config", json={"rate_limit": 3})
    codes = [get_user(emulator).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and 429 in codes[3:]
    r = httpx.get(emulator.url + "/user", headers={"Authorization": "Bearer demo-token"})
    assert r.status_code == 200  # separate bucket
    time.sleep(1.05)
    assert get_user(emulator).status_code == 200


def test_max_concurrency_and_probe(emulator: Emulator) -> None:
    emulator.configure(max_concurrent_api=2)
    emulator.faults.add("delay", "/user", seconds=0.4)
    codes: list[int] = []
    lock = threading.Lock()

    def hit() -> None:
        code = get_user(emulator).status_code
        with lock:
            codes.append(code)

    threads = [threading.Thread(target=hit) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 429 in codes and 200 in codes
    stats = httpx.get(emulator.url + "/_emulator/stats").json()
    assert stats["peak_api_concurrency"] >= 3


def test_config_and_clock_hooks(emulator: Emulator) -> None:
    cfg = httpx.post(emulator.url + "/_emulator/config", json={"url_ttl": 5}).json()
    assert cfg["url_ttl"] == 5
    assert httpx.post(emulator.url + "/_emulator/config", json={"bogus": 1}).status_code == 400
    before = emulator.clock.time()
    after = httpx.post(emulator.url + "/_emulator/clock", json={"advance": 100}).json()["epoch"]
    assert after - before >= 100


def test_reset_restores_world(emulator: Emulator) -> None:
    n_orders = len(emulator.state.orders)
    emulator.state.orders["x"] = {}
    httpx.post(emulator.url + "/_emulator/reset")
    assert len(emulator.state.orders) == n_orders


# ---------------------------------------------------------------------------- asset-host faults


def _order_link(emu: Emulator, key: str = "HH") -> tuple[str, str, bytes]:
    """(order id, presigned href of ``key``, the asset's bytes) for one of the user's orders."""
    order_id = next(
        o["orderId"] for o in emu.state.orders.values() if o["userId"] == emu.state.user["id"]
    )
    items = httpx.get(f"{emu.url}/orders/{order_id}/download", headers=H).json()
    item = next(i for i in items if key in i["assets"])
    source = emu.store.path(emu.state.by_id[item["id"]].item, key)
    return order_id, item["assets"][key]["href"], source.read_bytes()


def _asset_path(href: str) -> str:
    return urlsplit(href).path


def test_silence_says_nothing_then_closes_and_clear_ends_it(emulator: Emulator) -> None:
    _, href, _ = _order_link(emulator)
    emulator.faults.add("silence", "/assets/*", count=1, seconds=60)
    parts = urlsplit(href)
    with socket.create_connection((parts.hostname or "", parts.port or 80), timeout=5) as sock:
        request = f"GET {parts.path}?{parts.query} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n"
        sock.sendall(request.encode())
        sock.settimeout(0.3)
        with pytest.raises(socket.timeout):
            sock.recv(1)  # accepted, read, and not a byte back
        emulator.faults.clear()  # ends the silence now, not in 60 s
        sock.settimeout(10)
        assert sock.recv(1) == b""  # closed without a status line
    assert emulator.requests("asset")[-1].status is None
    assert emulator.stats.bytes_served() == 0


def test_silence_is_a_protocol_error_for_httpx(emulator: Emulator) -> None:
    _, href, data = _order_link(emulator)
    emulator.faults.add("silence", "/assets/*", count=1, seconds=0.2)
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(href)
    assert httpx.get(href).content == data  # count=1: the next request is answered


def test_short_length_is_a_complete_looking_short_body(emulator: Emulator) -> None:
    _, href, data = _order_link(emulator)
    emulator.faults.add("short_length", "/assets/*", count=2, delta=1000)
    r = httpx.get(href)
    assert r.status_code == 200
    assert int(r.headers["content-length"]) == len(r.content) == len(data) - 1000
    assert r.content == data[:-1000] and r.headers["connection"] == "close"
    probe = httpx.get(href, headers={"Range": "bytes=0-0"})
    # The probe's Content-Range still tells the object's real size.
    assert probe.status_code == 206 and probe.content == b""
    assert probe.headers["content-range"] == f"bytes 0-0/{len(data)}"
    assert httpx.get(href).content == data


def test_redirect_without_location_loops(emulator: Emulator) -> None:
    _, href, data = _order_link(emulator)
    emulator.faults.add("redirect", "/assets/*")
    with pytest.raises(httpx.TooManyRedirects):
        httpx.get(href, follow_redirects=True)
    hops = emulator.requests("asset")
    assert len(hops) > 5 and {(h.path, h.status) for h in hops} == {(_asset_path(href), 302)}
    emulator.faults.clear()
    assert httpx.get(href, follow_redirects=True).content == data


def test_expired_links_on_an_asset_expire_mid_file(emulator: Emulator) -> None:
    emulator.configure(url_ttl=600)
    order_id, href, data = _order_link(emulator)
    emulator.faults.add("expired_links", "/assets/*", count=1, after_bytes=100_000)
    received = bytearray()
    with pytest.raises(httpx.TransportError), httpx.stream("GET", href) as r:
        assert r.status_code == 200 and int(r.headers["content-length"]) == len(data)
        for chunk in r.iter_raw():
            received += chunk
    assert bytes(received) == data[: len(received)] and len(received) <= 100_000
    resume = {"Range": f"bytes={len(received)}-"}
    stale = httpx.get(href, headers=resume)
    assert stale.status_code == 403 and b"Request has expired" in stale.content
    # The order outlives its links (the clock went just past the link's expiry): fresh ones.
    again = httpx.get(f"{emulator.url}/orders/{order_id}/download", headers=H)
    assert again.status_code == 200
    fresh = next(i for i in again.json() if "HH" in i["assets"])["assets"]["HH"]["href"]
    rest = httpx.get(fresh, headers=resume)
    assert rest.status_code == 206 and bytes(received) + rest.content == data


def test_expired_links_advance_param(emulator: Emulator) -> None:
    emulator.configure(url_ttl=600)
    _, href, _ = _order_link(emulator)
    before = emulator.clock.time()
    emulator.faults.add("expired_links", "/assets/*", count=1, after_bytes=0, advance=30)
    with pytest.raises(httpx.TransportError):
        httpx.get(href)
    assert 30 <= emulator.clock.time() - before < 40
    assert httpx.get(href).status_code == 200  # 30 s on, a 600 s link is still good


def test_bytes_served_per_asset_path(emulator: Emulator) -> None:
    _, href, data = _order_link(emulator)
    path = _asset_path(href)
    assert httpx.get(href).content == data
    assert httpx.get(href, headers={"Range": "bytes=10-19"}).content == data[10:20]
    emulator.faults.add("reset", "/assets/*", count=1, after_bytes=5000)
    with pytest.raises(httpx.TransportError):
        httpx.get(href)
    unsigned = href.split("?", 1)[0]
    assert httpx.get(unsigned).status_code == 403  # an error body is not asset bytes
    assert emulator.stats.bytes_served(path) == len(data) + 10 + 5000
    assert emulator.stats.bytes_served("*.json") == 0
    stats = httpx.get(emulator.url + "/_emulator/stats").json()
    assert stats["asset_bytes_served"] == {path: len(data) + 10 + 5000}
    httpx.delete(emulator.url + "/_emulator/stats")
    assert emulator.stats.bytes_served() == 0


def test_clear_wakes_a_stall(emulator: Emulator) -> None:
    _, href, data = _order_link(emulator)
    emulator.faults.add("stall", "/assets/*", count=1, seconds=60, after_bytes=1000)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(httpx.get(href, timeout=120).content))
    reader.start()
    reader.join(0.5)
    assert reader.is_alive()  # stalled after 1000 bytes
    emulator.faults.clear()
    reader.join(30)  # the stall ends with the rules, not after its 60 s
    assert not reader.is_alive() and got == [data]


def test_probes_false_spares_size_probes(emulator: Emulator) -> None:
    _, href, data = _order_link(emulator)
    emulator.faults.add("status", "/assets/*", count=1, status=503, probes=False)
    probe = httpx.get(href, headers={"Range": "bytes=0-0"})
    assert probe.status_code == 206  # passed untouched, and the count is still there
    assert httpx.get(href).status_code == 503
    assert httpx.get(href).content == data
    httpx.post(
        emulator.url + "/_emulator/faults",
        json={"kind": "status", "pattern": "/assets/*", "count": 1, "probes": False},
    )
    assert httpx.get(href, headers={"Range": "bytes=0-0"}).status_code == 206
    assert httpx.get(href, headers={"Range": "bytes=0-9"}).status_code == 500
    emulator.faults.add("status", "/assets/*", count=1, status=503)  # probes too, by default
    assert httpx.get(href, headers={"Range": "bytes=0-0"}).status_code == 503

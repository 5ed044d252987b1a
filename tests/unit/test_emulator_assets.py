"""Console emulator: presigned asset host (GET, HEAD refused, Range/416, expiry, tamper), faults."""

from __future__ import annotations

import socket
import threading
import time
from urllib.parse import urlsplit

import httpx
import pytest

from tests.console_emulator import Emulator

H = {"Authorization": "ApiKey demo"}


def asset_href(emu: Emulator, key: str = "HH", ttl: float | None = None) -> str:
    c = httpx.Client(base_url=emu.url, headers=H, timeout=30)
    order_id = next(
        o["orderId"] for o in emu.state.orders.values() if o["userId"] == emu.state.user["id"]
    )
    if ttl is not None:
        emu.configure(url_ttl=ttl)
    items = c.get(f"/orders/{order_id}/download").json()
    item = next(i for i in items if key in i["assets"])
    return item["assets"][key]["href"]


def test_get_and_headers(emulator: Emulator) -> None:
    href = asset_href(emulator)
    assert urlsplit(href).hostname == "localhost"
    r = httpx.get(href)
    assert r.status_code == 200
    assert r.headers["accept-ranges"] == "bytes"
    assert int(r.headers["content-length"]) == len(r.content) > 0
    rec = [x for x in emulator.requests() if x.kind == "asset"]
    assert rec and not any(x.authorization for x in rec)
    assert rec[0].host == "localhost"


def test_head_on_a_get_signed_link_is_refused_as_s3_does(emulator: Emulator) -> None:
    # S3 signs the method: a link presigned for GET answers HEAD with 403 (and no body).
    href = asset_href(emulator)
    h = httpx.head(href)
    assert h.status_code == 403 and h.content == b""
    assert httpx.get(href).status_code == 200  # the same link still serves its GET


def test_ranges(emulator: Emulator) -> None:
    href = asset_href(emulator)
    full = httpx.get(href).content
    size = len(full)
    r = httpx.get(href, headers={"Range": "bytes=100-"})
    assert r.status_code == 206
    assert r.headers["content-range"] == f"bytes 100-{size - 1}/{size}"
    assert int(r.headers["content-length"]) == size - 100 and r.content == full[100:]
    r = httpx.get(href, headers={"Range": "bytes=10-19"})
    assert r.status_code == 206 and r.content == full[10:20]
    assert r.headers["content-range"] == f"bytes 10-19/{size}"
    r = httpx.get(href, headers={"Range": f"bytes={size}-"})
    assert r.status_code == 416 and r.headers["content-range"] == f"bytes */{size}"


def test_expired_tampered_unknown(emulator: Emulator) -> None:
    href = asset_href(emulator, ttl=30)
    emulator.clock.advance(31)
    r = httpx.get(href)
    assert r.status_code == 403
    assert "<Code>AccessDenied</Code>" in r.text and "Request has expired" in r.text
    emulator.clock.reset()
    href = asset_href(emulator)
    tampered = href.replace("Signature=", "Signature=ab")
    r = httpx.get(tampered)
    assert r.status_code == 403 and "SignatureDoesNotMatch" in r.text
    assert httpx.get(href.split("?")[0]).status_code == 403
    base = emulator.asset_base
    unknown = emulator.presigner.sign(
        base, "/assets/capella-archive/2020/1/1/CAPELLA_X/none.tif", 60
    )
    r = httpx.get(unknown)
    assert r.status_code == 404 and "NoSuchKey" in r.text


def test_expired_links_fault(emulator: Emulator) -> None:
    emulator.faults.add("expired_links", "/orders/*/download", count=1)
    href = asset_href(emulator)
    assert httpx.get(href).status_code == 403
    assert httpx.get(asset_href(emulator)).status_code == 200


def test_probe_disconnect_tolerated(emulator: Emulator) -> None:
    href = asset_href(emulator)
    u = urlsplit(href)
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", u.port)) as s:
            s.sendall(f"GET {u.path}?{u.query} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
            assert s.recv(64).startswith(b"HTTP/1.1 200")
    assert httpx.get(href).status_code == 200


def test_fault_status_then_ok(emulator: Emulator) -> None:
    href = asset_href(emulator)
    emulator.faults.add("status", "/assets/*", count=2, status=503)
    assert httpx.get(href).status_code == 503
    assert httpx.get(href).status_code == 503
    assert httpx.get(href).status_code == 200


def test_fault_429_and_redirect(emulator: Emulator) -> None:
    href = asset_href(emulator)
    emulator.faults.add("rate_limit", "/assets/*", count=1, retry_after=2)
    r = httpx.get(href)
    assert r.status_code == 429 and r.headers["retry-after"] == "2"
    emulator.faults.add(
        "redirect", "/assets/*", count=1, status=307, location="http://example.invalid/"
    )
    r = httpx.get(href)
    assert r.status_code == 307 and r.headers["location"] == "http://example.invalid/"


def test_fault_ignore_range(emulator: Emulator) -> None:
    href = asset_href(emulator)
    emulator.faults.add("ignore_range", "/assets/*")
    r = httpx.get(href, headers={"Range": "bytes=10-"})
    assert r.status_code == 200 and "content-range" not in r.headers


def test_fault_chunked(emulator: Emulator) -> None:
    href = asset_href(emulator)
    size = len(httpx.get(href).content)
    emulator.faults.add("chunked", "/assets/*", count=1)
    r = httpx.get(href)
    assert r.status_code == 200 and "content-length" not in r.headers
    assert r.headers["transfer-encoding"] == "chunked" and len(r.content) == size


def test_fault_reset_after_bytes(emulator: Emulator) -> None:
    href = asset_href(emulator)
    emulator.faults.add("reset", "/assets/*", count=1, after_bytes=1000)
    received = bytearray()
    with pytest.raises(httpx.HTTPError), httpx.stream("GET", href) as r:
        for chunk in r.iter_raw():
            received += chunk
    assert len(received) <= 1000
    assert httpx.get(href).status_code == 200


def test_fault_wrong_length(emulator: Emulator) -> None:
    href = asset_href(emulator)
    emulator.faults.add("wrong_length", "/assets/*", count=1, delta=500)
    with pytest.raises(httpx.HTTPError):
        httpx.get(href)


def test_fault_bandwidth_and_stall(emulator: Emulator) -> None:
    href = asset_href(emulator, key="thumbnail")
    size = len(httpx.get(href).content)
    emulator.faults.add("bandwidth", "/assets/*", count=1, bytes_per_sec=size * 4)
    t = time.perf_counter()
    assert len(httpx.get(href).content) == size
    assert time.perf_counter() - t >= 0.2
    emulator.faults.add("stall", "/assets/*", count=1, seconds=2)
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(href, timeout=httpx.Timeout(5, read=0.5))


def test_asset_concurrency_probe(emulator: Emulator) -> None:
    href = asset_href(emulator, key="thumbnail")
    emulator.stats.reset()
    emulator.faults.add("delay", "/assets/*", seconds=0.3)
    threads = [threading.Thread(target=httpx.get, args=(href,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats = httpx.get(emulator.url + "/_emulator/stats").json()
    assert stats["peak_asset_concurrency"] == 4
    assert stats["asset_requests_with_authorization"] == 0

"""Console emulator: API fault injection, rate limiting, concurrency probes and hooks."""

from __future__ import annotations

import threading
import time

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

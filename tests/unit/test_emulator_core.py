"""Console emulator: auth, identity endpoints, routing, error shapes, request log and CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.console_emulator import Emulator

ROOT = Path(__file__).resolve().parents[2]


def api(emu: Emulator, auth: str | None = "ApiKey demo") -> httpx.Client:
    headers = {"Authorization": auth} if auth else {}
    return httpx.Client(base_url=emu.url, headers=headers, timeout=30)


@pytest.mark.parametrize(
    "auth", ["ApiKey demo", "apikey demo", "Bearer demo-token", "BEARER demo-token"]
)
def test_valid_credentials(emulator: Emulator, auth: str) -> None:
    r = api(emulator, auth).get("/user")
    assert r.status_code == 200
    assert set(r.json()) >= {"id", "organizationId", "email", "roles"}


@pytest.mark.parametrize("auth", [None, "ApiKey nope", "Bearer nope", "demo", "Basic demo"])
def test_invalid_credentials(emulator: Emulator, auth: str | None) -> None:
    r = api(emulator, auth).get("/user")
    assert r.status_code == 401
    assert r.json() == {"message": "Unauthorized"}


def test_token_expiry(emulator: Emulator) -> None:
    emulator.configure(token_ttl=60)
    c = api(emulator, "Bearer demo-token")
    assert c.get("/user").status_code == 200
    emulator.clock.advance(61)
    assert c.get("/user").status_code == 401
    assert api(emulator).get("/user").status_code == 200  # API keys unaffected


def test_organization(emulator: Emulator) -> None:
    org = api(emulator).get("/organization").json()
    assert org["id"] == emulator.state.org_id
    assert len(org["contracts"]) >= 2


def test_unknown_route_and_method(emulator: Emulator) -> None:
    c = api(emulator)
    r = c.get("/nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND"
    assert c.delete("/user").status_code == 405


def test_duplicate_slashes(emulator: Emulator) -> None:
    r = httpx.get(emulator.url + "//user", headers={"Authorization": "ApiKey demo"})
    assert r.status_code == 200
    r = httpx.post(
        emulator.url + "//catalog//search",
        json={"limit": 1},
        headers={"Authorization": "ApiKey demo"},
    )
    assert r.status_code == 200 and r.json()["numberReturned"] == 1


@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        (
            "error-object",
            {
                "error": {
                    "message": "Order 00000000-0000-4000-8000-000000000000 not found",
                    "code": "NOT_FOUND",
                }
            },
        ),
        ("error-string", {"error": "Order 00000000-0000-4000-8000-000000000000 not found"}),
        ("message", {"message": "Order 00000000-0000-4000-8000-000000000000 not found"}),
    ],
)
def test_error_shapes(emulator: Emulator, shape: str, expected: dict) -> None:
    httpx.post(emulator.url + "/_emulator/config", json={"error_shape": shape})
    r = api(emulator).get("/orders/00000000-0000-4000-8000-000000000000")
    assert r.status_code == 404
    assert r.json() == expected


def test_request_log(emulator: Emulator) -> None:
    c = api(emulator)
    c.post("/catalog/search", json={"limit": 2}, headers={"User-Agent": "ua-test"})
    recs = emulator.requests()
    assert len(recs) == 1
    rec = recs[0]
    assert rec.method == "POST" and rec.path == "/catalog/search"
    assert rec.json == {"limit": 2}
    assert rec.headers["user-agent"] == "ua-test"
    assert rec.headers["Authorization"] == "ApiKey demo"
    assert rec.host == "127.0.0.1" and rec.kind == "api" and rec.status == 200
    hooked = httpx.get(emulator.url + "/_emulator/requests").json()
    assert hooked[0]["json"] == {"limit": 2}
    httpx.delete(emulator.url + "/_emulator/requests")
    assert emulator.requests() == []


def test_hooks_need_no_auth_and_are_not_logged(emulator: Emulator) -> None:
    assert httpx.get(emulator.url + "/_emulator/stats").status_code == 200
    assert httpx.get(emulator.url + "/_emulator/state").json()["items"] == 5000
    assert emulator.requests() == []


def test_determinism() -> None:
    a = Emulator(items=300, seed=3)
    b = Emulator(items=300, seed=3)
    assert [e.id for e in a.state.entries] == [e.id for e in b.state.entries]
    assert a.state.user == b.state.user
    assert list(a.state.tasks) == list(b.state.tasks)


def test_context_manager() -> None:
    with Emulator(items=50, seed=1) as emu:
        assert (
            httpx.get(emu.url + "/user", headers={"Authorization": "ApiKey demo"}).status_code
            == 200
        )
        assert emu.asset_base.startswith("http://localhost:")


def test_cli_prints_listening_line() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.console_emulator", "--port", "0", "--items", "100"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().strip()  # type: ignore[union-attr]
        assert line.startswith("Console emulator listening on http://127.0.0.1:")
        url = line.rsplit(" ", 1)[1]
        r = httpx.get(url + "/user", headers={"Authorization": "ApiKey demo"})
        assert r.status_code == 200
    finally:
        proc.terminate()
        proc.wait(10)

"""Console emulator: order review/submit/list/get/download and their errors."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.console_emulator import Emulator

H = {"Authorization": "ApiKey demo"}


def client(emu: Emulator) -> httpx.Client:
    return httpx.Client(base_url=emu.url, headers=H, timeout=30)


def some_items(emu: Emulator, n: int = 2, **query: Any) -> list[dict[str, str]]:
    body = {"limit": n, "ownership": "availableForPurchase"}
    feats = client(emu).post("/catalog/search", json=body).json()["features"]
    return [{"collectionId": f["collection"], "granuleId": f["id"]} for f in feats]


def test_review_prices_and_submit(emulator: Emulator) -> None:
    c = client(emulator)
    items = some_items(emulator)
    rev = c.post("/orders/review", json={"items": items, "contractId": "contract-123"}).json()
    assert rev["authorized"] is True
    assert re.fullmatch(r"\$[\d,]+\.\d\d", rev["orderDetails"]["summary"]["total"])
    assert [li["granuleId"] for li in rev["orderDetails"]["lineItems"]] == [
        i["granuleId"] for i in items
    ]
    order = c.post("/orders", json={"items": items}).json()
    assert order["orderStatus"] == "completed"
    assert order["expirationDate"].endswith("Z")
    listed = c.get("/orders", params={"customerId": ""}).json()
    assert order["orderId"] in [o["orderId"] for o in listed]
    assert c.get("/orders").json() == listed
    assert (
        c.get(f"/orders/{order['orderId']}").json()["items"][0]["granuleId"]
        == items[0]["granuleId"]
    )


def test_order_validation_errors(emulator: Emulator) -> None:
    c = client(emulator)
    bad = c.post(
        "/orders/review", json={"items": [{"collectionId": "capella-archive", "granuleId": "nope"}]}
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "ORDER_VALIDATION_ERROR"
    assert c.post("/orders", json={"items": []}).json()["error"]["code"] == "ORDER_VALIDATION_ERROR"
    r = c.post("/orders", json={"items": some_items(emulator, 1), "contractId": "contract-999"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "CONTRACT_NOT_FOUND"


def test_insufficient_funds_and_rejection(emulator: Emulator) -> None:
    c = client(emulator)
    items = some_items(emulator, 1)
    httpx.post(
        emulator.url + "/_emulator/config", json={"insufficient_funds": True, "reject_orders": True}
    )
    rev = c.post("/orders/review", json={"items": items})
    assert rev.status_code == 200
    assert rev.json()["authorized"] is False
    assert rev.json()["authorizationDenialReason"]["code"] == "AUTHORIZATION_INSUFFICIENT_FUNDS"
    sub = c.post("/orders", json={"items": items}).json()
    assert sub["orderStatus"] == "rejected" and "orderId" in sub


def test_get_order_errors(emulator: Emulator) -> None:
    c = client(emulator)
    r = c.get("/orders/11111111-1111-4111-8111-111111111111")
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND"
    foreign = next(
        o for o in emulator.state.orders.values() if o["userId"] != emulator.state.user["id"]
    )
    for path in (f"/orders/{foreign['orderId']}", f"/orders/{foreign['orderId']}/download"):
        r = c.get(path)
        assert r.status_code == 403 and r.json()["error"]["code"] == "NOT_AUTHORIZED"


def test_seeded_orders_active_and_expired(emulator: Emulator) -> None:
    listed = client(emulator).get("/orders").json()
    now = emulator.clock.now().isoformat()
    exp = [o["expirationDate"] for o in listed]
    assert any(e > now[:19] for e in exp) and any(e < now[:19] for e in exp)


def test_download_presigned_items(emulator: Emulator) -> None:
    c = client(emulator)
    order = c.post("/orders", json={"items": some_items(emulator, 3)}).json()
    first = c.get(f"/orders/{order['orderId']}/download").json()
    second = c.get(f"/orders/{order['orderId']}/download").json()
    assert len(first) == 3
    for item in first:
        assert item["properties"]["sar:product_type"]
        assert "license" in item["assets"]
        assert any(k in item["assets"] for k in ("HH", "VV", "analytic_product", "changemap"))
        for key, asset in item["assets"].items():
            assert asset["href"].startswith(emulator.asset_base + "/assets/")
            assert "Signature=" in asset["href"] and "Expires=" in asset["href"]
            if key != "license":
                assert item["id"] in asset["href"].split("?")[0].rsplit("/", 1)[1]
            assert asset["title"] and asset["type"]
    # fresh signatures each call (clock moved on)
    emulator.clock.advance(5)
    third = c.get(f"/orders/{order['orderId']}/download").json()
    assert first[0]["assets"]["thumbnail"]["href"] != third[0]["assets"]["thumbnail"]["href"]
    assert second[0]["id"] == first[0]["id"]


@pytest.mark.parametrize("via_hook", [False, True])
def test_order_expiry(emulator: Emulator, via_hook: bool) -> None:
    c = client(emulator)
    order = c.post("/orders", json={"items": some_items(emulator, 1)}).json()
    if via_hook:
        httpx.post(emulator.url + "/_emulator/clock", json={"advance": 3601})
    else:
        emulator.clock.advance(3601)
    r = c.get(f"/orders/{order['orderId']}/download")
    assert r.status_code in (400, 410)
    err = r.json()["error"]
    assert "order expired" in err["message"] and err["code"] == "ORDER_EXPIRED"
    assert order["orderId"] in [o["orderId"] for o in c.get("/orders").json()]


def test_configurable_order_ttl(emulator: Emulator) -> None:
    emulator.configure(order_ttl=10)
    c = client(emulator)
    order = c.post("/orders", json={"items": some_items(emulator, 1)}).json()
    emulator.clock.advance(11)
    assert c.get(f"/orders/{order['orderId']}/download").status_code in (400, 410)

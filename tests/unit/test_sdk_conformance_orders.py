"""SDK conformance: review, submit, list and presign orders with capella-console-client."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

import pytest
from capella_console_client import CapellaConsoleClient
from capella_console_client.exceptions import (
    ContractNotFoundError,
    InsufficientFundsError,
    OrderExpiredError,
    OrderRejectedError,
)
from capella_console_client.search import StacSearchResult

from tests.console_emulator import Emulator
from tests.console_emulator.recording import RecordedRequest


@pytest.fixture
def client(emulator: Emulator) -> CapellaConsoleClient:
    sdk = CapellaConsoleClient(api_key="demo", base_url=emulator.url)
    emulator.clear_requests()
    return sdk


def _calls(emulator: Emulator, method: str, path: str) -> list[RecordedRequest]:
    return [r for r in emulator.requests("api") if r.method == method and r.path == path]


def _purchasable(client: CapellaConsoleClient, n: int = 2) -> StacSearchResult:
    return client.search(
        ownership="availableForPurchase", product_type="GEO", sortby="+id", limit=n
    )


def _own_orders(emulator: Emulator) -> dict[str, dict]:
    uid = emulator.state.user["id"]
    return {k: v for k, v in emulator.state.orders.items() if v["userId"] == uid}


def _is_active(order: dict) -> bool:
    exp = datetime.fromisoformat(order["expirationDate"].replace("Z", "+00:00"))
    return exp >= datetime.now(timezone.utc)


# --------------------------------------------------------------------------- review / submit


def test_review_order_authorized(client: CapellaConsoleClient, emulator: Emulator) -> None:
    items = _purchasable(client)
    emulator.clear_requests()
    review = client.review_order(stac_ids=items.stac_ids)
    assert review["authorized"] is True
    assert {li["granuleId"] for li in review["orderDetails"]["lineItems"]} == set(items.stac_ids)
    assert review["orderDetails"]["summary"]["total"].startswith("$")
    # the SDK searches the ids first (to learn collections), then reviews
    search = _calls(emulator, "POST", "/catalog/search")
    assert search[0].json["ids"] == items.stac_ids
    body = _calls(emulator, "POST", "/orders/review")[0].json
    assert set(body) == {"items"}
    assert sorted(body["items"], key=lambda i: i["granuleId"]) == [
        {"collectionId": f["collection"], "granuleId": f["id"]} for f in items
    ]
    assert not _calls(emulator, "POST", "/orders")


def test_submit_order_and_check_active_orders_reuses(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    stac_ids = _purchasable(client).stac_ids
    emulator.clear_requests()
    order_id = client.submit_order(stac_ids=stac_ids)
    order = emulator.state.orders[order_id]
    assert order["userId"] == emulator.state.user["id"]
    assert sorted(i["granuleId"] for i in order["items"]) == stac_ids
    assert len(_calls(emulator, "POST", "/orders/review")) == 1
    submitted = _calls(emulator, "POST", "/orders")
    assert len(submitted) == 1
    assert "contractId" not in submitted[0].json

    again = client.submit_order(stac_ids=stac_ids[:1], check_active_orders=True)
    assert again == order_id
    assert len(_calls(emulator, "POST", "/orders")) == 1
    assert len(_calls(emulator, "POST", "/orders/review")) == 1
    lookups = _calls(emulator, "GET", "/orders")
    assert lookups[-1].query["customerId"] == emulator.state.user["id"]

    fresh = client.submit_order(stac_ids=stac_ids, check_active_orders=False)
    assert fresh != order_id
    assert len(_calls(emulator, "POST", "/orders")) == 2


def test_submit_order_with_items_omit_search(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    items = _purchasable(client, 3)
    emulator.clear_requests()
    order_id = client.submit_order(items=items, omit_search=True, omit_review=True)
    assert not _calls(emulator, "POST", "/catalog/search")
    assert not _calls(emulator, "POST", "/orders/review")
    assert {i["granuleId"] for i in emulator.state.orders[order_id]["items"]} == set(items.stac_ids)


def test_insufficient_funds(client: CapellaConsoleClient, emulator: Emulator) -> None:
    stac_ids = _purchasable(client).stac_ids
    emulator.configure(insufficient_funds=True)
    emulator.clear_requests()
    with pytest.raises(InsufficientFundsError) as exc_info:
        client.submit_order(stac_ids=stac_ids)
    assert "exceed your active contract period's value commitment" in str(exc_info.value.message)
    with pytest.raises(InsufficientFundsError):
        client.review_order(stac_ids=stac_ids)
    assert not _calls(emulator, "POST", "/orders")
    assert len(_own_orders(emulator)) == 3


def test_rejected_order(client: CapellaConsoleClient, emulator: Emulator) -> None:
    stac_ids = _purchasable(client).stac_ids
    emulator.configure(reject_orders=True)
    before = set(emulator.state.orders)
    with pytest.raises(OrderRejectedError) as exc_info:
        client.submit_order(stac_ids=stac_ids)
    assert stac_ids[0] in str(exc_info.value.message)
    assert len(_calls(emulator, "POST", "/orders")) == 1
    assert set(emulator.state.orders) == before


def test_contract_id_is_sent(client: CapellaConsoleClient, emulator: Emulator) -> None:
    stac_ids = _purchasable(client).stac_ids
    emulator.clear_requests()
    review = client.review_order(stac_ids=stac_ids, contract_id="contract-456")
    assert review["authorized"] is True
    order_id = client.submit_order(stac_ids=stac_ids, contract_id="contract-456")
    assert order_id in emulator.state.orders
    reviewed = _calls(emulator, "POST", "/orders/review")
    assert [r.json["contractId"] for r in reviewed] == ["contract-456", "contract-456"]
    assert _calls(emulator, "POST", "/orders")[0].json["contractId"] == "contract-456"


def test_unknown_contract(client: CapellaConsoleClient, emulator: Emulator) -> None:
    stac_ids = _purchasable(client).stac_ids
    with pytest.raises(ContractNotFoundError):
        client.submit_order(stac_ids=stac_ids, contract_id="no-such-contract")
    with pytest.raises(ContractNotFoundError):
        client.review_order(stac_ids=stac_ids, contract_id="no-such-contract")
    assert not _calls(emulator, "POST", "/orders")


# --------------------------------------------------------------------------- listing


def test_list_orders(client: CapellaConsoleClient, emulator: Emulator) -> None:
    own = _own_orders(emulator)
    assert len(own) == 3
    listed = client.list_orders()
    assert {o["orderId"] for o in listed} == set(own)
    assert _calls(emulator, "GET", "/orders")[0].query == {"customerId": emulator.state.user["id"]}

    active_expected = {k for k, v in own.items() if _is_active(v)}
    assert 0 < len(active_expected) < len(own)
    active = client.list_orders(is_active=True)
    assert {o["orderId"] for o in active} == active_expected

    new_id = client.submit_order(items=_purchasable(client), omit_search=True)
    active = client.list_orders(is_active=True)
    assert new_id in {o["orderId"] for o in active}
    assert len(active) == len(active_expected) + 1
    only_new = client.list_orders(new_id, is_active=True)
    assert [o["orderId"] for o in only_new] == [new_id]


def test_list_specific_orders(client: CapellaConsoleClient, emulator: Emulator) -> None:
    ids = sorted(_own_orders(emulator))[:2]
    emulator.clear_requests()
    listed = client.list_orders(*ids)
    assert [o["orderId"] for o in listed] == ids
    assert [r.path for r in emulator.requests("api")] == [f"/orders/{i}" for i in ids]
    stac_ids = client.get_stac_items_of_order(ids[0], ids_only=True)
    assert stac_ids == [i["granuleId"] for i in emulator.state.orders[ids[0]]["items"]]


# --------------------------------------------------------------------------- presign


def test_presigned_items_and_assets(client: CapellaConsoleClient, emulator: Emulator) -> None:
    items = _purchasable(client, 3)
    order_id = client.submit_order(items=items, omit_search=True)
    presigned = client.get_presigned_items(order_id)
    assert [p["id"] for p in presigned] == [
        i["granuleId"] for i in emulator.state.orders[order_id]["items"]
    ]
    asset_host = urlparse(emulator.asset_base).netloc
    for item in presigned:
        assert item["properties"]["sar:product_type"] == "GEO"
        assert "license" in item["assets"]
        for key, asset in item["assets"].items():
            url = urlparse(asset["href"])
            assert url.netloc == asset_host
            assert "Signature=" in url.query and "Expires=" in url.query
            assert asset["title"] and asset["type"]
            if key != "license":
                assert item["id"] in Path(url.path).name

    assets = client.get_presigned_assets(order_id)
    assert [set(a) for a in assets] == [set(p["assets"]) for p in presigned]

    wanted = [items.stac_ids[2], items.stac_ids[0]]
    filtered = client.get_presigned_items(order_id, stac_ids=wanted)
    assert {p["id"] for p in filtered} == set(wanted)
    assert len(client.get_presigned_assets(order_id, stac_ids=wanted[:1])) == 1

    # sort_by: the SDK de-duplicates the ids through a set (order lost), so only check membership
    resorted = client.get_presigned_items(order_id, sort_by=list(reversed(items.stac_ids)))
    assert sorted(p["id"] for p in resorted) == sorted(items.stac_ids)


def test_asset_requests_carry_no_authorization(
    client: CapellaConsoleClient, emulator: Emulator, tmp_path: Path
) -> None:
    order_id = client.submit_order(items=_purchasable(client, 1), omit_search=True)
    href = client.get_presigned_assets(order_id)[0]["thumbnail"]["href"]
    size = client.get_asset_bytesize(href)
    path = client.download_asset(href, local_path=tmp_path / "thumb.png")
    assert Path(path).stat().st_size == size > 0
    asset_reqs = emulator.requests("asset")
    assert len(asset_reqs) >= 2
    assert not any(r.authorization for r in asset_reqs)
    assert emulator.stats.snapshot()["asset_requests_with_authorization"] == 0
    assert all(r.headers["Authorization"].startswith("ApiKey") for r in emulator.requests("api"))


def test_expired_order_presign_raises(client: CapellaConsoleClient, emulator: Emulator) -> None:
    order_id = client.submit_order(items=_purchasable(client, 1), omit_search=True)
    assert client.get_presigned_items(order_id)
    emulator.clock.advance(2 * 3600)
    with pytest.raises(OrderExpiredError):
        client.get_presigned_items(order_id)

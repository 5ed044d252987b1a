"""Orders flow: listing/active filter, review, submit (reuse, funds, rejection), presigned."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from capella_qgis.core.exceptions import (
    InputError,
    InsufficientFundsError,
    NoValidStacIdsError,
    OrderExpiredError,
    OrderRejectedError,
)
from capella_qgis.core.models.stac import StacItem
from tests.unit.core_support import (
    DENIAL,
    ORDER_FIXTURE,
    ORDER_ID,
    PRESIGNED_FIXTURE,
    REVIEW_DENIED,
    REVIEW_OK,
    USER,
    USER_ID,
    make_client,
    stac_item,
)

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)


def _order(order_id, expires, status="completed", ids=("A",)):
    o = copy.deepcopy(ORDER_FIXTURE)
    o["orderId"] = order_id
    o["expirationDate"] = expires
    o["orderStatus"] = status
    o["items"] = [{"granuleId": i, "collectionId": "c"} for i in ids]
    return o


ORDERS = [
    _order("11111111-1111-4111-8111-111111111111", "2026-01-01T13:00:00.000Z", ids=("A", "B")),
    _order("22222222-2222-4222-8222-222222222222", "2025-12-31T13:00:00.000Z", ids=("A", "B")),
    _order("33333333-3333-4333-8333-333333333333", "2026-01-01T15:00:00.000Z", ids=("A", "B", "C")),
    _order("44444444-4444-4444-8444-444444444444", "2026-01-02T00:00:00.000Z", "rejected"),
    # Naive timestamp: must not crash the aware compare.
    _order("55555555-5555-4555-8555-555555555555", "2026-01-01T14:00:00", ids=("D",)),
]


class FakeOrders:
    def __init__(self, review=REVIEW_OK, submit_status="completed", known=None):
        self.review = review
        self.submit_status = submit_status
        self.known = known if known is not None else [stac_item(1), stac_item(2, "capella-geo")]

    def __call__(self, request):
        path = request.url.path
        body = json.loads(request.content) if request.content else None
        if path == "/user":
            return httpx.Response(200, json=USER)
        if path == "/orders" and request.method == "GET":
            assert request.url.params["customerId"] == USER_ID
            return httpx.Response(200, json=ORDERS)
        if path == "/catalog/search":
            feats = [i for i in self.known if i["id"] in body.get("ids", [])]
            return httpx.Response(200, json={"numberMatched": len(feats), "features": feats})
        if path == "/orders/review":
            return httpx.Response(200, json=self.review)
        if path == "/orders" and request.method == "POST":
            out = {"orderId": ORDER_ID, "orderStatus": self.submit_status}
            if self.submit_status != "rejected":
                out["items"] = [
                    {"granuleId": i["granuleId"], "collectionId": i["collectionId"]}
                    for i in body["items"]
                ]
            return httpx.Response(200, json=out)
        if path == f"/orders/{ORDER_ID}":
            return httpx.Response(200, json=ORDER_FIXTURE)
        if path == f"/orders/{ORDER_ID}/download":
            return httpx.Response(200, json=PRESIGNED_FIXTURE)
        return httpx.Response(404, json={"error": {"message": "nf", "code": "NOT_FOUND"}})


def test_list_orders_all_and_active():
    client, _ = make_client(FakeOrders())
    assert len(client.orders.list_orders()) == 5
    active = client.orders.list_orders(active_only=True, now=NOW)
    assert [o.order_id[:1] for o in active] == ["3", "5", "1"]


def test_find_active_order_covering():
    client, _ = make_client(FakeOrders())
    assert client.orders.find_active_order_covering(["A", "B"], now=NOW).order_id.startswith("3")
    assert client.orders.find_active_order_covering(["D"], now=NOW).order_id.startswith("5")
    assert client.orders.find_active_order_covering(["Z"], now=NOW) is None


def test_submit_with_ids_searches_reviews_and_posts_grouped_body():
    fake = FakeOrders()
    client, rec = make_client(fake)
    ids = [stac_item(1)["id"], stac_item(2)["id"]]
    order = client.orders.submit_order(stac_ids=ids, contract_id="contract-123")
    assert order.order_id == ORDER_ID
    paths = [(r.method, r.url.path) for r in rec.requests]
    assert paths == [
        ("POST", "/catalog/search"),
        ("POST", "/orders/review"),
        ("POST", "/orders"),
    ]
    expected = {
        "items": [
            {"collectionId": "capella-open-data", "granuleId": ids[0]},
            {"collectionId": "capella-geo", "granuleId": ids[1]},
        ],
        "contractId": "contract-123",
    }
    assert rec.bodies("/orders/review") == [expected]
    assert json.loads(rec.requests[-1].content) == expected


def test_submit_with_items_skips_search_and_omits_contract():
    client, rec = make_client(FakeOrders())
    items = [StacItem.model_validate(stac_item(1))]
    client.orders.submit_order(items=items, review=False)
    assert [r.url.path for r in rec.requests] == ["/orders"]
    assert "contractId" not in json.loads(rec.requests[0].content)


def test_reuse_active_returns_existing_without_post(monkeypatch):
    client, rec = make_client(FakeOrders())
    monkeypatch.setattr(
        client.orders,
        "find_active_order_covering",
        lambda ids: client.orders.list_orders(active_only=True, now=NOW)[0],
    )
    order = client.orders.submit_order(stac_ids=["A", "B"], reuse_active=True)
    assert order.order_id.startswith("3")
    assert all(r.method == "GET" for r in rec.requests)


def test_insufficient_funds_word_for_word():
    client, rec = make_client(FakeOrders(review=REVIEW_DENIED))
    with pytest.raises(InsufficientFundsError) as info:
        client.orders.submit_order(stac_ids=[stac_item(1)["id"]])
    assert str(info.value) == DENIAL
    assert info.value.code == "AUTHORIZATION_INSUFFICIENT_FUNDS"
    assert ("POST", "/orders") not in [(r.method, r.url.path) for r in rec.requests]


def test_review_missing_authorized_is_denied():
    client, _ = make_client(FakeOrders(review={}))
    with pytest.raises(InsufficientFundsError):
        client.orders.review_order(stac_ids=[stac_item(1)["id"]])
    review = client.orders.review_order(stac_ids=[stac_item(1)["id"]], raise_if_denied=False)
    assert review.authorized is False


def test_review_summary_and_line_items():
    client, _ = make_client(FakeOrders())
    review = client.orders.review_order(stac_ids=[stac_item(1)["id"]])
    assert review.total == "$0.00"
    assert review.line_items[0].price == "$0.00"


def test_rejected_order():
    client, _ = make_client(FakeOrders(submit_status="rejected"))
    with pytest.raises(OrderRejectedError) as info:
        client.orders.submit_order(stac_ids=[stac_item(1)["id"]])
    assert ORDER_ID in str(info.value)


def test_no_valid_stac_ids():
    client, rec = make_client(FakeOrders(known=[]))
    with pytest.raises(NoValidStacIdsError):
        client.orders.submit_order(stac_ids=["CAPELLA_C02_SP_GEO_HH_20200101000000_20200101000001"])
    assert [r.url.path for r in rec.requests] == ["/catalog/search"]


def test_nothing_to_order():
    client, rec = make_client(FakeOrders())
    with pytest.raises(InputError):
        client.orders.submit_order()
    assert rec.requests == []


def test_get_order_and_presigned_filter():
    client, _ = make_client(FakeOrders())
    assert client.orders.get_order(ORDER_ID).stac_ids == [ORDER_FIXTURE["items"][0]["granuleId"]]
    items = client.orders.get_presigned_items(ORDER_ID)
    assert items[0].main_asset_key() == "HH"
    assert "Signature=" in items[0].assets["HH"].href
    assert client.orders.get_presigned_items(ORDER_ID, stac_ids=["other"]) == []
    with pytest.raises(InputError):
        client.orders.get_order("not-a-uuid")


def test_expired_order_download():
    client, _ = make_client(lambda r: httpx.Response(410, json={"error": "order expired"}))
    with pytest.raises(OrderExpiredError):
        client.orders.get_presigned_items(ORDER_ID)


def test_order_is_active_rules():
    from capella_qgis.core.models.orders import Order

    later = (NOW + timedelta(hours=1)).isoformat()
    assert Order.model_validate(_order(ORDER_ID, later)).is_active(NOW)
    assert not Order.model_validate(_order(ORDER_ID, later, "rejected")).is_active(NOW)
    earlier = (NOW - timedelta(seconds=1)).isoformat()
    assert not Order.model_validate(_order(ORDER_ID, earlier)).is_active(NOW)

"""List answers keep their good records: one bad record is reported, not fatal (issue #13).

Except where a record we cannot read could change what we spend: finding an active order to
reuse reads the orders strictly.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.download.sources import TaskingRequestSource, resolve
from capella_qgis.core.exceptions import MalformedResponseError, NotFoundError
from capella_qgis.core.models.base import Records, parse_records, problems_of
from capella_qgis.core.models.tasking import Collect
from capella_qgis.core.workflows.orders import place_order
from tests.console_emulator import Emulator
from tests.unit.core_support import (
    ORDER_FIXTURE,
    ORDER_ID,
    PRESIGNED_FIXTURE,
    RR_FIXTURE,
    RR_ID,
    TR_FIXTURE,
    TR_ID,
    USER,
    make_client,
)

COLLECT_OK = "0a4722dc-ff2a-4553-9f71-42dfdb99a39e"
COLLECT_BAD = "1b5833ed-0a3b-4664-8a82-53e0ea0aa4af"
COLLECT: dict[str, Any] = {
    "collectId": COLLECT_OK,
    "taskingrequestId": TR_ID,
    "spacecraftId": 100,
    "windowOpen": "2021-01-22T05:23:22.805Z",
    "windowClose": "2021-01-22T05:23:48.028Z",
    "windowDuration": 25.223843,
    "collectStatusHistory": [
        {"time": "2021-01-22T15:06:45.226Z", "code": "delivered", "message": "delivered"},
        {"time": "2021-01-21T23:21:11.294Z", "code": "predicted", "message": "Collect created"},
    ],
}


def _collect(collect_id: str, **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(COLLECT)
    out["collectId"] = collect_id
    out.update(changes)
    return out


def _completed_tr() -> dict[str, Any]:
    return copy.deepcopy(TR_FIXTURE)  # its statusHistory has "completed"


def _tasking_handler(collects: list[Any]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == f"/task/{TR_ID}":
            return httpx.Response(200, json=_completed_tr())
        if request.url.path == f"/collects/list/{TR_ID}":
            return httpx.Response(200, json=collects)
        return httpx.Response(404, json={"error": {"message": "Not Found"}})

    return handler


# --- collects ---------------------------------------------------------------------------------


def test_a_collect_with_month_14_is_kept_without_that_timestamp(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bad = _collect(COLLECT_BAD, windowOpen="2021-14-22T05:23:22.805Z")
    client, _ = make_client(_tasking_handler([_collect(COLLECT_OK), bad]))
    with caplog.at_level(logging.WARNING):
        collects = client.tasking.get_collects(TR_ID)
    assert [c.collect_id for c in collects] == [COLLECT_OK, COLLECT_BAD]
    assert collects[1].window_open is None and collects[1].window_close is not None
    (problem,) = problems_of(collects)
    assert (problem.record, problem.field, problem.skipped) == (COLLECT_BAD, "windowOpen", False)
    text = str(problem)
    assert COLLECT_BAD in text and "'windowOpen'" in text and "ignored" in text, text
    assert "2021-14-22" not in text  # the value is not repeated (it could be a secret)
    assert any(
        COLLECT_BAD in r.getMessage() and "windowOpen" in r.getMessage() for r in caplog.records
    )


def test_resolving_collect_ids_keeps_every_collect() -> None:
    bad = _collect(COLLECT_BAD, windowOpen="2021-14-22T05:23:22.805Z")
    client, _ = make_client(_tasking_handler([_collect(COLLECT_OK), bad]))
    ids = client.tasking.resolve_collect_ids_for_tasking_request(TR_ID)
    assert list(ids) == [COLLECT_OK, COLLECT_BAD]
    assert [p.record for p in problems_of(ids)] == [COLLECT_BAD]


def test_a_collect_without_id_is_skipped_and_named_by_position() -> None:
    nameless = _collect(COLLECT_BAD)
    del nameless["collectId"]
    client, _ = make_client(_tasking_handler([_collect(COLLECT_OK), nameless, "junk"]))
    collects = client.tasking.get_collects(TR_ID)
    assert [c.collect_id for c in collects] == [COLLECT_OK]
    problems = problems_of(collects)
    assert [(p.record, p.field, p.skipped) for p in problems] == [
        ("#2", "collectId", True),
        ("#3", "<root>", True),
    ]
    assert "left out" in str(problems[0])


def test_a_bad_status_entry_goes_the_collect_stays() -> None:
    history = [
        {"time": "2021-01-22T15:06:45.226Z", "code": "delivered"},
        {"time": "2021-01-22T08:04:23.197Z", "message": "no code"},  # code is required
        {"time": "yesterday", "code": "predicted"},
    ]
    records = parse_records(
        Collect,
        [_collect(COLLECT_BAD, collectStatusHistory=history)],
        "GET /collects/list/{id}",
        "collect",
        lambda e: e["collectId"],
    )
    (collect,) = records
    assert [ev.code for ev in collect.collect_status_history] == ["delivered", "predicted"]
    assert collect.collect_status_history[1].time is None
    assert {p.field for p in records.problems} == {
        "collectStatusHistory.1.code",
        "collectStatusHistory.2.time",
    }


def test_a_list_that_is_no_list_still_fails() -> None:
    with pytest.raises(MalformedResponseError):
        parse_records(Collect, {"collects": []}, "GET /collects/list/{id}", "collect", str)


def test_downloading_a_tasking_request_with_a_bad_collect_timestamp(
    emulator: Emulator, tmp_path: Path
) -> None:
    user_id = emulator.state.user["id"]
    tr_id = next(
        tid
        for tid, rec in emulator.state.tasks.items()
        if rec["properties"].get("userId") == user_id
        and rec["properties"]["statusHistory"][0]["code"] == "completed"
        and emulator.state.collects.get(tid)
    )
    collect = emulator.state.collects[tr_id][0]
    collect["windowOpen"] = "2021-14-22T05:23:22.805Z"  # as in the SDK's own fixture
    with ConsoleClient(Credential.api_key("demo"), emulator.url) as client:
        resolved = resolve(  # the order step a caller supplies once it has reviewed
            TaskingRequestSource((tr_id,)),
            client,
            tmp_path,
            order=lambda items: place_order(client, items).order.order_id,
        )
    assert collect["collectId"] in resolved.collect_ids
    assert resolved.jobs, resolved.empty_reason
    (warning,) = resolved.warnings
    assert collect["collectId"] in warning and "windowOpen" in warning, warning


# --- orders -----------------------------------------------------------------------------------

OTHER_ORDER = "279d4c75-8830-4947-ba33-67d8994eabe5"


def _orders_handler(orders: list[Any], posts: list[httpx.Request]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/user":
            return httpx.Response(200, json=USER)
        if request.url.path == "/orders" and request.method == "GET":
            return httpx.Response(200, json=orders)
        posts.append(request)
        return httpx.Response(500, json={"error": {"message": "must not be called"}})

    return handler


def _bad_orders() -> list[Any]:
    bad = copy.deepcopy(ORDER_FIXTURE)
    bad["orderId"] = OTHER_ORDER
    bad["expirationDate"] = "2021-14-01T00:00:00Z"
    nameless = copy.deepcopy(ORDER_FIXTURE)
    del nameless["orderId"]
    return [ORDER_FIXTURE, bad, nameless]


def test_the_orders_list_keeps_the_good_orders() -> None:
    posts: list[httpx.Request] = []
    client, _ = make_client(_orders_handler(_bad_orders(), posts))
    orders = client.orders.list_orders()
    assert [o.order_id for o in orders] == [ORDER_ID, OTHER_ORDER]
    assert orders[1].expiration_date is None  # unknown: never taken for active
    problems = [(p.record, p.field, p.skipped) for p in problems_of(orders)]
    assert problems == [(OTHER_ORDER, "expirationDate", False), ("#3", "orderId", True)]
    assert isinstance(client.orders.list_orders(active_only=True), Records)


def test_reusing_an_active_order_reads_the_orders_strictly() -> None:
    posts: list[httpx.Request] = []
    client, _ = make_client(_orders_handler(_bad_orders(), posts))
    items = [ORDER_FIXTURE["items"][0]["granuleId"]]
    with pytest.raises(MalformedResponseError) as info:
        client.orders.find_active_order_covering(items)
    assert info.value.field == "[1].expirationDate"
    # The unreadable order might be the one covering these products: nothing is ordered.
    with pytest.raises(MalformedResponseError):
        client.orders.submit_order(stac_ids=items, reuse_active=True)
    assert posts == []


def test_presigned_items_keep_the_readable_products_and_assets() -> None:
    good = copy.deepcopy(PRESIGNED_FIXTURE[0])
    broken_asset = copy.deepcopy(good)
    broken_asset["id"] = "CAPELLA_C02_SM_GEO_HH_20210119154519_20210119154599"
    del broken_asset["assets"]["HH"]["href"]
    client, _ = make_client(lambda request: httpx.Response(200, json=[good, broken_asset]))
    items = client.orders.get_presigned_items(ORDER_ID)
    assert [i.id for i in items] == [good["id"], broken_asset["id"]]
    assert set(items[1].assets) == {"thumbnail"}
    (problem,) = problems_of(items)
    assert problem.record == broken_asset["id"] and problem.field == "assets.HH.href"
    assert "Signature" not in str(problem) and "AKIA" not in str(problem)
    only = client.orders.get_presigned_items(ORDER_ID, [good["id"]])
    assert [i.id for i in only] == [good["id"]] and problems_of(only) == []


# --- tasking and repeat request searches ------------------------------------------------------


def _search_handler(key: str, results: list[Any]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/user":
            return httpx.Response(200, json=USER)
        return httpx.Response(200, json={"results": results, "currentPage": 1, "totalPages": 1})

    return handler


def test_the_tasking_request_search_keeps_the_good_requests() -> None:
    odd = copy.deepcopy(TR_FIXTURE)
    odd["properties"]["taskingrequestId"] = "9f9c3a52-6a0e-4b4e-9f3b-0c1d2e3f4a5b"
    odd["properties"]["windowOpen"] = "2020-13-21T22:18:57.936Z"
    nameless = copy.deepcopy(TR_FIXTURE)
    del nameless["properties"]["taskingrequestId"]
    client, _ = make_client(_search_handler("results", [TR_FIXTURE, odd, nameless]))
    found = client.tasking.search_tasking_requests()
    assert [tr.id for tr in found] == [TR_ID, odd["properties"]["taskingrequestId"]]
    assert found[1].properties.window_open is None
    fields = [(p.kind, p.field, p.skipped) for p in problems_of(found)]
    assert fields == [
        ("tasking request", "properties.windowOpen", False),
        ("tasking request", "properties.taskingrequestId", True),
    ]


def test_the_search_page_itself_is_still_checked() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/user":
            return httpx.Response(200, json=USER)
        return httpx.Response(200, json={"results": [TR_FIXTURE], "currentPage": 1})

    client, _ = make_client(handler)
    with pytest.raises(MalformedResponseError) as info:
        client.tasking.search_tasking_requests()
    assert info.value.field == "totalPages"


def test_an_unreadable_repeat_request_is_not_reported_as_missing() -> None:
    broken = copy.deepcopy(RR_FIXTURE)
    broken["properties"]["repeatrequestId"] = {"not": "an id"}
    client, _ = make_client(_search_handler("results", [broken]))
    with pytest.raises(MalformedResponseError) as info:
        client.tasking.get_repeat_request(RR_ID)
    assert "repeatrequestId" in str(info.value)
    client, _ = make_client(_search_handler("results", []))
    with pytest.raises(NotFoundError):
        client.tasking.get_repeat_request(RR_ID)

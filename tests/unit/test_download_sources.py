"""core.download.sources and core.workflows against the emulator: one resolution, one rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.download import AssetFilter, DownloadJob
from capella_qgis.core.download.queue_store import QueueEntry
from capella_qgis.core.download.sources import (
    NO_COLLECTS,
    NO_FILES,
    NO_PRODUCTS,
    CollectSource,
    ItemsSource,
    OrderSource,
    ResumeSource,
    TaskingRequestSource,
    UrlSource,
    link_refresher,
    may_order,
    needs_api,
    resolve,
)
from capella_qgis.core.exceptions import (
    AuthenticationError,
    CapellaError,
    InputError,
    InsufficientFundsError,
    TaskNotCompleteError,
    user_message,
)
from capella_qgis.core.models.stac import StacItem
from capella_qgis.core.search.collects import collect_products
from capella_qgis.core.workflows.orders import (
    order_failure_message,
    place_order,
    review_order,
    tasking_request_items,
)
from capella_qgis.core.workflows.tasking import (
    KIND_REPEAT,
    KIND_TASKING,
    build_request,
    check_contract,
)


@pytest.fixture
def client(emulator: Any) -> Any:
    with ConsoleClient(Credential.api_key("demo"), base_url=emulator.url) as api:
        yield api


def _entries(emulator: Any, product_type: str = "GEO", count: int = 1) -> list[Any]:
    out = [
        e
        for e in emulator.state.entries
        if e.props["sar:product_type"] == product_type
        and emulator.state.accessible(e)
        and "HH" in emulator.assets.filenames(e)
    ]
    return out[:count]


def _order(emulator: Any, entries: list[Any]) -> str:
    body = {"items": [{"collectionId": e.collection, "granuleId": e.id} for e in entries]}
    with httpx.Client(base_url=emulator.url, headers={"Authorization": "ApiKey demo"}) as api:
        response = api.post("/orders", json=body)
        response.raise_for_status()
        return str(response.json()["orderId"])


def _api_posts(emulator: Any, path: str) -> list[Any]:
    return [r for r in emulator.requests("api") if r.method == "POST" and r.path == path]


class OrderStep:
    """``resolve``'s ``order`` callback: places the order as the callers do, after their
    review; keeps what it was asked to order."""

    def __init__(self, client: ConsoleClient) -> None:
        self.client = client
        self.calls: list[list[StacItem]] = []

    def __call__(self, items: list[StacItem]) -> str:
        self.calls.append(list(items))
        return place_order(self.client, items).order.order_id


def _completed_request(emulator: Any) -> str:
    user_id = emulator.state.user["id"]
    return next(
        tid
        for tid, rec in emulator.state.tasks.items()
        if rec["properties"].get("userId") == user_id
        and rec["properties"]["statusHistory"][0]["code"] == "completed"
        and emulator.state.collects.get(tid)
    )


def _pending_request(emulator: Any) -> str:
    user_id = emulator.state.user["id"]
    return next(
        tid
        for tid, rec in emulator.state.tasks.items()
        if rec["properties"].get("userId") == user_id
        and rec["properties"]["statusHistory"][0]["code"] == "accepted"
    )


def _products_of(emulator: Any, tr_id: str) -> set[str]:
    world = emulator.state
    return {
        e.id
        for c in world.collects[tr_id]
        for e in world.by_collect.get(c["collectId"], [])
        if world.accessible(e)
    }


def test_what_each_source_needs() -> None:
    assert not needs_api(UrlSource("http://host/a.tif"))
    assert needs_api(UrlSource("http://host/a.tif", order_id="o"))
    assert not needs_api(ItemsSource(()))
    assert needs_api(OrderSource("o")) and needs_api(ResumeSource(()))
    assert may_order(CollectSource(("c",))) and may_order(TaskingRequestSource(("t",)))
    assert not may_order(OrderSource("o"))


def test_order_source_plans_every_asset_of_the_order(
    emulator: Any, client: Any, tmp_path: Path
) -> None:
    entries = _entries(emulator, count=2)
    order_id = _order(emulator, entries)
    resolved = resolve(OrderSource(order_id), client, tmp_path, filters=AssetFilter.create(["HH"]))
    assert resolved.order_id == order_id and resolved.empty_reason is None
    assert {j.stac_id for j in resolved.jobs} == {e.id for e in entries}
    assert all(j.asset_key == "HH" and j.order_id == order_id for j in resolved.jobs)
    assert all(j.target.parent == tmp_path / j.stac_id for j in resolved.jobs)


def test_filters_leaving_nothing_say_so(emulator: Any, client: Any, tmp_path: Path) -> None:
    order_id = _order(emulator, _entries(emulator))
    resolved = resolve(
        OrderSource(order_id), client, tmp_path, filters=AssetFilter.create(product_types="SLC")
    )
    assert resolved.jobs == [] and resolved.empty_reason == NO_FILES


def test_collect_source_orders_through_the_callers_step(
    emulator: Any, client: Any, tmp_path: Path
) -> None:
    entry = _entries(emulator)[0]
    source = CollectSource((entry.props["capella:collect_id"],))
    filters = AssetFilter.create(["HH"], product_types="GEO")
    step = OrderStep(client)
    first = resolve(source, client, tmp_path, filters=filters, order=step)
    assert first.order_id and entry.id in {j.stac_id for j in first.jobs}
    # The step got the products of the collect, product-type filter applied.
    (asked,) = step.calls
    assert entry.id in {i.id for i in asked}
    assert {i.properties.product_type for i in asked} == {"GEO"}
    assert len(_api_posts(emulator, "/orders")) == 1
    again = resolve(source, client, tmp_path, filters=filters, order=step)
    assert again.order_id == first.order_id
    assert len(_api_posts(emulator, "/orders")) == 1  # the active covering order is reused


@pytest.mark.parametrize("kind", ["collect", "tasking request"])
def test_a_source_that_orders_needs_the_order_step(
    emulator: Any, client: Any, tmp_path: Path, kind: str
) -> None:
    """resolve never orders by itself: without the caller's (reviewing) step, it is refused
    before anything is sent."""
    entry = _entries(emulator)[0]
    source: Any = (
        CollectSource((entry.props["capella:collect_id"],))
        if kind == "collect"
        else TaskingRequestSource((_completed_request(emulator),))
    )
    emulator.clear_requests()
    with pytest.raises(InputError, match="review the order first"):
        resolve(source, client, tmp_path)
    assert emulator.requests("api") == []


def test_unknown_collect_has_no_products(emulator: Any, client: Any, tmp_path: Path) -> None:
    source = CollectSource(("0b6c5d8e-2f7a-4f0e-9f77-9b8a4f2f1c11",))
    step = OrderStep(client)
    resolved = resolve(source, client, tmp_path, order=step)
    assert resolved.jobs == [] and resolved.empty_reason == NO_PRODUCTS
    assert step.calls == [] and not _api_posts(emulator, "/orders")


def test_tasking_request_without_collects(emulator: Any, client: Any, tmp_path: Path) -> None:
    user_id = emulator.state.user["id"]
    tr_id = next(
        tid
        for tid, rec in emulator.state.tasks.items()
        if rec["properties"].get("userId") == user_id
        and rec["properties"]["statusHistory"][0]["code"] == "completed"
    )
    emulator.state.collects[tr_id] = []  # completed, but nothing collected (yet)
    step = OrderStep(client)
    resolved = resolve(TaskingRequestSource((tr_id,)), client, tmp_path, order=step)
    assert resolved.jobs == [] and resolved.empty_reason == NO_COLLECTS
    assert step.calls == []


# --- the one lookup: tasking requests -> collects -> catalog products -------------------------


def test_collect_products_of_a_tasking_request(emulator: Any, client: Any) -> None:
    tr_id = _completed_request(emulator)
    found = collect_products(client, tasking_request_ids=[tr_id])
    assert found.collect_ids == [c["collectId"] for c in emulator.state.collects[tr_id]]
    assert set(found.stac_ids) == _products_of(emulator, tr_id) != set()
    assert found.warnings == [] and found.without_collects == []
    # Nothing is ordered or reviewed by the lookup.
    assert not [r for r in emulator.requests("api") if r.path.startswith("/orders")]


def test_collect_products_filters_product_types_and_merges_collects(
    emulator: Any, client: Any
) -> None:
    tr_id = _completed_request(emulator)
    collect_id = emulator.state.collects[tr_id][0]["collectId"]
    found = collect_products(
        client, tasking_request_ids=[tr_id], collect_ids=[collect_id], product_types=["GEO"]
    )
    assert found.collect_ids.count(collect_id) == 1  # given twice, searched once
    assert found.items and {i.properties.product_type for i in found.items} == {"GEO"}


def test_collect_products_reports_what_it_could_not_read(emulator: Any, client: Any) -> None:
    tr_id = _completed_request(emulator)
    collect = emulator.state.collects[tr_id][0]
    collect["windowOpen"] = "2021-14-22T05:23:22.805Z"  # read in part: the rest goes on
    found = collect_products(client, tasking_request_ids=[tr_id])
    assert collect["collectId"] in found.collect_ids and found.items
    (warning,) = found.warnings
    assert collect["collectId"] in warning and "windowOpen" in warning, warning


def test_collect_products_without_collects_searches_nothing(emulator: Any, client: Any) -> None:
    tr_id = _completed_request(emulator)
    emulator.state.collects[tr_id] = []
    emulator.clear_requests()
    found = collect_products(client, tasking_request_ids=[tr_id])
    assert found.collect_ids == [] and found.items == [] and found.without_collects == [tr_id]
    assert not [r for r in emulator.requests("api") if "search" in r.path]


def test_collect_products_of_a_pending_request_is_refused(emulator: Any, client: Any) -> None:
    with pytest.raises(TaskNotCompleteError, match="not completed"):
        collect_products(client, tasking_request_ids=[_pending_request(emulator)])


def test_the_workflow_raises_where_the_download_says_empty(emulator: Any, client: Any) -> None:
    tr_id = _completed_request(emulator)
    assert {i.id for i in tasking_request_items(client, [tr_id])} == _products_of(emulator, tr_id)
    emulator.state.collects[tr_id] = []
    with pytest.raises(CapellaError, match=f"Tasking request {tr_id} has no collects yet"):
        tasking_request_items(client, [tr_id])


def test_url_source_keeps_its_order_for_refreshes(tmp_path: Path) -> None:
    url = "http://localhost/x/CAPELLA_C13_SP_GEO_HH_20240101000000_20240101000010.tif?X-Amz=1"
    resolved = resolve(UrlSource(url, "HH", order_id="o-1"), None, tmp_path)
    (job,) = resolved.jobs
    assert job.order_id == "o-1" and job.asset_key == "HH"
    assert job.target.name.endswith(".tif") and "?" not in job.target.name


def test_link_refresh_uses_the_jobs_own_order(emulator: Any, client: Any, tmp_path: Path) -> None:
    first, second = _entries(emulator, count=2)
    order_a, order_b = _order(emulator, [first]), _order(emulator, [second])
    refresh = link_refresher(client)
    job_b = DownloadJob(second.id, "HH", "http://expired", tmp_path / "b.tif", order_id=order_b)
    emulator.clear_requests()
    fresh = refresh(job_b)
    assert fresh.startswith(emulator.asset_base) and second.id in fresh
    assert [r.path for r in emulator.requests("api")] == [f"/orders/{order_b}/download"]
    # Not in that order: no fresh link (the engine then reports the expired one).
    job_a_in_b = DownloadJob(first.id, "HH", "http://expired", tmp_path / "a.tif", order_id=order_b)
    assert refresh(job_a_in_b) == ""
    assert refresh(DownloadJob(first.id, "HH", "http://x", tmp_path / "a.tif")) == ""
    assert link_refresher(None)(job_b) == ""
    del order_a


def test_resume_fetches_fresh_links_per_order(emulator: Any, client: Any, tmp_path: Path) -> None:
    entry = _entries(emulator)[0]
    order_id = _order(emulator, [entry])
    entries = (
        QueueEntry(entry.id, "HH", "http://old/no-query.tif", str(tmp_path / "a.tif"), order_id),
        QueueEntry("S", "file", "http://host/b.bin", str(tmp_path / "b.bin")),
    )
    resolved = resolve(ResumeSource(entries), client, tmp_path)
    urls = {j.stac_id: j.url for j in resolved.jobs}
    assert urls["S"] == "http://host/b.bin"
    assert urls[entry.id].startswith(emulator.asset_base)


def test_review_reports_coverage_and_place_reuses(emulator: Any, client: Any) -> None:
    entries = _entries(emulator, count=2)
    items = [json.loads(emulator.state.by_id[e.id].json) for e in entries]
    result = review_order(client, items)
    assert result.review.authorized and result.reuse_order is None
    assert not any(i in result.covered for i in result.ids)
    placed = place_order(client, items)
    assert not placed.reused
    again = review_order(client, items, organization=False)
    assert again.all_covered and again.reuse_order.order_id == placed.order.order_id
    assert {e.id for e in entries} <= set(again.covered)
    assert place_order(client, items).reused
    assert place_order(client, stac_ids=[e.id for e in entries]).reused
    assert len(_api_posts(emulator, "/orders")) == 1


def test_order_failures_read_the_same_everywhere() -> None:
    denied = InsufficientFundsError("This order will exceed your limit")
    assert (
        order_failure_message(denied)
        == "The order was not authorized: This order will exceed your limit"
    )
    rejected = AuthenticationError("Unauthorized", status=401)
    assert order_failure_message(rejected) == user_message(rejected)


def test_request_building_checks_the_contract() -> None:
    point = {"type": "Point", "coordinates": [10.0, 50.0]}
    request = build_request(KIND_TASKING, {"geometry": point, "name": "a"}, contracts=None)
    assert request.to_payload()["geometry"] == point
    repeat = build_request(KIND_REPEAT, {"geometry": point, "name": "r"}, contracts=["c1"])
    assert "repetitionProperties" in repeat.to_payload()["properties"]
    with pytest.raises(InputError, match="unknown contract 'c9'"):
        build_request(
            KIND_TASKING, {"geometry": point, "name": "a", "contract_id": "c9"}, contracts=["c1"]
        )
    check_contract("anything", None)  # the list is unknown: the Console decides
    with pytest.raises(InputError, match="Unknown request kind"):
        build_request("insar", {"geometry": point, "name": "a"})

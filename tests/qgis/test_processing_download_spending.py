"""capella:downloadproducts with a tasking request or collects: reviewed and logged before buying.

The Console is the emulator, whose request log shows what was sent and in which order; the
tasking request's products are made purchasable so that the review has a price.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from qgis.core import QgsProcessingException

from tests.qgis.processing_support import RecordingFeedback, run

REVIEW = ("POST", "/orders/review")
ORDER = ("POST", "/orders")


class OrderedFeedback(RecordingFeedback):
    """Keeps each info line with the number of ``POST /orders`` sent when it was pushed."""

    def __init__(self, emulator: Any) -> None:
        super().__init__()
        self.emulator = emulator
        self.timeline: list[tuple[str, int]] = []

    def pushInfo(self, info: str) -> None:
        super().pushInfo(info)
        self.timeline.append((info, _sent(self.emulator, ORDER)))


def _sent(emulator: Any, call: tuple[str, str]) -> int:
    return sum(1 for r in emulator.requests("api") if (r.method, r.path) == call)


def _calls(emulator: Any) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in emulator.requests("api")]


def _priced_request(emulator: Any) -> tuple[str, list[Any]]:
    """A completed tasking request of the user whose products are now for sale (the emulator
    gives them for free otherwise): its id and its catalog entries."""
    world = emulator.state
    with world.lock:
        for tr_id, rec in world.tasks.items():
            props = rec["properties"]
            if props.get("userId") != world.user["id"]:
                continue
            if props["statusHistory"][0]["code"] != "completed" or not world.collects.get(tr_id):
                continue
            entries = [
                e
                for c in world.collects[tr_id]
                for e in world.by_collect.get(c["collectId"], [])
                if world.accessible(e)
            ]
            if entries:
                for entry in entries:
                    entry.ownership = "availableForPurchase"
                return str(tr_id), entries
    raise AssertionError("no completed tasking request with products")


def _params(tmp_path: Path, **extra: Any) -> dict[str, Any]:
    return {
        "INCLUDE": ["thumbnail"],
        "OUTPUT_FOLDER": str(tmp_path / "dl"),
        "LOAD_OUTPUTS": False,
        "CONFIRM": True,
        **extra,
    }


def _review_total(emulator: Any, entries: list[Any]) -> Decimal:
    """What the Console's review says ordering ``entries`` costs (nothing is bought)."""
    body = {"items": [{"collectionId": e.collection, "granuleId": e.id} for e in entries]}
    response = httpx.post(
        f"{emulator.url}/orders/review", json=body, headers={"Authorization": "ApiKey demo"}
    )
    response.raise_for_status()
    total = response.json()["orderDetails"]["summary"]["total"]
    return Decimal(total.lstrip("$").replace(",", ""))


def _dollars(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def test_the_review_is_logged_before_the_order_is_placed(capella_env: Any, tmp_path: Path) -> None:
    tr_id, entries = _priced_request(capella_env)
    total = _review_total(capella_env, entries)
    assert total > 0
    capella_env.clear_requests()
    feedback = OrderedFeedback(capella_env)
    result = run("capella:downloadproducts", _params(tmp_path, TASKING_REQUEST_ID=tr_id), feedback)
    calls = _calls(capella_env)
    assert calls.count(ORDER) == 1
    assert calls.index(REVIEW) < calls.index(ORDER)
    # The total, each product's price and the contract were in the log before POST /orders.
    before = [text for text, orders in feedback.timeline if orders == 0]
    assert f"Total: {_dollars(total)}" in before, feedback.infos
    for entry in entries:
        assert any(entry.id in line and "$" in line for line in before), (entry.id, before)
    assert any(line.startswith("Contract: ") for line in before), before
    assert result["FILE_COUNT"] >= 1 and result["FAILED_COUNT"] == 0
    assert all(Path(f).is_file() for f in result["FILES"].split(";"))


@pytest.mark.parametrize("source", ["TASKING_REQUEST_ID", "COLLECT_ID"])
def test_a_total_above_max_cost_orders_nothing(
    capella_env: Any, tmp_path: Path, source: str
) -> None:
    tr_id, entries = _priced_request(capella_env)
    if source == "COLLECT_ID":
        value = entries[0].props["capella:collect_id"]
        entries = [
            e for e in capella_env.state.by_collect[value] if capella_env.state.accessible(e)
        ]
    else:
        value = tr_id
    total = _review_total(capella_env, entries)
    cap = total - Decimal("0.5")
    capella_env.clear_requests()
    feedback = RecordingFeedback()
    with pytest.raises(QgsProcessingException) as info:
        run(
            "capella:downloadproducts",
            _params(tmp_path, **{source: value, "MAX_COST": float(cap)}),
            feedback,
        )
    message = str(info.value)
    expected = (
        f"The order costs {_dollars(total)}, more than Maximum cost (USD) ({_dollars(cap)}): "
        "nothing was ordered."
    )
    assert expected in message, message
    assert "Traceback" not in message
    assert _sent(capella_env, REVIEW) >= 1 and _sent(capella_env, ORDER) == 0
    assert f"Total: {_dollars(total)}" in feedback.infos
    assert not [r for r in capella_env.requests() if r.path.startswith("/assets/")]
    assert not (tmp_path / "dl").exists() or not any((tmp_path / "dl").rglob("*.*"))


def test_a_total_within_max_cost_is_ordered_and_downloaded(
    capella_env: Any, tmp_path: Path
) -> None:
    tr_id, entries = _priced_request(capella_env)
    total = _review_total(capella_env, entries)
    capella_env.clear_requests()
    feedback = RecordingFeedback()
    result = run(
        "capella:downloadproducts",
        _params(tmp_path, TASKING_REQUEST_ID=tr_id, MAX_COST=float(total + 1)),
        feedback,
    )
    assert _sent(capella_env, ORDER) == 1
    assert result["FILE_COUNT"] >= 1 and result["FAILED_COUNT"] == 0
    stac_ids = {Path(f).parent.name for f in result["FILES"].split(";")}
    assert stac_ids and stac_ids <= {e.id for e in entries}
    assert any(re.match(r"Order \S+ placed", line) for line in feedback.infos), feedback.infos


def test_an_active_order_holding_the_products_is_reused(capella_env: Any, tmp_path: Path) -> None:
    tr_id, entries = _priced_request(capella_env)
    body = {"items": [{"collectionId": e.collection, "granuleId": e.id} for e in entries]}
    response = httpx.post(
        f"{capella_env.url}/orders", json=body, headers={"Authorization": "ApiKey demo"}
    )
    response.raise_for_status()
    order_id = response.json()["orderId"]
    capella_env.clear_requests()
    feedback = RecordingFeedback()
    # A cap of 0: a reused order buys nothing, so it is within any cap.
    result = run(
        "capella:downloadproducts",
        _params(tmp_path, TASKING_REQUEST_ID=tr_id, MAX_COST=0),
        feedback,
    )
    assert _sent(capella_env, ORDER) == 0
    assert any(f"Reusing active order {order_id}" in line for line in feedback.infos), (
        feedback.infos
    )
    assert result["FILE_COUNT"] >= 1 and result["FAILED_COUNT"] == 0


def test_a_denied_review_orders_nothing(capella_env: Any, tmp_path: Path) -> None:
    tr_id, _entries = _priced_request(capella_env)
    capella_env.configure(insufficient_funds=True)
    capella_env.clear_requests()
    with pytest.raises(QgsProcessingException) as info:
        run("capella:downloadproducts", _params(tmp_path, TASKING_REQUEST_ID=tr_id))
    message = str(info.value)
    assert "The order was not authorized: This order will exceed" in message, message
    assert "Nothing was ordered" in message, message
    assert _sent(capella_env, REVIEW) >= 1 and _sent(capella_env, ORDER) == 0


def test_a_negative_max_cost_is_refused_before_anything_is_sent(
    capella_env: Any, tmp_path: Path
) -> None:
    tr_id, _entries = _priced_request(capella_env)
    capella_env.clear_requests()
    with pytest.raises(QgsProcessingException) as info:
        run("capella:downloadproducts", _params(tmp_path, TASKING_REQUEST_ID=tr_id, MAX_COST=-5))
    assert "Maximum cost (USD)" in str(info.value), str(info.value)
    assert capella_env.requests() == []

"""Emulator: cost review and approval of tasking and repeat requests (issue #14)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.console_emulator import Emulator
from tests.console_emulator.__main__ import build_emulator
from tests.unit.test_emulator_tasking import client, rr_body, tr_body


def _create(c: httpx.Client, **props: Any) -> str:
    r = c.post("/task", json=tr_body(**props))
    assert r.status_code == 200, r.text
    return str(r.json()["properties"]["taskingrequestId"])


def _props(c: httpx.Client, tr_id: str) -> dict[str, Any]:
    r = c.get(f"/task/{tr_id}")
    assert r.status_code == 200, r.text
    return dict(r.json()["properties"])


def _codes(props: dict[str, Any]) -> list[str]:
    return [s["code"] for s in props["statusHistory"]]


def test_estimate_appears_after_the_configured_delay(emulator: Emulator) -> None:
    emulator.configure(review_delay=60)
    c = client(emulator)
    tr_id = _create(c, preApproval=False)
    p = _props(c, tr_id)
    assert _codes(p) == ["received"] and p["order"] is None
    emulator.clock.advance(59)
    assert _codes(_props(c, tr_id)) == ["received"]
    emulator.clock.advance(2)
    p = _props(c, tr_id)
    assert _codes(p) == ["review", "received"]
    assert p["transactionStatus"] == "pending-customer-approval"
    summary = p["order"]["summary"]
    assert summary["total"] == summary["subtotal"] == "$1,500.00"  # standard spotlight point
    [item] = p["order"]["lineItems"]
    assert item["taskId"] == tr_id
    assert item["accountingSize"] == {"unit": "sqkm", "value": 25.0}


def test_polygon_estimate_is_priced_by_area(emulator: Emulator) -> None:
    emulator.configure(review_delay=0)
    c = client(emulator)
    body = tr_body(preApproval=False, collectionTier="priority")
    # ~0.2° x 0.2° at 42°N: about 22 km x 16.5 km = 366 km²
    body["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[12.4, 41.8], [12.6, 41.8], [12.6, 42.0], [12.4, 42.0], [12.4, 41.8]]],
    }
    tr_id = c.post("/task", json=body).json()["properties"]["taskingrequestId"]
    order = _props(c, tr_id)["order"]
    km2 = order["lineItems"][0]["accountingSize"]["value"]
    assert 340 < km2 < 390
    assert order["summary"]["total"] == f"${3000 * km2 / 25:,.2f}"


def test_approve_moves_to_submitted_then_the_state_machine(emulator: Emulator) -> None:
    emulator.configure(review_delay=0)
    c = client(emulator)
    tr_id = _create(c, preApproval=False)
    assert _codes(_props(c, tr_id))[0] == "review"
    r = c.patch(f"/task/{tr_id}/status", json={"status": "approved"})
    assert r.status_code == 200 and r.json() == {"status": "approved"}
    p = _props(c, tr_id)
    assert _codes(p) == ["submitted", "review", "received"]
    assert p["transactionStatus"] == "in-progress"
    assert "approval" in p["statusHistory"][0]["message"]
    r = c.post(f"{emulator.url}/_emulator/tasking/{tr_id}/status", json={"code": "completed"})
    assert r.status_code == 200
    assert _codes(_props(c, tr_id))[:3] == ["completed", "active", "accepted"]


def test_reject_is_final(emulator: Emulator) -> None:
    emulator.configure(review_delay=0)
    c = client(emulator)
    tr_id = _create(c, preApproval=False)
    assert c.patch(f"/task/{tr_id}/status", json={"status": "rejected"}).status_code == 200
    p = _props(c, tr_id)
    assert _codes(p)[:2] == ["rejected", "review"]
    assert p["transactionStatus"] == "customer-rejected"
    r = c.patch(f"/task/{tr_id}/status", json={"status": "canceled"})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"


def test_approval_only_answers_a_review(emulator: Emulator) -> None:
    emulator.configure(review_delay=600)
    c = client(emulator)
    tr_id = _create(c, preApproval=False)
    r = c.patch(f"/task/{tr_id}/status", json={"status": "approved"})
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["code"] == "UNABLE_TO_UPDATE_TASKING_REQUEST" and "'received'" in err["message"]
    r = c.patch(f"/task/{tr_id}/status", json={"status": "accepted"})
    assert r.status_code == 400 and r.json()["error"]["detail"][0]["path"] == "status"


def test_cancel_from_review_still_works(emulator: Emulator) -> None:
    emulator.configure(review_delay=0)
    c = client(emulator)
    tr_id = _create(c, preApproval=False)
    assert c.patch(f"/task/{tr_id}/status", json={"status": "canceled"}).status_code == 200
    p = _props(c, tr_id)
    assert _codes(p)[:2] == ["canceled", "review"]
    assert p["transactionStatus"] == "customer-cancelled"


def test_pre_approved_request_skips_review(emulator: Emulator) -> None:
    emulator.configure(review_delay=5)
    c = client(emulator)
    tr_id = _create(c, preApproval=True)
    emulator.clock.advance(6)
    p = _props(c, tr_id)
    assert _codes(p) == ["submitted", "received"]
    assert p["transactionStatus"] == "in-progress"
    assert p["order"]["summary"]["total"] == "$1,500.00"  # the estimate is still shown


def test_search_shows_the_review(emulator: Emulator) -> None:
    emulator.configure(review_delay=0)
    c = client(emulator)
    tr_id = _create(c, preApproval=False)
    res = c.post("/tasks/search", json={"query": {"lastStatusCode": {"eq": "review"}}}).json()
    found = [r for r in res["results"] if r["properties"]["taskingrequestId"] == tr_id]
    assert found and found[0]["properties"]["transactionStatus"] == "pending-customer-approval"


def test_repeat_request_carries_a_per_image_estimate_in_review(emulator: Emulator) -> None:
    emulator.configure(review_delay=30)
    c = client(emulator)
    rr = c.post("/repeat-requests", json=rr_body()).json()["properties"]
    rr_id = rr["repeatrequestId"]
    assert rr["costPerImageEstimate"] is None
    emulator.clock.advance(31)
    res = c.post("/repeat-requests/search", json={"query": {"repeatrequestIds": [rr_id]}}).json()
    [got] = res["results"]
    p = got["properties"]
    assert _codes(p) == ["review", "received"]
    assert p["transactionStatus"] == "pending-customer-approval"
    assert p["costPerImageEstimate"] == "$3,000.00"
    r = c.patch(f"/repeat-requests/{rr_id}/status", json={"status": "approved"})
    assert r.status_code == 200
    res = c.post("/repeat-requests/search", json={"query": {"repeatrequestIds": [rr_id]}}).json()
    assert _codes(res["results"][0]["properties"])[0] == "submitted"


def test_review_delay_is_settable_through_the_config_hook(emulator: Emulator) -> None:
    r = httpx.post(f"{emulator.url}/_emulator/config", json={"review_delay": 0})
    assert r.status_code == 200 and r.json()["review_delay"] == 0
    c = client(emulator)
    assert _codes(_props(c, _create(c, preApproval=False)))[0] == "review"


@pytest.mark.parametrize(
    ("key", "value"),
    [("pre_approval_key", "preapproval"), ("rr_search_key", "q"), ("rr_cancel_key", "x")],
)
def test_shape_options_are_checked(emulator: Emulator, key: str, value: str) -> None:
    r = httpx.post(f"{emulator.url}/_emulator/config", json={key: value})
    assert r.status_code == 400 and key in r.json()["error"]["message"]


def test_cli_review_delay_survives_reset() -> None:
    emu = build_emulator(["--items", "50", "--review-delay", "0", "--access-delay", "0"])
    try:
        emu.start()
        emu.reset()
        assert emu.state.config["review_delay"] == 0
        assert emu.state.config["access_delay"] == 0
        c = client(emu)
        assert _codes(_props(c, _create(c, preApproval=False)))[0] == "review"
    finally:
        emu.stop()


def test_seeded_review_request_awaits_approval(emulator: Emulator) -> None:
    uid = emulator.state.user["id"]
    [tr_id] = [
        k
        for k, v in emulator.state.tasks.items()
        if v["properties"]["userId"] == uid
        and not v["properties"]["repeatrequestId"]
        and v["properties"]["statusHistory"][0]["code"] == "review"
    ]
    c = client(emulator)
    p = _props(c, tr_id)
    assert p["transactionStatus"] == "pending-customer-approval" and p["order"]["summary"]["total"]
    assert c.patch(f"/task/{tr_id}/status", json={"status": "approved"}).status_code == 200

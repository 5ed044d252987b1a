"""Core client: cost review, approve / reject, conflicts and collect history (issue #14)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import CapellaError, InputError
from capella_qgis.core.models.tasking import (
    TaskingCostEstimate,
    TaskingRequest,
    cancellation_fee_fraction,
    cancellation_periods,
    parse_money,
)
from tests.console_emulator import Emulator
from tests.unit.core_support import TR_FIXTURE, TR_ID, make_client

POINT = {"type": "Point", "coordinates": [12.5, 41.9]}


@pytest.fixture
def console(emulator: Emulator) -> Iterator[ConsoleClient]:
    emulator.configure(review_delay=0)
    with ConsoleClient(Credential.api_key("demo"), emulator.url) as client:
        yield client


def _create(console: ConsoleClient, **params: Any) -> TaskingRequest:
    now = datetime.now(timezone.utc)
    return console.tasking.create_tasking_request(
        {
            "geometry": POINT,
            "name": "review me",
            "window_open": now + timedelta(hours=1),
            "window_close": now + timedelta(days=7),
            **params,
        }
    )


def _patches(emulator: Emulator) -> list[Any]:
    return [r for r in emulator.requests("api") if r.method == "PATCH"]


def test_cost_review_reads_the_estimate(console: ConsoleClient) -> None:
    tr = _create(console)
    assert tr.cost_estimate is None and not tr.awaiting_approval  # not estimated yet
    review = console.tasking.get_cost_review(tr.id)
    assert review.awaiting_approval
    est = review.estimate
    assert est is not None
    assert est.total == "$1,500.00" and est.total_amount == Decimal("1500.00")
    assert est.summary.subtotal_amount == Decimal("1500.00") and est.summary.currency == "$"
    assert est.area_km2 == 25.0
    assert est.line_items[0].task_id == tr.id
    # First predicted collect about 36 h ahead: a quarter of the price if cancelled now.
    assert review.first_collect is not None
    ahead = review.first_collect - datetime.now(timezone.utc)
    assert timedelta(hours=30) < ahead < timedelta(hours=40)
    assert review.cancellation_fee_fraction() == 0.25
    assert review.cancellation_fee_fraction(review.first_collect - timedelta(hours=80)) == 0.0
    assert review.cancellation_fee_fraction(review.first_collect - timedelta(hours=2)) is None


def test_approve_moves_to_submitted(console: ConsoleClient, emulator: Emulator) -> None:
    tr = _create(console)
    done = console.tasking.approve_tasking_request(tr.id, expected_total="$1,500.00")
    assert done.status == "submitted" and not done.awaiting_approval
    assert [p.json for p in _patches(emulator)] == [{"status": "approved"}]


def test_approve_refuses_a_changed_estimate(console: ConsoleClient, emulator: Emulator) -> None:
    tr = _create(console)
    with pytest.raises(InputError) as err:
        console.tasking.approve_tasking_request(tr.id, expected_total=Decimal("1000"))
    assert err.value.field == "expected_total" and "$1,500.00" in str(err.value)
    assert _patches(emulator) == []  # nothing approved
    with pytest.raises(InputError) as err:
        console.tasking.approve_tasking_request(tr.id, expected_total="soon")
    assert err.value.field == "expected_total"


def test_reject(console: ConsoleClient) -> None:
    tr = _create(console)
    assert console.tasking.reject_tasking_request(tr.id).status == "rejected"


def test_approve_outside_review_is_the_consoles_error(
    console: ConsoleClient, emulator: Emulator
) -> None:
    emulator.configure(review_delay=3600)
    tr = _create(console)
    with pytest.raises(CapellaError) as err:
        console.tasking.approve_tasking_request(tr.id)
    assert err.value.code == "UNABLE_TO_UPDATE_TASKING_REQUEST"


def test_pre_approved_request_never_waits(console: ConsoleClient) -> None:
    tr = _create(console, pre_approval=True)
    review = console.tasking.get_cost_review(tr.id)
    assert review.request.status == "submitted" and not review.awaiting_approval
    assert review.estimate is not None and review.estimate.total_amount == Decimal("1500.00")


def test_approve_uses_a_full_answer_without_reading_back() -> None:
    answered = {
        **TR_FIXTURE,
        "properties": {
            **TR_FIXTURE["properties"],
            "statusHistory": [{"code": "submitted"}, *TR_FIXTURE["properties"]["statusHistory"]],
        },
    }

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.method == "PATCH"
        return httpx.Response(200, json=answered)

    client, rec = make_client(handler)
    assert client.tasking.approve_tasking_request(TR_ID).status == "submitted"
    assert [r.method for r in rec.requests] == ["PATCH"]


def test_repeat_request_review_and_approval(console: ConsoleClient, emulator: Emulator) -> None:
    rr = console.tasking.create_repeat_request(
        {"geometry": POINT, "name": "weekly", "repetition_count": 3}
    )
    got = console.tasking.get_repeat_request(rr.id)
    assert got.awaiting_approval
    assert got.properties.cost_per_image_amount == Decimal("3000.00")
    console.tasking.approve_repeat_request(rr.id)
    assert console.tasking.get_repeat_request(rr.id).status == "submitted"
    assert _patches(emulator)[-1].json == {"status": "approved"}


def test_conflicts_and_collect_history(console: ConsoleClient, emulator: Emulator) -> None:
    a = _create(console)
    b = _create(console, name="neighbour", geometry={"type": "Point", "coordinates": [12.55, 41.9]})
    assert console.tasking.get_conflicting_tasks(a.id) == []
    console.tasking.approve_tasking_request(a.id)
    httpx.post(f"{emulator.url}/_emulator/tasking/{a.id}/status", json={"code": "active"})
    [conflict] = [
        c for c in console.tasking.get_conflicting_tasks(a.id) if c.taskingrequest_id == b.id
    ]
    assert conflict.name == "neighbour" and conflict.distance_km is not None
    assert conflict.window_open is not None and conflict.window_open.tzinfo is not None
    [col] = console.tasking.get_collect_history(a.id)
    assert [ev.code for ev in col.history()] == ["predicted", "tasked"]
    assert col.status == "tasked" and not col.is_delivered
    assert col.time_of("tasked") is not None and col.time_of("delivered") is None


def test_money_and_estimate_shapes() -> None:
    assert parse_money("$1,000.00") == Decimal("1000.00")
    assert parse_money("1 234.5 EUR") is None  # ambiguous grouping: not guessed
    assert parse_money("250.00 USD") == Decimal("250.00")
    assert parse_money(12) == Decimal("12")
    assert parse_money("n/a") is None and parse_money(None) is None
    # lineItems under the order (fixtures) or under the summary (docs' wording)
    for order in (
        {
            "summary": {"total": "$20.00"},
            "lineItems": [{"accountingSize": {"unit": "sqkm", "value": 5}}],
        },
        {
            "summary": {
                "total": "$20.00",
                "lineItems": [{"accountingSize": {"unit": "sqm", "value": 5e6}}],
            }
        },
    ):
        est = TaskingCostEstimate.model_validate(order)
        assert est.area_km2 == 5.0 and est.total_amount == Decimal("20.00")
    snake = {**TR_FIXTURE["properties"], "pre_approval": False}
    del snake["preApproval"]
    tr = TaskingRequest.model_validate({**TR_FIXTURE, "properties": snake})
    assert tr.properties.pre_approval is False


def test_cancellation_fee_schedule() -> None:
    first = datetime(2030, 1, 10, 12, tzinfo=timezone.utc)
    assert cancellation_fee_fraction(first, first - timedelta(hours=73)) == 0.0
    assert cancellation_fee_fraction(first, first - timedelta(hours=72)) == 0.25
    assert cancellation_fee_fraction(first, first - timedelta(hours=13)) == 0.25
    assert cancellation_fee_fraction(first, first - timedelta(hours=12)) is None
    assert cancellation_fee_fraction(None, first) == 0.0


def test_cancellation_periods_cover_the_time_before_the_collect_in_order() -> None:
    first = datetime(2030, 1, 10, 12, tzinfo=timezone.utc)
    free_until, quarter_until = first - timedelta(hours=72), first - timedelta(hours=12)
    assert cancellation_periods(first) == [
        (None, free_until, 0.0),
        (free_until, quarter_until, 0.25),
        (quarter_until, None, None),
    ]
    # Each period's fraction is what cancelling inside it costs.
    for start, until, fraction in cancellation_periods(first):
        inside = (until or first) - timedelta(minutes=1)
        assert cancellation_fee_fraction(first, inside) == fraction, (start, until)


def test_workflow_answers_the_review(console: ConsoleClient, emulator: Emulator) -> None:
    from capella_qgis.core.workflows.tasking import answer_cost_review

    yes, no = _create(console), _create(console)
    assert (
        answer_cost_review(console, yes.id, True, expected_total="$1,500.00").status == "submitted"
    )
    assert answer_cost_review(console, no.id, False).status == "rejected"
    assert [p.json for p in _patches(emulator)] == [{"status": "approved"}, {"status": "rejected"}]

"""Cost cap of an automatic order: money parsing and the verdict (pure, no Console)."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any, Optional

import pytest

from capella_qgis.core.models.orders import Order, OrderReview
from capella_qgis.core.workflows.orders import (
    CAP_ABOVE,
    CAP_CURRENCY,
    CAP_NO_PRICE,
    CAP_NOT_AUTHORIZED,
    CAP_REUSED,
    CAP_WITHIN,
    Money,
    ReviewResult,
    as_items,
    check_cost_cap,
    format_money,
    parse_money,
)
from tests.unit.core_support import ORDER_FIXTURE, REVIEW_DENIED, REVIEW_OK, stac_item


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$0.00", Money("$", Decimal("0.00"))),
        ("$1,000.00", Money("$", Decimal("1000.00"))),
        ("$1,234,567.5", Money("$", Decimal("1234567.5"))),
        (" $ 20 ", Money("$", Decimal("20"))),
        ("USD 12.30", Money("USD", Decimal("12.30"))),
        ("12.30 €", Money("€", Decimal("12.30"))),
        ("$-5.00", Money("$", Decimal("-5.00"))),
        ("", None),
        (None, None),
        ("free", None),
        ("$1.000,00", None),  # a decimal comma is not the Console's format: not guessed
        ("$12 USD", None),  # two currencies
        ("$1 2", None),
    ],
)
def test_parse_money(text: Optional[str], expected: Optional[Money]) -> None:
    assert parse_money(text) == expected


def test_format_money() -> None:
    assert format_money(Decimal("1234.5")) == "$1,234.50"
    assert format_money(Decimal(0)) == "$0.00"
    assert format_money(Decimal("3"), "USD") == "USD 3.00"
    assert str(Money("$", Decimal("4875"))) == "$4,875.00"


def _result(
    total: Optional[str] = "$0.00", *, authorized: bool = True, reuse: bool = False
) -> ReviewResult:
    body: dict[str, Any] = copy.deepcopy(REVIEW_OK if authorized else REVIEW_DENIED)
    if authorized:
        body["orderDetails"]["summary"]["total"] = total
    reuse_order = Order.model_validate(ORDER_FIXTURE) if reuse else None
    return ReviewResult(
        as_items([stac_item(1)]), OrderReview.model_validate(body), reuse_order=reuse_order
    )


@pytest.mark.parametrize(
    ("result", "cap", "reason", "ok"),
    [
        (_result("$1,000.00"), "1000", CAP_WITHIN, True),  # the cap itself is within
        (_result("$1,000.00"), "999.99", CAP_ABOVE, False),
        (_result("$0.00"), "0", CAP_WITHIN, True),
        (_result("$0.01"), "0", CAP_ABOVE, False),
        (_result("$4,875.00"), "10000", CAP_WITHIN, True),
        (_result(authorized=False), "1000000", CAP_NOT_AUTHORIZED, False),
        (_result(None), "1000000", CAP_NO_PRICE, False),
        (_result("call us"), "1000000", CAP_NO_PRICE, False),
        (_result("€10.00"), "1000000", CAP_CURRENCY, False),
        (_result("$9,999.00", reuse=True), "0", CAP_REUSED, True),  # nothing new is bought
    ],
)
def test_check_cost_cap(result: ReviewResult, cap: str, reason: str, ok: bool) -> None:
    check = check_cost_cap(result, Decimal(cap))
    assert (check.reason, check.ok) == (reason, ok)
    if reason in (CAP_WITHIN, CAP_ABOVE, CAP_CURRENCY):
        assert check.total == parse_money(result.review.total)


def test_denied_review_fails_even_with_a_readable_total() -> None:
    result = _result("$1.00")
    result.review.authorized = False
    assert check_cost_cap(result, Decimal("100")).reason == CAP_NOT_AUTHORIZED

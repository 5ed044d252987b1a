"""Ordering: review with active-order coverage, and submit reusing a covering active order.

Also what a tasking request's order is (its collects' products), and the cost-cap check of an
automatic order (``check_cost_cap``): pure, so the GUI only words its verdict.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from capella_qgis.core.exceptions import (
    CancelledError,
    CapellaError,
    InsufficientFundsError,
    OrderRejectedError,
    user_message,
)
from capella_qgis.core.models.account import Organization
from capella_qgis.core.models.orders import Order, OrderReview
from capella_qgis.core.models.stac import StacItem
from capella_qgis.core.search.collects import collect_products

if TYPE_CHECKING:
    from capella_qgis.core.api.client import ConsoleClient

LOGGER = logging.getLogger(__name__)
ItemLike = Union[StacItem, Mapping[str, Any]]


def as_items(items: Sequence[ItemLike]) -> list[StacItem]:
    """STAC item dicts (e.g. from a footprint layer's ``item_json``) as models."""
    return [i if isinstance(i, StacItem) else StacItem.model_validate(dict(i)) for i in items]


@dataclass
class ReviewResult:
    """What ordering ``items`` (and bare ``stac_ids``) would cost, and what is already ordered."""

    items: list[StacItem]
    review: OrderReview
    organization: Optional[Organization] = None
    # stac_id -> id of an active order that already contains it
    covered: dict[str, str] = field(default_factory=dict)
    reuse_order: Optional[Order] = None  # an active order containing every product
    contract_id: Optional[str] = None
    stac_ids: list[str] = field(default_factory=list)

    @property
    def all_covered(self) -> bool:
        return self.reuse_order is not None

    @property
    def ids(self) -> list[str]:
        return [i.id for i in self.items] + [s for s in self.stac_ids if s]


@dataclass
class PlacedOrder:
    """The order that holds the products, and whether it was an existing active one."""

    order: Order
    reused: bool


def review_order(
    client: ConsoleClient,
    items: Sequence[ItemLike] = (),
    stac_ids: Sequence[str] = (),
    contract_id: Optional[str] = None,
    *,
    tasking_request_ids: Sequence[str] = (),
    organization: bool = True,
    is_cancelled: Optional[Callable[[], bool]] = None,
) -> ReviewResult:
    """``POST /orders/review`` (never raises for a denial), the active orders covering the
    products, and (``organization``) the organization's contracts, which are optional.

    ``tasking_request_ids``: the products of those completed requests are reviewed too.
    """
    models = as_items(items)
    if tasking_request_ids:
        models += tasking_request_items(client, tasking_request_ids, is_cancelled=is_cancelled)
    contract_id = contract_id or None
    org: Optional[Organization] = None
    if organization:
        try:
            org = client.account.get_organization()
        except CapellaError as exc:  # contracts are optional: the default one is charged
            LOGGER.info("No organization details (%s); using the default contract", exc)
    _check(is_cancelled)
    covered: dict[str, str] = {}
    for order in client.orders.list_orders(active_only=True):
        for stac_id in order.stac_ids:
            covered.setdefault(stac_id, order.order_id)
    _check(is_cancelled)
    ids = [i.id for i in models] + list(stac_ids)
    reuse = client.orders.find_active_order_covering(ids) if ids else None
    _check(is_cancelled)
    if stac_ids:  # bare ids: the client looks every id up (items alone would skip some)
        review = client.orders.review_order(None, ids, contract_id, raise_if_denied=False)
    else:
        review = client.orders.review_order(models, None, contract_id, raise_if_denied=False)
    return ReviewResult(models, review, org, covered, reuse, contract_id, list(stac_ids))


def place_order(
    client: ConsoleClient,
    items: Sequence[ItemLike] = (),
    stac_ids: Sequence[str] = (),
    contract_id: Optional[str] = None,
    *,
    reuse_active: bool = True,
    is_cancelled: Optional[Callable[[], bool]] = None,
) -> PlacedOrder:
    """Reuse an active order containing every product (no ``POST /orders``), else review and
    submit a new one (a denied review raises InsufficientFundsError, nothing is bought)."""
    models = as_items(items)
    ids = [i.id for i in models] + list(stac_ids)
    if reuse_active and ids:
        existing = client.orders.find_active_order_covering(ids)
        if existing is not None:
            return PlacedOrder(existing, True)
    _check(is_cancelled)
    if stac_ids:  # bare ids: the client looks every id up (items alone would skip some)
        order = client.orders.submit_order(None, ids, contract_id or None, reuse_active=False)
    else:
        order = client.orders.submit_order(models, None, contract_id or None, reuse_active=False)
    return PlacedOrder(order, False)


def tasking_request_items(
    client: ConsoleClient,
    tasking_request_ids: Sequence[str],
    *,
    is_cancelled: Optional[Callable[[], bool]] = None,
) -> list[StacItem]:
    """The catalog products of the collects of completed tasking requests (what ordering
    them buys); CapellaError when a request is not completed or has nothing to order yet."""
    found = collect_products(
        client, tasking_request_ids=tasking_request_ids, is_cancelled=is_cancelled
    )
    for warning in found.warnings:  # read in part: the rest is ordered, the log says what
        LOGGER.warning("%s", warning)
    if found.without_collects:
        raise CapellaError(
            f"Tasking request {found.without_collects[0]} has no collects yet; try again once "
            "they are delivered",
            code="NO_COLLECTS",
        )
    if not found.items:
        raise CapellaError(
            "The catalog has no products of this tasking request yet; try again once they are "
            "processed",
            code="NO_PRODUCTS",
        )
    return found.items


@dataclass(frozen=True)
class TaskingRequestOrder:
    """Order and download the products of completed tasking requests, after a review.

    ``cost_cap`` None: the user is shown the review and says yes or no. A number: the user
    opted in beforehand to an automatic order costing at most that much (``check_cost_cap``);
    anything else is shown to them and nothing is ordered.
    """

    tasking_request_ids: tuple[str, ...]
    folder: Path
    cost_cap: Optional[Decimal] = None
    label: str = ""  # the requests' names, for messages


# --- cost cap --------------------------------------------------------------------------------

#: The currency of the Console's prices: its money values are pre-formatted dollar strings
#: ("$1,000.00", API contract §6.3), so a cost cap is asked for, and compared, in it.
CONSOLE_CURRENCY = "$"

_MONEY = re.compile(
    r"^\s*(?P<pre>[^\d\s.,+-]*)\s*(?P<num>[+-]?\d[\d,]*(?:\.\d+)?|[+-]?\.\d+)\s*"
    r"(?P<post>[^\d\s.,+-]*)\s*$"
)


@dataclass(frozen=True)
class Money:
    """An amount and its currency as the Console writes it (``$``, ``USD``…)."""

    currency: str
    amount: Decimal

    def __str__(self) -> str:
        return format_money(self.amount, self.currency)


def format_money(amount: Decimal, currency: str = CONSOLE_CURRENCY) -> str:
    """``$1,234.50`` (the Console's own format; ``USD 1,234.50`` for a currency code)."""
    sep = " " if currency[-1:].isalpha() else ""
    return f"{currency}{sep}{amount:,.2f}"


def parse_money(text: Optional[str]) -> Optional[Money]:
    """``"$1,000.00"`` → ``Money("$", Decimal("1000.00"))``; None when it is not one price."""
    match = _MONEY.match(text or "")
    if match is None:
        return None
    pre, post = match.group("pre"), match.group("post")
    if pre and post:
        return None
    try:
        amount = Decimal(match.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    return Money(pre or post, amount)


# Why an automatic order was, or was not, placed.
CAP_WITHIN = "within"  # the total is at most the cap
CAP_REUSED = "reused"  # every product is in an active order: nothing new is bought
CAP_ABOVE = "above"  # the total is more than the cap
CAP_NOT_AUTHORIZED = "not_authorized"  # the Console denied the order
CAP_NO_PRICE = "no_price"  # the review gave no readable total
CAP_CURRENCY = "currency"  # the total is in another currency than the cap


@dataclass(frozen=True)
class CostCheck:
    """The verdict of :func:`check_cost_cap`: order automatically only when ``ok``."""

    reason: str
    total: Optional[Money] = None

    @property
    def ok(self) -> bool:
        return self.reason in (CAP_WITHIN, CAP_REUSED)


def check_cost_cap(
    result: ReviewResult, cap: Decimal, currency: str = CONSOLE_CURRENCY
) -> CostCheck:
    """Whether the reviewed order may be placed without asking: authorized, and its total,
    in ``currency``, at most ``cap``. Anything unreadable fails (the user is asked instead)."""
    if result.all_covered:
        return CostCheck(CAP_REUSED)
    review = result.review
    if not review.authorized:
        return CostCheck(CAP_NOT_AUTHORIZED)
    total = parse_money(review.total)
    if total is None:
        return CostCheck(CAP_NO_PRICE)
    if total.currency != currency:
        return CostCheck(CAP_CURRENCY, total)
    if total.amount > cap:
        return CostCheck(CAP_ABOVE, total)
    return CostCheck(CAP_WITHIN, total)


def order_failure_message(exc: BaseException) -> str:
    """What a failed review or order says, wherever it failed (task bar, dock, Processing)."""
    if isinstance(exc, InsufficientFundsError):
        return f"The order was not authorized: {exc.message}"
    if isinstance(exc, OrderRejectedError):
        return f"The Console rejected the order ({exc.message}). Nothing was charged."
    return user_message(exc)


def _check(is_cancelled: Optional[Callable[[], bool]]) -> None:
    if is_cancelled is not None and is_cancelled():
        raise CancelledError()

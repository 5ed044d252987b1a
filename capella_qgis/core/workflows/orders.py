"""Ordering: review with active-order coverage, and submit reusing a covering active order."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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
    organization: bool = True,
    is_cancelled: Optional[Callable[[], bool]] = None,
) -> ReviewResult:
    """``POST /orders/review`` (never raises for a denial), the active orders covering the
    products, and (``organization``) the organization's contracts, which are optional."""
    models = as_items(items)
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

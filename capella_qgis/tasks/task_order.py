"""Order tasks: review (prices, contracts, active-order reuse) and submit, off the main thread."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Union

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.exceptions import (
    AuthenticationError,
    CapellaError,
    InsufficientFundsError,
    OrderRejectedError,
)
from capella_qgis.core.models.console import Order, OrderReview, Organization, StacItem
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.footprints.layer import write_footprints
from capella_qgis.tasks.task_base import BaseTask
from capella_qgis.toolbelt.compat import tr
from capella_qgis.toolbelt.network import build_client
from capella_qgis.toolbelt.settings import PluginSettings

LOGGER = logging.getLogger(__name__)
ItemLike = Union[StacItem, Mapping[str, Any]]


def as_items(items: Sequence[ItemLike]) -> list[StacItem]:
    """STAC item dicts (e.g. from a footprint layer's ``item_json``) as models."""
    return [i if isinstance(i, StacItem) else StacItem.model_validate(dict(i)) for i in items]


def order_error_message(exc: BaseException) -> str:
    """A clear, user-facing sentence for the ordering failures users can act on."""
    if isinstance(exc, InsufficientFundsError):
        return tr("The order was not authorized: {reason}").format(reason=exc.message)
    if isinstance(exc, OrderRejectedError):
        return tr("The Console rejected the order ({detail}). Nothing was charged.").format(
            detail=exc.message
        )
    if isinstance(exc, AuthenticationError):
        return tr(
            "Your Capella session has expired or the API key was rejected ({detail}). "
            "Sign in again in Settings › Capella, then resubmit the order."
        ).format(detail=str(exc))
    return str(exc)


@dataclass
class ReviewResult:
    items: list[StacItem]
    review: OrderReview
    organization: Optional[Organization] = None
    # stac_id -> id of an active order that already contains it
    covered: dict[str, str] = field(default_factory=dict)
    reuse_order: Optional[Order] = None
    contract_id: Optional[str] = None

    @property
    def all_covered(self) -> bool:
        return self.reuse_order is not None


class _OrderTaskBase(BaseTask):
    def __init__(
        self,
        description: str,
        *,
        settings: Optional[PluginSettings] = None,
        client: Optional[ConsoleClient] = None,
        on_success: Optional[Callable[[Any], None]] = None,
        on_error: Optional[Callable[[str], None]] = None,
    ) -> None:
        super().__init__(description, on_success=on_success, on_error=on_error)
        self.client = client if client is not None else build_client(settings)

    def cleanup(self) -> None:
        self.client.close()

    def _describe_failure(self) -> str:
        if isinstance(self.exception, CapellaError):
            LOGGER.warning("%s: %s", self.description(), self.exception)
            return order_error_message(self.exception)
        return super()._describe_failure()


class ReviewOrderTask(_OrderTaskBase):
    """``POST /orders/review`` plus the organization's contracts and active-order coverage."""

    def __init__(
        self, items: Sequence[ItemLike], contract_id: Optional[str] = None, **kwargs: Any
    ) -> None:
        super().__init__(tr("Capella: review order"), **kwargs)
        self.items = as_items(items)
        self.contract_id = contract_id or None

    def _run(self) -> ReviewResult:
        try:
            organization = self.client.get_organization()
        except CapellaError as exc:  # contracts are optional: the default one is charged
            LOGGER.info("No organization details (%s); using the default contract", exc)
            organization = None
        self.check_cancelled()
        covered: dict[str, str] = {}
        for order in self.client.list_orders(active_only=True):
            for stac_id in order.stac_ids:
                covered.setdefault(stac_id, order.order_id)
        self.check_cancelled()
        ids = [i.id for i in self.items]
        reuse = self.client.find_active_order_covering(ids) if ids else None
        review = self.client.review_order(
            self.items, contract_id=self.contract_id, raise_if_denied=False
        )
        return ReviewResult(self.items, review, organization, covered, reuse, self.contract_id)


class SubmitOrderTask(_OrderTaskBase):
    """Submit (or reuse an active covering order, without any ``POST /orders``)."""

    def __init__(
        self,
        items: Sequence[ItemLike],
        contract_id: Optional[str] = None,
        *,
        reuse_active: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(tr("Capella: submit order"), **kwargs)
        self.items = as_items(items)
        self.contract_id = contract_id or None
        self.reuse_active = reuse_active

    def _run(self) -> Order:
        return self.client.submit_order(
            self.items, contract_id=self.contract_id, reuse_active=self.reuse_active
        )


class ListOrdersTask(_OrderTaskBase):
    """``GET /orders`` (all, or active only) for the Orders dock."""

    def __init__(self, active_only: bool = False, **kwargs: Any) -> None:
        super().__init__(tr("Capella: list orders"), **kwargs)
        self.active_only = active_only

    def _run(self) -> list[Order]:
        return self.client.list_orders(active_only=self.active_only)


class PresignTask(_OrderTaskBase):
    """Presigned items for products: a given order, or an active order covering them all."""

    def __init__(
        self, stac_ids: Sequence[str], order_id: Optional[str] = None, **kwargs: Any
    ) -> None:
        super().__init__(tr("Capella: fetch download links"), **kwargs)
        self.stac_ids = list(stac_ids)
        self.order_id = order_id

    def _run(self) -> tuple[str, list[Any]]:
        order_id = self.order_id
        if not order_id:
            order = self.client.find_active_order_covering(self.stac_ids)
            if order is None:
                raise CapellaError(tr("No active order contains these products; order them first."))
            order_id = order.order_id
        return order_id, self.client.get_presigned_items(order_id, self.stac_ids)


class OrderFootprintsTask(_OrderTaskBase):
    """Write an order's products as a footprint layer (GeoPackage) for the main thread."""

    def __init__(self, order_id: str, gpkg_path: Any, **kwargs: Any) -> None:
        super().__init__(tr("Capella: footprints of order {id}").format(id=order_id), **kwargs)
        self.order_id = order_id
        self.gpkg_path = gpkg_path

    def _run(self) -> Any:
        order = self.client.get_order(self.order_id)
        ids = order.stac_ids
        if not ids:
            raise CapellaError(tr("Order {id} has no products.").format(id=self.order_id))
        found = self.client.search(CatalogQuery(ids=ids, limit=len(ids)))
        return write_footprints(found, self.gpkg_path, f"order_{self.order_id[:8]}")

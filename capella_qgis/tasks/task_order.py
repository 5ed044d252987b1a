"""Order tasks: review (prices, contracts, active-order reuse) and submit, off the main thread.

The work itself is ``core.workflows.orders`` (shared with the Processing algorithms); a failure
reads as ``order_failure_message`` says, here and there.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Callable, Optional

from capella_qgis.core.exceptions import CapellaError
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.core.workflows.orders import (
    ItemLike,
    PlacedOrder,
    ReviewResult,
    as_items,
    order_failure_message,
    place_order,
    review_order,
)
from capella_qgis.footprints.layer import write_footprints
from capella_qgis.tasks.clients import ClientSource
from capella_qgis.tasks.task_base import BaseTask
from capella_qgis.toolbelt.compat import tr

LOGGER = logging.getLogger(__name__)

__all__ = [
    "ListOrdersTask",
    "OrderFootprintsTask",
    "PlacedOrder",
    "PresignTask",
    "ReviewOrderTask",
    "ReviewResult",
    "SubmitOrderTask",
    "as_items",
]


class _OrderTaskBase(BaseTask):
    def __init__(
        self,
        description: str,
        *,
        client: Optional[ClientSource] = None,
        on_success: Optional[Callable[[Any], None]] = None,
        on_error: Optional[Callable[[str], None]] = None,
    ) -> None:
        super().__init__(description, on_success=on_success, on_error=on_error)
        self.client = self.open_client(client)

    def _describe_failure(self) -> str:
        if isinstance(self.exception, CapellaError):
            LOGGER.warning("%s: %s", self.description(), self.exception)
            return order_failure_message(self.exception)
        return super()._describe_failure()


class ReviewOrderTask(_OrderTaskBase):
    """``POST /orders/review`` plus the organization's contracts and active-order coverage.

    ``tasking_request_ids``: the products of those completed requests are looked up and
    reviewed too (in the task: it is several API calls).
    """

    def __init__(
        self,
        items: Sequence[ItemLike],
        contract_id: Optional[str] = None,
        *,
        tasking_request_ids: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        self.items = as_items(items)  # before the client: a bad item opens nothing
        self.contract_id = contract_id or None
        self.tasking_request_ids = tuple(tasking_request_ids)
        super().__init__(tr("Capella: review order"), **kwargs)

    def _run(self) -> ReviewResult:
        return review_order(
            self.client,
            self.items,
            contract_id=self.contract_id,
            tasking_request_ids=self.tasking_request_ids,
            is_cancelled=self.isCanceled,
        )


class SubmitOrderTask(_OrderTaskBase):
    """Submit (or reuse an active covering order, without any ``POST /orders``).

    Result: a :class:`PlacedOrder` (the order, and whether it was reused).
    """

    def __init__(
        self,
        items: Sequence[ItemLike],
        contract_id: Optional[str] = None,
        *,
        reuse_active: bool = True,
        **kwargs: Any,
    ) -> None:
        self.items = as_items(items)
        self.contract_id = contract_id or None
        self.reuse_active = reuse_active
        super().__init__(tr("Capella: submit order"), **kwargs)

    def _run(self) -> PlacedOrder:
        return place_order(
            self.client,
            self.items,
            contract_id=self.contract_id,
            reuse_active=self.reuse_active,
            is_cancelled=self.isCanceled,
        )


class ListOrdersTask(_OrderTaskBase):
    """``GET /orders`` (all, or active only) for the Orders dock."""

    def __init__(self, active_only: bool = False, **kwargs: Any) -> None:
        self.active_only = active_only
        super().__init__(tr("Capella: list orders"), **kwargs)

    def _run(self) -> list[Any]:
        return self.client.orders.list_orders(active_only=self.active_only)


class PresignTask(_OrderTaskBase):
    """Presigned items for products: a given order, or an active order covering them all."""

    def __init__(
        self, stac_ids: Sequence[str], order_id: Optional[str] = None, **kwargs: Any
    ) -> None:
        self.stac_ids = list(stac_ids)
        self.order_id = order_id
        super().__init__(tr("Capella: fetch download links"), **kwargs)

    def _run(self) -> tuple[str, list[Any]]:
        order_id = self.order_id
        if not order_id:
            order = self.client.orders.find_active_order_covering(self.stac_ids)
            if order is None:
                raise CapellaError(tr("No active order contains these products; order them first."))
            order_id = order.order_id
        return order_id, self.client.orders.get_presigned_items(order_id, self.stac_ids)


class OrderFootprintsTask(_OrderTaskBase):
    """Write an order's products as a footprint layer (GeoPackage) for the main thread."""

    def __init__(self, order_id: str, gpkg_path: Any, **kwargs: Any) -> None:
        self.order_id = order_id
        self.gpkg_path = gpkg_path
        super().__init__(tr("Capella: footprints of order {id}").format(id=order_id), **kwargs)

    def _run(self) -> Any:
        order = self.client.orders.get_order(self.order_id)
        ids = order.stac_ids
        if not ids:
            raise CapellaError(tr("Order {id} has no products.").format(id=self.order_id))
        found = self.client.catalog.search(CatalogQuery(ids=ids, limit=len(ids)))
        return write_footprints(found, self.gpkg_path, f"order_{self.order_id[:8]}")

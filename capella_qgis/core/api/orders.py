"""Order endpoints: list, review, submit, presigned items (contract §6)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any, Optional

from capella_qgis.core.api.account import AccountApi
from capella_qgis.core.api.catalog import CatalogApi
from capella_qgis.core.api.session import ApiSession
from capella_qgis.core.exceptions import (
    InputError,
    InsufficientFundsError,
    NoValidStacIdsError,
    OrderRejectedError,
)
from capella_qgis.core.models.base import (
    Records,
    as_utc,
    key_at,
    parse_list,
    parse_model,
    parse_records,
    problems_of,
)
from capella_qgis.core.models.enums import CATALOG_MAX_ITEMS
from capella_qgis.core.models.orders import Order, OrderReview
from capella_qgis.core.models.stac import PresignedItem, StacItem
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.core.validation import validate_uuid

_NEVER = datetime.min.replace(tzinfo=timezone.utc)


class OrdersApi:
    """``client.orders``; scoped by the account's user, resolves STAC ids via the catalog."""

    def __init__(self, session: ApiSession, account: AccountApi, catalog: CatalogApi) -> None:
        self.session = session
        self.account = account
        self.catalog = catalog

    def list_orders(
        self, active_only: bool = False, *, now: Optional[datetime] = None, strict: bool = False
    ) -> list[Order]:
        """``GET /orders``; active = not expired and not rejected, latest-expiring first.

        An order that cannot be read in full is kept without the unreadable field, or left
        out, and reported (``.problems``, a log warning). ``strict``: any such order fails
        the call instead (MalformedResponseError), for decisions that may cost money.
        """
        user = self.account.get_user()
        data = self.session.call("GET", "/orders", "GET /orders", params={"customerId": user.id})
        if strict:
            orders: list[Order] = parse_list(Order, data, "GET /orders")
        else:
            orders = parse_records(Order, data, "GET /orders", "order", key_at("orderId"))
        if not active_only:
            return orders
        active = [o for o in orders if o.is_active(now)]
        # is_active() guarantees an expiration date; _NEVER only satisfies the type checker.
        active.sort(key=lambda o: as_utc(o.expiration_date) or _NEVER, reverse=True)
        return Records(active, problems_of(orders))

    def get_order(self, order_id: str) -> Order:
        order_id = validate_uuid(order_id, "order_id")
        data = self.session.call("GET", f"/orders/{order_id}", "GET /orders/{id}")
        return parse_model(Order, data, "GET /orders/{id}")

    def find_active_order_covering(
        self, stac_ids: Iterable[str], *, now: Optional[datetime] = None
    ) -> Optional[Order]:
        """The latest-expiring active order containing every one of ``stac_ids``.

        Reads the orders strictly: an order we cannot read may be the covering one, and
        passing over it would place (and may bill) a new order for products already paid for.
        """
        wanted = set(stac_ids)
        if not wanted:
            return None
        for order in self.list_orders(active_only=True, now=now, strict=True):
            if wanted <= set(order.stac_ids):
                return order
        return None

    def _items_for_order(
        self,
        items: Optional[Sequence[StacItem]],
        stac_ids: Optional[Sequence[str]],
    ) -> list[StacItem]:
        if items:
            return list(items)
        ids = list(dict.fromkeys(s for s in (stac_ids or []) if s))
        if not ids:
            raise InputError("Nothing to order: select products (items or STAC ids) first")
        if len(ids) > CATALOG_MAX_ITEMS:
            raise InputError(f"Too many products in one order (max {CATALOG_MAX_ITEMS})")
        found = self.catalog.search(CatalogQuery(ids=ids, limit=len(ids)))
        if len(found) == 0:
            raise NoValidStacIdsError(
                f"None of the {len(ids)} STAC id(s) exist in the catalog: "
                + ", ".join(ids[:5])
                + ("…" if len(ids) > 5 else "")
            )
        return found.items

    @staticmethod
    def order_body(items: Sequence[StacItem], contract_id: Optional[str] = None) -> dict[str, Any]:
        """``{"items": [{collectionId, granuleId}], "contractId"?}`` grouped by collection."""
        groups: dict[str, list[str]] = {}
        for item in items:
            if not item.collection:
                raise InputError(f"STAC item {item.id} has no collection; search it again")
            ids = groups.setdefault(item.collection, [])
            if item.id not in ids:
                ids.append(item.id)
        body: dict[str, Any] = {
            "items": [
                {"collectionId": collection, "granuleId": granule}
                for collection, granules in groups.items()
                for granule in granules
            ]
        }
        if contract_id:
            body["contractId"] = contract_id
        return body

    def review_order(
        self,
        items: Optional[Sequence[StacItem]] = None,
        stac_ids: Optional[Sequence[str]] = None,
        contract_id: Optional[str] = None,
        *,
        raise_if_denied: bool = True,
    ) -> OrderReview:
        """``POST /orders/review``; not authorised → InsufficientFundsError (server wording)."""
        body = self.order_body(self._items_for_order(items, stac_ids), contract_id)
        data = self.session.call(
            "POST", "/orders/review", "POST /orders/review", json_body=body, idempotent=True
        )
        review = parse_model(OrderReview, data, "POST /orders/review")
        if raise_if_denied and not review.authorized:
            reason = review.authorization_denial_reason
            raise InsufficientFundsError(
                review.denial_message or "The order was not authorised",
                code=(reason.code if reason and reason.code else None),
            )
        return review

    def submit_order(
        self,
        items: Optional[Sequence[StacItem]] = None,
        stac_ids: Optional[Sequence[str]] = None,
        contract_id: Optional[str] = None,
        *,
        reuse_active: bool = False,
        review: bool = True,
    ) -> Order:
        """Order products (contract §6.5); with ``reuse_active`` an active covering order is
        returned without any POST."""
        ids = [i.id for i in items] if items else list(stac_ids or [])
        if not ids:
            raise InputError("Nothing to order: select products (items or STAC ids) first")
        if reuse_active:
            existing = self.find_active_order_covering(ids)
            if existing is not None:
                return existing
        to_order = self._items_for_order(items, ids)
        body = self.order_body(to_order, contract_id)
        if review:
            self.review_order(to_order, contract_id=contract_id)
        # A creating POST: resent only if provably not processed (see core.api.http.RetryPolicy).
        data = self.session.call(
            "POST", "/orders", "POST /orders", json_body=body, idempotent=False
        )
        order = parse_model(Order, data, "POST /orders")
        if order.is_rejected:
            raise OrderRejectedError(f"The Console rejected order {order.order_id}")
        return order

    def get_presigned_items(
        self, order_id: str, stac_ids: Optional[Iterable[str]] = None
    ) -> list[PresignedItem]:
        """``GET /orders/{id}/download``; hrefs are secrets — log them only via redact_url."""
        order_id = validate_uuid(order_id, "order_id")
        endpoint = "GET /orders/{id}/download"
        data = self.session.call("GET", f"/orders/{order_id}/download", endpoint)
        # The order is paid for: a product (or asset) that cannot be read must not keep the
        # others from downloading; it is reported (``.problems``) instead.
        items = parse_records(PresignedItem, data, endpoint, "product", key_at("id"))
        if stac_ids is not None:
            keep = set(stac_ids)
            problems = [p for p in items.problems if p.record in keep or p.record[:1] == "#"]
            items = Records((item for item in items if item.id in keep), problems)
        return items

"""Pydantic models of orders, order reviews (prices, denial reasons) and their items."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from pydantic import Field

from capella_qgis.core.models.base import ApiModel, as_utc
from capella_qgis.core.models.enums import OrderStatus


class OrderItem(ApiModel):
    granule_id: str = Field(alias="granuleId")
    collection_id: Optional[str] = Field(None, alias="collectionId")
    type: Optional[str] = None
    size: Optional[int] = None
    previously_ordered: Optional[bool] = Field(None, alias="previouslyOrdered")
    collection_date: Optional[datetime] = Field(None, alias="collectionDate")


class Order(ApiModel):
    order_id: str = Field(alias="orderId")
    user_id: Optional[str] = Field(None, alias="userId")
    organization_id: Optional[str] = Field(None, alias="organizationId")
    order_date: Optional[datetime] = Field(None, alias="orderDate")
    expiration_date: Optional[datetime] = Field(None, alias="expirationDate")
    order_status: Optional[str] = Field(None, alias="orderStatus")
    items: list[OrderItem] = Field(default_factory=list)

    @property
    def stac_ids(self) -> list[str]:
        return [item.granule_id for item in self.items]

    @property
    def is_rejected(self) -> bool:
        return (self.order_status or "").lower() == OrderStatus.rejected.value

    def is_active(self, now: Optional[datetime] = None) -> bool:
        """Not expired (aware compare) and not rejected."""
        expires = as_utc(self.expiration_date)
        if expires is None or self.is_rejected:
            return False
        return expires >= (as_utc(now) or datetime.now(timezone.utc))


class DenialReason(ApiModel):
    message: Optional[str] = None
    code: Optional[str] = None


class OrderSummary(ApiModel):
    subtotal: Optional[str] = None
    total: Optional[str] = None


class LineItemOrder(ApiModel):
    final_list_price: Optional[str] = Field(None, alias="finalListPrice")


class ReviewLineItem(ApiModel):
    granule_id: Optional[str] = Field(None, alias="granuleId")
    collection_id: Optional[str] = Field(None, alias="collectionId")
    order: Optional[LineItemOrder] = None

    @property
    def price(self) -> Optional[str]:
        return self.order.final_list_price if self.order else None


class OrderDetails(ApiModel):
    summary: Optional[OrderSummary] = None
    line_items: list[ReviewLineItem] = Field(default_factory=list, alias="lineItems")


class OrderReview(ApiModel):
    authorized: bool = False
    authorization_denial_reason: Optional[DenialReason] = Field(
        None, alias="authorizationDenialReason"
    )
    order_details: Optional[OrderDetails] = Field(None, alias="orderDetails")

    @property
    def denial_message(self) -> Optional[str]:
        reason = self.authorization_denial_reason
        return reason.message if reason else None

    @property
    def summary(self) -> Optional[OrderSummary]:
        return self.order_details.summary if self.order_details else None

    @property
    def line_items(self) -> list[ReviewLineItem]:
        return self.order_details.line_items if self.order_details else []

    @property
    def total(self) -> Optional[str]:
        return self.summary.total if self.summary else None

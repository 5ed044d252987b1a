"""Pydantic models of Console API responses: user, STAC items, search pages, orders."""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from typing import Any, Optional, TypeVar, Union

import pydantic
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from capella_qgis.core.exceptions import MalformedResponseError
from capella_qgis.core.models.enums import MAIN_ASSET_KEYS, OrderStatus, UserRole

M = TypeVar("M", bound=BaseModel)
# Alias because StacItemProperties has a field named "datetime" that would shadow the type.
Timestamp = datetime


class ApiModel(BaseModel):
    """Base of response models: unknown fields kept, snake_case or wire names accepted."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


def _loc(error: dict[str, Any]) -> str:
    return ".".join(str(p) for p in error.get("loc", ())) or "<root>"


def parse_model(cls: type[M], data: Any, endpoint: str) -> M:
    """Validate ``data`` as ``cls``; a mismatch becomes MalformedResponseError naming the field."""
    try:
        return cls.model_validate(data)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        field = _loc(first)
        raise MalformedResponseError(
            f"Unexpected response from {endpoint}: field '{field}' {first.get('msg', 'invalid')}"
            f" ({exc.error_count()} problem(s))",
            field=field,
        ) from exc


def parse_list(cls: type[M], data: Any, endpoint: str) -> list[M]:
    if not isinstance(data, list):
        raise MalformedResponseError(
            f"Unexpected response from {endpoint}: expected a JSON array, got "
            f"{type(data).__name__}",
            field="<root>",
        )
    out = []
    for index, entry in enumerate(data):
        try:
            out.append(cls.model_validate(entry))
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            field = f"[{index}].{_loc(first)}"
            raise MalformedResponseError(
                f"Unexpected response from {endpoint}: field '{field}' "
                f"{first.get('msg', 'invalid')}",
                field=field,
            ) from exc
    return out


def as_utc(value: Optional[datetime]) -> Optional[datetime]:
    """Aware UTC datetime; naive values are taken as UTC (the SDK would crash on them)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


# ---------------------------------------------------------------------------------- identity


class User(ApiModel):
    id: str
    organization_id: Optional[str] = Field(None, alias="organizationId")
    email: Optional[str] = None
    roles: list[str] = Field(default_factory=list)

    @property
    def is_organization_manager(self) -> bool:
        return UserRole.organization_manager.value in self.roles

    @property
    def is_admin(self) -> bool:
        return UserRole.admin.value in self.roles


class Contract(ApiModel):
    id: str
    name: Optional[str] = None


class Organization(ApiModel):
    id: str
    name: Optional[str] = None
    contracts: list[Contract] = Field(default_factory=list)


class ErrorBody(ApiModel):
    """Any of the error body shapes of contract §3.1."""

    error: Optional[Union[str, dict[str, Any]]] = None
    message: Optional[str] = None
    Message: Optional[str] = None


# -------------------------------------------------------------------------------------- STAC


class StacAsset(ApiModel):
    href: str
    type: Optional[str] = None
    title: Optional[str] = None
    roles: Optional[list[str]] = None


class StacLink(ApiModel):
    rel: Optional[str] = None
    href: str
    method: Optional[str] = None
    type: Optional[str] = None
    body: Optional[dict[str, Any]] = None


class StacItemProperties(ApiModel):
    """Known STAC properties; enum-like ones stay ``str`` so unknown values never break parsing."""

    datetime: Optional[Timestamp] = None
    start_datetime: Optional[Timestamp] = None
    end_datetime: Optional[Timestamp] = None
    created: Optional[Timestamp] = None
    updated: Optional[Timestamp] = None
    platform: Optional[str] = None
    constellation: Optional[str] = None
    instruments: Optional[list[str]] = None
    local_datetime: Optional[str] = Field(None, alias="locale:datetime")
    local_timezone: Optional[str] = Field(None, alias="locale:timezone")
    local_time: Optional[str] = Field(None, alias="locale:time")
    instrument_mode: Optional[str] = Field(None, alias="sar:instrument_mode")
    frequency_band: Optional[str] = Field(None, alias="sar:frequency_band")
    center_frequency: Optional[float] = Field(None, alias="sar:center_frequency")
    polarizations: Optional[list[str]] = Field(None, alias="sar:polarizations")
    product_type: Optional[str] = Field(None, alias="sar:product_type")
    pixel_spacing_range: Optional[float] = Field(None, alias="sar:pixel_spacing_range")
    pixel_spacing_azimuth: Optional[float] = Field(None, alias="sar:pixel_spacing_azimuth")
    looks_range: Optional[float] = Field(None, alias="sar:looks_range")
    looks_azimuth: Optional[float] = Field(None, alias="sar:looks_azimuth")
    looks_equivalent_number: Optional[float] = Field(None, alias="sar:looks_equivalent_number")
    resolution_range: Optional[float] = Field(None, alias="sar:resolution_range")
    resolution_azimuth: Optional[float] = Field(None, alias="sar:resolution_azimuth")
    observation_direction: Optional[str] = Field(None, alias="sar:observation_direction")
    orbit_state: Optional[str] = Field(None, alias="sat:orbit_state")
    relative_orbit: Optional[int] = Field(None, alias="sat:relative_orbit")
    absolute_orbit: Optional[int] = Field(None, alias="sat:absolute_orbit")
    incidence_angle: Optional[float] = Field(None, alias="view:incidence_angle")
    look_angle: Optional[float] = Field(None, alias="view:look_angle")
    azimuth_angle: Optional[float] = Field(None, alias="view:azimuth")
    epsg: Optional[int] = Field(None, alias="proj:epsg")
    resolution_ground_range: Optional[float] = Field(None, alias="capella:resolution_ground_range")
    squint_angle: Optional[float] = Field(None, alias="capella:squint_angle")
    layover_angle: Optional[float] = Field(None, alias="capella:layover_angle")
    orbital_plane: Optional[int] = Field(None, alias="capella:orbital_plane")
    collect_id: Optional[str] = Field(None, alias="capella:collect_id")
    image_formation_algorithm: Optional[str] = Field(
        None, alias="capella:image_formation_algorithm"
    )
    hash: Optional[str] = Field(None, alias="capella:hash")
    billable_area: Optional[float] = Field(None, alias="capella:billable_area")
    collection_type: Optional[str] = Field(None, alias="capella:collection_type")
    rgt_id: Optional[str] = Field(None, alias="capella:rgt_id")
    archive_holdback_date: Optional[str] = Field(None, alias="capella:archive_holdback_date")
    use_case: Optional[str] = Field(None, alias="capella:use_case")


class StacItem(ApiModel):
    type: str = "Feature"
    id: str
    collection: Optional[str] = None
    stac_version: Optional[str] = None
    bbox: Optional[list[float]] = None
    geometry: Optional[dict[str, Any]] = None
    properties: StacItemProperties = Field(default_factory=StacItemProperties)
    assets: dict[str, StacAsset] = Field(default_factory=dict)
    links: list[StacLink] = Field(default_factory=list)

    # The raw wire dict, so to_feature() hands back exactly what the server sent.
    _raw: Optional[dict[str, Any]] = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_raw(cls, data: Any, handler: Any) -> Any:
        item = handler(data)
        if isinstance(data, dict) and isinstance(item, StacItem):
            item._raw = data
        return item

    @property
    def collect_id(self) -> Optional[str]:
        return self.properties.collect_id

    @property
    def product_type(self) -> Optional[str]:
        return self.properties.product_type

    def get_property(self, stac_name: str, default: Any = None) -> Any:
        """A property by its STAC name (``sar:product_type``), known or extra."""
        raw = self.to_feature().get("properties") or {}
        return raw.get(stac_name, default)

    def main_asset_key(self) -> Optional[str]:
        for key in MAIN_ASSET_KEYS:
            if key in self.assets:
                return key
        return None

    def to_feature(self) -> dict[str, Any]:
        """The item as a GeoJSON Feature dict (deep copy; safe to mutate)."""
        if self._raw is not None:
            return copy.deepcopy(self._raw)
        feature = self.model_dump(mode="json", by_alias=True, exclude_unset=True)
        feature.setdefault("type", "Feature")
        return feature


class PresignedItem(StacItem):
    """A STAC item of ``GET /orders/{id}/download``: assets carry presigned hrefs (secrets)."""

    assets: dict[str, StacAsset]


class SearchPage(ApiModel):
    type: Optional[str] = None
    number_matched: int = Field(alias="numberMatched")
    number_returned: Optional[int] = Field(None, alias="numberReturned")
    features: list[StacItem] = Field(default_factory=list)
    links: list[StacLink] = Field(default_factory=list)

    def next_link(self) -> Optional[StacLink]:
        for link in self.links:
            if link.rel == "next":
                return link
        return None


# ------------------------------------------------------------------------------------ orders


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

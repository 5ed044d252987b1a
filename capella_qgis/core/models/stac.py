"""Pydantic models of STAC items, their assets and links, and catalog search pages."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any, Optional
from urllib.parse import urljoin

from pydantic import Field, PrivateAttr, model_validator

from capella_qgis.core.models.base import ApiModel
from capella_qgis.core.models.enums import MAIN_ASSET_KEYS

# Alias because StacItemProperties has a field named "datetime" that would shadow the type.
Timestamp = datetime


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
    # model_validate, not the class: without the pydantic mypy plugin aliased fields look required.
    properties: StacItemProperties = Field(
        default_factory=lambda: StacItemProperties.model_validate({})
    )
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

    def resolve_links(self, page_url: str) -> None:
        """Make relative link hrefs absolute against ``page_url``, the URL that sent the page.

        A relative reference is relative to the document it came from (RFC 3986 §5.1), not to
        the API's base URL: ``?page=2`` from ``…/v2/catalog/search`` means
        ``…/v2/catalog/search?page=2``.
        """
        for link in self.links:
            if not link.href.startswith(("http://", "https://")):
                link.href = urljoin(page_url, link.href)

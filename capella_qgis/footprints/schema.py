"""Footprint layer schema: typed fields and STAC item → attribute conversion."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from qgis.core import QgsField, QgsFields
from qgis.PyQt.QtCore import QDateTime, Qt

from capella_qgis.core.redact import strip_json_signatures, strip_signature
from capella_qgis.core.search.pages import RawFeature
from capella_qgis.core.timefmt import to_utc
from capella_qgis.toolbelt.compat import field_type, scoped_enum

if TYPE_CHECKING:
    # The pydantic model is imported where it is used: the results list needs this module
    # while QGIS starts, and pydantic must not load then (#20).
    from capella_qgis.core.models.stac import StacItem

SEARCH_QUERY_PROPERTY = "capella/search_query"
SEARCH_ID_PROPERTY = "capella/search_id"
# GDAL metadata items stored with the GeoPackage layer (survive reloads without a project).
GPKG_QUERY_KEY = "CAPELLA_SEARCH_QUERY"
GPKG_SEARCH_ID_KEY = "CAPELLA_SEARCH_ID"
GPKG_MARKER_KEY = "CAPELLA_FOOTPRINTS"
LAYER_PREFIX = "capella_search"
EPSG_4326 = "EPSG:4326"

ItemLike = Union["StacItem", Mapping[str, Any]]
# What a footprint store writes: an item as above, or a raw search feature (dict + wire text).
FootprintEntry = Union["StacItem", RawFeature, Mapping[str, Any]]

# (name, kind); kinds: str, int, float, datetime. Names equal StacItemProperties attributes.
_FIELD_SPECS: tuple[tuple[str, str], ...] = (
    ("stac_id", "str"),
    ("collection", "str"),
    ("collect_id", "str"),
    ("datetime", "datetime"),
    ("start_datetime", "datetime"),
    ("end_datetime", "datetime"),
    ("platform", "str"),
    ("constellation", "str"),
    ("product_type", "str"),
    ("instrument_mode", "str"),
    ("polarizations", "str"),
    ("observation_direction", "str"),
    ("orbit_state", "str"),
    ("orbital_plane", "int"),
    ("incidence_angle", "float"),
    ("look_angle", "float"),
    ("azimuth_angle", "float"),
    ("squint_angle", "float"),
    ("layover_angle", "float"),
    ("resolution_range", "float"),
    ("resolution_azimuth", "float"),
    ("resolution_ground_range", "float"),
    ("pixel_spacing_range", "float"),
    ("pixel_spacing_azimuth", "float"),
    ("looks_equivalent_number", "float"),
    ("center_frequency", "float"),
    ("frequency_band", "str"),
    ("epsg", "int"),
    ("billable_area", "float"),
    ("collection_type", "str"),
    ("image_formation_algorithm", "str"),
    ("local_datetime", "str"),
    ("local_time", "str"),
    ("thumbnail_url", "str"),
    ("thumb_path", "str"),
    ("search_id", "str"),
    ("item_json", "str"),
)
_ITEM_LEVEL = {"stac_id", "collection", "thumbnail_url", "thumb_path", "search_id", "item_json"}
_PROPERTY_FIELDS = tuple(
    (name, kind)
    for name, kind in _FIELD_SPECS
    if name not in _ITEM_LEVEL and name != "polarizations"
)


def _build_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in _FIELD_SPECS:
        fields.append(QgsField(name, field_type(kind)))
    return fields


FOOTPRINT_FIELDS: QgsFields = _build_fields()
FIELD_NAMES: tuple[str, ...] = tuple(name for name, _ in _FIELD_SPECS)


@dataclass(frozen=True)
class FootprintSummary:
    """What the UI shows of a written layer, read back from the GeoPackage (footprints.summary).

    ``style_values``: the distinct non-empty values per styled field (renderer categories);
    ``time_range_complete``: every feature has start and end times; ``fids`` and ``rows``: the
    results-list columns of every feature, in fid order.
    """

    style_values: dict[str, list[str]] = field(default_factory=dict)
    time_range_complete: bool = False
    fids: list[int] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class FootprintOutput:
    """What a footprint store wrote (plain data, safe to hand across threads)."""

    path: Path
    layer_name: str
    feature_count: int
    search_id: str
    query_json: str = ""
    # Read back after the write, in the worker thread (footprints.summary.summarize).
    summary: Optional[FootprintSummary] = field(default=None, compare=False, repr=False)

    @property
    def uri(self) -> str:
        return f"{self.path}|layername={self.layer_name}"


# ------------------------------------------------------------------------------- conversions


def _as_item(item: ItemLike) -> StacItem:
    from capella_qgis.core.models.stac import StacItem

    if isinstance(item, StacItem):
        return item
    return StacItem.model_validate(dict(item))


def _qdatetime(value: Optional[datetime]) -> Any:
    if value is None:
        return None
    value = to_utc(value)
    msecs = round(value.timestamp() * 1000)
    return QDateTime.fromMSecsSinceEpoch(msecs, scoped_enum(Qt, "TimeSpec", "UTC"))


def item_record(item: ItemLike, search_id: str = "") -> dict[str, Any]:
    """Plain Python attribute values (aware UTC datetimes) keyed by footprint field name."""
    stac = _as_item(item)
    props = stac.properties
    thumbnail = stac.assets.get("thumbnail")
    pols = props.polarizations
    record: dict[str, Any] = {
        "stac_id": stac.id,
        "collection": stac.collection,
        "polarizations": ",".join(pols) if pols else None,
        "thumbnail_url": strip_signature(thumbnail.href) if thumbnail else None,
        "thumb_path": None,
        "search_id": search_id or None,
        "item_json": strip_json_signatures(
            json.dumps(stac.to_feature(), separators=(",", ":"), ensure_ascii=False)
        ),
    }
    for name, kind in _PROPERTY_FIELDS:
        value = getattr(props, name, None)
        if value is None:
            record[name] = None
        elif kind == "datetime":
            record[name] = to_utc(value)
        elif kind == "int":
            record[name] = int(value)
        elif kind == "float":
            record[name] = float(value)
        else:
            record[name] = str(value)
    return record


def item_to_attributes(item: ItemLike, search_id: str = "") -> list[Any]:
    """Attribute values in :data:`FOOTPRINT_FIELDS` order (datetimes as UTC QDateTime)."""
    record = item_record(item, search_id)
    return [
        _qdatetime(record[name]) if kind == "datetime" else record[name]
        for name, kind in _FIELD_SPECS
    ]


def qdatetime_utc(value: Any) -> Any:
    """A datetime attribute read from a footprint layer as a UTC QDateTime.

    Values are stored in UTC; QGIS 3.22 ignores the GeoPackage UTC flag and returns the wall
    clock as local time, so a local-time value is re-read as UTC. NULL → None.
    """
    if value is None or not isinstance(value, QDateTime) or not value.isValid():
        return None
    utc = scoped_enum(Qt, "TimeSpec", "UTC")
    if value.timeSpec() == scoped_enum(Qt, "TimeSpec", "LocalTime"):
        return QDateTime(value.date(), value.time(), utc)
    return value.toUTC()


# ----------------------------------------------------------------------------------- writing


def sanitize_layer_name(name: str) -> str:
    """A GeoPackage-safe table name: lower-case letters, digits and underscores."""
    text = re.sub(r"[^0-9a-zA-Z_]+", "_", name.strip()).strip("_").lower()
    if not text:
        text = LAYER_PREFIX
    if text[0].isdigit():
        text = f"{LAYER_PREFIX}_{text}"
    return text[:60]


def footprint_layers(gpkg_path: Union[str, Path]) -> list[str]:
    """Names of the layers stored in a GeoPackage (empty if the file does not exist)."""
    path = Path(gpkg_path)
    if not path.exists():
        return []
    from osgeo import ogr

    dataset = ogr.Open(str(path), 0)
    if dataset is None:
        return []
    try:
        return [dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())]
    finally:
        dataset = None


def unique_layer_name(
    gpkg_path: Union[str, Path], title: Optional[str] = None, now: Optional[datetime] = None
) -> str:
    """``capella_search_YYYYMMDD_HHMMSS`` (or the sanitised title), suffixed until unused."""
    if title:
        base = sanitize_layer_name(title)
    else:
        stamp = (now or datetime.now()).strftime("%Y%m%d_%H%M%S")
        base = f"{LAYER_PREFIX}_{stamp}"
    taken = {name.lower() for name in footprint_layers(gpkg_path)}
    name, counter = base, 2
    while name.lower() in taken:
        name = f"{base}_{counter}"
        counter += 1
    return name

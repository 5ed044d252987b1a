"""Footprint records (plain attribute values) from raw STAC dicts or pydantic models."""

from __future__ import annotations

from typing import Any, Optional

from capella_qgis.core.models.base import parse_model
from capella_qgis.core.models.stac import StacItem, StacItemProperties
from capella_qgis.core.redact import strip_json_signatures, strip_signature
from capella_qgis.core.search.pages import RawFeature
from capella_qgis.core.timefmt import parse_utc
from capella_qgis.footprints.schema import (
    _PROPERTY_FIELDS,
    FootprintEntry,
    item_record,
)

# (field name, kind, STAC property key) of the footprint fields read from "properties".
_PROPERTY_KEYS: tuple[tuple[str, str, str], ...] = tuple(
    (name, kind, StacItemProperties.model_fields[name].alias or name)
    for name, kind in _PROPERTY_FIELDS
)


def _raw_record(data: dict[str, Any], text: str, search_id: str) -> dict[str, Any]:
    props = data.get("properties") or {}
    thumbnail = (data.get("assets") or {}).get("thumbnail")
    pols = props.get("sar:polarizations")
    record: dict[str, Any] = {
        "stac_id": data["id"],
        "collection": data.get("collection"),
        "polarizations": ",".join(pols) if pols else None,
        "thumbnail_url": strip_signature(thumbnail["href"]) if thumbnail else None,
        "thumb_path": None,
        "search_id": search_id or None,
        "item_json": strip_json_signatures(text),  # presigned links are never stored
    }
    for name, kind, key in _PROPERTY_KEYS:
        value = props.get(key)
        if value is None:
            record[name] = None
        elif kind == "datetime":
            record[name] = parse_utc(value, key)  # InputError: record_of's pydantic path
        elif kind == "int":
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(f"{key}: not a whole number")
            record[name] = int(value)
        elif kind == "float":
            record[name] = float(value)
        elif isinstance(value, str):
            record[name] = value
        else:
            raise TypeError(f"{key}: expected a string")
    return record


def record_of(
    item: FootprintEntry, search_id: str = ""
) -> tuple[dict[str, Any], Optional[dict[str, Any]]]:
    """``(record, GeoJSON geometry)``; raw features skip pydantic unless they look odd."""
    if isinstance(item, RawFeature):
        try:
            return _raw_record(item.data, item.to_json(), search_id), item.data.get("geometry")
        except (TypeError, ValueError, KeyError, AttributeError):
            item = parse_model(StacItem, item.data, "catalog search")  # the precise error
    record = item_record(item, search_id)
    geometry = item.geometry if isinstance(item, StacItem) else dict(item).get("geometry")
    return record, geometry

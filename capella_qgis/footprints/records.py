"""Footprint records from raw STAC dicts or models, and the layer summary built while writing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Optional

from capella_qgis.core.models.console import StacItem, StacItemProperties, parse_model
from capella_qgis.core.redact import strip_signature
from capella_qgis.core.search.pages import RawFeature
from capella_qgis.footprints.schema import (
    _PROPERTY_FIELDS,
    ItemLike,
    item_record,
)

# (field name, kind, STAC property key) of the footprint fields read from "properties".
_PROPERTY_KEYS: tuple[tuple[str, str, str], ...] = tuple(
    (name, kind, StacItemProperties.model_fields[name].alias or name)
    for name, kind in _PROPERTY_FIELDS
)
# Fields whose distinct values the categorized styles need (see footprints_style.STYLE_FIELDS).
STYLE_VALUE_FIELDS = ("product_type", "observation_direction", "orbit_state")
TIME_RANGE_FIELDS = ("start_datetime", "end_datetime")


@dataclass
class FootprintSummary:
    """What the main thread would otherwise scan the layer for (computed while writing)."""

    style_values: dict[str, list[str]] = field(default_factory=dict)
    time_range_complete: bool = False
    query_json: str = ""
    fids: list[int] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)


def _utc(value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError("not an ISO 8601 string")
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


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
        "item_json": text,
    }
    for name, kind, key in _PROPERTY_KEYS:
        value = props.get(key)
        if value is None:
            record[name] = None
        elif kind == "datetime":
            record[name] = _utc(value)
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


def record_of(item: ItemLike, search_id: str = "") -> tuple[dict[str, Any], Optional[dict]]:
    """``(record, GeoJSON geometry)``; raw features skip pydantic unless they look odd."""
    if isinstance(item, RawFeature):
        try:
            return _raw_record(item.data, item.to_json(), search_id), item.data.get("geometry")
        except (TypeError, ValueError, KeyError, AttributeError):
            item = parse_model(StacItem, item.data, "catalog search")  # the precise error
    record = item_record(item, search_id)
    geometry = item.geometry if isinstance(item, StacItem) else dict(item).get("geometry")
    return record, geometry


class SummaryBuilder:
    """:class:`FootprintSummary` accumulated page by page (as the features are written)."""

    def __init__(self, row_fields: Sequence[str] = (), query_json: str = "") -> None:
        self.row_fields = tuple(row_fields)
        self.query_json = query_json
        self.values: dict[str, set[Any]] = {name: set() for name in STYLE_VALUE_FIELDS}
        self.complete = True
        self.fids: list[int] = []
        self.rows: list[tuple] = []

    def add(self, prepared: Sequence[Any], fids: Sequence[int]) -> None:
        """Take the ``style``, ``timed`` and ``list_row`` of prepared rows (footprints_rows)."""
        for index, seen in enumerate(self.values.values()):
            seen.update(entry.style[index] for entry in prepared)
        if self.complete:
            self.complete = all(entry.timed for entry in prepared)
        if self.row_fields:
            self.rows.extend(entry.list_row for entry in prepared)
        self.fids.extend(fids)

    def build(self) -> FootprintSummary:
        return FootprintSummary(
            style_values={
                name: sorted({str(v) for v in seen if v is not None and v != "" and v != "NULL"})
                for name, seen in self.values.items()
            },
            time_range_complete=self.complete and bool(self.fids),
            query_json=self.query_json,
            fids=list(self.fids),
            rows=self.rows,
        )

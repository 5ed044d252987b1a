"""Footprint records straight from raw STAC dicts, and the layer summary computed off-thread."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Optional

from capella_qgis.core.models import StacItem, StacItemProperties, parse_model
from capella_qgis.core.redact import strip_signature
from capella_qgis.core.stac_raw import RawFeature
from capella_qgis.toolbelt.footprints_fields import (
    _FIELD_SPECS,
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


def _row_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    return value


class SummaryBuilder:
    """:class:`FootprintSummary` accumulated page by page (as the features are written)."""

    def __init__(self, row_fields: Sequence[str] = (), query_json: str = "") -> None:
        self.row_fields = tuple(row_fields)
        self.query_json = query_json
        self.values: dict[str, set[str]] = {name: set() for name in STYLE_VALUE_FIELDS}
        self.complete = True
        self.fids: list[int] = []
        self.rows: list[tuple] = []

    def add(self, records: Iterable[dict[str, Any]], fids: Sequence[int]) -> None:
        style = list(self.values.items())
        timed = {name for name, kind in _FIELD_SPECS if kind == "datetime"}
        plain = [name for name in self.row_fields if name not in timed]
        if len(plain) == len(self.row_fields):
            convert = None  # no datetime column: rows are the record values as they are
        else:
            convert = [name in timed for name in self.row_fields]
        complete = self.complete
        rows = self.rows
        for record in records:
            get = record.get
            for name, seen in style:
                value = get(name)
                if value is not None and value != "" and value != "NULL":
                    seen.add(str(value))
            if complete and (get("start_datetime") is None or get("end_datetime") is None):
                complete = False
            if not self.row_fields:
                continue
            row = [get(name) for name in self.row_fields]
            if convert is not None:
                for index, is_time in enumerate(convert):
                    if is_time and row[index] is not None:
                        row[index] = _row_value(row[index])
            rows.append(tuple(row))
        self.complete = complete
        self.fids.extend(fids)

    def build(self) -> FootprintSummary:
        return FootprintSummary(
            style_values={name: sorted(seen) for name, seen in self.values.items()},
            time_range_complete=self.complete and bool(self.fids),
            query_json=self.query_json,
            fids=list(self.fids),
            rows=self.rows,
        )


def summarize(
    records: Iterable[dict[str, Any]],
    fids: Sequence[int],
    row_fields: Sequence[str] = (),
    query_json: str = "",
) -> FootprintSummary:
    """Distinct style values, whether every feature has start/end, and list rows."""
    builder = SummaryBuilder(row_fields, query_json)
    builder.add(records, fids)
    return builder.build()

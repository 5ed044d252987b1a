"""A written footprint layer's style values and results-list rows, read back from its GeoPackage."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any, Union
from urllib.parse import quote

from qgis.core import QgsProviderRegistry, QgsVectorLayer

from capella_qgis.footprints.schema import (
    _FIELD_SPECS,
    FootprintOutput,
    FootprintSummary,
)
from capella_qgis.footprints.style import STYLE_FIELDS

# Footprint fields shown in the results list, in column order (gui/search/wdg_results.py).
RESULT_FIELDS = (
    "stac_id",
    "datetime",
    "product_type",
    "instrument_mode",
    "polarizations",
    "observation_direction",
    "orbit_state",
    "incidence_angle",
    "resolution_range",
    "collect_id",
)
# The fields a categorized style colours by (every style's, so a restyle needs no scan).
STYLE_VALUE_FIELDS = tuple(dict.fromkeys(STYLE_FIELDS.values()))
_KINDS = dict(_FIELD_SPECS)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column(name: str) -> str:
    """The SQL of one listed column: GeoPackage UTC text shown as ``YYYY-MM-DD HH:MM:SS``."""
    kind = _KINDS.get(name)
    if kind is None:
        return "NULL"  # not a footprint field: an empty column
    if kind == "datetime":
        return f"substr({_quote(name)}, 1, 10) || ' ' || substr({_quote(name)}, 12, 8)"
    return _quote(name)


def read_summary(
    path: Union[str, Path], layer_name: str, list_fields: Sequence[str] = ()
) -> FootprintSummary:
    """One pass over the layer's table, reading only (any thread; sqlite3 releases the GIL).

    Computed from what was written rather than carried along while writing, so every store
    gets the same summary and the rows need not hold presentation data.
    """
    fields = tuple(list_fields)
    styled = STYLE_VALUE_FIELDS
    columns = [
        "fid",
        *(_column(name) for name in fields),
        *(_quote(name) for name in styled),
        "start_datetime IS NOT NULL AND end_datetime IS NOT NULL",
    ]
    # Identifiers cannot be bound parameters: the columns are our fixed schema and the table
    # name is quoted with embedded quotes doubled.
    sql = f"SELECT {', '.join(columns)} FROM {_quote(layer_name)} ORDER BY fid"  # nosec B608
    # Read-write (it only reads): a read-only connection could not roll back a page left
    # half written by a crash (hot journal). "rw" never creates a missing file, and SQLite
    # falls back to reading a write-protected one.
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=rw"
    with closing(sqlite3.connect(uri, uri=True, timeout=30.0)) as db:
        table = db.execute(sql).fetchall()
    width = len(fields)
    values: list[set[Any]] = [set() for _ in styled]
    for at, seen in enumerate(values):
        seen.update(row[1 + width + at] for row in table)
    return FootprintSummary(
        style_values={
            name: sorted({str(v) for v in seen if v is not None and v != "" and v != "NULL"})
            for name, seen in zip(styled, values)
        },
        time_range_complete=bool(table) and all(row[-1] for row in table),
        fids=[row[0] for row in table],
        rows=[row[1 : 1 + width] for row in table] if width else [],
    )


def summarize(output: FootprintOutput, list_fields: Sequence[str] = ()) -> FootprintOutput:
    """``output`` with its :class:`FootprintSummary` (call it where the write happened)."""
    summary = read_summary(output.path, output.layer_name, list_fields)
    return dataclasses.replace(output, summary=summary)


def layer_summary(layer: QgsVectorLayer, list_fields: Sequence[str] = ()) -> FootprintSummary:
    """:func:`read_summary` of a footprint layer from the GeoPackage it was opened from."""
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    path, name = parts.get("path"), parts.get("layerName")
    if not path or not name:
        raise ValueError(f"Layer '{layer.name()}' is not a GeoPackage footprint layer")
    return read_summary(path, name, list_fields)

"""Write footprint layers into a GeoPackage with GDAL/OGR (safe in worker threads)."""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional, Union

from capella_qgis.core.search import SearchResult
from capella_qgis.core.stac_raw import gc_paused
from capella_qgis.toolbelt.footprints_fields import (
    _FIELD_SPECS,
    GPKG_MARKER_KEY,
    GPKG_QUERY_KEY,
    GPKG_SEARCH_ID_KEY,
    FootprintOutput,
    ItemLike,
    sanitize_layer_name,
)
from capella_qgis.toolbelt.footprints_geometry import footprint_gpkg_blob
from capella_qgis.toolbelt.footprints_records import record_of, summarize

_OGR_TYPES = {
    "str": "OFTString",
    "int": "OFTInteger",
    "float": "OFTReal",
    "datetime": "OFTDateTime",
}


def _iso_utc(value: datetime) -> str:
    """ISO 8601 UTC with milliseconds and 'Z' (what GeoPackage stores for DATETIME)."""
    return value.astimezone(timezone.utc).isoformat(timespec="milliseconds")[:-6] + "Z"


def _open_dataset(path: Path, layer_name: str, overwrite: bool) -> Any:
    from osgeo import ogr

    if path.exists():
        dataset = ogr.Open(str(path), 1)
        if dataset is None:
            raise OSError(f"Cannot open {path} for writing (locked or not a GeoPackage?)")
        for index in range(dataset.GetLayerCount()):
            if dataset.GetLayerByIndex(index).GetName().lower() != layer_name.lower():
                continue
            if not overwrite:
                raise FileExistsError(f"Layer '{layer_name}' already exists in {path}")
            if dataset.DeleteLayer(index) != 0:
                raise OSError(f"Cannot replace layer '{layer_name}' in {path}")
            break
        return dataset
    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.CreateDataSource(str(path))
    if dataset is None:
        raise OSError(f"Cannot create GeoPackage {path}")
    return dataset


def _create_layer(dataset: Any, path: Path, layer_name: str) -> Any:
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    if hasattr(osr, "OAMS_TRADITIONAL_GIS_ORDER"):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    layer = dataset.CreateLayer(
        layer_name,
        srs,
        ogr.wkbMultiPolygon,
        ["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=NO"],  # built after the insert
    )
    if layer is None:
        raise OSError(f"Cannot create layer '{layer_name}' in {path}")
    for name, kind in _FIELD_SPECS:
        if layer.CreateField(ogr.FieldDefn(name, getattr(ogr, _OGR_TYPES[kind]))) != 0:
            raise OSError(f"Cannot create field '{name}' in {path}")
    return layer


def _insert_rows(
    path: Path,
    table: str,
    records: Sequence[dict[str, Any]],
    blobs: Sequence[tuple[Optional[bytes], Any]],
) -> list[int]:
    """Bulk INSERT of the features in one sqlite transaction (fids 1..n of the new table).

    Per-field OGR calls cost ~40 µs a feature from Python; ``executemany`` runs the loop in
    C with the GIL released. OGR still owns the schema, the spatial index and the metadata.
    """
    import sqlite3

    names = [name for name, _ in _FIELD_SPECS]
    times = {name for name, kind in _FIELD_SPECS if kind == "datetime"}
    columns = ",".join(f'"{name}"' for name in ("fid", "geom", *names))
    marks = ",".join("?" * (len(names) + 2))
    fids = list(range(1, len(records) + 1))
    extent = [math.inf, -math.inf, math.inf, -math.inf]
    rows = []
    for fid, record, (blob, envelope) in zip(fids, records, blobs):
        if envelope is not None:
            extent = [
                min(extent[0], envelope[0]),
                max(extent[1], envelope[1]),
                min(extent[2], envelope[2]),
                max(extent[3], envelope[3]),
            ]
        values = [record.get(name) for name in names]
        for index, name in enumerate(names):
            if name in times and values[index] is not None:
                values[index] = _iso_utc(values[index])
        rows.append((fid, blob, *values))
    connection = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Identifiers cannot be bound parameters: the columns are our fixed schema and the
            # table name is quoted with embedded quotes doubled; every value is bound.
            quoted = table.replace('"', '""')
            statement = f'INSERT INTO "{quoted}" ({columns}) VALUES ({marks})'  # nosec B608
            connection.executemany(statement, rows)
            if math.isfinite(extent[0]):
                connection.execute(
                    "UPDATE gpkg_contents SET min_x=?, max_x=?, min_y=?, max_y=? "
                    "WHERE lower(table_name)=lower(?)",
                    (extent[0], extent[1], extent[2], extent[3], table),
                )
            has_counts = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='gpkg_ogr_contents'"
            ).fetchone()
            if has_counts:
                connection.execute(
                    "UPDATE gpkg_ogr_contents SET feature_count=? WHERE lower(table_name)=lower(?)",
                    (len(rows), table),
                )
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise OSError(f"Cannot write footprints to {path}: {exc}") from exc
    finally:
        connection.close()
    return fids


def _finish_layer(path: Path, layer_name: str, metadata: dict[str, str]) -> None:
    """Spatial index (computed by GDAL from the stored blobs) and the layer metadata."""
    from osgeo import ogr

    dataset = ogr.Open(str(path), 1)
    if dataset is None:
        raise OSError(f"Cannot reopen {path}")
    try:
        layer = dataset.GetLayerByName(layer_name)
        if layer is None:
            raise OSError(f"Layer '{layer_name}' vanished from {path}")
        result = dataset.ExecuteSQL(f"SELECT CreateSpatialIndex('{layer_name}', 'geom')")
        if result is not None:
            dataset.ReleaseResultSet(result)
        for key, value in metadata.items():
            layer.SetMetadataItem(key, value)
        layer = None
    finally:
        dataset = None


def read_search_query(gpkg_path: Union[str, Path], layer_name: str) -> Optional[dict]:
    """The search query stored with a footprint layer by :func:`write_footprints`."""
    meta = _read_metadata(Path(gpkg_path), layer_name)
    text = meta.get(GPKG_QUERY_KEY)
    return json.loads(text) if text else None


def _read_metadata(path: Path, layer_name: str) -> dict[str, str]:
    if not path.exists():
        return {}
    from osgeo import ogr

    dataset = ogr.Open(str(path), 0)
    if dataset is None:
        return {}
    try:
        layer = dataset.GetLayerByName(layer_name)
        return dict(layer.GetMetadata() or {}) if layer is not None else {}
    finally:
        dataset = None


def write_footprints(
    items: Union[SearchResult, Iterable[ItemLike]],
    gpkg_path: Union[str, Path],
    layer_name: str,
    *,
    search_query: Optional[dict] = None,
    overwrite: bool = True,
    search_id: Optional[str] = None,
    row_fields: Sequence[str] = (),
) -> FootprintOutput:
    """Write items as MultiPolygon EPSG:4326 features into one GeoPackage layer.

    One transaction for all features. Worker-thread safe: plain OGR and sqlite3, touches neither
    ``QgsProject`` nor widgets, returns plain data (open it on the main thread with
    :func:`load_footprint_layer`). The query is stored with the layer (GDAL metadata).
    Raw search items skip pydantic; ``output.summary`` carries the style values, time
    completeness and the ``row_fields`` of every feature so the UI thread scans nothing.
    """
    path = Path(gpkg_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    layer_name = sanitize_layer_name(layer_name)
    search_id = search_id or uuid.uuid4().hex
    if search_query is None and isinstance(items, SearchResult) and items.query is not None:
        search_query = items.query.to_body()
    query_json = json.dumps(search_query or {}, separators=(",", ":"), default=str)
    entries = items.entries if isinstance(items, SearchResult) else items
    records = []
    blobs = []
    with gc_paused():
        for entry in entries:
            record, geometry = record_of(entry, search_id)
            records.append(record)
            blobs.append(footprint_gpkg_blob(geometry))
        dataset = _open_dataset(path, layer_name, overwrite)
        try:
            _create_layer(dataset, path, layer_name)
        finally:
            dataset = None  # closes the file
        fids = _insert_rows(path, layer_name, records, blobs)
        metadata = {
            GPKG_MARKER_KEY: "1",
            GPKG_SEARCH_ID_KEY: search_id,
            GPKG_QUERY_KEY: query_json,
        }
        _finish_layer(path, layer_name, metadata)
        summary = summarize(records, fids, row_fields, query_json)
    return FootprintOutput(path, layer_name, len(fids), search_id, summary)


# ----------------------------------------------------------------------------------- loading

"""Write footprint layers into a GeoPackage with GDAL/OGR (safe in worker threads)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional, Union

from capella_qgis.core.search import SearchResult
from capella_qgis.toolbelt.footprints_fields import (
    _FIELD_SPECS,
    GPKG_MARKER_KEY,
    GPKG_QUERY_KEY,
    GPKG_SEARCH_ID_KEY,
    FootprintOutput,
    ItemLike,
    _as_item,
    item_record,
    sanitize_layer_name,
)
from capella_qgis.toolbelt.footprints_geometry import footprint_wkt

_OGR_TYPES = {
    "str": "OFTString",
    "int": "OFTInteger",
    "float": "OFTReal",
    "datetime": "OFTDateTime",
}


def _iso_utc(value: datetime) -> str:
    """ISO 8601 UTC with milliseconds and 'Z' (what GeoPackage stores for DATETIME)."""
    value = value.astimezone(timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


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
        ["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"],
    )
    if layer is None:
        raise OSError(f"Cannot create layer '{layer_name}' in {path}")
    for name, kind in _FIELD_SPECS:
        if layer.CreateField(ogr.FieldDefn(name, getattr(ogr, _OGR_TYPES[kind]))) != 0:
            raise OSError(f"Cannot create field '{name}' in {path}")
    return layer


def _write_records(layer: Any, records: Iterable[tuple[dict[str, Any], Optional[str]]]) -> int:
    from osgeo import ogr

    definition = layer.GetLayerDefn()
    indexes = [(definition.GetFieldIndex(name), name, kind) for name, kind in _FIELD_SPECS]
    count = 0
    for record, wkt in records:
        feature = ogr.Feature(definition)
        for index, name, kind in indexes:
            value = record.get(name)
            if value is None:
                feature.SetFieldNull(index)
            elif kind == "datetime":
                feature.SetField(index, _iso_utc(value))
            else:
                feature.SetField(index, value)
        if wkt:
            geometry = ogr.CreateGeometryFromWkt(wkt)
            if geometry is not None:
                feature.SetGeometryDirectly(ogr.ForceToMultiPolygon(geometry))
        if layer.CreateFeature(feature) != 0:
            raise OSError(f"Cannot write footprint {record.get('stac_id')}")
        count += 1
    return count


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
) -> FootprintOutput:
    """Write items as MultiPolygon EPSG:4326 features into one GeoPackage layer.

    One transaction for all features. Worker-thread safe: plain OGR, touches neither
    ``QgsProject`` nor widgets, returns plain data (open it on the main thread with
    :func:`load_footprint_layer`). The query is stored with the layer (GDAL metadata).
    """
    path = Path(gpkg_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    layer_name = sanitize_layer_name(layer_name)
    search_id = search_id or uuid.uuid4().hex
    if search_query is None and isinstance(items, SearchResult) and items.query is not None:
        search_query = items.query.to_body()
    query_json = json.dumps(search_query or {}, separators=(",", ":"), default=str)
    records = []
    for item in items:
        stac = _as_item(item)
        records.append((item_record(stac, search_id), footprint_wkt(stac.geometry)))

    dataset = _open_dataset(path, layer_name, overwrite)
    try:
        layer = _create_layer(dataset, path, layer_name)
        layer.StartTransaction()
        try:
            count = _write_records(layer, records)
        except BaseException:
            layer.RollbackTransaction()
            raise
        if layer.CommitTransaction() != 0:
            raise OSError(f"Cannot commit footprints to {path}")
        layer.SetMetadataItem(GPKG_MARKER_KEY, "1")
        layer.SetMetadataItem(GPKG_SEARCH_ID_KEY, search_id)
        layer.SetMetadataItem(GPKG_QUERY_KEY, query_json)
        layer = None
    finally:
        dataset = None  # closes the file
    return FootprintOutput(path, layer_name, count, search_id)


# ----------------------------------------------------------------------------------- loading

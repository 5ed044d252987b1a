"""GeoPackage plumbing shared by the footprint stores: GDAL makes, drops and describes layers."""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Any, Optional, Union

from capella_qgis.footprints.schema import (
    _FIELD_SPECS,
    GPKG_MARKER_KEY,
    GPKG_QUERY_KEY,
    GPKG_SEARCH_ID_KEY,
)

LOGGER = logging.getLogger(__name__)
_OGR_TYPES = {
    "str": "OFTString",
    "int": "OFTInteger",
    "float": "OFTReal",
    "datetime": "OFTDateTime",
}


def layer_metadata(search_id: str, query_json: str) -> dict[str, str]:
    """The GDAL metadata items every footprint layer carries (marker, search id, query)."""
    return {GPKG_MARKER_KEY: "1", GPKG_SEARCH_ID_KEY: search_id, GPKG_QUERY_KEY: query_json}


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
    from osgeo import gdal

    driver = ogr.GetDriverByName("GPKG")
    # Footprint rows carry ~3 KB of item JSON: 64 KiB pages store them with far fewer page
    # splits than SQLite's default 4 KiB (only possible when the file is created).
    gdal.SetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", "page_size=65536")
    try:
        dataset = driver.CreateDataSource(str(path))
    finally:
        gdal.SetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", None)
    if dataset is None:
        raise OSError(f"Cannot create GeoPackage {path}")
    return dataset


def create_layer(path: Path, layer_name: str, overwrite: bool, metadata: dict[str, str]) -> None:
    """The empty layer, its R-tree, triggers and metadata, written by GDAL."""
    from osgeo import ogr, osr

    path.parent.mkdir(parents=True, exist_ok=True)
    dataset = _open_dataset(path, layer_name, overwrite)
    try:
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
        for key, value in metadata.items():
            layer.SetMetadataItem(key, value)
        layer = None
    finally:
        dataset = None  # closes the file (GDAL writes the R-tree and metadata now)


def delete_layer(path: Path, layer_name: str) -> None:
    from osgeo import ogr

    dataset = ogr.Open(str(path), 1)
    if dataset is None:
        return
    try:
        for index in range(dataset.GetLayerCount()):
            if dataset.GetLayerByIndex(index).GetName().lower() == layer_name.lower():
                dataset.DeleteLayer(index)
                break
    finally:
        dataset = None


def build_index_with_gdal(path: Path, layer_name: str) -> None:
    from osgeo import ogr

    dataset = ogr.Open(str(path), 1)
    if dataset is None:
        raise OSError(f"Cannot reopen {path}")
    try:
        result = dataset.ExecuteSQL(f"SELECT CreateSpatialIndex('{layer_name}', 'geom')")
        if result is not None:
            dataset.ReleaseResultSet(result)
    finally:
        dataset = None


def sync_in_background(path: Path) -> None:
    """Flush the GeoPackage to disk without making the search wait for the disk.

    The pages were committed without syncing: QGIS reads them from the OS at once, and only a
    power cut in the next moment could lose them (a search is simply run again).
    """

    def sync() -> None:
        try:
            with open(path, "rb+") as handle:
                os.fsync(handle.fileno())
        except OSError:
            LOGGER.warning("Could not flush %s to disk", path, exc_info=True)

    threading.Thread(target=sync, name="capella-gpkg-sync", daemon=True).start()


def read_metadata(path: Path, layer_name: str) -> dict[str, str]:
    """The GDAL metadata items of one layer (empty when the file or layer is missing)."""
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


def read_search_query(gpkg_path: Union[str, Path], layer_name: str) -> Optional[dict[str, Any]]:
    """The search query stored with a footprint layer by its store."""
    meta = read_metadata(Path(gpkg_path), layer_name)
    text = meta.get(GPKG_QUERY_KEY)
    return json.loads(text) if text else None

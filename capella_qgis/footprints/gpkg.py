"""GeoPackage plumbing shared by the footprint stores: GDAL makes, drops and describes layers."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

from capella_qgis.core.download.lock import PartLock, exclusive
from capella_qgis.footprints.schema import (
    _FIELD_SPECS,
    GPKG_MARKER_KEY,
    GPKG_QUERY_KEY,
    GPKG_SEARCH_ID_KEY,
)

LOGGER = logging.getLogger(__name__)
LOCK_SUFFIX = ".lock"
# Writers hold the lock for one page or one layer creation (milliseconds, a second at most on a
# slow disk): only a hung holder makes another wait this long.
LOCK_TIMEOUT = 60.0
_CREATING = ".creating-"  # the temporary name of a GeoPackage being created
_MAX_NAME = 60  # schema.sanitize_layer_name's limit
_OGR_TYPES = {
    "str": "OFTString",
    "int": "OFTInteger",
    "float": "OFTReal",
    "datetime": "OFTDateTime",
}


def layer_metadata(search_id: str, query_json: str) -> dict[str, str]:
    """The GDAL metadata items every footprint layer carries (marker, search id, query)."""
    return {GPKG_MARKER_KEY: "1", GPKG_SEARCH_ID_KEY: search_id, GPKG_QUERY_KEY: query_json}


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Hold the GeoPackage's write lock (``<gpkg>.lock``) for one write transaction.

    Searches and "load order footprints" (tasks of one QGIS, or another QGIS, qgis_process)
    write the same file at once, each its own layer: they take turns per transaction, so no
    writer ever meets another's half-made layer or half-created file, and SQLite never has to
    refuse one (readers, QGIS itself, still get SQLite's own busy waiting).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(exclusive(lock_file(path), timeout=LOCK_TIMEOUT))
        except TimeoutError as exc:
            raise OSError(f"{path} is busy: another writer holds it ({exc})") from exc
        yield


def lock_file(path: Path) -> Path:
    return path.with_name(path.name + LOCK_SUFFIX)


@dataclass
class NewLayer:
    """The layer :func:`create_layer` made; ``claim`` is held until its writer is done."""

    name: str  # the name asked for, or a suffixed one when a live writer had that
    new_file: bool  # the GeoPackage was created for this layer
    claim: PartLock

    def release(self) -> None:
        self.claim.release()


def _claim_path(path: Path, layer_name: str) -> Path:
    digest = hashlib.sha1(layer_name.lower().encode(), usedforsecurity=False).hexdigest()[:16]
    return path.with_name(f"{path.name}.{digest}{LOCK_SUFFIX}")


def _claim_name(path: Path, wanted: str, existing: set[str]) -> tuple[str, PartLock]:
    """``wanted``, unless a live writer holds its claim: then the first free ``wanted_N``.

    Two writers may be given the same name at once (two QGIS starting a search in the same
    second; one order's footprints loaded twice): replacing a layer that is being written
    would lose it, so the second writer writes beside it. Suffixed names never replace an
    existing layer. A writer that died released its claim with its process.
    """
    name, counter = wanted, 2
    while True:
        if name == wanted or name.lower() not in existing:
            claim = PartLock(_claim_path(path, name))
            if claim.try_acquire():
                return name, claim
        suffix = f"_{counter}"
        name, counter = f"{wanted[: _MAX_NAME - len(suffix)]}{suffix}", counter + 1


def _new_file(path: Path) -> tuple[Any, Path]:
    """An empty GeoPackage beside ``path``, moved into place once its layer is made."""
    from osgeo import gdal, ogr

    for stale in path.parent.glob(f".{path.stem}{_CREATING}*"):  # of a creator that died
        with contextlib.suppress(OSError):
            stale.unlink()
    temp = path.with_name(f".{path.stem}{_CREATING}{uuid.uuid4().hex}{path.suffix}")
    driver = ogr.GetDriverByName("GPKG")
    # Footprint rows carry ~3 KB of item JSON: 64 KiB pages store them with far fewer page
    # splits than SQLite's default 4 KiB (only possible when the file is created).
    gdal.SetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", "page_size=65536")
    try:
        dataset = driver.CreateDataSource(str(temp))
    finally:
        gdal.SetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", None)
    if dataset is None:
        temp.unlink(missing_ok=True)
        raise OSError(f"Cannot create GeoPackage {path}")
    return dataset, temp


def _add_layer(dataset: Any, path: Path, layer_name: str, metadata: dict[str, str]) -> None:
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
    for key, value in metadata.items():
        layer.SetMetadataItem(key, value)


def create_layer(
    path: Path, layer_name: str, overwrite: bool, metadata: dict[str, str]
) -> NewLayer:
    """The empty layer, its R-tree, triggers and metadata, written by GDAL.

    Under the write lock, so two writers starting at once never both create the file. A new
    file is made under a temporary name and moved into place with its layer: no one ever
    opens a half-created GeoPackage, also when its creator dies. The caller releases the
    returned claim when it is done with the layer.
    """
    from osgeo import ogr

    with writing(path):
        temp: Optional[Path] = None
        if path.exists():
            dataset = ogr.Open(str(path), 1)
            if dataset is None:
                raise OSError(f"Cannot open {path} for writing (locked or not a GeoPackage?)")
        else:
            dataset, temp = _new_file(path)
        claim: Optional[PartLock] = None
        try:
            layers = [dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())]
            name, claim = _claim_name(path, layer_name, {n.lower() for n in layers})
            for index, existing in enumerate(layers):
                if existing.lower() != name.lower():
                    continue
                if not overwrite:
                    raise FileExistsError(f"Layer '{name}' already exists in {path}")
                if dataset.DeleteLayer(index) != 0:
                    raise OSError(f"Cannot replace layer '{name}' in {path}")
                break
            _add_layer(dataset, path, name, metadata)
            dataset = None  # closes the file (GDAL writes the R-tree and metadata now)
            if temp is not None:
                os.replace(temp, path)
        except BaseException:
            dataset = None
            if claim is not None:
                claim.release()
            if temp is not None:
                temp.unlink(missing_ok=True)
            raise
    return NewLayer(name, temp is not None, claim)


def delete_layer(path: Path, layer_name: str, *, remove_empty_file: bool = False) -> None:
    """Drop one layer; with ``remove_empty_file``, also the file once it holds no layer."""
    from osgeo import ogr

    with writing(path):
        dataset = ogr.Open(str(path), 1)
        if dataset is None:
            return
        try:
            for index in range(dataset.GetLayerCount()):
                if dataset.GetLayerByIndex(index).GetName().lower() == layer_name.lower():
                    dataset.DeleteLayer(index)
                    break
            empty = dataset.GetLayerCount() == 0
        finally:
            dataset = None
        if remove_empty_file and empty:
            # Only while no layer is left: every other writer's layer is made under this lock,
            # so no one is writing this file now (Windows refuses while a reader has it open).
            with contextlib.suppress(OSError):
                path.unlink()


def build_index_with_gdal(path: Path, layer_name: str) -> None:
    from osgeo import ogr

    with writing(path):
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
        except FileNotFoundError:
            pass  # removed meanwhile (its last layer dropped): nothing left to flush
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

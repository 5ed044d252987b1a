"""Page-by-page GeoPackage footprint writer: OGR makes the schema, sqlite3 loads the rows.

Every page is one transaction that leaves a complete, valid layer behind: the features, their
R-tree entries (envelopes known from the blobs), the extent and the feature count. GDAL creates
the layer with its spatial index and triggers; during a page's bulk INSERT the table's triggers
(which call GDAL's SQL functions, unknown to Python's sqlite3) are set aside and restored
verbatim in the same transaction, so the file stays exactly as GDAL would have written it.
"""

from __future__ import annotations

import json
import math
import sqlite3
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Optional

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
from capella_qgis.toolbelt.footprints_records import SummaryBuilder, record_of

_OGR_TYPES = {
    "str": "OFTString",
    "int": "OFTInteger",
    "float": "OFTReal",
    "datetime": "OFTDateTime",
}
_NAMES = tuple(name for name, _ in _FIELD_SPECS)
_TIME_INDEXES = tuple(i for i, (_, kind) in enumerate(_FIELD_SPECS) if kind == "datetime")


_ZERO = timedelta(0)


def _iso_utc(value: datetime) -> str:
    """ISO 8601 UTC with milliseconds and 'Z' (what GeoPackage stores for DATETIME)."""
    if value.utcoffset() != _ZERO:  # already UTC (the usual case): no conversion
        value = value.astimezone(timezone.utc)
    return value.isoformat(timespec="milliseconds")[:-6] + "Z"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


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


def _create_layer(path: Path, layer_name: str, overwrite: bool, metadata: dict) -> None:
    """The empty layer, its R-tree, triggers and metadata, written by GDAL."""
    from osgeo import ogr, osr

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


def _delete_layer(path: Path, layer_name: str) -> None:
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


class FootprintWriter:
    """Write footprint features into one GeoPackage layer, a page of items at a time.

    ``add`` may be called per page as pages arrive (fids continue 1..n in call order);
    ``finish`` returns the :class:`FootprintOutput`; ``abort`` removes a half-written layer.
    Worker-thread safe: GDAL/OGR and sqlite3 only, no ``QgsProject`` and no widgets.
    """

    def __init__(
        self,
        gpkg_path: Any,
        layer_name: str,
        *,
        search_query: Optional[dict] = None,
        overwrite: bool = True,
        search_id: Optional[str] = None,
        row_fields: Iterable[str] = (),
    ) -> None:
        self.path = Path(gpkg_path)
        self.layer_name = sanitize_layer_name(layer_name)
        self.search_id = search_id or uuid.uuid4().hex
        self.query_json = json.dumps(search_query or {}, separators=(",", ":"), default=str)
        self.overwrite = overwrite
        self.count = 0
        self._summary = SummaryBuilder(tuple(row_fields), self.query_json)
        self._extent = [math.inf, -math.inf, math.inf, -math.inf]
        self._connection: Optional[sqlite3.Connection] = None
        self._triggers: list[tuple[str, str]] = []
        self._rtree: Optional[str] = None
        self._statements: tuple[str, str] = ("", "")
        self._finished = False

    @property
    def created(self) -> bool:
        return self._connection is not None

    def _create(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        metadata = {
            GPKG_MARKER_KEY: "1",
            GPKG_SEARCH_ID_KEY: self.search_id,
            GPKG_QUERY_KEY: self.query_json,
        }
        _create_layer(self.path, self.layer_name, self.overwrite, metadata)
        connection = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)
        table = self.layer_name
        self._triggers = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND lower(tbl_name)=lower(?)",
            (table,),
        ).fetchall()
        rtree = f"rtree_{table}_geom"
        found = connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND lower(name)=lower(?)", (rtree,)
        ).fetchone()
        self._rtree = found[0] if found else None
        columns = ",".join(_quote(name) for name in ("fid", "geom", *_NAMES))
        marks = ",".join("?" * (len(_NAMES) + 2))
        # Identifiers cannot be bound parameters: the columns are our fixed schema and the
        # table names are quoted with embedded quotes doubled; every value is bound.
        insert = f"INSERT INTO {_quote(table)} ({columns}) VALUES ({marks})"  # nosec B608
        index = f"INSERT INTO {_quote(self._rtree or '')} VALUES (?,?,?,?,?)"  # nosec B608
        self._statements = (insert, index)
        self._connection = connection

    def add(self, entries: Iterable[ItemLike]) -> int:
        """Append one page of items (one transaction); return how many were written."""
        records = []
        rows = []
        boxes = []
        extent = self._extent
        fid = self.count
        for entry in entries:
            record, geometry = record_of(entry, self.search_id)
            blob, envelope = footprint_gpkg_blob(geometry)
            fid += 1
            values = [record.get(name) for name in _NAMES]
            for index in _TIME_INDEXES:
                if values[index] is not None:
                    values[index] = _iso_utc(values[index])
            rows.append((fid, blob, *values))
            records.append(record)
            if envelope is not None:
                boxes.append((fid, *envelope))
                extent[0] = min(extent[0], envelope[0])
                extent[1] = max(extent[1], envelope[1])
                extent[2] = min(extent[2], envelope[2])
                extent[3] = max(extent[3], envelope[3])
        if rows:
            if self._connection is None:
                self._create()  # after the records: a bad item leaves an old layer alone
            self._load(rows, boxes, fid)
        self._summary.add(records, range(self.count + 1, fid + 1))
        self.count = fid
        return len(rows)

    def _load(self, rows: list, boxes: list, count: int) -> None:
        connection = self._connection
        assert connection is not None
        insert, index = self._statements
        table = self.layer_name
        extent = self._extent
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                for name, _ in self._triggers:
                    connection.execute(f"DROP TRIGGER {_quote(name)}")
                connection.executemany(insert, rows)
                if self._rtree is not None:
                    connection.executemany(index, boxes)
                for _, sql in self._triggers:
                    connection.execute(sql)
                if math.isfinite(extent[0]):
                    connection.execute(
                        "UPDATE gpkg_contents SET min_x=?, max_x=?, min_y=?, max_y=?, "
                        "last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') "
                        "WHERE lower(table_name)=lower(?)",
                        (extent[0], extent[1], extent[2], extent[3], table),
                    )
                connection.execute(
                    "UPDATE gpkg_ogr_contents SET feature_count=? WHERE lower(table_name)=lower(?)",
                    (count, table),
                )
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise OSError(f"Cannot write footprints to {self.path}: {exc}") from exc

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()

    def finish(self) -> FootprintOutput:
        """Close the file (creating the empty layer if no page came) and return the output."""
        if self._connection is None:
            self._create()
        self._close()
        self._finished = True
        if self._rtree is None:  # a GDAL that defers the R-tree: let it build one now
            _build_index_with_gdal(self.path, self.layer_name)
        summary = self._summary.build()
        return FootprintOutput(self.path, self.layer_name, self.count, self.search_id, summary)

    def abort(self) -> None:
        """Drop the layer written so far (nothing happens when no page came)."""
        if self._connection is None or self._finished:
            return
        self._close()
        self._connection = None
        _delete_layer(self.path, self.layer_name)


def _build_index_with_gdal(path: Path, layer_name: str) -> None:
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

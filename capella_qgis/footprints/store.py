"""Page-by-page GeoPackage footprint writer: OGR makes the schema, sqlite3 loads the rows.

GDAL creates the layer with its spatial index and triggers. The table's triggers call GDAL's
SQL functions, unknown to Python's sqlite3, so they are set aside while the pages load and
restored verbatim by ``finish``: the finished file is exactly what GDAL would have written.
Every page is one transaction with the features, their R-tree entries (envelopes known from
the blobs), the extent and the feature count. Rows go in with a few multi-row INSERTs per page
whose prepared statements stay cached (no schema change between pages).
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Optional

from capella_qgis.footprints.records import SummaryBuilder
from capella_qgis.footprints.rows import RowBuilder
from capella_qgis.footprints.schema import (
    _FIELD_SPECS,
    FIELD_NAMES,
    GPKG_MARKER_KEY,
    GPKG_QUERY_KEY,
    GPKG_SEARCH_ID_KEY,
    FootprintOutput,
    ItemLike,
    sanitize_layer_name,
)

_OGR_TYPES = {
    "str": "OFTString",
    "int": "OFTInteger",
    "float": "OFTReal",
    "datetime": "OFTDateTime",
}
LOGGER = logging.getLogger(__name__)


# SQLite's bound-parameter limit before 3.32; Python < 3.11 cannot ask for the real one.
_DEFAULT_MAX_VARIABLES = 999
_ROWS_PER_STATEMENT = 500


def _max_variables(connection: sqlite3.Connection) -> int:
    getlimit = getattr(connection, "getlimit", None)
    if getlimit is None:
        return _DEFAULT_MAX_VARIABLES
    return int(getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))


def _insert_rows(connection: sqlite3.Connection, head: str, rows: list, max_variables: int) -> None:
    """INSERT ``rows`` with a few multi-row statements rather than one statement per row.

    sqlite3 releases the GIL around every statement step: with ``executemany`` each row
    waits for the GIL again, which under busy fetch threads costs a switch interval per row
    (seconds per page). One step per few hundred rows waits only a handful of times.
    """
    if not rows:
        return
    width = len(rows[0])
    per = max(1, min(_ROWS_PER_STATEMENT, max_variables // width))
    group = "(" + ",".join("?" * width) + ")"
    for start in range(0, len(rows), per):
        chunk = rows[start : start + per]
        sql = head + ",".join([group] * len(chunk))
        connection.execute(sql, list(itertools.chain.from_iterable(chunk)))


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
        self._rows = RowBuilder(self.search_id, tuple(row_fields))
        self._extent = [math.inf, -math.inf, math.inf, -math.inf]
        self._connection: Optional[sqlite3.Connection] = None
        self._triggers: list[tuple[str, str]] = []
        self._rtree: Optional[str] = None
        self._statements: tuple[str, str] = ("", "")
        self._max_variables = _DEFAULT_MAX_VARIABLES
        self._finished = False
        self._new_file = False

    @property
    def created(self) -> bool:
        return self._connection is not None

    def create(self) -> None:
        """Create the (empty) layer now instead of with the first page.

        GDAL's many small calls each wait for the GIL: made while fetch threads parse pages,
        they take ten times longer. Replaces an existing layer of the same name at once.
        """
        if self._connection is None:
            self._create()

    def _create(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._new_file = not self.path.exists()
        metadata = {
            GPKG_MARKER_KEY: "1",
            GPKG_SEARCH_ID_KEY: self.search_id,
            GPKG_QUERY_KEY: self.query_json,
        }
        _create_layer(self.path, self.layer_name, self.overwrite, metadata)
        connection = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)
        # Pages are committed without waiting for the disk (an fsync per page costs more than
        # the page); finish() has the file flushed once, in the background. The rollback
        # journal still protects the file from a crash of QGIS at any point.
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA cache_size=-65536")
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
        columns = ",".join(_quote(name) for name in ("fid", "geom", *FIELD_NAMES))
        # Identifiers cannot be bound parameters: the columns are our fixed schema and the
        # table names are quoted with embedded quotes doubled; every value is bound.
        insert = f"INSERT INTO {_quote(table)} ({columns}) VALUES "  # nosec B608
        index = f"INSERT INTO {_quote(self._rtree or '')} VALUES "  # nosec B608
        self._statements = (insert, index)
        self._max_variables = _max_variables(connection)
        self._set_triggers(connection, restore=False)
        self._connection = connection

    def prepare(self, entries: Iterable[ItemLike]) -> None:
        """Build the rows of raw features ahead of :meth:`add` (any thread; a hint only)."""
        self._rows.prepare(entries)

    def add(self, entries: Iterable[ItemLike]) -> int:
        """Append one page of items (one transaction); return how many were written."""
        take = self._rows.take
        prepared = [take(entry) for entry in entries]  # a bad item raises before any write
        rows = []
        boxes = []
        extent = self._extent
        fid = self.count
        for entry in prepared:
            fid += 1
            row = entry.row
            row[0] = fid
            rows.append(row)
            envelope = entry.envelope
            if envelope is not None:
                boxes.append((fid, *envelope))
                if envelope[0] < extent[0]:
                    extent[0] = envelope[0]
                if envelope[1] > extent[1]:
                    extent[1] = envelope[1]
                if envelope[2] < extent[2]:
                    extent[2] = envelope[2]
                if envelope[3] > extent[3]:
                    extent[3] = envelope[3]
        if rows:
            if self._connection is None:
                self._create()  # after the rows: a bad item leaves an old layer alone
            self._load(rows, boxes, fid)
        self._summary.add(prepared, range(self.count + 1, fid + 1))
        self.count = fid
        return len(rows)

    def _load(self, rows: list, boxes: list, count: int) -> None:
        connection = self._connection
        if connection is None:
            raise RuntimeError("footprint writer used before begin() or after finish()")
        insert, index = self._statements
        table = self.layer_name
        extent = self._extent
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                _insert_rows(connection, insert, rows, self._max_variables)
                if self._rtree is not None:
                    _insert_rows(connection, index, boxes, self._max_variables)
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

    def _set_triggers(self, connection: sqlite3.Connection, *, restore: bool) -> None:
        try:
            with connection:
                connection.execute("BEGIN IMMEDIATE")
                for name, sql in self._triggers:
                    connection.execute(sql if restore else f"DROP TRIGGER {_quote(name)}")
        except sqlite3.Error as exc:
            raise OSError(f"Cannot write footprints to {self.path}: {exc}") from exc

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()

    def finish(self) -> FootprintOutput:
        """Close the file (creating the empty layer if no page came) and return the output."""
        if self._connection is None:
            self._create()
        self._set_triggers(self._connection, restore=True)
        self._close()
        _sync_in_background(self.path)
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
        if self._new_file:
            self.path.unlink(missing_ok=True)  # a file made for this layer alone
        else:
            _delete_layer(self.path, self.layer_name)


def _sync_in_background(path: Path) -> None:
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

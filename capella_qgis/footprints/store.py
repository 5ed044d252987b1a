"""Footprint stores (one protocol, two writers of the same layer) and ``write_footprints``.

:class:`FootprintWriter` is the fast store the search uses: GDAL creates the layer with its
spatial index and triggers, then sqlite3 loads the pages. The triggers that fire on INSERT
call GDAL's SQL functions, unknown to Python's sqlite3, so each page's transaction drops them,
inserts the features, their R-tree entries (envelopes known from the blobs), the extent and the
feature count, and creates the triggers again, verbatim, before it commits: whenever QGIS dies,
the file on disk is a GeoPackage GDAL could have written, holding the pages committed so far.
Rows go in with a few multi-row INSERTs per page.

:class:`~capella_qgis.footprints.ogr_store.OgrFootprintStore` writes the same layer feature by
feature through OGR: the reference the fast store is tested against.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Optional, Protocol, Union

from capella_qgis.core.search.query import SearchResult
from capella_qgis.footprints.gpkg import (
    NewLayer,
    build_index_with_gdal,
    create_layer,
    delete_layer,
    layer_metadata,
    sync_in_background,
    writing,
)
from capella_qgis.footprints.rows import RowBuilder
from capella_qgis.footprints.schema import (
    FIELD_NAMES,
    FootprintEntry,
    FootprintOutput,
    sanitize_layer_name,
)
from capella_qgis.footprints.summary import summarize


class FootprintStore(Protocol):
    """Writes one footprint layer of a GeoPackage, a page of items at a time.

    * ``create`` makes the empty layer now (else the first page does), replacing one of the
      same name when ``overwrite``. If another writer is writing a layer of that name right
      now, the store writes beside it instead (``layer_name`` gets a ``_2`` suffix).
    * Any number of stores write one file at once (threads, processes), each its own layer;
      they take turns per page (``gpkg.writing``).
    * ``prepare`` may be called from any thread with raw features ahead of ``add`` (a hint);
      with ``release`` it may drop what it took from them (only their ids are read again).
    * ``add`` writes one page in one transaction, fids continuing 1..n in call order; a
      malformed item raises before anything of its page is written.
    * After every ``add`` the file is a valid GeoPackage holding the committed pages: GDAL's
      triggers, an R-tree entry per feature, a feature count that is right or NULL (GDAL's
      "unknown"); also when the process dies at any moment.
    * ``finish`` closes the layer (an empty one when no page came) and returns the output;
      ``abort`` removes the half-written layer (the file, when it was made for it).

    Worker-thread safe: GDAL/OGR and sqlite3 only, no ``QgsProject`` and no widgets.
    """

    path: Path
    layer_name: str
    search_id: str
    count: int

    def create(self) -> None: ...

    def prepare(self, entries: Iterable[FootprintEntry], release: bool = False) -> None: ...

    def add(self, entries: Iterable[FootprintEntry]) -> int: ...

    def finish(self) -> FootprintOutput: ...

    def abort(self) -> None: ...


class StoreFactory(Protocol):
    """A :class:`FootprintStore` class (or any callable with its constructor's signature)."""

    def __call__(
        self,
        gpkg_path: Union[str, Path],
        layer_name: str,
        *,
        search_query: Optional[dict[str, Any]] = None,
        overwrite: bool = True,
        search_id: Optional[str] = None,
    ) -> FootprintStore: ...


def query_text(search_query: Optional[dict[str, Any]]) -> str:
    """The search query as stored with the layer (compact JSON)."""
    return json.dumps(search_query or {}, separators=(",", ":"), default=str)


# SQLite's bound-parameter limit before 3.32; Python < 3.11 cannot ask for the real one.
_DEFAULT_MAX_VARIABLES = 999
_ROWS_PER_STATEMENT = 500
# A trigger fired by INSERTs into its table ("AFTER INSERT ON", "BEFORE INSERT ON").
_ON_INSERT = re.compile(r"\bINSERT\s+ON\b", re.IGNORECASE)


def _max_variables(connection: sqlite3.Connection) -> int:
    getlimit = getattr(connection, "getlimit", None)
    if getlimit is None:
        return _DEFAULT_MAX_VARIABLES
    return int(getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))


def _insert_rows(
    connection: sqlite3.Connection, head: str, rows: Sequence[Sequence[Any]], max_variables: int
) -> None:
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


class FootprintWriter:
    """The fast :class:`FootprintStore`: GDAL makes the layer, sqlite3 bulk-loads the pages."""

    def __init__(
        self,
        gpkg_path: Union[str, Path],
        layer_name: str,
        *,
        search_query: Optional[dict[str, Any]] = None,
        overwrite: bool = True,
        search_id: Optional[str] = None,
    ) -> None:
        self.path = Path(gpkg_path)
        self.layer_name = sanitize_layer_name(layer_name)
        self.search_id = search_id or uuid.uuid4().hex
        self.query_json = query_text(search_query)
        self.overwrite = overwrite
        self.count = 0
        self._rows = RowBuilder(self.search_id)
        self._extent = [math.inf, -math.inf, math.inf, -math.inf]
        self._connection: Optional[sqlite3.Connection] = None
        self._triggers: list[tuple[str, str]] = []  # (name, SQL) of the INSERT triggers
        self._rtree: Optional[str] = None
        self._statements: tuple[str, str] = ("", "")
        self._max_variables = _DEFAULT_MAX_VARIABLES
        self._finished = False
        self._layer: Optional[NewLayer] = None

    def create(self) -> None:
        """Create the (empty) layer now instead of with the first page.

        GDAL's many small calls each wait for the GIL: made while fetch threads parse pages,
        they take ten times longer. Replaces an existing layer of the same name at once,
        unless another writer is writing that one now (see ``gpkg.create_layer``).
        """
        if self._connection is None:
            self._create()

    def _create(self) -> None:
        metadata = layer_metadata(self.search_id, self.query_json)
        layer = create_layer(self.path, self.layer_name, self.overwrite, metadata)
        self._layer, self.layer_name = layer, layer.name
        try:
            self._connect()
        except BaseException:
            self._layer = None
            layer.release()
            raise

    def _connect(self) -> None:
        # Other writers of the file take turns with this one (gpkg.writing); the timeout is
        # for the rest: QGIS reading or editing the file meanwhile.
        connection = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)
        # Pages are committed without waiting for the disk (an fsync per page costs more than
        # the page); finish() has the file flushed once, in the background. The rollback
        # journal still protects the file from a crash of QGIS at any point.
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA cache_size=-65536")
        table = self.layer_name
        triggers = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND lower(tbl_name)=lower(?)",
            (table,),
        ).fetchall()
        self._triggers = [(name, sql) for name, sql in triggers if _ON_INSERT.search(sql)]
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
        self._connection = connection

    def prepare(self, entries: Iterable[FootprintEntry], release: bool = False) -> None:
        """Build the rows of raw features ahead of :meth:`add` (any thread; a hint only)."""
        self._rows.prepare(entries, release)

    def add(self, entries: Iterable[FootprintEntry]) -> int:
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
        self.count = fid
        return len(rows)

    def _load(self, rows: list[list[Any]], boxes: list[tuple[Any, ...]], count: int) -> None:
        connection = self._connection
        if connection is None:
            raise RuntimeError("footprint writer used before create() or after finish()")
        try:
            with writing(self.path):  # other writers of the file wait for this page
                self._transaction(connection, rows, boxes, count)
        except sqlite3.Error as exc:
            raise OSError(f"Cannot write footprints to {self.path}: {exc}") from exc

    def _transaction(
        self,
        connection: sqlite3.Connection,
        rows: list[list[Any]],
        boxes: list[tuple[Any, ...]],
        count: int,
    ) -> None:
        insert, index = self._statements
        table = self.layer_name
        extent = self._extent
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Inside the page's transaction: no committed state ever lacks a trigger.
            for name, _ in self._triggers:
                connection.execute(f"DROP TRIGGER {_quote(name)}")
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
            for _, sql in self._triggers:
                connection.execute(sql)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()

    def _release(self) -> None:
        """Let other writers have this layer's name again (the layer is complete or gone)."""
        layer, self._layer = self._layer, None
        if layer is not None:
            layer.release()

    def finish(self) -> FootprintOutput:
        """Close the file (creating the empty layer if no page came) and return the output."""
        if self._connection is None:
            self._create()
        self._close()
        sync_in_background(self.path)
        self._finished = True
        try:
            if self._rtree is None:  # a GDAL that defers the R-tree: let it build one now
                build_index_with_gdal(self.path, self.layer_name)
        finally:
            self._release()
        return FootprintOutput(
            self.path, self.layer_name, self.count, self.search_id, self.query_json
        )

    def abort(self) -> None:
        """Drop the layer written so far (nothing happens when no page came)."""
        if self._connection is None or self._finished:
            return
        self._close()
        self._connection = None
        new_file = self._layer is not None and self._layer.new_file
        try:
            # A file made for this layer goes too, unless another writer added one meanwhile.
            delete_layer(self.path, self.layer_name, remove_empty_file=new_file)
        finally:
            self._release()


def write_footprints(
    items: Union[SearchResult, Iterable[FootprintEntry]],
    gpkg_path: Union[str, Path],
    layer_name: str,
    *,
    search_query: Optional[dict[str, Any]] = None,
    overwrite: bool = True,
    search_id: Optional[str] = None,
    store: StoreFactory = FootprintWriter,
) -> FootprintOutput:
    """Write items as MultiPolygon EPSG:4326 features into one GeoPackage layer.

    One transaction for all features. Worker-thread safe: touches neither ``QgsProject`` nor
    widgets, returns plain data (open it on the main thread with ``load_footprint_layer``).
    The query is stored with the layer (GDAL metadata); raw search items skip pydantic.
    ``output.summary`` (style values, time completeness) is read back from the written layer.
    """
    if search_query is None and isinstance(items, SearchResult) and items.query is not None:
        search_query = items.query.to_body()
    writer = store(
        gpkg_path,
        layer_name,
        search_query=search_query,
        overwrite=overwrite,
        search_id=search_id,
    )
    entries = items.entries if isinstance(items, SearchResult) else items
    try:
        writer.add(entries)
    except BaseException:
        writer.abort()
        raise
    return summarize(writer.finish())

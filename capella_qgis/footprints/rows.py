"""GeoPackage rows of footprint features, built straight from raw STAC dicts (fast path).

A row is ``[fid, geometry blob, *values]`` with the values in :data:`FIELD_NAMES` and
datetimes as the ISO 8601 UTC text GeoPackage stores. Raw features whose properties have the
plain shapes the Console sends (strings, numbers, ISO 8601 timestamps, converted to UTC by
:func:`capella_qgis.core.timefmt.format_utc`) are converted without an intermediate record;
anything else takes the record path of :mod:`footprints_records`, which for a malformed item
raises pydantic's precise error. Presigned links lose their signature on the way in (also in
the rows of a layer written before: :func:`unsign_stored_rows`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, NamedTuple, Optional, Union, cast
from urllib.parse import quote

from capella_qgis.core.redact import strip_json_signatures, strip_signature
from capella_qgis.core.search.pages import RawFeature
from capella_qgis.core.timefmt import format_utc
from capella_qgis.footprints.geometry import Envelope, footprint_gpkg_blob
from capella_qgis.footprints.gpkg import writing
from capella_qgis.footprints.records import _PROPERTY_KEYS, record_of
from capella_qgis.footprints.schema import FIELD_NAMES, FootprintEntry

_POSITION = {name: index for index, name in enumerate(FIELD_NAMES)}
# STAC property key per field position (a key no item has where the value is not a property).
_KEYS = tuple(
    dict((name, key) for name, _, key in _PROPERTY_KEYS).get(name, "\x00") for name in FIELD_NAMES
)


def _positions(kind: str) -> tuple[int, ...]:
    return tuple(_POSITION[name] for name, k, _ in _PROPERTY_KEYS if k == kind)


_STR_AT, _INT_AT, _FLOAT_AT, _TIME_AT = (_positions(k) for k in ("str", "int", "float", "datetime"))


def _getter(positions: Sequence[int]) -> Callable[[list[Any]], tuple[Any, ...]]:
    """A tuple of the items at ``positions`` (always a tuple, even for one position)."""
    if len(positions) == 1:
        return lambda values: (values[positions[0]],)
    if not positions:
        return lambda values: ()
    return itemgetter(*positions)


_STR_GET, _FLOAT_GET = _getter(_STR_AT), _getter(_FLOAT_AT)
_NONE = type(None)
_STR_TYPES = frozenset((str, _NONE))
_FLOAT_TYPES = frozenset((float, _NONE))
_NUMBER_TYPES = frozenset((float, int, _NONE))
_ID, _COLLECTION, _POLS, _THUMB, _SEARCH, _JSON = (
    _POSITION[n]
    for n in ("stac_id", "collection", "polarizations", "thumbnail_url", "search_id", "item_json")
)


class PreparedRow(NamedTuple):
    """One feature ready for the GeoPackage and its R-tree box."""

    row: list[Any]  # [fid (set when written), blob, *values]
    envelope: Optional[Envelope]


def _fast_values(data: dict[str, Any], text: Optional[str], search_id: str) -> Optional[list[Any]]:
    """The field values of a raw feature of the usual shape, or None to take the record path."""
    props = data.get("properties")
    if type(props) is not dict:
        return None
    values: list[Any] = list(map(props.get, _KEYS))
    # Whole groups are type-checked at C speed; the rare exceptions take the slow path.
    if not set(map(type, _STR_GET(values))) <= _STR_TYPES:
        return None
    kinds = set(map(type, _FLOAT_GET(values)))
    if not kinds <= _FLOAT_TYPES:
        if not kinds <= _NUMBER_TYPES:
            return None
        for index in _FLOAT_AT:
            if type(values[index]) is int:
                values[index] = float(values[index])
    for index in _INT_AT:
        value = values[index]
        if value is not None and type(value) is not int:
            if type(value) is not float or not value.is_integer():
                return None
            values[index] = int(value)
    for index in _TIME_AT:
        if values[index] is not None:
            # Kept as it is in the Console's wire form (the usual case), else converted to
            # UTC; an InputError (a ValueError) sends the item down the record path.
            values[index] = format_utc(values[index])
    pols = props.get("sar:polarizations")
    if pols:
        if type(pols) is not list or not set(map(type, pols)) <= _STR_TYPES:
            return None
        values[_POLS] = ",".join(pols)
    collection = data.get("collection")
    if collection is not None and type(collection) is not str:
        return None
    thumbnail = (data.get("assets") or {}).get("thumbnail")
    if thumbnail:
        href = thumbnail.get("href") if type(thumbnail) is dict else None
        if type(href) is not str:
            return None
        values[_THUMB] = strip_signature(href)
    values[_ID] = data["id"]
    values[_COLLECTION] = collection
    values[_SEARCH] = search_id or None
    if text is None:
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    # The wire text, minus the signatures of its presigned links (re-presigned on demand).
    values[_JSON] = strip_json_signatures(text)
    return values


def _record_values(
    item: FootprintEntry, search_id: str
) -> tuple[list[Any], Optional[dict[str, Any]]]:
    record, geometry = record_of(item, search_id)
    values = [record.get(name) for name in FIELD_NAMES]
    for index in _TIME_AT:  # every datetime field is a STAC property
        if values[index] is not None:
            values[index] = format_utc(values[index])
    return values, geometry


class RowBuilder:
    """Builds :class:`PreparedRow` objects for one footprint layer (thread-safe, no state)."""

    def __init__(self, search_id: str) -> None:
        self.search_id = search_id

    def build(self, item: FootprintEntry) -> PreparedRow:
        """The row of one item; a malformed item raises the catalog's precise error."""
        values = None
        geometry = None
        if isinstance(item, RawFeature):
            try:
                values = _fast_values(item.data, item.text, self.search_id)
            except (AttributeError, KeyError, TypeError, ValueError):
                values = None
            geometry = item.data.get("geometry") if values is not None else None
        if values is None:
            values, geometry = _record_values(item, self.search_id)
        blob, envelope = footprint_gpkg_blob(geometry)
        return PreparedRow([None, blob, *values], envelope)

    def prepare(self, entries: Iterable[Any], release: bool = False) -> None:
        """Attach rows to raw features ahead of writing (a hint: failures are left unset).

        ``release``: a feature whose row was built keeps only its id (:meth:`RawFeature.slim`);
        for callers that never read the features again.
        """
        for entry in entries:
            if isinstance(entry, RawFeature):
                try:
                    entry.prepared = (self, self.build(entry))
                except Exception:  # the writer rebuilds it and reports the precise error
                    entry.prepared = None
                else:
                    if release:
                        entry.slim()

    def take(self, entry: Any) -> PreparedRow:
        """The row prepared for ``entry`` by this builder (released from it), or a new one."""
        if isinstance(entry, RawFeature):
            prepared = entry.prepared
            if prepared is not None:
                entry.prepared = None
                if prepared[0] is self:
                    return cast(PreparedRow, prepared[1])
        return self.build(entry)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def unsign_stored_rows(path: Union[str, Path], layer_name: str) -> int:
    """Cut the signatures out of the links of rows stored before they were cut on the way in.

    Any thread (sqlite3 releases the GIL). Returns the number of rows changed; a layer without
    a signed link is only read. The rewrite takes the GeoPackage's write lock, and SQLite's
    ``secure_delete`` zeroes the replaced text instead of leaving it in free pages.
    """
    table = _quote(layer_name)
    # Identifiers cannot be bound parameters: the columns are our fixed schema and the table
    # name is quoted with embedded quotes doubled.
    select = (
        f"SELECT fid, item_json, thumbnail_url FROM {table} "  # nosec B608
        "WHERE instr(item_json, '?') > 0 OR instr(item_json, '\\u003') > 0 "
        "OR instr(thumbnail_url, '?') > 0"
    )
    update = f"UPDATE {table} SET item_json = ?, thumbnail_url = ? WHERE fid = ?"  # nosec B608
    gpkg = Path(path).resolve()
    with closing(_update_connection(gpkg)) as db:
        changes = _unsigned_changes(db.execute(select).fetchall())
        if not changes:
            return 0
        with writing(gpkg):
            db.execute("PRAGMA secure_delete=ON")
            db.execute("BEGIN IMMEDIATE")
            try:
                # Read again under the lock: a writer may have replaced the layer meanwhile.
                changes = _unsigned_changes(db.execute(select).fetchall())
                db.executemany(update, changes)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
    return len(changes)


def _update_connection(gpkg: Path) -> sqlite3.Connection:
    """A connection for UPDATEs of footprint rows that never touch fid or geometry."""
    # "rw": never creates a missing file.
    uri = f"file:{quote(str(gpkg))}?mode=rw"
    db = sqlite3.connect(uri, uri=True, timeout=30.0, isolation_level=None)
    # GDAL's R-tree triggers on UPDATE name GeoPackage SQL functions sqlite3 lacks; ours
    # only fire for a changed fid, which these UPDATEs never make.
    db.create_function("ST_IsEmpty", 1, _st_is_empty, deterministic=True)
    for name in ("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
        db.create_function(name, 1, _never_called, deterministic=True)
    return db


def store_thumb_paths(path: Union[str, Path], layer_name: str, paths: dict[int, str]) -> int:
    """Write ``thumb_path`` of the rows ``paths`` names (fid -> local file); any thread.

    The map-tip filler wrote them through the layer's provider on the UI thread: behind a
    search writing the same GeoPackage (or the disk syncing a download) that froze QGIS for
    up to 0.8 s, or failed with "database is locked". Here the write waits for the file's
    other writers (``gpkg.writing``, then SQLite's 30 s busy timeout). Returns rows changed.
    """
    if not paths:
        return 0
    table = _quote(layer_name)
    update = f"UPDATE {table} SET thumb_path = ? WHERE fid = ?"  # nosec B608: quoted name
    gpkg = Path(path).resolve()
    with closing(_update_connection(gpkg)) as db, writing(gpkg):
        db.execute("BEGIN IMMEDIATE")
        try:
            changed = db.executemany(update, [(p, fid) for fid, p in paths.items()]).rowcount
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return int(changed)


def _st_is_empty(blob: Optional[bytes]) -> Optional[int]:
    """GeoPackage ``ST_IsEmpty``: the empty flag of the blob header (NULL stays NULL)."""
    if blob is None:
        return None
    return int(len(blob) < 8 or bool(blob[3] & 0x10))


def _never_called(_blob: Optional[bytes]) -> float:
    raise sqlite3.NotSupportedError("footprint rows never change fid here")


def _unsigned_changes(rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, Any, Any]]:
    """``(item_json, thumbnail_url, fid)`` of the rows whose links lose a signature."""
    out = []
    for fid, text, url in rows:
        new_text = strip_json_signatures(text) if isinstance(text, str) else text
        new_url = strip_signature(url) if isinstance(url, str) else url
        if new_text != text or new_url != url:
            out.append((new_text, new_url, fid))
    return out


def nearest_in_view(
    path: Union[str, Path],
    layer_name: str,
    rect: tuple[float, float, float, float],
    centre: tuple[float, float],
    *,
    filled: bool,
    limit: int,
) -> list[tuple[float, str, int, Optional[str]]]:
    """``(squared distance, stac_id, fid, thumb_path)`` of the rows whose box meets ``rect``
    (xmin, ymin, xmax, ymax), nearest box centre first; ``filled``: the rows with a stored
    ``thumb_path``, else those without one. Any thread.

    One R-tree query that SQLite answers with the GIL released: iterating the features through
    the QGIS API held the GIL a few ms per hundred rows, 0.3 s for 10,000 in view, and the UI
    thread waited for it (#20).
    """
    table = _quote(layer_name)
    rtree = _quote(f"rtree_{layer_name}_geom")
    empty = "(t.thumb_path IS NULL OR trim(t.thumb_path) = '')"
    wanted = f"NOT {empty}" if filled else empty
    # Identifiers cannot be bound parameters: our fixed schema, quoted names; values bound.
    query = (
        "SELECT ((r.minx + r.maxx) / 2 - ?) * ((r.minx + r.maxx) / 2 - ?)"  # nosec B608
        " + ((r.miny + r.maxy) / 2 - ?) * ((r.miny + r.maxy) / 2 - ?) AS d,"
        f" t.stac_id, t.fid, t.thumb_path FROM {rtree} r JOIN {table} t ON t.fid = r.id"
        " WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?"
        f" AND t.stac_id IS NOT NULL AND trim(t.stac_id) <> '' AND {wanted}"
        " ORDER BY d LIMIT ?"
    )
    cx, cy = centre
    xmin, ymin, xmax, ymax = rect
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True, timeout=30.0)) as db:
        rows = db.execute(query, (cx, cx, cy, cy, xmin, xmax, ymin, ymax, limit)).fetchall()
    return [(float(d), str(stac_id), int(fid), thumb) for d, stac_id, fid, thumb in rows]

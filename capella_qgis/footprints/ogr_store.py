"""The reference footprint store: every feature written through OGR, one transaction per page.

GDAL fills the R-tree, extent and feature count itself (its triggers and SQL functions), so
this store is the plain, obviously right way to write the layer. It is several times slower
than :class:`~capella_qgis.footprints.store.FootprintWriter` (GDAL's many small calls each
wait for the GIL while fetch threads parse pages); the tests hold the fast store to the layer
this one writes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Optional, Union

from capella_qgis.core.timefmt import format_utc
from capella_qgis.footprints.geometry import footprint_wkt
from capella_qgis.footprints.gpkg import (
    NewLayer,
    create_layer,
    delete_layer,
    layer_metadata,
    writing,
)
from capella_qgis.footprints.records import record_of
from capella_qgis.footprints.schema import (
    _FIELD_SPECS,
    FootprintEntry,
    FootprintOutput,
    sanitize_layer_name,
)
from capella_qgis.footprints.store import query_text


class OgrFootprintStore:
    """A :class:`~capella_qgis.footprints.store.FootprintStore` made of OGR feature writes."""

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
        self._dataset: Any = None
        self._layer: Any = None
        self._created: Optional[NewLayer] = None
        self._finished = False

    def create(self) -> None:
        if self._dataset is None:
            self._create()

    def _create(self) -> None:
        from osgeo import ogr

        metadata = layer_metadata(self.search_id, self.query_json)
        created = create_layer(self.path, self.layer_name, self.overwrite, metadata)
        self.layer_name = created.name
        dataset = ogr.Open(str(self.path), 1)
        layer = dataset.GetLayerByName(self.layer_name) if dataset is not None else None
        if layer is None:
            created.release()
            raise OSError(f"Cannot open layer '{self.layer_name}' in {self.path}")
        self._dataset, self._layer, self._created = dataset, layer, created

    def prepare(self, entries: Iterable[FootprintEntry], release: bool = False) -> None:
        """Nothing to build ahead (nor to release): every value is converted when written."""

    def add(self, entries: Iterable[FootprintEntry]) -> int:
        """Append one page of items (one OGR transaction); return how many were written."""
        records = [record_of(entry, self.search_id) for entry in entries]  # raises first
        if not records:
            return 0
        if self._dataset is None:
            self._create()
        with writing(self.path):  # other writers of the file wait for this page
            return self._transaction(records)

    def _transaction(self, records: list[tuple[dict[str, Any], Any]]) -> int:
        from osgeo import ogr

        layer = self._layer
        definition = layer.GetLayerDefn()
        committed = self.count
        if self._dataset.StartTransaction() != 0:
            raise OSError(f"Cannot write footprints to {self.path}")
        try:
            for record, geometry in records:
                feature = ogr.Feature(definition)
                feature.SetFID(self.count + 1)
                for index, (name, kind) in enumerate(_FIELD_SPECS):
                    value = record.get(name)
                    if value is None:
                        feature.SetFieldNull(index)
                    else:
                        feature.SetField(index, format_utc(value) if kind == "datetime" else value)
                wkt = footprint_wkt(geometry)
                shape = ogr.CreateGeometryFromWkt(wkt) if wkt else None
                if shape is not None and not shape.IsEmpty():
                    feature.SetGeometryDirectly(ogr.ForceToMultiPolygon(shape))
                if layer.CreateFeature(feature) != 0:
                    raise OSError(f"Cannot write footprint {record.get('stac_id')}")
                self.count += 1
            # GDAL drops the feature-count triggers while it inserts and restores them when it
            # syncs: synced inside the page's transaction, no committed state lacks them.
            if layer.SyncToDisk() != 0 or self._dataset.CommitTransaction() != 0:
                raise OSError(f"Cannot write footprints to {self.path}")
        except BaseException:
            self._dataset.RollbackTransaction()
            self.count = committed  # fids go on from the committed pages
            raise
        return len(records)

    def _close(self) -> None:
        with writing(self.path):
            self._layer = None
            self._dataset = None  # GDAL writes the extent and feature count now

    def _release(self) -> None:
        """Let other writers have this layer's name again (the layer is complete or gone)."""
        created, self._created = self._created, None
        if created is not None:
            created.release()

    def finish(self) -> FootprintOutput:
        """Close the file (creating the empty layer if no page came) and return the output."""
        if self._dataset is None:
            self._create()
        try:
            self._close()
        finally:
            self._release()
        self._finished = True
        return FootprintOutput(
            self.path, self.layer_name, self.count, self.search_id, self.query_json
        )

    def abort(self) -> None:
        """Drop the layer written so far (nothing happens when no page came)."""
        if self._dataset is None or self._finished:
            return
        new_file = self._created is not None and self._created.new_file
        try:
            self._close()
            # A file made for this layer goes too, unless another writer added one meanwhile.
            delete_layer(self.path, self.layer_name, remove_empty_file=new_file)
        finally:
            self._release()

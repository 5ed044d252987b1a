"""Write footprint layers into a GeoPackage with GDAL/OGR (safe in worker threads)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Optional, Union

from capella_qgis.core.search.pages import gc_paused
from capella_qgis.core.search.query import SearchResult
from capella_qgis.footprints.schema import GPKG_QUERY_KEY, FootprintOutput, ItemLike
from capella_qgis.footprints.store import FootprintWriter

__all__ = ["FootprintWriter", "read_search_query", "write_footprints"]


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
    if search_query is None and isinstance(items, SearchResult) and items.query is not None:
        search_query = items.query.to_body()
    writer = FootprintWriter(
        gpkg_path,
        layer_name,
        search_query=search_query,
        overwrite=overwrite,
        search_id=search_id,
        row_fields=row_fields,
    )
    entries = items.entries if isinstance(items, SearchResult) else items
    with gc_paused():
        try:
            writer.add(entries)
        except BaseException:
            writer.abort()
            raise
        return writer.finish()


# ----------------------------------------------------------------------------------- loading

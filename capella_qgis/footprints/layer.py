"""Catalog search results (STAC items) → GeoPackage footprint layers and back."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Optional, Union

from qgis.core import (
    Qgis,
    QgsFeatureRequest,
    QgsLayerTreeGroup,
    QgsProject,
    QgsVectorLayer,
)

from capella_qgis.core.models.stac import StacItem
from capella_qgis.core.redact import strip_json_signatures, strip_signature
from capella_qgis.core.search.query import SearchResult
from capella_qgis.footprints.geometry import footprint_geometry, footprint_wkt
from capella_qgis.footprints.gpkg import read_metadata, read_search_query
from capella_qgis.footprints.schema import (
    FIELD_NAMES,
    FOOTPRINT_FIELDS,
    GPKG_QUERY_KEY,
    GPKG_SEARCH_ID_KEY,
    SEARCH_ID_PROPERTY,
    SEARCH_QUERY_PROPERTY,
    FootprintOutput,
    ItemLike,
    footprint_layers,
    item_record,
    item_to_attributes,
    qdatetime_utc,
    sanitize_layer_name,
    unique_layer_name,
)
from capella_qgis.footprints.store import write_footprints
from capella_qgis.footprints.style import (
    DEFAULT_STYLE,
    STYLE_FIELDS,
    apply_map_tips,
    apply_style,
    apply_temporal,
)
from capella_qgis.footprints.summary import read_summary
from capella_qgis.toolbelt.compat import scoped_enum

__all__ = [
    "FIELD_NAMES",
    "FOOTPRINT_FIELDS",
    "SEARCH_ID_PROPERTY",
    "SEARCH_QUERY_PROPERTY",
    "FootprintOutput",
    "apply_style",
    "export_feature_collection",
    "footprint_geometry",
    "footprint_layers",
    "footprint_wkt",
    "is_footprint_layer",
    "item_record",
    "item_to_attributes",
    "items_from_layer",
    "load_footprint_layer",
    "open_footprint_layer",
    "qdatetime_utc",
    "read_search_query",
    "sanitize_layer_name",
    "strip_signature",
    "unique_layer_name",
    "write_footprints",
]


def is_footprint_layer(layer: Any) -> bool:
    """A valid vector layer with the footprint schema, i.e. written by a footprint store.

    The field set is the mark: only ``gpkg.create_layer`` makes it, it travels with the data
    (a project reload, the Browser, drag and drop) and it guarantees the fields the footprint
    actions read and write (``item_json``, ``stac_id``, ``thumb_path``). The search-query
    custom property is not: it is set only when :func:`open_footprint_layer` opened the layer,
    and says nothing about the fields. When the schema grows, keep requiring only today's
    fields here: footprint layers written before lack the new ones.
    """
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return False
    names = set(layer.fields().names())
    return all(name in names for name in FIELD_NAMES)


def open_footprint_layer(
    gpkg_path: Union[str, Path],
    layer_name: str,
    display_name: Optional[str] = None,
    *,
    meta: Optional[dict[str, str]] = None,
) -> QgsVectorLayer:
    """Open a footprint layer and restore the custom properties from the GeoPackage.

    ``meta`` (the layer's GDAL metadata, when the caller already has it) spares a re-read.
    """
    path = Path(gpkg_path)
    layer = QgsVectorLayer(f"{path}|layername={layer_name}", display_name or layer_name, "ogr")
    if not layer.isValid():
        raise OSError(f"Cannot open footprint layer '{layer_name}' from {path}")
    if meta is None:
        meta = read_metadata(path, layer_name)
    if GPKG_QUERY_KEY in meta:
        layer.setCustomProperty(SEARCH_QUERY_PROPERTY, meta[GPKG_QUERY_KEY])
    if GPKG_SEARCH_ID_KEY in meta:
        layer.setCustomProperty(SEARCH_ID_PROPERTY, meta[GPKG_SEARCH_ID_KEY])
    return layer


def load_footprint_layer(
    path: Union[str, Path, FootprintOutput],
    layer_name: Optional[str] = None,
    *,
    style: str = DEFAULT_STYLE,
    project: Optional[QgsProject] = None,
    group_name: Optional[str] = None,
    add_to_project: bool = True,
) -> QgsVectorLayer:
    """Open, style, enable time and map tips, and add the layer to the project.

    With a :class:`FootprintOutput` from :func:`write_footprints`, its metadata and summary
    (style values, time completeness) are used so nothing scans the layer on the UI thread;
    a layer named by path is read once for them (:func:`read_summary`).

    With ``add_to_project=False`` any thread may call it (opening a GeoPackage layer costs
    5-100 ms, too long for the UI thread while a search runs): a worker then moves the layer
    to the main thread, which hands it to :func:`add_footprint_layer`.
    """
    summary = None
    meta = None
    if isinstance(path, FootprintOutput):
        layer_name = layer_name or path.layer_name
        if layer_name == path.layer_name:
            summary = path.summary
            meta = {GPKG_QUERY_KEY: path.query_json, GPKG_SEARCH_ID_KEY: path.search_id}
        path = path.path
    if not layer_name:
        raise ValueError("load_footprint_layer: layer_name is required")
    layer = open_footprint_layer(path, layer_name, meta=meta)
    if summary is None:
        summary = read_summary(path, layer_name)
    apply_style(layer, style, values=summary.style_values.get(STYLE_FIELDS.get(style, "")))
    apply_temporal(layer, time_range_complete=summary.time_range_complete)
    apply_map_tips(layer)
    if add_to_project:
        add_footprint_layer(layer, project=project, group_name=group_name)
    return layer


def add_footprint_layer(
    layer: QgsVectorLayer,
    *,
    project: Optional[QgsProject] = None,
    group_name: Optional[str] = None,
) -> QgsVectorLayer:
    """Main thread: add a loaded layer to the project, at the top of ``group_name`` if given."""
    project = project or QgsProject.instance()
    if group_name:
        root = project.layerTreeRoot()
        group = root.findGroup(group_name)
        if not isinstance(group, QgsLayerTreeGroup):
            group = root.insertGroup(0, group_name)
        project.addMapLayer(layer, False)
        group.insertLayer(0, layer)
    else:
        project.addMapLayer(layer)
    return layer


# ---------------------------------------------------------------------------------- reading


def items_from_layer(layer: QgsVectorLayer, selected_only: bool = False) -> list[dict[str, Any]]:
    """The original STAC item dicts stored in ``item_json`` (selection order = fid order)."""
    index = layer.fields().indexOf("item_json")
    if index < 0:
        raise ValueError(f"Layer '{layer.name()}' has no item_json field")
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes([index])
    no_geometry = scoped_enum(QgsFeatureRequest, "Flag", "NoGeometry")
    flags = getattr(Qgis, "FeatureRequestFlag", None)  # QGIS >= 3.36
    if flags is not None and hasattr(flags, "NoGeometry"):
        no_geometry = flags.NoGeometry
    request.setFlags(no_geometry)
    if selected_only:
        ids = sorted(layer.selectedFeatureIds())
        if not ids:
            return []
        request.setFilterFids(ids)
    out = []
    for feature in layer.getFeatures(request):
        text = feature.attribute(index)
        if text is None or (hasattr(text, "isNull") and text.isNull()) or not str(text):
            continue
        out.append(json.loads(str(text)))
    return out


def export_feature_collection(
    source: Union[QgsVectorLayer, SearchResult, Iterable[ItemLike]],
    path: Union[str, Path],
    *,
    selected_only: bool = False,
) -> Path:
    """Write ``{"type": "FeatureCollection", "features": [<STAC items>]}`` (SDK shape)."""
    if isinstance(source, QgsVectorLayer):
        features = items_from_layer(source, selected_only=selected_only)
    elif isinstance(source, SearchResult):
        features = source.to_feature_collection()["features"]
    else:
        features = [
            item.to_feature() if isinstance(item, StacItem) else dict(item) for item in source
        ]
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"type": "FeatureCollection", "features": features}
    # Items still in memory carry presigned links: the file gets them unsigned, like a layer.
    text = strip_json_signatures(json.dumps(payload, ensure_ascii=False))
    target.write_text(text, encoding="utf-8")
    return target

"""Catalog search results (STAC items) → GeoPackage footprint layers and back."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional, Union
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsLayerTreeGroup,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime, Qt, QVariant

from capella_qgis.core.models import StacItem
from capella_qgis.core.search import SearchResult
from capella_qgis.toolbelt.compat import scoped_enum
from capella_qgis.toolbelt.footprints_style import (
    DEFAULT_STYLE,
    apply_map_tips,
    apply_style,
    apply_temporal,
)

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
    "footprint_storage_path",
    "footprint_wkt",
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

SEARCH_QUERY_PROPERTY = "capella/search_query"
SEARCH_ID_PROPERTY = "capella/search_id"
# GDAL metadata items stored with the GeoPackage layer (survive reloads without a project).
GPKG_QUERY_KEY = "CAPELLA_SEARCH_QUERY"
GPKG_SEARCH_ID_KEY = "CAPELLA_SEARCH_ID"
GPKG_MARKER_KEY = "CAPELLA_FOOTPRINTS"
LAYER_PREFIX = "capella_search"
EPSG_4326 = "EPSG:4326"

ItemLike = Union[StacItem, Mapping[str, Any]]

# (name, kind); kinds: str, int, float, datetime. Names equal StacItemProperties attributes.
_FIELD_SPECS: tuple[tuple[str, str], ...] = (
    ("stac_id", "str"),
    ("collection", "str"),
    ("collect_id", "str"),
    ("datetime", "datetime"),
    ("start_datetime", "datetime"),
    ("end_datetime", "datetime"),
    ("platform", "str"),
    ("constellation", "str"),
    ("product_type", "str"),
    ("instrument_mode", "str"),
    ("polarizations", "str"),
    ("observation_direction", "str"),
    ("orbit_state", "str"),
    ("orbital_plane", "int"),
    ("incidence_angle", "float"),
    ("look_angle", "float"),
    ("azimuth_angle", "float"),
    ("squint_angle", "float"),
    ("layover_angle", "float"),
    ("resolution_range", "float"),
    ("resolution_azimuth", "float"),
    ("resolution_ground_range", "float"),
    ("pixel_spacing_range", "float"),
    ("pixel_spacing_azimuth", "float"),
    ("looks_equivalent_number", "float"),
    ("center_frequency", "float"),
    ("frequency_band", "str"),
    ("epsg", "int"),
    ("billable_area", "float"),
    ("collection_type", "str"),
    ("image_formation_algorithm", "str"),
    ("local_datetime", "str"),
    ("local_time", "str"),
    ("thumbnail_url", "str"),
    ("thumb_path", "str"),
    ("search_id", "str"),
    ("item_json", "str"),
)
_ITEM_LEVEL = {"stac_id", "collection", "thumbnail_url", "thumb_path", "search_id", "item_json"}
_PROPERTY_FIELDS = tuple(
    (name, kind)
    for name, kind in _FIELD_SPECS
    if name not in _ITEM_LEVEL and name != "polarizations"
)
# Query parameters that mark a presigned URL (never persisted in the layer).
_SIGNED_KEYS = re.compile(
    r"^(AWSAccessKeyId|Signature|Expires|x-amz-.*|X-Amz-.*|token|access_token|sig|se|sp|sv)$",
    re.IGNORECASE,
)


def _variant_type(kind: str) -> Any:
    """QMetaType.Type on QGIS ≥ 3.38 (QgsField takes it there), else the QVariant.Type."""
    if Qgis.QGIS_VERSION_INT >= 33800:
        from qgis.PyQt.QtCore import QMetaType

        names = {"str": "QString", "int": "Int", "float": "Double", "datetime": "QDateTime"}
        return getattr(QMetaType.Type, names[kind])
    names = {"str": "String", "int": "Int", "float": "Double", "datetime": "DateTime"}
    return getattr(QVariant, names[kind])


def _build_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in _FIELD_SPECS:
        fields.append(QgsField(name, _variant_type(kind)))
    return fields


FOOTPRINT_FIELDS: QgsFields = _build_fields()
FIELD_NAMES: tuple[str, ...] = tuple(name for name, _ in _FIELD_SPECS)


@dataclass(frozen=True)
class FootprintOutput:
    """What :func:`write_footprints` produced (plain data, safe to hand across threads)."""

    path: Path
    layer_name: str
    feature_count: int
    search_id: str

    @property
    def uri(self) -> str:
        return f"{self.path}|layername={self.layer_name}"


# ------------------------------------------------------------------------------- conversions


def _as_item(item: ItemLike) -> StacItem:
    if isinstance(item, StacItem):
        return item
    return StacItem.model_validate(dict(item))


def _qdatetime(value: Optional[datetime]) -> Any:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    msecs = round(value.timestamp() * 1000)
    return QDateTime.fromMSecsSinceEpoch(msecs, scoped_enum(Qt, "TimeSpec", "UTC"))


def strip_signature(url: Optional[str]) -> Optional[str]:
    """Drop the query string of a presigned URL; plain hrefs are kept as they are."""
    if not url:
        return None
    parts = urlsplit(url)
    if not parts.query:
        return url
    keys = [key for key, _ in parse_qsl(parts.query, keep_blank_values=True)]
    if any(_SIGNED_KEYS.match(key) for key in keys):
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    return url


def _ring_crosses(ring: Sequence[Sequence[float]]) -> bool:
    return any(abs(b[0] - a[0]) > 180 for a, b in zip(ring, ring[1:]))


def _unwrap(ring: Sequence[Sequence[float]]) -> list[tuple[float, float]]:
    """Shift longitudes so consecutive vertices never jump by more than 180°."""
    out: list[tuple[float, float]] = []
    offset = 0.0
    previous: Optional[float] = None
    for point in ring:
        lon, lat = float(point[0]), float(point[1])
        if previous is not None:
            delta = lon - previous
            if delta > 180:
                offset -= 360
            elif delta < -180:
                offset += 360
        previous = lon
        out.append((lon + offset, lat))
    return out


def _wkt_ring(ring: Sequence[Sequence[float]]) -> str:
    return "(" + ",".join(f"{float(p[0])!r} {float(p[1])!r}" for p in ring) + ")"


def _polygons(geometry: Mapping[str, Any]) -> list[Sequence[Sequence[Sequence[float]]]]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    if kind == "GeometryCollection":
        out = []
        for part in geometry.get("geometries") or []:
            out.extend(_polygons(part))
        return out
    return []


def _split_antimeridian(polygon: Sequence[Sequence[Sequence[float]]]) -> QgsGeometry:
    rings = [_unwrap(ring) for ring in polygon]
    shifted = QgsGeometry.fromWkt("POLYGON(" + ",".join(_wkt_ring(r) for r in rings) + ")")
    parts = QgsGeometry.fromWkt("MULTIPOLYGON EMPTY")
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        window = QgsGeometry.fromRect(QgsRectangle(-180 - shift, -90, 180 - shift, 90))
        piece = shifted.intersection(window)
        if piece.isEmpty():
            continue
        piece.translate(shift, 0)
        pieces.append(piece)
    if not pieces:
        return parts
    merged = QgsGeometry.collectGeometry(pieces)
    merged.convertToMultiType()
    return merged


def footprint_wkt(geometry: Optional[Mapping[str, Any]]) -> Optional[str]:
    """GeoJSON (Multi)Polygon → MultiPolygon WKT; rings crossing ±180° are split into parts."""
    if not geometry:
        return None
    polygons = [p for p in _polygons(geometry) if p and p[0]]
    if not polygons:
        return None
    if not any(_ring_crosses(ring) for poly in polygons for ring in poly):
        body = ",".join("(" + ",".join(_wkt_ring(r) for r in poly) + ")" for poly in polygons)
        return f"MULTIPOLYGON({body})"
    pieces = []
    for poly in polygons:
        if any(_ring_crosses(ring) for ring in poly):
            pieces.append(_split_antimeridian(poly))
        else:
            pieces.append(
                QgsGeometry.fromWkt("POLYGON(" + ",".join(_wkt_ring(r) for r in poly) + ")")
            )
    merged = QgsGeometry.collectGeometry([p for p in pieces if not p.isEmpty()])
    if merged.isEmpty():
        return None
    merged.convertToMultiType()
    return merged.asWkt(9)


def footprint_geometry(geometry: Optional[Mapping[str, Any]]) -> QgsGeometry:
    """:func:`footprint_wkt` as a QgsGeometry (null geometry when there is no polygon)."""
    wkt = footprint_wkt(geometry)
    return QgsGeometry.fromWkt(wkt) if wkt else QgsGeometry()


def item_record(item: ItemLike, search_id: str = "") -> dict[str, Any]:
    """Plain Python attribute values (aware UTC datetimes) keyed by footprint field name."""
    stac = _as_item(item)
    props = stac.properties
    thumbnail = stac.assets.get("thumbnail")
    pols = props.polarizations
    record: dict[str, Any] = {
        "stac_id": stac.id,
        "collection": stac.collection,
        "polarizations": ",".join(pols) if pols else None,
        "thumbnail_url": strip_signature(thumbnail.href) if thumbnail else None,
        "thumb_path": None,
        "search_id": search_id or None,
        "item_json": json.dumps(stac.to_feature(), separators=(",", ":"), ensure_ascii=False),
    }
    for name, kind in _PROPERTY_FIELDS:
        value = getattr(props, name, None)
        if value is None:
            record[name] = None
        elif kind == "datetime":
            record[name] = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        elif kind == "int":
            record[name] = int(value)
        elif kind == "float":
            record[name] = float(value)
        else:
            record[name] = str(value)
    return record


def item_to_attributes(item: ItemLike, search_id: str = "") -> list[Any]:
    """Attribute values in :data:`FOOTPRINT_FIELDS` order (datetimes as UTC QDateTime)."""
    record = item_record(item, search_id)
    return [
        _qdatetime(record[name]) if kind == "datetime" else record[name]
        for name, kind in _FIELD_SPECS
    ]


def qdatetime_utc(value: Any) -> Any:
    """A datetime attribute read from a footprint layer as a UTC QDateTime.

    Values are stored in UTC; QGIS 3.22 ignores the GeoPackage UTC flag and returns the wall
    clock as local time, so a local-time value is re-read as UTC. NULL → None.
    """
    if value is None or not isinstance(value, QDateTime) or not value.isValid():
        return None
    utc = scoped_enum(Qt, "TimeSpec", "UTC")
    if value.timeSpec() == scoped_enum(Qt, "TimeSpec", "LocalTime"):
        return QDateTime(value.date(), value.time(), utc)
    return value.toUTC()


# ----------------------------------------------------------------------------------- writing


def sanitize_layer_name(name: str) -> str:
    """A GeoPackage-safe table name: lower-case letters, digits and underscores."""
    text = re.sub(r"[^0-9a-zA-Z_]+", "_", name.strip()).strip("_").lower()
    if not text:
        text = LAYER_PREFIX
    if text[0].isdigit():
        text = f"{LAYER_PREFIX}_{text}"
    return text[:60]


def footprint_layers(gpkg_path: Union[str, Path]) -> list[str]:
    """Names of the layers stored in a GeoPackage (empty if the file does not exist)."""
    path = Path(gpkg_path)
    if not path.exists():
        return []
    from osgeo import ogr

    dataset = ogr.Open(str(path), 0)
    if dataset is None:
        return []
    try:
        return [dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())]
    finally:
        dataset = None


def unique_layer_name(
    gpkg_path: Union[str, Path], title: Optional[str] = None, now: Optional[datetime] = None
) -> str:
    """``capella_search_YYYYMMDD_HHMMSS`` (or the sanitised title), suffixed until unused."""
    if title:
        base = sanitize_layer_name(title)
    else:
        stamp = (now or datetime.now()).strftime("%Y%m%d_%H%M%S")
        base = f"{LAYER_PREFIX}_{stamp}"
    taken = {name.lower() for name in footprint_layers(gpkg_path)}
    name, counter = base, 2
    while name.lower() in taken:
        name = f"{base}_{counter}"
        counter += 1
    return name


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


def footprint_storage_path(project: Optional[QgsProject] = None) -> Path:
    """``<project dir>/<project name>_capella.gpkg``, or the profile's ``footprints.gpkg``."""
    project = project or QgsProject.instance()
    file_name = project.fileName() if project is not None else ""
    if file_name and not file_name.startswith(("geopackage:", "postgresql:")):
        project_path = Path(file_name)
        return project_path.parent / f"{project_path.stem}_capella.gpkg"
    return Path(QgsApplication.qgisSettingsDirPath()) / "capella_qgis" / "footprints.gpkg"


def open_footprint_layer(
    gpkg_path: Union[str, Path], layer_name: str, display_name: Optional[str] = None
) -> QgsVectorLayer:
    """Open a footprint layer and restore the custom properties from the GeoPackage."""
    path = Path(gpkg_path)
    layer = QgsVectorLayer(f"{path}|layername={layer_name}", display_name or layer_name, "ogr")
    if not layer.isValid():
        raise OSError(f"Cannot open footprint layer '{layer_name}' from {path}")
    meta = _read_metadata(path, layer_name)
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
    """Main thread: open, style, enable time and map tips, and add the layer to the project."""
    if isinstance(path, FootprintOutput):
        layer_name = layer_name or path.layer_name
        path = path.path
    if not layer_name:
        raise ValueError("load_footprint_layer: layer_name is required")
    layer = open_footprint_layer(path, layer_name)
    apply_style(layer, style)
    apply_temporal(layer)
    apply_map_tips(layer)
    if not add_to_project:
        return layer
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


def items_from_layer(layer: QgsVectorLayer, selected_only: bool = False) -> list[dict]:
    """The original STAC item dicts stored in ``item_json`` (selection order = fid order)."""
    index = layer.fields().indexOf("item_json")
    if index < 0:
        raise ValueError(f"Layer '{layer.name()}' has no item_json field")
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes([index])
    no_geometry = scoped_enum(QgsFeatureRequest, "Flag", "NoGeometry")
    if hasattr(Qgis, "FeatureRequestFlag") and hasattr(Qgis.FeatureRequestFlag, "NoGeometry"):
        no_geometry = Qgis.FeatureRequestFlag.NoGeometry
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
    target.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return target

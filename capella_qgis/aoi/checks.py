"""AOI geometry checks shared by search and tasking: reproject, validate, repair, split, measure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
)

from capella_qgis.aoi.geometry import (
    EPS,
    GEOJSON_DECIMALS,
    WGS84,
    area_km2,
    bbox_of,
    crosses_antimeridian,
    drop_zm,
    from_shape,
    geojson_of,
    geometry_kind,
    make_valid_polygon,
    self_intersections,
    split_antimeridian,
    to_shape,
    to_wgs84,
)
from capella_qgis.core import geometry as core
from capella_qgis.toolbelt.compat import QT_TRANSLATE_NOOP, tr

__all__ = [
    "WGS84",
    "AoiResult",
    "aoi_from_extent",
    "aoi_from_layer_selection",
    "area_km2",
    "bbox_of",
    "check_aoi",
    "combine_geometries",
    "crosses_antimeridian",
    "drop_zm",
    "geometry_kind",
    "make_valid_polygon",
    "parse_aoi_text",
    "parse_geometry_text",
    "self_intersections",
    "split_antimeridian",
    "to_wgs84",
]

GEOMETRY_KINDS = ("point", "line", "polygon")
_NUM = r"\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*"
_BBOX_RE = re.compile(rf"^{_NUM}[, ]{_NUM}[, ]{_NUM}[, ]{_NUM}$")


@dataclass
class AoiResult:
    """Outcome of an AOI check; ``geometry`` is in EPSG:4326 and usable only when ``ok``."""

    geometry: Optional[QgsGeometry] = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: makeValid() output for an invalid polygon: offer it to the user, never apply silently.
    repaired: Optional[QgsGeometry] = None
    self_intersections: list[QgsPointXY] = field(default_factory=list)
    crosses_antimeridian: bool = False
    split: bool = False
    area_km2: float = 0.0
    bbox: Optional[tuple[float, float, float, float]] = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.geometry is not None and not self.geometry.isEmpty()

    @property
    def repairable(self) -> bool:
        return self.repaired is not None and not self.repaired.isEmpty()

    @property
    def message(self) -> str:
        """Errors (or else warnings) as one user-facing text."""
        return "\n".join(self.errors or self.warnings)

    def geojson(self, precision: int = GEOJSON_DECIMALS) -> dict[str, Any]:
        """The geometry as a GeoJSON dict (raises ValueError when not ``ok``)."""
        if not self.ok or self.geometry is None:
            raise ValueError(self.message or "no geometry")
        return geojson_of(self.geometry, precision)


# --- main entry points ---------------------------------------------------------------------

# geometry_kind() names, shown through tr() in check_aoi's messages.
KIND_NAMES = (
    QT_TRANSLATE_NOOP("@default", "point"),
    QT_TRANSLATE_NOOP("@default", "line"),
    QT_TRANSLATE_NOOP("@default", "polygon"),
    QT_TRANSLATE_NOOP("@default", "unknown"),
    QT_TRANSLATE_NOOP("@default", "empty"),
)


def check_aoi(
    geometry: Optional[QgsGeometry],
    crs: Optional[QgsCoordinateReferenceSystem] = None,
    *,
    allowed: Iterable[str] = ("polygon",),
    repair: bool = False,
    split: bool = True,
    max_area_km2: Optional[float] = None,
    context: Optional[QgsCoordinateTransformContext] = None,
) -> AoiResult:
    """Validate an AOI given in ``crs`` and return it in EPSG:4326 with errors/warnings.

    Invalid polygons are refused, with ``repaired`` holding a makeValid() offer; pass
    ``repair=True`` to accept it. Antimeridian crossings are split when ``split`` is set.
    """
    result = AoiResult()
    allowed = tuple(allowed)
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        result.errors.append(tr("The area of interest is empty: draw, pick or paste one first."))
        return result
    kind = geometry_kind(geometry)
    if kind not in allowed:
        names = " / ".join(tr(k) for k in allowed)
        result.errors.append(
            tr("A {kind} cannot be used here; expected: {allowed}.").format(
                kind=tr(kind), allowed=names
            )
        )
        return result
    try:
        geom = to_wgs84(geometry, crs, context)
    except Exception as exc:  # QgsCsException: outside the projection's area of use
        result.errors.append(
            tr("The area could not be converted to longitude/latitude ({error}).").format(error=exc)
        )
        return result
    shape = to_shape(geom)
    box = core.bounds(shape)
    if box is None or not core.finite_coordinates(shape) or box[1] < -90 - EPS or box[3] > 90 + EPS:
        result.errors.append(
            tr("Latitudes must lie within −90…90; is the layer's CRS set correctly?")
        )
        return result
    if box[0] < -540 or box[2] > 540:
        result.errors.append(
            tr("Longitudes are far outside −180…180; is the layer's CRS set correctly?")
        )
        return result

    problem = core.invalidity(shape) if kind == "polygon" else None
    if problem is not None:
        if problem.location is not None:
            result.self_intersections = [QgsPointXY(*problem.location)]
        repaired = core.repair_polygon(shape)
        if repair and repaired is not None:
            shape = repaired
            geom = from_shape(repaired)
            result.warnings.append(tr("The polygon was repaired (makeValid)."))
        else:
            result.repaired = from_shape(repaired) if repaired is not None else None
            where = ""
            if problem.location is not None:
                where = tr(" near {lon:.5f}, {lat:.5f}").format(
                    lon=problem.location[0], lat=problem.location[1]
                )
            text = tr("The polygon is invalid ({detail}{where}).").format(
                detail=problem.reason or tr("invalid geometry"), where=where
            )
            if repaired is not None:
                text += " " + tr("It can be repaired automatically.")
            result.errors.append(text)
            return result

    if core.crosses_antimeridian(shape):
        result.crosses_antimeridian = True
        if kind == "point":
            point = geom.asPoint()
            geom = QgsGeometry.fromPointXY(QgsPointXY(core.wrap_longitude(point.x()), point.y()))
            shape = to_shape(geom)
        elif kind == "polygon" and split:
            cut, reason = split_antimeridian(geom)
            if cut is None:
                result.errors.append(reason)
                return result
            geom = cut
            shape = to_shape(cut)
            result.split = True
            result.warnings.append(
                tr("The area crosses the antimeridian (180°); it was split in two parts.")
            )
        else:
            result.errors.append(
                tr(
                    "The area crosses the antimeridian (180°). Split it into one part on each "
                    "side of 180° and search them separately."
                )
            )
            return result

    result.geometry = geom
    result.bbox = core.bounds(shape)
    if kind == "polygon":
        result.area_km2 = core.area_km2(shape)
        if result.area_km2 <= 0:
            result.errors.append(tr("The polygon has no area."))
        elif max_area_km2 is not None and result.area_km2 > max_area_km2:
            result.errors.append(
                tr("The area is {area:,.0f} km², above the {limit:,.0f} km² limit.").format(
                    area=result.area_km2, limit=max_area_km2
                )
            )
    return result


def parse_geometry_text(text: str) -> tuple[Optional[QgsGeometry], str]:
    """GeoJSON (geometry/Feature/FeatureCollection), WKT/EWKT or ``minx,miny,maxx,maxy``."""
    text = (text or "").strip()
    if not text:
        return None, tr(
            "Nothing to read: paste GeoJSON, WKT or a bbox (min lon, min lat, max lon, max lat)."
        )
    if text.startswith(("{", "[")):
        return _parse_geojson(text)
    match = _BBOX_RE.match(text)
    if match:
        try:
            x0, y0, x1, y1 = (float(v) for v in match.groups())
        except ValueError:
            return None, tr("The bbox must be four numbers: min lon, min lat, max lon, max lat.")
        if x0 >= x1 or y0 >= y1:
            return None, tr(
                "The bbox minimum must be smaller than its maximum "
                "(min lon, min lat, max lon, max lat)."
            )
        return QgsGeometry.fromRect(QgsRectangle(x0, y0, x1, y1)), ""
    if text.upper().startswith("SRID="):
        text = text.split(";", 1)[-1]
    geom = QgsGeometry.fromWkt(text)
    if geom is None or geom.isNull():
        return None, tr("This is neither GeoJSON nor valid WKT (e.g. POLYGON((lon lat, …))).")
    return geom, ""


def _parse_geojson(text: str) -> tuple[Optional[QgsGeometry], str]:
    try:
        parts = [from_shape(core.to_shape(item)) for item in core.read_geojson(text)]
    except core.GeoJSONError as exc:
        return None, _geojson_message(exc)
    if any(part.isNull() for part in parts):
        return None, tr("The GeoJSON contains no geometry.")
    if len(parts) == 1:
        return parts[0], ""
    return QgsGeometry.collectGeometry(parts), ""


def _geojson_message(error: core.GeoJSONError) -> str:
    """The user's wording of why core.read_geojson refused the text."""
    detail = error.detail if isinstance(error.detail, dict) else {}
    if error.code == "GEOJSON_NOT_JSON":
        return tr("The GeoJSON is not valid JSON: {error} (line {line}, column {col}).").format(
            error=detail.get("error", ""), line=detail.get("line", 1), col=detail.get("column", 1)
        )
    if error.code == "GEOJSON_EMPTY":
        return tr("The GeoJSON contains no geometry.")
    if error.code == "GEOJSON_SHAPE":
        return tr('The GeoJSON geometry needs a "type" and "coordinates".')
    return tr("The GeoJSON geometry of type {kind} could not be read.").format(
        kind=detail.get("type")
    )


def parse_aoi_text(text: str, **kwargs: Any) -> AoiResult:
    """Parse pasted text (always EPSG:4326) then :func:`check_aoi` it."""
    geom, error = parse_geometry_text(text)
    if geom is None:
        return AoiResult(errors=[error])
    return check_aoi(geom, WGS84, **kwargs)


def combine_geometries(geometries: Iterable[QgsGeometry]) -> QgsGeometry:
    """Union of several geometries (e.g. the selected features of a layer)."""
    parts = [QgsGeometry(g) for g in geometries if g is not None and not g.isEmpty()]
    if not parts:
        return QgsGeometry()
    if len(parts) == 1:
        return parts[0]
    merged = QgsGeometry.unaryUnion(parts)
    return merged if not merged.isNull() else QgsGeometry.collectGeometry(parts)


def aoi_from_layer_selection(layer: Any, **kwargs: Any) -> AoiResult:
    """Check the union of the selected features of a vector layer (any CRS)."""
    if layer is None:
        return AoiResult(errors=[tr("Pick a vector layer first.")])
    features = list(layer.getSelectedFeatures())
    if not features:
        return AoiResult(
            errors=[tr("No feature is selected in layer “{name}”.").format(name=layer.name())]
        )
    geom = combine_geometries(f.geometry() for f in features)
    return check_aoi(geom, layer.crs(), **kwargs)


def aoi_from_extent(
    extent: QgsRectangle,
    crs: Optional[QgsCoordinateReferenceSystem],
    context: Optional[QgsCoordinateTransformContext] = None,
    **kwargs: Any,
) -> AoiResult:
    """Check a map extent (e.g. the canvas): its lon/lat bounding box, clamped to the world."""
    if extent is None or extent.isEmpty():
        return AoiResult(errors=[tr("The map extent is empty.")])
    box = QgsRectangle(extent)
    if crs is not None and crs.isValid() and crs.authid() != "EPSG:4326":
        if context is None:
            context = QgsProject.instance().transformContext()
        try:
            box = QgsCoordinateTransform(crs, WGS84, context).transformBoundingBox(extent)
        except Exception as exc:
            return AoiResult(
                errors=[tr("The map extent could not be converted ({error}).").format(error=exc)]
            )
    box = box.intersect(QgsRectangle(-180, -90, 180, 90))
    if box.isEmpty():
        return AoiResult(errors=[tr("The map extent lies outside the world's lon/lat range.")])
    return check_aoi(QgsGeometry.fromRect(box), WGS84, context=context, **kwargs)

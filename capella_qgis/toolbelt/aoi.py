"""AOI geometry checks shared by search and tasking: reproject, validate, repair, split, measure."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsDistanceArea,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
    QgsWkbTypes,
)

from capella_qgis.toolbelt.compat import tr

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
GEOMETRY_KINDS = ("point", "line", "polygon")
_KIND_OF = {
    QgsWkbTypes.GeometryType.PointGeometry: "point",
    QgsWkbTypes.GeometryType.LineGeometry: "line",
    QgsWkbTypes.GeometryType.PolygonGeometry: "polygon",
}
_NUM = r"\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*"
_BBOX_RE = re.compile(rf"^{_NUM}[, ]{_NUM}[, ]{_NUM}[, ]{_NUM}$")
_EPS = 1e-9
# QGIS 3.22 aliases QgsGeometry.ValidationMethod to Qgis.GeometryValidationEngine (member "Geos").
_GEOS_VALIDATOR = (
    getattr(getattr(Qgis, "GeometryValidationEngine", None), "Geos", None)
    or QgsGeometry.ValidatorGeos
)


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

    def geojson(self, precision: int = 7) -> dict[str, Any]:
        """The geometry as a GeoJSON dict (raises ValueError when not ``ok``)."""
        if not self.ok or self.geometry is None:
            raise ValueError(self.message or "no geometry")
        return json.loads(self.geometry.asJson(precision))


# --- small helpers -------------------------------------------------------------------------


def geometry_kind(geometry: QgsGeometry) -> str:
    """ "point", "line", "polygon", or "unknown"/"empty"."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return "empty"
    return _KIND_OF.get(geometry.type(), "unknown")


def drop_zm(geometry: QgsGeometry) -> QgsGeometry:
    """Copy without Z/M values; curves are segmentized (the API wants plain 2D GeoJSON)."""
    out = QgsGeometry(geometry)
    if out.isNull():
        return out
    if QgsWkbTypes.isCurvedType(out.wkbType()):
        out = QgsGeometry(out.constGet().segmentize())
    abstract = out.get()
    abstract.dropZValue()
    abstract.dropMValue()
    return out


def to_wgs84(
    geometry: QgsGeometry,
    crs: Optional[QgsCoordinateReferenceSystem],
    context: Optional[QgsCoordinateTransformContext] = None,
) -> QgsGeometry:
    """Reproject a copy to EPSG:4326 (an invalid/unknown CRS is taken as EPSG:4326)."""
    out = drop_zm(geometry)
    if crs is None or not crs.isValid() or crs.authid() == "EPSG:4326":
        return out
    if context is None:
        context = QgsProject.instance().transformContext()
    transform = QgsCoordinateTransform(crs, WGS84, context)
    out.transform(transform)
    return out


def area_km2(geometry_wgs84: QgsGeometry) -> float:
    """Ellipsoidal (WGS84) area in km² of a lon/lat geometry."""
    if geometry_wgs84 is None or geometry_wgs84.isEmpty():
        return 0.0
    calc = QgsDistanceArea()
    calc.setSourceCrs(WGS84, QgsProject.instance().transformContext())
    calc.setEllipsoid("EPSG:7030")
    try:
        area = calc.measureArea(geometry_wgs84)
        return calc.convertAreaMeasurement(area, QgsUnitTypes.AreaUnit.AreaSquareKilometers)
    except Exception:  # measurement on odd geometries must not break validation
        return 0.0


def bbox_of(geometry: QgsGeometry) -> Optional[tuple[float, float, float, float]]:
    """``(min_x, min_y, max_x, max_y)``; None for empty geometries."""
    if geometry is None or geometry.isEmpty():
        return None
    box = geometry.boundingBox()
    return (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())


def self_intersections(geometry: QgsGeometry) -> tuple[list[QgsPointXY], list[str]]:
    """GEOS validation: the error locations and messages (empty lists when valid)."""
    points: list[QgsPointXY] = []
    messages: list[str] = []
    for error in geometry.validateGeometry(_GEOS_VALIDATOR):
        messages.append(error.what())
        if error.hasWhere():
            points.append(QgsPointXY(error.where()))
    return points, messages


def make_valid_polygon(geometry: QgsGeometry) -> Optional[QgsGeometry]:
    """makeValid() keeping only polygon parts; None if nothing polygonal is left."""
    fixed = geometry.makeValid()
    if fixed is None or fixed.isEmpty():
        return None
    parts = [
        part
        for part in fixed.asGeometryCollection()
        if part.type() == QgsWkbTypes.GeometryType.PolygonGeometry and not part.isEmpty()
    ]
    if not parts:
        return None
    merged = QgsGeometry.unaryUnion(parts) if len(parts) > 1 else parts[0]
    return merged if merged.isGeosValid() else None


# --- antimeridian --------------------------------------------------------------------------


def _rings(geometry: QgsGeometry) -> list[list[list[QgsPointXY]]]:
    """Polygons as lists of rings of points (multi or single)."""
    if geometry.isMultipart():
        return [list(poly) for poly in geometry.asMultiPolygon()]
    return [list(geometry.asPolygon())]


def crosses_antimeridian(geometry_wgs84: QgsGeometry) -> bool:
    """True when the lon/lat geometry jumps across ±180° or has longitudes outside −180…180."""
    if geometry_wgs84 is None or geometry_wgs84.isEmpty():
        return False
    box = geometry_wgs84.boundingBox()
    if box.xMinimum() < -180 - _EPS or box.xMaximum() > 180 + _EPS:
        return True
    if geometry_wgs84.type() == QgsWkbTypes.GeometryType.PointGeometry:
        return False
    vertices = list(geometry_wgs84.vertices())
    previous = None
    for vertex in vertices:
        if previous is not None and abs(vertex.x() - previous.x()) > 180:
            return True
        previous = vertex
    return False


def _unwrap(
    ring: Sequence[QgsPointXY], reference: Optional[float]
) -> tuple[list[QgsPointXY], bool]:
    """Make longitudes continuous; return the ring and whether it winds around a pole."""
    out: list[QgsPointXY] = []
    offset = 0.0
    previous = None
    for point in ring:
        x = point.x()
        if previous is not None:
            delta = x - previous
            if delta > 180:
                offset -= 360
            elif delta < -180:
                offset += 360
        previous = x
        out.append(QgsPointXY(x + offset, point.y()))
    encircles_pole = len(out) > 1 and abs(out[-1].x() - out[0].x()) > 180
    if reference is not None and out:
        shift = 360 * round((reference - out[0].x()) / 360)
        out = [QgsPointXY(p.x() + shift, p.y()) for p in out]
    return out, encircles_pole


def split_antimeridian(geometry_wgs84: QgsGeometry) -> tuple[Optional[QgsGeometry], str]:
    """Cut a polygon at ±180° into a MultiPolygon inside −180…180; (None, reason) if impossible."""
    if geometry_wgs84.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
        return None, tr("Only polygons can be split at the antimeridian.")
    pieces: list[QgsGeometry] = []
    for polygon in _rings(geometry_wgs84):
        if not polygon:
            continue
        exterior, pole = _unwrap(polygon[0], None)
        if pole:
            return None, tr(
                "The area encloses a pole, so it cannot be cut at the antimeridian. "
                "Draw it as two polygons, one on each side of 180°."
            )
        rings = [exterior]
        for hole in polygon[1:]:
            unwrapped, _ = _unwrap(hole, exterior[0].x())
            rings.append(unwrapped)
        continuous = QgsGeometry.fromPolygonXY(rings)
        box = continuous.boundingBox()
        low = math.floor((box.xMinimum() + 180) / 360)
        high = math.floor((box.xMaximum() + 180 - _EPS) / 360)
        for k in range(low, high + 1):
            window = QgsGeometry.fromRect(QgsRectangle(-180 + 360 * k, -90, 180 + 360 * k, 90))
            part = continuous.intersection(window)
            if part.isEmpty():
                continue
            part.translate(-360 * k, 0)
            for sub in part.asGeometryCollection():
                if sub.type() == QgsWkbTypes.GeometryType.PolygonGeometry and sub.area() > 0:
                    pieces.append(sub)
    if not pieces:
        return None, tr("Nothing is left of the area after cutting it at the antimeridian.")
    merged = QgsGeometry.collectGeometry(pieces)
    return merged, ""


# --- main entry points ---------------------------------------------------------------------


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
    box = geom.boundingBox()
    if box.yMinimum() < -90 - _EPS or box.yMaximum() > 90 + _EPS or not math.isfinite(box.width()):
        result.errors.append(
            tr("Latitudes must lie within −90…90; is the layer's CRS set correctly?")
        )
        return result
    if box.xMinimum() < -540 or box.xMaximum() > 540:
        result.errors.append(
            tr("Longitudes are far outside −180…180; is the layer's CRS set correctly?")
        )
        return result

    if kind == "polygon" and not geom.isGeosValid():
        points, messages = self_intersections(geom)
        result.self_intersections = points
        repaired = make_valid_polygon(geom)
        if repair and repaired is not None:
            geom = repaired
            result.warnings.append(tr("The polygon was repaired (makeValid)."))
        else:
            result.repaired = repaired
            where = ""
            if points:
                where = tr(" near {lon:.5f}, {lat:.5f}").format(
                    lon=points[0].x(), lat=points[0].y()
                )
            detail = messages[0] if messages else tr("invalid geometry")
            text = tr("The polygon is invalid ({detail}{where}).").format(
                detail=detail, where=where
            )
            if repaired is not None:
                text += " " + tr("It can be repaired automatically.")
            result.errors.append(text)
            return result

    if crosses_antimeridian(geom):
        result.crosses_antimeridian = True
        if kind == "point":
            x = ((geom.asPoint().x() + 180) % 360) - 180
            geom = QgsGeometry.fromPointXY(QgsPointXY(x, geom.asPoint().y()))
        elif kind == "polygon" and split:
            cut, reason = split_antimeridian(geom)
            if cut is None:
                result.errors.append(reason)
                return result
            geom = cut
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
    result.bbox = bbox_of(geom)
    if kind == "polygon":
        result.area_km2 = area_km2(geom)
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
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, tr(
            "The GeoJSON is not valid JSON: {error} (line {line}, column {col})."
        ).format(error=exc.msg, line=exc.lineno, col=exc.colno)
    geometries: list[dict[str, Any]] = []
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        geometries = [f.get("geometry") for f in data.get("features") or [] if isinstance(f, dict)]
    elif isinstance(data, dict) and data.get("type") == "Feature":
        geometries = [data.get("geometry")]
    elif isinstance(data, dict):
        geometries = [data]
    geometries = [g for g in geometries if isinstance(g, dict)]
    if not geometries:
        return None, tr("The GeoJSON contains no geometry.")
    from osgeo import ogr  # GDAL ships with QGIS

    parts: list[QgsGeometry] = []
    for item in geometries:
        if "type" not in item or ("coordinates" not in item and "geometries" not in item):
            return None, tr('The GeoJSON geometry needs a "type" and "coordinates".')
        ogr_geom = ogr.CreateGeometryFromJson(json.dumps(item))
        if ogr_geom is None:
            return None, tr("The GeoJSON geometry of type {kind} could not be read.").format(
                kind=item.get("type")
            )
        geom = QgsGeometry.fromWkt(ogr_geom.ExportToIsoWkt())
        if geom.isNull():
            return None, tr("The GeoJSON geometry of type {kind} could not be read.").format(
                kind=item.get("type")
            )
        parts.append(geom)
    if len(parts) == 1:
        return parts[0], ""
    return QgsGeometry.collectGeometry(parts), ""


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

"""Geometry helpers for AOIs: reprojection, Z/M dropping, area, validity, antimeridian split."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Optional

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
_KIND_OF = {
    QgsWkbTypes.GeometryType.PointGeometry: "point",
    QgsWkbTypes.GeometryType.LineGeometry: "line",
    QgsWkbTypes.GeometryType.PolygonGeometry: "polygon",
}
EPS = 1e-9
# QGIS 3.22 aliases QgsGeometry.ValidationMethod to Qgis.GeometryValidationEngine (member "Geos").
_GEOS_VALIDATOR = getattr(getattr(Qgis, "GeometryValidationEngine", None), "Geos", None)
if _GEOS_VALIDATOR is None:  # pragma: no cover - older QGIS
    _GEOS_VALIDATOR = QgsGeometry.ValidatorGeos


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
    if box.xMinimum() < -180 - EPS or box.xMaximum() > 180 + EPS:
        return True
    if geometry_wgs84.type() == QgsWkbTypes.GeometryType.PointGeometry:
        return False
    vertices = list(geometry_wgs84.vertices())
    previous = None
    for vertex in vertices:
        # an edge between -180 and 180 (a world-wide box) runs along the map edge: no crossing
        on_edge = previous is not None and min(abs(vertex.x()), abs(previous.x())) >= 180 - EPS
        if previous is not None and abs(vertex.x() - previous.x()) > 180 and not on_edge:
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
        high = math.floor((box.xMaximum() + 180 - EPS) / 360)
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

"""QGIS side of AOI geometry: reprojection, Z/M dropping, QgsGeometry ⇄ core (shapely) calls."""

from __future__ import annotations

from typing import Any, Optional

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsWkbTypes,
)

from capella_qgis.core import geometry as core
from capella_qgis.core.geometry import EPS  # re-exported
from capella_qgis.toolbelt.compat import tr

__all__ = [
    "EPS",
    "GEOJSON_DECIMALS",
    "WGS84",
    "area_km2",
    "bbox_of",
    "crosses_antimeridian",
    "drop_zm",
    "from_shape",
    "geojson_of",
    "geometry_kind",
    "make_valid_polygon",
    "self_intersections",
    "split_antimeridian",
    "to_shape",
    "to_wgs84",
]

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
#: Decimals of the GeoJSON sent to the Console (1e-9° is about 0.1 mm).
GEOJSON_DECIMALS = 9
_KIND_OF = {
    QgsWkbTypes.GeometryType.PointGeometry: "point",
    QgsWkbTypes.GeometryType.LineGeometry: "line",
    QgsWkbTypes.GeometryType.PolygonGeometry: "polygon",
}
# Why core.split_antimeridian refused, as the user reads it.
_SPLIT_REASONS = {
    "NOT_POLYGON": lambda: tr("Only polygons can be split at the antimeridian."),
    "POLE": lambda: tr(
        "The area encloses a pole, so it cannot be cut at the antimeridian. "
        "Draw it as two polygons, one on each side of 180°."
    ),
    "EMPTY": lambda: tr("Nothing is left of the area after cutting it at the antimeridian."),
}


# --- QGIS only -----------------------------------------------------------------------------


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


def to_shape(geometry: QgsGeometry) -> Any:
    """The shapely geometry of a QgsGeometry (2D; curves segmentized)."""
    with np.errstate(invalid="ignore"):  # NaN coordinates: reported by the checks instead
        return shapely.from_wkb(bytes(drop_zm(geometry).asWkb()))


def from_shape(shape: Any) -> QgsGeometry:
    """A QgsGeometry of a shapely geometry."""
    out = QgsGeometry()
    out.fromWkb(shapely.to_wkb(shape, output_dimension=2))
    return out


def geojson_of(geometry: QgsGeometry, precision: int = GEOJSON_DECIMALS) -> dict[str, Any]:
    """GeoJSON dict of a (lon/lat) QgsGeometry, coordinates rounded to ``precision`` decimals."""
    return core.to_geojson(to_shape(geometry), precision)


# --- thin wrappers: the rules live in capella_qgis.core.geometry ---------------------------


def area_km2(geometry_wgs84: QgsGeometry) -> float:
    """Ellipsoidal (WGS84) area in km² of a lon/lat geometry."""
    if geometry_wgs84 is None or geometry_wgs84.isEmpty():
        return 0.0
    return core.area_km2(to_shape(geometry_wgs84))


def bbox_of(geometry: QgsGeometry) -> Optional[tuple[float, float, float, float]]:
    """``(min_x, min_y, max_x, max_y)``; None for empty geometries."""
    if geometry is None or geometry.isEmpty():
        return None
    return core.bounds(to_shape(geometry))


def self_intersections(geometry: QgsGeometry) -> tuple[list[QgsPointXY], list[str]]:
    """GEOS validation: the error location and message (empty lists when valid)."""
    problem = core.invalidity(to_shape(geometry))
    if problem is None:
        return [], []
    points = [QgsPointXY(*problem.location)] if problem.location is not None else []
    return points, [problem.reason]


def make_valid_polygon(geometry: QgsGeometry) -> Optional[QgsGeometry]:
    """makeValid() keeping only polygon parts; None if nothing polygonal is left."""
    fixed = core.repair_polygon(to_shape(geometry))
    return None if fixed is None else from_shape(fixed)


def crosses_antimeridian(geometry_wgs84: QgsGeometry) -> bool:
    """True when the lon/lat geometry jumps across ±180° or has longitudes outside −180…180."""
    if geometry_wgs84 is None or geometry_wgs84.isEmpty():
        return False
    return core.crosses_antimeridian(to_shape(geometry_wgs84))


def split_antimeridian(geometry_wgs84: QgsGeometry) -> tuple[Optional[QgsGeometry], str]:
    """Cut a polygon at ±180° into a MultiPolygon inside −180…180; (None, reason) if impossible."""
    if geometry_wgs84.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
        return None, _SPLIT_REASONS["NOT_POLYGON"]()
    try:
        cut = core.split_antimeridian(to_shape(geometry_wgs84))
    except core.AntimeridianError as exc:
        return None, _SPLIT_REASONS.get(exc.code, _SPLIT_REASONS["EMPTY"])()
    return from_shape(cut), ""

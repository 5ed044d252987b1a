"""GeoJSON in and out (geojson), validity, area and the antimeridian (shapely), in lon/lat."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Optional

import geojson
import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from capella_qgis.core.exceptions import InputError

__all__ = [
    "EPS",
    "AntimeridianError",
    "GeoJSONError",
    "Invalidity",
    "area_km2",
    "bounds",
    "crosses_antimeridian",
    "finite_coordinates",
    "geometry_dict",
    "invalidity",
    "position_error",
    "positions",
    "read_geojson",
    "repair_polygon",
    "ring_jumps",
    "split_antimeridian",
    "structure_error",
    "to_geojson",
    "to_shape",
    "unwrap_ring",
    "wrap_longitude",
]

EPS = 1e-9
Bounds = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

# GeoJSON geometry classes of the geojson package, by their "type".
_GEOJSON_TYPES: dict[str, Any] = {
    name: getattr(geojson, name)
    for name in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
}
# geojson objects round their coordinates; only their checks are used, on a discarded copy.
_CHECK_DIGITS = 15
_REASON = re.compile(r"^(?P<what>.*?)\[(?P<x>\S+) (?P<y>\S+)\]$")

# WGS84 ellipsoid, for the equal-area (Lambert cylindrical) projection used to measure areas.
_A = 6378137.0
_F = 1 / 298.257223563
_E2 = _F * (2 - _F)
_E = math.sqrt(_E2)
# Edges are straight in lon/lat (RFC 7946); densified to this length (degrees) before measuring.
_MEASURE_STEP = 0.05


class GeoJSONError(InputError):
    """GeoJSON text or object that cannot be read; ``code`` says why (see :func:`read_geojson`)."""

    default_code = "GEOJSON_INVALID"


class AntimeridianError(InputError):
    """A geometry that cannot be cut at ±180°; ``code``: ``POLE``, ``EMPTY`` or ``NOT_POLYGON``."""


# --- GeoJSON in ----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """JSON-ready copy: mappings become dicts and tuples lists (shapely and __geo_interface__
    hand out tuples)."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def geometry_dict(value: Any, what: str = "geometry") -> dict[str, Any]:
    """A GeoJSON geometry as a plain dict, from a dict, a Feature, JSON text or any object with
    ``__geo_interface__`` (shapely, geojson, QGIS' own)."""
    if isinstance(value, str):
        found = read_geojson(value)
        if len(found) != 1:
            raise GeoJSONError(f"{what}: expected one geometry, got {len(found)}", field=what)
        return found[0]
    if hasattr(value, "__geo_interface__"):
        value = value.__geo_interface__
    if not isinstance(value, Mapping):
        raise InputError(f"{what}: expected a GeoJSON geometry (Point or Polygon)", field=what)
    if value.get("type") == "Feature":
        return geometry_dict(value.get("geometry"), what)
    plain: dict[str, Any] = _plain(value)
    return plain


def read_geojson(text: str, what: str = "geometry") -> list[dict[str, Any]]:
    """The geometries of GeoJSON text: a geometry, a Feature or a FeatureCollection.

    Raises :class:`GeoJSONError` with ``code`` ``GEOJSON_NOT_JSON`` (``detail``: error, line,
    column), ``GEOJSON_EMPTY`` (no geometry), ``GEOJSON_SHAPE`` (no "type"/"coordinates") or
    ``GEOJSON_UNREADABLE`` (``detail``: the geometry type; bad coordinates).
    """
    try:
        # geojson's decoder refuses NaN/Infinity; no object hook, so nothing is rounded.
        data = geojson.loads(text, object_hook=None)
    except json.JSONDecodeError as exc:
        raise GeoJSONError(
            f"{what}: the GeoJSON is not valid JSON: {exc.msg} (line {exc.lineno}, column "
            f"{exc.colno})",
            field=what,
            code="GEOJSON_NOT_JSON",
            detail={"error": exc.msg, "line": exc.lineno, "column": exc.colno},
        ) from exc
    except ValueError as exc:  # NaN / Infinity
        raise GeoJSONError(
            f"{what}: the GeoJSON is not valid JSON: {exc}",
            field=what,
            code="GEOJSON_NOT_JSON",
            detail={"error": str(exc), "line": 1, "column": 1},
        ) from exc
    items: list[Any] = []
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        items = [f.get("geometry") for f in features if isinstance(f, dict)]
    elif isinstance(data, dict) and data.get("type") == "Feature":
        items = [data.get("geometry")]
    elif isinstance(data, dict):
        items = [data]
    geometries = [g for g in items if isinstance(g, dict)]
    if not geometries:
        raise GeoJSONError(
            f"{what}: the GeoJSON contains no geometry", field=what, code="GEOJSON_EMPTY"
        )
    for geometry in geometries:
        if "type" not in geometry or (
            "coordinates" not in geometry and "geometries" not in geometry
        ):
            raise GeoJSONError(
                f'{what}: a GeoJSON geometry needs a "type" and "coordinates"',
                field=what,
                code="GEOJSON_SHAPE",
            )
        problem = structure_error(geometry)
        if problem is not None:
            raise GeoJSONError(
                f"{what}: the GeoJSON geometry of type {geometry.get('type')} cannot be read "
                f"({problem})",
                field=what,
                code="GEOJSON_UNREADABLE",
                detail={"type": geometry.get("type")},
            )
    return geometries


def _geojson_object(geometry: Mapping[str, Any]) -> Any:
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        parts = geometry.get("geometries")
        if not isinstance(parts, list) or not all(isinstance(p, Mapping) for p in parts):
            raise ValueError('"geometries" must be a list of geometries')
        return geojson.GeometryCollection([_geojson_object(p) for p in parts])
    cls = _GEOJSON_TYPES.get(str(kind))
    if cls is None:
        raise ValueError(f"{kind!r} is not a GeoJSON geometry type")
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list):
        raise ValueError('"coordinates" must be an array')
    return cls(coordinates, precision=_CHECK_DIGITS)


def structure_error(geometry: Mapping[str, Any]) -> Optional[str]:
    """What is structurally wrong with a GeoJSON geometry (the geojson package's checks), or
    None: types, position sizes, ring length and closure. Coordinate values: position_error."""
    try:
        errors = _geojson_object(geometry).errors()
    except (TypeError, ValueError) as exc:
        return str(exc)
    while isinstance(errors, list):  # nested per part / per ring; the first one is enough
        errors = errors[0] if errors else None
    return str(errors) if errors else None


def position_error(position: Any, max_lon: float = 180.0) -> Optional[str]:
    """Why ``position`` is not a finite lon/lat inside WGS84 bounds, or None.

    ``max_lon`` above 180 admits unwrapped longitudes (an area drawn across ±180° that is
    about to be cut by :func:`split_antimeridian`).
    """
    if (
        not isinstance(position, (list, tuple))
        or len(position) < 2
        or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in position)
    ):
        return f"expected [longitude, latitude], got {position!r}"
    lon, lat = position[0], position[1]
    if not all(math.isfinite(c) for c in position):
        return f"[{lon}, {lat}] is not a pair of finite numbers (NaN or infinity)"
    if not -max_lon <= lon <= max_lon or not -90 <= lat <= 90:
        return (
            f"[{lon}, {lat}] is outside WGS84 (longitude −180…180, latitude −90…90); "
            "is the layer in EPSG:4326?"
        )
    return None


def positions(geometry: Mapping[str, Any]) -> list[Any]:
    """Every position of a GeoJSON geometry dict, in order (GeometryCollections included).

    The nesting depth follows the ``type``; call :func:`structure_error` first for anything
    not known to be well formed.
    """
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        parts = geometry.get("geometries") or []
        return [p for part in parts if isinstance(part, Mapping) for p in positions(part)]
    depth = _POSITION_DEPTH.get(str(kind))
    if depth is None:
        return []
    found: list[Any] = [geometry.get("coordinates")]
    for _ in range(depth):
        found = [child for item in found if isinstance(item, (list, tuple)) for child in item]
    return found


# How deep the positions of each GeoJSON type are nested inside "coordinates".
_POSITION_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


def to_shape(geometry: Any, what: str = "geometry") -> BaseGeometry:
    """A shapely geometry from anything :func:`geometry_dict` accepts (InputError if unusable)."""
    if isinstance(geometry, BaseGeometry):
        return geometry
    data = geometry_dict(geometry, what)
    try:
        with np.errstate(invalid="ignore"):  # NaN coordinates: see position_error
            return shape(data)
    except (
        AttributeError,
        IndexError,
        KeyError,
        TypeError,
        ValueError,
        shapely.errors.ShapelyError,
    ) as exc:
        raise GeoJSONError(
            f"{what}: the GeoJSON geometry of type {data.get('type')} cannot be read ({exc})",
            field=what,
            code="GEOJSON_UNREADABLE",
            detail={"type": data.get("type")},
        ) from exc


# --- GeoJSON out ---------------------------------------------------------------------------


def to_geojson(geometry: BaseGeometry, precision: Optional[int] = None) -> dict[str, Any]:
    """A shapely geometry as a plain GeoJSON dict, coordinates rounded to ``precision``
    decimals (by the geojson package) when given."""
    if geometry.geom_type == "GeometryCollection":
        return {
            "type": "GeometryCollection",
            "geometries": [to_geojson(part, precision) for part in geometry.geoms],
        }
    data: dict[str, Any] = _plain(mapping(geometry))
    if precision is None:
        return data
    built = _GEOJSON_TYPES[data["type"]](data["coordinates"], precision=precision)
    return {"type": data["type"], "coordinates": built["coordinates"]}


# --- validity, repair, measures ------------------------------------------------------------


@dataclass(frozen=True)
class Invalidity:
    """Why a geometry is invalid (GEOS' reason, e.g. "Self-intersection") and where."""

    reason: str
    location: Optional[tuple[float, float]] = None

    def describe(self) -> str:
        if self.location is None:
            return self.reason
        return f"{self.reason} near {self.location[0]:.5f}, {self.location[1]:.5f}"


def invalidity(geometry: BaseGeometry) -> Optional[Invalidity]:
    """None for a valid geometry, else GEOS' first reason and its location."""
    if shapely.is_valid(geometry):
        return None
    text = str(shapely.is_valid_reason(geometry))
    match = _REASON.match(text)
    if match is None:
        return Invalidity(text)
    try:
        where: Optional[tuple[float, float]] = (float(match["x"]), float(match["y"]))
    except ValueError:
        where = None
    return Invalidity(match["what"], where)


def repair_polygon(geometry: BaseGeometry) -> Optional[BaseGeometry]:
    """make_valid() keeping only the polygon parts; None if nothing valid and polygonal is left."""
    fixed = shapely.make_valid(geometry)
    parts = [
        part
        for part in getattr(fixed, "geoms", [fixed])
        if part.geom_type in ("Polygon", "MultiPolygon") and not part.is_empty
    ]
    if not parts:
        return None
    merged = shapely.union_all(parts) if len(parts) > 1 else parts[0]
    if merged.is_empty or not shapely.is_valid(merged):
        return None
    return merged


def _equal_area(coords: NDArray[np.float64]) -> NDArray[np.float64]:
    """lon/lat degrees → Lambert cylindrical equal-area metres on the WGS84 ellipsoid."""
    lon = np.radians(coords[:, 0])
    sin = np.sin(np.radians(np.clip(coords[:, 1], -90.0, 90.0)))
    q = (1 - _E2) * (
        sin / (1 - _E2 * sin * sin) - np.log((1 - _E * sin) / (1 + _E * sin)) / (2 * _E)
    )
    return np.column_stack((_A * lon, _A * q / 2))


def area_km2(geometry: BaseGeometry) -> float:
    """Ellipsoidal (WGS84) area in km² of a lon/lat geometry; 0 for points, lines and empties.

    Measured in an equal-area projection after densifying the edges, so it agrees with QGIS'
    ellipsoidal measure; unwrapped longitudes beyond ±180 are fine.
    """
    if geometry.is_empty or geometry.geom_type not in (
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
    ):
        return 0.0
    dense = shapely.segmentize(geometry, _MEASURE_STEP)
    return float(shapely.transform(dense, _equal_area).area) / 1e6


def finite_coordinates(geometry: BaseGeometry) -> bool:
    """True when every coordinate is a finite number (no NaN, no infinity)."""
    return bool(np.isfinite(shapely.get_coordinates(geometry)).all())


def bounds(geometry: BaseGeometry) -> Optional[Bounds]:
    """``(min lon, min lat, max lon, max lat)``; None for an empty geometry."""
    if geometry.is_empty:
        return None
    minx, miny, maxx, maxy = (float(v) for v in geometry.bounds)
    return (minx, miny, maxx, maxy)


# --- antimeridian --------------------------------------------------------------------------


def wrap_longitude(lon: float) -> float:
    """A longitude brought into −180…180 (180 itself becomes −180)."""
    return ((lon + 180) % 360) - 180


def ring_jumps(ring: Sequence[Sequence[float]]) -> bool:
    """True when two consecutive positions are more than 180° of longitude apart.

    An edge from −180 to 180 runs along the map edge (a world-wide box) and is no jump. Cheap
    on plain GeoJSON coordinates: the footprint rows call it for every ring.
    """
    return any(
        abs(b[0] - a[0]) > 180 and min(abs(a[0]), abs(b[0])) < 180 - EPS
        for a, b in zip(ring, ring[1:])
    )


def _rings(geometry: BaseGeometry) -> list[Sequence[Sequence[float]]]:
    kind = geometry.geom_type
    if kind == "Polygon":
        return [list(geometry.exterior.coords), *(list(r.coords) for r in geometry.interiors)]
    if kind in ("LineString", "LinearRing"):
        return [list(geometry.coords)]
    if kind in ("MultiPolygon", "MultiLineString", "GeometryCollection"):
        return [ring for part in geometry.geoms for ring in _rings(part)]
    return []


def crosses_antimeridian(geometry: BaseGeometry) -> bool:
    """True when a lon/lat geometry jumps across ±180° or has longitudes outside −180…180."""
    if geometry.is_empty:
        return False
    minx, _, maxx, _ = geometry.bounds
    if minx < -180 - EPS or maxx > 180 + EPS:
        return True
    return any(ring_jumps(ring) for ring in _rings(geometry))


def unwrap_ring(
    ring: Sequence[Sequence[float]], reference: Optional[float] = None
) -> tuple[list[tuple[float, float]], bool]:
    """Longitudes made continuous (no step above 180°) and whether the ring winds round a pole.

    With ``reference`` the ring is shifted by whole turns to lie nearest that longitude (holes
    follow their exterior ring).
    """
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
    encircles_pole = len(out) > 1 and abs(out[-1][0] - out[0][0]) > 180
    if reference is not None and out:
        shift = 360 * round((reference - out[0][0]) / 360)
        out = [(x + shift, y) for x, y in out]
    return out, encircles_pole


def _polygon_rings(geometry: BaseGeometry) -> list[list[Sequence[Sequence[float]]]]:
    if geometry.geom_type == "Polygon":
        return [_rings(geometry)]
    if geometry.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [rings for part in geometry.geoms for rings in _polygon_rings(part)]
    return []


def split_antimeridian(geometry: BaseGeometry) -> BaseGeometry:
    """Cut a (Multi)Polygon at ±180° into a MultiPolygon inside −180…180.

    Raises :class:`AntimeridianError`: ``NOT_POLYGON``, ``POLE`` (the area encloses a pole, so
    there is no cut) or ``EMPTY`` (nothing is left).
    """
    polygons = _polygon_rings(geometry)
    if not polygons:
        raise AntimeridianError(
            "geometry: only polygons can be split at the antimeridian",
            field="geometry",
            code="NOT_POLYGON",
        )
    pieces: list[BaseGeometry] = []
    for rings in polygons:
        if not rings or not rings[0]:
            continue
        exterior, pole = unwrap_ring(rings[0])
        if pole:
            raise AntimeridianError(
                "geometry: the area encloses a pole, so it cannot be cut at the antimeridian; "
                "draw it as two polygons, one on each side of 180°",
                field="geometry",
                code="POLE",
            )
        holes = [unwrap_ring(hole, exterior[0][0])[0] for hole in rings[1:]]
        continuous = shapely.Polygon(exterior, holes)
        if not shapely.is_valid(continuous):
            continuous = shapely.make_valid(continuous)
        minx, _, maxx, _ = continuous.bounds
        low = math.floor((minx + 180) / 360)
        high = math.floor((maxx + 180 - EPS) / 360)
        for k in range(low, high + 1):
            window = shapely.box(-180 + 360 * k, -90, 180 + 360 * k, 90)
            part = shapely.intersection(continuous, window)
            if part.is_empty:
                continue
            part = shapely.transform(part, lambda c, k=k: c - np.array([360.0 * k, 0.0]))
            for sub in getattr(part, "geoms", [part]):
                if sub.geom_type == "Polygon" and sub.area > 0:
                    pieces.append(sub)
                elif sub.geom_type == "MultiPolygon":
                    pieces.extend(p for p in sub.geoms if p.area > 0)
    if not pieces:
        raise AntimeridianError(
            "geometry: nothing is left of the area after cutting it at the antimeridian",
            field="geometry",
            code="EMPTY",
        )
    return shapely.MultiPolygon(pieces)

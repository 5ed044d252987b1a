"""Client-side input checks shared by models, search and client (raise InputError)."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from enum import Enum
from typing import Any, Optional, TypeVar

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.geometry import (
    area_km2,
    geometry_dict,
    invalidity,
    position_error,
    ring_jumps,
    structure_error,
    to_shape,
)

E = TypeVar("E", bound=Enum)


def validate_uuid(value: Any, what: str = "id") -> str:
    """Return the canonical lower-case UUID string or raise InputError."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{what}: expected a UUID like 8f9c3a52-6a0e-…, got {value!r}", field=what)
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError as exc:
        raise InputError(
            f"{what}: {value!r} is not a valid UUID (expected 8-4-4-4-12 hex digits)", field=what
        ) from exc


def unique_uuids(values: Any, what: str = "id") -> list[str]:
    """De-duplicate (first occurrence wins), drop None, validate; empty → InputError."""
    if values is None or isinstance(values, (str, uuid.UUID)):
        values = [values] if values is not None else []
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        if value is None:
            continue
        canonical = validate_uuid(value, what)
        if canonical not in seen:
            seen.add(canonical)
            out.append(canonical)
    if not out:
        raise InputError(f"{what}: give at least one id", field=what)
    return out


def coerce_enum(enum_cls: type[E], value: Any, what: str) -> E:
    """Map a value to ``enum_cls`` (case-insensitively for strings) or explain the choices."""
    if isinstance(value, enum_cls):
        return value
    for member in enum_cls:
        if member.value == value:
            return member
    if isinstance(value, str):
        folded = value.strip().lower()
        for member in enum_cls:
            if str(member.value).lower() == folded or member.name.lower() == folded:
                return member
        if folded.isdigit():
            for member in enum_cls:
                if member.value == int(folded):
                    return member
    choices = ", ".join(str(m.value) for m in enum_cls)
    raise InputError(f"{what}: {value!r} is not valid; choose one of {choices}", field=what)


def coerce_enum_list(enum_cls: type[E], values: Any, what: str) -> list[E]:
    if isinstance(values, (str, int, Enum)):
        values = [values]
    if not isinstance(values, Iterable):
        raise InputError(f"{what}: expected a list of values", field=what)
    out: list[E] = []
    for value in values:
        member = coerce_enum(enum_cls, value, what)
        if member not in out:
            out.append(member)
    return out


def check_number(
    value: Any,
    what: str,
    *,
    minimum: Optional[float] = None,
    maximum: Optional[float] = None,
    exclusive_minimum: bool = False,
) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InputError(f"{what}: expected a finite number, got {value!r}", field=what)
    if minimum is not None and (value <= minimum if exclusive_minimum else value < minimum):
        bound = f"greater than {minimum:g}" if exclusive_minimum else f"at least {minimum:g}"
        raise InputError(f"{what}: {value:g} is out of range; it must be {bound}", field=what)
    if maximum is not None and value > maximum:
        raise InputError(
            f"{what}: {value:g} is out of range; it must be at most {maximum:g}", field=what
        )
    number: float = value  # an int stays an int (callers keep what they were given)
    return number


#: Largest tasking polygon (km²): the plugin refuses larger ones before anything is sent.
TASKING_MAX_AREA_KM2 = 10_000.0


def _tasking_problem(geom: dict[str, Any]) -> Optional[str]:
    """Why a GeoJSON geometry cannot be tasked (None when it can); see validate_tasking_geometry."""
    gtype = geom.get("type")
    coords = geom.get("coordinates")
    if gtype == "Point":
        problem = position_error(coords)
        return None if problem is None else f"geometry (Point): {problem}"
    if gtype in ("MultiPolygon", "MultiPoint", "GeometryCollection"):
        return f"geometry: {gtype} cannot be tasked; submit one Point or one Polygon per request"
    if gtype != "Polygon":
        return f"geometry: type {gtype!r} cannot be tasked; use a Point or a Polygon"
    if not isinstance(coords, list) or not coords:
        return "geometry: the Polygon has no coordinates"
    if len(coords) > 1:
        return (
            "geometry: polygons with holes cannot be tasked; remove the inner rings (or task "
            "the outer outline)"
        )
    ring = coords[0]
    if not isinstance(ring, list) or len(ring) < 4:
        return "geometry: a Polygon ring needs at least 4 positions (3 corners + closing point)"
    for pos in ring:
        problem = position_error(pos)
        if problem is not None:
            return f"geometry (Polygon): {problem}"
    if ring[0][:2] != ring[-1][:2]:
        return "geometry: the Polygon ring is not closed (first and last positions differ)"
    problem = structure_error(geom)
    if problem is not None:
        return f"geometry: the Polygon cannot be read ({problem})"
    if ring_jumps(ring):
        return (
            "geometry: the Polygon crosses the antimeridian (180°); split it into one request "
            "on each side of 180°"
        )
    shape = to_shape(geom)
    bad = invalidity(shape)
    if bad is not None:
        return f"geometry: the polygon is invalid ({bad.describe()}); fix it or repair it"
    area = area_km2(shape)
    if area <= 0:
        return "geometry: the polygon has no area"
    if area > TASKING_MAX_AREA_KM2:
        return (
            f"geometry: the area is {area:,.0f} km², above the {TASKING_MAX_AREA_KM2:,.0f} km² "
            "limit"
        )
    return None


def validate_tasking_geometry(geometry: Any) -> dict[str, Any]:
    """The tasking AOI as a plain GeoJSON dict, or InputError (``field="geometry"``).

    One Point or one Polygon without holes, in WGS84 lon/lat: finite coordinates (no NaN)
    inside −180…180 / −90…90, a closed ring that does not cross the antimeridian, valid for
    GEOS (no self-intersection), with an area above 0 and at most TASKING_MAX_AREA_KM2. This
    is what the GUI form, Processing and ConsoleClient all apply, before anything is sent.
    """
    geom = geometry_dict(geometry)
    problem = _tasking_problem(geom)
    if problem is not None:
        raise InputError(problem, field="geometry")
    return geom


def validate_bbox(bbox: Any) -> list[float]:
    """Check ``[minx, miny, maxx, maxy]`` in WGS84; antimeridian-crossing boxes are refused."""
    if not isinstance(bbox, (list, tuple)) or len(bbox) != 4:
        raise InputError("bbox: expected [min_lon, min_lat, max_lon, max_lat]", field="bbox")
    values = [check_number(v, "bbox") for v in bbox]
    minx, miny, maxx, maxy = values
    for lon in (minx, maxx):
        if not -180 <= lon <= 180:
            raise InputError(f"bbox: longitude {lon:g} is outside −180…180", field="bbox")
    for lat in (miny, maxy):
        if not -90 <= lat <= 90:
            raise InputError(f"bbox: latitude {lat:g} is outside −90…90", field="bbox")
    if miny >= maxy:
        raise InputError(
            f"bbox: min latitude {miny:g} must be below max latitude {maxy:g}", field="bbox"
        )
    if minx >= maxx:
        if minx > maxx:
            raise InputError(
                "bbox: boxes crossing the antimeridian (min longitude > max longitude) are not "
                "supported; split the area into two searches at ±180°",
                field="bbox",
            )
        raise InputError("bbox: the box has zero width", field="bbox")
    return [float(v) for v in values]

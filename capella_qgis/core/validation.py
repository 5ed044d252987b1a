"""Client-side input checks shared by models, search and client (raise InputError)."""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from enum import Enum
from typing import Any, Optional, TypeVar

from shapely.geometry.base import BaseGeometry

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.geometry import (
    AntimeridianError,
    area_km2,
    crosses_antimeridian,
    geometry_dict,
    invalidity,
    position_error,
    positions,
    ring_jumps,
    split_antimeridian,
    structure_error,
    to_geojson,
    to_shape,
    wrap_longitude,
)
from capella_qgis.core.models.enums import (
    CatalogPolarization,
    FrequencyBand,
    ImageFormationAlgorithm,
    InstrumentMode,
    OrbitalPlane,
    ProductType,
    SearchOperator,
)
from capella_qgis.core.timefmt import format_utc, parse_utc

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
    raise InputError(not_a_choice(what, [value], [m.value for m in enum_cls]), field=what)


def not_a_choice(what: str, values: Iterable[Any], choices: Iterable[Any]) -> str:
    """The refusal of values outside a closed set, worded alike everywhere (core, Processing)."""
    wrong = ", ".join(repr(v) for v in values)
    listed = ", ".join(str(c) for c in choices)
    return f"{what}: {wrong} is not a valid value; choose one of {listed}"


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
#: The Console documents no limit; 100 km × 100 km covers the longest collect (stripmap_100)
#: with room to spare, and refuses a continent or the world (docs/limits.md).
TASKING_MAX_AREA_KM2 = 10_000.0


def _invalid_polygon(shape: BaseGeometry) -> Optional[str]:
    """GEOS' reason a (multi)polygon is invalid, worded with what to do; None when valid."""
    bad = invalidity(shape)
    if bad is None:
        return None
    return f"the polygon is invalid ({bad.describe()}); fix it or repair it"


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
    bad = _invalid_polygon(shape)
    if bad is not None:
        return f"geometry: {bad}"
    area = area_km2(shape)
    if area <= 0:
        return "geometry: the polygon has no area"
    if area > TASKING_MAX_AREA_KM2:
        return (
            f"geometry: the area is {area:,.0f} km², above the {TASKING_MAX_AREA_KM2:,.0f} km² "
            "limit of a tasking request; task a smaller area (or several requests)"
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
            raise InputError(
                f"bbox: longitude {lon:g} is outside −180…180; give WGS84 (EPSG:4326) degrees",
                field="bbox",
            )
    for lat in (miny, maxy):
        if not -90 <= lat <= 90:
            raise InputError(
                f"bbox: latitude {lat:g} is outside −90…90; give WGS84 (EPSG:4326) degrees",
                field="bbox",
            )
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


# --- catalog search ------------------------------------------------------------------------

#: The catalog's query operators (contract §5.4); anything else is refused, never sent.
SEARCH_OPERATORS: tuple[str, ...] = tuple(op.value for op in SearchOperator)
_LOWER_OPERATORS = ("gt", "gte")
_UPPER_OPERATORS = ("lt", "lte")

#: Query fields with a closed set of values (contract §5.3): other values match nothing.
CATALOG_CHOICES: dict[str, tuple[Any, ...]] = {
    "product_type": tuple(ProductType.values()),
    "instrument_mode": tuple(InstrumentMode.values()),
    "polarizations": tuple(CatalogPolarization.values()),
    "observation_direction": ("left", "right"),
    "orbit_state": ("ascending", "descending"),
    "image_formation_algorithm": tuple(ImageFormationAlgorithm.values()),
    "frequency_band": tuple(FrequencyBand.values()),
    "orbital_plane": tuple(int(p) for p in OrbitalPlane),
}


def check_operator(op: Any, name: str) -> str:
    """``op`` when it is a catalog query operator, else InputError listing the valid ones."""
    if op not in SEARCH_OPERATORS:
        raise InputError(
            f"{name}: unknown operator '{op}'. Valid operators: {', '.join(SEARCH_OPERATORS)}",
            field=name,
        )
    text: str = op
    return text


def check_catalog_value(name: str, value: Any) -> Any:
    """A query value of field ``name`` checked: finite numbers, and one of the field's values
    (CATALOG_CHOICES, matched case-insensitively and returned as the Console spells it)."""
    if isinstance(value, list):
        return [check_catalog_value(name, v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(f"{name}: {value} is not a finite number; give a number", field=name)
    choices = CATALOG_CHOICES.get(name)
    if choices is None:
        return value
    for choice in choices:
        if value == choice and not isinstance(value, bool):
            return choice
    folded = str(value).strip().lower()
    for choice in choices:
        if str(choice).lower() == folded:
            return choice
    raise InputError(not_a_choice(name, [value], choices), field=name)


def check_bounds(
    low: Any,
    high: Any,
    what: str,
    *,
    low_strict: bool = False,
    high_strict: bool = False,
) -> None:
    """Refuse a range that matches nothing: ``low`` above ``high`` (or equal to it when a bound
    excludes it). Datetimes read as start/end, numbers as minimum/maximum."""
    if low is None or high is None:
        return
    try:
        empty = low > high or (low == high and (low_strict or high_strict))
    except TypeError:  # values of different kinds: the Console compares them, not us
        return
    if not empty:
        return
    if isinstance(low, datetime) and isinstance(high, datetime):
        lo, hi, first, last, verb = format_utc(low), format_utc(high), "start", "end", "after"
    elif isinstance(low, (int, float)) and isinstance(high, (int, float)):
        lo, hi, first, last, verb = f"{low:g}", f"{high:g}", "minimum", "maximum", "larger than"
    else:
        lo, hi, first, last, verb = repr(low), repr(high), "minimum", "maximum", "after"
    if low == high:
        raise InputError(
            f"{what}: the {first} and the {last} are both {lo} and one of them excludes it, so "
            "nothing can match; widen the range",
            field=what,
        )
    raise InputError(
        f"{what}: the {first} ({lo}) is {verb} the {last} ({hi}); swap them", field=what
    )


def check_filter_ranges(name: str, ops: Mapping[str, Any], *, as_time: bool = False) -> None:
    """Refuse ``{gt/gte: a, lt/lte: b}`` on one field when no value can satisfy it."""

    def value(op: str) -> Any:
        raw = ops[op]
        if as_time and isinstance(raw, str):
            try:
                return parse_utc(raw, name)
            except InputError:
                return None
        if isinstance(raw, bool):
            return None
        return raw

    for low_op in _LOWER_OPERATORS:
        for high_op in _UPPER_OPERATORS:
            if low_op in ops and high_op in ops:
                check_bounds(
                    value(low_op),
                    value(high_op),
                    name,
                    low_strict=low_op == "gt",
                    high_strict=high_op == "lt",
                )


def validate_search_geometry(
    geometry: Any, what: str = "intersects", *, split: bool = False
) -> dict[str, Any]:
    """The search AOI as a plain GeoJSON dict, or InputError (``field=what``).

    Finite lon/lat positions inside WGS84 (latitude −90…90), polygons valid for GEOS (no
    self-intersection). An area crossing the antimeridian would be read as a band round the
    world: it is refused, or with ``split`` cut at ±180° into a MultiPolygon (the search
    dock's rule; longitudes may then run to ±540 as drawn across the map edge).
    """
    geom = geometry_dict(geometry, what)
    if "type" not in geom or ("coordinates" not in geom and "geometries" not in geom):
        raise InputError(
            f'{what}: expected a GeoJSON geometry with a "type" and "coordinates"', field=what
        )
    problem = structure_error(geom)
    if problem is not None:
        raise InputError(
            f"{what}: the GeoJSON geometry of type {geom.get('type')} cannot be read ({problem})",
            field=what,
        )
    max_lon = 540.0 if split else 180.0
    for pos in positions(geom):
        bad = position_error(pos, max_lon)
        if bad is not None:
            raise InputError(f"{what}: {bad}", field=what)
    shape = to_shape(geom, what)
    if shape.is_empty:
        raise InputError(f"{what}: the geometry is empty; give a point or an area", field=what)
    invalid = _invalid_polygon(shape)
    if invalid is not None:
        raise InputError(f"{what}: {invalid}", field=what)
    if not crosses_antimeridian(shape):
        return geom
    if not split:
        raise InputError(
            f"{what}: the area crosses the antimeridian (180°) and would be read as a band "
            "round the world; give it as a MultiPolygon with one part on each side of 180°",
            field=what,
        )
    if shape.geom_type in ("Point", "MultiPoint"):
        pts = [[wrap_longitude(p[0]), *p[1:]] for p in positions(geom)]
        if geom["type"] == "Point":
            return {"type": "Point", "coordinates": pts[0]}
        return {"type": "MultiPoint", "coordinates": pts}
    try:
        cut = split_antimeridian(shape)
    except AntimeridianError as exc:
        raise InputError(f"{what}: {exc.message.split(': ', 1)[-1]}", field=what) from None
    return to_geojson(cut)


# --- time ----------------------------------------------------------------------------------


def check_not_past(value: datetime, what: str, now: Optional[datetime] = None) -> None:
    """Refuse an instant that is not in the future (a window ending in the past)."""
    now = now or datetime.now(timezone.utc).replace(microsecond=0)
    if value <= now:
        raise InputError(
            f"{what}: {format_utc(value)} is in the past (it is now {format_utc(now)}); choose "
            "a later date",
            field=what,
        )


def check_repetitions_not_past(
    start: datetime, count: int, interval_days: int, now: Optional[datetime] = None
) -> None:
    """Refuse a counted repetition whose every window lies in the past."""
    now = now or datetime.now(timezone.utc).replace(microsecond=0)
    end = start + timedelta(days=count * interval_days)
    if end <= now:
        raise InputError(
            f"repeat_start: {count} repetitions every {interval_days} days from "
            f"{format_utc(start)} all end by {format_utc(end)}, in the past; choose a later "
            "start",
            field="repeat_start",
        )


# --- the wire ------------------------------------------------------------------------------


def _non_finite(value: Any, path: str) -> Optional[str]:
    """The dotted path of the first NaN/infinity in a JSON-like value, or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return path or "<body>"
    if isinstance(value, Mapping):
        for key, item in value.items():
            found = _non_finite(item, f"{path}.{key}" if path else str(key))
            if found:
                return found
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found = _non_finite(item, f"{path}[{index}]")
            if found:
                return found
    return None


def encode_json(body: Any) -> bytes:
    """The UTF-8 JSON of a request body; NaN/infinity (not JSON) → InputError, nothing sent."""
    try:
        return json.dumps(body, allow_nan=False).encode("utf-8")
    except ValueError:
        where = _non_finite(body, "") or "<body>"
        raise InputError(
            f"{where}: a number is NaN or infinite, which JSON cannot carry; nothing was sent. "
            "Give finite numbers (check the coordinates)",
            field=where,
        ) from None

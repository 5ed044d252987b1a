"""Client-side input checks shared by models, search and client (raise InputError)."""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from typing import Any, Optional, TypeVar

from capella_qgis.core.exceptions import InputError

E = TypeVar("E", bound=Enum)

_ISO_RE = re.compile(
    r"^(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?)?"
    r"\s*(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?$"
)


def parse_datetime(value: Any, what: str = "date") -> datetime:
    """Parse a datetime/date/ISO string leniently into an aware UTC datetime.

    Naive values are taken as UTC; offsets are converted (not dropped, unlike the SDK).
    """
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        m = _ISO_RE.match(value.strip())
        if not m:
            raise InputError(
                f"{what}: {value!r} is not a date; use ISO format like 2026-05-01 or "
                "2026-05-01T12:00:00Z",
                field=what,
            )
        frac = (m.group("f") or "0")[:6].ljust(6, "0")
        try:
            dt = datetime(
                int(m.group("y")),
                int(m.group("mo")),
                int(m.group("d")),
                int(m.group("h") or 0),
                int(m.group("mi") or 0),
                int(m.group("s") or 0),
                int(frac),
            )
        except ValueError as exc:
            raise InputError(f"{what}: {value!r} is not a valid date ({exc})", field=what) from exc
        tz = m.group("tz")
        if tz and tz not in ("Z", "z"):
            sign = 1 if tz[0] == "+" else -1
            digits = tz[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
            if hours > 23 or minutes > 59:
                raise InputError(f"{what}: bad timezone offset in {value!r}", field=what)
            dt = dt.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))
    else:
        raise InputError(
            f"{what}: expected a date/time (datetime or ISO string), got {type(value).__name__}",
            field=what,
        )
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def format_api_datetime(value: Any, what: str = "date") -> str:
    """Format as the Console's ``YYYY-MM-DDTHH:MM:SS.mmmZ`` (UTC, milliseconds)."""
    dt = parse_datetime(value, what)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def format_iso_z(value: Any, what: str = "date") -> str:
    """Format as ISO-8601 UTC with ``Z`` (seconds, plus fraction only when there is one)."""
    dt = parse_datetime(value, what)
    spec = "microseconds" if dt.microsecond else "seconds"
    text = dt.replace(tzinfo=None).isoformat(timespec=spec)
    return text + "Z"


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
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise InputError(f"{what}: expected a number, got {value!r}", field=what)
    if minimum is not None and (value <= minimum if exclusive_minimum else value < minimum):
        bound = f"greater than {minimum:g}" if exclusive_minimum else f"at least {minimum:g}"
        raise InputError(f"{what}: {value:g} is out of range; it must be {bound}", field=what)
    if maximum is not None and value > maximum:
        raise InputError(
            f"{what}: {value:g} is out of range; it must be at most {maximum:g}", field=what
        )
    return value


def geometry_to_dict(geometry: Any) -> dict[str, Any]:
    """Accept a GeoJSON geometry/Feature dict or any object with ``__geo_interface__``."""
    if hasattr(geometry, "__geo_interface__"):
        geometry = geometry.__geo_interface__
    if not isinstance(geometry, Mapping):
        raise InputError(
            "geometry: expected a GeoJSON geometry (Point or Polygon)", field="geometry"
        )
    if geometry.get("type") == "Feature":
        return geometry_to_dict(geometry.get("geometry"))
    return _jsonify(dict(geometry))


def _jsonify(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _jsonify(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonify(v) for v in value]
    return value


def _check_position(pos: Any, what: str) -> None:
    if (
        not isinstance(pos, list)
        or len(pos) < 2
        or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in pos)
    ):
        raise InputError(f"{what}: expected [longitude, latitude], got {pos!r}", field="geometry")
    lon, lat = pos[0], pos[1]
    if not -180 <= lon <= 180 or not -90 <= lat <= 90:
        raise InputError(
            f"{what}: [{lon}, {lat}] is outside WGS84 (longitude −180…180, latitude −90…90); "
            "is the layer in EPSG:4326?",
            field="geometry",
        )


def validate_tasking_geometry(geometry: Any) -> dict[str, Any]:
    """Tasking accepts one Point or one Polygon without holes, in WGS84 lon/lat."""
    geom = geometry_to_dict(geometry)
    gtype = geom.get("type")
    coords = geom.get("coordinates")
    if gtype == "Point":
        _check_position(coords, "geometry (Point)")
        return geom
    if gtype == "Polygon":
        if not isinstance(coords, list) or not coords:
            raise InputError("geometry: the Polygon has no coordinates", field="geometry")
        if len(coords) > 1:
            raise InputError(
                "geometry: polygons with holes cannot be tasked; remove the inner rings "
                "(or task the outer outline)",
                field="geometry",
            )
        ring = coords[0]
        if not isinstance(ring, list) or len(ring) < 4:
            raise InputError(
                "geometry: a Polygon ring needs at least 4 positions (3 corners + closing point)",
                field="geometry",
            )
        for pos in ring:
            _check_position(pos, "geometry (Polygon)")
        if ring[0][:2] != ring[-1][:2]:
            raise InputError(
                "geometry: the Polygon ring is not closed (first and last positions differ)",
                field="geometry",
            )
        return geom
    if gtype in ("MultiPolygon", "MultiPoint", "GeometryCollection"):
        raise InputError(
            f"geometry: {gtype} cannot be tasked; submit one Point or one Polygon per request",
            field="geometry",
        )
    raise InputError(
        f"geometry: type {gtype!r} cannot be tasked; use a Point or a Polygon", field="geometry"
    )


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

"""Shared helpers of the Console emulator: time, ids, JSON, geometry and error bodies."""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, timezone
from typing import Any

UTC = timezone.utc
_ISO_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?"
    r"\s*(Z|z|[+-]\d{2}:?\d{2})?$"
)


class Clock:
    """Injectable clock: a base time function plus an adjustable offset (seconds)."""

    def __init__(self, base: Callable[[], float] | None = None) -> None:
        self._base = base or time.time
        self._offset = 0.0
        self._lock = threading.Lock()

    def time(self) -> float:
        with self._lock:
            return self._base() + self._offset

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), UTC)

    def advance(self, seconds: float) -> float:
        with self._lock:
            self._offset += float(seconds)
            return self._offset

    def set(self, epoch: float) -> None:
        with self._lock:
            self._offset = float(epoch) - self._base()

    def reset(self) -> None:
        with self._lock:
            self._offset = 0.0


def iso(value: datetime | float) -> str:
    """ISO-8601 UTC with milliseconds and ``Z``."""
    if not isinstance(value, datetime):
        value = datetime.fromtimestamp(float(value), UTC)
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def parse_instant(value: Any) -> float | None:
    """Parse an ISO timestamp or date (naive = UTC) to epoch seconds; None if unparsable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC).timestamp()
    if not isinstance(value, str):
        return None
    m = _ISO_RE.match(value.strip())
    if not m:
        return None
    y, mo, d, hh, mi, ss, frac, tz = m.groups()
    try:
        dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0), tzinfo=UTC)
    except ValueError:
        return None
    epoch = dt.timestamp() + (float("0." + frac) if frac else 0.0)
    if tz and tz not in ("Z", "z"):
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        epoch -= sign * (int(digits[:2]) * 3600 + int(digits[2:]) * 60)
    return epoch


# The date forms a tasking/repeat search filter may use: the SDK's own documentation writes
# ``submission_time__gt="2022-12-1"`` (unpadded month and day), docs/emulator.md item 3.
_SEARCH_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ])")
OPEN_END = ("", "..")


def parse_search_instant(value: Any) -> float | None:
    """A tasking/repeat search date: ISO 8601, also with an unpadded month and day."""
    if not isinstance(value, str):
        return parse_instant(value)
    text = value.strip()
    m = _SEARCH_DATE_RE.match(text)
    if m:
        y, mo, d = m.groups()
        text = f"{y}-{int(mo):02d}-{int(d):02d}" + text[m.end() :]
    return parse_instant(text)


def parse_interval(
    value: str, parse: Callable[[Any], float | None] = parse_instant
) -> tuple[float | None, float | None] | None:
    """``"start/end"`` (``..`` or empty: open) as epochs; None when a part cannot be read or
    both ends are open."""
    parts = value.split("/")
    if len(parts) != 2:
        return None
    ends: list[float | None] = []
    for part in parts:
        if part.strip() in OPEN_END:
            ends.append(None)
            continue
        epoch = parse(part)
        if epoch is None:
            return None
        ends.append(epoch)
    if ends[0] is None and ends[1] is None:
        return None
    return ends[0], ends[1]


def rng_uuid(rng: Any) -> str:
    """A UUID4 string drawn from a seeded ``random.Random``."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def money(amount: float) -> str:
    return f"${amount:,.2f}"


def add_seconds(dt: datetime, seconds: float) -> datetime:
    return dt + timedelta(seconds=seconds)


class Headers(dict):
    """Case-insensitive header mapping (keys stored as received)."""

    def _find(self, key: str) -> str | None:
        low = key.lower()
        for k in self.keys():
            if k.lower() == low:
                return k
        return None

    def __getitem__(self, key: str) -> Any:
        real = self._find(key)
        if real is None:
            raise KeyError(key)
        return dict.__getitem__(self, real)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) is not None

    def get(self, key: str, default: Any = None) -> Any:
        real = self._find(key)
        return default if real is None else dict.__getitem__(self, real)


# --------------------------------------------------------------------------- errors


class ApiError(Exception):
    """An API error answered as JSON in one of the §3.1 shapes."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str | None = None,
        detail: list[dict[str, Any]] | None = None,
        shape: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.detail = detail
        self.shape = shape
        self.headers = headers or {}

    def body(self, configured_shape: str | None) -> dict[str, Any]:
        shape = configured_shape or self.shape or "error-object"
        if shape == "message":
            return {"message": self.message}
        if shape == "error-string":
            return {"error": self.message}
        err: dict[str, Any] = {"message": self.message}
        if self.code:
            err["code"] = self.code
        if self.detail is not None:
            err["detail"] = self.detail
        return {"error": err}


def not_found(what: str) -> ApiError:
    return ApiError(404, f"{what} not found", "NOT_FOUND")


def validation_error(detail: list[dict[str, Any]], message: str = "Validation Error") -> ApiError:
    return ApiError(400, message, "VALIDATION_ERROR", detail=detail)


def detail(message: str, path: str, code: str = "invalid") -> dict[str, Any]:
    return {"message": message, "code": code, "path": path}


def not_authorized() -> ApiError:
    return ApiError(403, "User is not authorized to perform this action", "NOT_AUTHORIZED")


# --------------------------------------------------------------------------- geometry

Ring = list[tuple[float, float]]


def geometry_rings(geom: dict[str, Any]) -> list[Ring]:
    """Outer rings (or degenerate point rings) of a GeoJSON geometry."""
    gtype = geom.get("type")
    coords = geom.get("coordinates")
    if gtype == "Point":
        return [[(float(coords[0]), float(coords[1]))]]
    if gtype == "MultiPoint":
        return [[(float(c[0]), float(c[1]))] for c in coords]
    if gtype == "LineString":
        return [[(float(c[0]), float(c[1])) for c in coords]]
    if gtype == "Polygon":
        return [[(float(c[0]), float(c[1])) for c in coords[0]]]
    if gtype == "MultiPolygon":
        return [[(float(c[0]), float(c[1])) for c in poly[0]] for poly in coords]
    if gtype == "GeometryCollection":
        return [r for g in geom.get("geometries", []) for r in geometry_rings(g)]
    raise ValueError(f"unsupported geometry type {gtype!r}")


def ring_bbox(ring: Iterable[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = zip(*ring)
    return min(xs), min(ys), max(xs), max(ys)


def bbox_ring(b: tuple[float, float, float, float]) -> Ring:
    return [(b[0], b[1]), (b[2], b[1]), (b[2], b[3]), (b[0], b[3]), (b[0], b[1])]


def _point_in_ring(x: float, y: float, ring: Ring) -> bool:
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / ((yj - yi) or 1e-300) + xi:
            inside = not inside
        j = i
    return inside


def _orient(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _on_seg(a: tuple[float, float], b: tuple[float, float], p: tuple[float, float]) -> bool:
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def _segments_cross(p1: Any, p2: Any, q1: Any, q2: Any) -> bool:
    d1, d2 = _orient(q1, q2, p1), _orient(q1, q2, p2)
    d3, d4 = _orient(p1, p2, q1), _orient(p1, p2, q2)
    if ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4)):
        return True
    return (
        (d1 == 0 and _on_seg(q1, q2, p1))
        or (d2 == 0 and _on_seg(q1, q2, p2))
        or (d3 == 0 and _on_seg(p1, p2, q1))
        or (d4 == 0 and _on_seg(p1, p2, q2))
    )


def rings_intersect(a: Ring, b: Ring) -> bool:
    """True when two rings (polygons, lines or single points) touch or overlap."""
    ab, bb = ring_bbox(a), ring_bbox(b)
    if ab[0] > bb[2] or bb[0] > ab[2] or ab[1] > bb[3] or bb[1] > ab[3]:
        return False
    if len(a) >= 4 and _point_in_ring(b[0][0], b[0][1], a):
        return True
    if len(b) >= 4 and _point_in_ring(a[0][0], a[0][1], b):
        return True
    if len(a) == 1 or len(b) == 1:
        pt, other = (a[0], b) if len(a) == 1 else (b[0], a)
        if len(other) == 1:
            return pt == other[0]
        return any(
            _orient(other[i], other[i + 1], pt) == 0 and _on_seg(other[i], other[i + 1], pt)
            for i in range(len(other) - 1)
        )
    for i in range(len(a) - 1):
        for j in range(len(b) - 1):
            if _segments_cross(a[i], a[i + 1], b[j], b[j + 1]):
                return True
    return False

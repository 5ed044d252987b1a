"""``POST /catalog/search``: STAC filtering, sorting and paging over the world's catalog."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from tests.console_emulator.enums import OWNERSHIP, SHORT_TO_STAC, TIME_PROPERTIES
from tests.console_emulator.util import (
    ApiError,
    bbox_ring,
    detail,
    geometry_rings,
    parse_instant,
    parse_interval,
    rings_intersect,
    validation_error,
)
from tests.console_emulator.world import CatalogEntry, World

MAX_WINDOW = 10_000
MAX_LIMIT = 1000
DEFAULT_LIMIT = 10
OPS = ("eq", "in", "gt", "gte", "lt", "lte")
STAC_NAMES = set(SHORT_TO_STAC.values())

Predicate = Callable[[CatalogEntry], bool]


def stac_name(name: str, short_names: bool, where: str, prefix: str = "") -> str:
    """A property name as the items carry it. The SDK's short names (§5.3) are mapped only
    with ``short_names``: a real STAC server knows the STAC names alone (docs/emulator.md,
    item 11), so otherwise they are a 400 that says the STAC name."""
    if name not in SHORT_TO_STAC or name in STAC_NAMES:
        return name
    if short_names:
        return SHORT_TO_STAC[name]
    raise validation_error(
        [
            detail(
                f"Unknown property '{prefix}{name}': use the STAC name "
                f"'{prefix}{SHORT_TO_STAC[name]}'",
                where,
                "unrecognized_keys",
            )
        ]
    )


def _norm(prop: str, value: Any) -> Any:
    if prop in TIME_PROPERTIES and isinstance(value, str):
        parsed = parse_instant(value)
        return parsed if parsed is not None else value
    return value


def _compare(op: str, left: Any, right: Any) -> bool:
    try:
        if op == "gt":
            return left > right
        if op == "gte":
            return left >= right
        if op == "lt":
            return left < right
        return left <= right
    except TypeError:
        return False


def _eq(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right or (left == right and type(left) is type(right))
    return left == right


def _property_predicate(prop: str, ops: Any) -> Predicate:
    if not isinstance(ops, dict):
        ops = {"in": ops} if isinstance(ops, list) else {"eq": ops}
    checks: list[tuple[str, Any]] = []
    for op, raw in ops.items():
        if op not in OPS:
            raise validation_error(
                [detail(f"Unsupported operator '{op}'", f"query.{prop}.{op}", "invalid_operator")]
            )
        if op == "in":
            values = [_norm(prop, v) for v in (raw if isinstance(raw, list) else [raw])]
            if prop in TIME_PROPERTIES and any(isinstance(v, str) for v in values):
                raise validation_error(
                    [detail(f"Invalid datetime in {raw!r}", f"query.{prop}.in", "invalid_date")]
                )
            checks.append((op, values))
        else:
            if isinstance(raw, (list, dict)):
                raise validation_error(
                    [
                        detail(
                            f"Operator '{op}' needs a scalar", f"query.{prop}.{op}", "invalid_type"
                        )
                    ]
                )
            value = _norm(prop, raw)
            if prop in TIME_PROPERTIES and isinstance(value, str):
                raise validation_error(
                    [detail(f"Invalid datetime '{raw}'", f"query.{prop}.{op}", "invalid_date")]
                )
            checks.append((op, value))
    is_time = prop in TIME_PROPERTIES

    def pred(entry: CatalogEntry) -> bool:
        if prop == "datetime":
            value: Any = entry.epoch
        else:
            if prop not in entry.item["properties"]:
                return False
            value = entry.item["properties"][prop]
            if is_time and isinstance(value, str):
                value = parse_instant(value)
        values = value if isinstance(value, list) else [value]
        for op, target in checks:
            if op == "eq":
                ok = any(_eq(v, target) for v in values)
            elif op == "in":
                ok = any(_eq(v, t) for v in values for t in target)
            else:
                ok = any(_compare(op, v, target) for v in values)
            if not ok:
                return False
        return True

    return pred


def _datetime_interval(raw: str) -> Predicate:
    """STAC ``datetime``: an instant or ``start/end`` (``..`` or empty: open); a part that
    cannot be read is a 400, never an open end."""
    if "/" in raw:
        ends = parse_interval(raw)
        if ends is None:
            raise validation_error([detail(f"Invalid datetime interval '{raw}'", "datetime")])
        start, end = ends
    else:
        start = end = parse_instant(raw)
        if start is None:
            raise validation_error(
                [detail(f"Invalid datetime '{raw}'", "datetime", "invalid_date")]
            )
    return lambda e: (start is None or e.epoch >= start) and (end is None or e.epoch <= end)


def _bbox_boxes(raw: Any) -> list[tuple[float, float, float, float]]:
    """The boxes a STAC bbox covers: one, or two when min longitude > max longitude (the
    STAC spec's box across the antimeridian). South above north is a 400, never swapped."""
    if not isinstance(raw, list) or len(raw) not in (4, 6):
        raise validation_error([detail("bbox must have 4 or 6 numbers", "bbox")])
    try:
        b = [float(v) for v in (raw if len(raw) == 4 else (raw[0], raw[1], raw[3], raw[4]))]
    except (TypeError, ValueError) as exc:
        raise validation_error([detail("bbox must hold numbers", "bbox", "invalid_type")]) from exc
    west, south, east, north = b
    if any(not -180 <= x <= 180 for x in (west, east)) or any(
        not -90 <= y <= 90 for y in (south, north)
    ):
        raise validation_error([detail("bbox is outside WGS84 bounds", "bbox", "out_of_range")])
    if south > north:
        raise validation_error(
            [detail("bbox: the southern edge must not lie north of the northern edge", "bbox")]
        )
    if west > east:  # across the antimeridian
        return [(west, south, 180.0, north), (-180.0, south, east, north)]
    return [(west, south, east, north)]


def _box_predicate(box: tuple[float, float, float, float]) -> Predicate:
    ring = bbox_ring(box)
    return lambda e: (
        not (e.bbox[0] > box[2] or e.bbox[2] < box[0] or e.bbox[1] > box[3] or e.bbox[3] < box[1])
        and any(rings_intersect(r, ring) for r in e.rings)
    )


def _sort_key(field: str, short_names: bool) -> Callable[[CatalogEntry], Any] | None:
    if field in ("id", "properties.id"):
        return lambda e: e.id
    if field == "collection":
        return lambda e: e.collection
    prefix = "properties." if field.startswith("properties.") else ""
    prop = stac_name(field[len(prefix) :], short_names, "sortby", prefix)
    if prop == "datetime":
        return lambda e: e.epoch
    if prop not in STAC_NAMES and prop not in TIME_PROPERTIES and ":" not in prop:
        return None
    if prop in TIME_PROPERTIES:
        return lambda e: parse_instant(e.item["properties"].get(prop))
    return lambda e: e.item["properties"].get(prop)


def _parse_sortby(
    raw: Any, strict: bool, short_names: bool
) -> list[tuple[Callable[[CatalogEntry], Any], bool]]:
    if raw is None:
        return []
    specs = raw if isinstance(raw, list) else [raw]
    out = []
    for spec in specs:
        if isinstance(spec, str):
            desc = spec.startswith("-")
            field = spec.lstrip("+-")
        elif isinstance(spec, dict):
            field = str(spec.get("field", ""))
            desc = str(spec.get("direction", "asc")).lower() == "desc"
        else:
            continue
        key = _sort_key(field, short_names)
        if key is None:
            if strict:
                raise validation_error([detail(f"Unknown sort field '{field}'", "sortby")])
            continue
        out.append((key, desc))
    return out


class Catalog:
    """Search engine with a small result cache keyed by the filter part of the body."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._lock = threading.Lock()
        self._sorted: tuple[int, list[CatalogEntry]] = (-1, [])
        self._cache: dict[str, tuple[int, list[CatalogEntry]]] = {}

    def default_order(self) -> list[CatalogEntry]:
        version = self.world.version
        with self._lock:
            if self._sorted[0] != version:
                entries = sorted(self.world.entries, key=lambda e: e.id)
                entries.sort(key=lambda e: e.epoch, reverse=True)
                self._sorted = (version, entries)
            return self._sorted[1]

    def _predicates(self, body: dict[str, Any]) -> list[Predicate]:
        world = self.world
        preds: list[Predicate] = [world.accessible]
        colls = body.get("collections")
        if colls is not None:
            colls = [colls] if isinstance(colls, str) else list(colls)
            denied = [c for c in colls if c in world.collections_denied]
            if denied:
                raise ApiError(
                    403,
                    "Your organization is not permitted to access any of the collections your "
                    f"query is attempting to filter amongst ({', '.join(denied)})",
                    "COLLECTION_ACCESS_DENIED",
                    shape="error-string",
                )
            wanted = set(colls)
            preds.append(lambda e: e.collection in wanted)
        ids = body.get("ids")
        if ids is not None:
            id_set = {ids} if isinstance(ids, str) else set(ids)
            preds.append(lambda e: e.id in id_set)
        if body.get("bbox") is not None:
            boxes = [_box_predicate(box) for box in _bbox_boxes(body["bbox"])]
            preds.append(lambda e: any(p(e) for p in boxes))
        if body.get("intersects") is not None:
            try:
                rings = geometry_rings(body["intersects"])
            except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
                raise validation_error([detail(f"Invalid geometry: {exc}", "intersects")]) from exc
            preds.append(lambda e: any(rings_intersect(r, q) for r in e.rings for q in rings))
        own = body.get("ownership")
        if own is not None:
            if own not in OWNERSHIP:
                raise validation_error([detail(f"Invalid ownership '{own}'", "ownership")])
            preds.append(lambda e: e.ownership == own)
        if isinstance(body.get("datetime"), str):
            preds.append(_datetime_interval(body["datetime"]))
        query = body.get("query") or {}
        if not isinstance(query, dict):
            raise validation_error([detail("query must be an object", "query")])
        short_names = bool(world.config["short_names"])
        for name, ops in query.items():
            prop = stac_name(name, short_names, f"query.{name}")
            preds.append(_property_predicate(prop, ops))
        return preds

    def matches(self, body: dict[str, Any]) -> list[CatalogEntry]:
        key_body = {k: v for k, v in body.items() if k not in ("page", "limit")}
        cfg = self.world.config
        # The name rules are part of the key: a body refused by them must not hit the cache.
        key_body["_rules"] = [cfg["short_names"], cfg["unknown_sortby_error"]]
        key = json.dumps(key_body, sort_keys=True, default=str)
        version = self.world.version
        with self._lock:
            hit = self._cache.get(key)
        if hit and hit[0] == version:
            return hit[1]
        preds = self._predicates(body)
        result = [e for e in self.default_order() if all(p(e) for p in preds)]
        sortby = _parse_sortby(body.get("sortby"), cfg["unknown_sortby_error"], cfg["short_names"])
        for keyfn, desc in reversed(sortby):
            present = [e for e in result if keyfn(e) is not None]
            missing = [e for e in result if keyfn(e) is None]
            present.sort(key=keyfn, reverse=desc)
            result = present + missing
        with self._lock:
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = (version, result)
        return result

    def search(
        self,
        body: Any,
        query_params: dict[str, str],
        base_url: str,
        duplicates: int = 0,
        *,
        page_cap: int | None = None,
        links_base: str | None = None,
    ) -> bytes:
        """One page. ``page_cap``: the most items a page holds whatever ``limit`` asks (the
        page grid follows it: ``offset = (page - 1) * min(limit, cap)``). ``links_base``: the
        host the next and item links name instead of ``base_url``."""
        if body is None:
            body = {}
        if not isinstance(body, dict):
            raise validation_error([detail("Body must be a JSON object", "")])
        limit = body.get("limit", query_params.get("limit", DEFAULT_LIMIT))
        page = body.get("page", query_params.get("page", 1))
        try:
            limit, page = int(limit), int(page)
        except (TypeError, ValueError) as exc:
            raise validation_error([detail("limit and page must be integers", "limit")]) from exc
        if not 1 <= limit <= MAX_LIMIT:
            raise validation_error(
                [detail(f"limit must be between 1 and {MAX_LIMIT}", "limit", "too_big")]
            )
        if page < 1:
            raise validation_error([detail("page must be >= 1", "page", "too_small")])
        if page_cap:
            limit = min(limit, int(page_cap))
        if page * limit > MAX_WINDOW:
            raise validation_error(
                [detail(f"page * limit must not exceed {MAX_WINDOW}", "page", "too_big")],
                "Validation Error: result window is too large",
            )
        result = self.matches(body)
        offset = (page - 1) * limit
        chunk = result[offset : offset + limit]
        if duplicates and offset > 0:
            chunk = result[max(0, offset - duplicates) : offset] + chunk
        features = b",".join(e.json for e in chunk)
        links_to = links_base.rstrip("/") if links_base else base_url
        if links_base:
            features = features.replace(
                f'"href":"{base_url}/catalog/'.encode(), f'"href":"{links_to}/catalog/'.encode()
            )
        links = []
        if offset + limit < min(len(result), MAX_WINDOW):
            links.append(
                {
                    "rel": "next",
                    "href": f"{links_to}/catalog/search?page={page + 1}",
                    "method": "POST",
                    "type": "application/geo+json",
                }
            )
        head = (
            f'{{"type":"FeatureCollection","numberMatched":{len(result)},'
            f'"numberReturned":{len(chunk)},"features":['
        ).encode()
        return head + features + b'],"links":' + json.dumps(links).encode() + b"}"

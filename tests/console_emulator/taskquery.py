"""Validation, filtering, scoping and paging shared by tasking and repeat requests."""

from __future__ import annotations

import math
from typing import Any

from tests.console_emulator.enums import (
    ARCHIVE_HOLDBACKS,
    COLLECTION_TYPES,
    LOCAL_TIME_OPTIONS,
    LOOK_DIRECTIONS,
    ORBIT_STATES,
    ORBITAL_PLANES,
    POLARIZATIONS,
    PRODUCT_TYPES,
    SQUINT_MODES,
)
from tests.console_emulator.util import (
    ApiError,
    detail,
    not_authorized,
    parse_instant,
    validation_error,
)
from tests.console_emulator.world import World

ELEVATED = {"organization-manager", "admin"}
TIME_KEYS = {
    "submissionTime",
    "windowOpen",
    "windowClose",
    "lastStatusTime",
    "repeatStart",
    "repeatEnd",
}


def check_geometry(geom: Any, errs: list[dict[str, Any]]) -> None:
    if not isinstance(geom, dict) or geom.get("type") not in ("Point", "Polygon"):
        errs.append(
            detail("geometry must be a GeoJSON Point or Polygon", "geometry", "invalid_type")
        )
        return
    coords = geom.get("coordinates")
    try:
        if geom["type"] == "Point":
            lon, lat = float(coords[0]), float(coords[1])
            pts = [(lon, lat)]
        else:
            pts = [(float(c[0]), float(c[1])) for c in coords[0]]
            if len(pts) < 4 or pts[0] != pts[-1]:
                errs.append(
                    detail(
                        "Polygon ring must be closed with >= 4 positions", "geometry.coordinates"
                    )
                )
    except (TypeError, ValueError, IndexError, KeyError):
        errs.append(detail("Invalid coordinates", "geometry.coordinates", "invalid_type"))
        return
    if any(not (-180 <= x <= 180 and -90 <= y <= 90) for x, y in pts):
        errs.append(detail("Coordinates out of range", "geometry.coordinates", "out_of_range"))


def check_enum(value: Any, allowed: Any, path: str, errs: list[dict[str, Any]]) -> None:
    if value is not None and value not in allowed:
        errs.append(
            detail(
                f"Invalid enum value. Expected {' | '.join(map(repr, allowed))}, "
                f"received {value!r}",
                path,
                "invalid_enum_value",
            )
        )


def check_common(props: dict[str, Any], errs: list[dict[str, Any]]) -> None:
    check_enum(props.get("collectionType"), COLLECTION_TYPES, "properties.collectionType", errs)
    check_enum(props.get("archiveHoldback"), ARCHIVE_HOLDBACKS, "properties.archiveHoldback", errs)
    pc = props.get("processingConfig")
    if pc is not None:
        types = pc.get("productTypes") if isinstance(pc, dict) else None
        if not isinstance(types, list):
            errs.append(
                detail("productTypes must be a list", "properties.processingConfig.productTypes")
            )
        else:
            for i, t in enumerate(types):
                check_enum(t, PRODUCT_TYPES, f"properties.processingConfig.productTypes.{i}", errs)
    cc = props.get("collectConstraints") or {}
    if not isinstance(cc, dict):
        errs.append(detail("collectConstraints must be an object", "properties.collectConstraints"))
        return
    base = "properties.collectConstraints."
    check_enum(cc.get("ascDsc"), ORBIT_STATES, base + "ascDsc", errs)
    check_enum(cc.get("lookDirection"), LOOK_DIRECTIONS, base + "lookDirection", errs)
    check_enum(cc.get("polarization"), POLARIZATIONS, base + "polarization", errs)
    check_enum(cc.get("squint"), SQUINT_MODES, base + "squint", errs)
    planes = cc.get("orbitalPlanes")
    if planes is not None:
        if not isinstance(planes, list):
            errs.append(detail("orbitalPlanes must be a list", base + "orbitalPlanes"))
        else:
            for i, p in enumerate(planes):
                check_enum(p, ORBITAL_PLANES, f"{base}orbitalPlanes.{i}", errs)
    lt = cc.get("localTime")
    if lt is not None:
        if isinstance(lt, str):
            check_enum(lt, tuple(LOCAL_TIME_OPTIONS), base + "localTime", errs)
        elif not (
            isinstance(lt, list)
            and all(
                isinstance(r, list)
                and len(r) == 2
                and all(isinstance(v, (int, float)) and 0 <= v <= 86400 for v in r)
                and r[0] < r[1]
                for r in lt
            )
        ):
            errs.append(
                detail(
                    "localTime must be day/night/anytime or [[start, end], ...]", base + "localTime"
                )
            )
    for key in (
        "offNadirMin",
        "offNadirMax",
        "azimuthAngleMin",
        "azimuthAngleMax",
        "maxSquintAngle",
        "imageWidth",
    ):
        v = cc.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            errs.append(detail(f"{key} must be a number", base + key, "invalid_type"))
    lo, hi = cc.get("offNadirMin"), cc.get("offNadirMax")
    if isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and lo >= hi:
        errs.append(detail("offNadirMin must be less than offNadirMax", base + "offNadirMin"))
    for key in ("offNadirMin", "offNadirMax"):
        v = cc.get(key)
        if isinstance(v, (int, float)) and not 0 <= v <= 90:
            errs.append(detail(f"{key} must be between 0 and 90", base + key, "out_of_range"))


def check_contract(world: World, body: dict[str, Any]) -> str | None:
    contract = body.get("contractId")
    if contract is not None and contract not in world.contract_ids():
        raise ApiError(400, "Contract not found", "CONTRACT_NOT_FOUND")
    return contract


def raise_if(errs: list[dict[str, Any]]) -> None:
    if errs:
        raise validation_error(errs)


# --------------------------------------------------------------------------- search


def _resolve(props: dict[str, Any], key: str) -> Any:
    if key == "lastStatusCode":
        hist = props.get("statusHistory") or []
        return hist[0]["code"] if hist else None
    if key == "lastStatusTime":
        hist = props.get("statusHistory") or []
        return hist[0]["time"] if hist else None
    if key == "organizationIds":
        return props.get("orgId")
    if key == "taskingrequestIds":
        return props.get("taskingrequestId")
    if key == "repeatrequestIds":
        return props.get("repeatrequestId")
    value: Any = props
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _norm(key: str, v: Any) -> Any:
    if key.rsplit(".", 1)[-1] in TIME_KEYS and isinstance(v, str):
        parsed = parse_instant(v)
        return parsed if parsed is not None else v
    return v


def _match(key: str, actual: Any, cond: Any) -> bool:
    actual = _norm(key, actual)
    if isinstance(cond, list):
        return (
            any(_match(key, actual, c) for c in cond)
            if not isinstance(actual, list)
            else any(_norm(key, c) in actual for c in cond)
        )
    if not isinstance(cond, dict):
        target = _norm(key, cond)
        return target in actual if isinstance(actual, list) else actual == target
    for op, raw in cond.items():
        if op == "in":
            if not _match(key, actual, raw if isinstance(raw, list) else [raw]):
                return False
            continue
        target = _norm(key, raw)
        try:
            ok = {
                "eq": lambda a, t: a == t,
                "ne": lambda a, t: a != t,
                "gt": lambda a, t: a is not None and a > t,
                "gte": lambda a, t: a is not None and a >= t,
                "lt": lambda a, t: a is not None and a < t,
                "lte": lambda a, t: a is not None and a <= t,
            }[op](actual, target)
        except KeyError as exc:
            raise validation_error([detail(f"Unsupported operator '{op}'", f"{key}.{op}")]) from exc
        except TypeError:
            ok = False
        if not ok:
            return False
    return True


def _scope_ids(value: Any) -> list[Any]:
    if isinstance(value, dict):
        out: list[Any] = []
        for v in value.values():
            out.extend(v if isinstance(v, list) else [v])
        return out
    return value if isinstance(value, list) else [value]


def search(
    world: World,
    user: dict[str, Any],
    records: list[dict[str, Any]],
    filters: Any,
    query_params: dict[str, str],
    repeating_flag: bool,
) -> dict[str, Any]:
    if filters is None:
        filters = {}
    if not isinstance(filters, dict):
        raise validation_error([detail("filter must be an object", "query")])
    try:
        page = int(query_params.get("page", 1))
        limit = int(query_params.get("limit", 250))
    except ValueError as exc:
        raise validation_error([detail("page and limit must be integers", "limit")]) from exc
    max_limit = int(world.config["max_tr_limit"])
    if limit < 1 or limit > max_limit:
        raise validation_error(
            [detail(f"limit must be between 1 and {max_limit}", "limit", "too_big")]
        )
    if page < 1:
        raise validation_error([detail("page must be >= 1", "page", "too_small")])
    filters = dict(filters)
    roles = set(user.get("roles", []))
    if "organizationIds" not in filters and "userId" not in filters:
        filters["userId"] = user["id"]
    if "organizationIds" in filters:
        orgs = _scope_ids(filters["organizationIds"])
        if "admin" not in roles and (
            not roles & ELEVATED or any(o != user["organizationId"] for o in orgs)
        ):
            raise not_authorized()
    if "userId" in filters:
        uids = _scope_ids(filters["userId"])
        if any(u != user["id"] for u in uids):
            if not roles & ELEVATED:
                raise not_authorized()
            if "admin" not in roles and any(world.user_by_id(u) is None for u in uids):
                raise not_authorized()
    include_rep = True
    if repeating_flag and "includeRepeatingTasks" in filters:
        raw = filters.pop("includeRepeatingTasks")
        include_rep = bool(raw.get("eq", True) if isinstance(raw, dict) else raw)
    out = []
    for rec in records:
        props = rec["properties"]
        if repeating_flag and not include_rep and props.get("repeatrequestId"):
            continue
        if all(_match(k, _resolve(props, k), v) for k, v in filters.items()):
            out.append(rec)
    out.sort(
        key=lambda r: (
            r["properties"]["submissionTime"],
            r["properties"].get("taskingrequestId") or r["properties"].get("repeatrequestId"),
        ),
        reverse=True,
    )
    total_pages = math.ceil(len(out) / limit)
    return {
        "results": out[(page - 1) * limit : page * limit],
        "currentPage": page,
        "totalPages": total_pages,
        "totalItems": len(out),
    }

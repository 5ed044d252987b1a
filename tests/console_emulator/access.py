"""Access requests (Mission Awareness): ``/ma/accessrequests`` and ``/ma/accesses/{id}``.

Shapes from Capella's docs ("Satellite Access Requests") and its public notebook
(``TEMPLATE-access-requests.ipynb``). The opportunities come from a simple circular-orbit model
(three planes, 45°/53°/97°, J2 node drift, a rotating spherical Earth), deterministic for the
world's seed: plausible passes, not Capella's ephemerides. Like the real service they are
physical access only and ignore other tasking.
"""

from __future__ import annotations

import copy
import math
import random
from datetime import datetime, timedelta, timezone
from typing import Any

from tests.console_emulator import taskquery
from tests.console_emulator.util import (
    ApiError,
    detail,
    geometry_rings,
    iso,
    not_found,
    parse_instant,
    rng_uuid,
    validation_error,
)
from tests.console_emulator.world import World

R_KM = 6371.0
MU = 398600.4418  # km³/s²
J2 = 1.08263e-3
OMEGA_EARTH = 7.2921159e-5  # rad/s
ALTITUDE_KM = 525.0
# Orbit epoch of the model: passes depend on the seed and the window only, not on "now".
MODEL_EPOCH = 1767225600.0  # 2026-01-01T00:00:00Z
GMST_AT_EPOCH = math.radians(100.46)
#: spacecraft id → orbital plane (inclination, degrees).
SPACECRAFT = {101: 97, 102: 97, 103: 97, 104: 45, 105: 45, 106: 53, 107: 53, 108: 53}
PLANES = (45, 53, 97)
CONSTRAINT_KEYS = (
    "lookDirection",
    "ascDsc",
    "orbitalPlanes",
    "localTime",
    "offNadirMin",
    "offNadirMax",
    "grazingAngleMin",
    "grazingAngleMax",
    "azimuthAngleMin",
    "azimuthAngleMax",
    "imageLength",
    "imageWidth",
)
DEFAULT_OFF_NADIR = (5.0, 50.0)
LOCAL_TIMES = {
    "day": [[21600, 64800]],
    "night": [[0, 21600], [64800, 86400]],
    "anytime": [[0, 86400]],
}
COARSE_STEP = 60.0
FINE_STEP = 2.0


# --------------------------------------------------------------------------- validation


def _number(value: Any, path: str, lo: float, hi: float, errs: list[dict[str, Any]]) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
        errs.append(detail(f"{path.rsplit('.', 1)[-1]} must be a number in [{lo:g}, {hi:g}]", path))


def check_constraints(cons: Any, errs: list[dict[str, Any]]) -> None:
    base = "properties.accessConstraints"
    if cons is None:
        return
    if not isinstance(cons, dict):
        errs.append(detail("accessConstraints must be an object", base, "invalid_type"))
        return
    for key in cons:
        if key not in CONSTRAINT_KEYS:
            errs.append(
                detail(
                    f"Unrecognized key '{key}' in accessConstraints; known keys: "
                    + ", ".join(CONSTRAINT_KEYS),
                    f"{base}.{key}",
                    "unrecognized_keys",
                )
            )
    taskquery.check_enum(
        cons.get("lookDirection"), ("left", "right", "either"), f"{base}.lookDirection", errs
    )
    taskquery.check_enum(
        cons.get("ascDsc"), ("ascending", "descending", "either"), f"{base}.ascDsc", errs
    )
    planes = cons.get("orbitalPlanes")
    if planes is not None:
        if not isinstance(planes, list):
            errs.append(
                detail("orbitalPlanes must be a list", f"{base}.orbitalPlanes", "invalid_type")
            )
        else:
            for i, p in enumerate(planes):
                taskquery.check_enum(p, PLANES, f"{base}.orbitalPlanes.{i}", errs)
    lt = cons.get("localTime")
    if lt is not None and not (isinstance(lt, str) and lt in LOCAL_TIMES):
        ok = isinstance(lt, list) and all(
            isinstance(r, list)
            and len(r) == 2
            and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in r)
            and 0 <= r[0] < r[1] <= 86400
            for r in lt
        )
        if not ok:
            errs.append(
                detail(
                    "localTime must be day, night, anytime or [[start, end], ...] seconds of day",
                    f"{base}.localTime",
                )
            )
    for lo_key, hi_key, top in (
        ("offNadirMin", "offNadirMax", 90.0),
        ("grazingAngleMin", "grazingAngleMax", 90.0),
        ("azimuthAngleMin", "azimuthAngleMax", 360.0),
    ):
        _number(cons.get(lo_key), f"{base}.{lo_key}", 0, top, errs)
        _number(cons.get(hi_key), f"{base}.{hi_key}", 0, top, errs)
    for lo_key, hi_key in (("offNadirMin", "offNadirMax"), ("grazingAngleMin", "grazingAngleMax")):
        lo, hi = cons.get(lo_key), cons.get(hi_key)
        if isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and lo >= hi:
            errs.append(detail(f"{lo_key} must be smaller than {hi_key}", f"{base}.{lo_key}"))
    if (cons.get("azimuthAngleMin") is None) != (cons.get("azimuthAngleMax") is None):
        errs.append(
            detail("azimuthAngleMin and azimuthAngleMax go together", f"{base}.azimuthAngleMin")
        )
    for key in ("imageLength", "imageWidth"):
        _number(cons.get(key), f"{base}.{key}", 1, 1_000_000, errs)


def create(world: World, user: dict[str, Any], body: Any) -> dict[str, Any]:
    if not isinstance(body, dict) or body.get("type") != "Feature":
        raise validation_error(
            [detail("Body must be a GeoJSON Feature (type 'Feature')", "type", "invalid_type")]
        )
    errs: list[dict[str, Any]] = []
    taskquery.check_geometry(body.get("geometry"), errs)
    props = body.get("properties")
    if not isinstance(props, dict):
        raise validation_error([*errs, detail("properties is required", "properties", "required")])
    w_open = w_close = None
    for key in ("windowOpen", "windowClose"):
        if props.get(key) is None:
            errs.append(detail(f"{key} is required", f"properties.{key}", "required"))
            continue
        value = parse_instant(props[key])
        if value is None or isinstance(props[key], (int, float)):
            errs.append(detail("Invalid datetime", f"properties.{key}", "invalid_date"))
        elif key == "windowOpen":
            w_open = value
        else:
            w_close = value
    if w_open is not None and w_close is not None:
        if w_open >= w_close:
            errs.append(detail("windowOpen must be before windowClose", "properties.windowOpen"))
        elif w_close <= world.clock.time():
            errs.append(detail("windowClose is in the past", "properties.windowClose"))
    check_constraints(props.get("accessConstraints"), errs)
    taskquery.raise_if(errs)
    now = world.clock.time()
    ar_id = world.new_id()
    rec = {
        "type": "Feature",
        "id": ar_id,
        "geometry": body["geometry"],
        "properties": {
            "accessrequestId": ar_id,
            "accessrequestName": props.get("accessrequestName") or props.get("name") or "",
            "windowOpen": iso(float(w_open)),  # type: ignore[arg-type]
            "windowClose": iso(float(w_close)),  # type: ignore[arg-type]
            "accessConstraints": copy.deepcopy(props.get("accessConstraints") or {}),
            "submissionTime": iso(now),
            "userId": user["id"],
            "orgId": user["organizationId"],
            "processingStatus": "queued",
            "accessibilityStatus": None,
            "accessibilityMessage": None,
        },
        "_due": now + float(world.config["access_delay"] or 0),
        "_accesses": None,
    }
    # The passes depend on the seed and the request only: computed here, outside the world
    # lock (a long window takes a moment), and revealed when processing completes.
    max_days = float(world.config["access_max_window_days"])
    too_long = float(w_close) - float(w_open) > max_days * 86400  # type: ignore[arg-type]
    rec["_computed"] = [] if too_long else compute_accesses(world.seed, rec)
    with world.lock:
        world.access_requests[ar_id] = rec
        _refresh(world, rec)
        return _public(rec)


def _public(rec: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy({k: v for k, v in rec.items() if not k.startswith("_")})


def _get(world: World, user: dict[str, Any], ar_id: str) -> dict[str, Any]:
    rec = world.access_requests.get(ar_id)
    if rec is None:
        raise not_found(f"Access request {ar_id}")
    props = rec["properties"]
    if props["userId"] != user["id"] and props["orgId"] != user["organizationId"]:
        raise ApiError(403, "User is not authorized to perform this action", "NOT_AUTHORIZED")
    return rec


def _refresh(world: World, rec: dict[str, Any]) -> None:
    props = rec["properties"]
    if props["processingStatus"] == "completed":
        return
    now = world.clock.time()
    if now < rec["_due"]:
        props["processingStatus"] = (
            "processing"
            if now >= rec["_due"] - 0.5 * float(world.config["access_delay"] or 0)
            else "queued"
        )
        return
    w_open = parse_instant(props["windowOpen"]) or now
    w_close = parse_instant(props["windowClose"]) or now
    props["processingStatus"] = "completed"
    max_days = float(world.config["access_max_window_days"])
    if w_close - w_open > max_days * 86400:
        props["accessibilityStatus"] = "rejected"
        props["accessibilityMessage"] = (
            f"The access window is longer than {max_days:g} days; shorten it"
        )
        rec["_accesses"] = []
        return
    accesses = rec["_computed"]
    rec["_accesses"] = accesses
    props["accessibilityStatus"] = "accessible" if accesses else "inaccessible"
    props["accessibilityMessage"] = (
        None if accesses else "No satellite can see the target within the window and constraints"
    )


def get(world: World, user: dict[str, Any], ar_id: str) -> dict[str, Any]:
    with world.lock:
        rec = _get(world, user, ar_id)
        _refresh(world, rec)
        return _public(rec)


def accesses(world: World, user: dict[str, Any], ar_id: str) -> list[dict[str, Any]]:
    with world.lock:
        rec = _get(world, user, ar_id)
        _refresh(world, rec)
        if rec["properties"]["processingStatus"] != "completed":
            raise ApiError(
                409,
                f"Access request {ar_id} is still {rec['properties']['processingStatus']}; poll "
                "GET /ma/accessrequests/{id} until processingStatus is 'completed'",
                "ACCESS_REQUEST_NOT_COMPLETED",
            )
        return copy.deepcopy(rec["_accesses"] or [])


# --------------------------------------------------------------------------- orbit model


def _unit(lon_deg: float, lat_deg: float) -> tuple[float, float, float]:
    lon, lat = math.radians(lon_deg), math.radians(lat_deg)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def _orbits(seed: int) -> list[tuple[int, int, float, float]]:
    """(spacecraft, plane, RAAN at epoch, argument of latitude at epoch) per spacecraft."""
    rng = random.Random(f"capella-orbits-{seed}")
    return [
        (sc, plane, rng.uniform(0, 2 * math.pi), rng.uniform(0, 2 * math.pi))
        for sc, plane in SPACECRAFT.items()
    ]


def _ecef(plane: int, raan0: float, u0: float, t: float) -> tuple[float, float, float]:
    a = R_KM + ALTITUDE_KM
    n = math.sqrt(MU / a**3)
    inc = math.radians(plane)
    node_rate = -1.5 * n * J2 * (R_KM / a) ** 2 * math.cos(inc)
    dt = t - MODEL_EPOCH
    u = u0 + n * dt
    raan = raan0 + node_rate * dt - (GMST_AT_EPOCH + OMEGA_EARTH * dt)
    cu, su, co, so, ci = math.cos(u), math.sin(u), math.cos(raan), math.sin(raan), math.cos(inc)
    return (co * cu - so * su * ci, so * cu + co * su * ci, su * math.sin(inc))


def _geometry_at(
    target: tuple[float, float, float],
    s: tuple[float, float, float],
    s_next: tuple[float, float, float],
) -> dict[str, Any]:
    a = R_KM + ALTITUDE_KM
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(s, target))))
    lam = math.acos(dot)
    off_nadir = math.degrees(math.atan2(R_KM * math.sin(lam), a - R_KM * math.cos(lam)))
    grazing = 90.0 - off_nadir - math.degrees(lam)
    v = tuple(n - c for n, c in zip(s_next, s))
    right = (v[1] * s[2] - v[2] * s[1], v[2] * s[0] - v[0] * s[2], v[0] * s[1] - v[1] * s[0])
    side = sum(x * y for x, y in zip(right, target))
    # Bearing from the target to the sub-satellite point, clockwise from north.
    t_lat, t_lon = math.asin(target[2]), math.atan2(target[1], target[0])
    s_lat, s_lon = math.asin(s[2]), math.atan2(s[1], s[0])
    d_lon = s_lon - t_lon
    az = (
        math.degrees(
            math.atan2(
                math.sin(d_lon) * math.cos(s_lat),
                math.cos(t_lat) * math.sin(s_lat)
                - math.sin(t_lat) * math.cos(s_lat) * math.cos(d_lon),
            )
        )
        % 360.0
    )
    return {
        "lam": math.degrees(lam),
        "offNadir": off_nadir,
        "grazing": grazing,
        "look": "right" if side > 0 else "left",
        "ascdsc": "ascending" if v[2] > 0 else "descending",
        "azimuth": az,
    }


def _azimuth_ok(az: float, lo: float, hi: float) -> bool:
    return lo <= az <= hi if lo <= hi else az >= lo or az <= hi  # min > max wraps north


def _local_seconds(t: float, lon: float) -> int:
    return int((t + lon / 15.0 * 3600.0) % 86400)


def _local_iso(t: float, lon: float) -> str:
    """The instant in the target's nominal time zone (longitude / 15° hours)."""
    tz = timezone(timedelta(hours=round(lon / 15.0)))
    return datetime.fromtimestamp(t, tz).isoformat(timespec="milliseconds")


def compute_accesses(seed: int, rec: dict[str, Any]) -> list[dict[str, Any]]:
    """Opportunities of an access request: runs of samples that meet every constraint."""
    props = rec["properties"]
    cons = props.get("accessConstraints") or {}
    ring = geometry_rings(rec["geometry"])[0]
    lon = sum(p[0] for p in ring) / len(ring)
    lat = sum(p[1] for p in ring) / len(ring)
    target = _unit(lon, lat)
    w_open = float(parse_instant(props["windowOpen"]))  # type: ignore[arg-type]
    w_close = float(parse_instant(props["windowClose"]))  # type: ignore[arg-type]
    on_lo = float(cons.get("offNadirMin", DEFAULT_OFF_NADIR[0]))
    on_hi = float(cons.get("offNadirMax", DEFAULT_OFF_NADIR[1]))
    gr_lo = float(cons.get("grazingAngleMin", 0.0))
    gr_hi = float(cons.get("grazingAngleMax", 90.0))
    planes = set(cons.get("orbitalPlanes") or PLANES)
    look = cons.get("lookDirection") or "either"
    ascdsc = cons.get("ascDsc") or "either"
    lt = cons.get("localTime") or "anytime"
    ranges = LOCAL_TIMES.get(lt, lt) if isinstance(lt, str) else lt
    az_lo, az_hi = cons.get("azimuthAngleMin"), cons.get("azimuthAngleMax")
    # Central angle at the largest off-nadir: a coarse sample nearer than this (+ margin for
    # the coarse step) is worth a fine look.
    a = R_KM + ALTITUDE_KM
    eta = math.radians(on_hi)
    lam_max = math.degrees(math.asin(min(1.0, a / R_KM * math.sin(eta))) - eta)
    near = lam_max + 4.5

    def ok(g: dict[str, Any]) -> bool:
        if not (on_lo <= g["offNadir"] <= on_hi and gr_lo <= g["grazing"] <= gr_hi):
            return False
        if look != "either" and g["look"] != look:
            return False
        if ascdsc != "either" and g["ascdsc"] != ascdsc:
            return False
        return az_lo is None or _azimuth_ok(g["azimuth"], float(az_lo), float(az_hi))

    out: list[dict[str, Any]] = []
    for sc, plane, raan0, u0 in _orbits(seed):
        if plane not in planes:
            continue
        t = w_open
        while t < w_close:
            s = _ecef(plane, raan0, u0, t)
            if (
                math.degrees(math.acos(max(-1.0, min(1.0, sum(x * y for x, y in zip(s, target))))))
                > near
            ):
                t += COARSE_STEP
                continue
            # Fine scan of this pass; then skip past it.
            run: list[tuple[float, dict[str, Any]]] = []
            f = max(w_open, t - COARSE_STEP)
            end = min(w_close, t + 2 * COARSE_STEP)
            while f <= end:
                g = _geometry_at(target, _ecef(plane, raan0, u0, f), _ecef(plane, raan0, u0, f + 1))
                if ok(g):
                    run.append((f, g))
                elif run:
                    break
                f += FINE_STEP
            if run:
                t_open, t_close = run[0][0], run[-1][0]
                local = _local_seconds(t_open, lon)
                if any(r0 <= local <= r1 for r0, r1 in ranges):
                    gs = [g for _, g in run]
                    out.append(
                        {
                            "windowOpen": iso(t_open),
                            "windowClose": iso(t_close),
                            "windowOpenLocal": _local_iso(t_open, lon),
                            "windowCloseLocal": _local_iso(t_close, lon),
                            "duration": round(t_close - t_open, 1),
                            "spacecraftId": sc,
                            "orbitalPlane": plane,
                            "accessProperties": {
                                "ascdsc": gs[0]["ascdsc"],
                                "lookDirection": gs[0]["look"],
                                "offNadirMin": round(min(g["offNadir"] for g in gs), 2),
                                "offNadirMax": round(max(g["offNadir"] for g in gs), 2),
                                "grazingAngleMin": round(min(g["grazing"] for g in gs), 2),
                                "grazingAngleMax": round(max(g["grazing"] for g in gs), 2),
                                "azimuthOpen": round(gs[0]["azimuth"], 2),
                                "azimuthClose": round(gs[-1]["azimuth"], 2),
                                "localTime": local,
                            },
                            "center": [round(lon, 6), round(lat, 6), 0.0],
                        }
                    )
            t = end + COARSE_STEP
    out.sort(key=lambda o: (o["windowOpen"], o["spacecraftId"]))
    rng = random.Random(f"{seed}-{props['accessrequestId']}")
    for o in out:
        o["accessId"] = rng_uuid(rng)
        o["accessrequestId"] = props["accessrequestId"]
    return out

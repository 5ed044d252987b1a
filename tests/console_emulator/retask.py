"""Retask: ``POST /task/{id}/retask`` and ``POST /collects/{collectId}/retask``.

Capella's support note on retasking: a new request copies the delivered collect's parameters
(geometry, mode, look direction, orbit direction and plane) with the look angle within ±5°.
The new request follows the normal flow (``received`` → cost review).
"""

from __future__ import annotations

from typing import Any

from tests.console_emulator import review, taskquery
from tests.console_emulator.records import status_entry, task_feature
from tests.console_emulator.tasking import _get, check_pre_approval_key, store_new
from tests.console_emulator.util import ApiError, detail, not_found, parse_instant, validation_error
from tests.console_emulator.world import World

LOOK_TOLERANCE = 5.0
OVERRIDES = (
    "taskingrequestName",
    "taskingrequestDescription",
    "windowOpen",
    "windowClose",
    "collectionTier",
    "preApproval",
    "pre_approval",
)


def _window(world: World, body: dict[str, Any]) -> tuple[float, float]:
    errs: list[dict[str, Any]] = []
    now = world.clock.time()
    w_open = parse_instant(body["windowOpen"]) if body.get("windowOpen") is not None else now
    if w_open is None:
        errs.append(detail("Invalid datetime", "windowOpen", "invalid_date"))
    w_close = (
        parse_instant(body["windowClose"])
        if body.get("windowClose") is not None
        else (w_open or now) + 7 * 86400
    )
    if w_close is None:
        errs.append(detail("Invalid datetime", "windowClose", "invalid_date"))
    if w_open is not None and w_close is not None and w_open >= w_close:
        errs.append(detail("windowOpen must be before windowClose", "windowOpen"))
    taskquery.check_not_past(world, w_open, "windowOpen", errs, starts=True)
    taskquery.check_not_past(world, w_close, "windowClose", errs, starts=False)
    if errs:
        raise validation_error(errs)
    return float(w_open), float(w_close)  # type: ignore[arg-type]


def _check_body(world: World, body: Any) -> dict[str, Any]:
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise validation_error([detail("Body must be a JSON object", "", "invalid_type")])
    errs = [
        detail(f"Field '{k}' cannot be set on a retask", k, "unrecognized_keys")
        for k in body
        if k not in OVERRIDES
    ]
    check_pre_approval_key(world, body, errs)
    if errs:
        # Paths without the "properties." prefix: the retask body is flat.
        raise validation_error([{**e, "path": e["path"].removeprefix("properties.")} for e in errs])
    return body


def _look_range(off_nadir: float) -> tuple[float, float]:
    return max(0.0, round(off_nadir - LOOK_TOLERANCE, 2)), min(
        90.0, round(off_nadir + LOOK_TOLERANCE, 2)
    )


def _new_task(
    world: World,
    user: dict[str, Any],
    body: dict[str, Any],
    geometry: dict[str, Any],
    base: dict[str, Any],
    source: dict[str, Any],
) -> dict[str, Any]:
    w_open, w_close = _window(world, body)
    props_in = dict(base)
    props_in.update({k: v for k, v in body.items() if k not in ("windowOpen", "windowClose")})
    tr_id = world.new_id()
    rec = task_feature(
        tr_id=tr_id,
        geometry=geometry,
        props_in=props_in,
        user=user,
        submission=world.clock.time(),
        window_open=w_open,
        window_close=w_close,
        history=[status_entry("received", world.clock.time())],
        contract_id=base.get("contractId"),
    )
    rec["properties"]["retaskedFrom"] = source
    store_new(world, rec)
    return review.decorate(world, rec)


def _delivered(col: dict[str, Any]) -> bool:
    hist = col.get("collectStatusHistory") or []
    return bool(hist) and hist[0]["code"] == "delivered"


def from_collect_record(
    world: World, user: dict[str, Any], tr: dict[str, Any], col: dict[str, Any], body: Any
) -> dict[str, Any]:
    body = _check_body(world, body)
    acc = col.get("accessProperties") or {}
    p = tr["properties"]
    off = [acc.get("offNadirMin"), acc.get("offNadirMax")]
    cons = dict(p.get("collectConstraints") or {})
    cons["lookDirection"] = acc.get("lookDirection") or cons.get("lookDirection", "either")
    cons["ascDsc"] = acc.get("ascdsc") or cons.get("ascDsc", "either")
    if all(isinstance(x, (int, float)) for x in off):
        cons["offNadirMin"], cons["offNadirMax"] = _look_range((off[0] + off[1]) / 2)
    name = p.get("taskingrequestName") or "request"
    base = {
        "taskingrequestName": f"Retask of {name}",
        "taskingrequestDescription": p.get("taskingrequestDescription") or "",
        "collectionTier": p.get("collectionTier"),
        "collectionType": p.get("collectionType"),
        "archiveHoldback": p.get("archiveHoldback"),
        "processingConfig": p.get("processingConfig"),
        "collectConstraints": cons,
        "contractId": p.get("contractId"),
    }
    source = {"taskingrequestId": p["taskingrequestId"], "collectId": col["collectId"]}
    return _new_task(world, user, body, tr["geometry"], base, source)


def retask_task(world: World, user: dict[str, Any], tr_id: str, body: Any) -> dict[str, Any]:
    with world.lock:
        tr = _get(world, user, tr_id)
        review.refresh(world, tr)
        delivered = [c for c in world.collects.get(tr_id, []) if _delivered(c)]
        if not delivered:
            status = tr["properties"]["statusHistory"][0]["code"]
            raise ApiError(
                400,
                f"Tasking request {tr_id} has no delivered collect to retask (status "
                f"'{status}'); retask a completed request",
                "UNABLE_TO_RETASK",
            )
        return from_collect_record(world, user, tr, delivered[-1], body)


def retask_collect(
    world: World, user: dict[str, Any], collect_id: str, body: Any
) -> dict[str, Any]:
    with world.lock:
        for tr_id, cols in world.collects.items():
            for col in cols:
                if col["collectId"] == collect_id:
                    tr = _get(world, user, tr_id)
                    if not _delivered(col):
                        raise ApiError(
                            400,
                            f"Collect {collect_id} is not delivered yet; only delivered "
                            "collects can be retasked",
                            "UNABLE_TO_RETASK",
                        )
                    return from_collect_record(world, user, tr, col, body)
        entries = world.by_collect.get(collect_id)
        if not entries or not world.accessible(entries[0]):
            raise not_found(f"Collect {collect_id}")
        return _from_catalog(world, user, collect_id, entries[0].item, body)


def _from_catalog(
    world: World, user: dict[str, Any], collect_id: str, item: dict[str, Any], body: Any
) -> dict[str, Any]:
    """A collect known from the archive only (any footprint): its STAC properties."""
    body = _check_body(world, body)
    props = item["properties"]
    bbox = item.get("bbox") or []
    if len(bbox) >= 4:
        lon, lat = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    else:
        lon, lat = item["geometry"]["coordinates"][0][0][:2]
    cons: dict[str, Any] = {
        "lookDirection": props.get("sar:observation_direction") or "either",
        "ascDsc": props.get("sat:orbit_state") or "either",
    }
    look = props.get("view:look_angle", props.get("view:incidence_angle"))
    if isinstance(look, (int, float)):
        cons["offNadirMin"], cons["offNadirMax"] = _look_range(float(look))
    plane = props.get("capella:orbital_plane")
    if plane in (45, 53, 97):
        cons["orbitalPlanes"] = [plane]
    base = {
        "taskingrequestName": f"Retask of {item['id']}",
        "collectionType": props.get("capella:collection_type") or "spotlight",
        "collectionTier": "standard",
        "collectConstraints": cons,
    }
    geometry = {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
    return _new_task(
        world, user, body, geometry, base, {"collectId": collect_id, "stacId": item["id"]}
    )

"""Cost review and approval, conflicting tasks and collect status history of tasking requests.

Capella's docs ("Cost Review and Approval", "Tasking Request Status"): a request goes
``received`` → (estimate prepared) → ``review`` with ``transactionStatus:
"pending-customer-approval"`` and an order summary, until the customer answers with
``PATCH /task/{id}/status`` ``{"status": "approved" | "rejected"}``; pre-approved requests skip
``review``. The move to ``review`` is lazy: it happens when a request is read after
``review_delay`` seconds (emulator clock), so tests control it with ``clock.advance``.
"""

from __future__ import annotations

import math
from typing import Any

from tests.console_emulator.records import TR_PRICE_BY_TIER, status_entry
from tests.console_emulator.util import ApiError, geometry_rings, iso, money, rng_uuid
from tests.console_emulator.world import World

PENDING_APPROVAL = "pending-customer-approval"
#: Accounting size (km²) of one scene of each collection type, the least a request costs.
SCENE_KM2 = {
    "spotlight": 25.0,
    "spotlight_ultra": 25.0,
    "spotlight_wide": 100.0,
    "stripmap_20": 100.0,
    "stripmap_50": 500.0,
    "stripmap_100": 1000.0,
    "parallel_stripmap_20": 100.0,
    "parallel_stripmap_50": 500.0,
    "parallel_stripmap_100": 1000.0,
}
RR_PRICE_PER_IMAGE = {"routine": 3000.0, "flexible": 1800.0, "insar": 2500.0}
EARTH_KM = 6371.0
_KM_PER_DEG = math.pi * EARTH_KM / 180.0


def polygon_km2(geometry: dict[str, Any]) -> float:
    """Area of a Polygon (local equirectangular projection: good to a few % at AOI sizes)."""
    if geometry.get("type") != "Polygon":
        return 0.0
    ring = geometry_rings(geometry)[0]
    lat0 = math.radians(sum(p[1] for p in ring) / len(ring))
    pts = [(x * _KM_PER_DEG * math.cos(lat0), y * _KM_PER_DEG) for x, y in ring]
    twice = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(pts, pts[1:]))
    return abs(twice) / 2.0


def accounting_km2(rec: dict[str, Any]) -> float:
    props = rec["properties"]
    scene = SCENE_KM2.get(props.get("collectionType") or "spotlight", 25.0)
    return round(max(scene, polygon_km2(rec["geometry"])), 2)


def order_summary(rec: dict[str, Any]) -> dict[str, Any]:
    """The ``order`` block of a request whose estimate is ready."""
    props = rec["properties"]
    tier = props.get("collectionTier") or "standard"
    km2 = accounting_km2(rec)
    # Priced per 25 km² scene-equivalent, by tier (the emulator's own price list).
    subtotal = TR_PRICE_BY_TIER.get(tier, 1500.0) * km2 / 25.0
    return {
        "summary": {"total": money(subtotal), "subtotal": money(subtotal)},
        "lineItems": [
            {
                "taskId": props["taskingrequestId"],
                "collectionTier": tier,
                "accountingSize": {"unit": "sqkm", "value": km2},
            }
        ],
        "archiveHoldback": props.get("archiveHoldback") or "none",
        "managedOrganizationIds": ["*"],
    }


def schedule(world: World, rec_id: str) -> None:
    """A new request: its estimate is ready ``review_delay`` seconds from now."""
    world.pending_review[rec_id] = world.clock.time() + float(world.config["review_delay"] or 0)


def refresh(world: World, rec: dict[str, Any]) -> None:
    """Apply a due cost estimate to ``rec`` (call under ``world.lock`` before answering)."""
    props = rec["properties"]
    rec_id = props.get("taskingrequestId") or props.get("repeatrequestId")
    due = world.pending_review.get(rec_id)
    if due is None or world.clock.time() < due:
        return
    del world.pending_review[rec_id]
    hist = props["statusHistory"]
    if hist[0]["code"] != "received":
        return
    is_tr = "taskingrequestId" in props
    if is_tr:
        props["order"] = order_summary(rec)
    else:
        tier = props.get("collectionTier") or "routine"
        props["costPerImageEstimate"] = money(RR_PRICE_PER_IMAGE.get(tier, 3000.0))
    if is_tr and props.get("preApproval"):
        hist.insert(0, status_entry("submitted", due))
        props["transactionStatus"] = "in-progress"
        add_predicted_collect(world, rec)
        return
    entry = status_entry("review", due)
    entry["message"] = "Cost estimate ready; waiting for customer approval."
    hist.insert(0, entry)
    props["transactionStatus"] = PENDING_APPROVAL
    if is_tr:
        add_predicted_collect(world, rec)


def refresh_all(world: World) -> None:
    for rec_id in list(world.pending_review):
        rec = world.tasks.get(rec_id) or world.repeats.get(rec_id)
        if rec is None:
            world.pending_review.pop(rec_id, None)
        else:
            refresh(world, rec)


def answer(world: World, rec: dict[str, Any], decision: str) -> dict[str, Any]:
    """``approved`` → ``submitted``; ``rejected`` → ``rejected``: only from ``review``."""
    props = rec["properties"]
    current = props["statusHistory"][0]["code"]
    if current != "review" or props.get("transactionStatus") != PENDING_APPROVAL:
        kind = "tasking" if "taskingrequestId" in props else "repeat"
        code = "UNABLE_TO_UPDATE_TASKING_REQUEST"
        if kind == "repeat":
            code = "UNABLE_TO_UPDATE_REPEAT_REQUEST"
        raise ApiError(
            400,
            f"Only a {kind} request awaiting cost approval (status 'review') can be "
            f"{decision}; this one is '{current}'",
            code,
        )
    now = world.clock.time()
    if decision == "approved":
        entry = status_entry("submitted", now)
        entry["message"] = "Request submitted after customer approval"
        props["transactionStatus"] = "in-progress"
    else:
        entry = status_entry("rejected", now)
        entry["message"] = "Cost estimate rejected by customer"
        props["transactionStatus"] = "customer-rejected"
        drop_undelivered(world, props.get("taskingrequestId") or "")
    props["statusHistory"].insert(0, entry)
    return {"status": decision}


# --------------------------------------------------------------------------- collects


def _collect_time(world: World, rec: dict[str, Any]) -> float:
    from tests.console_emulator.util import parse_instant

    props = rec["properties"]
    w_open = parse_instant(props["windowOpen"]) or world.clock.time()
    w_close = parse_instant(props["windowClose"]) or w_open + 7 * 86400
    start = max(w_open, world.clock.time())
    # A day and a half after the window opens (or now), inside the window: before 72 h, so
    # the cancellation-fee schedule has something to show.
    return min(start + 36 * 3600, (start + w_close) / 2) if w_close > start else start


def add_predicted_collect(world: World, rec: dict[str, Any]) -> dict[str, Any]:
    props = rec["properties"]
    tr_id = props["taskingrequestId"]
    epoch = _collect_time(world, rec)
    ring = geometry_rings(rec["geometry"])[0]
    lon = sum(p[0] for p in ring) / len(ring)
    lat = sum(p[1] for p in ring) / len(ring)
    col = {
        "collectId": rng_uuid(world.rng),
        "taskingrequestId": tr_id,
        "repeatrequestId": props.get("repeatrequestId"),
        "spacecraftId": world.rng.randint(100, 116),
        "center": [round(lon, 5), round(lat, 5), 0.0],
        "windowOpen": iso(epoch),
        "windowClose": iso(epoch + 20),
        "windowDuration": 20.0,
        "accessProperties": {
            "ascdsc": world.rng.choice(("ascending", "descending")),
            "lookDirection": world.rng.choice(("left", "right")),
        },
        "collectProperties": {"imageLength": 5000, "imageWidth": 5000},
        "collectStatusHistory": [
            {"time": iso(world.clock.time()), "code": "predicted", "message": "Collect created"}
        ],
    }
    world.collects.setdefault(tr_id, []).append(col)
    return col


COLLECT_CHAIN = ("predicted", "tasked", "collected", "processing", "qa", "delivered")
COLLECT_MESSAGES = {
    "predicted": "Collect created",
    "tasked": "Collection of image has been incorporated into a schedule and uplinked to "
    "spacecraft.",
    "collected": "Known to have been collected on the spacecraft",
    "processing": "Processing data from raw to higher level products",
    "qa": "Products awaiting QA before delivery",
    "delivered": "The products have been processed and delivered",
}


def advance_collect(world: World, col: dict[str, Any], code: str) -> None:
    """Move a collect along ``COLLECT_CHAIN`` up to ``code``, filling skipped steps."""
    if code not in COLLECT_CHAIN:
        raise ApiError(400, f"Unknown collect status '{code}'", "VALIDATION_ERROR")
    hist = col["collectStatusHistory"]
    current = hist[0]["code"] if hist else None
    start = COLLECT_CHAIN.index(current) + 1 if current in COLLECT_CHAIN else 0
    stop = COLLECT_CHAIN.index(code)
    now = world.clock.time()
    for i, step in enumerate(COLLECT_CHAIN[start : stop + 1]):
        hist.insert(
            0, {"time": iso(now + i * 0.001), "code": step, "message": COLLECT_MESSAGES[step]}
        )


def on_status(world: World, rec_id: str, code: str) -> None:
    """Keep the collects in step with the request's status (the emulator's state-machine hook)."""
    world.pending_review.pop(rec_id, None)  # a status set by hand overrides the estimate
    rec = world.tasks.get(rec_id)
    if rec is None:
        return
    cols = world.collects.setdefault(rec_id, [])
    pending = [
        c
        for c in cols
        if c["collectStatusHistory"][:1]
        and c["collectStatusHistory"][0]["code"] in ("predicted", "tasked")
    ]
    if code in ("review", "submitted") and not cols:
        add_predicted_collect(world, rec)
    elif code in ("accepted", "active"):
        if not pending and not cols:
            pending = [add_predicted_collect(world, rec)]
        for col in pending:
            advance_collect(world, col, "tasked")
    elif code in ("completed", "canceled", "rejected", "expired", "failed", "error", "anomaly"):
        # Collects not delivered will not happen; on completion world.complete_task attaches
        # the real one.
        drop_undelivered(world, rec_id)


def drop_undelivered(world: World, tr_id: str) -> None:
    cols = world.collects.get(tr_id)
    if cols:
        world.collects[tr_id] = [
            c
            for c in cols
            if c["collectStatusHistory"][:1] and c["collectStatusHistory"][0]["code"] == "delivered"
        ]


def find_collect(world: World, collect_id: str) -> dict[str, Any] | None:
    for cols in world.collects.values():
        for col in cols:
            if col["collectId"] == collect_id:
                return col
    return None


# --------------------------------------------------------------------------- conflicts


def _centre(rec: dict[str, Any]) -> tuple[float, float]:
    ring = geometry_rings(rec["geometry"])[0]
    return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


LIVE = ("received", "review", "submitted", "accepted", "active")


def conflicting_tasks(world: World, rec: dict[str, Any]) -> list[dict[str, Any]]:
    """Other live requests of the org near ``rec`` whose windows overlap it (active only)."""
    from tests.console_emulator.util import parse_instant

    props = rec["properties"]
    if props["statusHistory"][0]["code"] != "active":
        return []
    here = _centre(rec)
    radius = float(world.config["conflict_radius_km"])
    w_open, w_close = parse_instant(props["windowOpen"]), parse_instant(props["windowClose"])
    out = []
    for other in world.tasks.values():
        op = other["properties"]
        if op["taskingrequestId"] == props["taskingrequestId"] or op["orgId"] != props["orgId"]:
            continue
        if op["statusHistory"][0]["code"] not in LIVE:
            continue
        o_open, o_close = parse_instant(op["windowOpen"]), parse_instant(op["windowClose"])
        if None in (w_open, w_close, o_open, o_close) or o_open >= w_close or w_open >= o_close:  # type: ignore[operator]
            continue
        km = distance_km(here, _centre(other))
        if km > radius:
            continue
        out.append(
            {
                "taskingrequestId": op["taskingrequestId"],
                "taskingrequestName": op.get("taskingrequestName"),
                "collectionTier": op.get("collectionTier"),
                "status": op["statusHistory"][0]["code"],
                "windowOpen": op["windowOpen"],
                "windowClose": op["windowClose"],
                "distanceKm": round(km, 1),
            }
        )
    return sorted(out, key=lambda c: (c["distanceKm"], c["taskingrequestId"]))


def decorate(world: World, rec: dict[str, Any]) -> dict[str, Any]:
    """A copy of a TR as answered: with ``conflictingTasks`` computed now (active only)."""
    import copy

    out = copy.deepcopy(rec)
    if "taskingrequestId" in rec["properties"]:
        out["properties"]["conflictingTasks"] = conflicting_tasks(world, rec)
    return out

"""Builders of tasking-request, repeat-request, collect and order records."""

from __future__ import annotations

import random
from typing import Any

from tests.console_emulator.enums import (
    INSAR_INTERVAL_DAYS,
    LOCAL_TIME_OPTIONS,
    MAIN_CHAIN,
    STATUS_MESSAGES,
)
from tests.console_emulator.util import iso, parse_instant, rng_uuid

TR_PRICE_BY_TIER = {"urgent": 5000.0, "priority": 3000.0, "standard": 1500.0, "flexible": 900.0}


def instrument_mode(collection_type: str | None) -> str:
    ctype = collection_type or "spotlight"
    if ctype == "spotlight_wide":
        return "sliding_spotlight"
    return "stripmap" if "stripmap" in ctype else "spotlight"


# Constraints the Console expands on its own (grr*/azr* ground-range/azimuth resolution in m,
# neszMax in dB, numLooks): spotlight as in the SDK's fixture (test_data.py TASK_1), the others
# the emulator's guesses of the same kind (docs/emulator.md, item 12).
EXPANDED_CONSTRAINTS: dict[str, dict[str, float]] = {
    "spotlight": {"grrMin": 0.5, "grrMax": 0.7, "azrMin": 0.5, "azrMax": 0.5},
    "spotlight_ultra": {"grrMin": 0.3, "grrMax": 0.5, "azrMin": 0.25, "azrMax": 0.25},
    "spotlight_wide": {"grrMin": 0.8, "grrMax": 1.2, "azrMin": 0.8, "azrMax": 0.8},
    "stripmap": {"grrMin": 1.2, "grrMax": 2.0, "azrMin": 1.2, "azrMax": 1.2},
}
NOISE_AND_LOOKS = {"neszMax": -10, "numLooks": 9}


def expand_constraints(constraints: dict[str, Any], collection_type: str) -> None:
    """Add the fields the Console fills in itself (kept when the request gave them)."""
    kind = collection_type if collection_type in EXPANDED_CONSTRAINTS else "stripmap"
    for key, value in {**EXPANDED_CONSTRAINTS[kind], **NOISE_AND_LOOKS}.items():
        constraints.setdefault(key, value)


def status_entry(code: str, epoch: float) -> dict[str, Any]:
    return {"time": iso(epoch), "code": code, "message": STATUS_MESSAGES.get(code, code)}


def history_to(target: str, start: float, step: float = 3600.0) -> list[dict[str, Any]]:
    """Newest-first status history from ``received`` up to ``target``."""
    if target in MAIN_CHAIN:
        chain = list(MAIN_CHAIN[: MAIN_CHAIN.index(target) + 1])
    elif target == "canceled":
        chain = ["received", "review", "canceled"]
    else:
        chain = ["received", "review", "submitted", target]
    return [status_entry(code, start + i * step) for i, code in enumerate(chain)][::-1]


def default_interval(props: dict[str, Any]) -> int:
    """Days between derived requests when ``repetitionInterval`` is not sent: the SDK's 7, or
    an InSAR orbit's revisit in whole days (3 for MIO_53_2P95, the pairing Capella documents;
    docs/emulator.md, item 12)."""
    insar = props.get("insar")
    orbit = insar.get("orbit") if isinstance(insar, dict) else None
    return INSAR_INTERVAL_DAYS.get(orbit, 7)


def expanded_local_time(value: Any) -> Any:
    if isinstance(value, str):
        return LOCAL_TIME_OPTIONS.get(value, value)
    return value


def task_feature(
    *,
    tr_id: str,
    geometry: dict[str, Any],
    props_in: dict[str, Any],
    user: dict[str, Any],
    submission: float,
    window_open: float,
    window_close: float,
    history: list[dict[str, Any]],
    contract_id: str | None,
    repeat_id: str | None = None,
) -> dict[str, Any]:
    ctype = props_in.get("collectionType") or "spotlight"
    tier = props_in.get("collectionTier") or "standard"
    constraints = dict(props_in.get("collectConstraints") or {})
    constraints.setdefault("lookDirection", "either")
    constraints.setdefault("ascDsc", "either")
    constraints.setdefault("orbitalPlanes", [])
    constraints.setdefault("localTime", [[0, 86400]])
    constraints.setdefault("offNadirMin", 25)
    constraints.setdefault("offNadirMax", 40)
    constraints.setdefault("collectMode", instrument_mode(ctype))
    constraints.setdefault("imageLength", 5000)
    expand_constraints(constraints, ctype)
    pre = props_in.get("preApproval", props_in.get("pre_approval", False))
    price = TR_PRICE_BY_TIER.get(tier, 1500.0)
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "taskingrequestId": tr_id,
            "taskingrequestName": props_in.get("taskingrequestName", ""),
            "taskingrequestDescription": props_in.get("taskingrequestDescription", ""),
            "submissionTime": iso(submission),
            "userId": user["id"],
            "userName": user["email"],
            "orgId": user["organizationId"],
            "organizationName": "Emulated Org",
            "repeatrequestId": repeat_id,
            "windowOpen": iso(window_open),
            "windowClose": iso(window_close),
            "windowDuration": round(window_close - window_open),
            "collectionTier": tier,
            "collectionType": ctype,
            "archiveHoldback": props_in.get("archiveHoldback") or "none",
            "customAttribute1": props_in.get("customAttribute1"),
            "customAttribute2": props_in.get("customAttribute2"),
            "processingConfig": props_in.get("processingConfig"),
            "statusHistory": history,
            "collectConstraints": constraints,
            "type": instrument_mode(ctype),
            "taskingrequestType": "repeat" if repeat_id else "standard",
            "preApproval": bool(pre),
            "transactionStatus": "in-progress",
            "sandbox": False,
            "billingEnvironment": "default",
            "contractId": contract_id,
            "order": {
                "summary": {"total": f"${price:,.2f}", "subtotal": f"${price:,.2f}"},
                "lineItems": [{"taskId": tr_id, "accountingSize": {"unit": "sqkm", "value": 25}}],
                "archiveHoldback": props_in.get("archiveHoldback") or "none",
                "managedOrganizationIds": ["*"],
            },
        },
    }


def rr_feature(
    *,
    rr_id: str,
    geometry: dict[str, Any],
    props_in: dict[str, Any],
    user: dict[str, Any],
    submission: float,
    history: list[dict[str, Any]],
    contract_id: str | None,
) -> dict[str, Any]:
    rep_in = props_in.get("repetitionProperties") or {}
    start = parse_instant(rep_in.get("repeatStart")) or submission
    end = parse_instant(rep_in.get("repeatEnd")) if rep_in.get("repeatEnd") else None
    constraints = dict(props_in.get("collectConstraints") or {})
    constraints.setdefault("lookDirection", "either")
    constraints.setdefault("ascDsc", "either")
    constraints.setdefault("orbitalPlanes", [])
    constraints.setdefault("localTime", [[0, 86400]])
    ctype = props_in.get("collectionType") or "spotlight"
    constraints.setdefault("collectMode", instrument_mode(ctype))
    expand_constraints(constraints, ctype)
    props: dict[str, Any] = {
        "repeatrequestId": rr_id,
        "repeatrequestName": props_in.get("repeatrequestName", ""),
        "repeatrequestDescription": props_in.get("repeatrequestDescription", ""),
        "submissionTime": iso(submission),
        "orgId": user["organizationId"],
        "userId": user["id"],
        "userName": user["email"],
        "organizationName": "Emulated Org",
        "windowDuration": int(props_in.get("windowDuration") or 604800),
        "repetitionProperties": {
            "repeatStart": iso(start),
            "repeatEnd": iso(end) if end is not None else None,
            "repetitionInterval": rep_in.get("repetitionInterval", default_interval(props_in)),
            "repetitionCount": rep_in.get("repetitionCount"),
            "maintainSceneFraming": rep_in.get("maintainSceneFraming", False),
            "lookAngleTolerance": rep_in.get("lookAngleTolerance"),
            "azimuthAngleTolerance": rep_in.get("azimuthAngleTolerance"),
        },
        "collectionTier": props_in.get("collectionTier") or "routine",
        "collectionType": ctype,
        "type": instrument_mode(ctype),
        "repeatrequestType": "insar" if props_in.get("insar") else "standard",
        "archiveHoldback": props_in.get("archiveHoldback") or "none",
        "statusHistory": history,
        "collectConstraints": constraints,
        "billingEnvironment": "default",
        "parentRepeatrequest": None,
        "sandbox": False,
        "costPerImageEstimate": "$3,000.00",
        "processingConfig": props_in.get("processingConfig"),
        "customAttribute1": props_in.get("customAttribute1"),
        "customAttribute2": props_in.get("customAttribute2"),
        "contractId": contract_id,
        "transactionStatus": "in-progress",
    }
    if props_in.get("insar") is not None:
        props["insar"] = props_in["insar"]
    return {"type": "Feature", "geometry": geometry, "properties": props}


def collect_record(
    rng: random.Random,
    *,
    collect_id: str,
    tr_id: str,
    repeat_id: str | None,
    lon: float,
    lat: float,
    epoch: float,
    polarization: str,
    orbit_state: str,
    look_direction: str,
) -> dict[str, Any]:
    dur = round(rng.uniform(5, 30), 6)
    codes = ["predicted", "tasked", "collected", "processing", "qa", "delivered"]
    times = [epoch - 30000, epoch - 20000, epoch, epoch + 3000, epoch + 6000, epoch + 9000]
    return {
        "collectId": collect_id,
        "taskingrequestId": tr_id,
        "repeatrequestId": repeat_id,
        "tileId": f"t{rng.randint(1, 999)}",
        "tileGroupId": f"tg{rng.randint(1, 99)}",
        "spacecraftId": rng.randint(100, 116),
        "center": [lon, lat, 0.0],
        "windowOpen": iso(epoch - dur / 2),
        "windowClose": iso(epoch + dur / 2),
        "windowDuration": dur,
        "accessProperties": {
            "ascdsc": orbit_state,
            "lookDirection": look_direction,
            "offNadirMin": round(rng.uniform(20, 30), 2),
            "offNadirMax": round(rng.uniform(30, 40), 2),
        },
        "collectProperties": {
            "collectDuration": dur,
            "imageLength": 5000,
            "imageWidth": 5000,
            "polarization": polarization,
        },
        "collectStatusHistory": [
            {"time": iso(t), "code": c, "message": c} for t, c in zip(times, codes)
        ][::-1],
    }


def order_record(
    rng: random.Random,
    *,
    user: dict[str, Any],
    entries: list[Any],
    order_date: float,
    ttl: float,
    previously: set[str],
    status: str = "completed",
    order_id: str | None = None,
) -> dict[str, Any]:
    return {
        "orderId": order_id or rng_uuid(rng),
        "userId": user["id"],
        "organizationId": user["organizationId"],
        "orderDate": iso(order_date),
        "expirationDate": iso(order_date + ttl),
        "orderStatus": status,
        "items": [
            {
                "granuleId": e.id,
                "collectionId": e.collection,
                "type": e.item["properties"]["sar:instrument_mode"],
                "size": e.size,
                "previouslyOrdered": e.id in previously,
                "collectionDate": e.item["properties"]["datetime"],
            }
            for e in entries
        ],
    }

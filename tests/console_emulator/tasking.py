"""Tasking-request endpoints (§8, §15.20–24) and the status state machine."""

from __future__ import annotations

import copy
from typing import Any

from tests.console_emulator import taskquery
from tests.console_emulator.enums import CANCELABLE, COLLECTION_TIERS, MAIN_CHAIN, STATUSES
from tests.console_emulator.records import status_entry, task_feature
from tests.console_emulator.util import (
    ApiError,
    detail,
    is_uuid,
    not_authorized,
    not_found,
    parse_instant,
    validation_error,
)
from tests.console_emulator.world import World

UPDATABLE = (
    "taskingrequestName",
    "taskingrequestDescription",
    "customAttribute1",
    "customAttribute2",
    "processingConfig",
)
FINAL = ("completed", "canceled", "rejected", "expired", "failed", "error", "anomaly")
ELEVATED = {"organization-manager", "admin"}


def _visible(user: dict[str, Any], rec: dict[str, Any]) -> bool:
    props = rec["properties"]
    if props["userId"] == user["id"]:
        return True
    roles = set(user.get("roles", []))
    return "admin" in roles or (bool(roles & ELEVATED) and props["orgId"] == user["organizationId"])


def _get(world: World, user: dict[str, Any], tr_id: str) -> dict[str, Any]:
    rec = world.tasks.get(tr_id)
    if rec is None:
        raise not_found(f"Tasking request {tr_id}")
    if not _visible(user, rec):
        raise not_authorized()
    return rec


def create(world: World, user: dict[str, Any], body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise validation_error([detail("Body must be a GeoJSON Feature", "", "invalid_type")])
    errs: list[dict[str, Any]] = []
    taskquery.check_geometry(body.get("geometry"), errs)
    props = body.get("properties")
    if not isinstance(props, dict):
        raise validation_error([*errs, detail("properties is required", "properties", "required")])
    name = props.get("taskingrequestName")
    if not isinstance(name, str) or not name.strip():
        errs.append(
            detail("taskingrequestName is required", "properties.taskingrequestName", "required")
        )
    taskquery.check_enum(
        props.get("collectionTier"), COLLECTION_TIERS, "properties.collectionTier", errs
    )
    taskquery.check_common(props, errs)
    now = world.clock.time()
    w_open = parse_instant(props["windowOpen"]) if props.get("windowOpen") is not None else now
    if w_open is None:
        errs.append(detail("Invalid datetime", "properties.windowOpen", "invalid_date"))
    w_close = (
        parse_instant(props["windowClose"])
        if props.get("windowClose") is not None
        else (w_open or now) + 7 * 86400
    )
    if w_close is None:
        errs.append(detail("Invalid datetime", "properties.windowClose", "invalid_date"))
    if w_open is not None and w_close is not None and w_open >= w_close:
        errs.append(detail("windowOpen must be before windowClose", "properties.windowOpen"))
    for key in ("pre_approval", "preApproval"):
        if key in props and not isinstance(props[key], bool):
            errs.append(detail(f"{key} must be a boolean", f"properties.{key}", "invalid_type"))
    taskquery.raise_if(errs)
    contract = taskquery.check_contract(world, body)
    with world.lock:
        tr_id = world.new_id()
        rec = task_feature(
            tr_id=tr_id,
            geometry=body["geometry"],
            props_in=props,
            user=user,
            submission=now,
            window_open=float(w_open),  # type: ignore[arg-type]
            window_close=float(w_close),  # type: ignore[arg-type]
            history=[status_entry("received", now)],
            contract_id=contract,
        )
        world.tasks[tr_id] = rec
        world.collects[tr_id] = []
        return copy.deepcopy(rec)


def get(world: World, user: dict[str, Any], tr_id: str) -> dict[str, Any]:
    with world.lock:
        return copy.deepcopy(_get(world, user, tr_id))


def update(world: World, user: dict[str, Any], tr_id: str, body: Any) -> dict[str, Any]:
    with world.lock:
        rec = _get(world, user, tr_id)
        if not isinstance(body, dict) or not isinstance(body.get("properties", {}), dict):
            raise validation_error([detail("Body must be {'properties': {...}}", "properties")])
        changes = body.get("properties") or {}
        bad = [k for k in changes if k not in UPDATABLE]
        extra = [k for k in body if k != "properties"]
        if bad or extra:
            raise validation_error(
                [
                    detail(f"Field '{k}' cannot be updated", f"properties.{k}", "unrecognized_keys")
                    for k in bad
                ]
                + [detail(f"Field '{k}' cannot be updated", k, "unrecognized_keys") for k in extra]
            )
        errs: list[dict[str, Any]] = []
        if "processingConfig" in changes and changes["processingConfig"] is not None:
            taskquery.check_common({"processingConfig": changes["processingConfig"]}, errs)
        taskquery.raise_if(errs)
        props = rec["properties"]
        if props["statusHistory"][0]["code"] in FINAL:
            raise ApiError(
                400,
                "Cannot update tasking request in current state",
                "UNABLE_TO_UPDATE_TASKING_REQUEST",
            )
        props.update(changes)
        return copy.deepcopy(rec)


def cancel(world: World, user: dict[str, Any], tr_id: str, body: Any) -> dict[str, Any]:
    with world.lock:
        rec = _get(world, user, tr_id)
        check_cancel_body(body)
        return cancel_record(world, rec)


def check_cancel_body(body: Any) -> None:
    """The TR and RR cancel bodies must be ``{"status": "canceled"}``."""
    status = body.get("status") if isinstance(body, dict) else None
    if status != "canceled":
        raise validation_error(
            [detail("status must be 'canceled'", "status", "invalid_enum_value")]
        )


def cancel_record(world: World, rec: dict[str, Any]) -> dict[str, Any]:
    props = rec["properties"]
    current = props["statusHistory"][0]["code"]
    if current not in CANCELABLE:
        final = "customer-cancelled" if current == "canceled" else current
        raise ApiError(
            400,
            f"This transaction has been finalized with a status of '{final}'. "
            "It cannot be further modified.",
            "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION",
        )
    props["statusHistory"].insert(0, status_entry("canceled", world.clock.time()))
    props["transactionStatus"] = "customer-cancelled"
    return {"status": "canceled"}


def search(
    world: World, user: dict[str, Any], body: Any, query_params: dict[str, str]
) -> dict[str, Any]:
    filters = body.get("query") if isinstance(body, dict) else None
    with world.lock:
        records = list(world.tasks.values())
        return copy.deepcopy(taskquery.search(world, user, records, filters, query_params, True))


def collects(world: World, user: dict[str, Any], tr_id: str) -> list[dict[str, Any]]:
    with world.lock:
        _get(world, user, tr_id)
        return copy.deepcopy(world.collects.get(tr_id, []))


def set_status(world: World, rec_id: str, code: str, message: str | None = None) -> dict[str, Any]:
    """Test hook: advance a TR (or RR) along the state machine, filling intermediate steps."""
    if code not in STATUSES:
        raise validation_error([detail(f"Unknown status '{code}'", "code", "invalid_enum_value")])
    if not is_uuid(rec_id):
        raise not_found(f"Tasking request {rec_id}")
    with world.lock:
        rec = world.tasks.get(rec_id) or world.repeats.get(rec_id)
        if rec is None:
            raise not_found(f"Tasking request {rec_id}")
        hist = rec["properties"]["statusHistory"]
        current = hist[0]["code"]
        if current in FINAL and code != current:
            raise ApiError(
                409, f"Cannot move from final status '{current}' to '{code}'", "INVALID_TRANSITION"
            )
        now = world.clock.time()
        steps = [code]
        if code in MAIN_CHAIN and current in MAIN_CHAIN:
            ci, ti = MAIN_CHAIN.index(current), MAIN_CHAIN.index(code)
            if ti > ci:
                steps = list(MAIN_CHAIN[ci + 1 : ti + 1])
        for i, step in enumerate(steps):
            entry = status_entry(step, now - (len(steps) - 1 - i) * 0.001)
            if message and step == code:
                entry["message"] = message
            hist.insert(0, entry)
        if code == "canceled":
            rec["properties"]["transactionStatus"] = "customer-cancelled"
        elif code in FINAL:
            rec["properties"]["transactionStatus"] = "completed" if code == "completed" else code
        if code == "completed" and rec_id in world.tasks:
            world.complete_task(rec_id)
        return copy.deepcopy(rec)

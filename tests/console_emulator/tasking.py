"""Tasking-request endpoints (§8, §15.20–24) and the status state machine."""

from __future__ import annotations

import copy
from typing import Any

from tests.console_emulator import review, taskquery, tasksearch
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
    taskquery.check_not_past(world, w_open, "properties.windowOpen", errs, starts=True)
    taskquery.check_not_past(world, w_close, "properties.windowClose", errs, starts=False)
    taskquery.check_request_keys(body, taskquery.TR_PROPERTIES, errs)
    check_pre_approval_key(world, props, errs)
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
        store_new(world, rec)
        return review.decorate(world, rec)


def store_new(world: World, rec: dict[str, Any]) -> None:
    """Keep a just-created TR: no estimate yet (``order`` null) until its review is due."""
    tr_id = rec["properties"]["taskingrequestId"]
    rec["properties"]["order"] = None
    world.tasks[tr_id] = rec
    world.collects[tr_id] = []
    review.schedule(world, tr_id)


def check_pre_approval_key(world: World, props: dict[str, Any], errs: list[dict[str, Any]]) -> None:
    """Strict on the disputed key (docs/tasking.md): only the configured spelling passes."""
    accepted = world.config["pre_approval_key"]
    for key, other in (("pre_approval", "preApproval"), ("preApproval", "pre_approval")):
        if key in props and accepted not in (key, "either"):
            errs.append(
                detail(
                    f"Unrecognized key '{key}' in properties: the pre-approval flag is '{other}'",
                    f"properties.{key}",
                    "unrecognized_keys",
                )
            )


def get(world: World, user: dict[str, Any], tr_id: str) -> dict[str, Any]:
    with world.lock:
        rec = _get(world, user, tr_id)
        review.refresh(world, rec)
        return review.decorate(world, rec)


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
        review.refresh(world, rec)
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
        return review.decorate(world, rec)


STATUS_ANSWERS = ("canceled", "approved", "rejected")


def set_request_status(world: World, user: dict[str, Any], tr_id: str, body: Any) -> dict[str, Any]:
    """``PATCH /task/{id}/status``: cancel, or answer the cost review (approve / reject)."""
    with world.lock:
        rec = _get(world, user, tr_id)
        review.refresh(world, rec)
        status = status_body(body, "status")
        if status == "canceled":
            return cancel_record(world, rec)
        return review.answer(world, rec, status)


def status_body(body: Any, key: str) -> str:
    """The status of a ``.../status`` body keyed ``key`` (strict: the other key is refused)."""
    if not isinstance(body, dict):
        raise validation_error([detail("Body must be a JSON object", "", "invalid_type")])
    other = "code" if key == "status" else "status"
    if key not in body and other in body:
        raise validation_error(
            [
                detail(
                    f"Unrecognized key '{other}': the new status goes in '{key}', "
                    f'e.g. {{"{key}": "canceled"}}',
                    other,
                    "unrecognized_keys",
                )
            ]
        )
    status = body.get(key)
    if status not in STATUS_ANSWERS:
        raise validation_error(
            [
                detail(
                    f"{key} must be one of {', '.join(map(repr, STATUS_ANSWERS))}",
                    key,
                    "invalid_enum_value",
                )
            ]
        )
    return str(status)


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
    if "taskingrequestId" in props:
        review.drop_undelivered(world, props["taskingrequestId"])
    return {"status": "canceled"}


def search(
    world: World, user: dict[str, Any], body: Any, query_params: dict[str, str]
) -> dict[str, Any]:
    with world.lock:
        review.refresh_all(world)
        records = list(world.tasks.values())
        found = tasksearch.search(
            world, user, records, body, query_params, filter_key="query", repeating_flag=True
        )
        page = copy.deepcopy(found)
        for rec in page.get("results", []):
            rec["properties"]["conflictingTasks"] = review.conflicting_tasks(world, rec)
        return page


def collects(world: World, user: dict[str, Any], tr_id: str) -> list[dict[str, Any]]:
    with world.lock:
        review.refresh(world, _get(world, user, tr_id))
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
            review.on_status(world, rec_id, step)
        if code == "review":
            rec["properties"]["transactionStatus"] = review.PENDING_APPROVAL
            if rec_id in world.tasks and not rec["properties"].get("order"):
                rec["properties"]["order"] = review.order_summary(rec)
        elif code in ("submitted", "accepted", "active"):
            rec["properties"]["transactionStatus"] = "in-progress"
        if code == "canceled":
            rec["properties"]["transactionStatus"] = "customer-cancelled"
        elif code in FINAL:
            rec["properties"]["transactionStatus"] = "completed" if code == "completed" else code
        if code == "completed" and rec_id in world.tasks:
            world.complete_task(rec_id)
        return review.decorate(world, rec)

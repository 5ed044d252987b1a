"""Repeat-request endpoints (§9, §15.25–26) incl. InSAR rules and derived tasking requests."""

from __future__ import annotations

import copy
from typing import Any

from tests.console_emulator import review, taskquery, tasksearch
from tests.console_emulator.enums import CANCELABLE, INSAR_ORBITS, REPEAT_TIERS
from tests.console_emulator.records import default_interval, status_entry, task_feature
from tests.console_emulator.tasking import FINAL, cancel_record, status_body
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
    "repeatrequestName",
    "repeatrequestDescription",
    "customAttribute1",
    "customAttribute2",
    "processingConfig",
)
INSAR_TIERS = ("insar", "insar-internal")


def _get(world: World, user: dict[str, Any], rr_id: str) -> dict[str, Any]:
    rec = world.repeats.get(rr_id)
    if rec is None:
        raise not_found(f"Repeat request {rr_id}")
    if rec["properties"]["userId"] != user["id"]:
        roles = set(user.get("roles", []))
        same_org = rec["properties"]["orgId"] == user["organizationId"]
        if not ("admin" in roles or (same_org and "organization-manager" in roles)):
            raise not_authorized()
    return rec


def _check_repetition(
    world: World, props: dict[str, Any], errs: list[dict[str, Any]], now: float
) -> None:
    rep = props.get("repetitionProperties")
    base = "properties.repetitionProperties."
    if rep is None:
        rep = {}
    if not isinstance(rep, dict):
        errs.append(detail("repetitionProperties must be an object", base[:-1], "invalid_type"))
        return
    if rep.get("repeatEnd") is not None and rep.get("repetitionCount") is not None:
        errs.append(
            detail("repeatEnd and repetitionCount are mutually exclusive", base + "repeatEnd")
        )
    start = parse_instant(rep["repeatStart"]) if rep.get("repeatStart") is not None else now
    if start is None:
        errs.append(detail("Invalid datetime", base + "repeatStart", "invalid_date"))
    taskquery.check_not_past(world, start, base + "repeatStart", errs, starts=True)
    if rep.get("repeatEnd") is not None:
        end = parse_instant(rep["repeatEnd"])
        if end is None:
            errs.append(detail("Invalid datetime", base + "repeatEnd", "invalid_date"))
        elif start is not None and end <= start:
            errs.append(detail("repeatEnd must be after repeatStart", base + "repeatEnd"))
        taskquery.check_not_past(world, end, base + "repeatEnd", errs, starts=False)
    interval = rep.get("repetitionInterval", 7)
    if isinstance(interval, bool) or not isinstance(interval, int) or interval < 1:
        errs.append(
            detail("repetitionInterval must be an integer >= 1", base + "repetitionInterval")
        )
    count = rep.get("repetitionCount")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        errs.append(detail("repetitionCount must be an integer >= 1", base + "repetitionCount"))
    wd = props.get("windowDuration")
    if wd is not None and (isinstance(wd, bool) or not isinstance(wd, (int, float)) or wd <= 0):
        errs.append(detail("windowDuration must be a positive number", "properties.windowDuration"))


def _check_insar(props: dict[str, Any], errs: list[dict[str, Any]]) -> None:
    """The one documented InSAR rule: the insar tier needs an orbit (and a known one).

    An orbit with another tier, or orbital planes other than the orbit's, are not refused:
    no public material says the Console does (docs/emulator.md, item 13).
    """
    tier = props.get("collectionTier") or "routine"
    insar = props.get("insar")
    orbit = insar.get("orbit") if isinstance(insar, dict) else None
    if insar is not None and not isinstance(insar, dict):
        errs.append(detail("insar must be an object", "properties.insar", "invalid_type"))
    if isinstance(insar, dict):
        taskquery.check_keys(insar, ("orbit",), "properties.insar.", errs)
    if tier in INSAR_TIERS and orbit is None:
        errs.append(
            detail(
                "insar.orbit is required for the insar tier", "properties.insar.orbit", "required"
            )
        )
    if orbit is not None:
        taskquery.check_enum(orbit, tuple(INSAR_ORBITS), "properties.insar.orbit", errs)


def create(world: World, user: dict[str, Any], body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise validation_error([detail("Body must be a GeoJSON Feature", "", "invalid_type")])
    errs: list[dict[str, Any]] = []
    taskquery.check_geometry(body.get("geometry"), errs)
    props = body.get("properties")
    if not isinstance(props, dict):
        raise validation_error([*errs, detail("properties is required", "properties", "required")])
    name = props.get("repeatrequestName")
    if not isinstance(name, str):
        errs.append(
            detail("repeatrequestName is required", "properties.repeatrequestName", "required")
        )
    taskquery.check_enum(
        props.get("collectionTier"), REPEAT_TIERS, "properties.collectionTier", errs
    )
    taskquery.check_common(props, errs)
    now = world.clock.time()
    _check_repetition(world, props, errs, now)
    _check_insar(props, errs)
    taskquery.check_request_keys(body, taskquery.RR_PROPERTIES, errs)
    taskquery.raise_if(errs)
    contract = taskquery.check_contract(world, body)
    with world.lock:
        rr_id = world.new_id()
        rec = _build(world, user, rr_id, body, props, now, contract)
        # The per-image estimate appears with the review (review.refresh).
        rec["properties"]["costPerImageEstimate"] = None
        world.repeats[rr_id] = rec
        review.schedule(world, rr_id)
        _derive_tasks(world, user, rec, contract)
        return copy.deepcopy(rec)


def _build(
    world: World,
    user: dict[str, Any],
    rr_id: str,
    body: dict[str, Any],
    props: dict[str, Any],
    now: float,
    contract: str | None,
) -> dict[str, Any]:
    from tests.console_emulator.records import rr_feature

    return rr_feature(
        rr_id=rr_id,
        geometry=body["geometry"],
        props_in=props,
        user=user,
        submission=now,
        history=[status_entry("received", now)],
        contract_id=contract,
    )


def _derive_tasks(
    world: World, user: dict[str, Any], rr: dict[str, Any], contract: str | None
) -> None:
    props = rr["properties"]
    rep = props["repetitionProperties"]
    n = int(world.config["derive_repeat_tasks"] or 0)
    if rep.get("repetitionCount"):
        n = min(n, int(rep["repetitionCount"]))
    start = parse_instant(rep["repeatStart"]) or world.clock.time()
    interval = float(rep.get("repetitionInterval") or default_interval(props)) * 86400
    end = parse_instant(rep["repeatEnd"]) if rep.get("repeatEnd") else None
    for i in range(n):
        w_open = start + i * interval
        if end is not None and w_open >= end:
            break
        tr_id = world.new_id()
        world.tasks[tr_id] = task_feature(
            tr_id=tr_id,
            geometry=rr["geometry"],
            props_in={
                "taskingrequestName": f"{props['repeatrequestName']} ({i + 1})",
                "collectionType": props.get("collectionType"),
                "collectionTier": "standard",
                "processingConfig": props.get("processingConfig"),
                "collectConstraints": props.get("collectConstraints"),
            },
            user=user,
            submission=world.clock.time(),
            window_open=w_open,
            window_close=w_open + float(props["windowDuration"]),
            history=[status_entry("received", world.clock.time())],
            contract_id=contract,
            repeat_id=props["repeatrequestId"],
        )
        world.collects[tr_id] = []


def update(world: World, user: dict[str, Any], rr_id: str, body: Any) -> dict[str, Any]:
    with world.lock:
        rec = _get(world, user, rr_id)
        if not isinstance(body, dict) or not isinstance(body.get("properties", {}), dict):
            raise validation_error([detail("Body must be {'properties': {...}}", "properties")])
        changes = body.get("properties") or {}
        bad = [k for k in changes if k not in UPDATABLE] + [k for k in body if k != "properties"]
        if bad:
            raise validation_error(
                [
                    detail(f"Field '{k}' cannot be updated", f"properties.{k}", "unrecognized_keys")
                    for k in bad
                ]
            )
        errs: list[dict[str, Any]] = []
        if changes.get("processingConfig") is not None:
            taskquery.check_common({"processingConfig": changes["processingConfig"]}, errs)
        taskquery.raise_if(errs)
        if rec["properties"]["statusHistory"][0]["code"] in FINAL:
            raise ApiError(
                400,
                "Cannot update repeat request in current state",
                "UNABLE_TO_UPDATE_REPEAT_REQUEST",
            )
        rec["properties"].update(changes)
        return copy.deepcopy(rec)


def cancel(world: World, user: dict[str, Any], rr_id: str, body: Any) -> dict[str, Any]:
    """``PATCH /repeat-requests/{id}/status``: cancel or answer the cost review.

    The body key is disputed (docs/tasking.md): ``rr_cancel_key`` says which one passes.
    """
    with world.lock:
        rec = _get(world, user, rr_id)
        review.refresh(world, rec)
        accepted = world.config["rr_cancel_key"]
        if accepted == "either":
            key = "code" if isinstance(body, dict) and "code" in body else "status"
        else:
            key = accepted
        status = status_body(body, key)
        if status == "canceled":
            answer = cancel_record(world, rec)
            cancel_derived(world, rr_id)
            return answer
        return review.answer(world, rec, status)


def cancel_derived(world: World, rr_id: str) -> None:
    """A canceled repeat request takes its derived requests that have not finished with it:
    they would otherwise stay ``received`` for ever (docs/emulator.md, item 12)."""
    for tr in world.tasks.values():
        props = tr["properties"]
        if (
            props.get("repeatrequestId") == rr_id
            and props["statusHistory"][0]["code"] in CANCELABLE
        ):
            cancel_record(world, tr)


def get(world: World, user: dict[str, Any], rr_id: str) -> dict[str, Any]:
    """``GET /repeat-requests/{id}`` (in Capella's Postman collection; the SDK searches)."""
    if not is_uuid(rr_id):
        raise not_found(f"Repeat request {rr_id}")
    with world.lock:
        rec = _get(world, user, rr_id)
        review.refresh(world, rec)
        return copy.deepcopy(rec)


def search_key(world: World, body: Any) -> str:
    """The filter key of a search body, by the configured key; the other key → 400."""
    accepted = world.config["rr_search_key"]
    if accepted == "either":
        return "filter" if isinstance(body, dict) and "filter" in body else "query"
    other = "filter" if accepted == "query" else "query"
    if isinstance(body, dict) and other in body:
        raise validation_error(
            [
                detail(
                    f"Unrecognized key '{other}' in the search body: the filters go in "
                    f'\'{accepted}\', e.g. {{"{accepted}": {{"repeatrequestIds": [...]}}}}',
                    other,
                    "unrecognized_keys",
                )
            ]
        )
    return str(accepted)


def search(
    world: World, user: dict[str, Any], body: Any, query_params: dict[str, str]
) -> dict[str, Any]:
    key = search_key(world, body)
    with world.lock:
        review.refresh_all(world)
        records = list(world.repeats.values())
        found = tasksearch.search(
            world, user, records, body, query_params, filter_key=key, repeating_flag=False
        )
        return copy.deepcopy(found)

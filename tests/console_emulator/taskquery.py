"""Validation shared by tasking and repeat requests (their searches: tasksearch.py)."""

from __future__ import annotations

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
from tests.console_emulator.util import ApiError, detail, iso, validation_error
from tests.console_emulator.world import World

# The keys a request may carry (docs/emulator.md, item 12): what the official SDK sends
# (tasking_request.py, repeat_request.py, config.py) and what Capella documents besides
# (preApproval; grazingAngleMin/Max and imageLength, docs "Tasking Requests"). Anything else is
# refused by name rather than silently ignored.
BODY_KEYS = ("type", "geometry", "properties", "contractId")
COMMON_PROPERTIES = (
    "collectionTier",
    "collectionType",
    "archiveHoldback",
    "customAttribute1",
    "customAttribute2",
    "collectConstraints",
    "processingConfig",
)
TR_PROPERTIES = (
    *COMMON_PROPERTIES,
    "taskingrequestName",
    "taskingrequestDescription",
    "windowOpen",
    "windowClose",
    "preApproval",
    "pre_approval",
)
RR_PROPERTIES = (
    *COMMON_PROPERTIES,
    "repeatrequestName",
    "repeatrequestDescription",
    "repetitionProperties",
    "windowDuration",
    "insar",
)
CONSTRAINT_KEYS = (
    "offNadirMin",
    "offNadirMax",
    "imageWidth",
    "imageLength",
    "orbitalPlanes",
    "ascDsc",
    "lookDirection",
    "localTime",
    "polarization",
    "azimuthAngleMin",
    "azimuthAngleMax",
    "grazingAngleMin",
    "grazingAngleMax",
    "squint",
    "maxSquintAngle",
)
REPETITION_KEYS = (
    "repeatStart",
    "repeatEnd",
    "repetitionInterval",
    "repetitionCount",
    "maintainSceneFraming",
    "lookAngleTolerance",
    "azimuthAngleTolerance",
)


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


# --------------------------------------------------------------------------- strictness


def check_keys(
    mapping: Any, allowed: tuple[str, ...], base: str, errs: list[dict[str, Any]]
) -> None:
    """Every key of ``mapping`` is one of ``allowed``; others are named (``base`` + key)."""
    if not isinstance(mapping, dict):
        return
    for key in mapping:
        if key not in allowed:
            errs.append(
                detail(
                    f"Unrecognized key '{key}'",
                    f"{base}{key}" if base else key,
                    "unrecognized_keys",
                )
            )


def check_request_keys(
    body: dict[str, Any], props_allowed: tuple[str, ...], errs: list[dict[str, Any]]
) -> None:
    check_keys(body, BODY_KEYS, "", errs)
    props = body.get("properties") or {}
    check_keys(props, props_allowed, "properties.", errs)
    check_keys(
        props.get("collectConstraints"), CONSTRAINT_KEYS, "properties.collectConstraints.", errs
    )
    if "repetitionProperties" in props_allowed:
        check_keys(
            props.get("repetitionProperties"),
            REPETITION_KEYS,
            "properties.repetitionProperties.",
            errs,
        )


def check_not_past(
    world: Any,
    epoch: float | None,
    path: str,
    errs: list[dict[str, Any]],
    *,
    starts: bool,
) -> None:
    """A window end must lie ahead; a start may lie at most ``past_tolerance`` s behind (a
    client's "now" takes a moment to arrive). Whether the Console accepts a start in the past
    is unknown, so the emulator refuses it (docs/emulator.md, item 12)."""
    if epoch is None:
        return
    now = world.clock.time()
    past = epoch < now - float(world.config["past_tolerance"]) if starts else epoch <= now
    if past:
        name = path.rsplit(".", 1)[-1]
        errs.append(
            detail(
                f"{name} {iso(epoch)} is in the past (now {iso(now)}); choose a later time",
                path,
                "in_the_past",
            )
        )

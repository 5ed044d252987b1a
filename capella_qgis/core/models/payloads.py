"""Creation/update payload models for tasking and repeat requests (§8.1, §8.5, §9.1, §9.4).

They refuse contradictions with an InputError saying what to fix, before anything is sent.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Optional

import pydantic
from pydantic import field_validator, model_validator

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.constraints import (
    ConstraintFields,
    PayloadModel,
    check_name,
    enum_validator,
    parse_product_types,
    wire_number,
)
from capella_qgis.core.models.enums import (
    INSAR_ORBIT_INFO,
    INSAR_TIERS,
    ArchiveHoldback,
    CollectionTier,
    CollectionType,
    InsarOrbit,
    ProductType,
    RepeatCollectionTier,
    SquintMode,
)
from capella_qgis.core.timefmt import format_utc, parse_utc
from capella_qgis.core.validation import (
    check_not_past,
    check_number,
    check_repetitions_not_past,
    validate_tasking_geometry,
)

DEFAULT_WINDOW = timedelta(days=7)
#: A window or repetition start further in the past than this is sent as "now": whether the
#: Console takes a start in the past is unknown, and the SDK's own default (a "now" a moment
#: old) is the form known to work (docs/emulator.md, item 12).
PAST_START_GRACE = timedelta(seconds=60)
#: The interval of a repeat request that gives none (the SDK's; an InSAR orbit sets its own).
DEFAULT_REPETITION_INTERVAL = 7
#: How many planned dates a preview lists: of an open-ended request, and at most.
PREVIEW_OPEN_ENDED = 10
PREVIEW_MAX_DATES = 60
#: The pre-approval key sent (docs/tasking.md) and the SDK's spelling, tried when refused.
PRE_APPROVAL_KEY = "preApproval"
PRE_APPROVAL_KEY_SDK = "pre_approval"


# Checks of the fields TR and RR creation share. Pydantic registers a validator only in the
# class body that declares it (assigning another model's validator does nothing), so both
# models declare these functions with field_validator().
def _geometry(v: Any) -> Any:
    return validate_tasking_geometry(v)


def _name(v: Any) -> Any:
    return check_name(v, "name")


def _collection_type(v: Any) -> Any:
    return enum_validator(CollectionType, "collection_type")(v) or CollectionType.spotlight


def _archive_holdback(v: Any) -> Any:
    return enum_validator(ArchiveHoldback, "archive_holdback")(v) or ArchiveHoldback.none


def _product_types(v: Any) -> Any:
    return parse_product_types(v)


def _contract_id(v: Any) -> Any:
    if v is None:
        return None
    if not isinstance(v, str) or not v.strip():
        raise InputError("contract_id: leave it unset or give a contract id", field="contract_id")
    return v.strip()


def _not_before_now(start: Optional[datetime], now: Optional[datetime]) -> Optional[datetime]:
    """A start that lies in the past (beyond ``PAST_START_GRACE``) as "now": the part of a
    window that has gone by cannot be collected anyway, and the Console may refuse it."""
    now = now or datetime.now(timezone.utc).replace(microsecond=0)
    if start is not None and start < now - PAST_START_GRACE:
        return now
    return start


class TaskingRequestCreate(ConstraintFields):
    geometry: dict[str, Any]
    name: str
    description: str = ""
    window_open: Optional[datetime] = None
    window_close: Optional[datetime] = None
    collection_tier: CollectionTier = CollectionTier.standard
    collection_type: CollectionType = CollectionType.spotlight
    archive_holdback: ArchiveHoldback = ArchiveHoldback.none
    custom_attribute_1: Optional[str] = None
    custom_attribute_2: Optional[str] = None
    pre_approval: bool = False
    product_types: Optional[list[ProductType]] = None
    contract_id: Optional[str] = None

    _v_geometry = field_validator("geometry", mode="before")(_geometry)
    _v_name = field_validator("name", mode="before")(_name)
    _v_type = field_validator("collection_type", mode="before")(_collection_type)
    _v_holdback = field_validator("archive_holdback", mode="before")(_archive_holdback)
    _v_products = field_validator("product_types", mode="before")(_product_types)
    _v_contract = field_validator("contract_id", mode="before")(_contract_id)

    @field_validator("window_open", "window_close", mode="before")
    @classmethod
    def _v_dates(cls, v: Any, info: pydantic.ValidationInfo) -> Any:
        return None if v is None else parse_utc(v, info.field_name or "date")

    @field_validator("collection_tier", mode="before")
    @classmethod
    def _v_tier(cls, v: Any) -> Any:
        return enum_validator(CollectionTier, "collection_tier")(v) or CollectionTier.standard

    @model_validator(mode="after")
    def _check(self) -> TaskingRequestCreate:
        self._check_constraints()
        if self.window_open is None:
            self.window_open = datetime.now(timezone.utc).replace(microsecond=0)
        if self.window_close is None:
            self.window_close = self.window_open + DEFAULT_WINDOW
        if self.window_close <= self.window_open:
            raise InputError(
                f"window_close ({format_utc(self.window_close)}) must be after "
                f"window_open ({format_utc(self.window_open)})",
                field="window_close",
            )
        return self

    def checked(self, now: Optional[datetime] = None) -> TaskingRequestCreate:
        """Validated again as it is now, plus what depends on the clock; for sending.

        Fields may have been changed since the model was built (pydantic does not check
        assignments), and a window that has already closed would be paid for in vain. A
        window that opened in the past is sent opening now.
        """
        fresh = TaskingRequestCreate(**self.model_dump())
        if fresh.window_close is not None:  # always: the model validator sets a default
            check_not_past(fresh.window_close, "window_close", now)
        fresh.window_open = _not_before_now(fresh.window_open, now)
        return fresh

    def default_squint(self) -> SquintMode:
        return SquintMode.enabled if self.geometry.get("type") == "Point" else SquintMode.disabled

    def to_payload(self, pre_approval_key: str = PRE_APPROVAL_KEY) -> dict[str, Any]:
        """The exact ``POST /task`` JSON body (``pre_approval_key``: see docs/tasking.md)."""
        props: dict[str, Any] = {
            "taskingrequestName": self.name,
            "taskingrequestDescription": self.description,
            "windowOpen": format_utc(self.window_open),
            "windowClose": format_utc(self.window_close),
            "collectionTier": self.collection_tier.value,
            "collectionType": self.collection_type.value,
            "archiveHoldback": self.archive_holdback.value,
            "customAttribute1": self.custom_attribute_1,
            "customAttribute2": self.custom_attribute_2,
            # camelCase as in Capella's Postman collection and every response; the SDK's
            # ``pre_approval`` is the fallback (docs/tasking.md).
            pre_approval_key: self.pre_approval,
            "collectConstraints": self._constraints_payload(self.default_squint()),
        }
        if self.product_types:
            props["processingConfig"] = {"productTypes": [p.value for p in self.product_types]}
        body: dict[str, Any] = {"type": "Feature", "geometry": self.geometry, "properties": props}
        if self.contract_id:
            body["contractId"] = self.contract_id
        return body


class RepeatRequestCreate(ConstraintFields):
    geometry: dict[str, Any]
    name: str
    description: str = ""
    collection_tier: RepeatCollectionTier = RepeatCollectionTier.routine
    collection_type: CollectionType = CollectionType.spotlight
    archive_holdback: ArchiveHoldback = ArchiveHoldback.none
    custom_attribute_1: Optional[str] = None
    custom_attribute_2: Optional[str] = None
    repeat_start: Optional[datetime] = None
    repeat_end: Optional[datetime] = None
    repetition_interval: int = DEFAULT_REPETITION_INTERVAL
    repetition_count: Optional[int] = None
    maintain_scene_framing: Optional[bool] = None
    look_angle_tolerance: Optional[float] = None
    azimuth_angle_tolerance: Optional[float] = None
    product_types: Optional[list[ProductType]] = None
    window_duration: Optional[int] = None
    insar_orbit: Optional[InsarOrbit] = None
    contract_id: Optional[str] = None

    @model_validator(mode="before")
    @classmethod
    def _exclusive(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        # Checked first (before date parsing), like the SDK.
        if data.get("repeat_end") is not None and data.get("repetition_count") is not None:
            raise InputError(
                "repeat_end and repetition_count are mutually exclusive; give an end date OR a "
                "number of repetitions",
                field="repeat_end",
            )
        if "repetition_interval" in data and data["repetition_interval"] is None:
            # No interval given: the default applies (the orbit's own for InSAR, _check).
            data = {k: v for k, v in data.items() if k != "repetition_interval"}
        return data

    _v_geometry = field_validator("geometry", mode="before")(_geometry)
    _v_name = field_validator("name", mode="before")(_name)
    _v_type = field_validator("collection_type", mode="before")(_collection_type)
    _v_holdback = field_validator("archive_holdback", mode="before")(_archive_holdback)
    _v_products = field_validator("product_types", mode="before")(_product_types)
    _v_contract = field_validator("contract_id", mode="before")(_contract_id)

    @field_validator("repeat_start", "repeat_end", mode="before")
    @classmethod
    def _v_dates(cls, v: Any, info: pydantic.ValidationInfo) -> Any:
        return None if v is None else parse_utc(v, info.field_name or "date")

    @field_validator("collection_tier", mode="before")
    @classmethod
    def _v_tier(cls, v: Any) -> Any:
        value = enum_validator(RepeatCollectionTier, "collection_tier")(v)
        return value or RepeatCollectionTier.routine

    @field_validator("insar_orbit", mode="before")
    @classmethod
    def _v_orbit(cls, v: Any) -> Any:
        return enum_validator(InsarOrbit, "insar_orbit")(v)

    @field_validator("repetition_interval", "repetition_count", "window_duration", mode="before")
    @classmethod
    def _v_positive_int(cls, v: Any, info: pydantic.ValidationInfo) -> Any:
        what = info.field_name or "value"
        if v is None:  # repetition_interval: None is dropped in _exclusive (the default)
            return None
        if isinstance(v, bool) or not isinstance(v, int):
            if isinstance(v, float) and v.is_integer():  # novermin: float.is_integer, not int
                v = int(v)
            else:
                raise InputError(f"{what}: expected a whole number, got {v!r}", field=what)
        if v < 1:
            raise InputError(f"{what}: must be at least 1, got {v}", field=what)
        return v

    @model_validator(mode="after")
    def _check(self) -> RepeatRequestCreate:
        self._check_constraints()
        if self.look_angle_tolerance is not None:
            check_number(self.look_angle_tolerance, "look_angle_tolerance", minimum=0, maximum=90)
        if self.azimuth_angle_tolerance is not None:
            check_number(
                self.azimuth_angle_tolerance, "azimuth_angle_tolerance", minimum=0, maximum=360
            )
        if self.repeat_start is None:
            self.repeat_start = datetime.now(timezone.utc).replace(microsecond=0)
        if self.repeat_end is not None and self.repeat_end <= self.repeat_start:
            raise InputError(
                f"repeat_end ({format_utc(self.repeat_end)}) must be after repeat_start "
                f"({format_utc(self.repeat_start)})",
                field="repeat_end",
            )
        insar_tier = self.collection_tier in INSAR_TIERS
        if insar_tier and self.insar_orbit is None:
            choices = ", ".join(o.value for o in InsarOrbit)
            raise InputError(
                f"collection_tier '{self.collection_tier.value}' needs an InSAR orbit; choose "
                f"insar_orbit ({choices})",
                field="insar_orbit",
            )
        if self.insar_orbit is not None:
            self._check_insar_interval(self.insar_orbit)
        return self

    def cautions(self) -> list[str]:
        """Doubts about the request that are not refusals: combinations no public source
        forbids, but which probably do not collect what was meant (docs/emulator.md, item 13).
        The form shows them beside the review and Processing logs them as warnings."""
        found: list[str] = []
        if self.insar_orbit is not None and self.collection_tier not in INSAR_TIERS:
            found.append(
                f"insar_orbit {self.insar_orbit.value} with collection_tier "
                f"'{self.collection_tier.value}': the Console documents the orbit for the insar "
                f"tier; other tiers may ignore it"
            )
        if self.insar_orbit is not None and self.orbital_planes:
            plane = int(INSAR_ORBIT_INFO[self.insar_orbit].orbital_plane)
            wrong = [int(p) for p in self.orbital_planes if p != plane]
            if wrong:
                found.append(
                    f"orbital_planes {wrong} differ from InSAR orbit {self.insar_orbit.value}'s "
                    f"plane {plane}: a stack flies one plane, so these may never be collected"
                )
        return found

    def _check_insar_interval(self, orbit: InsarOrbit) -> None:
        """An InSAR stack repeats on its orbit's revisit: the interval sent is one revisit in
        whole days (the default) or a whole multiple of it; any other interval is refused, so
        the planned dates shown are the ones sent (docs/tasking.md, "InSAR orbits")."""
        info = INSAR_ORBIT_INFO[orbit]
        cycle = info.interval_days
        if "repetition_interval" not in self.model_fields_set:
            self.repetition_interval = cycle
            return
        if self.repetition_interval % cycle:
            raise InputError(
                f"repetition_interval: InSAR orbit {orbit.value} revisits every "
                f"{info.revisit_days:g} days; set the interval to {cycle} days or a multiple "
                f"of {cycle} ({2 * cycle}, {3 * cycle}, …), not {self.repetition_interval}",
                field="repetition_interval",
            )

    def checked(self, now: Optional[datetime] = None) -> RepeatRequestCreate:
        """Validated again as it is now, plus what depends on the clock; for sending.

        Refuses a repetition that has ended (``repeat_end``, or every counted repetition) in
        the past: nothing left to collect but a request to pay for. A start in the past is
        sent as now.
        """
        fresh = RepeatRequestCreate(**self.model_dump())
        if fresh.repeat_end is not None:
            check_not_past(fresh.repeat_end, "repeat_end", now)
        elif fresh.repetition_count is not None and fresh.repeat_start is not None:
            check_repetitions_not_past(
                fresh.repeat_start, fresh.repetition_count, fresh.repetition_interval, now
            )
        fresh.repeat_start = _not_before_now(fresh.repeat_start, now)
        return fresh

    def planned_dates(
        self, *, open_ended: int = PREVIEW_OPEN_ENDED, at_most: int = PREVIEW_MAX_DATES
    ) -> tuple[list[datetime], bool]:
        """Nominal starts of the derived requests, and whether the list is open-ended.

        Stepped by ``repetition_interval``, the ``repetitionInterval`` that ``to_payload``
        sends, so a preview shows the dates the Console is asked for (an InSAR orbit's
        interval included). Until cancelled: the first ``open_ended`` dates; else at most
        ``at_most``.
        """
        start = self.repeat_start
        if start is None:  # set by the validator; a model changed since may have lost it
            return [], False
        step = timedelta(days=self.repetition_interval)
        if self.repetition_count is not None:
            count = min(self.repetition_count, at_most)
            return [start + i * step for i in range(count)], False
        if self.repeat_end is not None:
            dates: list[datetime] = []
            current = start
            while current <= self.repeat_end and len(dates) < at_most:
                dates.append(current)
                current += step
            return dates, False
        return [start + i * step for i in range(open_ended)], True

    def default_squint(self) -> SquintMode:
        if self.collection_tier in INSAR_TIERS:
            return SquintMode.disabled
        return SquintMode.enabled if self.geometry.get("type") == "Point" else SquintMode.disabled

    def to_payload(self) -> dict[str, Any]:
        """The exact ``POST /repeat-requests`` JSON body."""
        repetition: dict[str, Any] = {
            "repeatStart": format_utc(self.repeat_start),
            "repetitionInterval": self.repetition_interval,
        }
        optional = {
            "repeatEnd": format_utc(self.repeat_end) if self.repeat_end else None,
            "repetitionCount": self.repetition_count,
            "maintainSceneFraming": self.maintain_scene_framing,
            "lookAngleTolerance": self.look_angle_tolerance,
            "azimuthAngleTolerance": self.azimuth_angle_tolerance,
        }
        repetition.update({k: wire_number(v) for k, v in optional.items() if v is not None})
        props: dict[str, Any] = {
            "repeatrequestName": self.name,
            "repeatrequestDescription": self.description,
            "collectionTier": self.collection_tier.value,
            "collectionType": self.collection_type.value,
            "archiveHoldback": self.archive_holdback.value,
            "customAttribute1": self.custom_attribute_1,
            "customAttribute2": self.custom_attribute_2,
            "collectConstraints": self._constraints_payload(self.default_squint()),
            "repetitionProperties": repetition,
        }
        if self.product_types:
            props["processingConfig"] = {"productTypes": [p.value for p in self.product_types]}
        if self.window_duration:
            props["windowDuration"] = self.window_duration
        if self.insar_orbit is not None:
            props["insar"] = {"orbit": self.insar_orbit.value}
        body: dict[str, Any] = {"type": "Feature", "geometry": self.geometry, "properties": props}
        if self.contract_id:
            body["contractId"] = self.contract_id
        return body


class _UpdateBase(PayloadModel):
    name: Optional[str] = None
    description: Optional[str] = None
    custom_attribute_1: Optional[str] = None
    custom_attribute_2: Optional[str] = None
    product_types: Optional[list[ProductType]] = None

    _name_key = ""
    _description_key = ""

    @field_validator("product_types", mode="before")
    @classmethod
    def _v_products(cls, v: Any) -> Any:
        return parse_product_types(v)

    @field_validator("name", mode="before")
    @classmethod
    def _v_name(cls, v: Any) -> Any:
        return None if v is None else check_name(v, "name")

    def to_payload(self) -> dict[str, Any]:
        """``{"properties": {...}}`` with only the fields that were given."""
        props: dict[str, Any] = {}
        if self.name is not None:
            props[self._name_key] = self.name
        if self.description is not None:
            props[self._description_key] = self.description
        if self.custom_attribute_1 is not None:
            props["customAttribute1"] = self.custom_attribute_1
        if self.custom_attribute_2 is not None:
            props["customAttribute2"] = self.custom_attribute_2
        if self.product_types:
            props["processingConfig"] = {"productTypes": [p.value for p in self.product_types]}
        return {"properties": props}


class TaskingRequestUpdate(_UpdateBase):
    _name_key = "taskingrequestName"
    _description_key = "taskingrequestDescription"


class RepeatRequestUpdate(_UpdateBase):
    _name_key = "repeatrequestName"
    _description_key = "repeatrequestDescription"


class RetaskOverrides(PayloadModel):
    """What a retask may change of the copied request (``POST /task/{id}/retask``,
    ``POST /collects/{collectId}/retask``); everything else is copied by the Console."""

    name: Optional[str] = None
    description: Optional[str] = None
    window_open: Optional[datetime] = None
    window_close: Optional[datetime] = None
    collection_tier: Optional[CollectionTier] = None
    pre_approval: Optional[bool] = None

    @field_validator("name", mode="before")
    @classmethod
    def _v_name(cls, v: Any) -> Any:
        return None if v is None else check_name(v, "name")

    @field_validator("window_open", "window_close", mode="before")
    @classmethod
    def _v_dates(cls, v: Any, info: pydantic.ValidationInfo) -> Any:
        return None if v is None else parse_utc(v, info.field_name or "date")

    @field_validator("collection_tier", mode="before")
    @classmethod
    def _v_tier(cls, v: Any) -> Any:
        return enum_validator(CollectionTier, "collection_tier")(v)

    @model_validator(mode="after")
    def _check(self) -> RetaskOverrides:
        if (
            self.window_open is not None
            and self.window_close is not None
            and self.window_close <= self.window_open
        ):
            raise InputError(
                f"window_close ({format_utc(self.window_close)}) must be after "
                f"window_open ({format_utc(self.window_open)})",
                field="window_close",
            )
        return self

    def checked(self, now: Optional[datetime] = None) -> RetaskOverrides:
        fresh = RetaskOverrides(**self.model_dump())
        if fresh.window_close is not None:
            check_not_past(fresh.window_close, "window_close", now)
        fresh.window_open = _not_before_now(fresh.window_open, now)
        return fresh

    def to_payload(self, pre_approval_key: str = PRE_APPROVAL_KEY) -> dict[str, Any]:
        """The retask JSON body: only what is overridden (``{}`` copies everything)."""
        body: dict[str, Any] = {}
        if self.name is not None:
            body["taskingrequestName"] = self.name
        if self.description is not None:
            body["taskingrequestDescription"] = self.description
        if self.window_open is not None:
            body["windowOpen"] = format_utc(self.window_open)
        if self.window_close is not None:
            body["windowClose"] = format_utc(self.window_close)
        if self.collection_tier is not None:
            body["collectionTier"] = self.collection_tier.value
        if self.pre_approval is not None:
            body[pre_approval_key] = self.pre_approval
        return body

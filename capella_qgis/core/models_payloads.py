"""Creation/update payload models for tasking and repeat requests (§8.1, §8.5, §9.1, §9.4).

They refuse contradictions with an InputError saying what to fix, before anything is sent.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Optional, Union

import pydantic
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from capella_qgis.core.enums import (
    INSAR_ORBIT_INFO,
    INSAR_TIERS,
    ArchiveHoldback,
    CollectionTier,
    CollectionType,
    InsarOrbit,
    LocalTimeOption,
    ObservationDirection,
    OrbitalPlane,
    OrbitState,
    Polarization,
    ProductType,
    RepeatCollectionTier,
    SquintMode,
)
from capella_qgis.core.exceptions import InputError
from capella_qgis.core.validation import (
    check_number,
    coerce_enum,
    coerce_enum_list,
    format_api_datetime,
    parse_datetime,
    validate_tasking_geometry,
)

DEFAULT_WINDOW = timedelta(days=7)
SECONDS_PER_DAY = 86400


class PayloadModel(BaseModel):
    """Base of request payloads: raises InputError (never pydantic's error) on bad input."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=False)

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except pydantic.ValidationError as exc:
            raise _input_error(exc) from None


def _input_error(exc: pydantic.ValidationError) -> InputError:
    first = exc.errors()[0]
    original = (first.get("ctx") or {}).get("error")
    if isinstance(original, InputError):
        return original
    field = ".".join(str(p) for p in first.get("loc", ())) or "payload"
    if first.get("type") == "extra_forbidden":
        return InputError(f"{field}: unknown parameter; check the spelling", field=field)
    if first.get("type") == "missing":
        return InputError(f"{field}: this parameter is required", field=field)
    return InputError(f"{field}: {first.get('msg', 'invalid value')}", field=field)


def _enum(cls: Any, what: str) -> Any:
    def validate(value: Any) -> Any:
        return None if value is None else coerce_enum(cls, value, what)

    return validate


class _ConstraintFields(PayloadModel):
    """The 12 collect-constraint parameters shared by TR and RR creation."""

    off_nadir_min: Optional[float] = None
    off_nadir_max: Optional[float] = None
    image_width: Optional[float] = None
    orbital_planes: Optional[list[OrbitalPlane]] = None
    asc_dsc: OrbitState = OrbitState.either
    look_direction: ObservationDirection = ObservationDirection.either
    local_time: Optional[Union[LocalTimeOption, list[list[int]]]] = None
    polarization: Optional[Polarization] = None
    azimuth_angle_min: Optional[float] = None
    azimuth_angle_max: Optional[float] = None
    squint: Optional[SquintMode] = None
    max_squint_angle: Optional[float] = None

    @field_validator("asc_dsc", mode="before")
    @classmethod
    def _v_asc_dsc(cls, v: Any) -> Any:
        return _enum(OrbitState, "asc_dsc")(v) or OrbitState.either

    @field_validator("look_direction", mode="before")
    @classmethod
    def _v_look(cls, v: Any) -> Any:
        return _enum(ObservationDirection, "look_direction")(v) or ObservationDirection.either

    @field_validator("polarization", mode="before")
    @classmethod
    def _v_pol(cls, v: Any) -> Any:
        return _enum(Polarization, "polarization")(v)

    @field_validator("squint", mode="before")
    @classmethod
    def _v_squint(cls, v: Any) -> Any:
        return _enum(SquintMode, "squint")(v)

    @field_validator("orbital_planes", mode="before")
    @classmethod
    def _v_planes(cls, v: Any) -> Any:
        return None if v is None else coerce_enum_list(OrbitalPlane, v, "orbital_planes")

    @field_validator("local_time", mode="before")
    @classmethod
    def _v_local_time(cls, v: Any) -> Any:
        if v is None:
            return None
        if isinstance(v, str):
            return coerce_enum(LocalTimeOption, v, "local_time")
        if not isinstance(v, (list, tuple)) or not v:
            raise InputError(
                "local_time: use day, night, anytime or a list of [start, end] seconds of day",
                field="local_time",
            )
        ranges = []
        for rng in v:
            if not isinstance(rng, (list, tuple)) or len(rng) != 2:
                raise InputError(
                    f"local_time: {rng!r} is not a [start, end] pair of seconds of day",
                    field="local_time",
                )
            start, end = (
                check_number(x, "local_time", minimum=0, maximum=SECONDS_PER_DAY) for x in rng
            )
            if start >= end:
                raise InputError(
                    f"local_time: range [{start:g}, {end:g}] must start before it ends; "
                    "split ranges crossing midnight into two",
                    field="local_time",
                )
            ranges.append([int(start), int(end)])
        return ranges

    def _check_constraints(self) -> None:
        for name in ("off_nadir_min", "off_nadir_max"):
            value = getattr(self, name)
            if value is not None:
                check_number(value, name, minimum=0, maximum=90)
        if (
            self.off_nadir_min is not None
            and self.off_nadir_max is not None
            and self.off_nadir_min >= self.off_nadir_max
        ):
            raise InputError(
                f"off_nadir_min ({self.off_nadir_min:g}°) must be smaller than off_nadir_max "
                f"({self.off_nadir_max:g}°)",
                field="off_nadir_min",
            )
        for name in ("azimuth_angle_min", "azimuth_angle_max"):
            value = getattr(self, name)
            if value is not None:
                check_number(value, name, minimum=0, maximum=360)
        if (self.azimuth_angle_min is None) != (self.azimuth_angle_max is None):
            raise InputError(
                "azimuth_angle_min and azimuth_angle_max go together; give both or neither",
                field="azimuth_angle_min",
            )
        if self.image_width is not None:
            check_number(self.image_width, "image_width", minimum=0, exclusive_minimum=True)
        if self.max_squint_angle is not None:
            check_number(self.max_squint_angle, "max_squint_angle", minimum=0, maximum=90)
            if self.squint == SquintMode.disabled:
                raise InputError(
                    "max_squint_angle cannot be used with squint 'disabled'; enable squint or "
                    "remove the maximum squint angle",
                    field="max_squint_angle",
                )

    def _constraints_payload(self, default_squint: SquintMode) -> dict[str, Any]:
        squint = self.squint or default_squint
        out: dict[str, Any] = {
            "ascDsc": self.asc_dsc.value,
            "lookDirection": self.look_direction.value,
            "squint": squint.value,
        }
        optional = {
            "offNadirMin": self.off_nadir_min,
            "offNadirMax": self.off_nadir_max,
            "imageWidth": self.image_width,
            "orbitalPlanes": (
                [int(p) for p in self.orbital_planes] if self.orbital_planes is not None else None
            ),
            "localTime": (
                self.local_time.value
                if isinstance(self.local_time, LocalTimeOption)
                else self.local_time
            ),
            "polarization": self.polarization.value if self.polarization else None,
            "azimuthAngleMin": self.azimuth_angle_min,
            "azimuthAngleMax": self.azimuth_angle_max,
            "maxSquintAngle": self.max_squint_angle,
        }
        out.update({k: _num(v) for k, v in optional.items() if v is not None})
        return out


def _num(value: Any) -> Any:
    # 5.0 → 5 so payloads read like the contract's examples.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _check_name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{what}: give the request a name", field=what)
    return value.strip()


def _product_types(value: Any) -> Optional[list[ProductType]]:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    types = [coerce_enum(ProductType, str(v).upper(), "product_types") for v in value]
    if not types:
        raise InputError(
            "product_types: give at least one product type or leave it unset", field="product_types"
        )
    return list(dict.fromkeys(types))


class TaskingRequestCreate(_ConstraintFields):
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

    @field_validator("geometry", mode="before")
    @classmethod
    def _v_geometry(cls, v: Any) -> Any:
        return validate_tasking_geometry(v)

    @field_validator("name", mode="before")
    @classmethod
    def _v_name(cls, v: Any) -> Any:
        return _check_name(v, "name")

    @field_validator("window_open", "window_close", mode="before")
    @classmethod
    def _v_dates(cls, v: Any, info: pydantic.ValidationInfo) -> Any:
        return None if v is None else parse_datetime(v, info.field_name or "date")

    @field_validator("collection_tier", mode="before")
    @classmethod
    def _v_tier(cls, v: Any) -> Any:
        return _enum(CollectionTier, "collection_tier")(v) or CollectionTier.standard

    @field_validator("collection_type", mode="before")
    @classmethod
    def _v_type(cls, v: Any) -> Any:
        return _enum(CollectionType, "collection_type")(v) or CollectionType.spotlight

    @field_validator("archive_holdback", mode="before")
    @classmethod
    def _v_holdback(cls, v: Any) -> Any:
        return _enum(ArchiveHoldback, "archive_holdback")(v) or ArchiveHoldback.none

    @field_validator("product_types", mode="before")
    @classmethod
    def _v_products(cls, v: Any) -> Any:
        return _product_types(v)

    @field_validator("contract_id", mode="before")
    @classmethod
    def _v_contract(cls, v: Any) -> Any:
        if v is None:
            return None
        if not isinstance(v, str) or not v.strip():
            raise InputError(
                "contract_id: leave it unset or give a contract id", field="contract_id"
            )
        return v.strip()

    @model_validator(mode="after")
    def _check(self) -> TaskingRequestCreate:
        self._check_constraints()
        if self.window_open is None:
            self.window_open = datetime.now(timezone.utc).replace(microsecond=0)
        if self.window_close is None:
            self.window_close = self.window_open + DEFAULT_WINDOW
        if self.window_close <= self.window_open:
            raise InputError(
                f"window_close ({format_api_datetime(self.window_close)}) must be after "
                f"window_open ({format_api_datetime(self.window_open)})",
                field="window_close",
            )
        return self

    def default_squint(self) -> SquintMode:
        return SquintMode.enabled if self.geometry.get("type") == "Point" else SquintMode.disabled

    def to_payload(self) -> dict[str, Any]:
        """The exact ``POST /task`` JSON body."""
        props: dict[str, Any] = {
            "taskingrequestName": self.name,
            "taskingrequestDescription": self.description,
            "windowOpen": format_api_datetime(self.window_open),
            "windowClose": format_api_datetime(self.window_close),
            "collectionTier": self.collection_tier.value,
            "collectionType": self.collection_type.value,
            "archiveHoldback": self.archive_holdback.value,
            "customAttribute1": self.custom_attribute_1,
            "customAttribute2": self.custom_attribute_2,
            # snake_case on the wire, unlike everything else (contract §8.1).
            "pre_approval": self.pre_approval,
            "collectConstraints": self._constraints_payload(self.default_squint()),
        }
        if self.product_types:
            props["processingConfig"] = {"productTypes": [p.value for p in self.product_types]}
        body: dict[str, Any] = {"type": "Feature", "geometry": self.geometry, "properties": props}
        if self.contract_id:
            body["contractId"] = self.contract_id
        return body


class RepeatRequestCreate(_ConstraintFields):
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
    repetition_interval: int = 7
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
        # Checked first (before date parsing), like the SDK.
        if (
            isinstance(data, dict)
            and data.get("repeat_end") is not None
            and data.get("repetition_count") is not None
        ):
            raise InputError(
                "repeat_end and repetition_count are mutually exclusive; give an end date OR a "
                "number of repetitions",
                field="repeat_end",
            )
        return data

    _v_geometry = TaskingRequestCreate._v_geometry
    _v_name = TaskingRequestCreate._v_name
    _v_type = TaskingRequestCreate._v_type
    _v_holdback = TaskingRequestCreate._v_holdback
    _v_products = TaskingRequestCreate._v_products
    _v_contract = TaskingRequestCreate._v_contract

    @field_validator("repeat_start", "repeat_end", mode="before")
    @classmethod
    def _v_dates(cls, v: Any, info: pydantic.ValidationInfo) -> Any:
        return None if v is None else parse_datetime(v, info.field_name or "date")

    @field_validator("collection_tier", mode="before")
    @classmethod
    def _v_tier(cls, v: Any) -> Any:
        return _enum(RepeatCollectionTier, "collection_tier")(v) or RepeatCollectionTier.routine

    @field_validator("insar_orbit", mode="before")
    @classmethod
    def _v_orbit(cls, v: Any) -> Any:
        return _enum(InsarOrbit, "insar_orbit")(v)

    @field_validator("repetition_interval", "repetition_count", "window_duration", mode="before")
    @classmethod
    def _v_positive_int(cls, v: Any, info: pydantic.ValidationInfo) -> Any:
        what = info.field_name or "value"
        if v is None:
            return 7 if what == "repetition_interval" else None
        if isinstance(v, bool) or not isinstance(v, int):
            if isinstance(v, float) and v.is_integer():
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
                f"repeat_end ({format_api_datetime(self.repeat_end)}) must be after repeat_start "
                f"({format_api_datetime(self.repeat_start)})",
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
        if self.insar_orbit is not None and not insar_tier:
            raise InputError(
                f"insar_orbit is only valid with collection_tier 'insar'; set the tier to insar "
                f"or remove the orbit (tier is '{self.collection_tier.value}')",
                field="insar_orbit",
            )
        if self.insar_orbit is not None and self.orbital_planes:
            plane = INSAR_ORBIT_INFO[self.insar_orbit].orbital_plane
            wrong = [int(p) for p in self.orbital_planes if p != plane]
            if wrong:
                raise InputError(
                    f"orbital_planes {wrong} contradict InSAR orbit {self.insar_orbit.value} "
                    f"(plane {int(plane)}); use [{int(plane)}] or leave orbital planes empty",
                    field="orbital_planes",
                )
        return self

    def default_squint(self) -> SquintMode:
        if self.collection_tier in INSAR_TIERS:
            return SquintMode.disabled
        return SquintMode.enabled if self.geometry.get("type") == "Point" else SquintMode.disabled

    def to_payload(self) -> dict[str, Any]:
        """The exact ``POST /repeat-requests`` JSON body."""
        repetition: dict[str, Any] = {
            "repeatStart": format_api_datetime(self.repeat_start),
            "repetitionInterval": self.repetition_interval,
        }
        optional = {
            "repeatEnd": format_api_datetime(self.repeat_end) if self.repeat_end else None,
            "repetitionCount": self.repetition_count,
            "maintainSceneFraming": self.maintain_scene_framing,
            "lookAngleTolerance": self.look_angle_tolerance,
            "azimuthAngleTolerance": self.azimuth_angle_tolerance,
        }
        repetition.update({k: _num(v) for k, v in optional.items() if v is not None})
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
        return _product_types(v)

    @field_validator("name", mode="before")
    @classmethod
    def _v_name(cls, v: Any) -> Any:
        return None if v is None else _check_name(v, "name")

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

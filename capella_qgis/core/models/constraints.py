"""Base of request payload models and the collect-constraint fields shared by TR and RR."""

from __future__ import annotations

from typing import Any, Optional, Union

import pydantic
from pydantic import BaseModel, ConfigDict, field_validator

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.enums import (
    LocalTimeOption,
    ObservationDirection,
    OrbitalPlane,
    OrbitState,
    Polarization,
    ProductType,
    SquintMode,
)
from capella_qgis.core.validation import check_number, coerce_enum, coerce_enum_list

SECONDS_PER_DAY = 86400


class PayloadModel(BaseModel):
    """Base of request payloads: raises InputError (never pydantic's error) on bad input."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=False)

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except pydantic.ValidationError as exc:
            raise input_error(exc) from None


def input_error(exc: pydantic.ValidationError) -> InputError:
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


def enum_validator(cls: Any, what: str) -> Any:
    def validate(value: Any) -> Any:
        return None if value is None else coerce_enum(cls, value, what)

    return validate


def local_time_value(v: Any) -> Any:
    """The ``local_time`` constraint: a day/night/anytime option or [start, end] second ranges."""
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


class ConstraintFields(PayloadModel):
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
        return enum_validator(OrbitState, "asc_dsc")(v) or OrbitState.either

    @field_validator("look_direction", mode="before")
    @classmethod
    def _v_look(cls, v: Any) -> Any:
        value = enum_validator(ObservationDirection, "look_direction")(v)
        return value or ObservationDirection.either

    @field_validator("polarization", mode="before")
    @classmethod
    def _v_pol(cls, v: Any) -> Any:
        return enum_validator(Polarization, "polarization")(v)

    @field_validator("squint", mode="before")
    @classmethod
    def _v_squint(cls, v: Any) -> Any:
        return enum_validator(SquintMode, "squint")(v)

    @field_validator("orbital_planes", mode="before")
    @classmethod
    def _v_planes(cls, v: Any) -> Any:
        return None if v is None else coerce_enum_list(OrbitalPlane, v, "orbital_planes")

    @field_validator("local_time", mode="before")
    @classmethod
    def _v_local_time(cls, v: Any) -> Any:
        return local_time_value(v)

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
        out.update({k: wire_number(v) for k, v in optional.items() if v is not None})
        return out


def wire_number(value: Any) -> Any:
    # 5.0 → 5 so payloads read like the contract's examples.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def check_name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{what}: give the request a name", field=what)
    return value.strip()


def parse_product_types(value: Any) -> Optional[list[ProductType]]:
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

"""Access requests (opportunities) of Capella's Mission Awareness API: payload and responses.

``POST /ma/accessrequests/`` → poll ``GET /ma/accessrequests/{id}`` → ``GET /ma/accesses/{id}``.
Opportunities are physical access only (when a satellite can see the target under the
constraints), not a schedule: they ignore other tasking (Capella's docs say so too).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Optional, Union

from pydantic import Field, field_validator, model_validator

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.base import ApiModel
from capella_qgis.core.models.constraints import (
    PayloadModel,
    enum_validator,
    local_time_value,
    wire_number,
)
from capella_qgis.core.models.enums import (
    LocalTimeOption,
    ObservationDirection,
    OrbitalPlane,
    OrbitState,
)
from capella_qgis.core.timefmt import format_utc, parse_utc
from capella_qgis.core.validation import (
    check_not_past,
    check_number,
    coerce_enum_list,
    validate_tasking_geometry,
)

#: Shown wherever opportunities are: what they are and what they are not.
PHYSICAL_ACCESS_NOTE = (
    "Opportunities are physical access only: when a satellite can see the target under these "
    "constraints. They are not a schedule and ignore other tasking, so a request may still be "
    "collected at another time or not at all."
)
DEFAULT_ACCESS_WINDOW = timedelta(days=7)
#: processingStatus once the opportunities are ready.
COMPLETED = "completed"
ACCESSIBILITY_STATES = ("accessible", "inaccessible", "rejected")


class AccessRequestCreate(PayloadModel):
    """An access request: AOI, window and the constraints of ``accessConstraints``."""

    geometry: dict[str, Any]
    name: Optional[str] = None
    window_open: Optional[datetime] = None
    window_close: Optional[datetime] = None
    look_direction: ObservationDirection = ObservationDirection.either
    asc_dsc: OrbitState = OrbitState.either
    orbital_planes: Optional[list[OrbitalPlane]] = None
    local_time: Optional[Union[LocalTimeOption, list[list[int]]]] = None
    off_nadir_min: Optional[float] = None
    off_nadir_max: Optional[float] = None
    grazing_angle_min: Optional[float] = None
    grazing_angle_max: Optional[float] = None
    azimuth_angle_min: Optional[float] = None
    azimuth_angle_max: Optional[float] = None
    image_length: Optional[float] = None
    image_width: Optional[float] = None

    @field_validator("geometry", mode="before")
    @classmethod
    def _v_geometry(cls, v: Any) -> Any:
        return validate_tasking_geometry(v)

    @field_validator("window_open", "window_close", mode="before")
    @classmethod
    def _v_dates(cls, v: Any, info: Any) -> Any:
        return None if v is None else parse_utc(v, info.field_name or "date")

    @field_validator("look_direction", mode="before")
    @classmethod
    def _v_look(cls, v: Any) -> Any:
        value = enum_validator(ObservationDirection, "look_direction")(v)
        return value or ObservationDirection.either

    @field_validator("asc_dsc", mode="before")
    @classmethod
    def _v_asc_dsc(cls, v: Any) -> Any:
        return enum_validator(OrbitState, "asc_dsc")(v) or OrbitState.either

    @field_validator("orbital_planes", mode="before")
    @classmethod
    def _v_planes(cls, v: Any) -> Any:
        return None if v is None else coerce_enum_list(OrbitalPlane, v, "orbital_planes")

    @field_validator("local_time", mode="before")
    @classmethod
    def _v_local_time(cls, v: Any) -> Any:
        return local_time_value(v)

    @model_validator(mode="after")
    def _check(self) -> AccessRequestCreate:
        for lo, hi, top in (
            ("off_nadir_min", "off_nadir_max", 90.0),
            ("grazing_angle_min", "grazing_angle_max", 90.0),
        ):
            lo_v, hi_v = getattr(self, lo), getattr(self, hi)
            for name, value in ((lo, lo_v), (hi, hi_v)):
                if value is not None:
                    check_number(value, name, minimum=0, maximum=top)
            if lo_v is not None and hi_v is not None and lo_v >= hi_v:
                raise InputError(
                    f"{lo} ({lo_v:g}°) must be smaller than {hi} ({hi_v:g}°)", field=lo
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
        for name in ("image_length", "image_width"):
            value = getattr(self, name)
            if value is not None:
                check_number(value, name, minimum=0, exclusive_minimum=True)
        if self.window_open is None:
            self.window_open = datetime.now(timezone.utc).replace(microsecond=0)
        if self.window_close is None:
            self.window_close = self.window_open + DEFAULT_ACCESS_WINDOW
        if self.window_close <= self.window_open:
            raise InputError(
                f"window_close ({format_utc(self.window_close)}) must be after "
                f"window_open ({format_utc(self.window_open)})",
                field="window_close",
            )
        return self

    def checked(self, now: Optional[datetime] = None) -> AccessRequestCreate:
        """Validated again as it is now (for sending): a window already closed is refused."""
        fresh = AccessRequestCreate(**self.model_dump())
        if fresh.window_close is not None:
            check_not_past(fresh.window_close, "window_close", now)
        return fresh

    def constraints_payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "lookDirection": self.look_direction.value,
            "ascDsc": self.asc_dsc.value,
        }
        optional = {
            "orbitalPlanes": (
                [int(p) for p in self.orbital_planes] if self.orbital_planes is not None else None
            ),
            "localTime": (
                self.local_time.value
                if isinstance(self.local_time, LocalTimeOption)
                else self.local_time
            ),
            "offNadirMin": self.off_nadir_min,
            "offNadirMax": self.off_nadir_max,
            "grazingAngleMin": self.grazing_angle_min,
            "grazingAngleMax": self.grazing_angle_max,
            "azimuthAngleMin": self.azimuth_angle_min,
            "azimuthAngleMax": self.azimuth_angle_max,
            "imageLength": self.image_length,
            "imageWidth": self.image_width,
        }
        out.update({k: wire_number(v) for k, v in optional.items() if v is not None})
        return out

    def to_payload(self) -> dict[str, Any]:
        """The exact ``POST /ma/accessrequests/`` JSON body."""
        props: dict[str, Any] = {
            "windowOpen": format_utc(self.window_open),
            "windowClose": format_utc(self.window_close),
            "accessConstraints": self.constraints_payload(),
        }
        if self.name:
            props["accessrequestName"] = self.name
        return {"type": "Feature", "geometry": self.geometry, "properties": props}


class AccessRequest(ApiModel):
    """An access request as answered; fields read at the top level or under ``properties``.

    Public material shows both a Feature (properties) and flat objects; the id may be ``id``
    or ``accessrequestId``.
    """

    id: str
    geometry: Optional[dict[str, Any]] = None
    name: Optional[str] = Field(None, alias="accessrequestName")
    processing_status: Optional[str] = Field(None, alias="processingStatus")
    accessibility_status: Optional[str] = Field(None, alias="accessibilityStatus")
    accessibility_message: Optional[str] = Field(None, alias="accessibilityMessage")
    window_open: Optional[datetime] = Field(None, alias="windowOpen")
    window_close: Optional[datetime] = Field(None, alias="windowClose")
    access_constraints: Optional[dict[str, Any]] = Field(None, alias="accessConstraints")
    submission_time: Optional[datetime] = Field(None, alias="submissionTime")

    @model_validator(mode="before")
    @classmethod
    def _flatten(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        props = data.get("properties")
        merged = {**(props if isinstance(props, dict) else {}), **data}
        merged.pop("properties", None)
        if merged.get("id") is None:
            for key in ("accessrequestId", "accessRequestId"):
                if merged.get(key):
                    merged["id"] = merged[key]
                    break
        return merged

    @property
    def is_completed(self) -> bool:
        return (self.processing_status or "").lower() == COMPLETED

    @property
    def is_accessible(self) -> bool:
        return (self.accessibility_status or "").lower() == "accessible"


class OpportunityAccess(ApiModel):
    ascdsc: Optional[str] = None
    look_direction: Optional[str] = Field(None, alias="lookDirection")
    off_nadir_min: Optional[float] = Field(None, alias="offNadirMin")
    off_nadir_max: Optional[float] = Field(None, alias="offNadirMax")
    grazing_angle_min: Optional[float] = Field(None, alias="grazingAngleMin")
    grazing_angle_max: Optional[float] = Field(None, alias="grazingAngleMax")
    azimuth_open: Optional[float] = Field(None, alias="azimuthOpen")
    azimuth_close: Optional[float] = Field(None, alias="azimuthClose")
    local_time: Optional[float] = Field(None, alias="localTime")

    @model_validator(mode="before")
    @classmethod
    def _asc_dsc_spelling(cls, data: Any) -> Any:
        # Collects say ``ascdsc``; constraints say ``ascDsc``: read either.
        if isinstance(data, dict) and "ascdsc" not in data and "ascDsc" in data:
            data = {**data, "ascdsc": data["ascDsc"]}
        return data


class Opportunity(ApiModel):
    """One access: a pass of one spacecraft over the target."""

    access_id: Optional[str] = Field(None, alias="accessId")
    window_open: datetime = Field(alias="windowOpen")
    window_close: datetime = Field(alias="windowClose")
    window_open_local: Optional[str] = Field(None, alias="windowOpenLocal")
    window_close_local: Optional[str] = Field(None, alias="windowCloseLocal")
    spacecraft_id: Optional[Union[int, str]] = Field(None, alias="spacecraftId")
    orbital_plane: Optional[int] = Field(None, alias="orbitalPlane")
    access_properties: OpportunityAccess = Field(
        default_factory=lambda: OpportunityAccess.model_validate({}), alias="accessProperties"
    )
    center: Optional[list[float]] = None

    @property
    def duration_s(self) -> float:
        return (self.window_close - self.window_open).total_seconds()

    @property
    def group_key(self) -> tuple[Optional[int], Optional[str], Optional[str]]:
        acc = self.access_properties
        return (self.orbital_plane, acc.ascdsc, acc.look_direction)

    def constraints(self, margin: float = 0.0) -> dict[str, Any]:
        """Tasking-request parameters that aim at this pass (look, orbit, plane, off-nadir)."""
        return _constraints_for(
            self.orbital_plane,
            self.access_properties.ascdsc,
            self.access_properties.look_direction,
            self.access_properties.off_nadir_min,
            self.access_properties.off_nadir_max,
            margin,
        )


def _constraints_for(
    plane: Optional[int],
    ascdsc: Optional[str],
    look: Optional[str],
    on_min: Optional[float],
    on_max: Optional[float],
    margin: float,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if plane in {p.value for p in OrbitalPlane}:
        out["orbital_planes"] = [plane]
    if ascdsc in ("ascending", "descending"):
        out["asc_dsc"] = ascdsc
    if look in ("left", "right"):
        out["look_direction"] = look
    if on_min is not None and on_max is not None:
        lo = max(0.0, round(on_min - margin, 2))
        hi = min(90.0, round(on_max + margin, 2))
        if hi <= lo:  # a pass seen at one angle: give the request a degree to work with
            hi = min(90.0, lo + 1.0)
        out["off_nadir_min"], out["off_nadir_max"] = lo, hi
    return out


@dataclass
class OpportunityGroup:
    """Passes of one (orbital plane, asc/desc, look direction), grouped as in Capella's
    access-request notebook."""

    orbital_plane: Optional[int]
    ascdsc: Optional[str]
    look_direction: Optional[str]
    opportunities: list[Opportunity] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.opportunities)

    @property
    def first_open(self) -> Optional[datetime]:
        return min((o.window_open for o in self.opportunities), default=None)

    @property
    def off_nadir_range(self) -> tuple[Optional[float], Optional[float]]:
        lows = [o.access_properties.off_nadir_min for o in self.opportunities]
        highs = [o.access_properties.off_nadir_max for o in self.opportunities]
        lo = [v for v in lows if v is not None]
        hi = [v for v in highs if v is not None]
        return (min(lo) if lo else None, max(hi) if hi else None)

    def constraints(self, margin: float = 0.0) -> dict[str, Any]:
        lo, hi = self.off_nadir_range
        return _constraints_for(
            self.orbital_plane, self.ascdsc, self.look_direction, lo, hi, margin
        )


def group_opportunities(opportunities: Iterable[Opportunity]) -> list[OpportunityGroup]:
    """Groups by (plane, asc/desc, look), most passes first, then earliest first."""
    groups: dict[tuple[Any, Any, Any], OpportunityGroup] = {}
    for opp in opportunities:
        key = opp.group_key
        if key not in groups:
            groups[key] = OpportunityGroup(*key)
        groups[key].opportunities.append(opp)
    far = datetime.max.replace(tzinfo=timezone.utc)
    return sorted(
        groups.values(),
        key=lambda g: (-g.count, g.first_open or far, str(g.orbital_plane), str(g.ascdsc)),
    )


@dataclass
class OpportunityResult:
    """A finished access request and its opportunities."""

    request: AccessRequest
    opportunities: list[Opportunity]
    note: str = PHYSICAL_ACCESS_NOTE

    @property
    def groups(self) -> list[OpportunityGroup]:
        return group_opportunities(self.opportunities)

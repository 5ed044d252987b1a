"""Pydantic models of tasking request, repeat request and collect responses (§8, §9)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Optional, Union

import pydantic
from pydantic import Field, model_validator

from capella_qgis.core.models.base import ApiModel
from capella_qgis.core.models.enums import CANCELABLE_STATUSES, FINAL_STATUSES, TaskingRequestStatus
from capella_qgis.core.timefmt import to_utc

#: ``transactionStatus`` of a request whose cost estimate waits for the customer's answer.
PENDING_APPROVAL = "pending-customer-approval"
_MONEY_RE = re.compile(
    r"^\s*(?P<sym>[^\d\s.,-]*)\s*(?P<num>-?[\d,]*\.?\d*)\s*(?P<cur>[A-Za-z]{3})?\s*$"
)


class StatusEvent(ApiModel):
    time: Optional[datetime] = None
    code: str
    message: Optional[str] = None


class CollectConstraints(ApiModel):
    """Constraints as the server echoes them; enum-like values stay ``str`` (legacy data)."""

    look_direction: Optional[str] = Field(None, alias="lookDirection")
    asc_dsc: Optional[str] = Field(None, alias="ascDsc")
    orbital_planes: Optional[list[int]] = Field(None, alias="orbitalPlanes")
    # Either a LocalTimeOption string or [[startSec, endSec], ...].
    local_time: Optional[Union[str, list[list[float]]]] = Field(None, alias="localTime")
    off_nadir_min: Optional[float] = Field(None, alias="offNadirMin")
    off_nadir_max: Optional[float] = Field(None, alias="offNadirMax")
    image_width: Optional[float] = Field(None, alias="imageWidth")
    image_length: Optional[float] = Field(None, alias="imageLength")
    polarization: Optional[str] = None
    azimuth_angle_min: Optional[float] = Field(None, alias="azimuthAngleMin")
    azimuth_angle_max: Optional[float] = Field(None, alias="azimuthAngleMax")
    squint: Optional[str] = None
    max_squint_angle: Optional[float] = Field(None, alias="maxSquintAngle")
    collect_mode: Optional[str] = Field(None, alias="collectMode")


def parse_money(text: Any) -> Optional[Decimal]:
    """``"$1,000.00"`` → ``Decimal("1000.00")``; None when it is not an amount."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return Decimal(str(text))
    if not isinstance(text, str):
        return None
    m = _MONEY_RE.match(text)
    if not m or not any(ch.isdigit() for ch in m.group("num")):
        return None
    try:
        return Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:
        return None


def money_currency(text: Any) -> Optional[str]:
    """The currency symbol or code of an amount as the Console writes it (``$``, ``USD``)."""
    if not isinstance(text, str):
        return None
    m = _MONEY_RE.match(text)
    if not m:
        return None
    return m.group("cur") or m.group("sym") or None


class AccountingSize(ApiModel):
    unit: Optional[str] = None
    value: Optional[float] = None

    @property
    def km2(self) -> Optional[float]:
        """The size in km² (units ``sqkm``/``km2``, or ``sqm``/``m2`` converted)."""
        if self.value is None:
            return None
        unit = (self.unit or "sqkm").lower().replace("_", "")
        if unit in ("sqkm", "km2", "squarekilometers", "squarekilometer"):
            return float(self.value)
        if unit in ("sqm", "m2"):
            return float(self.value) / 1e6
        return None


class OrderLineItem(ApiModel):
    task_id: Optional[str] = Field(None, alias="taskId")
    accounting_size: Optional[AccountingSize] = Field(None, alias="accountingSize")
    collection_tier: Optional[str] = Field(None, alias="collectionTier")


class OrderSummary(ApiModel):
    total: Optional[str] = None
    subtotal: Optional[str] = None

    @pydantic.field_validator("total", "subtotal", mode="before")
    @classmethod
    def _as_text(cls, v: Any) -> Any:
        # A bare number is an amount too; keep one text form.
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return f"{v:,.2f}"
        return v

    @property
    def total_amount(self) -> Optional[Decimal]:
        return parse_money(self.total)

    @property
    def subtotal_amount(self) -> Optional[Decimal]:
        return parse_money(self.subtotal)

    @property
    def currency(self) -> Optional[str]:
        return money_currency(self.total) or money_currency(self.subtotal)


class TaskingCostEstimate(ApiModel):
    """The ``order`` block of a tasking request once its cost estimate is ready.

    ``lineItems`` is read at ``order.lineItems`` (Capella's fixtures) or
    ``order.summary.lineItems`` (the docs' wording): both shapes are in public material.
    """

    summary: OrderSummary = Field(default_factory=OrderSummary)
    line_items: list[OrderLineItem] = Field(default_factory=list, alias="lineItems")
    archive_holdback: Optional[str] = Field(None, alias="archiveHoldback")

    @model_validator(mode="before")
    @classmethod
    def _line_items_anywhere(cls, data: Any) -> Any:
        if isinstance(data, dict) and "lineItems" not in data and "line_items" not in data:
            summary = data.get("summary")
            if isinstance(summary, dict) and isinstance(summary.get("lineItems"), list):
                data = {**data, "lineItems": summary["lineItems"]}
        return data

    @property
    def total(self) -> Optional[str]:
        return self.summary.total

    @property
    def total_amount(self) -> Optional[Decimal]:
        return self.summary.total_amount

    @property
    def area_km2(self) -> Optional[float]:
        """Sum of the line items' accounting sizes (km²); None when none is known."""
        sizes = [li.accounting_size.km2 for li in self.line_items if li.accounting_size]
        known = [s for s in sizes if s is not None]
        return round(sum(known), 6) if known else None


#: Capella's cancellation policy (support "What is the tasking cancellation policy"): hours
#: before the first collect → fraction of the price charged. Under 12 h: not cancellable.
CANCELLATION_SCHEDULE: tuple[tuple[float, Optional[float]], ...] = (
    (72.0, 0.0),
    (12.0, 0.25),
    (0.0, None),
)


FeePeriod = tuple[Optional[datetime], Optional[datetime], Optional[float]]


def cancellation_periods(first_collect: datetime) -> list[FeePeriod]:
    """``(from, until, fraction)`` of each period of :data:`CANCELLATION_SCHEDULE` before
    ``first_collect``: ``from`` None is since the request was made, ``until`` None is up to
    the collect, ``fraction`` None is not cancellable."""
    out: list[FeePeriod] = []
    start: Optional[datetime] = None
    for hours, fraction in CANCELLATION_SCHEDULE:
        until = None if fraction is None else first_collect - timedelta(hours=hours)
        out.append((start, until, fraction))
        start = until
    return out


def cancellation_fee_fraction(first_collect: Optional[datetime], at: datetime) -> Optional[float]:
    """Fraction charged when cancelling at ``at``; None when no longer cancellable.

    Without a predicted collect time the request is free to cancel (nothing is scheduled).
    """
    if first_collect is None:
        return 0.0
    hours = (to_utc(first_collect) - to_utc(at)) / timedelta(hours=1)
    for threshold, fraction in CANCELLATION_SCHEDULE:
        if hours > threshold:
            return fraction
    return None


class ConflictingTask(ApiModel):
    """Another live request of the organization that may compete for the same pass."""

    taskingrequest_id: Optional[str] = Field(None, alias="taskingrequestId")
    name: Optional[str] = Field(None, alias="taskingrequestName")
    collection_tier: Optional[str] = Field(None, alias="collectionTier")
    status: Optional[str] = None
    window_open: Optional[datetime] = Field(None, alias="windowOpen")
    window_close: Optional[datetime] = Field(None, alias="windowClose")
    distance_km: Optional[float] = Field(None, alias="distanceKm")


class ProcessingConfig(ApiModel):
    product_types: Optional[list[str]] = Field(None, alias="productTypes")


class _StatusMixin:
    status_history: list[StatusEvent]

    @property
    def status(self) -> Optional[str]:
        """Current status: the newest (first) entry of the history."""
        return self.status_history[0].code if self.status_history else None

    @property
    def is_completed(self) -> bool:
        # Any 'completed' entry counts (the SDK's rule; a TR may complete twice).
        return any(ev.code == TaskingRequestStatus.completed.value for ev in self.status_history)

    @property
    def is_cancelable(self) -> bool:
        return self.status in {s.value for s in CANCELABLE_STATUSES}

    @property
    def is_final(self) -> bool:
        return self.status in {s.value for s in FINAL_STATUSES}


class TaskingRequestProperties(_StatusMixin, ApiModel):
    taskingrequest_id: str = Field(alias="taskingrequestId")
    name: Optional[str] = Field(None, alias="taskingrequestName")
    description: Optional[str] = Field(None, alias="taskingrequestDescription")
    submission_time: Optional[datetime] = Field(None, alias="submissionTime")
    user_id: Optional[str] = Field(None, alias="userId")
    org_id: Optional[str] = Field(None, alias="orgId")
    repeatrequest_id: Optional[str] = Field(None, alias="repeatrequestId")
    window_open: Optional[datetime] = Field(None, alias="windowOpen")
    window_close: Optional[datetime] = Field(None, alias="windowClose")
    window_duration: Optional[float] = Field(None, alias="windowDuration")
    collection_tier: Optional[str] = Field(None, alias="collectionTier")
    collection_type: Optional[str] = Field(None, alias="collectionType")
    archive_holdback: Optional[str] = Field(None, alias="archiveHoldback")
    custom_attribute_1: Optional[Any] = Field(None, alias="customAttribute1")
    custom_attribute_2: Optional[Any] = Field(None, alias="customAttribute2")
    processing_config: Optional[ProcessingConfig] = Field(None, alias="processingConfig")
    status_history: list[StatusEvent] = Field(default_factory=list, alias="statusHistory")
    collect_constraints: Optional[CollectConstraints] = Field(None, alias="collectConstraints")
    type: Optional[str] = None
    # Responses say ``preApproval``; the SDK's ``pre_approval`` is read too (by field name).
    pre_approval: Optional[bool] = Field(None, alias="preApproval")
    transaction_status: Optional[str] = Field(None, alias="transactionStatus")
    sandbox: Optional[bool] = None
    order: Optional[dict[str, Any]] = None
    contract_id: Optional[str] = Field(None, alias="contractId")
    conflicting_tasks: Optional[list[ConflictingTask]] = Field(None, alias="conflictingTasks")
    retasked_from: Optional[dict[str, Any]] = Field(None, alias="retaskedFrom")

    @property
    def cost_estimate(self) -> Optional[TaskingCostEstimate]:
        """The typed ``order`` block (None before the estimate, or when it cannot be read)."""
        if not isinstance(self.order, dict):
            return None
        try:
            return TaskingCostEstimate.model_validate(self.order)
        except pydantic.ValidationError:
            return None


class TaskingRequest(ApiModel):
    type: str = "Feature"
    geometry: Optional[dict[str, Any]] = None
    properties: TaskingRequestProperties

    @property
    def id(self) -> str:
        return self.properties.taskingrequest_id

    @property
    def status(self) -> Optional[str]:
        return self.properties.status

    @property
    def is_completed(self) -> bool:
        return self.properties.is_completed

    @property
    def is_cancelable(self) -> bool:
        return self.properties.is_cancelable

    @property
    def awaiting_approval(self) -> bool:
        """In ``review`` with a cost estimate waiting for the customer's approve / reject."""
        return awaiting_approval(self.properties.status, self.properties.transaction_status)

    @property
    def cost_estimate(self) -> Optional[TaskingCostEstimate]:
        return self.properties.cost_estimate

    @property
    def conflicting_tasks(self) -> list[ConflictingTask]:
        return list(self.properties.conflicting_tasks or [])

    def to_feature(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


def awaiting_approval(status: Optional[str], transaction_status: Optional[str]) -> bool:
    # ``review`` is where the Console waits for the customer; a transaction status other
    # than pending approval (e.g. an internal review) is not the customer's to answer.
    return status == TaskingRequestStatus.review.value and transaction_status in (
        None,
        PENDING_APPROVAL,
    )


class RepetitionProperties(ApiModel):
    repeat_start: Optional[datetime] = Field(None, alias="repeatStart")
    repeat_end: Optional[datetime] = Field(None, alias="repeatEnd")
    repetition_interval: Optional[int] = Field(None, alias="repetitionInterval")
    repetition_count: Optional[int] = Field(None, alias="repetitionCount")
    maintain_scene_framing: Optional[bool] = Field(None, alias="maintainSceneFraming")
    look_angle_tolerance: Optional[float] = Field(None, alias="lookAngleTolerance")
    azimuth_angle_tolerance: Optional[float] = Field(None, alias="azimuthAngleTolerance")


class InsarProperties(ApiModel):
    orbit: Optional[str] = None


class RepeatRequestProperties(_StatusMixin, ApiModel):
    repeatrequest_id: str = Field(alias="repeatrequestId")
    name: Optional[str] = Field(None, alias="repeatrequestName")
    description: Optional[str] = Field(None, alias="repeatrequestDescription")
    submission_time: Optional[datetime] = Field(None, alias="submissionTime")
    user_id: Optional[str] = Field(None, alias="userId")
    org_id: Optional[str] = Field(None, alias="orgId")
    window_duration: Optional[float] = Field(None, alias="windowDuration")
    repetition_properties: Optional[RepetitionProperties] = Field(
        None, alias="repetitionProperties"
    )
    collection_tier: Optional[str] = Field(None, alias="collectionTier")
    collection_type: Optional[str] = Field(None, alias="collectionType")
    archive_holdback: Optional[str] = Field(None, alias="archiveHoldback")
    status_history: list[StatusEvent] = Field(default_factory=list, alias="statusHistory")
    collect_constraints: Optional[CollectConstraints] = Field(None, alias="collectConstraints")
    processing_config: Optional[ProcessingConfig] = Field(None, alias="processingConfig")
    insar: Optional[InsarProperties] = None
    custom_attribute_1: Optional[Any] = Field(None, alias="customAttribute1")
    custom_attribute_2: Optional[Any] = Field(None, alias="customAttribute2")
    cost_per_image_estimate: Optional[str] = Field(None, alias="costPerImageEstimate")
    contract_id: Optional[str] = Field(None, alias="contractId")
    transaction_status: Optional[str] = Field(None, alias="transactionStatus")

    @property
    def cost_per_image_amount(self) -> Optional[Decimal]:
        return parse_money(self.cost_per_image_estimate)


class RepeatRequest(ApiModel):
    type: str = "Feature"
    geometry: Optional[dict[str, Any]] = None
    properties: RepeatRequestProperties

    @property
    def id(self) -> str:
        return self.properties.repeatrequest_id

    @property
    def status(self) -> Optional[str]:
        return self.properties.status

    @property
    def is_cancelable(self) -> bool:
        return self.properties.is_cancelable

    @property
    def awaiting_approval(self) -> bool:
        """In ``review`` with its per-image cost estimate waiting for the customer."""
        return awaiting_approval(self.properties.status, self.properties.transaction_status)

    def to_feature(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


#: The collect states in order (docs "Tasking Request Status"); ``processing`` is in fixtures.
COLLECT_STATES = ("predicted", "tasked", "collected", "processing", "qa", "delivered")


class Collect(ApiModel):
    collect_id: str = Field(alias="collectId")
    taskingrequest_id: Optional[str] = Field(None, alias="taskingrequestId")
    repeatrequest_id: Optional[str] = Field(None, alias="repeatrequestId")
    spacecraft_id: Optional[int] = Field(None, alias="spacecraftId")
    window_open: Optional[datetime] = Field(None, alias="windowOpen")
    window_close: Optional[datetime] = Field(None, alias="windowClose")
    window_duration: Optional[float] = Field(None, alias="windowDuration")
    access_properties: Optional[dict[str, Any]] = Field(None, alias="accessProperties")
    collect_properties: Optional[dict[str, Any]] = Field(None, alias="collectProperties")
    collect_status_history: list[StatusEvent] = Field(
        default_factory=list, alias="collectStatusHistory"
    )
    center: Optional[list[float]] = None

    @property
    def status(self) -> Optional[str]:
        history = self.collect_status_history
        return history[0].code if history else None

    def history(self) -> list[StatusEvent]:
        """Oldest first (the Console sends newest first); entries without a time keep order."""
        events = list(reversed(self.collect_status_history))
        if all(ev.time is not None for ev in events):
            events.sort(key=lambda ev: to_utc(ev.time))  # type: ignore[arg-type]
        return events

    def time_of(self, code: str) -> Optional[datetime]:
        """When the collect (last) reached ``code``; None if it has not."""
        for ev in self.collect_status_history:
            if ev.code == code:
                return ev.time
        return None

    @property
    def is_delivered(self) -> bool:
        return self.status == "delivered"


class TaskingRequestSearchPage(ApiModel):
    results: list[TaskingRequest]
    current_page: int = Field(alias="currentPage")
    total_pages: int = Field(alias="totalPages")


class RepeatRequestSearchPage(ApiModel):
    results: list[RepeatRequest]
    current_page: int = Field(alias="currentPage")
    total_pages: int = Field(alias="totalPages")

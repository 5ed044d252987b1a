"""Pydantic models of tasking request, repeat request and collect responses (§8, §9)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional, Union

from pydantic import Field

from capella_qgis.core.models.base import ApiModel
from capella_qgis.core.models.enums import CANCELABLE_STATUSES, FINAL_STATUSES, TaskingRequestStatus


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
    pre_approval: Optional[bool] = Field(None, alias="preApproval")
    transaction_status: Optional[str] = Field(None, alias="transactionStatus")
    sandbox: Optional[bool] = None
    order: Optional[dict[str, Any]] = None
    contract_id: Optional[str] = Field(None, alias="contractId")


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

    def to_feature(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


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

    def to_feature(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


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

    @property
    def status(self) -> Optional[str]:
        history = self.collect_status_history
        return history[0].code if history else None


class TaskingRequestSearchPage(ApiModel):
    results: list[TaskingRequest]
    current_page: int = Field(alias="currentPage")
    total_pages: int = Field(alias="totalPages")


class RepeatRequestSearchPage(ApiModel):
    results: list[RepeatRequest]
    current_page: int = Field(alias="currentPage")
    total_pages: int = Field(alias="totalPages")

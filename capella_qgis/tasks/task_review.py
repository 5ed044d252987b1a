"""QgsTasks of the cost review (#14): read an estimate, answer it, retask, read collect history.

Each task opens its client from the ``client`` it is given (a client or a factory) and closes
it when it ends (see ``BaseTask.open_client``). Nothing here approves without the total the
user saw: an approval is refused before it starts without one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional, Union

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.workflows.tasking import (
    KIND_REPEAT,
    KIND_TASKING,
    answer_cost_review,
    retask,
)
from capella_qgis.tasks.clients import ClientSource
from capella_qgis.tasks.task_base import BaseTask, ErrorCallback, SuccessCallback
from capella_qgis.toolbelt.compat import tr

if TYPE_CHECKING:
    from capella_qgis.core.api.tasking import CostReview
    from capella_qgis.core.models.base import Records
    from capella_qgis.core.models.payloads import RetaskOverrides
    from capella_qgis.core.models.tasking import Collect, RepeatRequest, TaskingRequest

__all__ = [
    "AnswerReviewTask",
    "CollectHistoryTask",
    "CostReviewTask",
    "RepeatCostReview",
    "RetaskTask",
    "Review",
    "ReviewAnswer",
]


@dataclass
class RepeatCostReview:
    """A repeat request's review: the Console estimates a price per image, not a total."""

    request: RepeatRequest

    @property
    def estimate(self) -> Optional[str]:
        return self.request.properties.cost_per_image_estimate

    @property
    def awaiting_approval(self) -> bool:
        return self.request.awaiting_approval


# What the cost dialog shows: a tasking request's CostReview or a repeat request's.
Review = Union["CostReview", RepeatCostReview]


@dataclass
class ReviewAnswer:
    """The outcome of an answer: the request as it is now, or, when the price changed since
    it was shown, the new review to show instead (nothing was answered then)."""

    request_id: str
    approve: bool
    request: Optional[Any] = None  # TaskingRequest or RepeatRequest
    changed: Optional[Review] = None
    message: str = ""


def _read_review(client: Any, request_id: str, kind: str) -> Review:
    if kind == KIND_REPEAT:
        return RepeatCostReview(client.tasking.get_repeat_request(request_id))
    review: CostReview = client.tasking.get_cost_review(request_id)
    return review


class CostReviewTask(BaseTask):
    """The estimate of a request in ``review``; result: :data:`Review`."""

    def __init__(
        self,
        request_id: str,
        *,
        kind: str = KIND_TASKING,
        client: Optional[ClientSource] = None,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        super().__init__(
            tr("Capella: reading the cost estimate"), on_success=on_success, on_error=on_error
        )
        self.request_id = request_id
        self.kind = kind
        self.client = self.open_client(client)

    def _run(self) -> Review:
        return _read_review(self.client, self.request_id, self.kind)


class AnswerReviewTask(BaseTask):
    """Approve (only at ``expected_total``, the price the user saw) or reject an estimate.

    Result: :class:`ReviewAnswer`. A price that changed since it was shown is not approved:
    the answer carries the new review, for the dialog to show and ask again.
    """

    def __init__(
        self,
        request_id: str,
        approve: bool,
        *,
        expected_total: Optional[str] = None,
        kind: str = KIND_TASKING,
        client: Optional[ClientSource] = None,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        if approve and not expected_total:
            # Refused before anything is sent: an approval is always of a price seen.
            raise InputError(
                tr("Approve: the price was not shown yet; review the cost first."),
                field="expected_total",
            )
        label = tr("approving") if approve else tr("rejecting")
        super().__init__(
            tr("Capella: {action} the cost estimate").format(action=label),
            on_success=on_success,
            on_error=on_error,
        )
        self.request_id = request_id
        self.approve = approve
        self.expected_total = expected_total
        self.kind = kind
        self.client = self.open_client(client)

    def _run(self) -> ReviewAnswer:
        out = ReviewAnswer(self.request_id, self.approve)
        try:
            if self.kind == KIND_REPEAT:
                out.request = self._answer_repeat()
            else:
                out.request = answer_cost_review(
                    self.client,
                    self.request_id,
                    self.approve,
                    expected_total=self.expected_total if self.approve else None,
                )
        except InputError as exc:
            if exc.field != "expected_total":
                raise
            out.changed = _read_review(self.client, self.request_id, self.kind)
            out.message = exc.message
        return out

    def _answer_repeat(self) -> RepeatRequest:
        from capella_qgis.core.models.tasking import parse_money

        tasking = self.client.tasking
        if self.approve:
            # The core checks a tasking request's total; a repeat request's per-image price
            # is checked here the same way, since approve_repeat_request takes no amount.
            now = tasking.get_repeat_request(self.request_id).properties
            if now.cost_per_image_amount != parse_money(self.expected_total):
                raise InputError(
                    f"expected_total: the estimate is now {now.cost_per_image_estimate or '-'} "
                    f"per image, not {self.expected_total}; review it again before answering",
                    field="expected_total",
                )
            tasking.approve_repeat_request(self.request_id)
        else:
            tasking.reject_repeat_request(self.request_id)
        answered: RepeatRequest = tasking.get_repeat_request(self.request_id)
        return answered


class RetaskTask(BaseTask):
    """A new tasking request like a completed request or a delivered collect; result: the
    created TaskingRequest (it then goes through the cost review like any other)."""

    def __init__(
        self,
        *,
        tasking_request_id: Optional[str] = None,
        collect_id: Optional[str] = None,
        overrides: Union[RetaskOverrides, Mapping[str, Any], None] = None,
        client: Optional[ClientSource] = None,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        from capella_qgis.core.models.payloads import RetaskOverrides

        super().__init__(
            tr("Capella: creating a retask request"), on_success=on_success, on_error=on_error
        )
        if (tasking_request_id is None) == (collect_id is None):
            raise InputError(
                "retask: give a tasking request id or a collect id (one of them)",
                field="tasking_request_id",
            )
        # Validated on the main thread, so bad overrides never start a task.
        if overrides is None or isinstance(overrides, RetaskOverrides):
            self.overrides = (overrides or RetaskOverrides()).checked()
        else:
            self.overrides = RetaskOverrides(**dict(overrides)).checked()
        self.tasking_request_id = tasking_request_id
        self.collect_id = collect_id
        self.client = self.open_client(client)

    def _run(self) -> TaskingRequest:
        return retask(
            self.client,
            tasking_request_id=self.tasking_request_id,
            collect_id=self.collect_id,
            overrides=self.overrides.model_dump(exclude_none=True),
        )


class CollectHistoryTask(BaseTask):
    """The collects of a tasking request with their status history; result: ``Records``."""

    def __init__(
        self,
        tasking_request_id: str,
        *,
        client: Optional[ClientSource] = None,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        super().__init__(
            tr("Capella: reading the collect history"), on_success=on_success, on_error=on_error
        )
        self.tasking_request_id = tasking_request_id
        self.client = self.open_client(client)

    def _run(self) -> Records[Collect]:
        collects: Records[Collect] = self.client.tasking.get_collect_history(
            self.tasking_request_id
        )
        return collects

"""QgsTasks for tasking/repeat requests: create, search (paged), bulk update/cancel, poll, and
the opportunities (access request) check.

Each task opens its client from the ``client`` it is given (a client or a factory) and closes
it when it ends (see ``BaseTask.open_client``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Optional, Union

from qgis.PyQt.QtCore import pyqtSignal

from capella_qgis.core.api.tasking import BulkResult
from capella_qgis.core.models.access import AccessRequest, AccessRequestCreate, OpportunityResult
from capella_qgis.core.models.payloads import RepeatRequestUpdate, TaskingRequestUpdate
from capella_qgis.core.workflows.tasking import (
    KIND_REPEAT,
    KIND_TASKING,
    Request,
    build_access_request,
    check_opportunities,
    create_request,
    kind_of,
)
from capella_qgis.tasks.clients import ClientSource
from capella_qgis.tasks.task_base import BaseTask, ErrorCallback, SuccessCallback
from capella_qgis.toolbelt.compat import tr

__all__ = [
    "KIND_REPEAT",
    "KIND_TASKING",
    "BulkReport",
    "BulkRequestsTask",
    "CheckOpportunitiesTask",
    "CreateRequestTask",
    "FetchContractsTask",
    "PollRequestsTask",
    "RequestSearch",
    "SearchRequestsTask",
]


class CreateRequestTask(BaseTask):
    """``POST /task`` or ``POST /repeat-requests``; result: the created request model."""

    def __init__(
        self,
        request: Request,
        *,
        client: Optional[ClientSource] = None,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        kind = tr("repeat request") if kind_of(request) == KIND_REPEAT else tr("tasking request")
        super().__init__(
            tr("Capella: creating {kind}").format(kind=kind),
            on_success=on_success,
            on_error=on_error,
        )
        self.request = request
        self.client = self.open_client(client)

    def _run(self) -> Any:
        return create_request(self.client, self.request)


class CheckOpportunitiesTask(BaseTask):
    """Access request → wait for the Console → its opportunities; result: OpportunityResult.

    The wait (back-off polling, up to ``timeout`` s) is the core client's; this task hands it
    ``isCanceled``, so a cancel ends it within a moment (there is no server-side cancel: the
    access request is only no longer waited for). ``statusChanged(status, seconds)`` reports
    each poll (``queued``, ``processing``, ``completed``) from the worker thread.
    """

    statusChanged = pyqtSignal(str, float)  # processingStatus, seconds waited so far

    def __init__(
        self,
        request: Union[AccessRequestCreate, Mapping[str, Any]],
        *,
        timeout: Optional[float] = None,
        client: Optional[ClientSource] = None,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        super().__init__(
            tr("Capella: checking opportunities"),
            on_success=on_success,
            on_error=on_error,
            flags=BaseTask.Flag.CanCancel,
        )
        # Validated on the main thread: bad input never starts a task (the runner reports it).
        self.request = (
            request if isinstance(request, AccessRequestCreate) else build_access_request(request)
        )
        self.timeout = timeout
        self.client = self.open_client(client)

    def _progress(self, access_request: AccessRequest, elapsed: float) -> None:
        self.statusChanged.emit(access_request.processing_status or "", float(elapsed))

    def _run(self) -> OpportunityResult:
        result = check_opportunities(
            self.client,
            self.request,
            is_cancelled=self.isCanceled,
            progress=self._progress,
            timeout=self.timeout,
        )
        self.setProgress(100.0)
        return result


class FetchContractsTask(BaseTask):
    """``GET /organization``; result: ``[(contract id, name), ...]``, None when not served.

    An organization without listed contracts also gives None: the form then accepts any
    contract id (the server decides) instead of refusing every one.
    """

    def __init__(
        self,
        *,
        client: Optional[ClientSource] = None,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        super().__init__(
            tr("Capella: loading the organization's contracts"),
            on_success=on_success,
            on_error=on_error,
        )
        self.client = self.open_client(client)

    def _run(self) -> Optional[list[tuple[str, str]]]:
        organization = self.client.account.get_organization()
        if organization is None or not organization.contracts:
            return None
        return [(c.id, c.name or "") for c in organization.contracts]


@dataclass
class RequestSearch:
    """What the Requests dock asks for; ``kinds`` ⊆ {tasking, repeat}."""

    kinds: tuple[str, ...] = (KIND_TASKING, KIND_REPEAT)
    for_org: bool = False
    tr_filters: dict[str, Any] = field(default_factory=dict)
    rr_filters: dict[str, Any] = field(default_factory=dict)
    page_size: int = 250


class SearchRequestsTask(BaseTask):
    """Paged TR/RR searches; result: ``{"tasking": [...], "repeat": [...]}``."""

    def __init__(
        self,
        search: RequestSearch,
        *,
        client: Optional[ClientSource] = None,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        super().__init__(
            tr("Capella: searching requests"), on_success=on_success, on_error=on_error
        )
        self.search = search
        self.client = self.open_client(client)

    def _progress(self, done: int, total: int, _count: int) -> None:
        self.check_cancelled()
        self.report_progress(done, total)

    def _run(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {KIND_TASKING: [], KIND_REPEAT: []}
        s = self.search
        if KIND_TASKING in s.kinds:
            out[KIND_TASKING] = self.client.tasking.search_tasking_requests(
                s.tr_filters, for_org=s.for_org, page_size=s.page_size, progress=self._progress
            )
        self.check_cancelled()
        if KIND_REPEAT in s.kinds:
            out[KIND_REPEAT] = self.client.tasking.search_repeat_requests(
                s.rr_filters, for_org=s.for_org, page_size=s.page_size, progress=self._progress
            )
        return out


@dataclass
class BulkReport:
    """Per-id outcomes of one bulk action over TRs and RRs."""

    action: str
    results: dict[str, BulkResult] = field(default_factory=dict)

    @property
    def succeeded(self) -> list[str]:
        return [i for r in self.results.values() for i in r.succeeded]

    @property
    def failed(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for result in self.results.values():
            out.update(result.failed)
        return out

    def lines(self) -> list[str]:
        """Human-readable lines: failures with their reason, then successes."""
        lines = [
            tr("✗ {id}: {reason}").format(id=i, reason=getattr(e, "message", str(e)))
            for i, e in self.failed.items()
        ]
        lines += [tr("✓ {id}").format(id=i) for i in self.succeeded]
        return lines


class BulkRequestsTask(BaseTask):
    """Update or cancel many TRs/RRs (≤ 10 in flight each, via the core client)."""

    def __init__(
        self,
        action: str,
        ids: dict[str, list[str]],
        update: Optional[dict[str, Any]] = None,
        *,
        client: Optional[ClientSource] = None,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        if action not in ("update", "cancel"):
            raise ValueError(action)
        label = tr("updating") if action == "update" else tr("cancelling")
        super().__init__(
            tr("Capella: {action} requests").format(action=label),
            on_success=on_success,
            on_error=on_error,
        )
        self.action = action
        self.ids = {k: list(v) for k, v in ids.items() if v}
        # Validated on the main thread so a bad update never starts a task.
        self.tr_update = TaskingRequestUpdate(**(update or {}))
        self.rr_update = RepeatRequestUpdate(**(update or {}))
        self.client = self.open_client(client)

    def _run(self) -> BulkReport:
        report = BulkReport(self.action)
        total = len(self.ids)
        for done, (kind, ids) in enumerate(self.ids.items(), start=1):
            self.check_cancelled()
            if kind == KIND_TASKING:
                if self.action == "update":
                    result = self.client.tasking.update_tasking_requests(ids, self.tr_update)
                else:
                    result = self.client.tasking.cancel_tasking_requests(ids)
            elif self.action == "update":
                result = self.client.tasking.update_repeat_requests(ids, self.rr_update)
            else:
                result = self.client.tasking.cancel_repeat_requests(ids)
            report.results[kind] = result
            self.report_progress(done, total)
        return report


class PollRequestsTask(BaseTask):
    """Current status of known requests; result: ``{id: (kind, request model)}``."""

    def __init__(
        self,
        ids: dict[str, list[str]],
        *,
        for_org: bool = False,
        client: Optional[ClientSource] = None,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        super().__init__(
            tr("Capella: checking request status"),
            on_success=on_success,
            on_error=on_error,
            flags=BaseTask.Flag.CanCancel,
        )
        self.ids = {k: list(v) for k, v in ids.items() if v}
        self.for_org = for_org
        self.client = self.open_client(client)

    def _run(self) -> dict[str, tuple[str, Any]]:
        out: dict[str, tuple[str, Any]] = {}
        tr_ids = self.ids.get(KIND_TASKING)
        if tr_ids:
            for tasking in self.client.tasking.search_tasking_requests(
                {"tasking_request_id": tr_ids}, for_org=self.for_org
            ):
                out[tasking.id] = (KIND_TASKING, tasking)
        self.check_cancelled()
        rr_ids = self.ids.get(KIND_REPEAT)
        if rr_ids:
            for repeat in self.client.tasking.search_repeat_requests(
                {"repeat_request_id": rr_ids}, for_org=self.for_org
            ):
                out[repeat.id] = (KIND_REPEAT, repeat)
        return out

"""Tasking and repeat request endpoints (contract §8, §9)."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Callable, Optional, TypeVar, Union

from capella_qgis.core.api.account import AccountApi
from capella_qgis.core.api.http import IsCancelled, cancellable_wait
from capella_qgis.core.api.request_filters import (
    _RR_FILTERS,
    _TR_FILTERS,
    encode_request_filters,
)
from capella_qgis.core.api.session import ApiSession
from capella_qgis.core.exceptions import (
    CancelledError,
    CapellaError,
    InputError,
    MalformedResponseError,
    NotFoundError,
    TaskNotCompleteError,
    ValidationError,
)
from capella_qgis.core.models.access import (
    AccessRequest,
    AccessRequestCreate,
    Opportunity,
    OpportunityResult,
)
from capella_qgis.core.models.base import (
    Records,
    key_at,
    parse_model,
    parse_records,
    problems_of,
)
from capella_qgis.core.models.enums import (
    BULK_UPDATE_CONCURRENCY,
    TASKING_SEARCH_CONCURRENCY,
    TASKING_SEARCH_PAGE_SIZE,
)
from capella_qgis.core.models.payloads import (
    PRE_APPROVAL_KEY,
    PRE_APPROVAL_KEY_SDK,
    RepeatRequestCreate,
    RepeatRequestUpdate,
    RetaskOverrides,
    TaskingRequestCreate,
    TaskingRequestUpdate,
)
from capella_qgis.core.models.tasking import (
    Collect,
    ConflictingTask,
    RepeatRequest,
    RepeatRequestSearchPage,
    TaskingCostEstimate,
    TaskingRequest,
    TaskingRequestSearchPage,
    cancellation_fee_fraction,
)
from capella_qgis.core.validation import unique_uuids, validate_uuid

# The page sizes Capella documents for the tasking/repeat searches (docs/emulator.md).
MIN_REQUEST_SEARCH_PAGE_SIZE = 250
MAX_REQUEST_SEARCH_PAGE_SIZE = 500
T = TypeVar("T")
LOGGER = logging.getLogger(__name__)

# The disputed shapes (docs/tasking.md): what is sent first, and the other spelling tried
# once when the Console refuses the first with a validation error that names it.
RR_SEARCH_KEYS = ("query", "filter")
RR_STATUS_KEYS = ("status", "code")
# Access-request polling: the first wait, the growth factor and the longest wait (s); the
# Console says processing "can take a couple minutes".
ACCESS_POLL_FIRST = 1.0
ACCESS_POLL_FACTOR = 1.6
ACCESS_POLL_MAX = 15.0
ACCESS_POLL_TIMEOUT = 300.0


# Search page model -> (model of one result, what it is called, where its id is).
_LISTED: dict[Any, tuple[Any, str, Callable[[Any], Any]]] = {
    TaskingRequestSearchPage: (
        TaskingRequest,
        "tasking request",
        key_at("properties", "taskingrequestId"),
    ),
    RepeatRequestSearchPage: (
        RepeatRequest,
        "repeat request",
        key_at("properties", "repeatrequestId"),
    ),
}


@dataclass
class BulkOutcome:
    """Result for one id of a bulk update/cancel; failures sit next to successes."""

    id: str
    ok: bool
    value: Any = None
    error: Optional[CapellaError] = None

    def to_dict(self) -> dict[str, Any]:
        if self.ok:
            return {"success": True}
        err = self.error
        return {
            "success": False,
            "error": {"message": err.message if err else "", "code": err.code if err else None},
        }


class BulkResult(dict[str, BulkOutcome]):
    """``{id: BulkOutcome}`` in input order."""

    @property
    def succeeded(self) -> list[str]:
        return [key for key, outcome in self.items() if outcome.ok]

    @property
    def failed(self) -> dict[str, CapellaError]:
        return {key: o.error for key, o in self.items() if not o.ok and o.error is not None}

    @property
    def all_ok(self) -> bool:
        return all(outcome.ok for outcome in self.values())


class AccessRequestPendingError(CapellaError):
    """The access request was still processing when the wait ran out; poll it again later."""

    default_code = "ACCESS_REQUEST_PENDING"

    def __init__(self, message: str = "", *, access_request_id: str = "", **kw: Any) -> None:
        super().__init__(message, **kw)
        self.access_request_id = access_request_id


@dataclass
class CostReview:
    """What the customer decides on: the estimate and when the first collect is predicted."""

    request: TaskingRequest
    first_collect: Optional[datetime]

    @property
    def estimate(self) -> Optional[TaskingCostEstimate]:
        return self.request.cost_estimate

    @property
    def awaiting_approval(self) -> bool:
        return self.request.awaiting_approval

    def cancellation_fee_fraction(self, at: Optional[datetime] = None) -> Optional[float]:
        """Share of the price charged if cancelled at ``at`` (now); None: not cancellable."""
        return cancellation_fee_fraction(self.first_collect, at or datetime.now(timezone.utc))


def _names_key(exc: CapellaError, key: str) -> bool:
    """A validation error whose message or detail names ``key`` (as a whole word)."""
    if not isinstance(exc, ValidationError):
        return False
    text = " ".join([exc.message or "", *exc.detail_lines()])
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(key)}(?![A-Za-z0-9_])", text) is not None


def _retry_other(first: ValidationError, other: str, send: Callable[[], T]) -> T:
    """Send the other spelling; if that is refused for its key too, the first error stands
    (it is about the form we chose, and says what the Console wants)."""
    try:
        return send()
    except ValidationError as second:
        if _names_key(second, other):
            raise first from None
        raise


class TaskingApi:
    """``client.tasking``: tasking and repeat requests, scoped by the account's user."""

    def __init__(self, session: ApiSession, account: AccountApi, max_connections: int = 8) -> None:
        self.session = session
        self.account = account
        self.max_connections = max(1, int(max_connections))
        # The spelling of each disputed shape that this Console accepted last (docs/tasking.md).
        self.pre_approval_key = PRE_APPROVAL_KEY
        self.rr_search_key = RR_SEARCH_KEYS[0]
        self.rr_status_key = RR_STATUS_KEYS[0]

    def _post_with_pre_approval(
        self, path: str, endpoint: str, build: Callable[[str], dict[str, Any]], has_flag: bool
    ) -> Any:
        """POST a body carrying the pre-approval flag; if the Console refuses the key by name,
        send it once more with the other spelling (a refused request was not processed)."""
        key = self.pre_approval_key
        try:
            return self.session.call("POST", path, endpoint, json_body=build(key), idempotent=False)
        except ValidationError as exc:
            other = PRE_APPROVAL_KEY_SDK if key == PRE_APPROVAL_KEY else PRE_APPROVAL_KEY
            if not has_flag or not _names_key(exc, key):
                raise
            LOGGER.info(
                "The Console refused '%s'; sending the pre-approval flag as '%s'", key, other
            )
            data = _retry_other(
                exc,
                other,
                lambda: self.session.call(
                    "POST", path, endpoint, json_body=build(other), idempotent=False
                ),
            )
            self.pre_approval_key = other
            return data

    # ---------------------------------------------------------------------------- create/get

    def create_tasking_request(
        self, request: Union[TaskingRequestCreate, Mapping[str, Any]]
    ) -> TaskingRequest:
        """``POST /task`` (never resent unless provably unprocessed).

        The request is validated as it stands when sent (``checked``): nothing invalid, and no
        window that has already closed, reaches the Console.
        """
        if not isinstance(request, TaskingRequestCreate):
            request = TaskingRequestCreate(**dict(request))
        request = request.checked()
        data = self._post_with_pre_approval("/task", "POST /task", request.to_payload, True)
        created = parse_model(TaskingRequest, data, "POST /task")
        echoed = created.properties.pre_approval
        if echoed is not None and echoed != request.pre_approval:
            LOGGER.warning(
                "Tasking request %s: pre-approval sent as %s but the Console says %s",
                created.id,
                request.pre_approval,
                echoed,
            )
        return created

    def get_tasking_request(self, tasking_request_id: str) -> TaskingRequest:
        tr_id = validate_uuid(tasking_request_id, "tasking_request_id")
        data = self.session.call("GET", f"/task/{tr_id}", "GET /task/{id}")
        return parse_model(TaskingRequest, data, "GET /task/{id}")

    def get_collects(self, tasking_request_id: str) -> Records[Collect]:
        """``GET /collects/list/{id}``: one collect with a bad field (a timestamp the SDK's
        own fixture gets wrong) is kept without it and reported in ``.problems``."""
        tr_id = validate_uuid(tasking_request_id, "tasking_request_id")
        endpoint = "GET /collects/list/{id}"
        data = self.session.call("GET", f"/collects/list/{tr_id}", endpoint)
        return parse_records(Collect, data, endpoint, "collect", key_at("collectId"))

    def resolve_collect_ids_for_tasking_request(self, tasking_request_id: str) -> Records[str]:
        """Collect ids of a completed TR (``.problems``: collects read in part, or skipped);
        TaskNotCompleteError otherwise."""
        tr = self.get_tasking_request(tasking_request_id)
        if not tr.is_completed:
            raise TaskNotCompleteError(
                f"Tasking request {tr.id} is not completed yet (status: {tr.status or 'unknown'})"
            )
        collects = self.get_collects(tr.id)
        return Records(dict.fromkeys(c.collect_id for c in collects), collects.problems)

    def create_repeat_request(
        self, request: Union[RepeatRequestCreate, Mapping[str, Any]]
    ) -> RepeatRequest:
        """``POST /repeat-requests`` (never resent unless provably unprocessed); validated as
        it stands when sent, like ``create_tasking_request``."""
        if not isinstance(request, RepeatRequestCreate):
            request = RepeatRequestCreate(**dict(request))
        request = request.checked()
        data = self.session.call(
            "POST",
            "/repeat-requests",
            "POST /repeat-requests",
            json_body=request.to_payload(),
            idempotent=False,
        )
        return parse_model(RepeatRequest, data, "POST /repeat-requests")

    def get_repeat_request(self, repeat_request_id: str) -> RepeatRequest:
        """There is no GET endpoint; read it through search (``repeatrequestIds``)."""
        rr_id = validate_uuid(repeat_request_id, "repeat_request_id")
        found = self.search_repeat_requests({"repeat_request_id": rr_id})
        # A Console that ignores the filter key answers with other requests: only the one
        # asked for is ever returned (docs/tasking.md).
        matches = [rr for rr in found if rr.id.lower() == rr_id.lower()]
        if not matches:
            skipped = [p for p in problems_of(found) if p.skipped]
            if skipped:  # it is there, but cannot be read: not "not found"
                raise MalformedResponseError(str(skipped[0]), field=skipped[0].field)
            if found:
                LOGGER.warning(
                    "Search for repeat request %s answered %d other request(s); the Console "
                    "may have ignored the filter",
                    rr_id,
                    len(found),
                )
            raise NotFoundError(f"Repeat request {rr_id} not found")
        return matches[0]

    # ----------------------------------------------------------------------- update/cancel

    def _bulk(self, ids: Any, what: str, action: Callable[[str], Any]) -> BulkResult:
        if ids is None or isinstance(ids, str):
            ids = [ids] if ids else []
        ordered: list[str] = []
        keys: list[str] = []  # input order, bad ids included
        invalid: dict[str, BulkOutcome] = {}
        for raw in ids:
            if raw is None:
                continue
            try:
                canonical = validate_uuid(raw, what)
            except InputError as exc:
                invalid[str(raw)] = BulkOutcome(str(raw), False, error=exc)
                keys.append(str(raw))
                continue
            if canonical not in ordered:
                ordered.append(canonical)
                keys.append(canonical)
        if not keys:
            unique_uuids([], what)  # raises "give at least one id"

        def run(one: str) -> BulkOutcome:
            try:
                return BulkOutcome(one, True, value=action(one))
            except CapellaError as exc:
                return BulkOutcome(one, False, error=exc)

        done: dict[str, BulkOutcome] = dict(invalid)
        if ordered:
            workers = min(BULK_UPDATE_CONCURRENCY, len(ordered))
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="capella-bulk") as ex:
                for outcome in ex.map(run, ordered):
                    done[outcome.id] = outcome
        result = BulkResult()
        for key in dict.fromkeys(keys):
            result[key] = done[key]
        return result

    def update_tasking_requests(
        self, ids: Iterable[str], update: Union[TaskingRequestUpdate, Mapping[str, Any]]
    ) -> BulkResult:
        """``PATCH /task/{id}`` for each id (≤ 10 at a time); per-id outcomes, never raises
        for one bad id."""
        if not isinstance(update, TaskingRequestUpdate):
            update = TaskingRequestUpdate(**dict(update))
        body = update.to_payload()

        def patch(tr_id: str) -> TaskingRequest:
            data = self.session.call("PATCH", f"/task/{tr_id}", "PATCH /task/{id}", json_body=body)
            return parse_model(TaskingRequest, data, "PATCH /task/{id}")

        return self._bulk(ids, "tasking_request_id", patch)

    def cancel_tasking_requests(self, ids: Iterable[str]) -> BulkResult:
        def cancel(tr_id: str) -> None:
            self.session.call(
                "PATCH",
                f"/task/{tr_id}/status",
                "PATCH /task/{id}/status",
                json_body={"status": "canceled"},
            )

        return self._bulk(ids, "tasking_request_id", cancel)

    def update_repeat_requests(
        self, ids: Iterable[str], update: Union[RepeatRequestUpdate, Mapping[str, Any]]
    ) -> BulkResult:
        if not isinstance(update, RepeatRequestUpdate):
            update = RepeatRequestUpdate(**dict(update))
        body = update.to_payload()

        def patch(rr_id: str) -> RepeatRequest:
            data = self.session.call(
                "PATCH",
                f"/repeat-requests/{rr_id}",
                "PATCH /repeat-requests/{id}",
                json_body=body,
            )
            return parse_model(RepeatRequest, data, "PATCH /repeat-requests/{id}")

        return self._bulk(ids, "repeat_request_id", patch)

    def _rr_status(self, rr_id: str, status: str) -> Any:
        """``PATCH /repeat-requests/{id}/status``; the body key is disputed (``status`` sent,
        ``code`` tried once when the Console refuses it by name; docs/tasking.md)."""
        key = self.rr_status_key
        path, endpoint = f"/repeat-requests/{rr_id}/status", "PATCH /repeat-requests/{id}/status"
        try:
            return self.session.call("PATCH", path, endpoint, json_body={key: status})
        except ValidationError as exc:
            other = RR_STATUS_KEYS[1] if key == RR_STATUS_KEYS[0] else RR_STATUS_KEYS[0]
            if not (_names_key(exc, key) or _names_key(exc, other)):
                raise
            data = _retry_other(
                exc,
                other,
                lambda: self.session.call("PATCH", path, endpoint, json_body={other: status}),
            )
            self.rr_status_key = other
            return data

    def cancel_repeat_requests(self, ids: Iterable[str]) -> BulkResult:
        def cancel(rr_id: str) -> None:
            self._rr_status(rr_id, "canceled")

        return self._bulk(ids, "repeat_request_id", cancel)

    # ---------------------------------------------------------------- cost review / approval

    def get_cost_review(self, tasking_request_id: str) -> CostReview:
        """The request with its estimate, and the first predicted collect time (for the
        cancellation-fee schedule); the estimate is None until the Console has made it."""
        tr = self.get_tasking_request(tasking_request_id)
        first: Optional[datetime] = None
        if not tr.properties.is_final:
            collects = self.get_collects(tr.id)
            times = [
                c.window_open
                for c in collects
                if c.window_open is not None and c.status in ("predicted", "tasked")
            ]
            first = min(times) if times else None
        return CostReview(tr, first)

    def _answer_review(
        self, tasking_request_id: str, decision: str, expected_total: Optional[Any]
    ) -> TaskingRequest:
        tr_id = validate_uuid(tasking_request_id, "tasking_request_id")
        if expected_total is not None:
            self._check_total(tr_id, expected_total)
        data = self.session.call(
            "PATCH",
            f"/task/{tr_id}/status",
            "PATCH /task/{id}/status",
            json_body={"status": decision},
        )
        # The answer may be the request or only {"status": ...}: read it back then.
        props = data.get("properties") if isinstance(data, dict) else None
        if isinstance(props, dict) and props.get("taskingrequestId"):
            return parse_model(TaskingRequest, data, "PATCH /task/{id}/status")
        return self.get_tasking_request(tr_id)

    def _check_total(self, tr_id: str, expected_total: Any) -> None:
        from capella_qgis.core.models.tasking import parse_money

        expected = (
            expected_total if isinstance(expected_total, Decimal) else parse_money(expected_total)
        )
        if expected is None:
            raise InputError(
                f"expected_total: {expected_total!r} is not an amount", field="expected_total"
            )
        estimate = self.get_tasking_request(tr_id).cost_estimate
        current = estimate.total_amount if estimate else None
        if current != expected:
            shown = estimate.total if estimate else "no estimate"
            raise InputError(
                f"expected_total: the estimate is now {shown}, not {expected_total}; review "
                "it again before answering",
                field="expected_total",
            )

    def approve_tasking_request(
        self, tasking_request_id: str, *, expected_total: Optional[Any] = None
    ) -> TaskingRequest:
        """``PATCH /task/{id}/status`` ``{"status": "approved"}``: accept the cost estimate.

        ``expected_total`` (the total the user saw) refuses to approve a changed estimate.
        """
        return self._answer_review(tasking_request_id, "approved", expected_total)

    def reject_tasking_request(self, tasking_request_id: str) -> TaskingRequest:
        """``PATCH /task/{id}/status`` ``{"status": "rejected"}``: decline the estimate."""
        return self._answer_review(tasking_request_id, "rejected", None)

    def approve_repeat_request(self, repeat_request_id: str) -> None:
        """Accept a repeat request's per-image estimate (same status endpoint as cancel)."""
        self._rr_status(validate_uuid(repeat_request_id, "repeat_request_id"), "approved")

    def reject_repeat_request(self, repeat_request_id: str) -> None:
        self._rr_status(validate_uuid(repeat_request_id, "repeat_request_id"), "rejected")

    # --------------------------------------------------------------- conflicts / collects

    def get_conflicting_tasks(self, tasking_request_id: str) -> list[ConflictingTask]:
        """Other requests of the organization that may compete for the same passes (the
        Console lists them on active requests; empty otherwise)."""
        return self.get_tasking_request(tasking_request_id).conflicting_tasks

    def get_collect_history(self, tasking_request_id: str) -> Records[Collect]:
        """The collects of a request (any status), each with its status history
        (``predicted`` → ``tasked`` → ``collected`` → ``qa`` → ``delivered``)."""
        return self.get_collects(tasking_request_id)

    # ------------------------------------------------------------------------------ retask

    def _retask(self, path: str, endpoint: str, overrides: Any) -> TaskingRequest:
        if overrides is None:
            overrides = RetaskOverrides()
        elif not isinstance(overrides, RetaskOverrides):
            overrides = RetaskOverrides(**dict(overrides))
        checked = overrides.checked()
        data = self._post_with_pre_approval(
            path, endpoint, checked.to_payload, checked.pre_approval is not None
        )
        return parse_model(TaskingRequest, data, endpoint)

    def retask_tasking_request(
        self,
        tasking_request_id: str,
        overrides: Union[RetaskOverrides, Mapping[str, Any], None] = None,
    ) -> TaskingRequest:
        """``POST /task/{id}/retask``: a new request like this completed one (look ±5°)."""
        tr_id = validate_uuid(tasking_request_id, "tasking_request_id")
        return self._retask(f"/task/{tr_id}/retask", "POST /task/{id}/retask", overrides)

    def retask_collect(
        self, collect_id: str, overrides: Union[RetaskOverrides, Mapping[str, Any], None] = None
    ) -> TaskingRequest:
        """``POST /collects/{collectId}/retask``: a new request like a delivered collect."""
        cid = validate_uuid(collect_id, "collect_id")
        return self._retask(f"/collects/{cid}/retask", "POST /collects/{id}/retask", overrides)

    # ----------------------------------------------------------------- access requests

    def create_access_request(
        self, request: Union[AccessRequestCreate, Mapping[str, Any]]
    ) -> AccessRequest:
        """``POST /ma/accessrequests/``: ask when satellites can see the AOI."""
        if not isinstance(request, AccessRequestCreate):
            request = AccessRequestCreate(**dict(request))
        request = request.checked()
        data = self.session.call(
            "POST",
            "/ma/accessrequests/",
            "POST /ma/accessrequests",
            json_body=request.to_payload(),
            idempotent=False,
        )
        return parse_model(AccessRequest, data, "POST /ma/accessrequests")

    def get_access_request(
        self, access_request_id: str, *, is_cancelled: Optional[IsCancelled] = None
    ) -> AccessRequest:
        ar_id = validate_uuid(access_request_id, "access_request_id")
        data = self.session.call(
            "GET",
            f"/ma/accessrequests/{ar_id}",
            "GET /ma/accessrequests/{id}",
            is_cancelled=is_cancelled,
        )
        return parse_model(AccessRequest, data, "GET /ma/accessrequests/{id}")

    def wait_for_access_request(
        self,
        access_request_id: str,
        *,
        is_cancelled: Optional[IsCancelled] = None,
        timeout: float = ACCESS_POLL_TIMEOUT,
        progress: Optional[Callable[[AccessRequest, float], None]] = None,
    ) -> AccessRequest:
        """Poll until ``processingStatus`` is ``completed``, waiting longer each time (1 s,
        ×1.6, at most 15 s). CancelledError within a moment of ``is_cancelled()``;
        AccessRequestPendingError after ``timeout`` s (the id says what to poll later).
        ``progress(request, elapsed_s)`` after each poll."""
        started = time.monotonic()
        delay = ACCESS_POLL_FIRST
        while True:
            ar = self.get_access_request(access_request_id, is_cancelled=is_cancelled)
            elapsed = time.monotonic() - started
            if progress is not None:
                progress(ar, elapsed)
            if ar.is_completed:
                return ar
            if elapsed + delay > timeout:
                raise AccessRequestPendingError(
                    f"Access request {ar.id} is still {ar.processing_status or 'processing'} "
                    f"after {elapsed:.0f} s; check it again later",
                    access_request_id=ar.id,
                )
            cancellable_wait(delay, is_cancelled)
            delay = min(ACCESS_POLL_MAX, delay * ACCESS_POLL_FACTOR)

    def list_opportunities(
        self, access_request_id: str, *, is_cancelled: Optional[IsCancelled] = None
    ) -> Records[Opportunity]:
        """``GET /ma/accesses/{id}``: the passes, earliest first (a bad one is reported in
        ``.problems``, not fatal). A JSON array, or an object with ``accesses``/``results``."""
        ar_id = validate_uuid(access_request_id, "access_request_id")
        endpoint = "GET /ma/accesses/{id}"
        data = self.session.call(
            "GET", f"/ma/accesses/{ar_id}", endpoint, is_cancelled=is_cancelled
        )
        if isinstance(data, dict):
            for key in ("accesses", "results", "features"):
                if isinstance(data.get(key), list):
                    data = data[key]
                    break
        rows = parse_records(Opportunity, data, endpoint, "opportunity", key_at("accessId"))
        rows.sort(key=lambda o: o.window_open)
        return rows

    def check_opportunities(
        self,
        request: Union[AccessRequestCreate, Mapping[str, Any]],
        *,
        is_cancelled: Optional[IsCancelled] = None,
        timeout: float = ACCESS_POLL_TIMEOUT,
        progress: Optional[Callable[[AccessRequest, float], None]] = None,
    ) -> OpportunityResult:
        """Create an access request, wait for it, list its opportunities (none unless
        ``accessible``). For a background task: cancellable between and during calls."""
        if is_cancelled is not None and is_cancelled():
            raise CancelledError()
        created = self.create_access_request(request)
        return self.opportunities_of(
            created.id, is_cancelled=is_cancelled, timeout=timeout, progress=progress
        )

    def opportunities_of(
        self,
        access_request_id: str,
        *,
        is_cancelled: Optional[IsCancelled] = None,
        timeout: float = ACCESS_POLL_TIMEOUT,
        progress: Optional[Callable[[AccessRequest, float], None]] = None,
    ) -> OpportunityResult:
        """Wait for an access request made before (this run or an earlier one), then list
        its opportunities (none unless ``accessible``)."""
        done = self.wait_for_access_request(
            access_request_id, is_cancelled=is_cancelled, timeout=timeout, progress=progress
        )
        if not done.is_accessible:
            return OpportunityResult(done, [])
        opportunities = self.list_opportunities(done.id, is_cancelled=is_cancelled)
        return OpportunityResult(done, list(opportunities))

    # ------------------------------------------------------------------------------ search

    def _scoped(self, query: dict[str, Any], for_org: bool) -> dict[str, Any]:
        if "organizationIds" in query or "userId" in query:
            return query
        user = self.account.get_user()
        if for_org:
            if not user.organization_id:
                raise InputError("Your user has no organization id; search your own requests")
            query["organizationIds"] = [user.organization_id]
        else:
            query["userId"] = user.id  # bare string, no operator (contract §8.7)
        return query

    def _paged_search(
        self,
        path: str,
        body: dict[str, Any],
        page_size: int,
        page_model: Any,
        endpoint: str,
        progress: Optional[Callable[[int, int, int], None]],
    ) -> list[Any]:
        low, high = MIN_REQUEST_SEARCH_PAGE_SIZE, MAX_REQUEST_SEARCH_PAGE_SIZE
        if isinstance(page_size, bool) or not low <= int(page_size) <= high:
            raise InputError(
                f"page_size must be between {low} and {high}, the range the Console documents",
                field="page_size",
            )

        item_model, kind, record_id = _LISTED[page_model]

        def fetch(page: int) -> tuple[Any, Records[Any]]:
            data = self.session.call(
                "POST",
                path,
                endpoint,
                json_body=body,
                params={"page": page, "limit": page_size},
                idempotent=True,
            )
            rows = data.get("results") if isinstance(data, dict) else None
            if not isinstance(rows, list):
                return parse_model(page_model, data, endpoint), Records()  # raises, naming it
            # The paging fields strictly, the requests one by one: a bad one is reported.
            meta = parse_model(page_model, {**data, "results": []}, endpoint)
            return meta, parse_records(item_model, rows, endpoint, kind, record_id)

        first, results = fetch(1)
        total = max(1, first.total_pages)
        if progress is not None:
            progress(1, total, len(results))
        if total > 1:
            workers = min(TASKING_SEARCH_CONCURRENCY, self.max_connections, total - 1)
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="capella-tr") as ex:
                for done, (_, page) in enumerate(ex.map(fetch, range(2, total + 1)), start=2):
                    results.extend(page)
                    results.problems.extend(page.problems)
                    if progress is not None:
                        progress(done, total, len(results))
        return results

    def search_tasking_requests(
        self,
        filters: Optional[Mapping[str, Any]] = None,
        *,
        for_org: bool = False,
        page_size: int = TASKING_SEARCH_PAGE_SIZE,
        progress: Optional[Callable[[int, int, int], None]] = None,
        **kwargs: Any,
    ) -> list[TaskingRequest]:
        """``POST /tasks/search``: own TRs (or the organization's with ``for_org``)."""
        query: dict[str, Any] = {"includeRepeatingTasks": {"eq": False}}
        query.update(encode_request_filters({**(filters or {}), **kwargs}, _TR_FILTERS))
        body = {"query": self._scoped(query, for_org)}
        return self._paged_search(
            "/tasks/search",
            body,
            page_size,
            TaskingRequestSearchPage,
            "POST /tasks/search",
            progress,
        )

    def search_repeat_requests(
        self,
        filters: Optional[Mapping[str, Any]] = None,
        *,
        for_org: bool = False,
        page_size: int = TASKING_SEARCH_PAGE_SIZE,
        progress: Optional[Callable[[int, int, int], None]] = None,
        **kwargs: Any,
    ) -> list[RepeatRequest]:
        """``POST /repeat-requests/search`` (no includeRepeatingTasks). The body key is
        disputed: ``query`` (Capella's docs) is sent, ``filter`` (the SDK) tried once when
        the Console refuses ``query`` by name (docs/tasking.md)."""
        query = self._scoped(
            encode_request_filters({**(filters or {}), **kwargs}, _RR_FILTERS), for_org
        )
        key = self.rr_search_key

        def run(body_key: str) -> list[RepeatRequest]:
            return self._paged_search(
                "/repeat-requests/search",
                {body_key: query},
                page_size,
                RepeatRequestSearchPage,
                "POST /repeat-requests/search",
                progress,
            )

        try:
            return run(key)
        except ValidationError as exc:
            other = RR_SEARCH_KEYS[1] if key == RR_SEARCH_KEYS[0] else RR_SEARCH_KEYS[0]
            if not _names_key(exc, key):
                raise
            found = _retry_other(exc, other, lambda: run(other))
            self.rr_search_key = other
            return found

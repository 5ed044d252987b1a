"""Tasking and repeat request endpoints (contract §8, §9)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from capella_qgis.core.api.account import AccountApi
from capella_qgis.core.api.request_filters import (
    _RR_FILTERS,
    _TR_FILTERS,
    encode_request_filters,
)
from capella_qgis.core.api.session import ApiSession
from capella_qgis.core.exceptions import (
    CapellaError,
    InputError,
    MalformedResponseError,
    NotFoundError,
    TaskNotCompleteError,
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
    RepeatRequestCreate,
    RepeatRequestUpdate,
    TaskingRequestCreate,
    TaskingRequestUpdate,
)
from capella_qgis.core.models.tasking import (
    Collect,
    RepeatRequest,
    RepeatRequestSearchPage,
    TaskingRequest,
    TaskingRequestSearchPage,
)
from capella_qgis.core.validation import unique_uuids, validate_uuid

MAX_REQUEST_SEARCH_PAGE_SIZE = 500


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


class TaskingApi:
    """``client.tasking``: tasking and repeat requests, scoped by the account's user."""

    def __init__(self, session: ApiSession, account: AccountApi, max_connections: int = 8) -> None:
        self.session = session
        self.account = account
        self.max_connections = max(1, int(max_connections))

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
        data = self.session.call(
            "POST", "/task", "POST /task", json_body=request.to_payload(), idempotent=False
        )
        return parse_model(TaskingRequest, data, "POST /task")

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
        if not found:
            skipped = [p for p in problems_of(found) if p.skipped]
            if skipped:  # it is there, but cannot be read: not "not found"
                raise MalformedResponseError(str(skipped[0]), field=skipped[0].field)
            raise NotFoundError(f"Repeat request {rr_id} not found")
        return found[0]

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

    def cancel_repeat_requests(self, ids: Iterable[str]) -> BulkResult:
        def cancel(rr_id: str) -> None:
            self.session.call(
                "PATCH",
                f"/repeat-requests/{rr_id}/status",
                "PATCH /repeat-requests/{id}/status",
                json_body={"status": "canceled"},
            )

        return self._bulk(ids, "repeat_request_id", cancel)

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
        if isinstance(page_size, bool) or not 1 <= int(page_size) <= MAX_REQUEST_SEARCH_PAGE_SIZE:
            raise InputError(f"page_size must be between 1 and {MAX_REQUEST_SEARCH_PAGE_SIZE}")

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
        """``POST /repeat-requests/search`` (body key ``filter``, no includeRepeatingTasks)."""
        query = encode_request_filters({**(filters or {}), **kwargs}, _RR_FILTERS)
        body = {"filter": self._scoped(query, for_org)}
        return self._paged_search(
            "/repeat-requests/search",
            body,
            page_size,
            RepeatRequestSearchPage,
            "POST /repeat-requests/search",
            progress,
        )

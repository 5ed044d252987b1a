"""API routing: authentication, rate limiting and dispatch to the endpoint modules."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tests.console_emulator import access, orders, repeats, retask, tasking
from tests.console_emulator.enums import COLLECTION_TYPES, COLLECTIONS
from tests.console_emulator.faults import FaultRule
from tests.console_emulator.response import Response, json_response, raw_json
from tests.console_emulator.util import ApiError, Headers

if TYPE_CHECKING:
    from tests.console_emulator.server import Emulator

Ctx = dict[str, Any]
Handler = Callable[..., Any]
_ROUTES: list[tuple[str, re.Pattern[str], Handler]] = []


def route(method: str, pattern: str) -> Callable[[Handler], Handler]:
    regex = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern) + "$")

    def deco(fn: Handler) -> Handler:
        _ROUTES.append((method, regex, fn))
        return fn

    return deco


@route("GET", "/user")
def _user(c: Ctx) -> Any:
    return dict(c["user"])


@route("GET", "/organization")
def _org(c: Ctx) -> Any:
    w = c["emu"].state
    return {"id": w.org_id, "name": "Emulated Org", "contracts": w.contracts}


@route("GET", "/collectiontypes")
def _ctypes(c: Ctx) -> Any:
    return [{"name": t} for t in COLLECTION_TYPES]


@route("GET", "/catalog/collections")
def _collections(c: Ctx) -> Any:
    denied = c["emu"].state.collections_denied
    return {
        "collections": [{"id": n, "type": "Collection"} for n in COLLECTIONS if n not in denied]
    }


@route("POST", "/catalog/search")
def _search(c: Ctx) -> Any:
    emu = c["emu"]
    cfg = emu.state.config
    dup = c["faults"].get("duplicates")
    n = int(dup.params.get("n", 2)) if dup else 0
    short = c["faults"].get("short_page")
    caps = [int(x) for x in (short and short.params.get("size", 900), cfg["catalog_page_cap"]) if x]
    cap = min(caps) if caps else None
    page = emu.catalog.search(
        c["json"], c["query"], emu.url, n, page_cap=cap, links_base=cfg["links_base"]
    )
    return raw_json(page)


@route("GET", "/orders")
def _orders(c: Ctx) -> Any:
    return orders.list_orders(c["emu"].state, c["user"], c["query"].get("customerId"))


@route("POST", "/orders")
def _submit(c: Ctx) -> Any:
    return orders.submit(c["emu"].state, c["user"], c["json"])


@route("POST", "/orders/review")
def _review(c: Ctx) -> Any:
    return orders.review(c["emu"].state, c["user"], c["json"])


@route("GET", "/orders/{order_id}")
def _order(c: Ctx, order_id: str) -> Any:
    return orders.get_order(c["emu"].state, c["user"], order_id)


@route("GET", "/orders/{order_id}/download")
def _download(c: Ctx, order_id: str) -> Any:
    expired = c["faults"].get("expired_links")
    ttl = float(expired.params.get("ttl", -60)) if expired else None
    return orders.download(c["emu"].state, c["emu"].assets, c["user"], order_id, ttl)


@route("POST", "/task")
def _task_create(c: Ctx) -> Any:
    return tasking.create(c["emu"].state, c["user"], c["json"])


@route("GET", "/task/{tr_id}")
def _task_get(c: Ctx, tr_id: str) -> Any:
    return tasking.get(c["emu"].state, c["user"], tr_id)


@route("PATCH", "/task/{tr_id}")
def _task_update(c: Ctx, tr_id: str) -> Any:
    return tasking.update(c["emu"].state, c["user"], tr_id, c["json"])


@route("PATCH", "/task/{tr_id}/status")
def _task_status(c: Ctx, tr_id: str) -> Any:
    return tasking.set_request_status(c["emu"].state, c["user"], tr_id, c["json"])


@route("POST", "/task/{tr_id}/retask")
def _task_retask(c: Ctx, tr_id: str) -> Any:
    return retask.retask_task(c["emu"].state, c["user"], tr_id, c["json"])


@route("POST", "/collects/{collect_id}/retask")
def _collect_retask(c: Ctx, collect_id: str) -> Any:
    return retask.retask_collect(c["emu"].state, c["user"], collect_id, c["json"])


@route("POST", "/ma/accessrequests")
def _access_create(c: Ctx) -> Any:
    return access.create(c["emu"].state, c["user"], c["json"])


@route("GET", "/ma/accessrequests/{ar_id}")
def _access_get(c: Ctx, ar_id: str) -> Any:
    return access.get(c["emu"].state, c["user"], ar_id)


@route("GET", "/ma/accesses/{ar_id}")
def _accesses(c: Ctx, ar_id: str) -> Any:
    return access.accesses(c["emu"].state, c["user"], ar_id)


@route("POST", "/tasks/search")
def _task_search(c: Ctx) -> Any:
    return tasking.search(c["emu"].state, c["user"], c["json"], c["query"])


@route("GET", "/collects/list/{tr_id}")
def _collects(c: Ctx, tr_id: str) -> Any:
    return tasking.collects(c["emu"].state, c["user"], tr_id)


@route("POST", "/repeat-requests")
def _rr_create(c: Ctx) -> Any:
    return repeats.create(c["emu"].state, c["user"], c["json"])


@route("GET", "/repeat-requests/{rr_id}")
def _rr_get(c: Ctx, rr_id: str) -> Any:
    return repeats.get(c["emu"].state, c["user"], rr_id)


@route("PATCH", "/repeat-requests/{rr_id}")
def _rr_update(c: Ctx, rr_id: str) -> Any:
    return repeats.update(c["emu"].state, c["user"], rr_id, c["json"])


@route("PATCH", "/repeat-requests/{rr_id}/status")
def _rr_cancel(c: Ctx, rr_id: str) -> Any:
    return repeats.cancel(c["emu"].state, c["user"], rr_id, c["json"])


@route("POST", "/repeat-requests/search")
def _rr_search(c: Ctx) -> Any:
    return repeats.search(c["emu"].state, c["user"], c["json"], c["query"])


def handle_api(
    emu: Emulator,
    method: str,
    path: str,
    query: dict[str, str],
    parsed: Any,
    body: bytes,
    headers: Headers,
    faults: dict[str, FaultRule],
    in_flight: int = 0,
) -> Response:
    shape = emu.state.config["error_shape"]
    try:
        found = None
        allowed = False
        for r_method, regex, fn in _ROUTES:
            m = regex.match(path)
            if m:
                allowed = True
                if r_method == method:
                    found = (fn, m.groupdict())
                    break
        if found is None:
            if allowed:
                raise ApiError(405, f"Method {method} not allowed on {path}", "METHOD_NOT_ALLOWED")
            raise ApiError(404, f"Route {method} {path} not found", "NOT_FOUND")
        auth = headers.get("Authorization")
        user = emu.authenticate(auth)
        if user is None:
            return json_response({"message": "Unauthorized"}, 401)
        cfg = emu.state.config
        limited = False
        if cfg["rate_limit"] and not emu.rate_limiter.allow(auth or "", float(cfg["rate_limit"])):
            limited = True
        if cfg["max_concurrent_api"] and in_flight > int(cfg["max_concurrent_api"]):
            limited = True
        if limited:
            with emu.stats._lock:
                emu.stats.rate_limited += 1
            # API Gateway throttling often sends no Retry-After (docs/emulator.md, item 12).
            after = cfg["rate_limit_retry_after"]
            headers = {} if after is None else {"Retry-After": str(after)}
            return json_response({"message": "Too Many Requests"}, 429, headers)
        if body and parsed is None and method in ("POST", "PATCH", "PUT"):
            raise ApiError(400, "Request body is not valid JSON", "VALIDATION_ERROR", detail=[])
        fn, params = found
        ctx = {"emu": emu, "user": user, "query": query, "json": parsed, "faults": faults}
        result = fn(ctx, **params)
        if isinstance(result, Response):
            return result
        return json_response(result)
    except ApiError as exc:
        return json_response(
            exc.body(shape if exc.status != 401 else "message"), exc.status, exc.headers
        )

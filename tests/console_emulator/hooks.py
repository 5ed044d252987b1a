"""Test hooks under ``/_emulator/`` (no auth): requests, faults, clock, config, tasking, stats."""

from __future__ import annotations

import fnmatch
import json
import re
from typing import TYPE_CHECKING, Any

from tests.console_emulator.response import Response, json_response
from tests.console_emulator.tasking import set_status
from tests.console_emulator.util import ApiError, iso

if TYPE_CHECKING:
    from tests.console_emulator.server import Emulator

_STATUS_RE = re.compile(r"^/_emulator/(?:tasking|task|repeat-requests)/([^/]+)/status$")
_COLLECT_RE = re.compile(r"^/_emulator/collects/([^/]+)/status$")


def _body(raw: bytes) -> Any:
    if not raw:
        return {}
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ApiError(400, "hook body must be JSON", "VALIDATION_ERROR") from exc


def set_collect_status(emu: Emulator, collect_id: str, code: str) -> Any:
    """Move a collect along predicted → tasked → collected → processing → qa → delivered."""
    import copy

    from tests.console_emulator import review

    with emu.state.lock:
        col = review.find_collect(emu.state, collect_id)
        if col is None:
            raise ApiError(404, f"Collect {collect_id} not found", "NOT_FOUND")
        review.advance_collect(emu.state, col, code)
        return copy.deepcopy(col)


def handle_hook(
    emu: Emulator, method: str, path: str, query: dict[str, str], raw: bytes
) -> Response:
    sub = path[len("/_emulator") :] or "/"
    if sub == "/requests":
        if method == "DELETE":
            emu.clear_requests()
            return json_response({"cleared": True})
        reqs = emu.requests(query.get("kind"))
        if "path" in query:
            reqs = [r for r in reqs if fnmatch.fnmatchcase(r.path, query["path"])]
        return json_response([r.to_dict() for r in reqs])
    if sub == "/faults":
        if method == "DELETE":
            emu.faults.clear()
            return json_response({"cleared": True})
        if method == "POST":
            body = _body(raw)
            specs = body.get("faults", [body]) if isinstance(body, dict) else body
            try:
                ids = [emu.faults.add_from_json(s) for s in specs]
            except (ValueError, TypeError) as exc:
                raise ApiError(400, str(exc), "VALIDATION_ERROR") from exc
            return json_response({"ids": ids, "faults": emu.faults.list()})
        return json_response(emu.faults.list())
    if sub == "/clock":
        if method == "POST":
            body = _body(raw)
            if "advance" in body:
                emu.clock.advance(float(body["advance"]))
            if "set" in body:
                from tests.console_emulator.util import parse_instant

                epoch = parse_instant(body["set"])
                if epoch is None:
                    raise ApiError(400, "invalid 'set' timestamp", "VALIDATION_ERROR")
                emu.clock.set(epoch)
            if body.get("reset"):
                emu.clock.reset()
        return json_response({"now": iso(emu.clock.time()), "epoch": emu.clock.time()})
    if sub == "/stats":
        if method == "DELETE":
            emu.stats.reset()
        return json_response(emu.stats.snapshot())
    if sub == "/config":
        if method == "POST":
            try:
                return json_response(emu.configure(**_body(raw)))
            except ValueError as exc:
                raise ApiError(400, str(exc), "VALIDATION_ERROR") from exc
        return json_response(emu.configure())
    if sub == "/reset" and method == "POST":
        emu.reset()
        return json_response({"reset": True})
    if sub == "/state":
        w = emu.state
        return json_response(
            {
                "user": w.user,
                "other_users": w.other_users,
                "organization": {"id": w.org_id, "contracts": w.contracts},
                "items": len(w.entries),
                "orders": list(w.orders),
                "tasks": list(w.tasks),
                "repeat_requests": list(w.repeats),
                "asset_base": emu.asset_base,
            }
        )
    m = _COLLECT_RE.match(path)
    if m and method == "POST":
        return json_response(set_collect_status(emu, m.group(1), str(_body(raw).get("code"))))
    m = _STATUS_RE.match(path)
    if m and method == "POST":
        body = _body(raw)
        code = body.get("code") or body.get("status")
        return json_response(set_status(emu.state, m.group(1), str(code), body.get("message")))
    raise ApiError(404, f"Unknown emulator hook {method} {path}", "NOT_FOUND")

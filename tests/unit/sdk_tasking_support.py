"""Shared fixture and helpers of the SDK tasking / repeat request conformance tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.console_emulator import Emulator
from tests.console_emulator.recording import RecordedRequest

POINT = {"type": "Point", "coordinates": [-105.12036, 39.96533]}
POLYGON = {
    "type": "Polygon",
    "coordinates": [
        [[12.45, 41.88], [12.52, 41.88], [12.52, 41.93], [12.45, 41.93], [12.45, 41.88]]
    ],
}


#: The SDK's spelling of the three disputed shapes (docs/tasking.md). The emulator refuses them
#: by default (it is strict on the documented forms); SDK conformance tests opt in.
SDK_SHAPES = {
    "pre_approval_key": "pre_approval",
    "rr_search_key": "filter",
    "rr_cancel_key": "status",
}


def use_sdk_shapes(emulator: Emulator) -> None:
    emulator.configure(**SDK_SHAPES)


def api_calls(emulator: Emulator, method: str, path: str) -> list[RecordedRequest]:
    return [r for r in emulator.requests("api") if r.method == method and r.path == path]


def epoch(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def status_of(rec: dict[str, Any]) -> str:
    return rec["properties"]["statusHistory"][0]["code"]


def own_tr(emulator: Emulator, status: str) -> str:
    uid = emulator.state.user["id"]
    return next(
        k
        for k, v in emulator.state.tasks.items()
        if v["properties"]["userId"] == uid
        and not v["properties"]["repeatrequestId"]
        and status_of(v) == status
    )


def own_rr(emulator: Emulator, status: str) -> str:
    uid = emulator.state.user["id"]
    return next(
        k
        for k, v in emulator.state.repeats.items()
        if v["properties"]["userId"] == uid and status_of(v) == status
    )

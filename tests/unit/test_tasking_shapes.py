"""Core client: the documented form of the three disputed shapes, and either answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import NotFoundError, ValidationError
from tests.console_emulator import Emulator
from tests.unit.core_support import RR_FIXTURE, RR_ID, USER, make_client

POINT = {"type": "Point", "coordinates": [12.5, 41.9]}


@pytest.fixture
def console(emulator: Emulator) -> Iterator[ConsoleClient]:
    with ConsoleClient(Credential.api_key("demo"), emulator.url) as client:
        yield client


def _tr(console: ConsoleClient, **extra: Any) -> Any:
    now = datetime.now(timezone.utc)
    return console.tasking.create_tasking_request(
        {"geometry": POINT, "name": "shapes", "window_close": now + timedelta(days=3), **extra}
    )


def _calls(emulator: Emulator, method: str, path: str) -> list[Any]:
    return [r for r in emulator.requests("api") if r.method == method and r.path.startswith(path)]


def test_pre_approval_sent_camel_case(console: ConsoleClient, emulator: Emulator) -> None:
    tr = _tr(console, pre_approval=True)
    assert tr.properties.pre_approval is True
    [post] = _calls(emulator, "POST", "/task")
    assert post.json["properties"]["preApproval"] is True
    assert "pre_approval" not in post.json["properties"]


def test_pre_approval_falls_back_to_the_sdk_key(console: ConsoleClient, emulator: Emulator) -> None:
    emulator.configure(pre_approval_key="pre_approval")
    tr = _tr(console, pre_approval=True)
    assert tr.properties.pre_approval is True
    first, second = _calls(emulator, "POST", "/task")
    assert "preApproval" in first.json["properties"] and first.status == 400
    assert second.json["properties"]["pre_approval"] is True and second.status == 200
    assert (
        sum(
            1
            for t in emulator.state.tasks.values()
            if t["properties"]["taskingrequestName"] == "shapes"
        )
        == 1
    )
    emulator.clear_requests()
    _tr(console)  # the accepted spelling is remembered: one request
    [only] = _calls(emulator, "POST", "/task")
    assert only.json["properties"]["pre_approval"] is False


def test_other_validation_errors_are_not_retried(
    console: ConsoleClient, emulator: Emulator
) -> None:
    # A refusal that does not name the pre-approval key is about something else: sent once.
    emulator.faults.add(
        "status",
        "/task",
        count=1,
        method="POST",
        status=400,
        body={
            "error": {
                "message": "Validation Error",
                "code": "VALIDATION_ERROR",
                "detail": [{"path": "properties.windowOpen", "message": "too soon"}],
            }
        },
    )
    with pytest.raises(ValidationError) as err:
        _tr(console, pre_approval=True)
    assert "windowOpen" in str(err.value)
    assert len(_calls(emulator, "POST", "/task")) == 1


def test_repeat_search_sends_query(console: ConsoleClient, emulator: Emulator) -> None:
    rr_id = next(
        iter(
            k
            for k, v in emulator.state.repeats.items()
            if v["properties"]["userId"] == emulator.state.user["id"]
        )
    )
    assert console.tasking.get_repeat_request(rr_id).id == rr_id
    [call] = _calls(emulator, "POST", "/repeat-requests/search")
    assert set(call.json) == {"query"} and call.json["query"]["repeatrequestIds"] == {"eq": rr_id}


def test_repeat_search_falls_back_to_filter(console: ConsoleClient, emulator: Emulator) -> None:
    emulator.configure(rr_search_key="filter")
    rr_id = next(
        iter(
            k
            for k, v in emulator.state.repeats.items()
            if v["properties"]["userId"] == emulator.state.user["id"]
        )
    )
    assert console.tasking.get_repeat_request(rr_id).id == rr_id
    first, second = _calls(emulator, "POST", "/repeat-requests/search")
    assert set(first.json) == {"query"} and first.status == 400
    assert set(second.json) == {"filter"} and second.status == 200
    assert console.tasking.search_repeat_requests()  # remembered: filter straight away
    assert set(_calls(emulator, "POST", "/repeat-requests/search")[-1].json) == {"filter"}


def _ignoring_server(results: list[dict[str, Any]]) -> Any:
    """A Console that ignores the search body and answers every request it has."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/user":
            return httpx.Response(200, json=USER)
        return httpx.Response(200, json={"results": results, "currentPage": 1, "totalPages": 1})

    return handler


def _rr(rr_id: str) -> dict[str, Any]:
    return {**RR_FIXTURE, "properties": {**RR_FIXTURE["properties"], "repeatrequestId": rr_id}}


def test_search_by_id_never_returns_another_request() -> None:
    others = [_rr(f"00000000-0000-4000-8000-00000000000{i}") for i in range(3)]
    client, _ = make_client(_ignoring_server(others))
    with pytest.raises(NotFoundError):
        client.tasking.get_repeat_request(RR_ID)
    client, _ = make_client(_ignoring_server([*others, _rr(RR_ID)]))
    assert client.tasking.get_repeat_request(RR_ID).id == RR_ID
    client, _ = make_client(_ignoring_server([*others, _rr(RR_ID.upper())]))
    assert client.tasking.get_repeat_request(RR_ID).id == RR_ID.upper()


def test_repeat_cancel_sends_status(console: ConsoleClient, emulator: Emulator) -> None:
    rr = console.tasking.create_repeat_request(
        {"geometry": POINT, "name": "c", "repetition_count": 2}
    )
    assert console.tasking.cancel_repeat_requests([rr.id]).all_ok
    [patch] = _calls(emulator, "PATCH", "/repeat-requests/")
    assert patch.json == {"status": "canceled"}


def test_repeat_cancel_falls_back_to_code(console: ConsoleClient, emulator: Emulator) -> None:
    emulator.configure(rr_cancel_key="code")
    rr = console.tasking.create_repeat_request(
        {"geometry": POINT, "name": "c", "repetition_count": 2}
    )
    result = console.tasking.cancel_repeat_requests([rr.id])
    assert result.all_ok
    assert [p.json for p in _calls(emulator, "PATCH", "/repeat-requests/")] == [
        {"status": "canceled"},
        {"code": "canceled"},
    ]
    assert emulator.state.repeats[rr.id]["properties"]["statusHistory"][0]["code"] == "canceled"


def test_finalized_cancel_is_not_retried(console: ConsoleClient, emulator: Emulator) -> None:
    canceled = next(
        k
        for k, v in emulator.state.repeats.items()
        if v["properties"]["userId"] == emulator.state.user["id"]
        and v["properties"]["statusHistory"][0]["code"] == "canceled"
    )
    result = console.tasking.cancel_repeat_requests([canceled])
    assert result.failed[canceled].code == "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"
    assert len(_calls(emulator, "PATCH", "/repeat-requests/")) == 1


def test_bodies_are_json_objects() -> None:
    seen: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, json={"status": "canceled"})

    client, _ = make_client(handler)
    assert client.tasking.cancel_repeat_requests([RR_ID]).all_ok
    assert seen == [{"status": "canceled"}]


def test_both_spellings_refused_reports_the_first(console: ConsoleClient) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        key = next(iter(json.loads(request.content)))
        detail = [{"path": key, "message": f"Unrecognized key '{key}'"}]
        err = {"message": "Validation Error", "code": "VALIDATION_ERROR", "detail": detail}
        return httpx.Response(400, json={"error": err})

    client, rec = make_client(handler)
    result = client.tasking.cancel_repeat_requests([RR_ID])
    err = result.failed[RR_ID]
    assert isinstance(err, ValidationError) and "'status'" in str(err)
    assert [json.loads(r.content) for r in rec.requests] == [
        {"status": "canceled"},
        {"code": "canceled"},
    ]
    assert client.tasking.rr_status_key == "status"  # nothing worked: nothing learnt

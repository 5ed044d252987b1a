"""Emulator: strict on the three request shapes public material disagrees on (docs/tasking.md)."""

from __future__ import annotations

import pytest

from tests.console_emulator import Emulator
from tests.unit.test_emulator_tasking import client, rr_body, tr_body


def _rr(emulator: Emulator) -> str:
    return str(
        client(emulator)
        .post("/repeat-requests", json=rr_body())
        .json()["properties"]["repeatrequestId"]
    )


def test_pre_approval_snake_case_is_refused_by_name(emulator: Emulator) -> None:
    body = tr_body()
    body["properties"]["pre_approval"] = body["properties"].pop("preApproval")
    r = client(emulator).post("/task", json=body)
    assert r.status_code == 400
    [d] = r.json()["error"]["detail"]
    assert d["path"] == "properties.pre_approval" and "'preApproval'" in d["message"]
    assert not any(
        t["properties"]["taskingrequestName"] == "test TR" for t in emulator.state.tasks.values()
    )  # refused: nothing was created


def test_pre_approval_key_can_be_switched(emulator: Emulator) -> None:
    emulator.configure(pre_approval_key="pre_approval")
    c = client(emulator)
    assert c.post("/task", json=tr_body()).status_code == 400  # now camelCase is refused
    body = tr_body()
    body["properties"]["pre_approval"] = body["properties"].pop("preApproval")
    assert c.post("/task", json=body).json()["properties"]["preApproval"] is True
    emulator.configure(pre_approval_key="either")
    assert c.post("/task", json=tr_body()).status_code == 200


def test_repeat_search_filter_key_is_refused(emulator: Emulator) -> None:
    rr_id = _rr(emulator)
    c = client(emulator)
    r = c.post("/repeat-requests/search", json={"filter": {"repeatrequestIds": [rr_id]}})
    assert r.status_code == 400
    [d] = r.json()["error"]["detail"]
    assert d["path"] == "filter" and "'query'" in d["message"]
    ok = c.post("/repeat-requests/search", json={"query": {"repeatrequestIds": [rr_id]}})
    assert [x["properties"]["repeatrequestId"] for x in ok.json()["results"]] == [rr_id]


@pytest.mark.parametrize(("accepted", "refused"), [("filter", "query"), ("either", None)])
def test_repeat_search_key_can_be_switched(
    emulator: Emulator, accepted: str, refused: str | None
) -> None:
    emulator.configure(rr_search_key=accepted)
    rr_id = _rr(emulator)
    c = client(emulator)
    r = c.post("/repeat-requests/search", json={"filter": {"repeatrequestIds": [rr_id]}})
    assert [x["properties"]["repeatrequestId"] for x in r.json()["results"]] == [rr_id]
    r = c.post("/repeat-requests/search", json={"query": {"repeatrequestIds": [rr_id]}})
    assert r.status_code == (400 if refused else 200)


def test_repeat_cancel_code_key_is_refused(emulator: Emulator) -> None:
    rr_id = _rr(emulator)
    c = client(emulator)
    r = c.patch(f"/repeat-requests/{rr_id}/status", json={"code": "canceled"})
    assert r.status_code == 400
    [d] = r.json()["error"]["detail"]
    assert d["path"] == "code" and "'status'" in d["message"]
    assert emulator.state.repeats[rr_id]["properties"]["statusHistory"][0]["code"] != "canceled"
    assert (
        c.patch(f"/repeat-requests/{rr_id}/status", json={"status": "canceled"}).status_code == 200
    )


def test_repeat_cancel_key_can_be_switched(emulator: Emulator) -> None:
    emulator.configure(rr_cancel_key="code")
    rr_id = _rr(emulator)
    c = client(emulator)
    assert (
        c.patch(f"/repeat-requests/{rr_id}/status", json={"status": "canceled"}).status_code == 400
    )
    assert c.patch(f"/repeat-requests/{rr_id}/status", json={"code": "canceled"}).status_code == 200
    assert emulator.state.repeats[rr_id]["properties"]["statusHistory"][0]["code"] == "canceled"


def test_task_status_body_is_status(emulator: Emulator) -> None:
    c = client(emulator)
    tr_id = c.post("/task", json=tr_body()).json()["properties"]["taskingrequestId"]
    r = c.patch(f"/task/{tr_id}/status", json={"code": "canceled"})
    assert r.status_code == 400 and r.json()["error"]["detail"][0]["path"] == "code"

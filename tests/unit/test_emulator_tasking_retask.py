"""Emulator: retask, conflicting tasks and collect status history (issue #14)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.console_emulator import Emulator
from tests.unit.test_emulator_tasking import client, tr_body


def _complete(emu: Emulator, tr_id: str) -> None:
    r = httpx.post(f"{emu.url}/_emulator/tasking/{tr_id}/status", json={"code": "completed"})
    assert r.status_code == 200, r.text


def _new(c: httpx.Client, coords: list[float] | None = None, **props: Any) -> str:
    body = tr_body(**props)
    if coords:
        body["geometry"]["coordinates"] = coords
    r = c.post("/task", json=body)
    assert r.status_code == 200, r.text
    return str(r.json()["properties"]["taskingrequestId"])


def _codes(col: dict[str, Any]) -> list[str]:
    return [s["code"] for s in col["collectStatusHistory"]]


def test_retask_a_completed_request_copies_its_collect(emulator: Emulator) -> None:
    emulator.configure(review_delay=0)
    c = client(emulator)
    src = _new(c, collectionTier="priority", collectionType="stripmap_20")
    _complete(emulator, src)
    [col] = c.get(f"/collects/list/{src}").json()
    acc = col["accessProperties"]
    r = c.post(f"/task/{src}/retask", json={})
    assert r.status_code == 200, r.text
    p = r.json()["properties"]
    assert p["taskingrequestId"] != src
    assert p["retaskedFrom"] == {"taskingrequestId": src, "collectId": col["collectId"]}
    assert p["collectionTier"] == "priority" and p["collectionType"] == "stripmap_20"
    cons = p["collectConstraints"]
    assert cons["lookDirection"] == acc["lookDirection"]
    assert cons["ascDsc"] == acc["ascdsc"]
    mid = (acc["offNadirMin"] + acc["offNadirMax"]) / 2
    assert cons["offNadirMin"] == round(mid - 5, 2) and cons["offNadirMax"] == round(mid + 5, 2)
    assert r.json()["geometry"] == c.get(f"/task/{src}").json()["geometry"]
    # the new request goes through the normal flow
    assert (
        c.get(f"/task/{p['taskingrequestId']}").json()["properties"]["statusHistory"][0]["code"]
        == "review"
    )


def test_retask_overrides_and_refusals(emulator: Emulator) -> None:
    c = client(emulator)
    src = _new(c)
    r = c.post(f"/task/{src}/retask", json={})
    assert r.status_code == 400 and r.json()["error"]["code"] == "UNABLE_TO_RETASK"
    _complete(emulator, src)
    r = c.post(
        f"/task/{src}/retask",
        json={
            "taskingrequestName": "again",
            "windowOpen": "2031-01-01T00:00:00Z",
            "windowClose": "2031-01-03T00:00:00Z",
            "preApproval": True,
        },
    )
    p = r.json()["properties"]
    assert p["taskingrequestName"] == "again" and p["windowDuration"] == 2 * 86400
    assert p["preApproval"] is True
    r = c.post(f"/task/{src}/retask", json={"collectConstraints": {}})
    assert r.status_code == 400 and r.json()["error"]["detail"][0]["path"] == "collectConstraints"
    r = c.post(f"/task/{src}/retask", json={"pre_approval": True})
    assert r.status_code == 400 and r.json()["error"]["detail"][0]["path"] == "pre_approval"
    unknown = "11111111-1111-4111-8111-111111111111"
    assert c.post(f"/task/{unknown}/retask", json={}).status_code == 404


def test_retask_a_collect_of_a_request(emulator: Emulator) -> None:
    c = client(emulator)
    src = _new(c)
    _complete(emulator, src)
    [col] = c.get(f"/collects/list/{src}").json()
    r = c.post(f"/collects/{col['collectId']}/retask", json={"taskingrequestName": "like it"})
    assert r.status_code == 200, r.text
    p = r.json()["properties"]
    assert p["retaskedFrom"]["collectId"] == col["collectId"]
    assert p["taskingrequestName"] == "like it"


def test_retask_a_collect_known_from_the_archive(emulator: Emulator) -> None:
    entry = next(
        e
        for e in emulator.state.entries
        if emulator.state.accessible(e) and e.props.get("view:look_angle")
    )
    cid = entry.props["capella:collect_id"]
    r = client(emulator).post(f"/collects/{cid}/retask", json=None)
    assert r.status_code == 200, r.text
    p = r.json()["properties"]
    look = entry.props["view:look_angle"]
    assert p["collectConstraints"]["offNadirMin"] == round(max(0.0, look - 5), 2)
    assert p["collectConstraints"]["offNadirMax"] == round(min(90.0, look + 5), 2)
    assert p["collectConstraints"]["lookDirection"] == entry.props["sar:observation_direction"]
    assert p["collectConstraints"]["ascDsc"] == entry.props["sat:orbit_state"]
    assert p["retaskedFrom"] == {"collectId": cid, "stacId": entry.id}
    unknown = "11111111-1111-4111-8111-111111111111"
    assert client(emulator).post(f"/collects/{unknown}/retask", json={}).status_code == 404


def test_predicted_collect_not_delivered_cannot_be_retasked(emulator: Emulator) -> None:
    emulator.configure(review_delay=0)
    c = client(emulator)
    tr_id = _new(c, preApproval=False)
    [col] = c.get(f"/collects/list/{tr_id}").json()
    assert _codes(col) == ["predicted"]
    r = c.post(f"/collects/{col['collectId']}/retask", json={})
    assert r.status_code == 400 and "not delivered" in r.json()["error"]["message"]


def test_collect_status_history_follows_the_request(emulator: Emulator) -> None:
    emulator.configure(review_delay=0)
    c = client(emulator)
    tr_id = _new(c, preApproval=False)
    [col] = c.get(f"/collects/list/{tr_id}").json()
    assert _codes(col) == ["predicted"]
    assert col["taskingrequestId"] == tr_id and col["windowOpen"]
    c.patch(f"/task/{tr_id}/status", json={"status": "approved"})
    r = httpx.post(f"{emulator.url}/_emulator/tasking/{tr_id}/status", json={"code": "active"})
    assert r.status_code == 200
    [col] = c.get(f"/collects/list/{tr_id}").json()
    assert _codes(col) == ["tasked", "predicted"]
    r = httpx.post(
        f"{emulator.url}/_emulator/collects/{col['collectId']}/status", json={"code": "qa"}
    )
    assert _codes(r.json()) == ["qa", "processing", "collected", "tasked", "predicted"]
    _complete(emulator, tr_id)
    [done] = c.get(f"/collects/list/{tr_id}").json()
    assert _codes(done) == ["delivered", "qa", "processing", "collected", "tasked", "predicted"]
    assert emulator.state.by_collect.get(done["collectId"])  # its products are in the catalog


def test_unknown_collect_status_hook(emulator: Emulator) -> None:
    unknown = "11111111-1111-4111-8111-111111111111"
    r = httpx.post(f"{emulator.url}/_emulator/collects/{unknown}/status", json={"code": "qa"})
    assert r.status_code == 404


def test_active_requests_list_conflicting_tasks(emulator: Emulator) -> None:
    emulator.configure(review_delay=0)
    c = client(emulator)
    a = _new(c, coords=[12.5, 41.9])
    b = _new(c, coords=[12.6, 41.95], taskingrequestName="neighbour")
    far = _new(c, coords=[-70.0, -30.0])
    later = tr_body(windowOpen="2031-05-01T00:00:00Z", windowClose="2031-05-08T00:00:00Z")
    later_id = c.post("/task", json=later).json()["properties"]["taskingrequestId"]
    assert c.get(f"/task/{a}").json()["properties"]["conflictingTasks"] == []  # not active yet
    httpx.post(f"{emulator.url}/_emulator/tasking/{a}/status", json={"code": "active"})
    conflicts = c.get(f"/task/{a}").json()["properties"]["conflictingTasks"]
    ids = [x["taskingrequestId"] for x in conflicts]
    assert b in ids and far not in ids and later_id not in ids and a not in ids
    mine = next(x for x in conflicts if x["taskingrequestId"] == b)
    assert mine["taskingrequestName"] == "neighbour" and 5 < mine["distanceKm"] < 15
    c.patch(f"/task/{b}/status", json={"status": "canceled"})
    ids = [
        x["taskingrequestId"] for x in c.get(f"/task/{a}").json()["properties"]["conflictingTasks"]
    ]
    assert b not in ids  # a canceled request competes for nothing

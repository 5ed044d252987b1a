"""Console emulator: tasking requests, collects, state machine and repeat requests."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.console_emulator import Emulator

H = {"Authorization": "ApiKey demo"}


def client(emu: Emulator) -> httpx.Client:
    return httpx.Client(base_url=emu.url, headers=H, timeout=30)


def tr_body(**props: Any) -> dict[str, Any]:
    base = {
        "taskingrequestName": "test TR",
        "taskingrequestDescription": "",
        "windowOpen": "2030-05-01T12:00:00.000Z",
        "windowClose": "2030-05-08T12:00:00.000Z",
        "collectionTier": "standard",
        "collectionType": "spotlight",
        "archiveHoldback": "none",
        "customAttribute1": None,
        "customAttribute2": None,
        "preApproval": True,
        "collectConstraints": {"ascDsc": "either", "lookDirection": "either", "localTime": "day"},
    }
    base.update(props)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [12.5, 41.9]},
        "properties": base,
    }


def rr_body(**props: Any) -> dict[str, Any]:
    base = {
        "repeatrequestName": "rr",
        "repeatrequestDescription": "",
        "collectionTier": "routine",
        "collectionType": "spotlight",
        "archiveHoldback": "none",
        "customAttribute1": None,
        "customAttribute2": None,
        "collectConstraints": {"squint": "disabled"},
        "repetitionProperties": {
            "repeatStart": "2030-01-01T00:00:00.000Z",
            "repetitionInterval": 7,
            "repetitionCount": 3,
        },
    }
    base.update(props)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [4.5, 51.9]},
        "properties": base,
    }


def test_create_task(emulator: Emulator) -> None:
    r = client(emulator).post("/task", json={**tr_body(), "contractId": "contract-123"})
    assert r.status_code == 200, r.text
    p = r.json()["properties"]
    assert p["preApproval"] is True and p["windowDuration"] == 7 * 86400
    assert p["collectConstraints"]["localTime"] == "day"
    assert p["statusHistory"][0]["code"] == "received" and p["repeatrequestId"] is None
    assert p["userId"] == emulator.state.user["id"] and p["orgId"] == emulator.state.org_id
    got = client(emulator).get(f"/task/{p['taskingrequestId']}").json()
    assert got["properties"]["taskingrequestId"] == p["taskingrequestId"]


def test_pre_approval_camel_case(emulator: Emulator) -> None:
    body = tr_body(preApproval=True)
    assert client(emulator).post("/task", json=body).json()["properties"]["preApproval"] is True


@pytest.mark.parametrize(
    ("props", "path"),
    [
        ({"collectionTier": "weekly"}, "properties.collectionTier"),
        ({"windowOpen": "2030-05-09T00:00:00Z"}, "properties.windowOpen"),
        (
            {"collectConstraints": {"offNadirMin": 40, "offNadirMax": 20}},
            "properties.collectConstraints.offNadirMin",
        ),
        (
            {"collectConstraints": {"orbitalPlanes": [12]}},
            "properties.collectConstraints.orbitalPlanes.0",
        ),
        ({"collectConstraints": {"localTime": "noon"}}, "properties.collectConstraints.localTime"),
    ],
)
def test_task_validation(emulator: Emulator, props: dict[str, Any], path: str) -> None:
    r = client(emulator).post("/task", json=tr_body(**props))
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["code"] == "VALIDATION_ERROR" and path in [d["path"] for d in err["detail"]]


def test_task_geometry_and_contract(emulator: Emulator) -> None:
    body = tr_body()
    body["geometry"] = {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}
    assert client(emulator).post("/task", json=body).json()["error"]["code"] == "VALIDATION_ERROR"
    r = client(emulator).post("/task", json={**tr_body(), "contractId": "nope"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "CONTRACT_NOT_FOUND"


def test_get_unknown_task(emulator: Emulator) -> None:
    r = client(emulator).get("/task/11111111-1111-4111-8111-111111111111")
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND"


def test_update_task(emulator: Emulator) -> None:
    c = client(emulator)
    tr_id = c.post("/task", json=tr_body()).json()["properties"]["taskingrequestId"]
    r = c.patch(
        f"/task/{tr_id}",
        json={
            "properties": {
                "taskingrequestName": "renamed",
                "processingConfig": {"productTypes": ["GEO"]},
            }
        },
    )
    assert r.status_code == 200 and r.json()["properties"]["taskingrequestName"] == "renamed"
    r = c.patch(f"/task/{tr_id}", json={"properties": {"collectionTier": "urgent"}})
    assert r.status_code == 400 and r.json()["error"]["code"] == "VALIDATION_ERROR"
    assert c.patch(f"/task/{tr_id}/status", json={"status": "canceled"}).json() == {
        "status": "canceled"
    }
    r = c.patch(f"/task/{tr_id}", json={"properties": {"taskingrequestName": "x"}})
    assert r.status_code == 400 and r.json()["error"]["code"] == "UNABLE_TO_UPDATE_TASKING_REQUEST"


def test_cancel_rules(emulator: Emulator) -> None:
    c = client(emulator)
    tr_id = c.post("/task", json=tr_body()).json()["properties"]["taskingrequestId"]
    assert c.patch(f"/task/{tr_id}/status", json={"status": "canceled"}).status_code == 200
    hist = c.get(f"/task/{tr_id}").json()["properties"]["statusHistory"]
    assert hist[0]["code"] == "canceled"
    r = c.patch(f"/task/{tr_id}/status", json={"status": "canceled"})
    assert (
        r.status_code == 400
        and r.json()["error"]["code"] == "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"
    )
    r = c.patch("/task/11111111-1111-4111-8111-111111111111/status", json={"status": "canceled"})
    assert r.status_code == 404


def test_completed_task_collects_link_to_catalog(emulator: Emulator) -> None:
    c = client(emulator)
    res = c.post("/tasks/search", json={"query": {"lastStatusCode": {"eq": "completed"}}}).json()
    assert res["results"]
    tr_id = res["results"][0]["properties"]["taskingrequestId"]
    collects = c.get(f"/collects/list/{tr_id}").json()
    assert collects
    ids = [x["collectId"] for x in collects]
    page = c.post(
        "/catalog/search", json={"query": {"capella:collect_id": {"in": ids}}, "limit": 50}
    ).json()
    assert page["numberMatched"] >= 2


def test_state_machine_hook_completes_with_collects(emulator: Emulator) -> None:
    c = client(emulator)
    tr_id = c.post("/task", json=tr_body()).json()["properties"]["taskingrequestId"]
    r = httpx.post(f"{emulator.url}/_emulator/tasking/{tr_id}/status", json={"code": "completed"})
    assert r.status_code == 200
    codes = [h["code"] for h in c.get(f"/task/{tr_id}").json()["properties"]["statusHistory"]]
    assert codes == ["completed", "active", "accepted", "submitted", "review", "received"]
    collects = c.get(f"/collects/list/{tr_id}").json()
    page = c.post(
        "/catalog/search",
        json={"query": {"capella:collect_id": {"eq": collects[0]["collectId"]}}, "limit": 10},
    ).json()
    assert page["numberMatched"] >= 2
    r = httpx.post(f"{emulator.url}/_emulator/tasking/{tr_id}/status", json={"code": "review"})
    assert r.status_code == 409


def test_task_search_semantics(emulator: Emulator) -> None:
    c = client(emulator)
    me = emulator.state.user
    res = c.post(
        "/tasks/search?page=1&limit=250",
        json={"query": {"userId": me["id"], "includeRepeatingTasks": {"eq": False}}},
    ).json()
    assert set(res) >= {"results", "currentPage", "totalPages"}
    assert all(r["properties"]["userId"] == me["id"] for r in res["results"])
    assert all(r["properties"]["repeatrequestId"] is None for r in res["results"])
    with_rep = c.post("/tasks/search", json={"query": {"userId": me["id"]}}).json()["results"]
    assert len(with_rep) > len(res["results"])
    subs = [r["properties"]["submissionTime"] for r in res["results"]]
    assert subs == sorted(subs, reverse=True)
    listed = c.post(
        "/tasks/search", json={"query": {"lastStatusCode": ["accepted", "review"]}}
    ).json()["results"]
    assert listed and {r["properties"]["statusHistory"][0]["code"] for r in listed} <= {
        "accepted",
        "review",
    }
    org = c.post(
        "/tasks/search", json={"query": {"organizationIds": [me["organizationId"]]}}
    ).json()["results"]
    assert {r["properties"]["userId"] for r in org} > {me["id"]}
    emulator.configure(min_tr_limit=1)  # the documented least is 250: pages of 5 by config
    paged = c.post(
        "/tasks/search?page=2&limit=5", json={"query": {"organizationIds": [me["organizationId"]]}}
    ).json()
    assert paged["currentPage"] == 2 and len(paged["results"]) == 5
    assert paged["totalPages"] == -(-len(org) // 5)
    since = c.post("/tasks/search", json={"query": {"submissionTime": {"gt": "2100-01-01"}}}).json()
    assert since["results"] == []
    assert c.post("/tasks/search?limit=501", json={"query": {}}).status_code == 400


def test_task_search_role_checks(emulator: Emulator) -> None:
    c = client(emulator)
    emulator.configure(roles=["user"])
    org_id = emulator.state.org_id
    r = c.post("/tasks/search", json={"query": {"organizationIds": [org_id]}})
    assert r.status_code == 403 and r.json()["error"]["code"] == "NOT_AUTHORIZED"
    other = emulator.state.other_users[0]["id"]
    assert c.post("/tasks/search", json={"query": {"userId": other}}).status_code == 403
    assert (
        c.post("/tasks/search", json={"query": {"organizationIds": ["someone-else"]}}).status_code
        == 403
    )


def test_repeat_request_lifecycle(emulator: Emulator) -> None:
    c = client(emulator)
    r = c.post("/repeat-requests", json=rr_body())
    assert r.status_code == 200, r.text
    rr = r.json()["properties"]
    rr_id = rr["repeatrequestId"]
    assert rr["repetitionProperties"]["repetitionCount"] == 3
    derived = c.post("/tasks/search", json={"query": {"userId": emulator.state.user["id"]}}).json()[
        "results"
    ]
    assert any(t["properties"]["repeatrequestId"] == rr_id for t in derived)
    found = c.post("/repeat-requests/search", json={"query": {"repeatrequestIds": [rr_id]}}).json()
    assert [x["properties"]["repeatrequestId"] for x in found["results"]] == [rr_id]
    dotted = c.post(
        "/repeat-requests/search",
        json={
            "query": {
                "repetitionProperties.repeatStart": {"gte": "2029-12-31"},
                "repetitionProperties.repetitionInterval": 7,
            }
        },
    ).json()
    assert rr_id in [x["properties"]["repeatrequestId"] for x in dotted["results"]]
    r = c.patch(f"/repeat-requests/{rr_id}", json={"properties": {"repeatrequestName": "new"}})
    assert r.json()["properties"]["repeatrequestName"] == "new"
    assert (
        c.patch(
            f"/repeat-requests/{rr_id}", json={"properties": {"collectionTier": "x"}}
        ).status_code
        == 400
    )
    assert (
        c.patch(f"/repeat-requests/{rr_id}/status", json={"status": "canceled"}).status_code == 200
    )
    r = c.patch(f"/repeat-requests/{rr_id}", json={"properties": {"repeatrequestName": "x"}})
    assert r.json()["error"]["code"] == "UNABLE_TO_UPDATE_REPEAT_REQUEST"
    r = c.patch(f"/repeat-requests/{rr_id}/status", json={"status": "canceled"})
    assert r.json()["error"]["code"] == "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"


@pytest.mark.parametrize(
    ("props", "ok"),
    [
        ({"collectionTier": "insar", "insar": {"orbit": "SSO_97_7P00"}}, True),
        ({"collectionTier": "insar"}, False),
        ({"collectionTier": "insar", "insar": {"orbit": "LEO_1"}}, False),
        # An orbit with another tier is not refused: no public material says it is (item 13).
        ({"insar": {"orbit": "MIO_53_2P95"}}, True),
        ({"repetitionProperties": {"repeatEnd": "2031-01-01", "repetitionCount": 3}}, False),
        ({"repetitionProperties": {"repetitionInterval": 0}}, False),
        ({"collectionTier": "standard"}, False),
    ],
)
def test_repeat_request_validation(emulator: Emulator, props: dict[str, Any], ok: bool) -> None:
    r = client(emulator).post("/repeat-requests", json=rr_body(**props))
    if ok:
        assert r.status_code == 200, r.text
        assert r.json()["properties"]["insar"] == props["insar"]
    else:
        assert r.status_code == 400 and r.json()["error"]["code"] == "VALIDATION_ERROR"

"""SDK conformance: tasking requests of capella-console-client (repeat requests and InSAR:
test_sdk_conformance_repeat.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx
import pytest
from capella_console_client import CapellaConsoleClient
from capella_console_client.exceptions import (
    AuthorizationError,
    ContractNotFoundError,
    TaskNotCompleteError,
    ValidationError,
)

from tests.console_emulator import Emulator
from tests.unit.sdk_tasking_support import (
    POINT,
    POLYGON,
    api_calls,
    epoch,
    own_tr,
    status_of,
    use_sdk_shapes,
)

# pytest fixture shared by the tasking and repeat request conformance tests


@pytest.fixture(autouse=True)
def _sdk_shapes(emulator: Emulator) -> None:
    """The SDK sends its own spelling of the disputed shapes; the emulator accepts them here."""
    use_sdk_shapes(emulator)


def test_create_point_tasking_request_payload(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    tr = client.create_tasking_request(
        geometry=POINT,
        name="point tasking request",
        description="conformance",
        window_open="2030-05-01T12:00:00Z",
        window_close="2030-05-08T12:00:00Z",
        collection_tier="priority",
        collection_type="spotlight_ultra",
        local_time="day",
        off_nadir_min=5,
        off_nadir_max=45,
        orbital_planes=[45, 53],
        asc_dsc="ascending",
        look_direction="right",
        polarization="VV",
        product_types=["GEO", "VC"],
        archive_holdback="30_day",
        custom_attribute_1="a1",
        pre_approval=True,
        contract_id="contract-456",
    )
    (req,) = api_calls(emulator, "POST", "/task")
    body = req.json
    assert body["type"] == "Feature"
    assert body["geometry"] == POINT
    assert body["contractId"] == "contract-456"
    props = body["properties"]
    assert props["pre_approval"] is True
    assert "preApproval" not in props
    assert props["taskingrequestName"] == "point tasking request"
    assert props["taskingrequestDescription"] == "conformance"
    assert props["windowOpen"] == "2030-05-01T12:00:00.000Z"
    assert props["windowClose"] == "2030-05-08T12:00:00.000Z"
    assert props["collectionTier"] == "priority"
    assert props["collectionType"] == "spotlight_ultra"
    assert props["archiveHoldback"] == "30_day"
    assert props["customAttribute1"] == "a1"
    assert props["customAttribute2"] is None
    assert props["processingConfig"] == {"productTypes": ["GEO", "VC"]}
    assert props["collectConstraints"] == {
        "localTime": "day",
        "offNadirMin": 5,
        "offNadirMax": 45,
        "orbitalPlanes": [45, 53],
        "ascDsc": "ascending",
        "lookDirection": "right",
        "polarization": "VV",
        "squint": "enabled",
    }

    out = tr["properties"]
    tr_id = out["taskingrequestId"]
    assert tr_id in emulator.state.tasks
    assert out["userId"] == emulator.state.user["id"]
    assert out["preApproval"] is True
    assert out["contractId"] == "contract-456"
    assert out["repeatrequestId"] is None
    assert out["windowDuration"] == 7 * 86400
    assert out["processingConfig"] == {"productTypes": ["GEO", "VC"]}
    assert out["collectConstraints"]["orbitalPlanes"] == [45, 53]
    assert [s["code"] for s in out["statusHistory"]] == ["received"]
    assert client.get_task(tr_id) == tr
    assert not client.is_task_completed(tr)


def test_create_polygon_tasking_request_defaults(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    tr = client.create_tasking_request(geometry=POLYGON, name="polygon", image_width=3000)
    props = api_calls(emulator, "POST", "/task")[0].json["properties"]
    assert props["collectConstraints"] == {
        "ascDsc": "either",
        "lookDirection": "either",
        "squint": "disabled",
        "imageWidth": 3000,
    }
    assert props["pre_approval"] is False
    assert props["collectionTier"] == "standard"
    assert props["collectionType"] == "spotlight"
    assert "processingConfig" not in props
    assert "contractId" not in api_calls(emulator, "POST", "/task")[0].json
    assert epoch(props["windowClose"]) - epoch(props["windowOpen"]) == pytest.approx(7 * 86400)
    assert tr["geometry"] == POLYGON
    assert tr["properties"]["preApproval"] is False


def test_create_tasking_request_errors(client: CapellaConsoleClient, emulator: Emulator) -> None:
    before = len(emulator.state.tasks)
    with pytest.raises(ContractNotFoundError):
        client.create_tasking_request(geometry=POINT, name="x", contract_id="nope")
    with pytest.raises(ValidationError) as exc_info:
        client.create_tasking_request(geometry=POINT, name="x", off_nadir_min=40, off_nadir_max=10)
    paths = [d["path"] for d in exc_info.value.data["detail"]]
    assert "properties.collectConstraints.offNadirMin" in paths
    assert len(emulator.state.tasks) == before


def test_update_tasking_requests(client: CapellaConsoleClient, emulator: Emulator) -> None:
    ids = [
        client.create_tasking_request(geometry=POINT, name=f"tr {i}")["properties"][
            "taskingrequestId"
        ]
        for i in range(2)
    ]
    completed = own_tr(emulator, "completed")
    result = client.update_tasking_requests(
        *ids,
        ids[0],
        completed,
        name="renamed",
        custom_attribute_2="c2",
        product_types=["SLC", "GEO"],
    )
    assert set(result) == {*ids, completed}
    for tr_id in ids:
        props = emulator.state.tasks[tr_id]["properties"]
        assert props["taskingrequestName"] == "renamed"
        assert props["customAttribute2"] == "c2"
        assert props["processingConfig"] == {"productTypes": ["SLC", "GEO"]}
        assert result[tr_id]["properties"]["taskingrequestName"] == "renamed"
    assert result[completed]["success"] is False
    assert result[completed]["error"]["code"] == "UNABLE_TO_UPDATE_TASKING_REQUEST"
    patches = [r for r in emulator.requests("api") if r.method == "PATCH"]
    assert len(patches) == 3
    assert patches[0].json == {
        "properties": {
            "taskingrequestName": "renamed",
            "customAttribute2": "c2",
            "processingConfig": {"productTypes": ["SLC", "GEO"]},
        }
    }


def test_cancel_tasking_requests(client: CapellaConsoleClient, emulator: Emulator) -> None:
    new_id = client.create_tasking_request(geometry=POINT, name="to cancel")["properties"][
        "taskingrequestId"
    ]
    accepted = own_tr(emulator, "accepted")
    completed = own_tr(emulator, "completed")
    result = client.cancel_tasking_requests(new_id, accepted, completed, None)
    assert result[new_id] == {"success": True}
    assert result[accepted] == {"success": True}
    assert result[completed]["success"] is False
    assert result[completed]["error"]["code"] == "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"
    assert "finalized" in result[completed]["error"]["message"]
    assert status_of(emulator.state.tasks[new_id]) == "canceled"
    assert status_of(emulator.state.tasks[accepted]) == "canceled"
    assert status_of(emulator.state.tasks[completed]) == "completed"
    bodies = {r.path: r.json for r in emulator.requests("api") if r.method == "PATCH"}
    assert bodies[f"/task/{new_id}/status"] == {"status": "canceled"}

    again = client.cancel_tasking_requests(new_id)
    assert again[new_id]["success"] is False
    assert "customer-cancelled" in again[new_id]["error"]["message"]


def test_search_tasking_requests_filters(client: CapellaConsoleClient, emulator: Emulator) -> None:
    uid = emulator.state.user["id"]
    since = (datetime.now(timezone.utc) - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    result = client.search_tasking_requests(
        status=["accepted", "received", "completed"], submission_time__gt=since
    )
    (req,) = api_calls(emulator, "POST", "/tasks/search")
    assert req.query == {"page": "1", "limit": "250"}
    assert req.json == {
        "query": {
            "includeRepeatingTasks": {"eq": False},
            "userId": uid,
            "lastStatusCode": ["accepted", "received", "completed"],
            "submissionTime": {"gt": since},
        }
    }
    expected = {
        k
        for k, v in emulator.state.tasks.items()
        if v["properties"]["userId"] == uid
        and not v["properties"]["repeatrequestId"]
        and status_of(v) in ("accepted", "received", "completed")
        and epoch(v["properties"]["submissionTime"]) > epoch(since)
    }
    assert expected
    assert set(result.tasking_request_ids) == expected
    assert len(result) == len(expected)

    one = client.search_tasking_requests(tasking_request_id=sorted(expected)[0])
    assert one.tasking_request_ids == [sorted(expected)[0]]
    grouped = client.search_tasking_requests().groupby("collectionTier").value_counts()
    assert sum(grouped.values()) == sum(
        1
        for v in emulator.state.tasks.values()
        if v["properties"]["userId"] == uid and not v["properties"]["repeatrequestId"]
    )


def test_search_tasking_requests_window_and_status_time(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    uid = emulator.state.user["id"]
    now = datetime.now(timezone.utc)
    lo = (now - timedelta(days=5)).strftime("%Y-%m-%d")
    hi = (now + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    result = client.search_tasking_requests(window_open__gte=lo, window_open__lt=hi)
    body = api_calls(emulator, "POST", "/tasks/search")[0].json
    assert body["query"]["windowOpen"] == {"gte": lo, "lt": hi}
    expected = {
        k
        for k, v in emulator.state.tasks.items()
        if v["properties"]["userId"] == uid
        and not v["properties"]["repeatrequestId"]
        and epoch(lo + "T00:00:00Z") <= epoch(v["properties"]["windowOpen"]) < epoch(hi)
    }
    assert expected
    assert set(result.tasking_request_ids) == expected

    own = [
        v
        for v in emulator.state.tasks.values()
        if v["properties"]["userId"] == uid and not v["properties"]["repeatrequestId"]
    ]
    stamps = sorted({epoch(v["properties"]["statusHistory"][0]["time"]) for v in own})
    stamp = next(
        v["properties"]["statusHistory"][0]["time"]
        for v in own
        if epoch(v["properties"]["statusHistory"][0]["time"]) == stamps[-3]
    )
    latest = client.search_tasking_requests(last_status_time__gte=stamp)
    assert api_calls(emulator, "POST", "/tasks/search")[-1].json["query"]["lastStatusTime"] == {
        "gte": stamp
    }
    expected_latest = {
        v["properties"]["taskingrequestId"]
        for v in own
        if epoch(v["properties"]["statusHistory"][0]["time"]) >= stamps[-3]
    }
    assert len(expected_latest) >= 3
    assert set(latest.tasking_request_ids) == expected_latest


def test_search_tasking_requests_paging(client: CapellaConsoleClient, emulator: Emulator) -> None:
    uid = emulator.state.user["id"]
    total = sum(
        1
        for v in emulator.state.tasks.values()
        if v["properties"]["userId"] == uid and not v["properties"]["repeatrequestId"]
    )
    # Pages of 5: below the documented 250-500 the SDK does not enforce (docs/emulator.md).
    emulator.configure(min_tr_limit=1, max_tr_limit=5)
    result = client.search_tasking_requests(page_size=5, threaded=False)
    assert len(result) == len(set(result.tasking_request_ids)) == total
    pages = [r.query["page"] for r in api_calls(emulator, "POST", "/tasks/search")]
    assert pages == [str(i) for i in range(1, -(-total // 5) + 1)]
    emulator.clear_requests()
    threaded = client.search_tasking_requests(page_size=5)
    assert threaded.tasking_request_ids == result.tasking_request_ids


def test_search_tasking_requests_for_org(client: CapellaConsoleClient, emulator: Emulator) -> None:
    assert "organization-manager" in emulator.state.user["roles"]
    org = client.search_tasking_requests(for_org=True)
    body = api_calls(emulator, "POST", "/tasks/search")[0].json
    assert body["query"]["organizationIds"] == [emulator.state.user["organizationId"]]
    assert "userId" not in body["query"]
    expected = {
        k for k, v in emulator.state.tasks.items() if not v["properties"]["repeatrequestId"]
    }
    assert set(org.tasking_request_ids) == expected
    assert len({t["properties"]["userId"] for t in org}) > 1

    emulator.configure(roles=["user"])
    with pytest.raises(AuthorizationError):
        client.search_tasking_requests(for_org=True)
    other = emulator.state.other_users[0]["id"]
    with pytest.raises(AuthorizationError):
        client.search_tasking_requests(user_id=other)


def test_get_collects_for_task(client: CapellaConsoleClient, emulator: Emulator) -> None:
    completed = own_tr(emulator, "completed")
    collects = client.get_collects_for_task(completed)
    assert collects == emulator.state.collects[completed]
    assert collects
    for col in collects:
        assert col["taskingrequestId"] == completed
        assert emulator.state.by_collect[col["collectId"]]
    assert [r.path for r in emulator.requests("api")] == [
        f"/task/{completed}",
        f"/collects/list/{completed}",
    ]
    with pytest.raises(TaskNotCompleteError):
        client.get_collects_for_task(own_tr(emulator, "accepted"))
    with pytest.raises(ValueError):
        client.get_task("not-a-uuid")


def test_status_hook_completes_tasking_request(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    tr_id = client.create_tasking_request(geometry=POLYGON, name="hooked")["properties"][
        "taskingrequestId"
    ]
    resp = httpx.post(
        f"{emulator.url}/_emulator/tasking/{tr_id}/status", json={"code": "completed"}
    )
    assert resp.status_code == 200
    task = client.get_task(tr_id)
    assert client.is_task_completed(task)
    assert [s["code"] for s in task["properties"]["statusHistory"]] == [
        "completed",
        "active",
        "accepted",
        "submitted",
        "review",
        "received",
    ]
    (collect,) = client.get_collects_for_task(tr_id)
    found = client.search(collect_id=collect["collectId"])
    assert len(found) >= 2
    assert {f["properties"]["sar:product_type"] for f in found} >= {"SLC"}
    assert client.search_tasking_requests(status="completed", tasking_request_id=tr_id)


def test_search_tasking_requests_scoping_filters(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    other = emulator.state.other_users[0]["id"]
    theirs = client.search_tasking_requests(user_id=other)
    body = api_calls(emulator, "POST", "/tasks/search")[0].json
    assert body["query"]["userId"] == {"eq": other}
    expected = {
        k
        for k, v in emulator.state.tasks.items()
        if v["properties"]["userId"] == other and not v["properties"]["repeatrequestId"]
    }
    assert expected
    assert set(theirs.tasking_request_ids) == expected

    org_id = emulator.state.user["organizationId"]
    by_org = client.search_tasking_requests(
        org_id=org_id, collection_type="spotlight", instrument_mode="spotlight"
    )
    query = api_calls(emulator, "POST", "/tasks/search")[-1].json["query"]
    assert query["organizationIds"] == {"eq": org_id}
    assert query["collectionType"] == {"eq": "spotlight"}
    assert query["type"] == {"eq": "spotlight"}
    assert by_org
    assert all(t["properties"]["collectionType"] == "spotlight" for t in by_org)
    assert len({t["properties"]["userId"] for t in by_org}) >= 1
    assert len(by_org) == sum(
        1
        for v in emulator.state.tasks.values()
        if not v["properties"]["repeatrequestId"]
        and v["properties"]["collectionType"] == "spotlight"
    )

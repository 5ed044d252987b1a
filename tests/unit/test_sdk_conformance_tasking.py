"""SDK conformance: tasking and repeat requests (incl. InSAR) of capella-console-client."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
from capella_console_client import CapellaConsoleClient
from capella_console_client.exceptions import (
    AuthorizationError,
    ContractNotFoundError,
    RepeatRequestPayloadValidationError,
    TaskNotCompleteError,
    ValidationError,
)

from tests.console_emulator import Emulator
from tests.console_emulator.recording import RecordedRequest

POINT = {"type": "Point", "coordinates": [-105.12036, 39.96533]}
POLYGON = {
    "type": "Polygon",
    "coordinates": [
        [[12.45, 41.88], [12.52, 41.88], [12.52, 41.93], [12.45, 41.93], [12.45, 41.88]]
    ],
}


@pytest.fixture
def client(emulator: Emulator) -> CapellaConsoleClient:
    sdk = CapellaConsoleClient(api_key="demo", base_url=emulator.url)
    emulator.clear_requests()
    return sdk


def _calls(emulator: Emulator, method: str, path: str) -> list[RecordedRequest]:
    return [r for r in emulator.requests("api") if r.method == method and r.path == path]


def _epoch(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def _status(rec: dict[str, Any]) -> str:
    return rec["properties"]["statusHistory"][0]["code"]


def _own_tr(emulator: Emulator, status: str) -> str:
    uid = emulator.state.user["id"]
    return next(
        k
        for k, v in emulator.state.tasks.items()
        if v["properties"]["userId"] == uid
        and not v["properties"]["repeatrequestId"]
        and _status(v) == status
    )


def _own_rr(emulator: Emulator, status: str) -> str:
    uid = emulator.state.user["id"]
    return next(
        k
        for k, v in emulator.state.repeats.items()
        if v["properties"]["userId"] == uid and _status(v) == status
    )


# --------------------------------------------------------------------------- tasking requests


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
    (req,) = _calls(emulator, "POST", "/task")
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
    props = _calls(emulator, "POST", "/task")[0].json["properties"]
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
    assert "contractId" not in _calls(emulator, "POST", "/task")[0].json
    assert _epoch(props["windowClose"]) - _epoch(props["windowOpen"]) == pytest.approx(7 * 86400)
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
    completed = _own_tr(emulator, "completed")
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
    accepted = _own_tr(emulator, "accepted")
    completed = _own_tr(emulator, "completed")
    result = client.cancel_tasking_requests(new_id, accepted, completed, None)
    assert result[new_id] == {"success": True}
    assert result[accepted] == {"success": True}
    assert result[completed]["success"] is False
    assert result[completed]["error"]["code"] == "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"
    assert "finalized" in result[completed]["error"]["message"]
    assert _status(emulator.state.tasks[new_id]) == "canceled"
    assert _status(emulator.state.tasks[accepted]) == "canceled"
    assert _status(emulator.state.tasks[completed]) == "completed"
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
    (req,) = _calls(emulator, "POST", "/tasks/search")
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
        and _status(v) in ("accepted", "received", "completed")
        and _epoch(v["properties"]["submissionTime"]) > _epoch(since)
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
    body = _calls(emulator, "POST", "/tasks/search")[0].json
    assert body["query"]["windowOpen"] == {"gte": lo, "lt": hi}
    expected = {
        k
        for k, v in emulator.state.tasks.items()
        if v["properties"]["userId"] == uid
        and not v["properties"]["repeatrequestId"]
        and _epoch(lo + "T00:00:00Z") <= _epoch(v["properties"]["windowOpen"]) < _epoch(hi)
    }
    assert expected
    assert set(result.tasking_request_ids) == expected

    own = [
        v
        for v in emulator.state.tasks.values()
        if v["properties"]["userId"] == uid and not v["properties"]["repeatrequestId"]
    ]
    stamps = sorted({_epoch(v["properties"]["statusHistory"][0]["time"]) for v in own})
    stamp = next(
        v["properties"]["statusHistory"][0]["time"]
        for v in own
        if _epoch(v["properties"]["statusHistory"][0]["time"]) == stamps[-3]
    )
    latest = client.search_tasking_requests(last_status_time__gte=stamp)
    assert _calls(emulator, "POST", "/tasks/search")[-1].json["query"]["lastStatusTime"] == {
        "gte": stamp
    }
    expected_latest = {
        v["properties"]["taskingrequestId"]
        for v in own
        if _epoch(v["properties"]["statusHistory"][0]["time"]) >= stamps[-3]
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
    emulator.configure(max_tr_limit=5)
    result = client.search_tasking_requests(page_size=5, threaded=False)
    assert len(result) == len(set(result.tasking_request_ids)) == total
    pages = [r.query["page"] for r in _calls(emulator, "POST", "/tasks/search")]
    assert pages == [str(i) for i in range(1, -(-total // 5) + 1)]
    emulator.clear_requests()
    threaded = client.search_tasking_requests(page_size=5)
    assert threaded.tasking_request_ids == result.tasking_request_ids


def test_search_tasking_requests_for_org(client: CapellaConsoleClient, emulator: Emulator) -> None:
    assert "organization-manager" in emulator.state.user["roles"]
    org = client.search_tasking_requests(for_org=True)
    body = _calls(emulator, "POST", "/tasks/search")[0].json
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
    completed = _own_tr(emulator, "completed")
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
        client.get_collects_for_task(_own_tr(emulator, "accepted"))
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


# --------------------------------------------------------------------------- repeat requests


def test_create_repeat_request_with_repeat_end(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    rr = client.create_repeat_request(
        geometry=POINT,
        name="rr end",
        repeat_start="2030-01-01",
        repeat_end="2030-03-01",
        repetition_interval=14,
        collection_tier="flexible",
        look_angle_tolerance=10,
        maintain_scene_framing=True,
        window_duration=86400,
        product_types=["SLC"],
        contract_id="contract-123",
    )
    body = _calls(emulator, "POST", "/repeat-requests")[0].json
    props = body["properties"]
    assert body["contractId"] == "contract-123"
    assert props["repetitionProperties"] == {
        "repeatStart": "2030-01-01T00:00:00.000Z",
        "repeatEnd": "2030-03-01T00:00:00.000Z",
        "repetitionInterval": 14,
        "maintainSceneFraming": True,
        "lookAngleTolerance": 10,
    }
    assert props["windowDuration"] == 86400
    assert props["collectionTier"] == "flexible"
    assert props["collectConstraints"]["squint"] == "enabled"
    assert "insar" not in props
    out = rr["properties"]
    rr_id = out["repeatrequestId"]
    assert rr_id in emulator.state.repeats
    assert out["repetitionProperties"]["repeatEnd"] == "2030-03-01T00:00:00.000Z"
    assert out["repetitionProperties"]["repetitionCount"] is None
    assert out["windowDuration"] == 86400
    derived = [
        t for t in emulator.state.tasks.values() if t["properties"]["repeatrequestId"] == rr_id
    ]
    assert derived
    # derived TRs are hidden from the SDK's tasking-request search
    visible = client.search_tasking_requests().tasking_request_ids
    assert not {t["properties"]["taskingrequestId"] for t in derived} & set(visible)


def test_create_repeat_request_with_repetition_count(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    rr = client.create_repeat_request(geometry=POLYGON, name="rr count", repetition_count=3)
    props = _calls(emulator, "POST", "/repeat-requests")[0].json["properties"]
    rep = props["repetitionProperties"]
    assert set(rep) == {"repeatStart", "repetitionInterval", "repetitionCount"}
    assert rep["repetitionCount"] == 3
    assert rep["repetitionInterval"] == 7
    assert props["collectionTier"] == "routine"
    assert props["collectConstraints"]["squint"] == "disabled"
    assert "windowDuration" not in props
    assert rr["properties"]["repetitionProperties"]["repetitionCount"] == 3
    assert rr["properties"]["collectionTier"] == "routine"


def test_repeat_end_and_count_rejected_client_side(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    with pytest.raises(RepeatRequestPayloadValidationError):
        client.create_repeat_request(
            geometry=POINT, name="both", repeat_end="2030-03-01", repetition_count=2
        )
    assert emulator.requests("api") == []


@pytest.mark.parametrize(
    ("orbit", "collection_type", "extra"),
    [
        ("MIO_53_2P95", "stripmap_100", {"repeat_start": "2030-01-01", "repeat_end": "2030-06-01"}),
        ("SSO_97_7P00", "spotlight", {"repetition_count": 10}),
    ],
)
def test_create_insar_repeat_request(
    client: CapellaConsoleClient,
    emulator: Emulator,
    orbit: str,
    collection_type: str,
    extra: dict[str, Any],
) -> None:
    rr = client.create_repeat_request(
        geometry=POINT,
        name=f"insar {orbit}",
        collection_tier="insar",
        collection_type=collection_type,
        insar_orbit=orbit,
        product_types=["SLC", "GEO"],
        squint="disabled",
        **extra,
    )
    props = _calls(emulator, "POST", "/repeat-requests")[0].json["properties"]
    assert props["collectionTier"] == "insar"
    assert props["collectionType"] == collection_type
    assert props["insar"] == {"orbit": orbit}
    assert props["processingConfig"] == {"productTypes": ["SLC", "GEO"]}
    assert props["collectConstraints"]["squint"] == "disabled"
    out = rr["properties"]
    assert out["collectionTier"] == "insar"
    assert out["insar"] == {"orbit": orbit}
    assert out["repeatrequestType"] == "insar"
    found = client.search_repeat_requests(
        repeat_request_id=out["repeatrequestId"], collection_tier="insar"
    )
    assert found.repeat_request_ids == [out["repeatrequestId"]]


def test_insar_validation_errors(client: CapellaConsoleClient, emulator: Emulator) -> None:
    before = len(emulator.state.repeats)
    with pytest.raises(ValidationError) as exc_info:
        client.create_repeat_request(geometry=POINT, name="no orbit", collection_tier="insar")
    assert exc_info.value.code == "VALIDATION_ERROR"
    assert "properties.insar.orbit" in [d["path"] for d in exc_info.value.data["detail"]]
    with pytest.raises(ValidationError):
        client.create_repeat_request(
            geometry=POINT,
            name="plane mismatch",
            collection_tier="insar",
            insar_orbit="SSO_97_7P00",
            orbital_planes=[53],
        )
    with pytest.raises(ValidationError):
        client.create_repeat_request(
            geometry=POINT, name="bad orbit", collection_tier="insar", insar_orbit="GEO_0_1P00"
        )
    assert [r.status for r in _calls(emulator, "POST", "/repeat-requests")] == [400, 400, 400]
    assert len(emulator.state.repeats) == before


def test_update_repeat_requests(client: CapellaConsoleClient, emulator: Emulator) -> None:
    active = _own_rr(emulator, "active")
    canceled = _own_rr(emulator, "canceled")
    result = client.update_repeat_requests(
        active, canceled, name="renamed rr", description="d", product_types=["GEO"]
    )
    props = emulator.state.repeats[active]["properties"]
    assert props["repeatrequestName"] == "renamed rr"
    assert props["repeatrequestDescription"] == "d"
    assert props["processingConfig"] == {"productTypes": ["GEO"]}
    assert result[active]["properties"]["repeatrequestName"] == "renamed rr"
    assert result[canceled]["success"] is False
    assert result[canceled]["error"]["code"] == "UNABLE_TO_UPDATE_REPEAT_REQUEST"
    body = _calls(emulator, "PATCH", f"/repeat-requests/{active}")[0].json
    assert body == {
        "properties": {
            "repeatrequestName": "renamed rr",
            "repeatrequestDescription": "d",
            "processingConfig": {"productTypes": ["GEO"]},
        }
    }


def test_cancel_repeat_requests(client: CapellaConsoleClient, emulator: Emulator) -> None:
    new_id = client.create_repeat_request(geometry=POINT, name="rr", repetition_count=2)[
        "properties"
    ]["repeatrequestId"]
    canceled = _own_rr(emulator, "canceled")
    result = client.cancel_repeat_requests(new_id, canceled)
    assert result[new_id] == {"success": True}
    assert _status(emulator.state.repeats[new_id]) == "canceled"
    assert result[canceled]["success"] is False
    assert result[canceled]["error"]["code"] == "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"
    assert _calls(emulator, "PATCH", f"/repeat-requests/{new_id}/status")[0].json == {
        "status": "canceled"
    }
    found = client.search_repeat_requests(repeat_request_id=new_id)
    assert [_status(r) for r in found] == ["canceled"]


def test_search_repeat_requests_filters(client: CapellaConsoleClient, emulator: Emulator) -> None:
    uid = emulator.state.user["id"]
    own = {k: v for k, v in emulator.state.repeats.items() if v["properties"]["userId"] == uid}
    everything = client.search_repeat_requests()
    assert set(everything.repeat_request_ids) == set(own)

    starts = sorted(
        _epoch(v["properties"]["repetitionProperties"]["repeatStart"]) for v in own.values()
    )
    cutoff_epoch = (starts[0] + starts[1]) / 2
    cutoff = datetime.fromtimestamp(cutoff_epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    emulator.clear_requests()
    early = client.search_repeat_requests(repeat_start__lt=cutoff)
    body = _calls(emulator, "POST", "/repeat-requests/search")[0].json
    assert body == {"filter": {"userId": uid, "repetitionProperties.repeatStart": {"lt": cutoff}}}
    assert len(early) == 1
    assert _epoch(early[0]["properties"]["repetitionProperties"]["repeatStart"]) < cutoff_epoch

    target = sorted(own)[0]
    by_id = client.search_repeat_requests(repeat_request_id=target)
    assert by_id.repeat_request_ids == [target]
    assert _calls(emulator, "POST", "/repeat-requests/search")[-1].json["filter"][
        "repeatrequestIds"
    ] == {"eq": target}

    statuses = client.search_repeat_requests(status=["active", "accepted"])
    assert {_status(r) for r in statuses} <= {"active", "accepted"}
    assert len(statuses) == sum(1 for v in own.values() if _status(v) in ("active", "accepted"))

    org = client.search_repeat_requests(for_org=True)
    assert set(org.repeat_request_ids) == set(emulator.state.repeats)
    emulator.configure(roles=["user"])
    with pytest.raises(AuthorizationError):
        client.search_repeat_requests(for_org=True)
    with pytest.raises(ValueError):
        client.search_repeat_requests(repeat_request_id="not-a-uuid")


def test_search_tasking_requests_scoping_filters(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    other = emulator.state.other_users[0]["id"]
    theirs = client.search_tasking_requests(user_id=other)
    body = _calls(emulator, "POST", "/tasks/search")[0].json
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
    query = _calls(emulator, "POST", "/tasks/search")[-1].json["query"]
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


def test_search_repeat_requests_repetition_fields(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    rr = client.create_repeat_request(
        geometry=POINT,
        name="bi-weekly",
        repeat_start="2031-01-01",
        repeat_end="2031-06-01",
        repetition_interval=14,
    )
    rr_id = rr["properties"]["repeatrequestId"]
    found = client.search_repeat_requests(repetition_interval=14, repeat_end__gte="2031-05-01")
    body = _calls(emulator, "POST", "/repeat-requests/search")[0].json
    assert body["filter"]["repetitionProperties.repetitionInterval"] == {"eq": 14}
    assert body["filter"]["repetitionProperties.repeatEnd"] == {"gte": "2031-05-01"}
    assert found.repeat_request_ids == [rr_id]

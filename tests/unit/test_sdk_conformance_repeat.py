"""SDK conformance: repeat requests (incl. InSAR stacks) of capella-console-client."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from capella_console_client import CapellaConsoleClient
from capella_console_client.exceptions import (
    AuthorizationError,
    RepeatRequestPayloadValidationError,
    ValidationError,
)

from tests.console_emulator import Emulator
from tests.unit.sdk_tasking_support import (
    POINT,
    POLYGON,
    api_calls,
    epoch,
    own_rr,
    status_of,
    use_sdk_shapes,
)

# pytest fixture shared by the tasking and repeat request conformance tests


@pytest.fixture(autouse=True)
def _sdk_shapes(emulator: Emulator) -> None:
    """The SDK sends its own spelling of the disputed shapes; the emulator accepts them here."""
    use_sdk_shapes(emulator)


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
    body = api_calls(emulator, "POST", "/repeat-requests")[0].json
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
    props = api_calls(emulator, "POST", "/repeat-requests")[0].json["properties"]
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
    props = api_calls(emulator, "POST", "/repeat-requests")[0].json["properties"]
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
    # Planes other than the orbit's are not a documented refusal (docs/emulator.md, item 13).
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
    assert [r.status for r in api_calls(emulator, "POST", "/repeat-requests")] == [400, 200, 400]
    assert len(emulator.state.repeats) == before + 1


def test_update_repeat_requests(client: CapellaConsoleClient, emulator: Emulator) -> None:
    active = own_rr(emulator, "active")
    canceled = own_rr(emulator, "canceled")
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
    body = api_calls(emulator, "PATCH", f"/repeat-requests/{active}")[0].json
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
    canceled = own_rr(emulator, "canceled")
    result = client.cancel_repeat_requests(new_id, canceled)
    assert result[new_id] == {"success": True}
    assert status_of(emulator.state.repeats[new_id]) == "canceled"
    assert result[canceled]["success"] is False
    assert result[canceled]["error"]["code"] == "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"
    assert api_calls(emulator, "PATCH", f"/repeat-requests/{new_id}/status")[0].json == {
        "status": "canceled"
    }
    found = client.search_repeat_requests(repeat_request_id=new_id)
    assert [status_of(r) for r in found] == ["canceled"]


def test_search_repeat_requests_filters(client: CapellaConsoleClient, emulator: Emulator) -> None:
    uid = emulator.state.user["id"]
    own = {k: v for k, v in emulator.state.repeats.items() if v["properties"]["userId"] == uid}
    everything = client.search_repeat_requests()
    assert set(everything.repeat_request_ids) == set(own)

    starts = sorted(
        epoch(v["properties"]["repetitionProperties"]["repeatStart"]) for v in own.values()
    )
    cutoff_epoch = (starts[0] + starts[1]) / 2
    cutoff = datetime.fromtimestamp(cutoff_epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    emulator.clear_requests()
    early = client.search_repeat_requests(repeat_start__lt=cutoff)
    body = api_calls(emulator, "POST", "/repeat-requests/search")[0].json
    assert body == {"filter": {"userId": uid, "repetitionProperties.repeatStart": {"lt": cutoff}}}
    assert len(early) == 1
    assert epoch(early[0]["properties"]["repetitionProperties"]["repeatStart"]) < cutoff_epoch

    target = sorted(own)[0]
    by_id = client.search_repeat_requests(repeat_request_id=target)
    assert by_id.repeat_request_ids == [target]
    assert api_calls(emulator, "POST", "/repeat-requests/search")[-1].json["filter"][
        "repeatrequestIds"
    ] == {"eq": target}

    statuses = client.search_repeat_requests(status=["active", "accepted"])
    assert {status_of(r) for r in statuses} <= {"active", "accepted"}
    assert len(statuses) == sum(1 for v in own.values() if status_of(v) in ("active", "accepted"))

    org = client.search_repeat_requests(for_org=True)
    assert set(org.repeat_request_ids) == set(emulator.state.repeats)
    emulator.configure(roles=["user"])
    with pytest.raises(AuthorizationError):
        client.search_repeat_requests(for_org=True)
    with pytest.raises(ValueError):
        client.search_repeat_requests(repeat_request_id="not-a-uuid")


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
    body = api_calls(emulator, "POST", "/repeat-requests/search")[0].json
    assert body["filter"]["repetitionProperties.repetitionInterval"] == {"eq": 14}
    assert body["filter"]["repetitionProperties.repeatEnd"] == {"gte": "2031-05-01"}
    assert found.repeat_request_ids == [rr_id]

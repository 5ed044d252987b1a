"""Core client: access requests, polling with back-off and cancel, typed opportunities."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.api.tasking import AccessRequestPendingError
from capella_qgis.core.exceptions import CancelledError, InputError
from capella_qgis.core.models.access import (
    PHYSICAL_ACCESS_NOTE,
    AccessRequest,
    AccessRequestCreate,
)
from capella_qgis.core.models.payloads import TaskingRequestCreate
from capella_qgis.core.workflows.tasking import build_access_request, check_opportunities
from tests.console_emulator import Emulator
from tests.unit.core_support import make_client

POINT = {"type": "Point", "coordinates": [12.5, 41.9]}
AR_ID = "2dad8d82-9730-4f8c-8ec7-b2e342798c98"


@pytest.fixture
def console(emulator: Emulator) -> Iterator[ConsoleClient]:
    emulator.configure(access_delay=0)
    with ConsoleClient(Credential.api_key("demo"), emulator.url) as client:
        yield client


def _params(**extra: Any) -> dict[str, Any]:
    now = datetime.now(timezone.utc)
    return {
        "geometry": POINT,
        "window_open": now + timedelta(minutes=10),
        "window_close": now + timedelta(days=3),
        **extra,
    }


def _gets(emulator: Emulator, prefix: str) -> list[Any]:
    return [r for r in emulator.requests("api") if r.method == "GET" and r.path.startswith(prefix)]


def test_check_opportunities_end_to_end(console: ConsoleClient, emulator: Emulator) -> None:
    result = console.tasking.check_opportunities(_params(look_direction="right"))
    assert result.request.is_completed and result.request.is_accessible
    assert result.note == PHYSICAL_ACCESS_NOTE and "not a schedule" in result.note
    opps = result.opportunities
    assert len(opps) > 5
    assert [o.window_open for o in opps] == sorted(o.window_open for o in opps)
    for o in opps:
        assert o.access_properties.look_direction == "right"
        assert o.orbital_plane in (45, 53, 97) and o.duration_s >= 0
        assert o.window_open.tzinfo is not None and o.center is not None
    [post] = [r for r in emulator.requests("api") if r.method == "POST"]
    assert post.path == "/ma/accessrequests"
    props = post.json["properties"]
    assert props["accessConstraints"] == {"lookDirection": "right", "ascDsc": "either"}
    assert props["windowOpen"].endswith("Z") and post.json["type"] == "Feature"


def test_groups_prefill_a_tasking_request(console: ConsoleClient) -> None:
    result = console.tasking.check_opportunities(_params())
    groups = result.groups
    assert sum(g.count for g in groups) == len(result.opportunities)
    assert [g.count for g in groups] == sorted((g.count for g in groups), reverse=True)
    keys = {(g.orbital_plane, g.ascdsc, g.look_direction) for g in groups}
    assert len(keys) == len(groups)
    top = groups[0]
    cons = top.constraints(margin=2)
    lo, hi = top.off_nadir_range
    assert cons["orbital_planes"] == [top.orbital_plane]
    assert cons["asc_dsc"] == top.ascdsc and cons["look_direction"] == top.look_direction
    assert cons["off_nadir_min"] == max(0.0, round(lo - 2, 2))  # type: ignore[operator]
    assert cons["off_nadir_max"] == min(90.0, round(hi + 2, 2))  # type: ignore[operator]
    req = TaskingRequestCreate(geometry=POINT, name="from group", **cons)
    assert req.to_payload()["properties"]["collectConstraints"]["orbitalPlanes"] == [
        top.orbital_plane
    ]
    one = result.opportunities[0].constraints()
    TaskingRequestCreate(geometry=POINT, name="from pass", **one)  # valid as it stands


def test_polls_with_back_off_until_completed(
    console: ConsoleClient, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each wait moves the emulator's clock instead of sleeping: the schedule is exact.
    emulator.configure(access_delay=60)
    waits: list[float] = []

    def wait(seconds: float, is_cancelled: Any = None) -> None:
        waits.append(round(seconds, 3))
        emulator.clock.advance(seconds)

    monkeypatch.setattr("capella_qgis.core.api.tasking.cancellable_wait", wait)
    seen: list[str] = []
    result = console.tasking.check_opportunities(
        _params(), progress=lambda ar, t: seen.append(ar.processing_status or "")
    )
    assert result.request.is_completed and result.opportunities
    assert waits[:6] == [1.0, 1.6, 2.56, 4.096, 6.554, 10.486]
    assert max(waits) == 15.0 and 60 <= sum(waits) < 60 + 15  # stopped once completed
    assert seen[0] == "queued" and "processing" in seen and seen[-1] == "completed"
    assert len(_gets(emulator, "/ma/accessrequests/")) == len(seen) == len(waits) + 1


def test_cancel_stops_polling(console: ConsoleClient, emulator: Emulator) -> None:
    emulator.configure(access_delay=600)
    cancel = threading.Event()
    timer = threading.Timer(0.3, cancel.set)
    timer.start()
    started = time.monotonic()
    with pytest.raises(CancelledError):
        console.tasking.check_opportunities(_params(), is_cancelled=cancel.is_set)
    assert time.monotonic() - started < 1.5  # within a moment of the cancel
    polls = len(_gets(emulator, "/ma/accessrequests/"))
    time.sleep(1.2)
    assert len(_gets(emulator, "/ma/accessrequests/")) == polls == 1
    assert _gets(emulator, "/ma/accesses/") == []
    before = len(emulator.requests("api"))
    with pytest.raises(CancelledError):  # cancelled before it starts: nothing is sent
        console.tasking.check_opportunities(_params(), is_cancelled=lambda: True)
    assert len(emulator.requests("api")) == before


def test_timeout_says_which_request_to_poll_later(
    console: ConsoleClient, emulator: Emulator
) -> None:
    emulator.configure(access_delay=600)
    ar = console.tasking.create_access_request(_params())
    with pytest.raises(AccessRequestPendingError) as err:
        console.tasking.wait_for_access_request(ar.id, timeout=1.5)
    assert err.value.access_request_id == ar.id and ar.id in str(err.value)


def test_inaccessible_lists_nothing(console: ConsoleClient, emulator: Emulator) -> None:
    result = console.tasking.check_opportunities(
        _params(geometry={"type": "Point", "coordinates": [12.5, 75.0]}, orbital_planes=[45])
    )
    assert result.request.accessibility_status == "inaccessible"
    assert result.opportunities == [] and result.groups == []
    assert _gets(emulator, "/ma/accesses/") == []


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"off_nadir_min": 40, "off_nadir_max": 20}, "off_nadir_min"),
        ({"grazing_angle_max": 95}, "grazing_angle_max"),
        ({"azimuth_angle_min": 10}, "azimuth_angle_min"),
        ({"look_direction": "up"}, "look_direction"),
        ({"orbital_planes": [60]}, "orbital_planes"),
        ({"local_time": "noon"}, "local_time"),
        ({"local_time": [[500, 100]]}, "local_time"),
        ({"image_length": 0}, "image_length"),
        ({"window_close": "2020-01-01"}, "window_close"),
        ({"geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}, "geometry"),
        ({"lookDirection": "left"}, "lookDirection"),
    ],
)
def test_bad_input_names_the_field_and_sends_nothing(
    console: ConsoleClient, emulator: Emulator, extra: dict[str, Any], field: str
) -> None:
    with pytest.raises(InputError) as err:
        console.tasking.check_opportunities(_params(**extra))
    assert err.value.field == field or field in str(err.value), str(err.value)
    assert [r for r in emulator.requests("api") if r.method == "POST"] == []


def test_payload_of_every_constraint() -> None:
    req = build_access_request(
        _params(
            look_direction="left",
            asc_dsc="ascending",
            orbital_planes=[97, 53],
            local_time="day",
            off_nadir_min=10,
            off_nadir_max=40.5,
            grazing_angle_min=20,
            grazing_angle_max=60,
            azimuth_angle_min=340,
            azimuth_angle_max=20,
            image_length=5000,
            image_width=5000,
            name="site A",
        )
    )
    props = req.to_payload()["properties"]
    assert props["accessrequestName"] == "site A"
    assert props["accessConstraints"] == {
        "lookDirection": "left",
        "ascDsc": "ascending",
        "orbitalPlanes": [97, 53],
        "localTime": "day",
        "offNadirMin": 10,
        "offNadirMax": 40.5,
        "grazingAngleMin": 20,
        "grazingAngleMax": 60,
        "azimuthAngleMin": 340,
        "azimuthAngleMax": 20,
        "imageLength": 5000,
        "imageWidth": 5000,
    }
    default = AccessRequestCreate(geometry=POINT)
    assert default.window_close - default.window_open == timedelta(days=7)  # type: ignore[operator]


def test_either_answer_shape() -> None:
    flat = AccessRequest.model_validate(
        {
            "accessrequestId": AR_ID,
            "processingStatus": "completed",
            "accessibilityStatus": "accessible",
        }
    )
    assert flat.id == AR_ID and flat.is_completed and flat.is_accessible
    feature = AccessRequest.model_validate(
        {"type": "Feature", "properties": {"accessrequestId": AR_ID, "processingStatus": "queued"}}
    )
    assert feature.id == AR_ID and not feature.is_completed
    opp = {
        "windowOpen": "2030-01-01T00:01:00Z",
        "windowClose": "2030-01-01T00:02:00Z",
        "orbitalPlane": 53,
        "accessProperties": {"ascDsc": "descending", "lookDirection": "left"},
    }
    later = {**opp, "windowOpen": "2030-01-01T00:00:00Z", "accessId": "b"}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"accesses": [opp, later, {"windowOpen": "bad"}]})

    client, _ = make_client(handler)
    rows = client.tasking.list_opportunities(AR_ID)
    assert [o.access_id for o in rows] == ["b", None]  # sorted; the bad one reported
    assert {p.record for p in rows.problems} == {"#3"} and all(p.skipped for p in rows.problems)
    assert rows[1].access_properties.ascdsc == "descending"


def test_workflow_helper_runs_the_check(console: ConsoleClient) -> None:
    cancel = threading.Event()
    result = check_opportunities(console, _params(), is_cancelled=cancel.is_set)
    assert result.opportunities and result.groups

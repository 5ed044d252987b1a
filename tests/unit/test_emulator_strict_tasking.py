"""Strict emulator tasking/repeat requests (docs/emulator.md 12, 13), and our client."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.models.payloads import RepeatRequestCreate, TaskingRequestCreate
from capella_qgis.core.timefmt import parse_utc
from tests.console_emulator import Emulator
from tests.console_emulator.util import iso, parse_instant
from tests.unit.test_emulator_tasking import rr_body, tr_body

H = {"Authorization": "ApiKey demo"}
POINT = {"type": "Point", "coordinates": [12.5, 41.9]}


def http(emu: Emulator) -> httpx.Client:
    return httpx.Client(base_url=emu.url, headers=H, timeout=30)


def refused(r: httpx.Response) -> list[str]:
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["code"] == "VALIDATION_ERROR"
    return [d["path"] for d in err["detail"]]


@pytest.fixture
def client(emulator: Emulator) -> Iterator[ConsoleClient]:
    console = ConsoleClient(Credential.api_key("demo"), base_url=emulator.url)
    try:
        yield console
    finally:
        console.close()


# --------------------------------------------------------------------------- unknown keys


@pytest.mark.parametrize(
    ("path", "body", "where"),
    [
        ("/task", {**tr_body(), "priority": 1}, "priority"),
        ("/task", tr_body(taskingrequestTitle="x"), "properties.taskingrequestTitle"),
        (
            "/task",
            tr_body(collectConstraints={"lookDir": "left"}),
            "properties.collectConstraints.lookDir",
        ),
        ("/repeat-requests", rr_body(windowOpen="2030-01-01"), "properties.windowOpen"),
        (
            "/repeat-requests",
            rr_body(repetitionProperties={"repeatStart": "2030-01-01", "every": 7}),
            "properties.repetitionProperties.every",
        ),
        (
            "/repeat-requests",
            rr_body(collectionTier="insar", insar={"orbit": "SSO_97_7P00", "pairs": 3}),
            "properties.insar.pairs",
        ),
    ],
)
def test_unknown_keys_are_refused_by_name(
    emulator: Emulator, path: str, body: dict[str, Any], where: str
) -> None:
    assert where in refused(http(emulator).post(path, json=body))


def test_every_documented_key_is_taken(emulator: Emulator) -> None:
    constraints = {
        "offNadirMin": 10,
        "offNadirMax": 40,
        "imageWidth": 5000,
        "imageLength": 5000,
        "orbitalPlanes": [53],
        "ascDsc": "either",
        "lookDirection": "left",
        "localTime": "anytime",
        "polarization": "HH",
        "azimuthAngleMin": 340,
        "azimuthAngleMax": 20,
        "grazingAngleMin": 20,
        "grazingAngleMax": 70,
        "squint": "enabled",
        "maxSquintAngle": 10,
    }
    body = tr_body(collectConstraints=constraints, processingConfig={"productTypes": ["GEO"]})
    r = http(emulator).post("/task", json={**body, "contractId": "contract-123"})
    assert r.status_code == 200, r.text


# --------------------------------------------------------------------------- starts in the past


def test_windows_in_the_past_are_refused(emulator: Emulator) -> None:
    now = emulator.clock.time()
    c = http(emulator)
    closed = tr_body(windowOpen=iso(now - 7200), windowClose=iso(now - 3600))
    assert {"properties.windowOpen", "properties.windowClose"} <= set(
        refused(c.post("/task", json=closed))
    )
    opened = tr_body(windowOpen=iso(now - 3600), windowClose=iso(now + 86400))
    assert refused(c.post("/task", json=opened)) == ["properties.windowOpen"]
    moment = tr_body(windowOpen=iso(now - 5), windowClose=iso(now + 86400))  # a "now" en route
    assert c.post("/task", json=moment).status_code == 200
    rep = {"repeatStart": iso(now - 86400), "repetitionInterval": 7}
    base = "properties.repetitionProperties."
    assert refused(c.post("/repeat-requests", json=rr_body(repetitionProperties=rep))) == [
        base + "repeatStart"
    ]
    ended = {"repeatStart": iso(now - 20 * 86400), "repeatEnd": iso(now - 86400)}
    found = refused(c.post("/repeat-requests", json=rr_body(repetitionProperties=ended)))
    assert {base + "repeatStart", base + "repeatEnd"} <= set(found)


def test_a_retask_window_in_the_past_is_refused(emulator: Emulator) -> None:
    uid = emulator.state.user["id"]
    done = next(
        k
        for k, v in emulator.state.tasks.items()
        if v["properties"]["userId"] == uid
        and v["properties"]["statusHistory"][0]["code"] == "completed"
        and emulator.state.collects.get(k)
    )
    past = iso(emulator.clock.time() - 86400)
    r = http(emulator).post(f"/task/{done}/retask", json={"windowOpen": past})
    assert refused(r) == ["windowOpen"]


def test_our_client_sends_a_past_start_as_now(client: ConsoleClient, emulator: Emulator) -> None:
    before = datetime.now(timezone.utc).replace(microsecond=0)
    opened = before - timedelta(hours=3)
    tr = client.tasking.create_tasking_request(
        TaskingRequestCreate(
            geometry=POINT, name="late", window_open=opened, window_close=before + timedelta(days=2)
        )
    )
    rr = client.tasking.create_repeat_request(
        RepeatRequestCreate(geometry=POINT, name="late rr", repeat_start=opened)
    )
    assert tr.id and rr.id
    posts = {r.path: r.json for r in emulator.requests("api") if r.method == "POST"}
    sent_open = parse_utc(posts["/task"]["properties"]["windowOpen"])
    sent_start = parse_utc(
        posts["/repeat-requests"]["properties"]["repetitionProperties"]["repeatStart"]
    )
    for sent in (sent_open, sent_start):
        assert before <= sent <= datetime.now(timezone.utc)
    # A start a moment old is sent as it is (the SDK's own default is such a "now").
    soon = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(seconds=5)
    request = TaskingRequestCreate(geometry=POINT, name="now", window_open=soon)
    assert request.checked().window_open == soon


# --------------------------------------------------------------------------- derived requests


def _derived(emu: Emulator, rr_id: str) -> list[dict[str, Any]]:
    found = [t for t in emu.state.tasks.values() if t["properties"]["repeatrequestId"] == rr_id]
    return sorted(found, key=lambda t: t["properties"]["windowOpen"])


@pytest.mark.parametrize(
    ("props", "days"),
    [
        ({"collectionTier": "insar", "insar": {"orbit": "MIO_53_2P95"}}, 3),
        ({"collectionTier": "insar", "insar": {"orbit": "SSO_97_7P00"}}, 7),
        ({}, 7),
    ],
)
def test_derived_requests_without_an_interval_follow_the_orbit(
    emulator: Emulator, props: dict[str, Any], days: int
) -> None:
    rep = {"repeatStart": "2030-01-01T00:00:00.000Z", "repetitionCount": 3}
    r = http(emulator).post("/repeat-requests", json=rr_body(repetitionProperties=rep, **props))
    assert r.status_code == 200, r.text
    out = r.json()["properties"]
    assert out["repetitionProperties"]["repetitionInterval"] == days
    derived = _derived(emulator, out["repeatrequestId"])
    opens = [parse_instant(t["properties"]["windowOpen"]) or 0.0 for t in derived]
    assert len(opens) == 2 and opens[1] - opens[0] == days * 86400


def test_an_interval_sent_is_the_interval_used(emulator: Emulator) -> None:
    rep = {"repeatStart": "2030-01-01T00:00:00.000Z", "repetitionInterval": 6}
    body = rr_body(repetitionProperties=rep, collectionTier="insar", insar={"orbit": "MIO_53_2P95"})
    out = http(emulator).post("/repeat-requests", json=body).json()["properties"]
    opens = [
        parse_instant(t["properties"]["windowOpen"]) or 0.0
        for t in _derived(emulator, out["repeatrequestId"])
    ]
    assert opens[1] - opens[0] == 6 * 86400


def test_cancelling_a_repeat_request_cancels_its_open_derived_requests(emulator: Emulator) -> None:
    c = http(emulator)
    rr_id = c.post("/repeat-requests", json=rr_body()).json()["properties"]["repeatrequestId"]
    first, second = _derived(emulator, rr_id)
    c.post(
        f"/_emulator/tasking/{first['properties']['taskingrequestId']}/status",
        json={"code": "completed"},
    )
    assert (
        c.patch(f"/repeat-requests/{rr_id}/status", json={"status": "canceled"}).status_code == 200
    )
    codes = [t["properties"]["statusHistory"][0]["code"] for t in _derived(emulator, rr_id)]
    assert codes == ["completed", "canceled"]
    assert second["properties"]["transactionStatus"] == "customer-cancelled"


def test_get_repeat_request_by_id(emulator: Emulator) -> None:
    c = http(emulator)
    rr_id = c.post("/repeat-requests", json=rr_body()).json()["properties"]["repeatrequestId"]
    r = c.get(f"/repeat-requests/{rr_id}")
    assert r.status_code == 200 and r.json()["properties"]["repeatrequestId"] == rr_id
    assert c.get("/repeat-requests/11111111-1111-4111-8111-111111111111").status_code == 404
    other = next(
        k
        for k, v in emulator.state.repeats.items()
        if v["properties"]["userId"] != emulator.state.user["id"]
    )
    emulator.configure(roles=["user"])
    assert c.get(f"/repeat-requests/{other}").status_code == 403


# --------------------------------------------------------------------------- expanded constraints


def test_responses_carry_the_constraints_the_console_expands(emulator: Emulator) -> None:
    c = http(emulator)
    tr = c.post("/task", json=tr_body()).json()["properties"]["collectConstraints"]
    assert {k: tr[k] for k in ("grrMin", "grrMax", "azrMin", "azrMax", "neszMax", "numLooks")} == {
        "grrMin": 0.5,
        "grrMax": 0.7,
        "azrMin": 0.5,
        "azrMax": 0.5,
        "neszMax": -10,
        "numLooks": 9,
    }  # the SDK's fixture for spotlight
    assert tr["localTime"] == "day"  # as sent
    rr = c.post("/repeat-requests", json=rr_body(collectionType="stripmap_50")).json()
    assert {"grrMin", "azrMax", "neszMax", "numLooks"} <= set(
        rr["properties"]["collectConstraints"]
    )


def test_our_client_reads_requests_with_expanded_constraints(
    client: ConsoleClient, emulator: Emulator
) -> None:
    found = client.tasking.search_tasking_requests()
    assert found and not getattr(found, "problems", [])


# --------------------------------------------------------------------------- item 13: InSAR


@pytest.mark.parametrize(
    "props",
    [
        {"insar": {"orbit": "MIO_53_2P95"}},  # an orbit with the routine tier
        {
            "collectionTier": "insar",
            "insar": {"orbit": "SSO_97_7P00"},
            "collectConstraints": {"orbitalPlanes": [53]},
        },  # planes other than the orbit's
    ],
)
def test_only_the_documented_insar_rule_is_enforced(
    emulator: Emulator, props: dict[str, Any]
) -> None:
    assert http(emulator).post("/repeat-requests", json=rr_body(**props)).status_code == 200


def test_the_insar_tier_needs_an_orbit(emulator: Emulator) -> None:
    r = http(emulator).post("/repeat-requests", json=rr_body(collectionTier="insar"))
    assert refused(r) == ["properties.insar.orbit"]

"""Strict emulator assets, seeding, 429s, timestamps (docs/emulator.md 4, 7, 12, 14)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.download.sources import OrderSource, resolve
from capella_qgis.core.exceptions import MalformedResponseError
from tests.console_emulator import Emulator
from tests.console_emulator.faults import MALFORMED_TIMESTAMP
from tests.console_emulator.util import parse_instant

H = {"Authorization": "ApiKey demo"}


@pytest.fixture
def client(emulator: Emulator) -> Iterator[ConsoleClient]:
    console = ConsoleClient(Credential.api_key("demo"), base_url=emulator.url)
    try:
        yield console
    finally:
        console.close()


def own_order(emu: Emulator) -> str:
    uid = emu.state.user["id"]
    return next(o["orderId"] for o in emu.state.orders.values() if o["userId"] == uid)


def href(emu: Emulator, key: str = "HH") -> str:
    items = httpx.get(f"{emu.url}/orders/{own_order(emu)}/download", headers=H).json()
    return next(i["assets"][key]["href"] for i in items if key in i["assets"])


# --------------------------------------------------------------------------- item 4: S3 auth


def test_a_signed_link_with_an_authorization_header_is_a_400(emulator: Emulator) -> None:
    url = href(emulator)
    r = httpx.get(url, headers=H)
    assert r.status_code == 400
    assert b"<Code>InvalidArgument</Code>" in r.content and b"Only one auth mechanism" in r.content
    assert httpx.get(url).status_code == 200
    unsigned = url.split("?")[0]
    r = httpx.get(unsigned, headers=H)
    assert r.status_code == 400 and b"Unsupported Authorization Type" in r.content


def test_our_downloader_sends_neither_head_nor_credentials(
    client: ConsoleClient, emulator: Emulator, tmp_path: Path
) -> None:
    from capella_qgis.core.download.engine import DownloadEngine

    resolved = resolve(OrderSource(own_order(emulator)), client, tmp_path)
    jobs = [j for j in resolved.jobs if j.asset_key in ("thumbnail", "metadata")][:3]
    assert jobs
    report = DownloadEngine(check_disk_space=False).run(jobs)
    assert report.ok, report.summary()
    assets = emulator.requests("asset")
    assert assets and {r.method for r in assets} == {"GET"}
    assert not any(r.authorization for r in assets)
    assert all(r.status in (200, 206) for r in assets)


# --------------------------------------------------------------------------- item 7: seeding


def test_reset_seeds_the_world_on_the_clock_as_it_is_now() -> None:
    now = [time.time()]
    with Emulator(items=300, seed=3, clock=lambda: now[0]) as emu:
        orders, tasks = set(emu.state.orders), sorted(emu.state.tasks)
        order_id = own_order(emu)
        first = parse_instant(emu.state.orders[order_id]["orderDate"]) or 0.0
        now[0] += 3600  # an hour on (a long run, a demo): the seeded order would expire
        emu.reset()
        again = emu.state.orders[order_id]
        assert set(emu.state.orders) == orders and sorted(emu.state.tasks) == tasks
        assert (parse_instant(again["orderDate"]) or 0.0) - first == pytest.approx(3600)
        assert (parse_instant(again["expirationDate"]) or 0.0) > emu.clock.time()
        r = httpx.get(f"{emu.url}/orders/{order_id}/download", headers=H)
        assert r.status_code == 200, r.text
        opens = [parse_instant(t["properties"]["windowOpen"]) for t in emu.state.tasks.values()]
        assert max(o or 0.0 for o in opens) > now[0]  # upcoming requests are still upcoming


# --------------------------------------------------------------------------- item 12: 429


def test_rate_limited_answers_carry_no_retry_after_unless_configured(emulator: Emulator) -> None:
    emulator.configure(rate_limit=1)
    with httpx.Client(base_url=emulator.url, headers=H) as c:
        codes = [c.get("/user") for _ in range(4)]
        limited = [r for r in codes if r.status_code == 429]
        assert limited and all("retry-after" not in r.headers for r in limited)
        emulator.configure(rate_limit_retry_after=2)
        r = next(r for r in (c.get("/user") for _ in range(4)) if r.status_code == 429)
        assert r.headers["retry-after"] == "2"
    emulator.configure(rate_limit=None)
    emulator.faults.add("rate_limit", "/user", count=1)
    r = httpx.get(f"{emulator.url}/user", headers=H)
    assert r.status_code == 429 and "retry-after" not in r.headers


def test_our_client_waits_out_a_429_without_retry_after(
    client: ConsoleClient, emulator: Emulator
) -> None:
    emulator.faults.add("rate_limit", "/user", count=2)
    assert client.account.get_user().id == emulator.state.user["id"]
    assert [r.status for r in emulator.requests("api") if r.path == "/user"] == [429, 429, 200]


# --------------------------------------------------------------------------- item 14: timestamps


def _completed_tr(emu: Emulator) -> str:
    uid = emu.state.user["id"]
    return next(
        k
        for k, v in emu.state.tasks.items()
        if v["properties"]["userId"] == uid
        and v["properties"]["statusHistory"][0]["code"] == "completed"
        and emu.state.collects.get(k)
    )


def test_malformed_timestamp_fault(emulator: Emulator) -> None:
    tr_id = _completed_tr(emulator)
    emulator.faults.add("malformed_timestamp", "/collects/list/*", count=1)
    bad = httpx.get(f"{emulator.url}/collects/list/{tr_id}", headers=H).json()
    assert bad[0]["windowClose"] == MALFORMED_TIMESTAMP
    good = httpx.get(f"{emulator.url}/collects/list/{tr_id}", headers=H).json()
    assert parse_instant(good[0]["windowClose"]) is not None
    emulator.faults.add("malformed_timestamp", "/task/*", field="time", value="soon", n=0)
    hist = httpx.get(f"{emulator.url}/task/{tr_id}", headers=H).json()["properties"]
    assert {e["time"] for e in hist["statusHistory"]} == {"soon"}
    assert parse_instant(hist["windowOpen"]) is not None  # only the field named


def test_our_client_keeps_a_collect_with_a_malformed_timestamp(
    client: ConsoleClient, emulator: Emulator
) -> None:
    tr_id = _completed_tr(emulator)
    emulator.faults.add("malformed_timestamp", "/collects/list/*", count=1)
    collects = client.tasking.get_collects(tr_id)
    assert [c.collect_id for c in collects] == [
        c["collectId"] for c in emulator.state.collects[tr_id]
    ]
    (problem,) = collects.problems
    assert problem.field and "windowClose" in problem.field


def test_our_client_refuses_a_tasking_request_with_a_malformed_timestamp(
    client: ConsoleClient, emulator: Emulator
) -> None:
    tr_id = _completed_tr(emulator)
    emulator.faults.add("malformed_timestamp", "/task/*", field="windowOpen")
    with pytest.raises(MalformedResponseError) as info:
        client.tasking.get_tasking_request(tr_id)
    assert "windowOpen" in str(info.value)
    assert MALFORMED_TIMESTAMP not in str(info.value)  # the value is not echoed

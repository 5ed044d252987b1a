"""Strict emulator catalog (docs/emulator.md 3, 6, 8, 10, 11), and our client against it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.search.query import CatalogQuery
from tests.console_emulator import Emulator

H = {"Authorization": "ApiKey demo"}
ROME = [12.3, 41.7, 12.7, 42.1]


def search(emu: Emulator, body: dict[str, Any], url: str | None = None) -> httpx.Response:
    return httpx.post(url or emu.url + "/catalog/search", json=body, headers=H, timeout=30)


def ok(emu: Emulator, body: dict[str, Any]) -> dict[str, Any]:
    r = search(emu, body)
    assert r.status_code == 200, r.text
    return r.json()


def all_ids(emu: Emulator) -> list[str]:
    """Every accessible item in the default order (datetime desc, then id)."""
    world = emu.state
    found = [e for e in world.entries if world.accessible(e)]
    return [e.id for e in sorted(found, key=lambda e: (-e.epoch, e.id))]


@pytest.fixture
def client(emulator: Emulator) -> Iterator[ConsoleClient]:
    console = ConsoleClient(Credential.api_key("demo"), base_url=emulator.url)
    try:
        yield console
    finally:
        console.close()


# --------------------------------------------------------------------------- item 6: short pages


def test_page_cap_serves_short_pages_on_its_own_grid(emulator: Emulator) -> None:
    emulator.configure(catalog_page_cap=300)
    ids = all_ids(emulator)
    p1 = ok(emulator, {"limit": 900})
    p2 = ok(emulator, {"limit": 900, "page": 2})
    assert p1["numberReturned"] == p2["numberReturned"] == 300
    assert [f["id"] for f in p1["features"] + p2["features"]] == ids[:600]
    assert p1["numberMatched"] == len(ids)
    assert p1["links"][0]["href"].endswith("/catalog/search?page=2")
    assert ok(emulator, {"limit": 100})["numberReturned"] == 100  # below the cap: as asked


def test_short_page_fault_caps_the_matching_requests_only(emulator: Emulator) -> None:
    emulator.faults.add("short_page", "/catalog/search", count=1, size=250)
    assert ok(emulator, {"limit": 1000})["numberReturned"] == 250
    assert ok(emulator, {"limit": 1000})["numberReturned"] == 1000
    emulator.faults.add("short_page", "/catalog/search", count=1)  # default: the SDK's 900
    assert ok(emulator, {"limit": 1000})["numberReturned"] == 900


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
@pytest.mark.parametrize("cap", [900, 1000, 333])
def test_our_client_gets_every_item_from_capped_pages(
    client: ConsoleClient, emulator: Emulator, mode: str, cap: int
) -> None:
    emulator.configure(catalog_page_cap=cap)
    result = client.catalog.search(CatalogQuery(limit=2500), mode=mode, page_size=1000)
    assert not result.partial, result.error
    assert result.stac_ids == all_ids(emulator)[:2500]


# --------------------------------------------------------------------------- item 8: antimeridian


def test_bbox_west_above_east_crosses_the_antimeridian(emulator: Emulator) -> None:
    world = emulator.state
    across = ok(emulator, {"bbox": [170.0, -60.0, -170.0, 70.0], "limit": 1000})
    ids = {f["id"] for f in across["features"]}
    expected = {
        e.id
        for e in world.entries
        if world.accessible(e)
        and -60 <= e.bbox[1] <= 70
        and (e.bbox[2] >= 170 or e.bbox[0] <= -170)
        and e.bbox[3] <= 70
    }
    assert expected, "the seed has items near ±180°"
    assert expected <= ids
    for f in across["features"]:
        west, _, east, _ = f["bbox"]
        assert east >= 170 or west <= -170, f["bbox"]  # never the band in between
    swapped = ok(emulator, {"bbox": [-170.0, -60.0, 170.0, 70.0], "limit": 1})
    assert swapped["numberMatched"] > across["numberMatched"]


def test_bbox_south_above_north_is_refused_not_swapped(emulator: Emulator) -> None:
    r = search(emulator, {"bbox": [12.3, 42.1, 12.7, 41.7]})
    assert r.status_code == 400 and r.json()["error"]["detail"][0]["path"] == "bbox"
    assert search(emulator, {"bbox": [12.3, 41.7, 190.0, 42.1]}).status_code == 400


# --------------------------------------------------------------------------- item 10: links host


def test_links_can_name_another_host(emulator: Emulator) -> None:
    emulator.configure(links_base="https://stac.internal.example")
    page = ok(emulator, {"limit": 5})
    assert page["links"][0]["href"] == "https://stac.internal.example/catalog/search?page=2"
    for f in page["features"]:
        for link in f["links"]:
            assert link["href"].startswith("https://stac.internal.example/catalog/")
        assert all("stac.internal" not in a["href"] for a in f["assets"].values())


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_our_client_pages_on_the_api_when_links_name_another_host(
    client: ConsoleClient, emulator: Emulator, mode: str
) -> None:
    emulator.configure(links_base="http://stac-internal.invalid:9")
    result = client.catalog.search(CatalogQuery(bbox=ROME, limit=600), mode=mode, page_size=100)
    assert not result.partial, result.error
    assert len(result.stac_ids) == min(600, ok(emulator, {"bbox": ROME})["numberMatched"])
    assert {r.host for r in emulator.requests("api")} == {"127.0.0.1"}


# --------------------------------------------------------------------------- item 11: names


@pytest.mark.parametrize(
    "sortby",
    [
        [{"field": "properties.look_angle", "direction": "asc"}],
        [{"field": "look_angle", "direction": "asc"}],
        [{"field": "properties.no_such_property", "direction": "asc"}],
    ],
)
def test_sort_fields_a_stac_server_does_not_know_are_refused(
    emulator: Emulator, sortby: list[dict[str, str]]
) -> None:
    r = search(emulator, {"bbox": ROME, "sortby": sortby})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["detail"][0]["path"] == "sortby"


def test_the_sort_fields_our_client_sends_are_stac_names(
    client: ConsoleClient, emulator: Emulator
) -> None:
    result = client.catalog.search(
        CatalogQuery(bbox=ROME, limit=200, sortby=["-look_angle", "+id"])
    )
    (sent,) = [r for r in emulator.requests("api") if r.path == "/catalog/search"]
    assert sent.json["sortby"][0] == {"field": "properties.view:look_angle", "direction": "desc"}
    features = result.to_feature_collection()["features"]
    angles = [f["properties"]["view:look_angle"] for f in features]
    assert angles == sorted(angles, reverse=True)


# --------------------------------------------------------------------------- item 3: dates


@pytest.mark.parametrize(
    "body",
    [
        {"query": {"datetime": {"gt": "garbage"}}},
        {"query": {"datetime": {"eq": "2022-13-01T00:00:00Z"}}},
        {"query": {"datetime": {"in": ["not a date"]}}},
        {"datetime": "2021-01-01T00:00:00Z/someday"},
        {"datetime": "yesterday"},
    ],
)
def test_unreadable_catalog_dates_are_a_400(emulator: Emulator, body: dict[str, Any]) -> None:
    r = search(emulator, body)
    assert r.status_code == 400 and r.json()["error"]["code"] == "VALIDATION_ERROR"


def test_catalog_datetime_interval_with_an_open_end(emulator: Emulator) -> None:
    start = "2025-06-01T00:00:00Z"
    page = ok(emulator, {"datetime": f"{start}/..", "limit": 1000})
    assert page["numberMatched"] > 0
    assert all(f["properties"]["datetime"] >= start for f in page["features"])
    both = ok(emulator, {"datetime": "../2021-01-01T00:00:00Z", "limit": 1})["numberMatched"]
    assert 0 < both < page["numberMatched"] + both

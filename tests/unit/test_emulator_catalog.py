"""Console emulator: catalog search filters, sorting, paging and access control."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from tests.console_emulator import Emulator

ROME = [12.3, 41.7, 12.7, 42.1]


def search(emu: Emulator, body: dict[str, Any], url: str | None = None) -> httpx.Response:
    return httpx.post(
        url or emu.url + "/catalog/search",
        json=body,
        headers={"Authorization": "ApiKey demo"},
        timeout=30,
    )


def ok(emu: Emulator, body: dict[str, Any]) -> dict[str, Any]:
    r = search(emu, body)
    assert r.status_code == 200, r.text
    return r.json()


def test_city_bbox_returns_hundreds(emulator: Emulator) -> None:
    page = ok(emulator, {"bbox": ROME, "limit": 50})
    assert page["numberMatched"] >= 200
    assert page["numberReturned"] == 50
    for f in page["features"]:
        b = f["bbox"]
        assert b[0] <= ROME[2] and b[2] >= ROME[0] and b[1] <= ROME[3] and b[3] >= ROME[1]


def test_item_anatomy(emulator: Emulator) -> None:
    f = ok(emulator, {"limit": 1, "query": {"sar:product_type": {"eq": "GEO"}}})["features"][0]
    p = f["properties"]
    assert f["id"].startswith("CAPELLA_C") and f["id"].split("_")[3] == "GEO"
    assert p["datetime"].endswith("Z") and len(p["datetime"]) == 24
    assert isinstance(p["proj:epsg"], int)
    for key in (
        "locale:datetime",
        "locale:timezone",
        "locale:time",
        "capella:collect_id",
        "platform",
    ):
        assert key in p
    assert f["geometry"]["type"] == "Polygon" and len(f["bbox"]) == 4
    assert "license" in f["assets"] and any(k in f["assets"] for k in ("HH", "VV"))


def test_collect_shares_products(emulator: Emulator) -> None:
    f = ok(emulator, {"limit": 1})["features"][0]
    cid = f["properties"]["capella:collect_id"]
    page = ok(emulator, {"limit": 10, "query": {"capella:collect_id": {"in": [cid]}}})
    assert 2 <= page["numberMatched"] <= 4
    types = {x["properties"]["sar:product_type"] for x in page["features"]}
    assert len(types) == page["numberMatched"]


def test_every_product_type_and_mode_present(emulator: Emulator) -> None:
    for ptype in ("SLC", "GEO", "SICD", "GEC", "SIDD", "CPHD", "CSI", "CSIDD", "VC", "VS", "ACD"):
        assert (
            ok(emulator, {"limit": 1, "query": {"sar:product_type": {"eq": ptype}}})[
                "numberMatched"
            ]
            > 0
        )
    for mode in ("spotlight", "stripmap", "sliding_spotlight"):
        assert (
            ok(emulator, {"limit": 1, "query": {"sar:instrument_mode": {"eq": mode}}})[
                "numberMatched"
            ]
            > 0
        )


def test_query_operators(emulator: Emulator) -> None:
    page = ok(
        emulator,
        {
            "limit": 200,
            "query": {
                "sar:product_type": {"in": ["SLC", "GEO"]},
                "view:look_angle": {"gte": 10, "lte": 20},
                "datetime": {"gt": "2023-01-01", "lt": "2024-01-01T00:00:00Z"},
            },
        },
    )
    assert page["numberMatched"] > 0
    for f in page["features"]:
        p = f["properties"]
        assert p["sar:product_type"] in ("SLC", "GEO")
        assert 10 <= p["view:look_angle"] <= 20
        assert "2023-01-01" <= p["datetime"] < "2024-01-01"


def test_scalar_in_and_array_contains(emulator: Emulator) -> None:
    a = ok(emulator, {"limit": 1, "query": {"sar:product_type": {"in": "GEO"}}})["numberMatched"]
    b = ok(emulator, {"limit": 1, "query": {"sar:product_type": {"eq": "GEO"}}})["numberMatched"]
    assert a == b > 0
    vv = ok(emulator, {"limit": 20, "query": {"sar:polarizations": {"eq": "VV"}}})
    assert vv["numberMatched"] > 0
    assert all("VV" in f["properties"]["sar:polarizations"] for f in vv["features"])


def test_short_names_in_query_are_refused_unless_configured(emulator: Emulator) -> None:
    # A STAC server knows the items' property names, not the SDK's short names (item 11).
    r = search(emulator, {"limit": 1, "query": {"product_type": {"eq": "SLC"}}})
    assert r.status_code == 400
    (d,) = r.json()["error"]["detail"]
    assert d["path"] == "query.product_type" and "sar:product_type" in d["message"]
    emulator.configure(short_names=True)
    a = ok(emulator, {"limit": 1, "query": {"product_type": {"eq": "SLC"}}})["numberMatched"]
    b = ok(emulator, {"limit": 1, "query": {"sar:product_type": {"eq": "SLC"}}})["numberMatched"]
    assert a == b


def test_intersects_point_and_polygon(emulator: Emulator) -> None:
    f = ok(emulator, {"bbox": ROME, "limit": 1})["features"][0]
    ring = f["geometry"]["coordinates"][0]
    cx = sum(p[0] for p in ring[:4]) / 4
    cy = sum(p[1] for p in ring[:4]) / 4
    page = ok(emulator, {"limit": 1000, "intersects": {"type": "Point", "coordinates": [cx, cy]}})
    assert f["id"] in {x["id"] for x in page["features"]}
    poly = {
        "type": "Polygon",
        "coordinates": [[[cx, cy], [cx + 0.001, cy], [cx, cy + 0.001], [cx, cy]]],
    }
    page = ok(emulator, {"limit": 1000, "intersects": poly})
    assert f["id"] in {x["id"] for x in page["features"]}
    far = {"type": "Point", "coordinates": [0.0, -89.0]}
    assert ok(emulator, {"limit": 10, "intersects": far})["numberMatched"] == 0


def test_ids_collections_ownership(emulator: Emulator) -> None:
    first = ok(emulator, {"limit": 3})["features"]
    ids = [f["id"] for f in first]
    assert {f["id"] for f in ok(emulator, {"ids": ids, "limit": 10})["features"]} == set(ids)
    od = ok(emulator, {"collections": ["capella-open-data"], "limit": 50})
    assert od["numberMatched"] > 0
    assert all(f["collection"] == "capella-open-data" for f in od["features"])
    totals = [
        ok(emulator, {"ownership": o, "limit": 1})["numberMatched"]
        for o in (
            "ownedByOrganization",
            "publiclyAvailable",
            "sharedWithOrganization",
            "availableForPurchase",
        )
    ]
    assert all(t > 0 for t in totals)
    assert sum(totals) == ok(emulator, {"limit": 1})["numberMatched"]
    assert (
        ok(emulator, {"ownership": "publiclyAvailable", "limit": 1})["numberMatched"]
        == od["numberMatched"]
    )


def test_collection_access_denied(emulator: Emulator) -> None:
    r = search(emulator, {"collections": ["capella-internal"], "limit": 1})
    assert r.status_code == 403
    msg = r.json()["error"]
    assert isinstance(msg, str)
    assert "not permitted to access any of the collections" in msg and "capella-internal" in msg


def test_default_order_and_paging(emulator: Emulator) -> None:
    first = ok(emulator, {"bbox": ROME, "limit": 100})
    keys = [(f["properties"]["datetime"], f["id"]) for f in first["features"]]
    dts = [k[0] for k in keys]
    assert dts == sorted(dts, reverse=True)
    for (d1, i1), (d2, i2) in zip(keys, keys[1:]):
        assert d1 > d2 or (d1 == d2 and i1 < i2)
    page2 = ok(emulator, {"bbox": ROME, "limit": 50, "page": 2})
    assert [f["id"] for f in page2["features"]] == [f["id"] for f in first["features"][50:100]]


def test_body_page_wins_over_query_string(emulator: Emulator) -> None:
    via_qs = search(emulator, {"limit": 5}, emulator.url + "/catalog/search?page=3").json()
    expected = ok(emulator, {"limit": 5, "page": 3})
    assert [f["id"] for f in via_qs["features"]] == [f["id"] for f in expected["features"]]
    both = search(emulator, {"limit": 5, "page": 2}, emulator.url + "/catalog/search?page=3").json()
    assert [f["id"] for f in both["features"]] == [
        f["id"] for f in ok(emulator, {"limit": 5, "page": 2})["features"]
    ]


def test_next_link_only_when_more(emulator: Emulator) -> None:
    n = ok(emulator, {"bbox": ROME, "limit": 1})["numberMatched"]
    page = ok(emulator, {"bbox": ROME, "limit": 100})
    nxt = [link for link in page["links"] if link["rel"] == "next"]
    assert nxt and nxt[0]["href"].endswith("/catalog/search?page=2")
    last = ok(emulator, {"bbox": ROME, "limit": 100, "page": (n + 99) // 100})
    assert not [link for link in last["links"] if link["rel"] == "next"]


def test_window_and_limit_validation(emulator: Emulator) -> None:
    r = search(emulator, {"limit": 1000, "page": 11})
    assert r.status_code == 400 and r.json()["error"]["code"] == "VALIDATION_ERROR"
    assert search(emulator, {"limit": 100, "page": 100}).status_code == 200
    assert search(emulator, {"limit": 1001}).status_code == 400
    assert search(emulator, {"limit": 0}).status_code == 400
    assert search(emulator, {"query": {"view:look_angle": {"startsWith": 1}}}).status_code == 400


@pytest.mark.parametrize(
    ("field", "short_names"),
    [("properties.view:look_angle", False), ("properties.look_angle", True)],
)
def test_sortby_stac_and_short_names(emulator: Emulator, field: str, short_names: bool) -> None:
    emulator.configure(short_names=short_names)
    page = ok(
        emulator, {"bbox": ROME, "limit": 100, "sortby": [{"field": field, "direction": "asc"}]}
    )
    vals = [f["properties"]["view:look_angle"] for f in page["features"]]
    assert vals == sorted(vals)


def test_sortby_id_desc(emulator: Emulator) -> None:
    page = ok(
        emulator, {"bbox": ROME, "limit": 100, "sortby": [{"field": "id", "direction": "desc"}]}
    )
    ids = [f["id"] for f in page["features"]]
    assert ids == sorted(ids, reverse=True)


def test_duplicates_fault(emulator: Emulator) -> None:
    emulator.faults.add("duplicates", "/catalog/search", n=2)
    p1 = ok(emulator, {"limit": 10, "page": 1})
    p2 = ok(emulator, {"limit": 10, "page": 2})
    assert p2["numberReturned"] == 12
    ids1 = {f["id"] for f in p1["features"]}
    assert len(ids1 & {f["id"] for f in p2["features"]}) == 2


def test_twelve_pages_fast() -> None:
    with Emulator(items=10500, seed=11) as emu:
        assert ok(emu, {"limit": 1})["numberMatched"] >= 10000
        seen: set[str] = set()
        for page in range(1, 13):
            body = {"limit": 900, "page": page} if page < 12 else {"limit": 100, "page": 100}
            t = time.perf_counter()
            res = ok(emu, body)
            assert time.perf_counter() - t < 1.0
            seen.update(f["id"] for f in res["features"])
        assert len(seen) == 10000

"""SDK conformance: authentication and catalog search of capella-console-client vs the emulator."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

import pytest
from capella_console_client import CapellaConsoleClient
from capella_console_client.exceptions import (
    AuthenticationError,
    CollectionAccessDeniedError,
    ValidationError,
)
from capella_console_client.search import GroupbyResult, StacSearchResult

from tests.console_emulator import Emulator
from tests.console_emulator.recording import RecordedRequest

ROME_BBOX = [12.2, 41.6, 12.8, 42.2]


@pytest.fixture
def client(emulator: Emulator) -> CapellaConsoleClient:
    sdk = CapellaConsoleClient(api_key="demo", base_url=emulator.url)
    emulator.clear_requests()
    return sdk


def _searches(emulator: Emulator) -> list[RecordedRequest]:
    return [
        r for r in emulator.requests("api") if r.method == "POST" and r.path == "/catalog/search"
    ]


def _epoch(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def _accessible(emulator: Emulator) -> list[Any]:
    world = emulator.state
    return [e for e in world.entries if world.accessible(e)]


def _default_order_ids(emulator: Emulator) -> list[str]:
    """Expected default catalog order: datetime descending, then id ascending."""
    return [e.id for e in sorted(_accessible(emulator), key=lambda e: (-e.epoch, e.id))]


# --------------------------------------------------------------------------- authentication


def test_api_key_authenticates_against_user_endpoint(emulator: Emulator) -> None:
    sdk = CapellaConsoleClient(api_key="demo", base_url=emulator.url)
    user_calls = [r for r in emulator.requests("api") if r.path == "/user"]
    assert len(user_calls) == 1
    assert user_calls[0].headers["Authorization"] == "ApiKey demo"
    assert user_calls[0].headers["User-Agent"].startswith("capella-console-client/")
    assert user_calls[0].status == 200
    assert sdk._sesh.customer_id == emulator.state.user["id"]
    assert sdk._sesh.organization_id == emulator.state.user["organizationId"]
    assert sdk.whoami()["email"] == emulator.state.user["email"]


def test_token_authenticates_with_bearer_header(emulator: Emulator) -> None:
    sdk = CapellaConsoleClient(token="demo-token", base_url=emulator.url)
    user_calls = [r for r in emulator.requests("api") if r.path == "/user"]
    assert [r.headers["Authorization"] for r in user_calls] == ["Bearer demo-token"]
    assert sdk.whoami()["id"] == emulator.state.user["id"]


@pytest.mark.parametrize("creds", [{"api_key": "wrong-key"}, {"token": "wrong-token"}])
def test_bad_credentials_raise_authentication_error(
    emulator: Emulator, creds: dict[str, str]
) -> None:
    with pytest.raises(AuthenticationError):
        CapellaConsoleClient(base_url=emulator.url, **creds)
    assert [r.status for r in emulator.requests("api") if r.path == "/user"] == [401]


def test_expired_token_raises_authentication_error(emulator: Emulator) -> None:
    sdk = CapellaConsoleClient(token="demo-token", base_url=emulator.url)
    emulator.configure(token_ttl=60)
    assert len(sdk.search(limit=1)) == 1
    emulator.clock.advance(120)
    with pytest.raises(AuthenticationError):
        sdk.search(limit=1)


# --------------------------------------------------------------------------- filters


def test_search_with_combined_filters(client: CapellaConsoleClient, emulator: Emulator) -> None:
    kwargs: dict[str, Any] = {
        "bbox": ROME_BBOX,
        "datetime__gte": "2021-01-01T00:00:00Z",
        "datetime__lte": "2025-06-30T23:59:59Z",
        "product_type": ["GEO", "SLC"],
        "look_angle__gte": 10,
        "look_angle__lte": 40,
        "instrument_mode": "spotlight",
        "polarizations": "HH",
        "ownership": "availableForPurchase",
        "collections": ["capella-archive"],
        "limit": 1000,
    }
    result = client.search(**kwargs)
    assert len(result) > 0

    body = _searches(emulator)[0].json
    assert body["bbox"] == ROME_BBOX
    assert body["collections"] == ["capella-archive"]
    assert body["ownership"] == "availableForPurchase"
    assert body["query"]["sar:product_type"] == {"in": ["GEO", "SLC"]}
    assert body["query"]["view:look_angle"] == {"gte": 10, "lte": 40}
    assert body["query"]["datetime"] == {
        "gte": "2021-01-01T00:00:00Z",
        "lte": "2025-06-30T23:59:59Z",
    }
    assert body["query"]["sar:instrument_mode"] == {"eq": "spotlight"}
    assert body["query"]["sar:polarizations"] == {"eq": "HH"}

    lo, hi = _epoch("2021-01-01T00:00:00Z"), _epoch("2025-06-30T23:59:59Z")

    def ok(item: dict[str, Any]) -> bool:
        p = item["properties"]
        b = item["bbox"]
        return (
            item["collection"] == "capella-archive"
            and p["sar:product_type"] in ("GEO", "SLC")
            and 10 <= p["view:look_angle"] <= 40
            and p["sar:instrument_mode"] == "spotlight"
            and "HH" in p["sar:polarizations"]
            and lo <= _epoch(p["datetime"]) <= hi
            and not (b[0] > ROME_BBOX[2] or b[2] < ROME_BBOX[0])
            and not (b[1] > ROME_BBOX[3] or b[3] < ROME_BBOX[1])
        )

    assert all(ok(item) for item in result)
    by_id = emulator.state.by_id
    assert {by_id[i].ownership for i in result.stac_ids} == {"availableForPurchase"}
    assert len(set(result.stac_ids)) == len(result)
    # every candidate whose footprint centre lies in the bbox certainly intersects it
    certain = {
        e.id
        for e in _accessible(emulator)
        if e.ownership == "availableForPurchase"
        and ok(e.item)
        and ROME_BBOX[0] <= (e.bbox[0] + e.bbox[2]) / 2 <= ROME_BBOX[2]
        and ROME_BBOX[1] <= (e.bbox[1] + e.bbox[3]) / 2 <= ROME_BBOX[3]
    }
    assert certain
    assert certain <= set(result.stac_ids)
    assert result._pages[0]["numberMatched"] == len(result)


def test_search_by_ids_and_collect_id(client: CapellaConsoleClient, emulator: Emulator) -> None:
    entry = next(e for e in _accessible(emulator) if e.collection == "capella-archive")
    collect_id = entry.props["capella:collect_id"]
    by_ids = client.search(ids=[entry.id])
    assert by_ids.stac_ids == [entry.id]
    siblings = {e.id for e in emulator.state.by_collect[collect_id] if emulator.state.accessible(e)}
    by_collect = client.search(collect_id=collect_id)
    assert set(by_collect.stac_ids) == siblings
    assert set(by_collect.collect_ids) == {collect_id}
    assert _searches(emulator)[1].json["query"] == {"capella:collect_id": {"eq": collect_id}}


def test_search_020_fields_created_updated_use_case(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    result = client.search(
        created__gte="2023-01-01T00:00:00Z",
        updated__lt="2024-01-01T00:00:00Z",
        use_case="maritime",
        limit=1000,
    )
    query = _searches(emulator)[0].json["query"]
    assert query == {
        "created": {"gte": "2023-01-01T00:00:00Z"},
        "updated": {"lt": "2024-01-01T00:00:00Z"},
        "capella:use_case": {"eq": "maritime"},
    }
    lo, hi = _epoch("2023-01-01T00:00:00Z"), _epoch("2024-01-01T00:00:00Z")
    expected = {
        e.id
        for e in _accessible(emulator)
        if e.props.get("capella:use_case") == "maritime"
        and _epoch(e.props["created"]) >= lo
        and _epoch(e.props["updated"]) < hi
    }
    assert expected
    assert set(result.stac_ids) == expected
    assert result.groupby("use_case").value_counts() == {"maritime": len(expected)}


def test_collection_access_denied(client: CapellaConsoleClient, emulator: Emulator) -> None:
    with pytest.raises(CollectionAccessDeniedError) as exc_info:
        client.search(collections=["capella-internal"])
    assert "capella-internal" in str(exc_info.value.message)
    assert _searches(emulator)[0].status == 403


def test_restricted_items_never_returned_by_broad_search(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    result = client.search(bbox=ROME_BBOX, limit=2000)
    assert "capella-internal" not in {item["collection"] for item in result}


# --------------------------------------------------------------------------- sorting


def test_sortby_datetime_descending(client: CapellaConsoleClient, emulator: Emulator) -> None:
    result = client.search(bbox=ROME_BBOX, sortby="-datetime", limit=300)
    assert _searches(emulator)[0].json["sortby"] == [
        {"field": "properties.datetime", "direction": "desc"}
    ]
    stamps = [_epoch(f["properties"]["datetime"]) for f in result]
    assert len(stamps) == 300
    assert stamps == sorted(stamps, reverse=True)


def test_sortby_id_ascending(client: CapellaConsoleClient, emulator: Emulator) -> None:
    result = client.search(bbox=ROME_BBOX, sortby="+id", limit=1000)
    assert _searches(emulator)[0].json["sortby"] == [{"field": "id", "direction": "asc"}]
    assert result.stac_ids == sorted(result.stac_ids)
    assert len(result) == result._pages[0]["numberMatched"]


def test_sortby_short_name_is_an_sdk_quirk_the_strict_emulator_refuses(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    # SDK quirk (contract §13.4): it sorts on "properties.<short name>", which a STAC server
    # does not know; the strict emulator says so and names the STAC property (item 11).
    with pytest.raises(ValidationError) as info:
        client.search(bbox=ROME_BBOX, sortby="look_angle", limit=200)
    assert _searches(emulator)[0].json["sortby"] == [
        {"field": "properties.look_angle", "direction": "asc"}
    ]
    assert "properties.view:look_angle" in str(info.value.data["detail"])


def test_sortby_short_name_and_multiple_keys(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    emulator.configure(short_names=True)  # the lenient mapping the SDK's sort needs
    asc = client.search(bbox=ROME_BBOX, sortby="look_angle", limit=200)
    assert _searches(emulator)[0].json["sortby"] == [
        {"field": "properties.look_angle", "direction": "asc"}
    ]
    angles = [f["properties"]["view:look_angle"] for f in asc]
    assert angles == sorted(angles)

    multi = client.search(bbox=ROME_BBOX, sortby=["-look_angle", "+id"], limit=1000)
    keys = [(-f["properties"]["view:look_angle"], f["id"]) for f in multi]
    assert keys == sorted(keys)
    assert len(multi) == multi._pages[0]["numberMatched"]


# --------------------------------------------------------------------------- paging


def test_sequential_paging_over_900(client: CapellaConsoleClient, emulator: Emulator) -> None:
    result = client.search(limit=2000)
    ids = result.stac_ids
    assert len(ids) == 2000
    assert len(set(ids)) == 2000
    assert ids == _default_order_ids(emulator)[:2000]
    calls = _searches(emulator)
    assert len(calls) == 3
    assert [c.json.get("limit") for c in calls] == [900, 900, 900]
    assert [c.json.get("page") for c in calls] == [None, 2, 3]
    assert [c.query.get("page") for c in calls] == [None, "2", "3"]


def test_sequential_paging_stops_at_number_matched(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    expected = {e.id for e in _accessible(emulator) if e.collection == "capella-open-data"}
    assert 900 < len(expected) < 2000
    result = client.search(collections=["capella-open-data"], limit=2000)
    assert len(result) == len(set(result.stac_ids)) == len(expected)
    assert set(result.stac_ids) == expected
    assert result._pages[0]["numberMatched"] == len(expected)
    assert len(_searches(emulator)) == 2


def test_threaded_paging_matches_sequential(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    threaded = client.search(limit=2000, threaded=True)
    assert threaded.stac_ids == _default_order_ids(emulator)[:2000]
    calls = _searches(emulator)
    probe = [c for c in calls if c.json["limit"] == 1]
    pages = sorted(c.json["page"] for c in calls if c.json["limit"] == 900)
    assert len(probe) == 1
    assert pages == [1, 2, 3]


def test_sequential_paging_drops_injected_duplicates(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    emulator.faults.add("duplicates", "/catalog/search", n=7)
    result = client.search(limit=2000)
    assert len(result) == 2000
    assert len(set(result.stac_ids)) == 2000
    assert set(result.stac_ids) <= set(_default_order_ids(emulator)[:2100])
    assert len(_searches(emulator)) == 3


def test_limit_10000_cap_returns_all_matches(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    total = len(_accessible(emulator))
    assert total < 10000
    result = client.search(limit=20000)  # capped client-side to 10 000
    assert result.request_body["limit"] == 10000
    assert len(result) == total == result._pages[0]["numberMatched"]
    assert len(set(result.stac_ids)) == total
    calls = _searches(emulator)
    assert all(c.json["limit"] <= 900 for c in calls)
    assert len(calls) == -(-total // 900)
    threaded = client.search(limit=10000, threaded=True)
    assert threaded.stac_ids == result.stac_ids


# --------------------------------------------------------------------------- result helpers


def test_groupby_product_type_and_value_counts(
    client: CapellaConsoleClient, emulator: Emulator
) -> None:
    result = client.search(bbox=ROME_BBOX, limit=2000)
    grouped = result.groupby("product_type")
    assert isinstance(grouped, GroupbyResult)
    counts = grouped.value_counts()
    assert counts == dict(Counter(f["properties"]["sar:product_type"] for f in result))
    assert sum(counts.values()) == len(result)
    for ptype, sub in grouped.items():
        assert isinstance(sub, StacSearchResult)
        assert {f["properties"]["sar:product_type"] for f in sub} == {ptype}
    pols = result.groupby("polarizations").value_counts()
    assert set(pols) <= {"HH", "VV"}
    assert result.groupby("collection").value_counts() == dict(
        Counter(f["collection"] for f in result)
    )


def test_to_feature_collection_and_drop(client: CapellaConsoleClient, emulator: Emulator) -> None:
    result = client.search(bbox=ROME_BBOX, limit=50)
    fc = result.to_feature_collection()
    assert fc["type"] == "FeatureCollection"
    assert [f["id"] for f in fc["features"]] == result.stac_ids
    assert all(f["type"] == "Feature" and f["geometry"]["type"] == "Polygon" for f in result)
    matched = result._pages[0]["numberMatched"]
    victim = result.stac_ids[0]
    result.drop([victim])
    assert victim not in result.stac_ids
    assert len(result) == 49
    assert result._pages[0]["numberMatched"] == matched - 1


def test_base_url_with_trailing_slash(emulator: Emulator) -> None:
    sdk = CapellaConsoleClient(api_key="demo", base_url=emulator.url + "/")
    result = sdk.search(bbox=ROME_BBOX, limit=5)
    assert len(result) == 5
    assert _searches(emulator)[0].status == 200

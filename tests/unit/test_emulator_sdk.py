"""Console emulator satisfies the official SDK (capella-console-client) end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.console_emulator import Emulator

sdk = pytest.importorskip("capella_console_client")


@pytest.fixture
def client(emulator: Emulator) -> object:
    from tests.unit.sdk_tasking_support import use_sdk_shapes

    use_sdk_shapes(emulator)  # the SDK's spelling of the disputed shapes (docs/tasking.md)
    return sdk.CapellaConsoleClient(api_key="demo", base_url=emulator.url)


def test_sdk_search_paging(client: object, emulator: Emulator) -> None:
    res = client.search(bbox=[12.3, 41.7, 12.7, 42.1], limit=1500)  # type: ignore[attr-defined]
    ids = res.stac_ids
    assert len(ids) == len(set(ids)) > 200
    threaded = client.search(bbox=[12.3, 41.7, 12.7, 42.1], limit=1500, threaded=True)  # type: ignore[attr-defined]
    assert threaded.stac_ids == ids
    # The SDK sorts on its short name ("properties.look_angle", an SDK quirk the strict
    # emulator refuses: docs/emulator.md item 11); the lenient name mapping lets it sort.
    emulator.configure(short_names=True)
    filt = client.search(product_type=["GEO"], look_angle__gte=10, sortby="-look_angle", limit=20)  # type: ignore[attr-defined]
    angles = [f["properties"]["view:look_angle"] for f in filt]
    assert angles == sorted(angles, reverse=True)


def test_sdk_search_over_10000_cap() -> None:
    with Emulator(items=10500, seed=5) as emu:
        c = sdk.CapellaConsoleClient(api_key="demo", base_url=emu.url)
        assert len(c.search(limit=10000)) == 10000
        assert len(c.search(limit=10000, threaded=True)) == 10000


def test_sdk_order_and_download(client: object, emulator: Emulator, tmp_path: Path) -> None:
    res = client.search(ownership="availableForPurchase", product_type="GEO", limit=1)  # type: ignore[attr-defined]
    order_id = client.submit_order(items=res, omit_search=True)  # type: ignore[attr-defined]
    items = client.get_presigned_items(order_id)  # type: ignore[attr-defined]
    paths = client.download_products(
        items, local_dir=tmp_path, include=["thumbnail", "metadata"], threaded=False
    )  # type: ignore[attr-defined]
    for per_item in paths.values():
        for p in per_item.values():
            assert Path(p).stat().st_size > 0
    assert not any(r.authorization for r in emulator.requests("asset"))


def test_sdk_tasking(client: object, emulator: Emulator) -> None:
    tr = client.create_tasking_request(  # type: ignore[attr-defined]
        geometry={"type": "Point", "coordinates": [12.5, 41.9]}, name="sdk tr", local_time="day"
    )
    tr_id = tr["properties"]["taskingrequestId"]
    found = client.search_tasking_requests(tasking_request_id=tr_id)  # type: ignore[attr-defined]
    assert [t["properties"]["taskingrequestId"] for t in found] == [tr_id]
    result = client.cancel_tasking_requests(tr_id)  # type: ignore[attr-defined]
    assert result[tr_id]["success"] is True
    rr = client.create_repeat_request(  # type: ignore[attr-defined]
        geometry={"type": "Point", "coordinates": [12.5, 41.9]}, name="sdk rr", repetition_count=2
    )
    rr_id = rr["properties"]["repeatrequestId"]
    assert client.search_repeat_requests(repeat_request_id=rr_id)  # type: ignore[attr-defined]


def test_sdk_threaded_search_with_zero_matches_is_empty(client: object, emulator: Emulator) -> None:
    # 0.19 crashed here (a thread pool of size 0); 0.20.1 returns an empty result, as the
    # contract now says (§5.6 threaded step 5, §13.7).
    far = {"type": "Point", "coordinates": [0.0, -89.0]}
    result = client.search(intersects=far, limit=100, threaded=True)  # type: ignore[attr-defined]
    assert len(result) == 0
    probes = [r for r in emulator.requests("api") if r.path == "/catalog/search"]
    assert [r.json["limit"] for r in probes] == [1]  # the count probe, then nothing

"""SDK conformance: download_products / download_asset of capella-console-client vs the emulator."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
from capella_console_client import CapellaConsoleClient

from tests.console_emulator import Emulator
from tests.console_emulator.recording import RecordedRequest


@pytest.fixture
def client(emulator: Emulator) -> CapellaConsoleClient:
    sdk = CapellaConsoleClient(api_key="demo", base_url=emulator.url)
    emulator.clear_requests()
    return sdk


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _order(client: CapellaConsoleClient, n: int = 2, product_type: Any = "GEO") -> str:
    items = client.search(
        ownership="availableForPurchase", product_type=product_type, sortby="+id", limit=n
    )
    assert len(items) == n
    return client.submit_order(items=items, omit_search=True)


def _presigned(client: CapellaConsoleClient, order_id: str) -> dict[str, dict[str, str]]:
    """stac id -> asset key -> presigned href (freshly minted)."""
    return {
        item["id"]: {k: a["href"] for k, a in item["assets"].items()}
        for item in client.get_presigned_items(order_id)
    }


def _asset_gets(emulator: Emulator) -> list[RecordedRequest]:
    return [r for r in emulator.requests("asset") if r.method == "GET"]


def _assert_matches_asset_host(paths: dict[str, dict[str, Any]], hrefs: dict[str, Any]) -> None:
    """Each file has the host's Content-Length and the bytes of a direct GET of the URL."""
    for stac_id, by_key in paths.items():
        for key, path in by_key.items():
            resp = httpx.get(hrefs[stac_id][key])
            assert resp.status_code == 200
            data = Path(path).read_bytes()
            assert len(data) == int(resp.headers["Content-Length"]) > 0
            assert _sha256(data) == _sha256(resp.content)


# --------------------------------------------------------------------------- by order


def test_download_products_by_order_with_include(
    client: CapellaConsoleClient, emulator: Emulator, tmp_path: Path
) -> None:
    order_id = _order(client)
    stac_ids = [i["granuleId"] for i in emulator.state.orders[order_id]["items"]]
    paths = client.download_products(
        order_id=order_id, local_dir=tmp_path, include=["thumbnail", "metadata"]
    )
    assert set(paths) == set(stac_ids)
    for stac_id, by_key in paths.items():
        assert set(by_key) == {"thumbnail", "metadata"}
        for path in by_key.values():
            assert Path(path).parent == tmp_path / stac_id
            assert Path(path).name.startswith(stac_id)
            assert Path(path).is_file()
    _assert_matches_asset_host(paths, _presigned(client, order_id))
    downloaded = {Path(urlparse(r.path).path).name for r in _asset_gets(emulator)}
    assert not any(name.endswith(".tif") for name in downloaded)
    assert "license.pdf" not in downloaded
    assert not any(r.authorization for r in emulator.requests("asset"))


def test_download_products_exclude_raster_and_no_separate_dirs(
    client: CapellaConsoleClient, emulator: Emulator, tmp_path: Path
) -> None:
    order_id = _order(client)
    paths = client.download_products(
        order_id=order_id,
        local_dir=str(tmp_path),
        exclude=["raster", "preview"],
        separate_dirs=False,
        threaded=False,
    )
    for by_key in paths.values():
        assert set(by_key) == {"metadata", "thumbnail"}
        for path in by_key.values():
            assert Path(path).parent == tmp_path
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        Path(p).name for by_key in paths.values() for p in by_key.values()
    )
    _assert_matches_asset_host(paths, _presigned(client, order_id))


def test_download_products_full_product_and_product_type_filter(
    client: CapellaConsoleClient, emulator: Emulator, tmp_path: Path
) -> None:
    geo = client.search(ownership="availableForPurchase", product_type="GEO", limit=1)
    slc = client.search(ownership="availableForPurchase", product_type="SLC", limit=1)
    order_id = client.submit_order(items=[*geo, *slc], omit_search=True)
    paths = client.download_products(order_id=order_id, local_dir=tmp_path, product_types=["geo"])
    assert list(paths) == geo.stac_ids
    by_key = paths[geo.stac_ids[0]]
    assert "HH" in by_key or "VV" in by_key
    assert "license" not in by_key
    expected_keys = set(client.get_presigned_assets(order_id, geo.stac_ids)[0])
    assert set(by_key) == expected_keys - {"license"}
    _assert_matches_asset_host(paths, _presigned(client, order_id))
    assert not (tmp_path / slc.stac_ids[0]).exists()


# --------------------------------------------------------------------------- by TR / collect


def _completed_tr(client: CapellaConsoleClient, emulator: Emulator) -> str:
    found = client.search_tasking_requests(status="completed")
    uid = emulator.state.user["id"]
    ids = [t["properties"]["taskingrequestId"] for t in found]
    assert ids
    assert all(t["properties"]["userId"] == uid for t in found)
    return next(i for i in ids if emulator.state.collects.get(i))


def test_download_products_by_tasking_request(
    client: CapellaConsoleClient, emulator: Emulator, tmp_path: Path
) -> None:
    tr_id = _completed_tr(client, emulator)
    collect_id = emulator.state.collects[tr_id][0]["collectId"]
    expected = {e.id for e in emulator.state.by_collect[collect_id] if emulator.state.accessible(e)}
    emulator.clear_requests()
    paths = client.download_products(
        tasking_request_id=tr_id, local_dir=tmp_path, include="thumbnail"
    )
    assert set(paths) == expected
    for by_key in paths.values():
        assert set(by_key) == {"thumbnail"}
        assert all(Path(p).stat().st_size > 0 for p in by_key.values())
    api = [(r.method, r.path) for r in emulator.requests("api")]
    assert ("GET", f"/task/{tr_id}") in api
    assert ("GET", f"/collects/list/{tr_id}") in api
    search = next(r for r in emulator.requests("api") if r.path == "/catalog/search")
    assert search.json["query"] == {"capella:collect_id": {"in": [collect_id]}}
    orders = [r for r in emulator.requests("api") if r.method == "POST" and r.path == "/orders"]
    assert len(orders) == 1
    ordered = {i["granuleId"] for i in orders[0].json["items"]}
    assert ordered == expected

    # second run: check_active_orders reuses the order, files already complete
    emulator.clear_requests()
    again = client.download_products(
        tasking_request_id=tr_id, local_dir=tmp_path, include="thumbnail"
    )
    assert again == paths
    assert not [r for r in emulator.requests("api") if r.method == "POST" and r.path == "/orders"]
    assert not [r for r in _asset_gets(emulator) if "Range" in r.headers]


def test_download_products_by_collect_id(
    client: CapellaConsoleClient, emulator: Emulator, tmp_path: Path
) -> None:
    entry = next(
        e
        for e in emulator.state.entries
        if e.ownership == "availableForPurchase" and e.collection == "capella-archive"
    )
    collect_id = entry.props["capella:collect_id"]
    group = [e for e in emulator.state.by_collect[collect_id] if emulator.state.accessible(e)]
    paths = client.download_products(
        collect_id=collect_id,
        local_dir=tmp_path,
        include=["metadata"],
        product_types=["SLC", "GEO"],
        contract_id="contract-456",
    )
    expected = {e.id for e in group if e.props["sar:product_type"] in ("SLC", "GEO")}
    assert expected
    assert set(paths) == expected
    search = next(r for r in emulator.requests("api") if r.path == "/catalog/search")
    assert search.json["query"]["capella:collect_id"] == {"in": [collect_id]}
    assert search.json["query"]["sar:product_type"] == {"in": ["SLC", "GEO"]}
    order_post = next(
        r for r in emulator.requests("api") if r.method == "POST" and r.path == "/orders"
    )
    assert order_post.json["contractId"] == "contract-456"


def test_download_after_completing_new_tasking_request(
    client: CapellaConsoleClient, emulator: Emulator, tmp_path: Path
) -> None:
    from tests.unit.sdk_tasking_support import use_sdk_shapes

    use_sdk_shapes(emulator)  # the SDK sends ``pre_approval`` (docs/tasking.md)
    tr = client.create_tasking_request(
        geometry={"type": "Point", "coordinates": [4.48, 51.92]},
        name="complete me",
        product_types=["GEO"],
    )
    tr_id = tr["properties"]["taskingrequestId"]
    hook = httpx.post(
        f"{emulator.url}/_emulator/tasking/{tr_id}/status", json={"code": "completed"}
    )
    assert hook.status_code == 200
    collects = client.get_collects_for_task(tr_id)
    assert len(collects) == 1
    paths = client.download_products(
        tasking_request_id=tr_id, local_dir=tmp_path, include="thumbnail", product_types=["GEO"]
    )
    assert len(paths) == 1
    (stac_id,) = paths
    assert emulator.state.by_id[stac_id].props["capella:collect_id"] == collects[0]["collectId"]
    assert Path(paths[stac_id]["thumbnail"]).stat().st_size > 0


# --------------------------------------------------------------------------- resume / override


def test_resume_partial_download(
    client: CapellaConsoleClient, emulator: Emulator, tmp_path: Path
) -> None:
    order_id = _order(client, n=1)
    (stac_id,) = [i["granuleId"] for i in emulator.state.orders[order_id]["items"]]
    href = _presigned(client, order_id)[stac_id]["HH"]
    full = httpx.get(href).content
    assert len(full) > 2
    target = tmp_path / stac_id / Path(urlparse(href).path).name
    target.parent.mkdir()
    half = len(full) // 2
    target.write_bytes(full[:half])

    emulator.clear_requests()
    paths = client.download_products(
        order_id=order_id, local_dir=tmp_path, include="HH", enable_resume=True
    )
    assert Path(paths[stac_id]["HH"]) == target
    assert _sha256(target.read_bytes()) == _sha256(full)
    ranged = [r for r in _asset_gets(emulator) if "Range" in r.headers]
    assert len(ranged) == 1
    assert ranged[0].headers["Range"] == f"bytes={half}-"
    assert ranged[0].status == 206

    # complete file + resume: only the size probe, no ranged fetch
    emulator.clear_requests()
    client.download_products(order_id=order_id, local_dir=tmp_path, include="HH")
    gets = _asset_gets(emulator)
    assert len(gets) == 1
    assert "Range" not in gets[0].headers


def test_download_asset_resume_and_override(
    client: CapellaConsoleClient, emulator: Emulator, tmp_path: Path
) -> None:
    order_id = _order(client, n=1)
    (stac_id,) = [i["granuleId"] for i in emulator.state.orders[order_id]["items"]]
    href = _presigned(client, order_id)[stac_id]["metadata"]
    full = httpx.get(href).content
    target = tmp_path / "meta.json"
    target.write_bytes(full[: len(full) // 3])

    emulator.clear_requests()
    client.download_asset(href, local_path=target, enable_resume=True)
    assert target.read_bytes() == full
    assert [r.headers.get("Range") for r in _asset_gets(emulator)] == [
        None,
        f"bytes={len(full) // 3}-",
    ]

    # corrupt the file with the right size: override=True rewrites it without Range
    target.write_bytes(b"x" * len(full))
    emulator.clear_requests()
    client.download_asset(href, local_path=target, override=True)
    assert target.read_bytes() == full
    assert all("Range" not in r.headers for r in _asset_gets(emulator))
    assert len(_asset_gets(emulator)) == 2

    # without override and without resume an existing file is left untouched (no HTTP)
    target.write_bytes(b"stale")
    emulator.clear_requests()
    client.download_asset(href, local_path=target, enable_resume=False)
    assert target.read_bytes() == b"stale"
    assert not _asset_gets(emulator)


def test_deprecated_download_product(
    client: CapellaConsoleClient, emulator: Emulator, tmp_path: Path
) -> None:
    order_id = _order(client, n=1)
    (stac_id,) = [i["granuleId"] for i in emulator.state.orders[order_id]["items"]]
    paths = client.download_product(order_id=order_id, local_dir=tmp_path, include=["metadata"])
    assert set(paths) == {"metadata"}
    assert Path(paths["metadata"]).parent == tmp_path / stac_id
    _assert_matches_asset_host({stac_id: paths}, _presigned(client, order_id))

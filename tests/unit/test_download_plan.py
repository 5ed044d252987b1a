"""Planning: filter semantics, STAC id derivation, safe names, layout and flat collisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from capella_qgis.core.download import AssetFilter, plan_downloads, sanitize_filename
from capella_qgis.core.download.plan import UNSAFE_FILENAME, stac_id_from_href
from capella_qgis.core.exceptions import InputError

BASE = "https://bucket.example.com/capella-test/2021/1/19"
SLC = "CAPELLA_C13_SM_SLC_HH_20240512171708_20240512171713"
GEO = "CAPELLA_C13_SM_GEO_HH_20240512171708_20240512171713"
KEYS = ["HH", "VV", "metadata", "thumbnail", "preview", "license", "changemap"]


def _href(stac_id: str, name: str) -> str:
    return f"{BASE}/{stac_id}/{name}?X-Amz-Signature=abc&X-Amz-Credential=k"


def _item(stac_id: str, product_type: str = "SLC", thumb_of: str = "", **extra: str) -> dict:
    assets = {
        "HH": {"href": _href(stac_id, f"{stac_id}.tif"), "file:size": 10},
        "metadata": {"href": _href(stac_id, f"{stac_id}_extended.json")},
        "thumbnail": {"href": _href(stac_id, f"{thumb_of or stac_id}_thumb.png")},
        "license": {"href": _href(stac_id, "license.pdf")},
    }
    assets.update({k: {"href": v} for k, v in extra.items()})
    return {
        "id": stac_id,
        "properties": {"sar:product_type": product_type.lower()},
        "assets": assets,
    }


FILTER_TABLE = [
    # include, exclude, expected keys among KEYS
    (None, None, {"HH", "VV", "metadata", "thumbnail", "preview", "changemap"}),
    ("raster", None, {"HH", "VV"}),
    (["raster", "thumbnail"], "raster", {"thumbnail"}),  # exclude beats include
    (None, ["thumbnail", "metadata"], {"HH", "VV", "preview", "changemap"}),
    ("HH", None, {"HH"}),
    (["metadata"], ["metadata"], set()),
    (None, "raster", {"metadata", "thumbnail", "preview", "changemap"}),
]


@pytest.mark.parametrize(("include", "exclude", "expected"), FILTER_TABLE)
def test_filter_semantics(include, exclude, expected) -> None:
    f = AssetFilter.create(include, exclude)
    assert {k for k in KEYS if f.allows_asset(k)} == expected
    assert not f.allows_asset("license")


def test_license_skipped_even_when_included_explicitly_is_invalid() -> None:
    with pytest.raises(InputError):
        AssetFilter.create(include="license")


@pytest.mark.parametrize("bad", ["hh", "rasters", ["HH", "nope"]])
def test_invalid_asset_values_raise_with_valid_list(bad) -> None:
    with pytest.raises(InputError) as exc:
        AssetFilter.create(include=bad)
    assert "Valid values:" in exc.value.message and "thumbnail" in exc.value.message


def test_invalid_exclude_raises_and_suggests() -> None:
    with pytest.raises(InputError) as exc:
        AssetFilter.create(exclude=["thumbnails"])
    assert "did you mean 'thumbnail'" in exc.value.message


def test_product_types_upper_cased_and_validated() -> None:
    f = AssetFilter.create(product_types=["geo", " slc "])
    assert f.product_types == ("GEO", "SLC")
    assert f.allows_product("geo") and not f.allows_product("GEC")
    with pytest.raises(InputError) as exc:
        AssetFilter.create(product_types=["GEOX"])
    assert "SICD" in exc.value.message


def test_plan_one_job_per_asset_layout_and_product_filter(tmp_path: Path) -> None:
    items = [_item(SLC, "SLC"), _item(GEO, "GEO")]
    plan = plan_downloads(items, tmp_path, filters=AssetFilter.create(product_types="geo"))
    assert {(j.stac_id, j.asset_key) for j in plan} == {
        (GEO, "HH"),
        (GEO, "metadata"),
        (GEO, "thumbnail"),
    }
    hh = next(j for j in plan if j.asset_key == "HH")
    assert hh.target == tmp_path / GEO / f"{GEO}.tif"
    assert hh.product_type == "GEO" and hh.expected_size == 10
    assert plan.filtered_items == [SLC]
    assert "Signature" not in repr(hh)


def test_stac_id_from_main_asset_not_item_id(tmp_path: Path) -> None:
    item = _item(SLC)
    item["id"] = "something-else"
    plan = plan_downloads([item], tmp_path)
    assert {j.stac_id for j in plan} == {SLC}
    assert stac_id_from_href(_href(SLC, "x.tif")) == SLC


def test_fallback_to_item_id_without_main_asset(tmp_path: Path) -> None:
    item = {"id": "weird-item", "assets": {"thumbnail": {"href": f"{BASE}/x/thumb.png?a=b"}}}
    plan = plan_downloads([item], tmp_path)
    assert [(j.stac_id, j.target) for j in plan] == [
        ("weird-item", tmp_path / "weird-item" / "thumb.png")
    ]


def test_items_with_no_assets_left_are_reported(tmp_path: Path) -> None:
    plan = plan_downloads(
        [_item(SLC), _item(GEO)], tmp_path, filters=AssetFilter.create(include="changemap")
    )
    assert list(plan) == [] and plan.empty_items == [SLC, GEO]


def test_flat_mode_sibling_thumbnail_collision_is_resolved(tmp_path: Path) -> None:
    items = [_item(SLC, "SLC", thumb_of=GEO), _item(GEO, "GEO")]
    plan = plan_downloads(items, tmp_path, separate_dirs=False)
    targets = [j.target for j in plan]
    assert len(set(targets)) == len(targets)
    geo_thumb = next(j for j in plan if j.stac_id == GEO and j.asset_key == "thumbnail")
    slc_thumb = next(j for j in plan if j.stac_id == SLC and j.asset_key == "thumbnail")
    assert geo_thumb.target.name == f"{GEO}_thumb.png"  # the owner keeps the name
    assert slc_thumb.target.name == f"{SLC}_{GEO}_thumb.png"
    again = plan_downloads(items, tmp_path, separate_dirs=False)
    assert [j.target for j in again] == targets  # deterministic


def test_flat_collision_without_owner_prefixes_all(tmp_path: Path) -> None:
    items = [
        {"id": SLC, "assets": {"HH": {"href": _href(SLC, "data.tif")}}},
        {"id": GEO, "assets": {"HH": {"href": _href(GEO, "DATA.tif")}}},
    ]
    plan = plan_downloads(items, tmp_path, separate_dirs=False)
    names = sorted(j.target.name for j in plan)
    assert names == [f"{GEO}_DATA.tif", f"{SLC}_data.tif"]


def test_query_dropped_and_percent_decoded(tmp_path: Path) -> None:
    item = _item(SLC)
    item["assets"]["preview"] = {"href": _href(SLC, "b%20c.tif")}
    plan = plan_downloads([item], tmp_path, filters=AssetFilter.create(include="preview"))
    assert plan[0].target.name == "b c.tif"


@pytest.mark.parametrize(
    "segment", ["..", "%2E%2E", "..%2Fevil.tif", "a%5C..%5Cb.tif", "%2e%2e%2f%2e%2e%2fetc", "x%00"]
)
def test_traversal_skipped_and_reported(tmp_path: Path, segment: str) -> None:
    item = _item(SLC)
    item["assets"]["HH"]["href"] = f"{BASE}/{SLC}/{segment}?sig=1"
    plan = plan_downloads([item], tmp_path)
    assert sorted(j.asset_key for j in plan) == ["metadata", "thumbnail"]  # the rest still go
    [skipped] = plan.skipped_unsafe
    assert (skipped.stac_id, skipped.asset_key) == (SLC, "HH")
    assert UNSAFE_FILENAME in skipped.reason and "sig=1" not in skipped.reason
    with pytest.raises(InputError) as exc:
        sanitize_filename(segment)
    assert UNSAFE_FILENAME in exc.value.message


def test_sanitize_control_and_windows_characters() -> None:
    assert sanitize_filename("a\x07b%0Ac.tif") == "a_b_c.tif"
    assert sanitize_filename('x<y>:"|?*.png') == "x_y______.png"
    assert sanitize_filename("CON.tif") == "_CON.tif"
    assert sanitize_filename("name. ") == "name"
    long = sanitize_filename("a" * 400 + ".tif")
    assert long.endswith(".tif") and len(long) <= 200
    with pytest.raises(InputError):
        sanitize_filename("")


def test_dest_dir_must_exist(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        plan_downloads([_item(SLC)], tmp_path / "missing")


def test_unsafe_item_id_used_as_folder_is_skipped_and_reported(tmp_path: Path) -> None:
    item = {"id": "..", "assets": {"thumbnail": {"href": f"{BASE}/x/thumb.png"}}}
    plan = plan_downloads([item], tmp_path)
    assert list(plan) == [] and plan.empty_items == []
    [skipped] = plan.skipped_unsafe
    assert skipped.key == "../thumbnail" and "product folder" in skipped.reason

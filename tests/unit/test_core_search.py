"""CatalogQuery body building and SearchResult conveniences."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.stac import StacItem
from capella_qgis.core.search.query import CatalogQuery, SearchResult, build_sortby
from tests.unit.core_support import stac_item


def test_contract_example_body():
    q = CatalogQuery.from_kwargs(
        bbox=[12.35, 41.78, 12.61, 42.0],
        collections=["capella-open-data"],
        instrument_mode="spotlight",
        product_type=["SLC", "GEO"],
        look_angle__gte=0.9,
        look_angle__lte=12.0,
        datetime__gt="2021-06-01T00:00:00Z",
        datetime__lt="2021-07-01T00:00:00Z",
        sortby=["-datetime", "+id"],
        ownership="ownedByOrganization",
    )
    assert q.to_body() == {
        "bbox": [12.35, 41.78, 12.61, 42.0],
        "collections": ["capella-open-data"],
        "limit": 500,
        "query": {
            "sar:instrument_mode": {"eq": "spotlight"},
            "sar:product_type": {"in": ["SLC", "GEO"]},
            "view:look_angle": {"gte": 0.9, "lte": 12.0},
            "datetime": {"gt": "2021-06-01T00:00:00.000Z", "lt": "2021-07-01T00:00:00.000Z"},
        },
        "sortby": [
            {"field": "properties.datetime", "direction": "desc"},
            {"field": "id", "direction": "asc"},
        ],
        "ownership": "ownedByOrganization",
    }
    assert q.to_body(page=3, page_limit=900)["page"] == 3
    assert q.to_body(page=3, page_limit=900)["limit"] == 900


def test_list_forces_in_and_scalar_in_becomes_list():
    q = CatalogQuery.from_kwargs(product_type__eq=["SLC"], polarizations__in="HH")
    assert q.query == {"sar:product_type": {"in": ["SLC"]}, "sar:polarizations": {"in": ["HH"]}}


def test_filters_dict_and_stac_names_accepted():
    q = CatalogQuery(filters={"view:look_angle": {"gte": 1}, "orbital_plane": 45})
    assert q.query == {"view:look_angle": {"gte": 1}, "capella:orbital_plane": {"eq": 45}}


def test_datetimes_normalised_to_utc_z():
    local = datetime(2021, 6, 1, 2, 0, tzinfo=timezone(timedelta(hours=2)))
    q = CatalogQuery.from_kwargs(
        datetime__gte=local, created__lt="2021-07-01", updated__gt="2021-07-01T10:00:00.5+01:00"
    )
    assert q.query == {
        "datetime": {"gte": "2021-06-01T00:00:00.000Z"},
        "created": {"lt": "2021-07-01T00:00:00.000Z"},
        "updated": {"gt": "2021-07-01T09:00:00.500Z"},
    }


def test_0_20_1_fields():
    q = CatalogQuery.from_kwargs(archive_holdback__gte="2025-01-01", use_case="maritime")
    assert set(q.query) == {"capella:archive_holdback_date", "capella:use_case"}


@pytest.mark.parametrize(
    ("kwargs", "snippet"),
    [
        ({"not_a_field": 1}, "Valid fields"),
        ({"look_angle__between": 1}, "Valid operators"),
        ({"look_angle__startsWith": 1}, "Valid operators"),
        ({"limit": 0}, "limit"),
        ({"limit": 10_001}, "limit"),
        ({"bbox": [10, 0, 5, 1]}, "antimeridian"),
        ({"bbox": [0, 5, 1, 1]}, "latitude"),
        ({"bbox": [0, 0, 200, 1]}, "longitude"),
        ({"bbox": [0, 0, 1]}, "bbox"),
        ({"ownership": "mine"}, "ownedByOrganization"),
        ({"sortby": "-nonsense"}, "Sortable fields"),
        ({"product_type": []}, "empty"),
        ({"datetime__gte": "last tuesday"}, "not a date"),
    ],
)
def test_refusals(kwargs, snippet):
    with pytest.raises(InputError) as info:
        CatalogQuery.from_kwargs(**kwargs)
    assert snippet in str(info.value)


def test_sortby_uses_real_stac_names():
    assert build_sortby(["-look_angle", "id", "+collection", "properties.sar:product_type"]) == [
        {"field": "properties.view:look_angle", "direction": "desc"},
        {"field": "id", "direction": "asc"},
        {"field": "collection", "direction": "asc"},
        {"field": "properties.sar:product_type", "direction": "asc"},
    ]


def test_limit_10000_allowed_and_ids_deduplicated():
    q = CatalogQuery(ids=["a", "b", "a"], limit=10_000)
    assert q.to_body() == {"ids": ["a", "b"], "limit": 10_000}


def _items(*specs):
    return [StacItem.model_validate(stac_item(i, **props)) for i, props in specs]


def test_search_result_dedup_groupby_merge_drop():
    items = _items(
        (1, {"sar:product_type": "SLC", "sar:polarizations": ["HH", "VV"]}),
        (2, {"sar:product_type": "GEO"}),
        (3, {"sar:product_type": "GEO", "sar:polarizations": None}),
    )
    result = SearchResult([*items, items[0]], number_matched=3)
    assert result.stac_ids == [i.id for i in items]
    assert len(result.collect_ids) == 3
    groups = result.groupby("product_type")
    assert list(groups) == ["SLC", "GEO"]
    assert groups.value_counts() == {"SLC": 1, "GEO": 2}
    assert result.value_counts("polarizations") == {"HH-VV": 1, "HH": 1, "unknown": 1}
    assert list(result.groupby("collection")) == ["capella-open-data"]
    with pytest.raises(InputError):
        result.groupby("colour")
    fc = result.to_feature_collection()
    assert fc["type"] == "FeatureCollection"
    assert fc["features"][0] == stac_item(
        1, **{"sar:product_type": "SLC", "sar:polarizations": ["HH", "VV"]}
    )
    extra = _items((4, {}))
    merged = result.merge(SearchResult([items[1], *extra]))
    assert merged.stac_ids == [*result.stac_ids, extra[0].id]
    dropped = merged.drop([items[0].id])
    assert items[0].id not in dropped and len(dropped) == 3
    assert not result.partial


def test_search_result_release_drops_every_item_in_slices() -> None:
    from capella_qgis.core.search.pages import RawFeature, release_gradually
    from capella_qgis.core.search.query import SearchResult

    result = SearchResult([RawFeature({"id": f"i{n}"}) for n in range(1001)])
    result.release()
    assert len(result) == 0 and result.stac_ids == []
    result.add([RawFeature({"id": "i1"})])  # ids were forgotten too
    assert result.stac_ids == ["i1"]
    items = list(range(10))
    release_gradually(items, step=3)
    assert items == []

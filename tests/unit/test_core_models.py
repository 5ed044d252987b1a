"""Model parsing of the contract's fixture JSON; extras tolerated, missing fields explained."""

from __future__ import annotations

import copy

import pytest

from capella_qgis.core.exceptions import MalformedResponseError
from capella_qgis.core.models.base import parse_list, parse_model
from capella_qgis.core.models.enums import (
    CANCELABLE_STATUSES,
    CATALOG_QUERY_FIELDS,
    FINAL_STATUSES,
    INSAR_ORBIT_INFO,
    MAIN_ASSET_KEYS,
    ArchiveHoldback,
    InsarOrbit,
    OrbitalPlane,
    RepeatCollectionTier,
    RepeatCycle,
    TaskingRequestStatus,
)
from capella_qgis.core.models.orders import Order, OrderReview
from capella_qgis.core.models.stac import PresignedItem, SearchPage, StacItem
from capella_qgis.core.models.tasking import RepeatRequest, TaskingRequest
from tests.unit.core_support import (
    DENIAL,
    ORDER_FIXTURE,
    PRESIGNED_FIXTURE,
    REVIEW_DENIED,
    REVIEW_OK,
    RR_FIXTURE,
    TR_FIXTURE,
    TR_ID,
    stac_item,
)

FULL_ITEM = {
    "type": "Feature",
    "stac_version": "1.0.0",
    "id": "CAPELLA_C13_SM_SLC_HH_20240512171708_20240512171713",
    "collection": "capella-archive",
    "bbox": [-104.93, 39.70, -104.84, 39.79],
    "geometry": {"type": "Point", "coordinates": [-104.9, 39.7]},
    "properties": {
        "datetime": "2024-05-12T17:17:10.928694Z",
        "locale:datetime": "2024-05-12T22:17:10.928693+0500",
        "locale:time": "22:17:10.928693",
        "sar:instrument_mode": "stripmap",
        "sar:polarizations": ["HH"],
        "sar:product_type": "SLC",
        "sar:observation_direction": "left",
        "sat:orbit_state": "ascending",
        "view:look_angle": 10.6,
        "view:azimuth": 196.5,
        "capella:orbital_plane": 45,
        "capella:collect_id": "90b34689-4eb1-4d75-89ac-6cfae59ce648",
        "capella:squint_angle": -0.1,
        "proj:epsg": 32648,
        "capella:use_case": "maritime",
        "brand:new_property": {"x": 1},
    },
    "assets": {
        "HH": {"href": "https://b/x.tif", "type": "image/tiff", "title": "Data file"},
        "license": {"href": "https://b/license.pdf", "title": "License"},
    },
    "links": [{"rel": "collection", "href": "https://api/c"}],
}


def test_stac_item_properties_and_round_trip():
    item = StacItem.model_validate(FULL_ITEM)
    p = item.properties
    assert (p.product_type, p.instrument_mode, p.look_angle, p.orbital_plane) == (
        "SLC",
        "stripmap",
        10.6,
        45,
    )
    assert p.azimuth_angle == 196.5 and p.epsg == 32648 and p.use_case == "maritime"
    assert p.local_datetime == "2024-05-12T22:17:10.928693+0500"
    assert p.datetime.tzinfo is not None
    assert item.collect_id == "90b34689-4eb1-4d75-89ac-6cfae59ce648"
    assert item.main_asset_key() == "HH"
    assert item.get_property("brand:new_property") == {"x": 1}
    feature = item.to_feature()
    assert feature == FULL_ITEM
    feature["id"] = "changed"
    assert item.to_feature()["id"] == FULL_ITEM["id"]


def test_unknown_enum_values_tolerated_in_responses():
    tr = TaskingRequest.model_validate(TR_FIXTURE)
    assert tr.properties.collection_tier == "7_day"


def test_tr_fixture():
    tr = parse_model(TaskingRequest, TR_FIXTURE, "GET /task/{id}")
    assert tr.id == TR_ID
    assert tr.status == "completed"
    assert tr.is_completed and not tr.is_cancelable
    assert tr.properties.pre_approval is True
    assert tr.properties.collect_constraints.local_time == [[0, 86400]]
    assert tr.properties.collect_constraints.off_nadir_min == 25
    assert len(tr.properties.status_history) == 5
    assert tr.properties.window_duration == 604800
    assert tr.properties.order["summary"]["total"] == "$20.00"


def test_tr_not_completed():
    data = copy.deepcopy(TR_FIXTURE)
    data["properties"]["statusHistory"] = data["properties"]["statusHistory"][1:]
    tr = TaskingRequest.model_validate(data)
    assert tr.status == "accepted"
    assert not tr.is_completed and tr.is_cancelable


def test_rr_fixture():
    rr = parse_model(RepeatRequest, RR_FIXTURE, "search")
    assert rr.status == "received"
    rep = rr.properties.repetition_properties
    assert rep.repetition_interval == 7 and rep.repeat_end is None
    assert rep.look_angle_tolerance == 10
    assert rr.properties.archive_holdback == "1_year"
    assert rr.properties.cost_per_image_estimate == "$3,000.00"
    # Unknown nested fields are kept.
    assert rr.properties.collect_constraints.model_extra["radarParameters"]["upchirp"] is True


def test_order_review_presigned():
    order = Order.model_validate(ORDER_FIXTURE)
    assert order.stac_ids == ["CAPELLA_C02_SM_SLC_HH_20201126192221_20201126192225"]
    assert order.items[0].size == 100000000
    ok = OrderReview.model_validate(REVIEW_OK)
    assert ok.authorized and ok.summary.subtotal == "$0.00"
    denied = OrderReview.model_validate(REVIEW_DENIED)
    assert not denied.authorized and denied.denial_message == DENIAL
    items = parse_list(PresignedItem, PRESIGNED_FIXTURE, "download")
    assert items[0].assets["thumbnail"].title == "Thumbnail"


def test_missing_required_fields_are_named():
    with pytest.raises(MalformedResponseError) as info:
        parse_model(SearchPage, {"features": []}, "catalog search")
    assert info.value.field == "numberMatched"
    assert "catalog search" in str(info.value)
    bad = copy.deepcopy(TR_FIXTURE)
    del bad["properties"]["taskingrequestId"]
    with pytest.raises(MalformedResponseError) as info:
        parse_model(TaskingRequest, bad, "GET /task/{id}")
    assert info.value.field == "properties.taskingrequestId"
    with pytest.raises(MalformedResponseError) as info:
        parse_list(Order, [ORDER_FIXTURE, {"items": []}], "GET /orders")
    assert info.value.field == "[1].orderId"
    with pytest.raises(MalformedResponseError):
        parse_list(Order, {"not": "a list"}, "GET /orders")
    with pytest.raises(MalformedResponseError):
        parse_list(PresignedItem, [{"id": "x"}], "download")


def test_search_page_next_link():
    page = SearchPage.model_validate(
        {
            "numberMatched": 3,
            "features": [stac_item(1)],
            "links": [{"rel": "self", "href": "a"}, {"rel": "next", "href": "b?page=2"}],
        }
    )
    assert page.next_link().href == "b?page=2"
    assert SearchPage.model_validate({"numberMatched": 0}).next_link() is None


def test_enum_tables():
    assert ArchiveHoldback.one_year.value == "1_year"
    assert ArchiveHoldback.thirty_day.value == "30_day"
    assert [int(p) for p in OrbitalPlane] == [45, 53, 97]
    assert [int(c) for c in RepeatCycle] == [1, 7, 14, 30]
    assert RepeatCollectionTier.insar_internal.value == "insar-internal"
    assert len(TaskingRequestStatus) == 12
    assert CANCELABLE_STATUSES.isdisjoint(FINAL_STATUSES)
    assert {s.value for s in CANCELABLE_STATUSES} == {
        "received",
        "review",
        "submitted",
        "active",
        "accepted",
    }
    assert MAIN_ASSET_KEYS == ("HH", "VV", "analytic_product", "changemap")
    assert INSAR_ORBIT_INFO[InsarOrbit.MIO_53_2P95].orbital_plane == 53
    assert INSAR_ORBIT_INFO[InsarOrbit.MIO_53_2P95].revisit_days == 2.95
    assert INSAR_ORBIT_INFO[InsarOrbit.SSO_97_7P00].orbital_plane == 97
    assert INSAR_ORBIT_INFO[InsarOrbit.SSO_97_7P00].revisit_days == 7.0
    assert CATALOG_QUERY_FIELDS["archive_holdback"] == "capella:archive_holdback_date"
    assert CATALOG_QUERY_FIELDS["use_case"] == "capella:use_case"
    assert CATALOG_QUERY_FIELDS["created"] == "created"
    assert CATALOG_QUERY_FIELDS["azimuth_angle"] == "view:azimuth"
    assert len(CATALOG_QUERY_FIELDS) == 41

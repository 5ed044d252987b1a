"""TR/RR creation and update payloads (§8.1, §8.5, §9.1, §9.4) and their refusals."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.payloads import (
    RepeatRequestCreate,
    RepeatRequestUpdate,
    TaskingRequestCreate,
    TaskingRequestUpdate,
)

POINT = {"type": "Point", "coordinates": [-105.12036, 39.96533]}
SQUARE = {  # ~3,100 km²: below the tasking area limit
    "type": "Polygon",
    "coordinates": [[[0, 0], [0.5, 0], [0.5, 0.5], [0, 0.5], [0, 0]]],
}


def test_tr_payload_matches_contract_example():
    tr = TaskingRequestCreate(
        geometry=POINT,
        name="point tasking request #127",
        window_open="2026-05-01T12:00:00Z",
        off_nadir_min=5,
        off_nadir_max=50,
        local_time="day",
        orbital_planes=[45, 53],
        product_types=["VC"],
        contract_id="contract-123",
    )
    assert tr.to_payload() == {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [-105.12036, 39.96533]},
        "properties": {
            "taskingrequestName": "point tasking request #127",
            "taskingrequestDescription": "",
            "windowOpen": "2026-05-01T12:00:00.000Z",
            "windowClose": "2026-05-08T12:00:00.000Z",
            "collectionTier": "standard",
            "collectionType": "spotlight",
            "archiveHoldback": "none",
            "customAttribute1": None,
            "customAttribute2": None,
            "preApproval": False,  # the documented key, not the SDK's (docs/tasking.md)
            "collectConstraints": {
                "ascDsc": "either",
                "lookDirection": "either",
                "squint": "enabled",
                "offNadirMin": 5,
                "offNadirMax": 50,
                "localTime": "day",
                "orbitalPlanes": [45, 53],
            },
            "processingConfig": {"productTypes": ["VC"]},
        },
        "contractId": "contract-123",
    }


def test_tr_polygon_defaults_and_all_constraints():
    tr = TaskingRequestCreate(
        geometry=SQUARE,
        name="poly",
        window_open=datetime(2026, 5, 1, 14, 0, tzinfo=timezone(timedelta(hours=2))),
        window_close="2026-05-03T00:00:00.123456-01:00",
        collection_tier="Priority",
        collection_type="stripmap_20",
        archive_holdback="1_year",
        pre_approval=True,
        image_width=5000,
        asc_dsc="ascending",
        look_direction="left",
        local_time=[[0, 3600], [7200, 10800]],
        polarization="vv",
        azimuth_angle_min=340,
        azimuth_angle_max=20,
        squint="forward",
        max_squint_angle=10,
        custom_attribute_1="a",
    )
    payload = tr.to_payload()
    props = payload["properties"]
    # Offsets are converted to UTC, not dropped.
    assert props["windowOpen"] == "2026-05-01T12:00:00.000Z"
    assert props["windowClose"] == "2026-05-03T01:00:00.123Z"
    assert props["collectionTier"] == "priority"
    assert props["archiveHoldback"] == "1_year"
    assert props["preApproval"] is True and "pre_approval" not in props
    assert props["customAttribute1"] == "a" and props["customAttribute2"] is None
    assert "processingConfig" not in props and "contractId" not in payload
    assert props["collectConstraints"] == {
        "ascDsc": "ascending",
        "lookDirection": "left",
        "squint": "forward",
        "imageWidth": 5000,
        "localTime": [[0, 3600], [7200, 10800]],
        "polarization": "VV",
        "azimuthAngleMin": 340,
        "azimuthAngleMax": 20,
        "maxSquintAngle": 10,
    }


def test_tr_polygon_squint_default_disabled_and_window_default():
    tr = TaskingRequestCreate(geometry=SQUARE, name="p")
    props = tr.to_payload()["properties"]
    assert props["collectConstraints"]["squint"] == "disabled"
    assert tr.window_close - tr.window_open == timedelta(days=7)


def test_geo_interface_and_feature_accepted():
    class Geo:
        __geo_interface__ = {"type": "Point", "coordinates": (1.0, 2.0)}

    assert TaskingRequestCreate(geometry=Geo(), name="x").geometry["coordinates"] == [1.0, 2.0]
    feature = {"type": "Feature", "geometry": POINT, "properties": {}}
    assert TaskingRequestCreate(geometry=feature, name="x").geometry == POINT


def test_rr_payload_matches_contract_insar_example():
    rr = RepeatRequestCreate(
        geometry={"type": "Point", "coordinates": [11.148216220469152, 49.59672249842626]},
        name="spotlight insar repeat request",
        collection_tier="insar",
        repeat_start="2026-05-01T00:00:00Z",
        repetition_count=10,
        product_types=["SLC", "GEO"],
        insar_orbit="SSO_97_7P00",
    )
    assert rr.to_payload() == {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [11.148216220469152, 49.59672249842626]},
        "properties": {
            "repeatrequestName": "spotlight insar repeat request",
            "repeatrequestDescription": "",
            "collectionTier": "insar",
            "collectionType": "spotlight",
            "archiveHoldback": "none",
            "customAttribute1": None,
            "customAttribute2": None,
            "collectConstraints": {
                "ascDsc": "either",
                "lookDirection": "either",
                "squint": "disabled",
            },
            "repetitionProperties": {
                "repeatStart": "2026-05-01T00:00:00.000Z",
                "repetitionInterval": 7,
                "repetitionCount": 10,
            },
            "processingConfig": {"productTypes": ["SLC", "GEO"]},
            "insar": {"orbit": "SSO_97_7P00"},
        },
    }


def test_rr_routine_with_end_and_options():
    rr = RepeatRequestCreate(
        geometry=POINT,
        name="r",
        repeat_start="2026-05-01T02:00:00+02:00",
        repeat_end="2026-06-01",
        repetition_interval=14,
        maintain_scene_framing=False,
        look_angle_tolerance=10,
        azimuth_angle_tolerance=15.5,
        window_duration=86400,
        contract_id="contract-456",
        orbital_planes=[],
    )
    payload = rr.to_payload()
    props = payload["properties"]
    assert payload["contractId"] == "contract-456"
    assert props["collectionTier"] == "routine"
    assert props["windowDuration"] == 86400
    assert props["collectConstraints"] == {
        "ascDsc": "either",
        "lookDirection": "either",
        "squint": "enabled",
        "orbitalPlanes": [],
    }
    assert props["repetitionProperties"] == {
        "repeatStart": "2026-05-01T00:00:00.000Z",
        "repeatEnd": "2026-06-01T00:00:00.000Z",
        "repetitionInterval": 14,
        "maintainSceneFraming": False,
        "lookAngleTolerance": 10,
        "azimuthAngleTolerance": 15.5,
    }
    assert "insar" not in props and "processingConfig" not in props


def test_insar_plane_matching_orbit_is_allowed():
    rr = RepeatRequestCreate(
        geometry=POINT,
        name="r",
        collection_tier="insar",
        insar_orbit="MIO_53_2P95",
        orbital_planes=[53],
    )
    assert rr.to_payload()["properties"]["collectConstraints"]["orbitalPlanes"] == [53]


TR_BAD = [
    ({"geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}, "Point or a Polygon"),
    ({"geometry": {"type": "MultiPolygon", "coordinates": []}}, "one Point or one Polygon"),
    (
        {
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
                    [[1, 1], [2, 1], [2, 2], [1, 1]],
                ],
            }
        },
        "holes",
    ),
    (
        {"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}},
        "not closed",
    ),
    ({"geometry": {"type": "Point", "coordinates": [500000, 4400000]}}, "EPSG:4326"),
    ({"name": "   "}, "name"),
    ({"window_open": "2026-05-08", "window_close": "2026-05-01"}, "must be after window_open"),
    ({"window_open": "next week"}, "not a date"),
    ({"window_open": "2026-02-30"}, "not a valid date"),
    ({"off_nadir_min": 40, "off_nadir_max": 20}, "must be smaller than off_nadir_max"),
    ({"off_nadir_max": 95}, "off_nadir_max"),
    ({"off_nadir_min": -1}, "off_nadir_min"),
    ({"azimuth_angle_min": 10, "azimuth_angle_max": 400}, "azimuth_angle_max"),
    ({"azimuth_angle_min": 10}, "give both"),
    ({"squint": "disabled", "max_squint_angle": 5}, "squint 'disabled'"),
    ({"collection_tier": "7_day"}, "urgent, priority, standard"),
    ({"collection_type": "spotlight_mega"}, "collection_type"),
    ({"archive_holdback": "1_day"}, "1_year"),
    ({"product_types": ["JPEG"]}, "product_types"),
    ({"orbital_planes": [42]}, "45, 53, 97"),
    ({"local_time": "dusk"}, "day, night, anytime"),
    ({"local_time": [[64800, 3600]]}, "start before it ends"),
    ({"local_time": [[0, 90000]]}, "local_time"),
    ({"polarization": "HV"}, "HH, VV"),
    ({"image_width": 0}, "image_width"),
    ({"asc_dsc": "up"}, "ascending"),
    ({"unknown_option": 1}, "unknown parameter"),
]


@pytest.mark.parametrize(("overrides", "snippet"), TR_BAD)
def test_tr_refusals(overrides, snippet):
    kwargs = {"geometry": POINT, "name": "x", **overrides}
    with pytest.raises(InputError) as info:
        TaskingRequestCreate(**kwargs)
    assert snippet in str(info.value)


RR_BAD = [
    ({"repeat_end": "2026-06-01", "repetition_count": 3}, "mutually exclusive"),
    # Mutual exclusion is reported even when the dates are garbage (checked first).
    ({"repeat_end": "garbage", "repetition_count": 3}, "mutually exclusive"),
    ({"repetition_interval": 0}, "at least 1"),
    ({"repetition_count": 0}, "at least 1"),
    ({"repetition_interval": 2.5}, "whole number"),
    ({"repeat_start": "2026-06-01", "repeat_end": "2026-05-01"}, "must be after repeat_start"),
    ({"repeat_start": "soon"}, "not a date"),
    ({"collection_tier": "insar"}, "needs an InSAR orbit"),
    ({"collection_tier": "insar", "insar_orbit": "LEO_1"}, "MIO_53_2P95, SSO_97_7P00"),
    ({"collection_tier": "standard"}, "flexible, routine"),
    ({"look_angle_tolerance": -2}, "look_angle_tolerance"),
    ({"window_duration": -5}, "window_duration"),
    ({"window_open": "2026-01-01"}, "unknown parameter"),
]


@pytest.mark.parametrize(("overrides", "snippet"), RR_BAD)
def test_rr_refusals(overrides, snippet):
    kwargs = {"geometry": POINT, "name": "x", **overrides}
    with pytest.raises(InputError) as info:
        RepeatRequestCreate(**kwargs)
    assert snippet in str(info.value)


CAUTIONED = [
    # Neither is forbidden by any public source (docs/emulator.md item 13): sent, with a caution.
    ({"insar_orbit": "MIO_53_2P95"}, "with collection_tier 'routine'"),
    (
        {"collection_tier": "insar", "insar_orbit": "SSO_97_7P00", "orbital_planes": [45, 97]},
        "orbital_planes [45] differ from InSAR orbit SSO_97_7P00's plane 97",
    ),
]


@pytest.mark.parametrize(("overrides", "snippet"), CAUTIONED)
def test_rr_guesses_are_cautions_not_refusals(overrides, snippet):
    request = RepeatRequestCreate(geometry=POINT, name="x", **overrides)
    (caution,) = request.cautions()
    assert snippet in caution
    payload = request.to_payload()["properties"]
    assert payload["insar"] == {"orbit": overrides["insar_orbit"]}
    assert payload["collectConstraints"].get("orbitalPlanes") == overrides.get("orbital_planes")


def test_rr_documented_insar_request_has_no_caution():
    request = RepeatRequestCreate(
        geometry=POINT,
        name="x",
        collection_tier="insar",
        insar_orbit="MIO_53_2P95",
        orbital_planes=[53],
    )
    assert request.cautions() == []


def test_update_payloads():
    assert TaskingRequestUpdate().to_payload() == {"properties": {}}
    assert TaskingRequestUpdate(
        name="n", description="d", custom_attribute_2="c2", product_types=["slc", "GEO"]
    ).to_payload() == {
        "properties": {
            "taskingrequestName": "n",
            "taskingrequestDescription": "d",
            "customAttribute2": "c2",
            "processingConfig": {"productTypes": ["SLC", "GEO"]},
        }
    }
    assert RepeatRequestUpdate(name="n", description="d", custom_attribute_1="c").to_payload() == {
        "properties": {
            "repeatrequestName": "n",
            "repeatrequestDescription": "d",
            "customAttribute1": "c",
        }
    }
    with pytest.raises(InputError):
        TaskingRequestUpdate(product_types=["NOPE"])
    with pytest.raises(InputError):
        RepeatRequestUpdate(window_open="x")

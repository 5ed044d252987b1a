"""capella:createtaskingrequest / createrepeatrequest / list*requests against the emulator."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.qgis.processing_support import RecordingFeedback, api_calls, memory_layer, run

# pytest fixtures shared by the Processing tests

SQUARE = "POLYGON((10 10,10.1 10,10.1 10.1,10 10.1,10 10))"


def _posts(emu, path: str) -> list:
    return [r for r in api_calls(emu) if r.method == "POST" and r.path == path]


def test_tasking_requests_one_per_feature(capella_env, tmp_path: Path) -> None:
    layer = memory_layer("Point", ["POINT(1 2)", "POINT(3 4)"], ["alpha", "beta"])
    result = run(
        "capella:createtaskingrequest",
        {
            "INPUT": layer,
            "NAME_FIELD": "label",
            "WINDOW_OPEN": "2030-01-01T00:00:00Z",
            "WINDOW_CLOSE": "2030-01-05T00:00:00Z",
            "COLLECTION_TIER": "priority",
            "PRODUCT_TYPES": ["GEO", "SICD"],
            "OFF_NADIR_MIN": 10,
            "OFF_NADIR_MAX": 40,
            "ORBITAL_PLANES": ["53", "97"],
            "CONFIRM": True,
            "OUTPUT": str(tmp_path / "tr.gpkg"),
        },
    )
    assert result["CREATED"] == 2 and result["FAILED"] == 0
    bodies = [r.json for r in _posts(capella_env, "/task")]
    assert [b["properties"]["taskingrequestName"] for b in bodies] == ["alpha", "beta"]
    props = bodies[0]["properties"]
    assert bodies[0]["geometry"] == {"type": "Point", "coordinates": [1, 2]}
    assert props["windowOpen"].startswith("2030-01-01T00:00:00")
    assert props["collectionTier"] == "priority"
    assert props["processingConfig"] == {"productTypes": ["GEO", "SICD"]}
    assert props["collectConstraints"]["offNadirMin"] == 10
    assert props["collectConstraints"]["orbitalPlanes"] == [53, 97]
    out = QgsVectorLayer(result["OUTPUT"], "out", "ogr")
    ids = {f["request_id"] for f in out.getFeatures()}
    assert len(ids) == 2 and all(ids)


def test_tasking_union_of_features(capella_env, tmp_path: Path) -> None:
    layer = memory_layer(
        "Polygon", [SQUARE, "POLYGON((10.05 10,10.2 10,10.2 10.1,10.05 10.1,10.05 10))"]
    )
    result = run(
        "capella:createtaskingrequest",
        {
            "INPUT": layer,
            "ONE_PER_FEATURE": False,
            "NAME": "merged",
            "CONFIRM": True,
            "OUTPUT": "memory:",
        },
    )
    assert result["CREATED"] == 1
    body = _posts(capella_env, "/task")[0].json
    assert body["geometry"]["type"] == "Polygon"
    assert body["properties"]["collectConstraints"]["squint"] == "disabled"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"NAME": "x"}, "CONFIRM"),
        ({"CONFIRM": True}, "Request name / Name field"),
        (
            {"NAME": "x", "CONFIRM": True, "OFF_NADIR_MIN": 40, "OFF_NADIR_MAX": 10},
            r"Minimum off-nadir angle \(°\) \(40°\) must be smaller than Maximum off-nadir",
        ),
        (
            {
                "NAME": "x",
                "CONFIRM": True,
                "WINDOW_OPEN": "2030-01-05T00:00:00Z",
                "WINDOW_CLOSE": "2030-01-01T00:00:00Z",
            },
            r"Window closes \(UTC\) \(2030-01-01.*\) must be after Window opens \(UTC\)",
        ),
        (
            {"NAME": "x", "CONFIRM": True, "AZIMUTH_ANGLE_MIN": 10},
            r"Minimum azimuth angle \(°\) and Maximum azimuth angle \(°\) go together",
        ),
    ],
)
def test_tasking_bad_parameters_send_nothing(capella_env, params: dict, message: str) -> None:
    layer = memory_layer("Polygon", [SQUARE])
    with pytest.raises(QgsProcessingException, match=message):
        run("capella:createtaskingrequest", {"INPUT": layer, "OUTPUT": "memory:", **params})
    assert api_calls(capella_env) == []


def test_tasking_polygon_with_hole_is_refused(capella_env) -> None:
    holed = "POLYGON((0 0,1 0,1 1,0 1,0 0),(0.2 0.2,0.4 0.2,0.4 0.4,0.2 0.4,0.2 0.2))"
    layer = memory_layer("Polygon", [SQUARE, holed], ["ok", "holed"])
    with pytest.raises(QgsProcessingException, match="holes"):
        run(
            "capella:createtaskingrequest",
            {"INPUT": layer, "NAME_FIELD": "label", "CONFIRM": True, "OUTPUT": "memory:"},
        )
    assert api_calls(capella_env) == []  # the valid first request was not sent either


def test_repeat_and_insar_requests(capella_env, tmp_path: Path) -> None:
    layer = memory_layer("Polygon", [SQUARE])
    result = run(
        "capella:createrepeatrequest",
        {
            "INPUT": layer,
            "NAME": "weekly",
            "REPEAT_START": "2030-01-01T00:00:00Z",
            "REPETITION_INTERVAL": 14,
            "REPETITION_COUNT": 5,
            "CONFIRM": True,
            "OUTPUT": "memory:",
        },
    )
    assert result["CREATED"] == 1
    body = _posts(capella_env, "/repeat-requests")[0].json
    rep = body["properties"]["repetitionProperties"]
    assert rep["repetitionInterval"] == 14 and rep["repetitionCount"] == 5
    assert body["properties"]["collectionTier"] == "routine"

    run(
        "capella:createrepeatrequest",
        {
            "INPUT": layer,
            "NAME": "stack",
            "COLLECTION_TIER": "insar",
            "INSAR_ORBIT": "SSO_97_7P00",
            "CONFIRM": True,
            "OUTPUT": "memory:",
        },
    )
    body = _posts(capella_env, "/repeat-requests")[-1].json
    assert body["properties"]["insar"] == {"orbit": "SSO_97_7P00"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"COLLECTION_TIER": "insar"}, "InSAR orbit"),
        (
            {"REPEAT_END": "2031-01-01T00:00:00Z", "REPETITION_COUNT": 3},
            r"Repeat end \(UTC\) and Number of repetitions are mutually exclusive",
        ),
        ({"CONFIRM": False}, "CONFIRM"),
    ],
)
def test_repeat_bad_parameters_send_nothing(capella_env, params: dict, message: str) -> None:
    layer = memory_layer("Polygon", [SQUARE])
    base = {"INPUT": layer, "NAME": "r", "CONFIRM": True, "OUTPUT": "memory:"}
    with pytest.raises(QgsProcessingException, match=message):
        run("capella:createrepeatrequest", {**base, **params})
    assert api_calls(capella_env) == []


def test_repeat_orbit_with_routine_tier_is_sent_with_a_warning(capella_env) -> None:
    """A guess, not a documented rule (docs/emulator.md item 13): logged, then sent."""
    feedback = RecordingFeedback()
    layer = memory_layer("Polygon", [SQUARE])
    params = {"INPUT": layer, "NAME": "r", "INSAR_ORBIT": "MIO_53_2P95", "CONFIRM": True}
    result = run("capella:createrepeatrequest", {**params, "OUTPUT": "memory:"}, feedback=feedback)
    assert result["CREATED"] == 1
    (warning,) = feedback.warnings
    assert warning.startswith("r: InSAR orbit MIO_53_2P95 with Collection tier 'routine'")
    body = _posts(capella_env, "/repeat-requests")[-1].json["properties"]
    assert body["insar"] == {"orbit": "MIO_53_2P95"}
    assert body["collectionTier"] == "routine"


def test_list_tasking_requests(capella_env, tmp_path: Path) -> None:
    result = run(
        "capella:listtaskingrequests",
        {
            "STATUS": ["completed"],
            "SUBMITTED_AFTER": "2000-01-01T00:00:00Z",
            "OUTPUT": str(tmp_path / "trs.gpkg"),
            "OUTPUT_POINTS": str(tmp_path / "trp.gpkg"),
        },
    )
    assert result["COUNT"] > 0
    body = _posts(capella_env, "/tasks/search")[0].json["query"]
    assert body["lastStatusCode"] == ["completed"]
    assert body["submissionTime"]["gte"].startswith("2000-01-01")
    assert "userId" in body
    layers = [QgsVectorLayer(result[k], k, "ogr") for k in ("OUTPUT", "OUTPUT_POINTS")]
    assert sum(layer.featureCount() for layer in layers) == result["COUNT"]
    statuses = {f["status"] for layer in layers for f in layer.getFeatures()}
    assert statuses == {"completed"}


def test_list_repeat_requests_for_org(capella_env) -> None:
    result = run(
        "capella:listrepeatrequests",
        {"FOR_ORG": True, "OUTPUT": "memory:", "OUTPUT_POINTS": "memory:"},
    )
    assert result["COUNT"] >= 0
    body = _posts(capella_env, "/repeat-requests/search")[0].json["query"]
    assert "organizationIds" in body


def test_list_bad_dates_send_nothing(capella_env) -> None:
    with pytest.raises(QgsProcessingException, match=r"Submitted after \(UTC\) / Submitted"):
        run(
            "capella:listtaskingrequests",
            {
                "SUBMITTED_AFTER": "2024-02-01T00:00:00Z",
                "SUBMITTED_BEFORE": "2024-01-01T00:00:00Z",
                "OUTPUT": "memory:",
            },
        )
    assert api_calls(capella_env) == []

"""capella:searchcatalog, revieworder and submitorder against the emulator."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from capella_qgis.footprints.layer import FIELD_NAMES
from tests.qgis.processing_support import RecordingFeedback, api_calls, memory_layer, run

# pytest fixtures shared by the Processing tests


def _search(emu, tmp_path: Path, **extra) -> dict:
    params = {"LIMIT": 5, "OUTPUT": str(tmp_path / "fp.gpkg"), **extra}
    return run("capella:searchcatalog", params)


def test_provider_lists_all_algorithms(capella_provider) -> None:
    ids = {alg.id() for alg in capella_provider.algorithms()}
    assert ids == {
        "capella:searchcatalog",
        "capella:revieworder",
        "capella:submitorder",
        "capella:downloadproducts",
        "capella:createtaskingrequest",
        "capella:createrepeatrequest",
        "capella:listtaskingrequests",
        "capella:listrepeatrequests",
        "capella:checkopportunities",
        "capella:approvetaskingrequest",
        "capella:retask",
    }
    for alg in capella_provider.algorithms():
        spends = alg.name() in {
            "submitorder",
            "createtaskingrequest",
            "createrepeatrequest",
            "approvetaskingrequest",
            "retask",
        }
        assert ("spends money" in alg.shortHelpString()) == spends
        # downloadproducts may place an order (TR/collect inputs): it has a CONFIRM as well.
        may_order = spends or alg.name() == "downloadproducts"
        assert (alg.parameterDefinition("CONFIRM") is not None) == may_order


def test_search_writes_footprints_with_dock_fields(capella_env, tmp_path: Path) -> None:
    result = _search(
        capella_env,
        tmp_path,
        PRODUCT_TYPES=["GEO", "SLC"],
        START="2019-01-01T00:00:00Z",
        INCIDENCE_ANGLE="20,50",
        SORTBY="-datetime",
        QUERY='{"look_angle": {"gte": 10}}',
    )
    assert result["COUNT"] == 5
    layer = QgsVectorLayer(result["OUTPUT"], "fp", "ogr")
    assert layer.isValid() and layer.featureCount() == 5
    assert tuple(f.name() for f in layer.fields() if f.name() != "fid") == FIELD_NAMES
    body = next(r for r in api_calls(capella_env) if r.path == "/catalog/search").json
    assert body["limit"] == 5
    assert body["query"]["sar:product_type"] == {"in": ["GEO", "SLC"]}
    assert body["query"]["view:incidence_angle"] == {"gte": 20, "lte": 50}
    assert body["query"]["view:look_angle"] == {"gte": 10}
    assert body["query"]["datetime"]["gte"].startswith("2019-01-01T00:00:00")
    assert body["sortby"] == [{"field": "properties.datetime", "direction": "desc"}]


def test_search_aoi_extent_and_layer(capella_env, tmp_path: Path) -> None:
    _search(capella_env, tmp_path, AOI="-10,10,-5,5 [EPSG:4326]")
    body = api_calls(capella_env)[-1].json
    assert body["bbox"] == pytest.approx([-10, -5, 10, 5])
    capella_env.clear_requests()
    layer = memory_layer("Polygon", ["POLYGON((0 0,1 0,1 1,0 1,0 0))"])
    _search(capella_env, tmp_path, AOI_LAYER=layer)
    body = api_calls(capella_env)[-1].json
    assert body["intersects"]["type"] == "Polygon"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"QUERY": "{not json"}, r"Advanced query \(JSON\): not valid JSON"),
        ({"QUERY": '{"nonsense_field": 3}'}, "Unknown search field"),
        ({"SORTBY": "colour"}, r"Sort by \(e.g. -datetime\): Cannot sort by"),
        (
            {"START": "2024-02-01T00:00:00Z", "END": "2024-01-01T00:00:00Z"},
            r"Acquired after \(UTC\) / Acquired before \(UTC\): the start .* is after the end",
        ),
        ({"AOI": "0,1,0,1 [EPSG:4326]", "AOI_GEOMETRY": "POINT(1 1)"}, "only one area"),
        ({"LIMIT": 0}, "Maximum number of results: 0 is out of range; give a value from 1"),
    ],
)
def test_search_bad_parameters_send_nothing(
    capella_env, tmp_path: Path, extra: dict, message: str
) -> None:
    with pytest.raises(QgsProcessingException, match=message):
        _search(capella_env, tmp_path, **extra)
    assert api_calls(capella_env) == []


def test_search_without_credentials_is_clear(
    emulator, capella_provider, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CAPELLA_API_URL", emulator.url)
    with pytest.raises(QgsProcessingException, match="No API key configured"):
        _search(emulator, tmp_path)
    assert api_calls(emulator) == []


def test_review_and_submit_order(capella_env, tmp_path: Path) -> None:
    found = _search(capella_env, tmp_path, LIMIT=2, PRODUCT_TYPES=["GEO"])
    report = tmp_path / "review.html"
    review = run("capella:revieworder", {"INPUT": found["OUTPUT"], "OUTPUT": str(report)})
    assert review["AUTHORIZED"] is True
    assert review["TOTAL"] > 0
    assert "Order review" in report.read_text(encoding="utf-8")
    assert not [r for r in api_calls(capella_env) if r.method == "POST" and r.path == "/orders"]

    capella_env.clear_requests()
    with pytest.raises(QgsProcessingException, match="CONFIRM"):
        run("capella:submitorder", {"INPUT": found["OUTPUT"]})
    assert api_calls(capella_env) == []

    placed = run("capella:submitorder", {"INPUT": found["OUTPUT"], "CONFIRM": True})
    assert placed["REUSED"] == "no" and placed["ITEM_COUNT"] == 2
    posts = [r for r in api_calls(capella_env) if r.method == "POST" and r.path == "/orders"]
    assert len(posts) == 1 and len(posts[0].json["items"]) == 2

    again = run("capella:submitorder", {"INPUT": found["OUTPUT"], "CONFIRM": True})
    assert again["ORDER_ID"] == placed["ORDER_ID"] and again["REUSED"] == "yes"


def test_review_json_report_and_denial(capella_env, tmp_path: Path) -> None:
    found = _search(capella_env, tmp_path, LIMIT=1)
    capella_env.configure(insufficient_funds=True)
    feedback = RecordingFeedback()
    out = run(
        "capella:revieworder",
        {"INPUT": found["OUTPUT"], "OUTPUT": str(tmp_path / "r.json")},
        feedback,
    )
    assert out["AUTHORIZED"] is False and out["MESSAGE"]
    assert (tmp_path / "r.json").read_text(encoding="utf-8").startswith("{")


def test_order_of_an_empty_layer_is_refused(capella_env, tmp_path: Path) -> None:
    layer = memory_layer("Polygon", [])
    layer.dataProvider().addAttributes([])
    with pytest.raises(QgsProcessingException, match="item_json nor a stac_id"):
        run("capella:revieworder", {"INPUT": layer, "OUTPUT": str(tmp_path / "r.html")})
    assert api_calls(capella_env) == []


def test_cancelled_feedback_stops_the_search(capella_env, tmp_path: Path) -> None:
    feedback = RecordingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run("capella:searchcatalog", {"LIMIT": 5, "OUTPUT": str(tmp_path / "c.gpkg")}, feedback)

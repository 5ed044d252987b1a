"""Footprint layers: STAC items → GeoPackage → QGIS layer → STAC items again; storage, geometry.

Renderers, temporal properties and map tips: test_footprints_style.py.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from capella_qgis.core.models.stac import StacItem
from capella_qgis.core.redact import strip_json_signatures
from capella_qgis.core.search.query import SearchResult
from capella_qgis.footprints import layer as fp
from capella_qgis.footprints.store import StoreFactory
from capella_qgis.toolbelt.paths import footprint_storage_path
from tests.qgis.footprints_support import LAYER, hand_item

# pytest fixtures shared by the footprint tests


def _unsigned(data: Any) -> Any:
    """``data`` as stored: the Console's presigned links without their signature."""
    return json.loads(strip_json_signatures(json.dumps(data)))


def _features(layer: QgsVectorLayer) -> dict[str, QgsFeature]:
    return {f["stac_id"]: f for f in layer.getFeatures()}


def _msecs(value: datetime) -> int:
    return round(value.timestamp() * 1000)


# ---------------------------------------------------------------------------------- writing


def test_fields_are_typed() -> None:
    types = {field.name(): field.type() for field in fp.FOOTPRINT_FIELDS}
    assert types["datetime"] == QVariant.DateTime
    assert types["start_datetime"] == QVariant.DateTime
    assert types["orbital_plane"] == QVariant.Int
    assert types["epsg"] == QVariant.Int
    assert types["incidence_angle"] == QVariant.Double
    for name in ("stac_id", "polarizations", "thumb_path", "search_id", "item_json"):
        assert types[name] == QVariant.String


def test_write_and_load(
    search_result: SearchResult, written: fp.FootprintOutput, project: QgsProject
) -> None:
    assert written.feature_count == len(search_result)
    assert written.layer_name == LAYER
    assert fp.footprint_layers(written.path) == [LAYER]
    layer = fp.load_footprint_layer(written.path, written.layer_name, project=project)
    assert layer.isValid()
    assert project.mapLayer(layer.id()) is layer
    assert layer.featureCount() == len(search_result)
    assert layer.crs().authid() == "EPSG:4326"
    assert layer.wkbType() == QgsWkbTypes.MultiPolygon

    fields = layer.fields()
    for field in fp.FOOTPRINT_FIELDS:
        assert fields.field(field.name()).type() == field.type(), field.name()

    features = _features(layer)
    for item in search_result:
        feature = features[item.id]
        props = item.properties
        geometry = feature.geometry()
        assert geometry.isGeosValid(), item.id
        assert geometry.wkbType() == QgsWkbTypes.MultiPolygon
        expected = fp.footprint_geometry(item.geometry)
        assert abs(geometry.area() - expected.area()) < 1e-12
        for name in ("datetime", "start_datetime", "end_datetime"):
            value = fp.qdatetime_utc(feature[name])
            assert abs(value.toMSecsSinceEpoch() - _msecs(getattr(props, name))) <= 1, name
        assert feature["product_type"] == props.product_type
        assert feature["collect_id"] == props.collect_id
        assert feature["polarizations"] == ",".join(props.polarizations)
        assert feature["observation_direction"] == props.observation_direction
        assert feature["orbital_plane"] == props.orbital_plane
        assert isinstance(feature["orbital_plane"], int)
        assert feature["incidence_angle"] == pytest.approx(props.incidence_angle)
        assert feature["local_time"] == props.local_time
        assert feature["search_id"] == written.search_id
        assert json.loads(feature["item_json"]) == _unsigned(item.to_feature())
        # Catalog thumbnails from the emulator are presigned: the signature is never stored.
        href = item.assets["thumbnail"].href
        assert feature["thumbnail_url"] == href.split("?", 1)[0]
        assert "Signature" not in feature["thumbnail_url"]


def test_datetime_keeps_milliseconds(tmp_path: Path, store: StoreFactory) -> None:
    item = hand_item(
        "CAPELLA_C13_SM_GEO_HH_20240512171708_20240512171713",
        [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]],
        start_datetime="2024-05-12T17:17:08.841022Z",
        end_datetime="2024-05-12T17:17:13.016366Z",
    )
    out = fp.write_footprints([item], tmp_path / "ms.gpkg", "ms", search_query=None, store=store)
    layer = fp.open_footprint_layer(out.path, out.layer_name)
    feature = next(layer.getFeatures())
    value = fp.qdatetime_utc(feature["datetime"])
    assert value.toString("yyyy-MM-ddTHH:mm:ss") == "2024-05-12T17:17:10"
    assert abs(value.time().msec() - 928) <= 1
    assert not feature["epsg"]  # NULL, not 0
    assert fp.qdatetime_utc(feature["epsg"]) is None


def test_search_query_round_trips_and_survives_reload(
    search_result: SearchResult, written: fp.FootprintOutput, project: QgsProject
) -> None:
    query = search_result.query.to_body()
    layer = fp.load_footprint_layer(written, project=project)
    assert json.loads(layer.customProperty(fp.SEARCH_QUERY_PROPERTY)) == query
    assert layer.customProperty(fp.SEARCH_ID_PROPERTY) == written.search_id
    assert fp.read_search_query(written.path, written.layer_name) == query
    before = fp.items_from_layer(layer)

    project.removeMapLayer(layer.id())
    assert not project.mapLayers()
    again = fp.load_footprint_layer(
        written.path, written.layer_name, project=project, style="orbit_state"
    )
    assert json.loads(again.customProperty(fp.SEARCH_QUERY_PROPERTY)) == query
    assert again.featureCount() == len(search_result)
    assert fp.items_from_layer(again) == before
    assert again.temporalProperties().isActive()
    assert "thumb_path" in again.mapTipTemplate()
    assert again.renderer().classAttribute() == "orbit_state"


def test_search_query_defaults_to_result_query(
    search_result: SearchResult, tmp_path: Path, store: StoreFactory
) -> None:
    out = fp.write_footprints(search_result, tmp_path / "q.gpkg", "q", store=store)
    assert fp.read_search_query(out.path, "q") == search_result.query.to_body()


# ----------------------------------------------------------------------- reading / exporting


def test_items_from_layer(search_result: SearchResult, written: fp.FootprintOutput) -> None:
    layer = fp.open_footprint_layer(written.path, written.layer_name)
    expected = [_unsigned(item.to_feature()) for item in search_result]
    assert fp.items_from_layer(layer) == expected
    assert fp.items_from_layer(layer, selected_only=True) == []
    wanted = {f.id(): f["stac_id"] for f in layer.getFeatures()}
    chosen = sorted(wanted)[3:10:2]
    layer.selectByIds(chosen)
    selected = fp.items_from_layer(layer, selected_only=True)
    assert [item["id"] for item in selected] == [wanted[fid] for fid in chosen]
    assert selected == [_unsigned(search_result[fid - 1].to_feature()) for fid in chosen]


def test_export_feature_collection(
    search_result: SearchResult, written: fp.FootprintOutput, tmp_path: Path
) -> None:
    layer = fp.open_footprint_layer(written.path, written.layer_name)
    # Exports hold no signature either (the links are presigned again when needed).
    sdk_shape = _unsigned(search_result.to_feature_collection())
    out = fp.export_feature_collection(layer, tmp_path / "out" / "fc.geojson")
    assert json.loads(out.read_text(encoding="utf-8")) == sdk_shape
    out2 = fp.export_feature_collection(search_result, tmp_path / "fc2.geojson")
    assert json.loads(out2.read_text(encoding="utf-8")) == sdk_shape
    out3 = fp.export_feature_collection(list(search_result), tmp_path / "fc3.geojson")
    assert json.loads(out3.read_text(encoding="utf-8")) == sdk_shape
    # The exported file opens as a polygon layer in QGIS.
    check = QgsVectorLayer(str(out), "fc", "ogr")
    assert check.isValid()
    assert check.featureCount() == len(search_result)


# ------------------------------------------------------------------------- storage / naming


def test_storage_path(tmp_path: Path) -> None:
    project = QgsProject()
    unsaved = footprint_storage_path(project)
    assert unsaved == Path(QgsApplication.qgisSettingsDirPath()) / "capella_qgis/footprints.gpkg"
    project.setFileName(str(tmp_path / "my project.qgz"))
    assert footprint_storage_path(project) == tmp_path / "my project_capella.gpkg"


def test_unique_layer_names_and_multiple_searches(
    search_result: SearchResult, tmp_path: Path, store: StoreFactory
) -> None:
    gpkg = tmp_path / "many.gpkg"
    now = datetime(2024, 1, 1, 12, 0, 0)
    first = fp.unique_layer_name(gpkg, now=now)
    assert first == LAYER
    fp.write_footprints(search_result.items[:10], gpkg, first, search_query={"n": 1}, store=store)
    second = fp.unique_layer_name(gpkg, now=now)
    assert second == f"{LAYER}_2"
    fp.write_footprints(
        search_result.items[10:15], gpkg, second, search_query={"n": 2}, store=store
    )
    titled = fp.unique_layer_name(gpkg, title="Rome / spotlight, June!")
    assert titled == "rome_spotlight_june"
    assert fp.sanitize_layer_name("2024 search") == "capella_search_2024_search"
    assert sorted(fp.footprint_layers(gpkg)) == [LAYER, f"{LAYER}_2"]
    assert fp.read_search_query(gpkg, first) == {"n": 1}
    assert fp.read_search_query(gpkg, second) == {"n": 2}
    # Overwrite replaces one layer and leaves the other alone.
    fp.write_footprints(search_result.items[:3], gpkg, first, search_query={"n": 3}, store=store)
    assert QgsVectorLayer(f"{gpkg}|layername={first}", "a", "ogr").featureCount() == 3
    assert QgsVectorLayer(f"{gpkg}|layername={second}", "b", "ogr").featureCount() == 5
    with pytest.raises(FileExistsError):
        fp.write_footprints(
            search_result.items[:1], gpkg, first, search_query={}, overwrite=False, store=store
        )


def test_load_into_group(written: fp.FootprintOutput, project: QgsProject) -> None:
    layer = fp.load_footprint_layer(written, project=project, group_name="Capella searches")
    group = project.layerTreeRoot().findGroup("Capella searches")
    assert group is not None
    assert group.findLayer(layer.id()) is not None
    other = fp.load_footprint_layer(written, project=project, group_name="Capella searches")
    assert [child.layerId() for child in group.findLayers()] == [other.id(), layer.id()]


# ------------------------------------------------------------------------ geometry edge cases


def test_antimeridian_split(tmp_path: Path, store: StoreFactory) -> None:
    coords = [[[179.5, 10.0], [-179.5, 10.0], [-179.5, 11.0], [179.5, 11.0], [179.5, 10.0]]]
    item = hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000001", coords)
    out = fp.write_footprints([item], tmp_path / "am.gpkg", "am", search_query={}, store=store)
    layer = fp.open_footprint_layer(out.path, out.layer_name)
    geometry = next(layer.getFeatures()).geometry()
    assert geometry.isGeosValid()
    assert geometry.constGet().numGeometries() == 2
    assert geometry.area() == pytest.approx(1.0)
    box = geometry.boundingBox()
    assert box.xMinimum() == pytest.approx(-180.0)
    assert box.xMaximum() == pytest.approx(180.0)
    # The original (unsplit) geometry is still what items_from_layer hands back.
    assert fp.items_from_layer(layer)[0]["geometry"] == item["geometry"]


def test_multipolygon_and_missing_geometry(tmp_path: Path, store: StoreFactory) -> None:
    multi = hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000002", [])
    multi["geometry"] = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
            [[[2, 0], [3, 0], [3, 1], [2, 1], [2, 0]]],
        ],
    }
    none = hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000003", [])
    none["geometry"] = None
    out = fp.write_footprints([multi, none], tmp_path / "m.gpkg", "m", store=store)
    layer = fp.open_footprint_layer(out.path, out.layer_name)
    features = _features(layer)
    assert features[multi["id"]].geometry().constGet().numGeometries() == 2
    assert features[none["id"]].geometry().isNull()


def test_empty_result(tmp_path: Path, store: StoreFactory) -> None:
    out = fp.write_footprints(
        [], tmp_path / "e.gpkg", "empty", search_query={"limit": 1}, store=store
    )
    assert out.feature_count == 0
    layer = fp.load_footprint_layer(out, add_to_project=False)
    assert layer.isValid()
    assert layer.featureCount() == 0
    assert fp.items_from_layer(layer) == []
    assert layer.temporalProperties().isActive()


def test_strip_signature_keeps_plain_hrefs() -> None:
    plain = "https://cdn.example.com/a_thumb.png?version=2"
    assert fp.strip_signature(plain) == plain
    signed = "https://bucket.s3.amazonaws.com/a_thumb.png?X-Amz-Signature=abc&X-Amz-Expires=60"
    assert fp.strip_signature(signed) == "https://bucket.s3.amazonaws.com/a_thumb.png"
    assert fp.strip_signature(None) is None


# ------------------------------------------------------------------------------ volume/thread


def _many(search_result: SearchResult, count: int) -> list[dict]:
    base = [item.to_feature() for item in search_result]
    out = []
    for index in range(count):
        item = copy.deepcopy(base[index % len(base)])
        item["id"] = f"{item['id']}_{index:05d}"
        out.append(item)
    return out


def test_five_thousand_items_in_a_worker_thread(
    search_result: SearchResult, tmp_path: Path, store: StoreFactory
) -> None:
    items = [StacItem.model_validate(raw) for raw in _many(search_result, 5000)]
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            started = time.monotonic()
            outcome["out"] = fp.write_footprints(
                items, tmp_path / "big.gpkg", "big", search_query={"limit": 5000}, store=store
            )
            outcome["seconds"] = time.monotonic() - started
        except BaseException as exc:  # pragma: no cover - reported below
            outcome["error"] = exc

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(120)
    assert "error" not in outcome, outcome.get("error")
    out = outcome["out"]
    assert out.feature_count == 5000
    assert outcome["seconds"] < 30
    layer = fp.load_footprint_layer(out, add_to_project=False)
    assert layer.featureCount() == 5000
    ids = [f["stac_id"] for f in layer.getFeatures()]
    assert ids == [item.id for item in items]
    assert len(fp.items_from_layer(layer)) == 5000

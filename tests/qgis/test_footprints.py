"""Footprint layers: STAC items → GeoPackage → styled, temporal QGIS layer → STAC items again."""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from qgis.core import (
    QgsApplication,
    QgsDateTimeRange,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsProject,
    QgsRenderContext,
    QgsVectorLayer,
    QgsVectorLayerTemporalContext,
    QgsVectorLayerTemporalProperties,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from capella_qgis.core.client import ConsoleClient
from capella_qgis.core.credential import Credential
from capella_qgis.core.enums import ProductType
from capella_qgis.core.models import StacItem
from capella_qgis.core.search import CatalogQuery, SearchResult
from capella_qgis.toolbelt import footprints as fp
from capella_qgis.toolbelt import footprints_style as fps
from tests.console_emulator import Emulator

LAYER = "capella_search_20240101_120000"


@pytest.fixture(scope="module")
def search_result() -> Iterator[SearchResult]:
    emu = Emulator(items=400, seed=7).start()
    try:
        client = ConsoleClient(Credential.api_key("demo"), base_url=emu.url)
        query = CatalogQuery(limit=1000, collections=["capella-archive"], sortby="-datetime")
        result = client.search(query)
        client.close()
    finally:
        emu.stop()
    assert len(result) > 100
    yield result


@pytest.fixture
def written(search_result: SearchResult, tmp_path: Path) -> fp.FootprintOutput:
    return fp.write_footprints(
        search_result,
        tmp_path / "fp.gpkg",
        LAYER,
        search_query=search_result.query.to_body(),
    )


@pytest.fixture
def project() -> Iterator[QgsProject]:
    project = QgsProject.instance()
    yield project
    project.clear()


def _features(layer: QgsVectorLayer) -> dict[str, QgsFeature]:
    return {f["stac_id"]: f for f in layer.getFeatures()}


def _msecs(value: datetime) -> int:
    return round(value.timestamp() * 1000)


def _hand_item(stac_id: str, coords: list, **props: Any) -> dict:
    properties = {"datetime": "2024-05-12T17:17:10.928694Z", "sar:product_type": "GEO", **props}
    return {
        "type": "Feature",
        "stac_version": "1.0.0",
        "id": stac_id,
        "collection": "capella-test",
        "geometry": {"type": "Polygon", "coordinates": coords},
        "properties": properties,
        "assets": {"thumbnail": {"href": f"https://cdn.example.com/{stac_id}_thumb.png"}},
        "links": [],
    }


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
        assert json.loads(feature["item_json"]) == item.to_feature()
        # Catalog thumbnails from the emulator are presigned: the signature is never stored.
        href = item.assets["thumbnail"].href
        assert feature["thumbnail_url"] == href.split("?", 1)[0]
        assert "Signature" not in feature["thumbnail_url"]


def test_datetime_keeps_milliseconds(tmp_path: Path) -> None:
    item = _hand_item(
        "CAPELLA_C13_SM_GEO_HH_20240512171708_20240512171713",
        [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]],
        start_datetime="2024-05-12T17:17:08.841022Z",
        end_datetime="2024-05-12T17:17:13.016366Z",
    )
    out = fp.write_footprints([item], tmp_path / "ms.gpkg", "ms", search_query=None)
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


def test_search_query_defaults_to_result_query(search_result: SearchResult, tmp_path: Path) -> None:
    out = fp.write_footprints(search_result, tmp_path / "q.gpkg", "q", search_query=None)
    assert fp.read_search_query(out.path, "q") == search_result.query.to_body()


# ------------------------------------------------------------------------------ presentation


def test_product_type_renderer(written: fp.FootprintOutput, project: QgsProject) -> None:
    layer = fp.load_footprint_layer(written, project=project)
    renderer = layer.renderer()
    assert renderer.type() == "categorizedSymbol"
    assert renderer.classAttribute() == "product_type"
    categories = renderer.categories()  # keep the copies alive while using their symbols
    values = [c.value() for c in categories]
    present = {f["product_type"] for f in layer.getFeatures()}
    assert present <= set(values)
    assert set(ProductType.values()) <= set(values)
    colours = [c.symbol().color().name() for c in categories if c.value()]
    assert len(set(colours)) == len(colours)  # distinct colours
    symbol = categories[0].symbol()
    assert 0 < symbol.symbolLayer(0).fillColor().alpha() < 255  # semi-transparent fill
    assert symbol.symbolLayer(0).strokeColor().alpha() == 255  # crisp outline
    assert not layer.labelsEnabled()
    assert layer.customProperty("capella/style") == "product_type"


def test_renderer_catches_unknown_values(tmp_path: Path) -> None:
    coords = [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]]
    items = [
        _hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000001", coords),
        _hand_item(
            "CAPELLA_C01_SP_XYZ_HH_20240101000000_20240101000001",
            coords,
            **{"sar:product_type": "XYZ"},
        ),
        _hand_item(
            "CAPELLA_C01_SP_NUL_HH_20240101000000_20240101000001",
            coords,
            **{"sar:product_type": None},
        ),
    ]
    out = fp.write_footprints(items, tmp_path / "u.gpkg", "u", search_query={})
    layer = fp.load_footprint_layer(out, add_to_project=False)
    renderer = layer.renderer()
    assert "XYZ" in [c.value() for c in renderer.categories()]
    context = QgsRenderContext()
    renderer.startRender(context, layer.fields())
    try:
        for feature in layer.getFeatures():
            assert renderer.symbolForFeature(feature, context) is not None, feature["stac_id"]
    finally:
        renderer.stopRender(context)


@pytest.mark.parametrize(
    ("style", "field", "values"),
    [
        ("look_direction", "observation_direction", {"left", "right"}),
        ("orbit_state", "orbit_state", {"ascending", "descending"}),
    ],
)
def test_alternative_styles(
    written: fp.FootprintOutput, style: str, field: str, values: set[str]
) -> None:
    layer = fp.load_footprint_layer(written, style=style, add_to_project=False)
    renderer = layer.renderer()
    assert renderer.classAttribute() == field
    assert values <= {c.value() for c in renderer.categories()}
    fp.apply_style(layer, "product_type")
    assert layer.renderer().classAttribute() == "product_type"
    with pytest.raises(ValueError):
        fp.apply_style(layer, "colour")


def test_temporal_start_end_fields(written: fp.FootprintOutput) -> None:
    layer = fp.load_footprint_layer(written, add_to_project=False)
    props = layer.temporalProperties()
    assert props.isActive()
    assert props.mode() == QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields
    assert props.startField() == "start_datetime"
    assert props.endField() == "end_datetime"
    # The Temporal Controller's frame filter picks the features of that frame only.
    feature = next(layer.getFeatures())
    frame = QgsDateTimeRange(feature["start_datetime"], feature["end_datetime"])
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    expression = props.createFilterString(context, frame)
    assert "start_datetime" in expression
    assert "end_datetime" in expression
    shown = [f["stac_id"] for f in layer.getFeatures(QgsFeatureRequest(QgsExpression(expression)))]
    assert feature["stac_id"] in shown
    assert len(shown) < layer.featureCount()


def test_temporal_instant_fallback(tmp_path: Path) -> None:
    items = [
        _hand_item(
            f"CAPELLA_C01_SP_GEO_HH_2024010{i}000000_2024010{i}000001",
            [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]],
            datetime=f"2024-01-0{i}T00:00:00Z",
        )
        for i in range(1, 4)
    ]
    out = fp.write_footprints(items, tmp_path / "t.gpkg", "t", search_query={})
    layer = fp.load_footprint_layer(out, add_to_project=False)
    props = layer.temporalProperties()
    assert props.isActive()
    assert props.mode() == QgsVectorLayerTemporalProperties.ModeFeatureDateTimeInstantFromField
    assert props.startField() == "datetime"
    assert props.fixedDuration() == fps.FALLBACK_DURATION_SECONDS


def test_map_tip_shows_cached_thumbnail(written: fp.FootprintOutput, tmp_path: Path) -> None:
    layer = fp.load_footprint_layer(written, add_to_project=False)
    template = layer.mapTipTemplate()
    assert "<img" in template
    assert '"thumb_path"' in template
    assert layer.displayExpression() == '"stac_id"'

    thumb = tmp_path / "thumb.png"
    thumb.write_bytes(b"\x89PNG\r\n\x1a\n")
    feature = next(layer.getFeatures())
    index = layer.fields().indexOf("thumb_path")
    assert layer.dataProvider().changeAttributeValues({feature.id(): {index: str(thumb)}})
    feature = layer.getFeature(feature.id())

    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    html = QgsExpression.replaceExpressionText(template, context)
    assert f'src="file://{thumb.as_posix()}"' in html
    assert feature["stac_id"] in html
    assert feature["product_type"] in html

    empty = next(f for f in layer.getFeatures() if not f["thumb_path"])
    context.setFeature(empty)
    html = QgsExpression.replaceExpressionText(template, context)
    assert "<img" not in html
    assert "not cached" in html


# ----------------------------------------------------------------------- reading / exporting


def test_items_from_layer(search_result: SearchResult, written: fp.FootprintOutput) -> None:
    layer = fp.open_footprint_layer(written.path, written.layer_name)
    expected = [item.to_feature() for item in search_result]
    assert fp.items_from_layer(layer) == expected
    assert fp.items_from_layer(layer, selected_only=True) == []
    wanted = {f.id(): f["stac_id"] for f in layer.getFeatures()}
    chosen = sorted(wanted)[3:10:2]
    layer.selectByIds(chosen)
    selected = fp.items_from_layer(layer, selected_only=True)
    assert [item["id"] for item in selected] == [wanted[fid] for fid in chosen]
    assert selected == [search_result[fid - 1].to_feature() for fid in chosen]


def test_export_feature_collection(
    search_result: SearchResult, written: fp.FootprintOutput, tmp_path: Path
) -> None:
    layer = fp.open_footprint_layer(written.path, written.layer_name)
    sdk_shape = search_result.to_feature_collection()
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
    unsaved = fp.footprint_storage_path(project)
    assert unsaved == Path(QgsApplication.qgisSettingsDirPath()) / "capella_qgis/footprints.gpkg"
    project.setFileName(str(tmp_path / "my project.qgz"))
    assert fp.footprint_storage_path(project) == tmp_path / "my project_capella.gpkg"


def test_unique_layer_names_and_multiple_searches(
    search_result: SearchResult, tmp_path: Path
) -> None:
    gpkg = tmp_path / "many.gpkg"
    now = datetime(2024, 1, 1, 12, 0, 0)
    first = fp.unique_layer_name(gpkg, now=now)
    assert first == LAYER
    fp.write_footprints(search_result.items[:10], gpkg, first, search_query={"n": 1})
    second = fp.unique_layer_name(gpkg, now=now)
    assert second == f"{LAYER}_2"
    fp.write_footprints(search_result.items[10:15], gpkg, second, search_query={"n": 2})
    titled = fp.unique_layer_name(gpkg, title="Rome / spotlight, June!")
    assert titled == "rome_spotlight_june"
    assert fp.sanitize_layer_name("2024 search") == "capella_search_2024_search"
    assert sorted(fp.footprint_layers(gpkg)) == [LAYER, f"{LAYER}_2"]
    assert fp.read_search_query(gpkg, first) == {"n": 1}
    assert fp.read_search_query(gpkg, second) == {"n": 2}
    # Overwrite replaces one layer and leaves the other alone.
    fp.write_footprints(search_result.items[:3], gpkg, first, search_query={"n": 3})
    assert QgsVectorLayer(f"{gpkg}|layername={first}", "a", "ogr").featureCount() == 3
    assert QgsVectorLayer(f"{gpkg}|layername={second}", "b", "ogr").featureCount() == 5
    with pytest.raises(FileExistsError):
        fp.write_footprints(search_result.items[:1], gpkg, first, search_query={}, overwrite=False)


def test_load_into_group(written: fp.FootprintOutput, project: QgsProject) -> None:
    layer = fp.load_footprint_layer(written, project=project, group_name="Capella searches")
    group = project.layerTreeRoot().findGroup("Capella searches")
    assert group is not None
    assert group.findLayer(layer.id()) is not None
    other = fp.load_footprint_layer(written, project=project, group_name="Capella searches")
    assert [child.layerId() for child in group.findLayers()] == [other.id(), layer.id()]


# ------------------------------------------------------------------------ geometry edge cases


def test_antimeridian_split(tmp_path: Path) -> None:
    coords = [[[179.5, 10.0], [-179.5, 10.0], [-179.5, 11.0], [179.5, 11.0], [179.5, 10.0]]]
    item = _hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000001", coords)
    out = fp.write_footprints([item], tmp_path / "am.gpkg", "am", search_query={})
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


def test_multipolygon_and_missing_geometry(tmp_path: Path) -> None:
    multi = _hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000002", [])
    multi["geometry"] = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
            [[[2, 0], [3, 0], [3, 1], [2, 1], [2, 0]]],
        ],
    }
    none = _hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000003", [])
    none["geometry"] = None
    out = fp.write_footprints([multi, none], tmp_path / "m.gpkg", "m", search_query={})
    layer = fp.open_footprint_layer(out.path, out.layer_name)
    features = _features(layer)
    assert features[multi["id"]].geometry().constGet().numGeometries() == 2
    assert features[none["id"]].geometry().isNull()


def test_empty_result(tmp_path: Path) -> None:
    out = fp.write_footprints([], tmp_path / "e.gpkg", "empty", search_query={"limit": 1})
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
    search_result: SearchResult, tmp_path: Path
) -> None:
    items = [StacItem.model_validate(raw) for raw in _many(search_result, 5000)]
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            started = time.monotonic()
            outcome["out"] = fp.write_footprints(
                items, tmp_path / "big.gpkg", "big", search_query={"limit": 5000}
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

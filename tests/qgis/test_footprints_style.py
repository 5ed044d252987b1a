"""Footprint layers: product-type/alternative renderers, temporal properties, map tips."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    QgsDateTimeRange,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsProject,
    QgsRenderContext,
    QgsVectorLayerTemporalContext,
    QgsVectorLayerTemporalProperties,
)

from capella_qgis.core.models.enums import ProductType
from capella_qgis.footprints import layer as fp
from capella_qgis.footprints import style as fps
from capella_qgis.footprints.store import StoreFactory
from tests.qgis.footprints_support import hand_item

# pytest fixtures shared by the footprint tests


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


def test_renderer_catches_unknown_values(tmp_path: Path, store: StoreFactory) -> None:
    coords = [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]]
    items = [
        hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000001", coords),
        hand_item(
            "CAPELLA_C01_SP_XYZ_HH_20240101000000_20240101000001",
            coords,
            **{"sar:product_type": "XYZ"},
        ),
        hand_item(
            "CAPELLA_C01_SP_NUL_HH_20240101000000_20240101000001",
            coords,
            **{"sar:product_type": None},
        ),
    ]
    out = fp.write_footprints(items, tmp_path / "u.gpkg", "u", search_query={}, store=store)
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


def test_temporal_instant_fallback(tmp_path: Path, store: StoreFactory) -> None:
    items = [
        hand_item(
            f"CAPELLA_C01_SP_GEO_HH_2024010{i}000000_2024010{i}000001",
            [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]],
            datetime=f"2024-01-0{i}T00:00:00Z",
        )
        for i in range(1, 4)
    ]
    out = fp.write_footprints(items, tmp_path / "t.gpkg", "t", search_query={}, store=store)
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

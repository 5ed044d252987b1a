"""Auto-loading downloaded rasters with a SAR style, and streamed layers saved unsigned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.core import QgsProject, QgsRasterLayer

from capella_qgis.core.download.sources import OrderSource
from capella_qgis.rasters.style import (
    METADATA_PROPERTY,
    STREAM_PROPERTY,
    StreamGuard,
    load_products,
    open_streamed_layer,
)
from capella_qgis.tasks.task_download import DownloadRequest
from tests.qgis.downloads_support import entries_with, make_task, place_order, run_task


def test_geo_and_slc_load_styled_in_one_group(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    entries = entries_with(emulator, "GEO", 1) + entries_with(emulator, "SLC", 1)
    order_id = place_order(emulator, entries)
    request = DownloadRequest(OrderSource(order_id), tmp_path, exclude=["preview"])
    ok, errors = run_task(qtbot, make_task(emulator, request, tmp_path))
    assert not errors, errors
    products = ok[0].report.by_stac_id()
    project = QgsProject.instance()
    group_name = f"Capella order {order_id[:8]}"
    layers, notes = load_products(products, group_name, project=project)
    try:
        assert len(layers) == 2, notes
        group = project.layerTreeRoot().findGroup(group_name)
        assert group is not None and {c.layerId() for c in group.children()} == {
            layer.id() for layer in layers
        }
        assert all(isinstance(layer, QgsRasterLayer) for layer in layers)
        slc = next(layer for layer in layers if "SLC" in layer.name())
        assert slc.source().startswith("DERIVED_SUBDATASET:AMPLITUDE:")
        for layer in layers:
            renderer = layer.renderer()
            assert renderer.type() == "singlebandgray"
            ce = renderer.contrastEnhancement()
            assert ce.maximumValue() > ce.minimumValue()
            provider = layer.dataProvider()
            assert provider.useSourceNoDataValue(1)
            assert provider.sourceHasNoDataValue(1) or provider.userNoDataValues(1)
            # thumbnails and metadata are not layers; the metadata path is kept on the layer
            assert layer.source().endswith(".tif")
            assert str(layer.customProperty(METADATA_PROPERTY, "")).endswith(".json")
        names = [layer.name() for layer in project.mapLayers().values()]
        assert not [n for n in names if "thumb" in n or "extended" in n]
    finally:
        project.removeMapLayers([layer.id() for layer in layers])
        root = project.layerTreeRoot()
        root.removeChildNode(root.findGroup(group_name))


def test_streamed_layer_is_saved_without_signature(emulator: Any, tmp_path: Path) -> None:
    entry = entries_with(emulator, "GEO", 1)[0]
    url = emulator.presign(entry.id, "HH")
    project = QgsProject.instance()
    guard = StreamGuard(project)
    layer = open_streamed_layer(url, entry.id, order_id="o-1", stac_id=entry.id, project=project)
    try:
        assert layer.isValid() and "Signature=" in layer.source()
        target = tmp_path / "streamed.qgs"
        assert project.write(str(target))
        text = target.read_text(encoding="utf-8")
        assert "Signature" not in text and "x-amz-security-token" not in text
        assert f"/vsicurl/{url.split('?')[0]}" in text
        assert STREAM_PROPERTY in text  # lets the plugin re-presign on load
        assert "Signature=" in layer.source()  # the live layer keeps working
    finally:
        guard.unload()
        project.removeMapLayer(layer.id())
        project.setFileName("")

"""The wired plugin: the search dock's order button opens the orders review with the selection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.core import QgsProject

from capella_qgis import classFactory
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.footprints import layer as fp
from tests.qgis.downloads_support import TIMEOUT_MS, client_for


def test_search_dock_order_button_reviews_selected_footprints(
    qtbot: Any, qgis_iface: Any, emulator: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("CAPELLA_API_URL", emulator.url)
    monkeypatch.setenv("CAPELLA_API_KEY", "demo")
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        search, orders = plugin.controllers["search"], plugin.controllers["orders"]
        with client_for(emulator) as client:
            query = CatalogQuery(filters={"product_type": "GEC"}, limit=3)
            result = client.catalog.search(query)
        out = fp.write_footprints(result, tmp_path / "fp.gpkg", "gec", search_query={"q": 1})
        search.layer = fp.load_footprint_layer(out)
        emulator.clear_requests()

        search.dock.orderButton.click()
        assert orders.dialog is None
        assert emulator.requests("api") == []

        search.layer.selectByIds(sorted(search.layer.allFeatureIds())[:2])
        search.dock.orderButton.click()
        qtbot.waitUntil(lambda: orders.dialog is not None, timeout=TIMEOUT_MS)
        assert orders.dialog.tblProducts.rowCount() == 2
        reviews = [r for r in emulator.requests("api") if r.path == "/orders/review"]
        assert len(reviews) == 1
        granules = {i["granuleId"] for i in reviews[0].json["items"]}
        assert granules == {f["stac_id"] for f in search.layer.selectedFeatures()}
    finally:
        plugin.unload()
        QgsProject.instance().removeAllMapLayers()

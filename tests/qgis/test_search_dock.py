"""Search dock against the emulator: request bodies, layer, selection sync, bad input."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsSettings,
)

from capella_qgis.core.api.catalog import CatalogApi
from capella_qgis.gui.search.controller import SearchController
from capella_qgis.gui.search.saved_searches import SavedSearchStore
from tests.qgis.search_support import search_bodies

POLYGON = "POLYGON((-10 -10, 40 -10, 40 50, -10 50, -10 -10))"


@pytest.fixture
def controller(search_controller: SearchController) -> SearchController:
    """The search dock's controller (the conftest fixture, under the name these tests use)."""
    return search_controller


def run_search(ctl: SearchController, qtbot: Any, timeout: int = 30000) -> None:
    ctl.dock.request_search()
    assert ctl.task is not None, ctl.dock.statusLabel.text()
    qtbot.waitUntil(lambda: ctl.task is None, timeout=timeout)


def paste(ctl: SearchController, text: str) -> None:
    ctl.dock.set_aoi_source("text")
    ctl.dock.aoiText.setPlainText(text)


def test_filters_become_exact_request_body(controller, emulator, qtbot) -> None:
    dock = controller.dock
    paste(controller, POLYGON)
    f = dock.filters
    f.enum_boxes["product_type"].setCheckedItems(["GEO", "SLC"])
    f.enum_boxes["instrument_mode"].setCheckedItems(["spotlight"])
    f.range_edits["look_angle"][0].setText("10")
    f.range_edits["look_angle"][1].setText("40")
    f.date_preset.setCurrentIndex(4)  # custom
    from qgis.PyQt.QtCore import QDate

    f.date_from.setDate(QDate(2020, 1, 1))
    f.date_to.setDate(QDate(2025, 12, 31))
    f.limit.setValue(150)
    run_search(controller, qtbot)
    bodies = search_bodies(emulator)
    assert bodies, "nothing sent"
    body = {k: v for k, v in bodies[0].items() if k not in ("page", "limit")}
    assert body == {
        "intersects": {
            "type": "Polygon",
            "coordinates": [[[-10, -10], [40, -10], [40, 50], [-10, 50], [-10, -10]]],
        },
        "query": {
            "datetime": {"gte": "2020-01-01T00:00:00.000Z", "lt": "2026-01-01T00:00:00.000Z"},
            "sar:product_type": {"in": ["SLC", "GEO"]},  # enum order
            "sar:instrument_mode": {"in": ["spotlight"]},
            "view:look_angle": {"gte": 10.0, "lte": 40.0},
        },
        "sortby": [{"field": "properties.datetime", "direction": "desc"}],
    }
    outcome = controller.last_outcome
    assert outcome is not None and outcome.count > 0
    layer = controller.layer
    assert layer is not None and layer.featureCount() == outcome.count
    names = layer.fields().names()
    for field in ("stac_id", "collect_id", "datetime", "product_type", "item_json"):
        assert field in names
    assert layer.temporalProperties().isActive()
    assert layer.renderer().type() == "categorizedSymbol"
    assert {f["product_type"] for f in layer.getFeatures()} <= {"GEO", "SLC"}
    assert {f["instrument_mode"] for f in layer.getFeatures()} == {"spotlight"}
    assert dock.results.results.rowCount() == outcome.count


def test_selection_syncs_both_ways(controller, emulator, qtbot) -> None:
    dock = controller.dock
    paste(controller, POLYGON)
    dock.filters.limit.setValue(50)
    run_search(controller, qtbot)
    layer, view = controller.layer, dock.results
    fids = sorted(f.id() for f in layer.getFeatures())[:3]
    layer.selectByIds(fids)
    assert view.selected_fids() == fids
    view.clearSelection()
    assert layer.selectedFeatureCount() == 0
    index = view.results.fid_index(fids[1])
    view.selectionModel().select(
        index, view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows
    )
    assert layer.selectedFeatureIds() == [fids[1]]
    dock.groupCombo.setCurrentIndex(2)  # product type
    assert view.results.rowCount() >= 1
    assert "(" in view.results.data(view.results.index(0, 0))
    layer.selectByIds(fids)
    assert view.selected_fids() == fids


@pytest.mark.parametrize(
    "text",
    ["", "POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))", "not a geometry", '{"type": "Polygon"'],
)
def test_bad_aoi_sends_nothing(controller, emulator, text) -> None:
    paste(controller, text)
    controller.dock.request_search()
    assert controller.task is None
    assert controller.dock.aoiError.text()
    assert search_bodies(emulator) == []


def test_self_intersection_offers_repair(controller, emulator) -> None:
    paste(controller, "POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))")
    controller.dock.request_search()
    assert not controller.dock.repairButton.isHidden()
    controller.dock.accept_repair()
    assert controller.dock.aoiError.text() == ""
    assert search_bodies(emulator) == []


def test_bad_filters_send_nothing(controller, emulator) -> None:
    f = controller.dock.filters
    paste(controller, POLYGON)
    f.range_edits["incidence_angle"][0].setText("40")
    f.range_edits["incidence_angle"][1].setText("10")
    f.date_preset.setCurrentIndex(4)
    from qgis.PyQt.QtCore import QDate

    f.date_from.setDate(QDate(2024, 5, 1))
    f.date_to.setDate(QDate(2024, 1, 1))
    controller.dock.request_search()
    assert f.error_labels["incidence_angle"].text()
    assert f.error_labels["datetime"].text()
    assert controller.task is None
    assert search_bodies(emulator) == []


def test_antimeridian_is_split(controller, emulator, qtbot) -> None:
    paste(controller, "POLYGON((170 -10, 190 -10, 190 10, 170 10, 170 -10))")
    controller.dock.filters.limit.setValue(10)
    run_search(controller, qtbot)
    body = search_bodies(emulator)[0]
    assert body["intersects"]["type"] == "MultiPolygon"


def test_drawn_geometry_in_other_crs(controller) -> None:
    geom = QgsGeometry.fromWkt("POLYGON((0 0, 1000000 0, 1000000 1000000, 0 1000000, 0 0))")
    controller.dock.set_aoi_source("rectangle")
    controller.dock.set_drawn_geometry(geom, QgsCoordinateReferenceSystem("EPSG:3857"))
    result = controller.dock.current_aoi()
    assert result.ok and 0 < result.bbox[2] < 10


def test_partial_search_keeps_pages(controller, emulator, qtbot, monkeypatch) -> None:
    original = CatalogApi.fetch_page
    done: set[int] = set()

    def failing_page(self, href, body, is_cancelled=None):
        page = int(body.get("page", 1))
        if page == 7:
            # Pages go out in parallel: once 1-6 have arrived, the server fails for good.
            deadline = time.monotonic() + 10
            while not done >= set(range(1, 7)) and time.monotonic() < deadline:
                time.sleep(0.01)
            emulator.faults.add("status", "/catalog/search", status=500)
        result = original(self, href, body, is_cancelled)
        done.add(page)
        return result

    monkeypatch.setattr(CatalogApi, "fetch_page", failing_page)
    QgsSettings().setValue("capella_qgis/search_page_size", 20)
    paste(controller, "POLYGON((-180 -90, 180 -90, 180 90, -180 90, -180 -90))")
    controller.dock.filters.limit.setValue(400)
    run_search(controller, qtbot)
    outcome = controller.last_outcome
    assert outcome is not None and outcome.partial
    assert outcome.count == 120
    assert controller.layer.featureCount() == 120
    assert "Partial" in controller.dock.statusLabel.text()


def test_zero_results_says_so(controller, emulator, qtbot) -> None:
    paste(controller, POLYGON)
    controller.dock.filters.text_edits["collect_id"].setText("00000000-0000-0000-0000-000000000000")
    run_search(controller, qtbot)
    assert controller.layer is None
    assert "No results" in controller.dock.statusLabel.text()


def test_cancel(controller, emulator, qtbot) -> None:
    emulator.faults.add("delay", "/catalog/search", seconds=0.3)
    paste(controller, "POLYGON((-180 -90, 180 -90, 180 90, -180 90, -180 -90))")
    controller.dock.filters.limit.setValue(2000)
    controller.dock.request_search()
    qtbot.waitUntil(lambda: len(search_bodies(emulator)) >= 1, timeout=5000)
    controller.dock.cancelButton.click()
    qtbot.waitUntil(lambda: controller.task is None, timeout=10000)
    assert "Cancelled" in controller.dock.statusLabel.text()
    assert controller.layer is None
    assert controller.dock.searchButton.isEnabled()


def test_saved_searches_round_trip(controller, tmp_path) -> None:
    dock = controller.dock
    paste(controller, POLYGON)
    dock.filters.enum_boxes["polarizations"].setCheckedItems(["VV"])
    dock.filters.range_edits["azimuth_angle"][0].setText("5")
    dock.filters.limit.setValue(777)
    state = dock.state()
    dock.save_current("rome")
    dock.filters.set_state({})
    dock.load_saved("rome")
    assert dock.state() == state
    exported = tmp_path / "export.json"
    dock.store.export(exported)
    other = SavedSearchStore(tmp_path / "other.json")
    assert other.import_file(exported) == ["rome"]
    assert other.load("rome") == state
    dock.delete_saved("rome")
    assert dock.store.names() == []


def test_export_feature_collection(controller, emulator, qtbot, tmp_path) -> None:
    import json

    paste(controller, POLYGON)
    controller.dock.filters.limit.setValue(20)
    run_search(controller, qtbot)
    target = controller.export(str(tmp_path / "out.geojson"))
    data = json.loads(Path(target).read_text())
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == controller.layer.featureCount()
    assert QgsApplication.taskManager() is not None


def test_news_goes_to_the_message_bar_only_when_the_dock_is_out_of_view(
    controller, qgis_iface, qtbot
) -> None:
    # A bar item moves the map (a re-render of every layer) twice: not for what the dock shows.
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    news = lambda: [m for level in range(4) for m in bar.get_messages(level)]  # noqa: E731
    qgis_iface.mainWindow().show()
    try:
        controller.dock.show()
        qtbot.waitUntil(controller.dock.isVisible)
        controller._report("12 quick-looks added.")
        assert controller.dock.statusLabel.text() == "12 quick-looks added."
        assert news() == []
        controller._report("The catalog refused the search.", True)  # errors always
        assert [m for m in news() if "refused" in m], news()
        controller.dock.hide()
        controller._report("3 quick-looks added.")
        assert any("3 quick-looks added." in m for m in news()), news()
    finally:
        bar.clear_messages()
        qgis_iface.mainWindow().hide()

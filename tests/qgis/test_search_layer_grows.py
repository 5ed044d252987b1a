"""A dock search shows its layer after the first page and lets it grow; the page size shipped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsProject, QgsSettings

from capella_qgis.gui.search.controller import SearchController
from capella_qgis.gui.search.saved_searches import SavedSearchStore
from capella_qgis.gui.settings.dlg_settings import SettingsPage
from capella_qgis.tasks.task_test_connection import ConnectionTester
from capella_qgis.toolbelt.settings import PluginSettings
from tests.qgis.search_support import search_bodies

WORLD = "POLYGON((-180 -90, 180 -90, 180 90, -180 90, -180 -90))"


@pytest.fixture(params=["sequential", "parallel"])
def controller(
    request: pytest.FixtureRequest,
    qgis_iface: Any,
    emulator: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[SearchController]:
    monkeypatch.setenv("CAPELLA_API_URL", emulator.url)
    monkeypatch.setenv("CAPELLA_API_KEY", "demo")
    gpkg = tmp_path / "footprints.gpkg"
    monkeypatch.setattr(
        "capella_qgis.gui.search.controller.footprint_storage_path", lambda *a: gpkg
    )
    ctl = SearchController(qgis_iface, mode=request.param)
    ctl.install()
    ctl.dock.store = SavedSearchStore(tmp_path / "saved.json")
    emulator.clear_requests()
    yield ctl
    ctl.unload()
    QgsProject.instance().removeAllMapLayers()


def start(ctl: SearchController, limit: int) -> None:
    ctl.dock.set_aoi_source("text")
    ctl.dock.aoiText.setPlainText(WORLD)
    ctl.dock.filters.limit.setValue(limit)
    ctl.dock.request_search()
    assert ctl.task is not None, ctl.dock.statusLabel.text()


def test_the_layer_is_on_the_map_before_the_search_ends(
    controller: SearchController, emulator: Any, qtbot: Any
) -> None:
    # Pages of 100, each answered after 0.4 s: 20 pages, more than one wave of parallel
    # requests, and the layer must not wait for all of them.
    QgsSettings().setValue("capella_qgis/search_page_size", 100)
    emulator.faults.add("delay", "/catalog/search", seconds=0.4)
    start(controller, 2000)
    seen: dict[str, Any] = {}

    def shown_while_running() -> bool:
        layer = controller.growing
        if layer is not None and controller.task is not None:
            seen.setdefault("layer", layer)
            seen.setdefault("count", layer.featureCount())
            # Map-tip scans wait for the end: mid-search they took the UI thread's GIL turns.
            seen.setdefault("filler_while_growing", layer.id() in controller.fillers)
        return "layer" in seen or controller.task is None

    qtbot.waitUntil(shown_while_running, timeout=30000)
    assert "layer" in seen, "the layer appeared only when the search had ended"
    layer = seen["layer"]
    assert layer.id() in QgsProject.instance().mapLayers()
    assert 0 < seen["count"] < 2000
    qtbot.waitUntil(lambda: controller.task is None, timeout=30000)
    outcome = controller.last_outcome
    assert outcome is not None and not outcome.partial and outcome.count == 2000
    # The same layer, now complete: not a second one added at the end.
    assert controller.layer is layer
    assert layer.featureCount() == 2000
    ours = [lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.name() == layer.name()]
    assert ours == [layer]
    assert controller.summary is not None and len(controller.summary.fids) == 2000
    assert seen["filler_while_growing"] is False
    filler = controller.fillers[layer.id()]  # the map tips are filled once it is complete
    assert filler.unsign_task is None  # written by this version: no signed rows to cut


def test_the_first_layer_is_opened_in_the_task_not_on_the_ui_thread(
    controller: SearchController, emulator: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Opening and styling the layer on the UI thread stalled QGIS 50-100 ms mid-search.
    import threading

    from capella_qgis.footprints import layer as footprint_layer

    opened_on: list[str] = []
    real = footprint_layer.open_footprint_layer

    def spy(*args: Any, **kwargs: Any) -> Any:
        opened_on.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(footprint_layer, "open_footprint_layer", spy)
    QgsSettings().setValue("capella_qgis/search_page_size", 100)
    emulator.faults.add("delay", "/catalog/search", seconds=0.3)
    start(controller, 1000)
    qtbot.waitUntil(lambda: controller.growing is not None or not controller.task, timeout=30000)
    layer = controller.growing
    assert layer is not None, "the layer appeared only when the search had ended"
    assert opened_on and threading.main_thread().name not in opened_on, opened_on
    # Handed over to the UI thread, styled, named, in the searches group.
    from qgis.PyQt.QtCore import QCoreApplication

    assert layer.thread() is QCoreApplication.instance().thread()
    assert layer.renderer() is not None and layer.renderer().type() == "categorizedSymbol"
    assert layer.name().startswith("Capella search ")
    group = QgsProject.instance().layerTreeRoot().findLayer(layer.id()).parent()
    assert group.name() == "Capella searches"
    qtbot.waitUntil(lambda: controller.task is None, timeout=30000)
    assert controller.layer is layer and layer.featureCount() == 1000
    assert opened_on.count(threading.main_thread().name) == 0


def test_a_cancel_after_the_first_page_keeps_what_arrived(
    controller: SearchController, emulator: Any, qtbot: Any
) -> None:
    QgsSettings().setValue("capella_qgis/search_page_size", 200)
    emulator.faults.add("delay", "/catalog/search", seconds=0.5)
    start(controller, 2000)
    qtbot.waitUntil(
        lambda: controller.growing is not None or controller.task is None, timeout=30000
    )
    assert controller.growing is not None
    controller.dock.cancelButton.click()
    qtbot.waitUntil(lambda: controller.task is None, timeout=30000)
    assert controller.layer is not None
    count = controller.layer.featureCount()
    assert 0 < count < 2000
    assert controller.layer.id() in QgsProject.instance().mapLayers()
    assert "kept" in controller.dock.statusLabel.text()


# --- the page size as shipped -----------------------------------------------------------------


def test_the_dock_asks_for_pages_of_900(
    controller: SearchController, emulator: Any, qtbot: Any
) -> None:
    start(controller, 1000)
    qtbot.waitUntil(lambda: controller.task is None, timeout=30000)
    limits = sorted(body["limit"] for body in search_bodies(emulator))
    # Before: pages of 100, 10 requests. Now 900, and a last window of the 100 still wanted.
    assert limits == [100, 900]
    assert controller.layer is not None and controller.layer.featureCount() == 1000


def test_a_saved_100_that_was_the_old_default_becomes_900(isolated_settings: QgsSettings) -> None:
    # save() wrote every field: a 100 stored by an earlier version was just its default.
    isolated_settings.setValue("capella_qgis/search_page_size", 100)
    assert PluginSettings.load().search_page_size == 900
    settings = PluginSettings.load()
    settings.search_page_size = 100  # chosen now, in the options page
    settings.save()
    assert PluginSettings.load().search_page_size == 100
    isolated_settings.setValue("capella_qgis/search_page_size", 5000)
    assert PluginSettings.load().search_page_size == 1000


def test_the_options_page_reaches_the_apis_maximum() -> None:
    page = SettingsPage(ConnectionTester())
    assert page.sbPageSize.maximum() == 1000
    assert page.sbPageSize.value() == 900


def test_removing_the_growing_layer_mid_search_is_respected(
    controller: SearchController, emulator: Any, qtbot: Any
) -> None:
    QgsSettings().setValue("capella_qgis/search_page_size", 200)
    emulator.faults.add("delay", "/catalog/search", seconds=0.4)
    start(controller, 1000)
    qtbot.waitUntil(
        lambda: controller.growing is not None or controller.task is None, timeout=30000
    )
    assert controller.growing is not None
    QgsProject.instance().removeMapLayer(controller.growing.id())
    qtbot.waitUntil(lambda: controller.task is None, timeout=30000)
    # No error: the complete layer is loaded at the end, as searches always did.
    assert controller.last_outcome is not None and controller.last_outcome.count == 1000
    assert controller.layer is not None and controller.layer.featureCount() == 1000
    assert controller.layer.id() in QgsProject.instance().mapLayers()

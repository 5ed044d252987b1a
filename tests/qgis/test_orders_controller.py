"""OrdersController wiring: menu, dock, layer actions, order → download → auto-load, resume."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsProject
from qgis.gui import QgsGui
from qgis.PyQt.QtWidgets import QDialogButtonBox

from capella_qgis.core.download import QueueStore
from capella_qgis.core.download.progress import CANCELLED
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.footprints import layer as fp
from capella_qgis.footprints.layer import is_footprint_layer
from capella_qgis.gui.orders.controller import OrdersController
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_download import DownloadOptions
from tests.qgis.downloads_support import (
    CHUNK,
    TIMEOUT_MS,
    client_for,
    entries_with,
    place_order,
    settings_for,
)


@pytest.fixture
def controller(qgis_iface: Any, emulator: Any, tmp_path: Path, monkeypatch: Any) -> Any:
    queue_file = tmp_path / "queue.json"
    monkeypatch.setattr("capella_qgis.gui.orders.controller.queue_path", lambda: queue_file)
    settings = settings_for(emulator)
    settings.download_folder = str(tmp_path / "dl")
    # The stub iface's mocks are shared by the whole session; count only this controller's calls.
    qgis_iface.addPluginToWebMenu.reset_mock()
    ctrl = OrdersController(
        qgis_iface,
        clients=ClientFactory(settings, build=lambda: client_for(emulator)),
        downloads=DownloadOptions(
            queue=QueueStore(queue_file), engine_options={"chunk_size": CHUNK}
        ),
    )
    ctrl.install()
    yield ctrl
    ctrl.unload()
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()


def _footprint_layer(emulator: Any, tmp_path: Path) -> Any:
    with client_for(emulator) as client:
        result = client.catalog.search(CatalogQuery(filters={"product_type": "GEO"}, limit=3))
    out = fp.write_footprints(result, tmp_path / "fp.gpkg", "geo", search_query={"q": 1})
    return fp.load_footprint_layer(out)


def test_install_registers_menu_dock_and_layer_actions(
    controller: Any, qgis_iface: Any, emulator: Any, tmp_path: Path
) -> None:
    menus = {c.args[0] for c in qgis_iface.addPluginToWebMenu.call_args_list}
    assert menus == {"&Capella"}
    texts = [c.args[1].text() for c in qgis_iface.addPluginToWebMenu.call_args_list]
    assert "Order selected footprints…" in texts
    layer = _footprint_layer(emulator, tmp_path)
    assert is_footprint_layer(layer)
    assert layer.id() in controller.layer_actions
    actions = QgsGui.mapLayerActionRegistry().mapLayerActions(layer)
    assert any(a.text() == "Order selected footprints…" for a in actions)


def test_order_download_and_autoload(
    qtbot: Any, controller: Any, emulator: Any, tmp_path: Path
) -> None:
    layer = _footprint_layer(emulator, tmp_path)
    layer.selectByIds(sorted(layer.allFeatureIds())[:2])
    controller.order_layer(layer)
    qtbot.waitUntil(lambda: controller.dialog is not None, timeout=TIMEOUT_MS)
    dialog = controller.dialog
    assert dialog.tblProducts.rowCount() == 2
    submitted: list[Any] = []
    controller._on_submitted = submitted.append  # type: ignore[method-assign]
    dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: bool(submitted), timeout=TIMEOUT_MS)
    order = submitted[0].order
    posts = [r for r in emulator.requests("api") if r.method == "POST" and r.path == "/orders"]
    assert len(posts) == 1
    loaded: list[Any] = []
    original = controller._on_downloaded
    controller._on_downloaded = lambda r: loaded.append(original(r))  # type: ignore[method-assign]
    controller.download_order(order.order_id)
    bar = controller.iface.messageBar()
    try:
        qtbot.waitUntil(lambda: bool(loaded), timeout=TIMEOUT_MS // 6)
    except Exception:
        raise AssertionError([bar.get_messages(lv) for lv in range(4)]) from None
    layers = loaded[0]
    assert layers and all(lyr.renderer().type() == "singlebandgray" for lyr in layers)
    group = QgsProject.instance().layerTreeRoot().findGroup(f"Capella order {order.order_id[:8]}")
    assert group is not None and len(group.children()) == len(layers)


def test_resume_offer_and_resume(
    qtbot: Any, controller: Any, emulator: Any, qgis_iface: Any, tmp_path: Path
) -> None:
    from capella_qgis.core.download import plan_downloads
    from tests.qgis.downloads_support import entries_with, place_order, presigned_items

    entry = entries_with(emulator, "GEO", 1)[0]
    order_id = place_order(emulator, [entry])
    (tmp_path / "dl").mkdir(exist_ok=True)
    plan = plan_downloads(presigned_items(emulator, order_id), tmp_path / "dl", order_id=order_id)
    queue = QueueStore(tmp_path / "queue.json")
    queue.add(plan)
    for job in plan:
        queue.set_state(job, CANCELLED)
    assert controller.offer_resume() == len(plan)
    loaded: list[Any] = []
    controller._on_downloaded = loaded.append  # type: ignore[method-assign]
    controller.resume_pending()
    qtbot.waitUntil(lambda: bool(loaded), timeout=TIMEOUT_MS)
    assert loaded[0].report.ok and len(loaded[0].report.outcomes) == len(plan)
    assert not QueueStore(tmp_path / "queue.json").pending()


def test_unload_removes_everything(qgis_iface: Any, emulator: Any, tmp_path: Path) -> None:
    ctrl = OrdersController(qgis_iface, clients=ClientFactory(build=lambda: client_for(emulator)))
    ctrl.install()
    layer = _footprint_layer(emulator, tmp_path)
    assert ctrl.layer_actions
    ctrl.unload()
    assert not QgsGui.mapLayerActionRegistry().mapLayerActions(layer)
    assert ctrl.dock is None and not ctrl.actions
    assert qgis_iface.removePluginWebMenu.call_count >= 4
    QgsProject.instance().removeAllMapLayers()


def test_orders_dock_load_footprints_adds_the_order_layer(
    controller: Any, emulator: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    # Regression: "Load footprints" raised TypeError (make_task got three positional args).
    monkeypatch.setattr(
        "capella_qgis.gui.orders.controller.footprint_storage_path",
        lambda: tmp_path / "orders_fp.gpkg",
    )
    entries = entries_with(emulator, "GEO", 2)
    order_id = place_order(emulator, entries)
    before = set(QgsProject.instance().mapLayers())
    controller.dock.footprintsRequested.emit(order_id)  # what the dock's button emits

    def added() -> list[Any]:
        return [
            layer
            for layer_id, layer in QgsProject.instance().mapLayers().items()
            if layer_id not in before
        ]

    qtbot.waitUntil(lambda: bool(added()), timeout=TIMEOUT_MS)
    layer = added()[0]
    assert is_footprint_layer(layer)
    ids = {f["stac_id"] for f in layer.getFeatures()}
    assert ids == {e.id for e in entries}

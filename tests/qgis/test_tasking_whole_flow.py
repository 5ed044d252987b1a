"""The whole tasking flow in the installed plugin, by mouse: a point clicked on the canvas, the
opportunities checked and chosen, the request submitted, its price approved in the cost dialog,
the collect delivered, then (with the user's yes in the order review) ordered and downloaded.

The plugin is the one QGIS loads (``classFactory`` + ``initGui``, its controllers linked as in
``plugin.LINKS``); the Console is the emulator, whose state and request log show what was sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRasterLayer, QgsRectangle
from qgis.gui import QgsMapToolPan
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtWidgets import QDialogButtonBox

from capella_qgis import classFactory
from capella_qgis.core.geometry import to_shape
from tests.qgis.lifecycle_support import buttons, flush_events, reset_bar

TIMEOUT_MS = 60_000
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
ROME = QgsRectangle(12.3, 41.8, 12.7, 42.0)


@pytest.fixture
def plugin(
    qgis_iface: Any, emulator: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> Iterator[Any]:
    monkeypatch.setenv("CAPELLA_API_URL", emulator.url)
    monkeypatch.setenv("CAPELLA_API_KEY", "demo")
    gpkg = tmp_path / "footprints.gpkg"
    for module in ("gui.search.controller", "gui.tasking.controller", "gui.orders.controller"):
        monkeypatch.setattr(f"capella_qgis.{module}.footprint_storage_path", lambda *a: gpkg)
    monkeypatch.setattr(
        "capella_qgis.gui.orders.controller.queue_path", lambda: tmp_path / "queue.json"
    )
    from qgis.core import QgsSettings

    QgsSettings().setValue("capella_qgis/download_folder", str(tmp_path / "dl"))
    QgsSettings().setValue("capella_qgis/auto_load", True)
    emulator.configure(access_delay=0.5, review_delay=0)
    window = qgis_iface.mainWindow()
    window.resize(1100, 760)
    window.show()
    canvas = qgis_iface.mapCanvas()
    canvas.resize(640, 480)
    qtbot.waitExposed(canvas)
    canvas.setDestinationCrs(WGS84)
    canvas.setExtent(ROME)
    canvas.refresh()
    pan = QgsMapToolPan(canvas)
    canvas.setMapTool(pan)  # what the user had before choosing the tasking tool
    reset_bar(qgis_iface.messageBar())
    loaded = classFactory(qgis_iface)
    loaded.initGui()
    loaded.controllers["requests"].dock.pollCheck.setChecked(False)  # the test polls
    yield loaded
    # Map-tip thumbnails of the archive footprints may still be fetching: let every task end
    # before the plugin goes, so none reports to a controller that is gone.
    from qgis.core import QgsApplication

    manager = QgsApplication.taskManager()
    qtbot.waitUntil(lambda: manager.countActiveTasks() == 0, timeout=TIMEOUT_MS)
    flush_events()
    loaded.unload()
    canvas.unsetMapTool(pan)
    flush_events()
    qtbot.waitUntil(lambda: manager.countActiveTasks() == 0, timeout=TIMEOUT_MS)
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()
    reset_bar(qgis_iface.messageBar())
    window.hide()


def _sent(emulator: Any, method: str, path: str) -> list[Any]:
    return [r for r in emulator.requests("api") if r.method == method and r.path == path]


def _click(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_point_to_downloaded_raster(plugin: Any, qgis_iface: Any, emulator: Any, qtbot: Any):
    tasking = plugin.controllers["tasking"]
    requests = plugin.controllers["requests"]
    orders = plugin.controllers["orders"]
    canvas = qgis_iface.mapCanvas()

    # 1. A point target, clicked on the canvas with the tasking tool.
    tasking.start_drawing("point")
    before = canvas.extent()
    viewport = canvas.viewport()
    target = QPoint(viewport.width() // 2 + 40, viewport.height() // 2 - 30)
    qtbot.mouseMove(viewport, target)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=target)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=target)
    qtbot.waitUntil(lambda: tasking.dialog is not None and tasking.dialog.isVisible())
    dialog = tasking.dialog
    assert canvas.extent() == before, "finishing the point moved the map"
    clicked = canvas.getCoordinateTransform().toMapCoordinates(target.x(), target.y())
    qtbot.waitUntil(lambda: tasking.archive_task is None and tasking.contracts_task is None)
    dialog.nameEdit.setText("Rome, whole flow")
    payload = dialog.payload()
    assert payload is not None, dialog.error_text
    aoi = to_shape(payload["geometry"])
    assert aoi.geom_type == "Point"
    assert abs(aoi.x - clicked.x()) < 1e-3 and abs(aoi.y - clicked.y()) < 1e-3

    # 2. Opportunities: a background check, a layer and a grouped summary.
    _click(qtbot, dialog.opportunitiesButton)
    qtbot.waitUntil(lambda: dialog.opportunities.result is not None, timeout=TIMEOUT_MS)
    result = dialog.opportunities.result
    assert result.opportunities and result.groups
    [layer] = QgsProject.instance().mapLayersByName("Opportunities: Rome, whole flow")
    assert layer.featureCount() == len(result.opportunities)
    posts = [
        r for r in emulator.requests("api") if r.method == "POST" and "accessrequests" in r.path
    ]
    assert len(posts) == 1

    # 3. The largest group's constraints fill the form.
    group = result.groups[0]
    dialog.opportunities.select_group(0)
    assert dialog.opportunities.apply_selected() is not None
    wanted = group.constraints()
    chosen = (dialog.payload() or {})["properties"]["collectConstraints"]
    assert chosen["orbitalPlanes"] == wanted["orbital_planes"] == [group.orbital_plane]
    assert chosen["lookDirection"] == wanted["look_direction"] == group.look_direction
    assert chosen["ascDsc"] == wanted["asc_dsc"] == group.ascdsc

    # 4. Review, then submit: created without pre-approval, so it waits for a price.
    _click(qtbot, dialog.reviewButton)
    assert dialog.submitButton.isEnabled()
    _click(qtbot, dialog.submitButton)
    qtbot.waitUntil(lambda: bool(requests.requests), timeout=TIMEOUT_MS)
    [(tr_id, (kind, created))] = list(requests.requests.items())
    assert created.status in ("received", "review")
    assert kind == "tasking"
    assert requests.dock.isVisible()  # the dock that tracks it comes up
    [post] = _sent(emulator, "POST", "/task")
    body = post.json
    assert body["properties"]["preApproval"] is False
    assert body["properties"]["collectConstraints"] == chosen

    # 5. The estimate arrives: a notification opens the cost dialog; Approve at the price shown.
    with qtbot.waitSignal(requests.statusChanged, timeout=TIMEOUT_MS):
        assert requests.poller.poll_now()
    [review_button] = buttons(qgis_iface.messageBar(), "Review cost…")
    review_button.click()
    qtbot.waitUntil(
        lambda: (
            requests.review_dialog is not None
            and requests.review_dialog.review is not None
            and requests.review_task is None
        ),
        timeout=TIMEOUT_MS,
    )
    cost = requests.review_dialog
    with emulator.state.lock:
        total = emulator.state.tasks[tr_id]["properties"]["order"]["summary"]["total"]
    assert cost.lblTotal.text() == total
    assert _sent(emulator, "PATCH", f"/task/{tr_id}/status") == []  # nothing answered yet
    _click(qtbot, cost.approveButton)
    qtbot.waitUntil(lambda: requests.answer_task is None, timeout=TIMEOUT_MS)
    [patch] = _sent(emulator, "PATCH", f"/task/{tr_id}/status")
    assert patch.json == {"status": "approved"}
    assert requests.requests[tr_id][1].status in ("submitted", "active")
    cost.close()

    # 6. The Console collects and delivers it; the dock follows.
    for code in ("active", "completed"):
        httpx.post(
            f"{emulator.url}/_emulator/task/{tr_id}/status", json={"code": code}
        ).raise_for_status()
        with qtbot.waitSignal(requests.statusChanged, timeout=TIMEOUT_MS) as changed:
            assert requests.poller.poll_now()
        assert changed.args[0] == tr_id and changed.args[2] == code

    # 7. Download when completed: the order review first; the user's yes orders and downloads.
    requests.dock.select_ids([tr_id])
    emulator.clear_requests()
    _click(qtbot, requests.dock.downloadButton)
    qtbot.waitUntil(
        lambda: orders.dialog is not None and orders.dialog.isVisible(), timeout=TIMEOUT_MS
    )
    assert _sent(emulator, "POST", "/orders") == []
    orders.dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()

    def rasters() -> list[QgsRasterLayer]:
        layers = QgsProject.instance().mapLayers().values()
        return [lyr for lyr in layers if isinstance(lyr, QgsRasterLayer) and lyr.isValid()]

    qtbot.waitUntil(lambda: bool(rasters()), timeout=TIMEOUT_MS)
    assert len(_sent(emulator, "POST", "/orders")) == 1
    assert all(lyr.renderer().type() == "singlebandgray" for lyr in rasters())

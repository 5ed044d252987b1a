"""Controller: menu actions, map tools driven by simulated clicks, the form opens on the AOI."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt

from capella_qgis.gui.tasking.controller import TaskingController
from capella_qgis.gui.tasking.requests_controller import RequestsController


def _iface(qgis_iface: Any, qgis_canvas: Any) -> Any:
    for name in ("addPluginToWebMenu", "removePluginWebMenu"):
        getattr(qgis_iface, name).reset_mock()
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    qgis_canvas.resize(400, 400)
    qgis_canvas.setExtent(QgsRectangle(9.99, 49.99, 10.01, 50.01))
    qgis_canvas.refresh()
    return qgis_iface


def _click(canvas: Any, tool: Any, x: int, y: int, button: Any = Qt.MouseButton.LeftButton) -> None:
    event = QgsMapMouseEvent(
        canvas,
        QEvent.Type.MouseButtonPress,
        QPoint(x, y),
        button,
        button,
        Qt.KeyboardModifier.NoModifier,
    )
    tool.canvasPressEvent(event)


def test_install_and_unload(qgis_iface: Any, qgis_canvas: Any) -> None:
    iface = _iface(qgis_iface, qgis_canvas)
    ctrl = TaskingController(iface)
    requests = RequestsController(iface)
    ctrl.install()
    requests.install()
    assert iface.addPluginToWebMenu.call_count == 4
    assert {c.args[0] for c in iface.addPluginToWebMenu.call_args_list} == {"&Capella"}
    names = {a.objectName() for a in ctrl.actions + requests.actions}
    assert "mActionCapellaRequestsDock" in names and "mActionCapellaTaskPoint" in names
    requests.unload()
    ctrl.unload()
    assert iface.removePluginWebMenu.call_count == 4
    assert ctrl.actions == [] and requests.actions == [] and requests.dock is None


def test_point_tool_click_opens_form(qtbot: Any, qgis_iface: Any, qgis_canvas: Any) -> None:
    iface = _iface(qgis_iface, qgis_canvas)
    ctrl = TaskingController(iface)
    ctrl.install()
    tool = ctrl.start_drawing("point")
    _click(qgis_canvas, tool, 200, 200)
    assert ctrl.dialog is not None and ctrl.tool is None
    qtbot.addWidget(ctrl.dialog)
    lon, lat = ctrl.dialog.aoi.geojson()["coordinates"]
    expected = qgis_canvas.getCoordinateTransform().toMapCoordinates(200, 200)
    assert abs(lon - expected.x()) < 1e-6 and abs(lat - expected.y()) < 1e-6
    ctrl.unload()


def test_polygon_tool_clicks_and_escape(qtbot: Any, qgis_iface: Any, qgis_canvas: Any) -> None:
    iface = _iface(qgis_iface, qgis_canvas)
    ctrl = TaskingController(iface)
    ctrl.install()
    tool = ctrl.start_drawing("polygon")
    for x, y in ((150, 150), (250, 150), (250, 250)):
        _click(qgis_canvas, tool, x, y)
    _click(qgis_canvas, tool, 150, 250, Qt.MouseButton.RightButton)  # right-click finishes
    # Right-click finishes with the 3 vertices placed so far: a triangle.
    assert ctrl.dialog is not None
    qtbot.addWidget(ctrl.dialog)
    assert ctrl.dialog.aoi.ok and ctrl.dialog.aoi.area_km2 > 0
    assert ctrl.dialog.aoi.geojson()["type"] == "Polygon"
    tool = ctrl.start_drawing("polygon")
    _click(qgis_canvas, tool, 150, 150)
    ctrl.dialog = None
    qtbot.keyClick(qgis_canvas, Qt.Key.Key_Escape)
    tool.keyPressEvent(_esc())
    assert ctrl.tool is None and ctrl.dialog is None
    ctrl.unload()


def _esc() -> Any:
    from qgis.PyQt.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)


def test_selected_feature_in_other_crs(
    qtbot: Any, qgis_iface: Any, qgis_canvas: Any, monkeypatch: Any
) -> None:
    iface = _iface(qgis_iface, qgis_canvas)
    layer = QgsVectorLayer("Polygon?crs=EPSG:3857", "aoi", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(1113194, 6446275, 1118194, 6451275)))
    layer.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(layer)
    layer.selectAll()
    monkeypatch.setattr(iface, "activeLayer", lambda: layer)
    ctrl = TaskingController(iface)
    ctrl.install()
    dlg = ctrl.from_selected_feature()
    assert dlg is not None
    qtbot.addWidget(dlg)
    lon = dlg.aoi.geojson()["coordinates"][0][0][0]
    assert abs(lon - 10) < 0.1
    ctrl.unload()
    QgsProject.instance().removeMapLayer(layer.id())

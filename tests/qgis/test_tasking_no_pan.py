"""Drawing a tasking AOI with real mouse events: the map does not pan and the form opens beside
the target, not over it (#14: the pan tool, restored on the press, got the release)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRectangle
from qgis.gui import QgsMapToolPan
from qgis.PyQt.QtCore import QPoint, QRect, QSize, Qt

from capella_qgis.gui.tasking.controller import TaskingController, place_beside

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
EXTENT = QgsRectangle(12.0, 41.5, 13.0, 42.3)


@pytest.fixture
def map_with_pan_tool(qgis_iface: Any, qtbot: Any) -> Iterator[tuple[Any, QgsMapToolPan]]:
    """The iface canvas, shown, with QGIS' pan tool active (what a user usually has)."""
    canvas = qgis_iface.mapCanvas()
    window = canvas.window()
    window.resize(780, 560)
    window.move(0, 0)
    canvas.resize(420, 420)
    window.show()
    qtbot.waitExposed(canvas)
    canvas.setDestinationCrs(WGS84)
    canvas.setExtent(EXTENT)
    canvas.refresh()
    pan = QgsMapToolPan(canvas)
    canvas.setMapTool(pan)
    yield canvas, pan
    canvas.unsetMapTool(pan)
    QgsProject.instance().removeAllMapLayers()


@pytest.fixture
def controller(qgis_iface: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[TaskingController]:
    ctrl = TaskingController(qgis_iface)
    # The archive search needs a Console: not what these tests look at.
    monkeypatch.setattr(ctrl, "search_archive", lambda dialog: None)
    yield ctrl
    ctrl.unload()


def _extent(canvas: Any) -> tuple[float, ...]:
    e = canvas.extent()
    return (e.xMinimum(), e.yMinimum(), e.xMaximum(), e.yMaximum())


def _click(qtbot: Any, canvas: Any, x: int, y: int) -> None:
    viewport = canvas.viewport()
    qtbot.mouseMove(viewport, QPoint(x, y))
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, y))


def _double_click(qtbot: Any, canvas: Any, x: int, y: int) -> None:
    """What Qt delivers for a double-click: press, release, press, double-click, release.

    (QTest's mouseDClick alone sends only the double-click event, and no release.)
    """
    viewport, pos, left = canvas.viewport(), QPoint(x, y), Qt.MouseButton.LeftButton
    qtbot.mousePress(viewport, left, pos=pos)
    qtbot.mouseRelease(viewport, left, pos=pos)
    qtbot.mousePress(viewport, left, pos=pos)
    qtbot.mouseDClick(viewport, left, pos=pos)
    qtbot.mouseRelease(viewport, left, pos=pos)


def _covers(dialog: Any, canvas: Any, x: int, y: int) -> bool:
    return bool(dialog.frameGeometry().contains(canvas.mapToGlobal(QPoint(x, y))))


def test_point_click_does_not_pan_and_the_form_is_beside_it(
    qtbot: Any, map_with_pan_tool: Any, controller: TaskingController
) -> None:
    canvas, pan = map_with_pan_tool
    before = _extent(canvas)
    controller.start_drawing("point")
    _click(qtbot, canvas, 60, 80)
    dialog = controller.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert _extent(canvas) == pytest.approx(before)  # the pan tool centred it here before
    assert canvas.mapTool() is pan  # given back once the click was over
    expected = canvas.getCoordinateTransform().toMapCoordinates(60, 80)
    lon, lat = dialog.aoi.geojson()["coordinates"]
    assert (lon, lat) == pytest.approx((expected.x(), expected.y()), abs=1e-6)
    assert not _covers(dialog, canvas, 60, 80)
    # The AOI stays on the map while the form is open, and goes with it.
    assert controller.aoi_band is not None and controller.aoi_band.numberOfVertices() == 1
    dialog.reject()
    assert controller.aoi_band is None


def test_double_click_finishing_a_polygon_does_not_pan(
    qtbot: Any, map_with_pan_tool: Any, controller: TaskingController
) -> None:
    canvas, pan = map_with_pan_tool
    before = _extent(canvas)
    tool = controller.start_drawing("polygon")
    for x, y in ((40, 250), (110, 250), (110, 330)):
        _click(qtbot, canvas, x, y)
    assert controller.dialog is None
    _double_click(qtbot, canvas, 40, 330)
    dialog = controller.dialog
    assert dialog is not None, "the double-click did not finish the polygon"
    qtbot.addWidget(dialog)
    assert _extent(canvas) == pytest.approx(before)
    assert canvas.mapTool() is pan and controller.tool is None
    ring = dialog.aoi.geojson()["coordinates"][0]
    assert len(ring) == 5  # four corners (the double-click's second press adds none) + closing
    assert not any(_covers(dialog, canvas, x, y) for x, y in ((40, 250), (110, 330)))
    assert tool is not canvas.mapTool()


def test_right_click_finish_does_not_pan(
    qtbot: Any, map_with_pan_tool: Any, controller: TaskingController
) -> None:
    canvas, pan = map_with_pan_tool
    before = _extent(canvas)
    controller.start_drawing("polygon")
    for x, y in ((100, 100), (200, 100), (200, 200)):
        _click(qtbot, canvas, x, y)
    viewport = canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.RightButton, pos=QPoint(150, 220))
    assert controller.dialog is not None
    qtbot.addWidget(controller.dialog)
    assert canvas.mapTool() is not pan  # the release is still to come
    qtbot.mouseRelease(viewport, Qt.MouseButton.RightButton, pos=QPoint(150, 220))
    assert canvas.mapTool() is pan
    assert _extent(canvas) == pytest.approx(before)


# ---------------------------------------------------------------------------- placement


AREA = QRect(0, 0, 1600, 1000)
SIZE = QSize(620, 700)


@pytest.mark.parametrize(
    ("target", "side"),
    [
        (QRect(200, 400, 10, 10), "right"),  # room on the right
        (QRect(1400, 400, 10, 10), "left"),  # at the right edge: on the left
        (QRect(100, 100, 1400, 40), "below"),  # a wide AOI near the top: below it
    ],
)
def test_place_beside_keeps_the_target_free(target: QRect, side: str) -> None:
    corner = place_beside(SIZE, target, AREA)
    placed = QRect(corner, SIZE)
    assert AREA.contains(placed)
    assert not placed.intersects(target)
    if side == "right":
        assert placed.left() > target.right()
    elif side == "left":
        assert placed.right() < target.left()
    else:
        assert placed.top() > target.bottom()


def test_place_beside_when_nothing_fits_hides_the_least() -> None:
    # A target as large as the screen: every side overlaps; the least-covering one is chosen.
    target = QRect(100, 100, 1300, 800)
    corner = place_beside(SIZE, target, AREA)
    placed = QRect(corner, SIZE)
    assert AREA.contains(placed)
    overlap = placed.intersected(target)
    assert overlap.width() * overlap.height() < SIZE.width() * SIZE.height()

"""AOI map tools through the search dock: the drawn rectangle/polygon is the search AOI."""

from __future__ import annotations

from typing import Any

import pytest
from qgis.core import (
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
)
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import Qt

from capella_qgis.gui.aoi.maptool_aoi import AoiMapTool, format_area
from capella_qgis.gui.search.controller import SearchController
from tests.qgis.maptool_support import (
    MERCATOR,
    WGS84,
    key,
    move,
    press,
    release,
    same,
    to_map,
)
from tests.qgis.search_support import search_bodies

# pytest fixtures shared by the map tool and search dock tests


@pytest.fixture
def controller(canvas: QgsMapCanvas, search_controller: SearchController) -> SearchController:
    """The search dock's controller, installed once the canvas is shown."""
    return search_controller


def run_search(ctl: SearchController, qtbot: Any) -> None:
    ctl.dock.filters.limit.setValue(10)
    ctl.dock.request_search()
    assert ctl.task is not None, ctl.dock.aoiError.text() or ctl.dock.statusLabel.text()
    qtbot.waitUntil(lambda: ctl.task is None, timeout=30000)


def lonlat(canvas: QgsMapCanvas, x: int, y: int) -> QgsPointXY:
    transform = QgsCoordinateTransform(MERCATOR, WGS84, QgsProject.instance())
    return transform.transform(to_map(canvas, x, y))


def ring_of(body: dict) -> list[list[float]]:
    intersects = body["intersects"]
    assert intersects["type"] == "Polygon"
    assert "bbox" not in body
    return intersects["coordinates"][0]


def test_dock_draw_rectangle_is_the_search_aoi(controller, canvas, emulator, qtbot) -> None:
    dock = controller.dock
    dock.set_aoi_source("rectangle")
    dock.aoiButton.click()  # "Draw"
    tool = dock.map_tool
    assert isinstance(tool, AoiMapTool) and tool.mode == "rectangle"
    assert canvas.mapTool() is tool
    press(tool, 100, 80)
    move(tool, 300, 200)
    assert dock.aoiStatus.text() and dock.aoiStatus.text() in seen_texts(tool, canvas)
    release(tool, 400, 300)
    assert dock.map_tool is None and canvas.mapTool() is not tool  # drawing finished
    assert dock.aoi_result is not None and dock.aoi_result.ok
    assert dock.aoiStatus.text().startswith("Area")

    run_search(controller, qtbot)
    ring = ring_of(search_bodies(emulator)[0])
    corners = [lonlat(canvas, 100, 80), lonlat(canvas, 400, 300)]
    lons, lats = [p.x() for p in corners], [p.y() for p in corners]
    assert min(c[0] for c in ring) == pytest.approx(min(lons), abs=1e-6)
    assert max(c[0] for c in ring) == pytest.approx(max(lons), abs=1e-6)
    assert min(c[1] for c in ring) == pytest.approx(min(lats), abs=1e-6)
    assert max(c[1] for c in ring) == pytest.approx(max(lats), abs=1e-6)
    assert ring[0] == ring[-1] and len(ring) == 5


def seen_texts(tool: AoiMapTool, canvas: QgsMapCanvas) -> list[str]:
    rect = QgsRectangle(to_map(canvas, 100, 80), to_map(canvas, 300, 200))
    return [format_area(tool.area_km2(QgsGeometry.fromRect(rect)))]


def test_dock_draw_polygon_is_the_search_aoi(controller, canvas, emulator, qtbot) -> None:
    dock = controller.dock
    dock.set_aoi_source("polygon")
    dock.aoiButton.click()
    tool = dock.map_tool
    assert isinstance(tool, AoiMapTool) and tool.mode == "polygon"
    pixels = [(100, 100), (450, 120), (300, 330)]
    for x, y in pixels:
        press(tool, x, y)
    move(tool, 150, 300)
    assert dock.aoiStatus.text()  # live area while drawing
    press(tool, 150, 300, Qt.MouseButton.RightButton)
    assert dock.map_tool is None
    assert dock.aoi_result is not None and dock.aoi_result.ok

    run_search(controller, qtbot)
    ring = ring_of(search_bodies(emulator)[0])
    expected = [lonlat(canvas, x, y) for x, y in pixels]
    assert len(ring) == 4
    drawn = QgsGeometry.fromPolygonXY([[QgsPointXY(x, y) for x, y in ring]])
    wanted = QgsGeometry.fromPolygonXY([[*expected, expected[0]]])
    assert same(drawn, wanted, tolerance=1e-5)


def test_dock_escape_leaves_no_aoi(controller, canvas, emulator) -> None:
    dock = controller.dock
    dock.set_aoi_source("rectangle")
    dock.aoiButton.click()
    tool = dock.map_tool
    press(tool, 100, 100)
    move(tool, 300, 300)
    key(tool, Qt.Key.Key_Escape)
    assert dock.map_tool is None and canvas.mapTool() is not tool
    assert dock.aoi_geometry is None
    dock.request_search()
    assert controller.task is None
    assert dock.aoiError.text()
    assert search_bodies(emulator) == []

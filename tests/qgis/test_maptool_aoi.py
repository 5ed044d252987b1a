"""AOI map tools driven with simulated mouse/key events (through the search dock: *_dock.py)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QPoint, Qt

from capella_qgis.gui.aoi.maptool_aoi import AoiMapTool, format_area
from tests.qgis.maptool_support import (
    EXTENT,
    MERCATOR,
    WGS84,
    key,
    move,
    press,
    release,
    same,
    to_map,
)

# pytest fixture shared by the map tool tests


@pytest.fixture
def make_tool(canvas: QgsMapCanvas) -> Iterator[Any]:
    tools: list[AoiMapTool] = []

    def make(mode: str) -> tuple[AoiMapTool, dict[str, list]]:
        tool = AoiMapTool(canvas, mode)
        seen: dict[str, list] = {"drawn": [], "measure": [], "cancelled": []}
        tool.geometryDrawn.connect(lambda g: seen["drawn"].append(QgsGeometry(g)))
        tool.measureChanged.connect(seen["measure"].append)
        tool.cancelled.connect(lambda: seen["cancelled"].append(True))
        canvas.setMapTool(tool)
        tools.append(tool)
        return tool, seen

    yield make
    for tool in tools:
        canvas.unsetMapTool(tool)
        tool.clean()


def geodesic_km2(canvas: QgsMapCanvas, rect: QgsRectangle) -> float:
    """Area of a mercator rectangle on the sphere-ish earth: w * h * cos²(lat) at its centre."""
    transform = QgsCoordinateTransform(MERCATOR, WGS84, QgsProject.instance())
    lat = transform.transform(rect.center()).y()
    return rect.width() * rect.height() * math.cos(math.radians(lat)) ** 2 / 1e6


# ------------------------------------------------------------------------------- rectangle


def test_rectangle_drag_gives_rectangle_in_canvas_crs(canvas, make_tool) -> None:
    tool, seen = make_tool("rectangle")
    press(tool, 100, 80)
    for x, y in ((150, 120), (250, 200), (400, 300)):
        move(tool, x, y)
    assert seen["drawn"] == []  # still dragging
    release(tool, 400, 300)

    assert len(seen["drawn"]) == 1
    drawn = seen["drawn"][0]
    expected = QgsGeometry.fromRect(QgsRectangle(to_map(canvas, 100, 80), to_map(canvas, 400, 300)))
    assert drawn.type() == QgsWkbTypes.GeometryType.PolygonGeometry
    assert same(drawn, expected)
    box = drawn.boundingBox()
    assert EXTENT.contains(box)  # canvas CRS (metres), not degrees
    assert box.width() == pytest.approx(300 * canvas.mapUnitsPerPixel(), rel=1e-6)
    assert box.height() == pytest.approx(220 * canvas.mapUnitsPerPixel(), rel=1e-6)


def test_rectangle_area_label_follows_the_cursor(canvas, make_tool) -> None:
    tool, seen = make_tool("rectangle")
    press(tool, 100, 100)
    move(tool, 200, 150)
    move(tool, 500, 350)
    assert len(seen["measure"]) == 2
    first, last = seen["measure"]
    small = QgsRectangle(to_map(canvas, 100, 100), to_map(canvas, 200, 150))
    big = QgsRectangle(to_map(canvas, 100, 100), to_map(canvas, 500, 350))
    assert first == format_area(tool.area_km2(QgsGeometry.fromRect(small)))
    assert last == format_area(tool.area_km2(QgsGeometry.fromRect(big)))
    assert first != last
    # Ellipsoidal, not planar mercator (which would be ~1.8× too large at Rome's latitude).
    assert tool.area_km2(QgsGeometry.fromRect(big)) == pytest.approx(
        geodesic_km2(canvas, big), rel=0.02
    )
    release(tool, 500, 350)
    assert len(seen["drawn"]) == 1


def test_live_area_is_ellipsoidal_without_project_ellipsoid(canvas, make_tool) -> None:
    project = QgsProject.instance()
    project.setCrs(QgsCoordinateReferenceSystem())
    assert project.ellipsoid() == "NONE"
    tool, _ = make_tool("rectangle")
    big = QgsRectangle(to_map(canvas, 100, 100), to_map(canvas, 500, 350))
    assert tool.area_km2(QgsGeometry.fromRect(big)) == pytest.approx(
        geodesic_km2(canvas, big), rel=0.02
    )


def test_rectangle_click_click(canvas, make_tool) -> None:
    tool, seen = make_tool("rectangle")
    press(tool, 50, 50)
    release(tool, 50, 50)  # a click, not a drag: waits for the second corner
    assert seen["drawn"] == []
    move(tool, 300, 250)
    press(tool, 300, 250)
    expected = QgsGeometry.fromRect(QgsRectangle(to_map(canvas, 50, 50), to_map(canvas, 300, 250)))
    assert len(seen["drawn"]) == 1 and same(seen["drawn"][0], expected)


def test_rectangle_escape_cancels(canvas, make_tool) -> None:
    tool, seen = make_tool("rectangle")
    press(tool, 100, 100)
    move(tool, 300, 300)
    event = key(tool, Qt.Key.Key_Escape)
    assert event.isAccepted()
    assert seen["cancelled"] == [True]
    release(tool, 300, 300)  # the release after Esc draws nothing
    assert seen["drawn"] == []
    assert tool.current_geometry(to_map(canvas, 300, 300)).isEmpty()


# --------------------------------------------------------------------------------- polygon


def test_polygon_clicks_and_right_click_finish(canvas, make_tool) -> None:
    tool, seen = make_tool("polygon")
    pixels = [(100, 100), (400, 120), (350, 320), (120, 280)]
    for x, y in pixels:
        move(tool, x, y)
        press(tool, x, y)
        release(tool, x, y)
    assert seen["drawn"] == []
    press(tool, 200, 200, Qt.MouseButton.RightButton)  # finish (the cursor is not a vertex)

    assert len(seen["drawn"]) == 1
    drawn = seen["drawn"][0]
    ring = [to_map(canvas, x, y) for x, y in pixels]
    expected = QgsGeometry.fromPolygonXY([[*ring, ring[0]]])
    assert drawn.type() == QgsWkbTypes.GeometryType.PolygonGeometry
    assert drawn.isGeosValid()
    assert same(drawn, expected)
    assert len(drawn.asPolygon()[0]) == 5


def test_polygon_area_label_updates_while_drawing(canvas, make_tool) -> None:
    tool, seen = make_tool("polygon")
    press(tool, 100, 100)
    press(tool, 400, 100)
    assert seen["measure"] == []  # two vertices: a line, no area yet
    move(tool, 400, 300)
    move(tool, 250, 350)
    assert len(seen["measure"]) == 2 and seen["measure"][0] != seen["measure"][1]
    ring = [to_map(canvas, *p) for p in ((100, 100), (400, 100), (250, 350))]
    triangle = QgsGeometry.fromPolygonXY([[*ring, ring[0]]])
    assert seen["measure"][-1] == format_area(tool.area_km2(triangle))


def test_polygon_backspace_and_escape(canvas, make_tool) -> None:
    tool, seen = make_tool("polygon")
    for x, y in ((100, 100), (400, 100), (400, 300), (100, 300)):
        press(tool, x, y)
    assert key(tool, Qt.Key.Key_Backspace).isAccepted()
    assert len(tool._points) == 3
    key(tool, Qt.Key.Key_Escape)
    assert seen["cancelled"] == [True]
    press(tool, 200, 200, Qt.MouseButton.RightButton)  # nothing left to finish
    assert seen["drawn"] == []


def test_polygon_needs_three_vertices(canvas, make_tool) -> None:
    tool, seen = make_tool("polygon")
    press(tool, 100, 100)
    press(tool, 300, 100)
    press(tool, 200, 200, Qt.MouseButton.RightButton)
    assert seen["drawn"] == []
    press(tool, 200, 250)
    key(tool, Qt.Key.Key_Return)
    assert len(seen["drawn"]) == 1


def test_point_click(canvas, make_tool) -> None:
    tool, seen = make_tool("point")
    move(tool, 300, 200)
    assert seen["measure"] == []
    press(tool, 300, 200)
    assert len(seen["drawn"]) == 1
    point = seen["drawn"][0]
    assert point.type() == QgsWkbTypes.GeometryType.PointGeometry
    assert point.asPoint().distance(to_map(canvas, 300, 200)) < 1e-6


def test_unknown_mode_is_refused(canvas) -> None:
    with pytest.raises(ValueError):
        AoiMapTool(canvas, "circle")


def test_real_mouse_events_reach_the_tool(canvas, make_tool, qtbot) -> None:
    """Through Qt: press/move/release on the canvas viewport end up as a drawn rectangle."""
    _, seen = make_tool("rectangle")
    viewport = canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    qtbot.mouseMove(viewport, QPoint(250, 200))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(300, 250))
    assert len(seen["drawn"]) == 1
    expected = QgsGeometry.fromRect(
        QgsRectangle(to_map(canvas, 100, 100), to_map(canvas, 300, 250))
    )
    assert same(seen["drawn"][0], expected)

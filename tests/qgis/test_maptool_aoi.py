"""AOI map tools driven with simulated mouse/key events, alone and through the search dock."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from qgis.PyQt.QtGui import QKeyEvent

from capella_qgis.gui.controller_search import SearchController
from capella_qgis.gui.maptool_aoi import AoiMapTool, format_area
from capella_qgis.toolbelt.saved_searches import SavedSearchStore

MERCATOR = QgsCoordinateReferenceSystem("EPSG:3857")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
# Around Rome, in web mercator metres.
EXTENT = QgsRectangle(1_300_000, 5_100_000, 1_500_000, 5_250_000)


@pytest.fixture
def canvas(qgis_iface: Any, qtbot: Any) -> Iterator[QgsMapCanvas]:
    """The iface canvas, shown (offscreen) so its map settings have the real pixel size."""
    canvas = qgis_iface.mapCanvas()
    window = canvas.window()
    was_visible = window.isVisible()
    canvas.resize(600, 400)
    window.show()
    qtbot.waitExposed(canvas)
    canvas.setDestinationCrs(MERCATOR)
    canvas.setExtent(EXTENT)
    canvas.refresh()
    # What QGIS gives a new project (without a valid CRS, project.ellipsoid() is "NONE").
    project = QgsProject.instance()
    crs, ellipsoid = project.crs(), project.ellipsoid()
    project.setCrs(MERCATOR)
    project.setEllipsoid("EPSG:7030")
    assert canvas.mapSettings().outputSize().width() >= 500
    yield canvas
    project.setCrs(crs)
    project.setEllipsoid(ellipsoid)
    if not was_visible:
        window.hide()


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


def to_map(canvas: QgsMapCanvas, x: int, y: int) -> QgsPointXY:
    return canvas.getCoordinateTransform().toMapCoordinates(QPoint(x, y))


def mouse(
    canvas: QgsMapCanvas,
    kind: QEvent.Type,
    x: int,
    y: int,
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
) -> QgsMapMouseEvent:
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    if kind == QEvent.Type.MouseMove:
        button = Qt.MouseButton.NoButton
    return QgsMapMouseEvent(canvas, kind, QPoint(x, y), button, buttons)


def press(tool: AoiMapTool, x: int, y: int, button=Qt.MouseButton.LeftButton) -> None:
    tool.canvasPressEvent(mouse(tool.canvas(), QEvent.Type.MouseButtonPress, x, y, button))


def release(tool: AoiMapTool, x: int, y: int, button=Qt.MouseButton.LeftButton) -> None:
    tool.canvasReleaseEvent(mouse(tool.canvas(), QEvent.Type.MouseButtonRelease, x, y, button))


def move(tool: AoiMapTool, x: int, y: int) -> None:
    tool.canvasMoveEvent(mouse(tool.canvas(), QEvent.Type.MouseMove, x, y))


def key(tool: AoiMapTool, code: Qt.Key) -> QKeyEvent:
    event = QKeyEvent(QEvent.Type.KeyPress, code, Qt.KeyboardModifier.NoModifier)
    tool.keyPressEvent(event)
    return event


def same(a: QgsGeometry, b: QgsGeometry, tolerance: float = 1e-6) -> bool:
    return a.symDifference(b).area() <= tolerance * max(b.area(), 1.0)


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


# ----------------------------------------------------------------------------- search dock


def search_bodies(emulator: Any) -> list[dict]:
    return [r.json for r in emulator.requests() if r.path.endswith("/catalog/search")]


@pytest.fixture
def controller(
    qgis_iface: Any, canvas: QgsMapCanvas, emulator: Any, monkeypatch, tmp_path: Path
) -> Iterator[SearchController]:
    monkeypatch.setenv("CAPELLA_API_URL", emulator.url)
    monkeypatch.setenv("CAPELLA_API_KEY", "demo")
    monkeypatch.setattr(
        "capella_qgis.gui.controller_search.footprint_storage_path",
        lambda *a: tmp_path / "footprints.gpkg",
    )
    ctl = SearchController(qgis_iface, mode="sequential")
    ctl.install()
    ctl.dock.store = SavedSearchStore(tmp_path / "saved.json")
    emulator.clear_requests()
    yield ctl
    ctl.unload()
    QgsProject.instance().removeAllMapLayers()


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

"""Shared canvas fixture and simulated mouse/key events of the AOI map tool tests."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
)
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from qgis.PyQt.QtGui import QKeyEvent

from capella_qgis.gui.aoi.maptool_aoi import AoiMapTool

MERCATOR = QgsCoordinateReferenceSystem("EPSG:3857")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
# Around Rome, in web mercator metres.
EXTENT = QgsRectangle(1_300_000, 5_100_000, 1_500_000, 5_250_000)


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

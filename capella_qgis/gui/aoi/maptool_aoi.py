"""Map tools to draw an AOI (rectangle, polygon or point) with rubber band, snapping and area."""

from __future__ import annotations

from typing import Any, Optional

from qgis.core import (
    QgsGeometry,
    QgsPointLocator,
    QgsPointXY,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent, QgsMapTool, QgsRubberBand, QgsSnapIndicator
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QCursor, QKeyEvent
from qgis.PyQt.QtWidgets import QApplication, QToolTip

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).

MODES = ("rectangle", "polygon", "point")


def format_area(km2: float) -> str:
    """Human-friendly area text."""
    if km2 < 1:
        return f"{km2 * 1e6:,.0f} m²"
    if km2 < 100:
        return f"{km2:,.2f} km²"
    return f"{km2:,.0f} km²"


class AoiMapTool(QgsMapTool):
    """Draw an AOI on ``canvas``; ``geometryDrawn`` carries it in the canvas CRS.

    Rectangle: press-drag-release (or click, click). Polygon: left-click adds vertices,
    right-click or double-click finishes, Backspace removes the last vertex. Point: one click.
    Esc cancels. Vertices snap according to the project's snapping configuration.

    A drawing finished by a press (a point, a right-click, a double-click, the second corner)
    still has its mouse release to come. Whichever tool is the canvas' tool then receives it,
    and QGIS' pan tool centres the map on a plain click: a caller that restored the previous
    tool on ``geometryDrawn`` would pan the map to the target (#14). So the tool keeps that
    release to itself (``awaiting_release``) and emits ``released`` once it is over: switch
    tools then.
    """

    geometryDrawn = pyqtSignal(QgsGeometry)
    measureChanged = pyqtSignal(str)
    cancelled = pyqtSignal()
    # The gesture that finished the drawing is over: the canvas may get another tool now.
    released = pyqtSignal()

    def __init__(self, canvas: QgsMapCanvas, mode: str = "rectangle") -> None:
        super().__init__(canvas)
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.mode = mode
        self._points: list[QgsPointXY] = []
        self._start: Optional[QgsPointXY] = None
        self._dragging = False
        self._release_pending = False
        geom_type = (
            QgsWkbTypes.GeometryType.PointGeometry
            if mode == "point"
            else QgsWkbTypes.GeometryType.PolygonGeometry
        )
        self._band = QgsRubberBand(canvas, geom_type)
        self._band.setColor(QColor(255, 120, 0, 200))
        self._band.setFillColor(QColor(255, 120, 0, 50))
        self._band.setWidth(2)
        self._snap_indicator = QgsSnapIndicator(canvas)
        self.setCursor(QCursor(Qt.CursorShape.CrossCursor))

    # --- helpers ---------------------------------------------------------------------------

    def _snap(self, event: QgsMapMouseEvent) -> QgsPointXY:
        point = event.mapPoint()
        utils = self.canvas().snappingUtils()
        if utils is None:
            return QgsPointXY(point)
        match = utils.snapToMap(event.pos())
        self._snap_indicator.setMatch(match)
        return QgsPointXY(match.point()) if match.isValid() else QgsPointXY(point)

    def current_geometry(self, cursor: Optional[QgsPointXY] = None) -> QgsGeometry:
        """Geometry drawn so far (plus ``cursor`` as the moving vertex/corner)."""
        if self.mode == "point":
            return QgsGeometry.fromPointXY(cursor) if cursor else QgsGeometry()
        if self.mode == "rectangle":
            if self._start is None or cursor is None:
                return QgsGeometry()
            return QgsGeometry.fromRect(QgsRectangle(self._start, cursor))
        ring = list(self._points) + ([cursor] if cursor is not None else [])
        if len(ring) < 3:
            return QgsGeometry()
        return QgsGeometry.fromPolygonXY([[*ring, ring[0]]])

    def area_km2(self, geometry: QgsGeometry) -> float:
        """Ellipsoidal (WGS84) area of a canvas-CRS geometry, measured as the AOI check does
        (the dock shows that figure once the drawing is finished)."""
        from capella_qgis.aoi.geometry import area_km2, to_wgs84

        if geometry.isEmpty():
            return 0.0
        try:
            return area_km2(to_wgs84(geometry, self.canvas().mapSettings().destinationCrs()))
        except Exception:  # outside the canvas CRS' area of use: no live figure
            return 0.0

    def _update_band(self, cursor: Optional[QgsPointXY]) -> None:
        geometry = self.current_geometry(cursor)
        if self.mode == "polygon" and geometry.isEmpty():
            # fewer than three vertices: show the open line
            self._band.reset(QgsWkbTypes.GeometryType.LineGeometry)
            for point in [*self._points, *([cursor] if cursor else [])]:
                self._band.addPoint(point, False)
            self._band.show()
            self._band.updatePosition()
            return
        self._band.setToGeometry(geometry, None)  # type: ignore[call-overload]  # nullable layer pointer; the stub misses Optional
        if self.mode != "point" and not geometry.isEmpty():
            text = format_area(self.area_km2(geometry))
            self.measureChanged.emit(text)
            QToolTip.showText(QCursor.pos(), text, self.canvas())

    def reset(self) -> None:
        """Forget the current drawing and clear the rubber band."""
        self._points = []
        self._start = None
        self._dragging = False
        geom_type = (
            QgsWkbTypes.GeometryType.PointGeometry
            if self.mode == "point"
            else QgsWkbTypes.GeometryType.PolygonGeometry
        )
        self._band.reset(geom_type)
        self._snap_indicator.setMatch(QgsPointLocator.Match())
        QToolTip.hideText()

    @property
    def awaiting_release(self) -> bool:
        """The drawing is finished but the mouse button that finished it is still down."""
        return self._release_pending

    def _finish(self, geometry: QgsGeometry, *, by_press: bool = False) -> None:
        self.reset()
        if geometry.isEmpty():
            return
        # Only a button really held down has a release to come (events sent straight to the
        # tool, as scripts and tests do, have none).
        self._release_pending = by_press and QApplication.mouseButtons() != Qt.MouseButton.NoButton
        self.geometryDrawn.emit(geometry)
        if not self._release_pending:
            self.released.emit()

    def _end_release(self) -> None:
        self._release_pending = False
        self.released.emit()

    # --- events ----------------------------------------------------------------------------

    def canvasPressEvent(self, event: QgsMapMouseEvent) -> None:
        if self._release_pending:  # the release was lost (another window took it): over now
            self._end_release()
            return
        point = self._snap(event)
        button = event.button()
        if self.mode == "point":
            if button == Qt.MouseButton.LeftButton:
                self._finish(QgsGeometry.fromPointXY(point), by_press=True)
            return
        if self.mode == "rectangle":
            if button != Qt.MouseButton.LeftButton:
                return
            if self._start is None:
                self._start = point
                self._dragging = True
            else:  # second click of click-click drawing
                self._finish(self.current_geometry(point), by_press=True)
            return
        if button == Qt.MouseButton.RightButton:
            self.finish_polygon(by_press=True)
        elif button == Qt.MouseButton.LeftButton:
            self._points.append(point)
            self._update_band(None)

    def canvasMoveEvent(self, event: QgsMapMouseEvent) -> None:
        point = self._snap(event)
        if (self.mode == "rectangle" and self._start is not None) or (
            self.mode == "polygon" and self._points
        ):
            self._update_band(point)

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:
        if self._release_pending:  # the release of the click that finished the drawing
            event.accept()
            self._end_release()
            return
        if self.mode != "rectangle" or self._start is None or not self._dragging:
            return
        point = self._snap(event)
        self._dragging = False
        rect = QgsRectangle(self._start, point)
        pixels = rect.width() / max(self.canvas().mapUnitsPerPixel(), 1e-12)
        if pixels < 3:
            return  # a plain click: keep the first corner and wait for the second click
        self._finish(QgsGeometry.fromRect(rect))

    def canvasDoubleClickEvent(self, event: QgsMapMouseEvent) -> None:
        if self.mode != "polygon":
            return
        # Qt delivers the double-click's second press too: that vertex is already there.
        if len(self._points) >= 2 and self._same_pixel(self._points[-1], self._points[-2]):
            self._points.pop()
        self.finish_polygon(by_press=True)

    def _same_pixel(self, a: QgsPointXY, b: QgsPointXY) -> bool:
        return a.distance(b) <= 2 * self.canvas().mapUnitsPerPixel()

    def finish_polygon(self, *, by_press: bool = False) -> None:
        """Close the polygon being drawn (needs three vertices)."""
        geometry = self.current_geometry(None)
        if geometry.isEmpty():
            return
        self._finish(geometry, by_press=by_press)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.reset()
            self.cancelled.emit()
            event.accept()
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and self._points:
            self._points.pop()
            self._update_band(None)
            event.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.mode == "polygon":
            self.finish_polygon()
            event.accept()
        else:
            event.ignore()

    def deactivate(self) -> None:
        self.reset()
        self._release_pending = False
        super().deactivate()

    def clean(self) -> None:
        """Remove the canvas items (call before dropping the tool)."""
        self.reset()
        scene: Any = self.canvas().scene()
        if scene is not None:
            scene.removeItem(self._band)

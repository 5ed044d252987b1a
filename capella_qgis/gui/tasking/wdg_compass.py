"""Small compass preview of an azimuth range (clockwise from North, wrap-around allowed)."""

from __future__ import annotations

from typing import Any, Optional

from qgis.PyQt.QtCore import QPointF, QRectF, QSize
from qgis.PyQt.QtGui import QBrush, QColor, QPainter, QPen
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget


def azimuth_span(az_min: float, az_max: float) -> float:
    """Clockwise extent in degrees from ``az_min`` to ``az_max`` (340→20 is 40°)."""
    span = (az_max - az_min) % 360
    return 360.0 if span == 0 and az_min != az_max else span


class CompassWidget(QWidget):
    """Draws N/E/S/W and the allowed azimuth sector; empty sector when no range is set."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.az_min: Optional[float] = None
        self.az_max: Optional[float] = None
        self.setMinimumSize(72, 72)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip(self.tr("Allowed azimuth (target → satellite), clockwise from North"))

    def sizeHint(self) -> QSize:
        return QSize(80, 80)

    def set_range(self, az_min: Optional[float], az_max: Optional[float]) -> None:
        self.az_min, self.az_max = az_min, az_max
        self.update()

    def span(self) -> Optional[float]:
        if self.az_min is None or self.az_max is None:
            return None
        return azimuth_span(self.az_min, self.az_max)

    def paintEvent(self, _event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 14
        rect = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter.setPen(QPen(QColor("#606060"), 1))
        painter.setBrush(QBrush(QColor("#f4f4f4")))
        painter.drawEllipse(rect)
        span = self.span()
        if span is not None and self.az_min is not None:
            painter.setBrush(QBrush(QColor(30, 136, 229, 140)))
            painter.setPen(QPen(QColor("#1e88e5"), 1))
            # Qt angles: 0 at 3 o'clock, counter-clockwise, 1/16 degree.
            start = int((90 - self.az_min) * 16)
            painter.drawPie(rect, start, int(-span * 16))
        painter.setPen(QPen(QColor("#303030"), 1))
        center = rect.center()
        r = side / 2 + 6
        for label, dx, dy in (("N", 0, -r), ("E", r, 0), ("S", 0, r), ("W", -r, 0)):
            pos = QPointF(center.x() + dx - 4, center.y() + dy + 4)
            painter.drawText(pos, label)
        painter.end()

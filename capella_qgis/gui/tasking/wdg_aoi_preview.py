"""Mini map of the AOI for the tasking summary: a memory layer plus a rubber band, no basemap."""

from __future__ import annotations

from typing import Optional

from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer, QgsWkbTypes
from qgis.gui import QgsMapCanvas, QgsRubberBand
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QWidget

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).


class AoiPreview:
    """Owns a small QgsMapCanvas showing one EPSG:4326 geometry (no internet needed)."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        from capella_qgis.aoi.checks import WGS84

        self.canvas = QgsMapCanvas(parent)
        self.canvas.setCanvasColor(QColor("#eef3f7"))
        self.canvas.setDestinationCrs(WGS84)
        self.layer: Optional[QgsVectorLayer] = None
        self.band: Optional[QgsRubberBand] = None

    def show(self, geometry: QgsGeometry) -> None:
        point = geometry.type() == QgsWkbTypes.GeometryType.PointGeometry
        kind = "Point" if point else "Polygon"
        self.layer = QgsVectorLayer(f"{kind}?crs=EPSG:4326", "AOI", "memory")
        feature = QgsFeature()
        feature.setGeometry(geometry)
        self.layer.dataProvider().addFeatures([feature])
        self.layer.updateExtents()
        self.canvas.setLayers([self.layer])
        gtype = (
            QgsWkbTypes.GeometryType.PointGeometry
            if point
            else QgsWkbTypes.GeometryType.PolygonGeometry
        )
        if self.band is None:
            self.band = QgsRubberBand(self.canvas, gtype)
            self.band.setColor(QColor(255, 120, 0, 220))
            self.band.setFillColor(QColor(255, 120, 0, 60))
            self.band.setWidth(2)
        else:
            self.band.reset(gtype)
        self.band.setToGeometry(geometry, self.layer)
        extent = geometry.boundingBox()
        extent.grow(max(extent.width(), extent.height(), 0.01) * 0.5)
        self.canvas.setExtent(extent)
        self.canvas.refresh()

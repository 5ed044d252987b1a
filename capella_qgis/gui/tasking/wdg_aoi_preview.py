"""Mini map of the AOI for the tasking review: the AOI over QGIS' own world outline, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from qgis.core import (
    QgsApplication,
    QgsCentroidFillSymbolLayer,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QWidget

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).

#: Shipped with every QGIS (Natural Earth countries), so the preview needs no internet.
WORLD_MAP = Path("resources") / "data" / "world_map.gpkg"
WORLD_LAYER = "countries"
#: The preview spans at least this many degrees: the coastlines and borders around a point or
#: a small polygon then say where on Earth it is (a point alone on a blank square did not).
MIN_SPAN_DEG = 8.0
AOI_COLOR = "255,120,0"
WATER = "#dbe8f2"
LAND = "#f6f3ec"
BORDERS = "#a3aab0"


def world_map_path() -> Optional[Path]:
    path = Path(QgsApplication.pkgDataPath()) / WORLD_MAP
    return path if path.exists() else None


def world_layer() -> Optional[QgsVectorLayer]:
    """QGIS' world countries, land filled and borders thin; None when this QGIS lacks them."""
    path = world_map_path()
    if path is None:
        return None
    layer = QgsVectorLayer(f"{path}|layername={WORLD_LAYER}", "World", "ogr")
    if not layer.isValid():
        return None
    symbol = QgsFillSymbol.createSimple(
        {"color": LAND, "outline_color": BORDERS, "outline_width": "0.15"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def aoi_symbol(point: bool) -> QgsSymbol:
    """A marker big enough to see at country scale; a polygon gets one at its centre too."""
    marker = QgsMarkerSymbol.createSimple(
        {
            "name": "circle",
            "color": f"{AOI_COLOR},230",
            "outline_color": "120,40,0,255",
            "outline_width": "0.4",
            "size": "3.2",
        }
    )
    if point:
        return marker
    fill = QgsFillSymbol.createSimple(
        {"color": f"{AOI_COLOR},70", "outline_color": f"{AOI_COLOR},255", "outline_width": "0.6"}
    )
    centre = QgsCentroidFillSymbolLayer()
    centre.setSubSymbol(marker)
    fill.appendSymbolLayer(centre)
    return fill


def preview_extent(geometry: QgsGeometry) -> QgsRectangle:
    """The AOI's box grown to three times its size and at least ``MIN_SPAN_DEG`` wide."""
    box = geometry.boundingBox()
    span = max(box.width(), box.height()) * 3.0
    half = max(span, MIN_SPAN_DEG) / 2.0
    centre = box.center()
    lat_lo = max(-90.0, centre.y() - half)
    lat_hi = min(90.0, centre.y() + half)
    return QgsRectangle(centre.x() - half, lat_lo, centre.x() + half, lat_hi)


class AoiPreview:
    """Owns a small QgsMapCanvas showing one EPSG:4326 geometry over the world outline."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        from capella_qgis.aoi.checks import WGS84

        self.canvas = QgsMapCanvas(parent)
        self.canvas.setCanvasColor(QColor(WATER))
        self.canvas.setDestinationCrs(WGS84)
        self.layer: Optional[QgsVectorLayer] = None
        # Opened once per preview (a file of QGIS' own, read by the renderer's thread).
        self.world = world_layer()
        # The canvas owns what it draws: layers owned by Python objects outlived or preceded
        # it in any order at exit, and QGIS crashed on the way out.
        if self.world is not None:
            self.world.setParent(self.canvas)

    def show(self, geometry: QgsGeometry) -> None:
        point = geometry.type() == QgsWkbTypes.GeometryType.PointGeometry
        kind = "Point" if point else "Polygon"
        previous = self.layer
        self.layer = QgsVectorLayer(f"{kind}?crs=EPSG:4326", "AOI", "memory")
        self.layer.setParent(self.canvas)
        feature = QgsFeature()
        feature.setGeometry(geometry)
        self.layer.dataProvider().addFeatures([feature])
        self.layer.updateExtents()
        self.layer.setRenderer(QgsSingleSymbolRenderer(aoi_symbol(point)))
        layers: list[QgsVectorLayer] = [self.layer]
        if self.world is not None:
            layers.append(self.world)  # below the AOI
        self.canvas.setLayers(layers)
        if previous is not None:
            previous.deleteLater()  # no longer drawn
        self.canvas.setExtent(preview_extent(geometry))
        self.canvas.refresh()

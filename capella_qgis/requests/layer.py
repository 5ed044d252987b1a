"""Memory layer of tasking/repeat request AOIs, styled by status."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsProject,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor

from capella_qgis.core.workflows.tasking import KIND_REPEAT, KIND_TASKING
from capella_qgis.toolbelt.compat import QT_TRANSLATE_NOOP, tr

LAYER_NAME = QT_TRANSLATE_NOOP("@default", "Capella requests")
FIELDS = (
    ("request_id", QVariant.String),
    ("kind", QVariant.String),
    ("name", QVariant.String),
    ("status", QVariant.String),
    ("tier", QVariant.String),
    ("collection_type", QVariant.String),
    ("submitted", QVariant.String),
    ("window_open", QVariant.String),
    ("window_close", QVariant.String),
)
STATUS_COLORS = {
    "received": "#9e9e9e",
    "review": "#ffb300",
    "submitted": "#29b6f6",
    "active": "#1e88e5",
    "accepted": "#3949ab",
    "completed": "#43a047",
    "rejected": "#e53935",
    "expired": "#795548",
    "anomaly": "#d81b60",
    "canceled": "#616161",
    "error": "#b71c1c",
    "failed": "#b71c1c",
}


def geojson_to_geometry(geom: Optional[dict[str, Any]]) -> QgsGeometry:
    """GeoJSON Point/Polygon/MultiPolygon dict → QgsGeometry (empty on anything else)."""
    if not isinstance(geom, dict):
        return QgsGeometry()
    gtype, coords = geom.get("type"), geom.get("coordinates")
    if coords is None:
        return QgsGeometry()

    def pos(p: Any) -> str:
        return f"{float(p[0])} {float(p[1])}"

    def ring(r: Any) -> str:
        return "(" + ", ".join(pos(p) for p in r) + ")"

    try:
        if gtype == "Point":
            return QgsGeometry.fromWkt(f"POINT ({pos(coords)})")
        if gtype == "Polygon":
            return QgsGeometry.fromWkt("POLYGON (" + ", ".join(ring(r) for r in coords) + ")")
        if gtype == "MultiPolygon":
            polys = ", ".join("(" + ", ".join(ring(r) for r in poly) + ")" for poly in coords)
            return QgsGeometry.fromWkt(f"MULTIPOLYGON ({polys})")
    except (TypeError, ValueError, IndexError):
        pass
    return QgsGeometry()


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def request_kind(request: Any) -> str:
    """``KIND_REPEAT`` for a RepeatRequest model, ``KIND_TASKING`` for a TaskingRequest.

    Decided by the model type: a tasking request has a ``repeatrequest_id`` field too (set
    when a repeat request derived it), so no field's presence tells the two apart.
    """
    # Imported here: the models load pydantic, not wanted while QGIS starts (#20).
    from capella_qgis.core.models.tasking import RepeatRequest

    return KIND_REPEAT if isinstance(request, RepeatRequest) else KIND_TASKING


def request_attributes(request: Any) -> dict[str, str]:
    """Attribute values of a TaskingRequest or RepeatRequest model."""
    props = request.properties
    kind = request_kind(request)
    return {
        "request_id": request.id,
        "kind": kind,
        "name": props.name or "",
        "status": request.status or "",
        "tier": props.collection_tier or "",
        "collection_type": props.collection_type or "",
        "submitted": _text(props.submission_time),
        "window_open": _text(getattr(props, "window_open", None)),
        "window_close": _text(getattr(props, "window_close", None)),
    }


def _symbol(color: str, point: bool) -> Any:
    if point:
        return QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": color, "size": "3", "outline_color": "#202020"}
        )
    # "r,g,b,a": QGIS reads "#rrggbbaa" as #aarrggbb (it drew review areas opaque magenta).
    fill = QColor(color)
    translucent = f"{fill.red()},{fill.green()},{fill.blue()},85"
    return QgsFillSymbol.createSimple(
        {"color": translucent, "outline_color": color, "outline_width": "0.6"}
    )


class RequestsLayer:
    """Owns one layer per geometry kind; features keyed by request id."""

    def __init__(self, project: Optional[QgsProject] = None) -> None:
        self.project = project or QgsProject.instance()
        self._layers: dict[str, QgsVectorLayer] = {}

    def layer(
        self, geometry_type: str = "Polygon", create: bool = True
    ) -> Optional[QgsVectorLayer]:
        layer = self._layers.get(geometry_type)
        if layer is not None:
            try:
                layer.id()
                if self.project.mapLayer(layer.id()) is not None:
                    return layer
            except RuntimeError:
                pass
        if not create:
            return None
        suffix = tr("points") if geometry_type == "Point" else tr("areas")
        layer = QgsVectorLayer(
            f"{geometry_type}?crs=EPSG:4326", f"{tr(LAYER_NAME)} ({suffix})", "memory"
        )
        layer.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
        provider = layer.dataProvider()
        provider.addAttributes([QgsField(name, kind) for name, kind in FIELDS])
        layer.updateFields()
        self._style(layer, geometry_type == "Point")
        self.project.addMapLayer(layer)
        self._layers[geometry_type] = layer
        return layer

    @staticmethod
    def _style(layer: QgsVectorLayer, point: bool) -> None:
        categories = [
            QgsRendererCategory(status, _symbol(color, point), status)
            for status, color in STATUS_COLORS.items()
        ]
        categories.append(QgsRendererCategory("", _symbol("#ff00ff", point), tr("other")))
        layer.setRenderer(QgsCategorizedSymbolRenderer("status", categories))

    def layers(self) -> list[QgsVectorLayer]:
        return [lyr for lyr in (self.layer("Point", False), self.layer("Polygon", False)) if lyr]

    def upsert(self, requests: Iterable[Any]) -> int:
        """Add or replace the features of ``requests``; returns how many were written."""
        written = 0
        for request in requests:
            geometry = geojson_to_geometry(request.geometry)
            if geometry.isNull():
                continue
            gtype = "Point" if request.geometry.get("type") == "Point" else "Polygon"
            if gtype == "Polygon" and request.geometry.get("type") == "MultiPolygon":
                geometry.convertToSingleType()
            layer = self.layer(gtype)
            if layer is None:  # the user removed the layer meanwhile: nothing to draw into
                continue
            self._remove(layer, request.id)
            feature = QgsFeature(layer.fields())
            feature.setGeometry(geometry)
            for key, value in request_attributes(request).items():
                feature.setAttribute(key, value)
            layer.dataProvider().addFeatures([feature])
            layer.updateExtents()
            layer.triggerRepaint()
            written += 1
        return written

    def set_status(self, request_id: str, status: str) -> bool:
        for layer in self.layers():
            index = layer.fields().indexOf("status")
            for feature in layer.getFeatures():
                if feature["request_id"] == request_id:
                    layer.dataProvider().changeAttributeValues({feature.id(): {index: status}})
                    layer.triggerRepaint()
                    return True
        return False

    def feature(self, request_id: str) -> Optional[QgsFeature]:
        for layer in self.layers():
            for feature in layer.getFeatures():
                if feature["request_id"] == request_id:
                    return feature
        return None

    @staticmethod
    def _remove(layer: QgsVectorLayer, request_id: str) -> None:
        ids = [f.id() for f in layer.getFeatures() if f["request_id"] == request_id]
        if ids:
            layer.dataProvider().deleteFeatures(ids)

    def clear(self) -> None:
        for layer in self.layers():
            layer.dataProvider().truncate()
            layer.triggerRepaint()

    def remove_layers(self) -> None:
        for layer in self.layers():
            self.project.removeMapLayer(layer.id())
        self._layers.clear()

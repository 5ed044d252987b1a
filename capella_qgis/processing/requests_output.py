"""Output features for tasking/repeat requests (the fields of the dock's requests layer)."""

from __future__ import annotations

from typing import Any, Optional

from qgis.core import QgsFeature, QgsField, QgsFields, QgsGeometry

from capella_qgis.requests.layer import FIELDS, geojson_to_geometry, request_attributes


def request_fields() -> QgsFields:
    """``request_id, kind, name, status, tier, collection_type, submitted, window_*``."""
    fields = QgsFields()
    for name, variant in FIELDS:
        fields.append(QgsField(name, variant))
    return fields


def request_feature(
    request: Any, fields: QgsFields, kind: str, geometry: Optional[QgsGeometry] = None
) -> QgsFeature:
    """A feature for a TaskingRequest/RepeatRequest; geometry defaults to the request's AOI."""
    values = request_attributes(request)
    values["kind"] = kind
    feature = QgsFeature(fields)
    feature.setAttributes([values.get(fields.at(i).name(), None) for i in range(fields.count())])
    geom = geometry if geometry is not None else geojson_to_geometry(request.geometry)
    if geom is not None and not geom.isEmpty():
        feature.setGeometry(geom)
    return feature


def is_point(request: Any) -> bool:
    """True when the request's AOI is a point."""
    return isinstance(request.geometry, dict) and request.geometry.get("type") == "Point"

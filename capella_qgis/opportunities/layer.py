"""Opportunities of an access request as QGIS features and a styled memory layer.

One feature per pass (an ``Opportunity``), placed at the pass's centre when the Console gives
one, else on the access request's AOI, in EPSG:4326. The ``group`` field names the pass's
(orbital plane, asc/desc, look direction) group, the grouping that pre-fills a tasking request.
Opportunities are physical access only, not a schedule: the layer's abstract says so.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsLayerMetadata,
    QgsPointXY,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime, Qt

from capella_qgis.opportunities.style import style_opportunities
from capella_qgis.toolbelt.compat import field_type, scoped_enum, tr

# The pydantic models are imported where used: the GUI imports this module while QGIS starts,
# and pydantic must not load then (#20). Type hints only here.
if TYPE_CHECKING:
    from capella_qgis.core.models.access import Opportunity, OpportunityResult

EPSG_4326 = "EPSG:4326"
#: Custom property on an opportunities layer: the access request it shows.
ACCESS_REQUEST_PROPERTY = "capella/access_request_id"
UNKNOWN = "?"

# (name, kind); kinds: str, int, float, datetime. The order is the attribute table's.
_FIELD_SPECS: tuple[tuple[str, str], ...] = (
    ("window_open", "datetime"),
    ("window_close", "datetime"),
    ("duration_s", "float"),
    ("group", "str"),
    ("spacecraft", "str"),
    ("orbital_plane", "int"),
    ("asc_dsc", "str"),
    ("look_direction", "str"),
    ("off_nadir_min", "float"),
    ("off_nadir_max", "float"),
    ("grazing_min", "float"),
    ("grazing_max", "float"),
    ("azimuth_open", "float"),
    ("azimuth_close", "float"),
    ("local_time", "str"),
    ("local_time_s", "int"),
    ("window_open_local", "str"),
    ("window_close_local", "str"),
    ("group_rank", "int"),
    ("group_passes", "int"),
    ("access_id", "str"),
    ("access_request_id", "str"),
)


def opportunity_fields() -> QgsFields:
    """The fields of an opportunities layer (window times as UTC QDateTime)."""
    fields = QgsFields()
    for name, kind in _FIELD_SPECS:
        fields.append(QgsField(name, field_type(kind)))
    return fields


def group_label(plane: Optional[int], asc_dsc: Optional[str], look: Optional[str]) -> str:
    """``"53° · ascending · right"``: the readable name of an (orbital plane, asc/desc, look
    direction) group; an unknown part reads ``?``."""
    plane_text = f"{plane}°" if plane is not None else UNKNOWN
    return " · ".join((plane_text, asc_dsc or UNKNOWN, look or UNKNOWN))


def _qdatetime(value: Optional[datetime]) -> Optional[QDateTime]:
    if value is None:
        return None
    msecs = round(value.timestamp() * 1000)  # aware datetimes: the instant, whatever the zone
    return QDateTime.fromMSecsSinceEpoch(msecs, scoped_enum(Qt, "TimeSpec", "UTC"))


def _clock(seconds: Optional[float]) -> Optional[str]:
    """Seconds of the (local) day → ``"HH:MM"``."""
    if seconds is None or not math.isfinite(seconds):
        return None
    minutes = round(seconds / 60.0) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _number(value: Optional[float]) -> Optional[float]:
    return float(value) if value is not None else None


def _uses_centres(result: OpportunityResult) -> bool:
    """Centre points when every pass has one (a layer holds one geometry type), else the AOI."""
    return bool(result.opportunities) and all(
        _centre_point(o) is not None for o in result.opportunities
    )


def _centre_point(opportunity: Opportunity) -> Optional[QgsGeometry]:
    centre = opportunity.center
    if not centre or len(centre) < 2:
        return None
    lon, lat = float(centre[0]), float(centre[1])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    return QgsGeometry.fromPointXY(QgsPointXY(lon, lat))


def _aoi_geometry(result: OpportunityResult) -> QgsGeometry:
    geometry = result.request.geometry
    if not isinstance(geometry, dict):
        return QgsGeometry()
    from capella_qgis.aoi.geometry import from_shape
    from capella_qgis.core.exceptions import InputError
    from capella_qgis.core.geometry import to_shape

    try:
        return from_shape(to_shape(geometry))
    except InputError:  # an AOI the Console echoed in a shape we cannot read: no geometry
        return QgsGeometry()


def opportunity_geometry_type(result: OpportunityResult) -> str:
    """``"Point"``, ``"Polygon"`` or ``"MultiPolygon"``: the geometry type of the features
    ``opportunity_features`` makes for ``result`` (for a layer or a Processing sink)."""
    if _uses_centres(result):
        return "Point"
    geometry = result.request.geometry
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    return kind if kind in ("Point", "Polygon", "MultiPolygon") else "Point"


def opportunity_record(
    opportunity: Opportunity, *, group_rank: int, group_passes: int, access_request_id: str
) -> dict[str, Any]:
    """Plain attribute values of one pass (datetimes aware, UTC), keyed by field name."""
    acc = opportunity.access_properties
    spacecraft = opportunity.spacecraft_id
    local = acc.local_time
    return {
        "window_open": opportunity.window_open,
        "window_close": opportunity.window_close,
        "duration_s": round(opportunity.duration_s, 1),
        "group": group_label(opportunity.orbital_plane, acc.ascdsc, acc.look_direction),
        "spacecraft": str(spacecraft) if spacecraft is not None else None,
        "orbital_plane": opportunity.orbital_plane,
        "asc_dsc": acc.ascdsc,
        "look_direction": acc.look_direction,
        "off_nadir_min": _number(acc.off_nadir_min),
        "off_nadir_max": _number(acc.off_nadir_max),
        "grazing_min": _number(acc.grazing_angle_min),
        "grazing_max": _number(acc.grazing_angle_max),
        "azimuth_open": _number(acc.azimuth_open),
        "azimuth_close": _number(acc.azimuth_close),
        "local_time": _clock(local),
        "local_time_s": int(local) if local is not None and math.isfinite(local) else None,
        "window_open_local": opportunity.window_open_local,
        "window_close_local": opportunity.window_close_local,
        "group_rank": group_rank,
        "group_passes": group_passes,
        "access_id": opportunity.access_id,
        "access_request_id": access_request_id or None,
    }


def opportunity_features(result: OpportunityResult, fields: QgsFields) -> list[QgsFeature]:
    """One feature per pass, earliest first, in EPSG:4326: at the pass's centre when every
    pass has one, else on the AOI. ``group_rank`` 1 is the group with the most passes."""
    ranks: dict[Any, tuple[int, int]] = {
        (g.orbital_plane, g.ascdsc, g.look_direction): (rank, g.count)
        for rank, g in enumerate(result.groups, start=1)
    }
    centres = _uses_centres(result)
    aoi = QgsGeometry() if centres else _aoi_geometry(result)
    datetime_fields = {name for name, kind in _FIELD_SPECS if kind == "datetime"}
    features = []
    for opportunity in sorted(result.opportunities, key=lambda o: o.window_open):
        rank, passes = ranks.get(opportunity.group_key, (0, 0))
        record = opportunity_record(
            opportunity,
            group_rank=rank,
            group_passes=passes,
            access_request_id=result.request.id,
        )
        feature = QgsFeature(fields)
        values = []
        for index in range(fields.count()):
            name = fields.at(index).name()
            value = record.get(name)
            values.append(_qdatetime(value) if name in datetime_fields else value)
        feature.setAttributes(values)
        # Each feature gets its own copy of the AOI (QgsGeometry is implicitly shared).
        geometry = _centre_point(opportunity) if centres else QgsGeometry(aoi)
        if geometry is not None and not geometry.isNull():
            feature.setGeometry(geometry)
        features.append(feature)
    return features


def describe_layer(layer: QgsVectorLayer, result: OpportunityResult) -> None:
    """Title, abstract (the physical-access note) and the access request of ``result``."""
    # The core's note, translated by its marked twin (style.PHYSICAL_ACCESS_TEXT).
    note = tr(result.note)
    metadata = QgsLayerMetadata(layer.metadata())
    metadata.setTitle(layer.name())
    metadata.setAbstract(note)
    metadata.setIdentifier(result.request.id)
    layer.setMetadata(metadata)
    layer.setAbstract(note)
    layer.setCustomProperty(ACCESS_REQUEST_PROPERTY, result.request.id)


def opportunities_layer(result: OpportunityResult, *, name: str) -> QgsVectorLayer:
    """A memory layer of ``result``'s passes, styled by group, its abstract saying that they
    are physical access only, not a schedule. Not added to any project."""
    geometry_type = opportunity_geometry_type(result)
    layer = QgsVectorLayer(f"{geometry_type}?crs={EPSG_4326}", name, "memory")
    layer.setCrs(QgsCoordinateReferenceSystem(EPSG_4326))
    fields = opportunity_fields()
    provider = layer.dataProvider()
    provider.addAttributes(fields.toList())
    layer.updateFields()
    provider.addFeatures(opportunity_features(result, layer.fields()))
    layer.updateExtents()
    describe_layer(layer, result)
    style_opportunities(layer)
    return layer

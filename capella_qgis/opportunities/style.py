"""Opportunities layer presentation: one colour per group, map tips, time, the access note."""

from __future__ import annotations

import html
from typing import Any, Optional

from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsRendererCategory,
    QgsSymbol,
    QgsVectorLayer,
    QgsVectorLayerTemporalProperties,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from capella_qgis.toolbelt.compat import QT_TRANSLATE_NOOP, tr

#: The core's PHYSICAL_ACCESS_NOTE (core has no Qt), marked here so pylupdate5 extracts it;
#: shown through ``tr()``. The tests keep the two texts identical. Not reformatted: pylupdate5
#: drops a call whose last argument has a trailing comma.
PHYSICAL_ACCESS_TEXT = QT_TRANSLATE_NOOP(
    "@default",
    "Opportunities are physical access only: when a satellite can see the target under these "
    "constraints. They are not a schedule and ignore other tasking, so a request may still be "
    "collected at another time or not at all."
)  # fmt: skip
#: Custom property marking a layer as an opportunities layer (for the GUI and the styler).
MARKER_PROPERTY = "capella/opportunities"
GROUP_FIELD = "group"
DISPLAY_EXPRESSION = "\"group\" || ' ' || format_date(\"window_open\", 'yyyy-MM-dd HH:mm')"
# Colour-blind-friendly (Okabe-Ito + Paul Tol): a hue per orbital plane, dark for left-looking
# and light for right-looking passes; the marker's direction says ascending or descending.
PLANE_LOOK_COLORS: dict[tuple[int, str], str] = {
    (45, "left"): "#0072b2",
    (45, "right"): "#56b4e9",
    (53, "left"): "#d55e00",
    (53, "right"): "#e69f00",
    (97, "left"): "#117733",
    (97, "right"): "#44aa99",
}
SPARE_COLORS = ("#aa4499", "#882255", "#999933", "#cc6677", "#332288", "#ddcc77")
OTHER_COLOR = "#bbbbbb"
MARKER_SIZE_MM = 3.4
FILL_ALPHA = 60
# Ascending passes point up, descending down; unknown: a circle.
_MARKER_SHAPES = {"ascending": ("triangle", 0.0), "descending": ("triangle", 180.0)}


def _is_point_layer(layer: QgsVectorLayer) -> bool:
    return bool(layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry)


def group_symbol(color: str, asc_dsc: Optional[str], point: bool) -> QgsSymbol:
    """The symbol of one group: a triangle up (ascending) / down (descending), or a fill."""
    base = QColor(color)
    outline = base.darker(140)
    outline_text = f"{outline.red()},{outline.green()},{outline.blue()},255"
    if point:
        shape, angle = _MARKER_SHAPES.get(asc_dsc or "", ("circle", 0.0))
        return QgsMarkerSymbol.createSimple(
            {
                "name": shape,
                "color": f"{base.red()},{base.green()},{base.blue()},255",
                "outline_color": outline_text,
                "outline_width": "0.3",
                "size": str(MARKER_SIZE_MM),
                "angle": str(angle),
            }
        )
    return QgsFillSymbol.createSimple(
        {
            "color": f"{base.red()},{base.green()},{base.blue()},{FILL_ALPHA}",
            "outline_color": outline_text,
            "outline_width": "0.5",
        }
    )


def _groups(layer: QgsVectorLayer) -> list[tuple[str, int, Any, Any, Any]]:
    """``(label, passes, plane, asc_dsc, look)`` of each group on the layer, by group rank."""
    names = layer.fields().names()
    if GROUP_FIELD not in names:
        return []
    seen: dict[str, list[Any]] = {}
    for feature in layer.getFeatures():
        label = feature[GROUP_FIELD]
        if label is None or (hasattr(label, "isNull") and label.isNull()):
            continue
        entry = seen.setdefault(
            str(label),
            [
                feature["group_rank"] if "group_rank" in names else None,
                0,
                feature["orbital_plane"] if "orbital_plane" in names else None,
                feature["asc_dsc"] if "asc_dsc" in names else None,
                feature["look_direction"] if "look_direction" in names else None,
            ],
        )
        entry[1] += 1

    def order(item: tuple[str, list[Any]]) -> tuple[int, str]:
        rank = item[1][0]
        plain = isinstance(rank, int) and rank > 0
        return (rank if plain else 10**6, item[0])

    return [(label, e[1], e[2], e[3], e[4]) for label, e in sorted(seen.items(), key=order)]


def _plain(value: Any) -> Any:
    return None if value is None or (hasattr(value, "isNull") and value.isNull()) else value


def group_renderer(layer: QgsVectorLayer) -> QgsCategorizedSymbolRenderer:
    """One category per group on the layer (most passes first), then "other"."""
    point = _is_point_layer(layer)
    spare = iter(SPARE_COLORS)
    categories = []
    for label, passes, plane, asc_dsc, look in _groups(layer):
        plane, asc_dsc, look = _plain(plane), _plain(asc_dsc), _plain(look)
        color = PLANE_LOOK_COLORS.get((plane, look)) if isinstance(plane, int) else None
        if color is None:
            color = next(spare, OTHER_COLOR)
        text = tr("{group} ({n} passes)").format(group=label, n=passes)
        categories.append(QgsRendererCategory(label, group_symbol(color, asc_dsc, point), text))
    # A category whose value is empty matches every value not listed (and NULL).
    categories.append(
        QgsRendererCategory("", group_symbol(OTHER_COLOR, None, point), tr("other / unknown"))
    )
    return QgsCategorizedSymbolRenderer(GROUP_FIELD, categories)


def map_tip() -> str:
    """The map tip of a pass: group, window (UTC), spacecraft, angles and the access note."""
    window = tr("Window (UTC)")
    spacecraft = tr("Spacecraft")
    off_nadir = tr("Off-nadir")
    grazing = tr("Grazing")
    local = tr("Local time")
    return (
        '<b>[% "group" %]</b><br>'
        f"{window}: [% format_date(\"window_open\", 'yyyy-MM-dd HH:mm:ss') %] – "
        "[% format_date(\"window_close\", 'HH:mm:ss') %] "
        '([% "duration_s" %] s)<br>'
        f'{spacecraft}: [% "spacecraft" %], [% "orbital_plane" %]°<br>'
        f'{off_nadir}: [% round("off_nadir_min", 1) %]–[% round("off_nadir_max", 1) %]°, '
        f'{grazing}: [% round("grazing_min", 1) %]–[% round("grazing_max", 1) %]°<br>'
        f'{local}: [% "local_time" %]<br>'
        f"<i>{html.escape(tr(PHYSICAL_ACCESS_TEXT))}</i>"
    )


def _temporal_mode() -> Any:
    scope = getattr(Qgis, "VectorTemporalMode", None)
    name = "FeatureDateTimeStartAndEndFromFields"
    if scope is not None and hasattr(scope, name):
        return getattr(scope, name)
    return getattr(QgsVectorLayerTemporalProperties, f"Mode{name}")


def apply_temporal(layer: QgsVectorLayer) -> None:
    """Each pass from window_open to window_close, so the Temporal Controller plays them."""
    names = layer.fields().names()
    if "window_open" not in names or "window_close" not in names:
        return
    props = layer.temporalProperties()
    if not isinstance(props, QgsVectorLayerTemporalProperties):
        return
    props.setMode(_temporal_mode())
    props.setStartField("window_open")
    props.setEndField("window_close")
    props.setIsActive(True)


def style_opportunities(layer: QgsVectorLayer) -> None:
    """Colour the passes by group, add map tips and time, and say in the layer's abstract
    that opportunities are physical access only, not a schedule."""
    layer.setRenderer(group_renderer(layer))
    layer.setLabelsEnabled(False)
    layer.setMapTipTemplate(map_tip())
    layer.setDisplayExpression(DISPLAY_EXPRESSION)
    apply_temporal(layer)
    note = tr(PHYSICAL_ACCESS_TEXT)
    if not layer.abstract():
        layer.setAbstract(note)
    metadata = layer.metadata()
    if not metadata.abstract():
        metadata.setAbstract(note)
        layer.setMetadata(metadata)
    layer.setCustomProperty(MARKER_PROPERTY, True)
    layer.triggerRepaint()

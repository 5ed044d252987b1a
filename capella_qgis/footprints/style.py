"""Footprint layer presentation: categorized renderers, temporal properties and map tips."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Optional, cast

from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsRendererCategory,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerTemporalProperties,
)
from qgis.PyQt.QtGui import QColor

from capella_qgis.core.models.enums import ObservationDirection, OrbitState, ProductType
from capella_qgis.toolbelt.compat import tr

# Style keys accepted by apply_style / load_footprint_layer, and the field each one colours by.
STYLE_FIELDS: dict[str, str] = {
    "product_type": "product_type",
    "look_direction": "observation_direction",
    "orbit_state": "orbit_state",
}
DEFAULT_STYLE = "product_type"

FILL_ALPHA = 70  # 0-255: semi-transparent fill so overlapping footprints stay readable
OUTLINE_WIDTH_MM = 0.35
OTHER_COLOR = "#bbbbbb"  # values outside the enumeration / missing values

# Colour-blind-friendly palette (Paul Tol "muted" + Okabe-Ito orange/blue), grouped by family:
# complex (SLC/SICD/CPHD) blues, detected (GEO/GEC/SIDD) greens/olive, colourised (CSI/CSIDD)
# purples, analytics (VC/VS/ACD) warm.
PRODUCT_TYPE_COLORS: dict[str, str] = {
    ProductType.SLC.value: "#332288",  # indigo
    ProductType.SICD.value: "#88ccee",  # cyan
    ProductType.CPHD.value: "#0072b2",  # blue
    ProductType.GEO.value: "#117733",  # green
    ProductType.GEC.value: "#44aa99",  # teal
    ProductType.SIDD.value: "#999933",  # olive
    ProductType.CSI.value: "#aa4499",  # purple
    ProductType.CSIDD.value: "#882255",  # wine
    ProductType.VC.value: "#cc6677",  # rose
    ProductType.VS.value: "#ddcc77",  # sand
    ProductType.ACD.value: "#e69f00",  # orange
}
LOOK_DIRECTION_COLORS: dict[str, str] = {
    ObservationDirection.left.value: "#0072b2",
    ObservationDirection.right.value: "#e69f00",
}
ORBIT_STATE_COLORS: dict[str, str] = {
    OrbitState.ascending.value: "#009e73",
    OrbitState.descending.value: "#cc79a7",
}
STYLE_COLORS: dict[str, dict[str, str]] = {
    "product_type": PRODUCT_TYPE_COLORS,
    "look_direction": LOOK_DIRECTION_COLORS,
    "orbit_state": ORBIT_STATE_COLORS,
}
# Extra colours for values the enumerations do not know (new product types, etc.).
SPARE_COLORS = ("#66ccee", "#228833", "#ccbb44", "#ee6677", "#aa3377", "#4477aa", "#bbbbbb")

# Fixed duration given to a footprint that only has a "datetime" (no start/end).
FALLBACK_DURATION_SECONDS = 60.0


def fill_symbol(color: str) -> QgsFillSymbol:
    """Semi-transparent fill with a crisp outline of the same hue."""
    base = QColor(color)
    fill = QColor(base)
    fill.setAlpha(FILL_ALPHA)
    outline = base.darker(115)
    return QgsFillSymbol.createSimple(
        {
            "color": f"{fill.red()},{fill.green()},{fill.blue()},{fill.alpha()}",
            "outline_color": f"{outline.red()},{outline.green()},{outline.blue()},255",
            "outline_width": str(OUTLINE_WIDTH_MM),
            "outline_width_unit": "MM",
            "outline_style": "solid",
            "joinstyle": "miter",
        }
    )


def _present_values(layer: QgsVectorLayer, field_name: str) -> list[str]:
    index = layer.fields().indexOf(field_name)
    if index < 0:
        return []
    values = []
    for value in layer.uniqueValues(index):
        if value is None or (hasattr(value, "isNull") and value.isNull()):
            continue
        text = str(value)
        if text and text != "NULL":
            values.append(text)
    return sorted(values)


def build_categorized_renderer(
    field_name: str, colors: dict[str, str], extra_values: Iterable[str] = ()
) -> QgsCategorizedSymbolRenderer:
    """One category per known value (enum order), then unknown present values, then "other"."""
    categories = [
        QgsRendererCategory(value, fill_symbol(color), value) for value, color in colors.items()
    ]
    spare = iter(SPARE_COLORS)
    for value in extra_values:
        if value in colors:
            continue
        color = next(spare, OTHER_COLOR)
        categories.append(QgsRendererCategory(value, fill_symbol(color), value))
    # A category whose value is empty matches every value not listed (and NULL).
    categories.append(QgsRendererCategory("", fill_symbol(OTHER_COLOR), tr("other / unknown")))
    return QgsCategorizedSymbolRenderer(field_name, categories)


def apply_style(
    layer: QgsVectorLayer, by: str = DEFAULT_STYLE, values: Optional[Sequence[str]] = None
) -> QgsCategorizedSymbolRenderer:
    """Colour footprints by ``product_type``, ``look_direction`` or ``orbit_state``; no labels.

    ``values`` (the distinct values present, computed off-thread) spares a layer scan.
    """
    if by not in STYLE_FIELDS:
        raise ValueError(f"Unknown footprint style {by!r}; choose one of {', '.join(STYLE_FIELDS)}")
    field_name = STYLE_FIELDS[by]
    present = sorted(values) if values is not None else _present_values(layer, field_name)
    renderer = build_categorized_renderer(field_name, STYLE_COLORS[by], present)
    layer.setRenderer(renderer)
    layer.setLabelsEnabled(False)
    layer.setCustomProperty("capella/style", by)
    layer.triggerRepaint()
    return renderer


# ------------------------------------------------------------------------------------ temporal


def _temporal_mode(name: str) -> Any:
    """``Qgis.VectorTemporalMode.<name>`` or ``QgsVectorLayerTemporalProperties.Mode<name>``."""
    scope = getattr(Qgis, "VectorTemporalMode", None)
    if scope is not None and hasattr(scope, name):
        return getattr(scope, name)
    return getattr(QgsVectorLayerTemporalProperties, f"Mode{name}")


def _seconds_unit() -> Any:
    scope = getattr(Qgis, "TemporalUnit", None)
    if scope is not None and hasattr(scope, "Seconds"):
        return scope.Seconds
    return QgsUnitTypes.TemporalSeconds  # type: ignore[attr-defined]  # before Qgis.TemporalUnit


def _has_nulls(layer: QgsVectorLayer, field_names: Sequence[str]) -> bool:
    for name in field_names:
        index = layer.fields().indexOf(name)
        if index < 0:
            return True
        values = layer.uniqueValues(index)
        if any(v is None or (hasattr(v, "isNull") and v.isNull()) for v in values):
            return True
    return False


def apply_temporal(
    layer: QgsVectorLayer, time_range_complete: Optional[bool] = None
) -> QgsVectorLayerTemporalProperties:
    """Enable time so the Temporal Controller plays the stack.

    Start/end fields when every feature has them, else the ``datetime`` instant with a fixed
    duration (:data:`FALLBACK_DURATION_SECONDS`). ``time_range_complete`` (known off-thread)
    spares the layer scan.
    """
    props = cast(QgsVectorLayerTemporalProperties, layer.temporalProperties())
    if time_range_complete is None:
        time_range_complete = bool(layer.featureCount()) and not _has_nulls(
            layer, ("start_datetime", "end_datetime")
        )
    if time_range_complete:
        props.setMode(_temporal_mode("FeatureDateTimeStartAndEndFromFields"))
        props.setStartField("start_datetime")
        props.setEndField("end_datetime")
    else:
        props.setMode(_temporal_mode("FeatureDateTimeInstantFromField"))
        props.setStartField("datetime")
        props.setEndField("")
        props.setDurationUnits(_seconds_unit())
        props.setFixedDuration(FALLBACK_DURATION_SECONDS)
    props.setIsActive(True)
    return props


# ------------------------------------------------------------------------------------ map tips

_THUMB_EXPR = (
    "CASE WHEN coalesce(\"thumb_path\", '') <> '' "
    "THEN '<img src=\"file:///' || regexp_replace(replace(\"thumb_path\", '\\\\', '/'), '^/+', '')"
    ' || \'" style="max-width:240px;max-height:240px"/>\' '
    "ELSE '<i>thumbnail not cached yet</i>' END"
)

MAP_TIP_TEMPLATE = f"""<div style="font-family:sans-serif;font-size:9pt">
<b>[% "stac_id" %]</b><br/>
<div data-capella-thumb="1">[% {_THUMB_EXPR} %]</div>
<table>
<tr><td>Date/time (UTC)</td><td>[% format_date("datetime", 'yyyy-MM-dd HH:mm:ss') %]</td></tr>
<tr><td>Product type</td><td>[% "product_type" %]</td></tr>
<tr><td>Mode</td><td>[% "instrument_mode" %]</td></tr>
<tr><td>Polarizations</td><td>[% "polarizations" %]</td></tr>
<tr><td>Look direction</td><td>[% "observation_direction" %]</td></tr>
<tr><td>Orbit</td><td>[% "orbit_state" %]</td></tr>
<tr><td>Incidence</td><td>[% round("incidence_angle", 1) %]&deg;</td></tr>
<tr><td>Platform</td><td>[% "platform" %]</td></tr>
</table>
</div>"""


def apply_map_tips(layer: QgsVectorLayer, template: Optional[str] = None) -> None:
    """HTML map tip with the cached thumbnail and key properties; display expression = id."""
    layer.setMapTipTemplate(template or MAP_TIP_TEMPLATE)
    layer.setDisplayExpression('"stac_id"')

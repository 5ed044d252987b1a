"""Shared Processing parameter helpers: enums, dates, numbers, AOIs and QGIS 3.22 shims."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timezone
from enum import Enum
from typing import TYPE_CHECKING, Any, Optional, TypeVar

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsFeatureSource,
    QgsGeometry,
    QgsGeometryCollection,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
    QgsProperty,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QDate, QDateTime, Qt

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.timefmt import parse_utc
from capella_qgis.toolbelt.compat import DEFAULT_CONTEXT, QgsProcessingException, scoped_enum

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.core.models.stac import StacItem

EPSG_4326 = "EPSG:4326"
INDENT = "  "  # log lines under a heading (outside tr(): translators keep no spaces)

_T = TypeVar("_T")


def tr(text: str) -> str:
    """Translate a Processing string (pylupdate5 files bare ``tr()`` calls under "@default")."""
    return QCoreApplication.translate(DEFAULT_CONTEXT, text)


# --------------------------------------------------------------------- 3.22 / 3.36+ shims


def _scoped(new_owner: Any, new_enum: str, member: str, old_owner: Any, old_name: str) -> Any:
    scope = getattr(new_owner, new_enum, None)
    if scope is not None and hasattr(scope, member):
        return getattr(scope, member)
    return getattr(old_owner, old_name)


def source_type(name: str) -> Any:
    """``Qgis.ProcessingSourceType.<name>`` (3.36+) or ``QgsProcessing.Type<name>`` (3.22)."""
    return _scoped(Qgis, "ProcessingSourceType", name, QgsProcessing, f"Type{name}")


def wkb_type(name: str) -> Any:
    """``Qgis.WkbType.<name>`` (3.30+) or ``QgsWkbTypes.<name>``."""
    return _scoped(Qgis, "WkbType", name, QgsWkbTypes, name)


def number_type(name: str) -> Any:
    """``Qgis.ProcessingNumberParameterType.<name>`` or ``QgsProcessingParameterNumber.<name>``."""
    return _scoped(Qgis, "ProcessingNumberParameterType", name, QgsProcessingParameterNumber, name)


def fast_insert() -> Any:
    """The FastInsert sink flag."""
    return _scoped(QgsFeatureSink, "Flag", "FastInsert", QgsFeatureSink, "FastInsert")


def make_advanced(param: QgsProcessingParameterDefinition) -> QgsProcessingParameterDefinition:
    """Mark a parameter as advanced (collapsed in the dialog)."""
    flag = _scoped(
        Qgis,
        "ProcessingParameterFlag",
        "Advanced",
        QgsProcessingParameterDefinition,
        "FlagAdvanced",
    )
    param.setFlags(param.flags() | flag)
    return param


# ------------------------------------------------------------------------------ parameters


def _values(values: Iterable[Any]) -> list[str]:
    return [str(v.value) if isinstance(v, Enum) else str(v) for v in values]


def enum_param(
    name: str,
    description: str,
    values: Iterable[Any],
    *,
    multiple: bool = False,
    optional: bool = True,
    default: Any = None,
) -> QgsProcessingParameterEnum:
    """An enum parameter taking the wire values themselves (``--PRODUCT_TYPES=GEO``)."""
    options = _values(values)
    param = QgsProcessingParameterEnum(name, description, options, multiple, default, optional)
    param.setUsesStaticStrings(True)
    return param


def is_set(parameters: Mapping[str, Any], name: str) -> bool:
    """True when a parameter was given a non-empty value."""
    value = parameters.get(name)
    if value is None:
        return False
    if isinstance(value, QDateTime):
        return value.isValid()
    if hasattr(value, "isNull") and value.isNull():
        return False
    if isinstance(value, (list, tuple)):
        return bool(value)
    return str(value).strip() != ""


def enum_strings(
    alg: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    name: str,
    context: QgsProcessingContext,
) -> list[str]:
    """The chosen values of a static-string enum parameter (empty when unset)."""
    if not is_set(parameters, name):
        return []
    values = alg.parameterAsEnumStrings(parameters, name, context)
    return [str(v) for v in values if str(v).strip()]


def enum_string(
    alg: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    name: str,
    context: QgsProcessingContext,
) -> Optional[str]:
    """The chosen value of a single static-string enum parameter, or None."""
    if not is_set(parameters, name):
        return None
    value = alg.parameterAsEnumString(parameters, name, context)
    return str(value) if value else None


def string_value(
    alg: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    name: str,
    context: QgsProcessingContext,
) -> Optional[str]:
    """A stripped string parameter, None when empty."""
    if not is_set(parameters, name):
        return None
    text = alg.parameterAsString(parameters, name, context).strip()
    return text or None


def _if_set(parameters: Mapping[str, Any], name: str, read: Callable[[], _T]) -> Optional[_T]:
    """``read()``, or None when the parameter was not given a value."""
    return read() if is_set(parameters, name) else None


def number_value(
    alg: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    name: str,
    context: QgsProcessingContext,
) -> Optional[float]:
    """An optional number parameter (None when unset)."""
    return _if_set(
        parameters, name, lambda: float(alg.parameterAsDouble(parameters, name, context))
    )


def int_value(
    alg: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    name: str,
    context: QgsProcessingContext,
) -> Optional[int]:
    """An optional integer parameter (None when unset)."""
    return _if_set(parameters, name, lambda: int(alg.parameterAsInt(parameters, name, context)))


def number_param(
    name: str,
    description: str,
    *,
    integer: bool = False,
    minimum: Optional[float] = None,
    maximum: Optional[float] = None,
    default: Any = None,
    optional: bool = True,
) -> QgsProcessingParameterNumber:
    """A number parameter; bounds are checked by Processing itself."""
    param = QgsProcessingParameterNumber(
        name, description, number_type("Integer" if integer else "Double"), default, optional
    )
    if minimum is not None:
        param.setMinimum(minimum)
    if maximum is not None:
        param.setMaximum(maximum)
    return param


def datetime_param(name: str, description: str) -> QgsProcessingParameterDateTime:
    """An optional date/time parameter (UTC unless an offset is given)."""
    return QgsProcessingParameterDateTime(name, description, optional=True)


def datetime_value(
    alg: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    name: str,
    context: QgsProcessingContext,
) -> Optional[datetime]:
    """A date/time parameter as an aware UTC datetime; a value without offset counts as UTC."""
    if not is_set(parameters, name):
        return None
    raw = parameters.get(name)
    if isinstance(raw, (str, datetime, date)) and not isinstance(raw, QDateTime):
        # The one timestamp parser: ISO 8601 with any offset, unpadded dates (2022-12-1).
        try:
            return parse_utc(raw, label(alg, name))
        except InputError as exc:
            raise QgsProcessingException(exc.message) from None
    value = alg.parameterAsDateTime(parameters, name, context)
    if value is None or not value.isValid():
        raise QgsProcessingException(
            tr("{label}: not a valid date/time; {example}").format(
                label=label(alg, name), example=DATE_EXAMPLE
            )
        )
    utc_spec = scoped_enum(Qt, "TimeSpec", "UTC")
    local_spec = scoped_enum(Qt, "TimeSpec", "LocalTime")
    if value.timeSpec() == local_spec:
        value = QDateTime(value.date(), value.time(), utc_spec)
    msecs = value.toMSecsSinceEpoch()
    return datetime.fromtimestamp(msecs / 1000, tz=timezone.utc)


def datetime_range_filters(
    alg: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
    key: str,
    bounds: tuple[str, str],
) -> dict[str, datetime]:
    """``{key__gte: after, key__lte: before}`` for the bounds given (parameter names ``bounds``).

    Raises QgsProcessingException when both are given and the start is after the end: the
    core validator's message (as the core client words it), under both parameters' labels.
    """
    from capella_qgis.core.validation import check_bounds

    after = datetime_value(alg, parameters, bounds[0], context)
    before = datetime_value(alg, parameters, bounds[1], context)
    try:
        check_bounds(after, before, " / ".join(label(alg, n) for n in bounds))
    except InputError as exc:
        raise QgsProcessingException(exc.message) from None
    filters = {}
    if after:
        filters[f"{key}__gte"] = after
    if before:
        filters[f"{key}__lte"] = before
    return filters


# ------------------------------------------------------------------ checks of raw values

DATE_EXAMPLE = "use ISO 8601 like 2026-05-01, 2026-05-01T12:00:00Z or 2026-05-01T14:00:00+02:00"
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0", "")
_EXTENT = re.compile(
    r"^\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*,\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*,"
    r"\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*,\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*"
    r"(?:\[(?P<crs>[^\]]*)\])?\s*$"
)


def label(alg: QgsProcessingAlgorithm, name: str) -> str:
    """The parameter's label (its description), as the dialog shows it; else its name."""
    definition = alg.parameterDefinition(name)
    text = definition.description() if definition is not None else ""
    return str(text) or name


def _optional(definition: QgsProcessingParameterDefinition) -> bool:
    flag = _scoped(
        Qgis,
        "ProcessingParameterFlag",
        "Optional",
        QgsProcessingParameterDefinition,
        "FlagOptional",
    )
    return bool(definition.flags() & flag)


def _number_problem(definition: Any, value: Any, what: str) -> Optional[str]:
    integer = definition.dataType() == number_type("Integer")
    kind = tr("a whole number") if integer else tr("a number")
    try:
        if isinstance(value, bool):
            raise ValueError(value)
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return tr("{label}: '{value}' is not {kind}; give {kind}").format(
            label=what, value=value, kind=kind
        )
    if not math.isfinite(number):
        return tr("{label}: {value} is not a finite number; give {kind}").format(
            label=what, value=value, kind=kind
        )
    if integer and not number.is_integer():
        return tr("{label}: {value:g} is not a whole number; give a whole number").format(
            label=what, value=number
        )
    low, high = definition.minimum(), definition.maximum()
    low = None if low <= -1e300 else low
    high = None if high >= 1e300 else high
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            bound = tr("from {low:g} to {high:g}").format(low=low, high=high)
        elif low is not None:
            bound = tr("of at least {low:g}").format(low=low)
        else:
            bound = tr("of at most {high:g}").format(high=high)
        return tr("{label}: {value:g} is out of range; give a value {bound}").format(
            label=what, value=number, bound=bound
        )
    return None


def _enum_problem(definition: Any, value: Any, what: str) -> str:
    from capella_qgis.core.validation import not_a_choice

    options = [str(o) for o in definition.options()]
    if isinstance(value, str) and definition.allowMultiple():
        given: list[Any] = [v.strip() for v in value.split(",")]
    elif isinstance(value, (list, tuple)):
        given = list(value)
    else:
        given = [value]
    unknown = [v for v in given if str(v) not in options] or given
    text = not_a_choice(what, unknown, options)  # the core's words for the same mistake
    close = [o for v in unknown for o in options if o.lower() == str(v).strip().lower()]
    if close:
        text += tr(" (did you mean {names}?)").format(names=", ".join(close))
    elif definition.allowMultiple():
        text += tr(" (several: a list, or separated by commas)")
    return text


def _range_problem(value: Any, what: str) -> Optional[str]:
    from capella_qgis.core.validation import check_bounds

    parts = value.split(",") if isinstance(value, str) else value
    usage = tr("give min,max like 20,50 (leave a side empty for no bound)")
    if not isinstance(parts, (list, tuple)) or len(parts) != 2:
        return tr("{label}: '{value}' is not a range; {usage}").format(
            label=what, value=value, usage=usage
        )
    bounds: list[Optional[float]] = []
    for part in parts:
        if part is None or (isinstance(part, str) and not part.strip()):
            bounds.append(None)
            continue
        try:
            if isinstance(part, bool):
                raise ValueError(part)
            number = float(part)
        except (TypeError, ValueError):
            return tr("{label}: '{value}' is not a range; {usage}").format(
                label=what, value=value, usage=usage
            )
        bounds.append(None if math.isnan(number) else number)
    try:
        check_bounds(bounds[0], bounds[1], what)
    except InputError as exc:
        return exc.message
    return None


def _bool_problem(value: Any, what: str) -> Optional[str]:
    if isinstance(value, bool) or (isinstance(value, int) and value in (0, 1)):
        return None
    if isinstance(value, str) and value.strip().lower() in (*_TRUE, *_FALSE):
        return None
    return tr("{label}: '{value}' is not true or false; give true or false").format(
        label=what, value=value
    )


def _datetime_problem(value: Any, what: str) -> Optional[str]:
    if isinstance(value, (QDateTime, QDate)):
        if value.isValid():
            return None
        return tr("{label}: not a valid date/time; {example}").format(
            label=what, example=DATE_EXAMPLE
        )
    try:
        parse_utc(value, what)
    except InputError as exc:
        return exc.message
    return None


def parameter_problem(
    alg: QgsProcessingAlgorithm,
    definition: QgsProcessingParameterDefinition,
    parameters: Mapping[str, Any],
    context: QgsProcessingContext,
) -> Optional[str]:
    """What is wrong with one parameter's value, naming its label and saying what to give.

    None when the value is fine. Replaces QGIS' bare "Incorrect parameter value for X"; also
    refuses what QGIS lets through by treating it as unset or true ("abc" for an optional
    number, "maybe" for a boolean, "a,b" for a range) and accepts unpadded dates.
    """
    name = definition.name()
    what = label(alg, name)
    value = parameters.get(name)
    kind = definition.type()
    if isinstance(value, QgsProperty):  # a model's expression: evaluated by QGIS at run time
        return None
    if not is_set(parameters, name):
        if definition.checkValueIsAcceptable(value, context):
            return None
        return tr("{label}: this parameter is required; give a value").format(label=what)
    if kind == "datetime":
        return _datetime_problem(value, what)
    if kind == "number":
        return _number_problem(definition, value, what)
    if kind == "range":
        return _range_problem(value, what)
    if kind == "boolean":
        return _bool_problem(value, what)
    if definition.checkValueIsAcceptable(value, context):
        if kind == "geometry" and isinstance(value, str):
            geometry = alg.parameterAsGeometry(dict(parameters), name, context)
            if geometry is None or geometry.isNull() or geometry.isEmpty():
                return geometry_usage(what, value)  # unreadable WKT such as "POLYGON(("
        return None
    if kind == "enum":
        return _enum_problem(definition, value, what)
    if kind == "extent":
        return tr(
            "{label}: '{value}' is not an extent; give xmin,xmax,ymin,ymax and its CRS, e.g. "
            "-10,10,-5,5 [EPSG:4326], or a layer"
        ).format(label=what, value=value)
    if kind == "geometry":
        return geometry_usage(what, value)
    if kind == "source":
        return source_problem(what, value)
    return tr("{label}: '{value}' is not accepted here; check the value").format(
        label=what, value=value
    )


def geometry_usage(what: str, value: Any) -> str:
    """The refusal of text that is no geometry."""
    return tr(
        "{label}: '{value}' is not a geometry; give WKT in EPSG:4326 such as POINT(lon lat) or "
        "POLYGON((lon lat, …)), or CRS=EPSG:xxxx;WKT for another CRS"
    ).format(label=what, value=value)


def source_problem(what: str, value: Any) -> str:
    """The refusal of a layer that cannot be loaded."""
    return tr(
        "{label}: could not load the layer '{value}'; choose a layer of the project or an "
        "existing file"
    ).format(label=what, value=str(value))


def raw_extent(value: Any) -> Optional[tuple[float, float, float, float]]:
    """``(xmin, xmax, ymin, ymax)`` exactly as given, or None for a layer or a QGIS object.

    QGIS normalises an extent (swaps xmin > xmax), which turns a box across the antimeridian
    (170,-170,… in EPSG:4326) into a band round the world; read the text before it does.
    """
    if isinstance(value, QgsRectangle):
        return (value.xMinimum(), value.xMaximum(), value.yMinimum(), value.yMaximum())
    if not isinstance(value, str):
        return None
    match = _EXTENT.match(value)
    if match is None:
        return None
    try:
        xmin, xmax, ymin, ymax = (float(v) for v in match.groups()[:4])
    except ValueError:
        return None
    return xmin, xmax, ymin, ymax


# ------------------------------------------------------------------------------- geometry


def wgs84() -> QgsCoordinateReferenceSystem:
    """EPSG:4326."""
    return QgsCoordinateReferenceSystem(EPSG_4326)


def geojson(geometry: QgsGeometry, what: Optional[str] = None) -> dict[str, Any]:
    """GeoJSON dict of a (EPSG:4326) geometry: every algorithm's areas are sent as this.

    A geometry shapely cannot read (the one-point ring QGIS keeps of broken WKT such as
    ``POLYGON((0 0``) is refused under ``what``, the label of the parameter it came from.
    """
    from capella_qgis.aoi.geometry import geojson_of

    try:
        return geojson_of(geometry)
    except Exception as exc:  # GEOSException, raised by shapely for such a ring
        raise QgsProcessingException(
            tr("{label}: the geometry cannot be read ({error}); give a point or a polygon").format(
                label=what or tr("Area of interest"), error=str(exc).strip()
            )
        ) from None


def single_part(geometry: QgsGeometry) -> QgsGeometry:
    """A copy, a multi-geometry of one part as that part (a Point or Polygon to the API)."""
    single = QgsGeometry(geometry)
    parts = single.constGet()
    if (
        single.isMultipart()
        and isinstance(parts, QgsGeometryCollection)
        and parts.numGeometries() == 1
    ):
        single.convertToSingleType()
    return single


def read_aoi(
    alg: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    name: str,
    context: QgsProcessingContext,
    unsupported: str,
) -> tuple[str, QgsGeometry]:
    """``(label, EPSG:4326 geometry)`` of the area given in parameter ``name``: a geometry
    parameter, or a layer (the union of its features, or of the selected ones).

    Refuses an empty area, a kind other than point or polygon (``unsupported``: the
    algorithm's words, with ``{label}`` and ``{kind}``) and an area that cannot be converted
    to longitude/latitude, each under the parameter's label.
    """
    from capella_qgis.aoi.checks import combine_geometries
    from capella_qgis.aoi.geometry import geometry_kind

    what = label(alg, name)
    definition = alg.parameterDefinition(name)
    if definition is not None and definition.type() == "geometry":
        geom = alg.parameterAsGeometry(parameters, name, context)
        crs = alg.parameterAsGeometryCrs(parameters, name, context)
    else:
        source = alg.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(source_problem(what, parameters.get(name)))
        geom = combine_geometries(f.geometry() for f in source.getFeatures())
        crs = source.sourceCrs()
    kind = geometry_kind(geom)
    if kind == "empty":
        raise QgsProcessingException(
            tr("{label}: the area of interest is empty; give a point or a polygon").format(
                label=what
            )
        )
    if kind not in ("point", "polygon"):
        raise QgsProcessingException(unsupported.format(label=what, kind=tr(kind)))
    return what, to_lonlat(geom, crs, context, what)


def to_lonlat(
    geometry: QgsGeometry,
    crs: QgsCoordinateReferenceSystem,
    context: QgsProcessingContext,
    what: str,
) -> QgsGeometry:
    """A copy of ``geometry`` (in ``crs``; an invalid one counts as EPSG:4326) in EPSG:4326;
    an area outside the CRS's area of use is refused under ``what``."""
    from capella_qgis.aoi.geometry import to_wgs84

    try:
        return to_wgs84(geometry, crs, context.transformContext())
    except Exception as exc:  # QgsCsException: outside the projection's area of use
        raise QgsProcessingException(
            tr("{label}: the area could not be converted to longitude/latitude ({error})").format(
                label=what, error=exc
            )
        ) from None


# ---------------------------------------------------------------------------- footprints


def items_from_source(source: QgsFeatureSource) -> tuple[list[StacItem], list[str]]:
    """STAC items stored in a footprint layer's ``item_json`` (else ids from ``stac_id``)."""
    from capella_qgis.core.models.stac import StacItem

    names = source.fields().names()
    if "item_json" not in names and "stac_id" not in names:
        raise QgsProcessingException(
            tr(
                "The input layer has neither an item_json nor a stac_id field; use a footprint "
                "layer from a Capella search (dock or capella:searchcatalog)."
            )
        )
    items: list[StacItem] = []
    ids: list[str] = []
    for feature in source.getFeatures():
        text = feature["item_json"] if "item_json" in names else None
        if text is not None and not (hasattr(text, "isNull") and text.isNull()) and str(text):
            try:
                items.append(StacItem.model_validate(json.loads(str(text))))
                continue
            except ValueError:
                pass  # fall back to the stac_id field
        stac_id = feature["stac_id"] if "stac_id" in names else None
        if stac_id is not None and not (hasattr(stac_id, "isNull") and stac_id.isNull()):
            ids.append(str(stac_id))
    seen: set[str] = set()
    unique_items: list[StacItem] = []
    for item in items:
        if item.id not in seen:
            seen.add(item.id)
            unique_items.append(item)
    unique_ids = [i for i in dict.fromkeys(ids) if i not in seen]
    return unique_items, unique_ids

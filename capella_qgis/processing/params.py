"""Shared Processing parameter helpers: enums, dates, numbers, AOIs and QGIS 3.22 shims."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from enum import Enum
from typing import Any, Optional, TypeVar

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsFeatureSource,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QDateTime, Qt

from capella_qgis.aoi.geometry import geojson_of
from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.stac import StacItem
from capella_qgis.core.timefmt import parse_utc
from capella_qgis.toolbelt.compat import DEFAULT_CONTEXT, QgsProcessingException, scoped_enum

EPSG_4326 = "EPSG:4326"

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
    if isinstance(raw, str) and raw.strip():
        try:
            return parse_utc(raw, name)
        except InputError as exc:
            raise QgsProcessingException(
                tr("{name}: '{value}' is not an ISO 8601 date/time (2024-05-01T00:00:00Z)").format(
                    name=name, value=raw
                )
            ) from exc
    value = alg.parameterAsDateTime(parameters, name, context)
    if value is None or not value.isValid():
        raise QgsProcessingException(tr("{name}: not a valid date/time").format(name=name))
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
    error: str,
) -> dict[str, datetime]:
    """``{key__gte: after, key__lte: before}`` for the bounds given (parameter names ``bounds``).

    Raises QgsProcessingException(``error``) when both are given and they are not in order.
    """
    after = datetime_value(alg, parameters, bounds[0], context)
    before = datetime_value(alg, parameters, bounds[1], context)
    if after and before and after >= before:
        raise QgsProcessingException(error)
    filters = {}
    if after:
        filters[f"{key}__gte"] = after
    if before:
        filters[f"{key}__lte"] = before
    return filters


# ------------------------------------------------------------------------------- geometry


def wgs84() -> QgsCoordinateReferenceSystem:
    """EPSG:4326."""
    return QgsCoordinateReferenceSystem(EPSG_4326)


def geojson(geometry: QgsGeometry) -> dict[str, Any]:
    """GeoJSON dict of a (EPSG:4326) geometry."""
    return geojson_of(geometry)


# ---------------------------------------------------------------------------- footprints


def items_from_source(source: QgsFeatureSource) -> tuple[list[StacItem], list[str]]:
    """STAC items stored in a footprint layer's ``item_json`` (else ids from ``stac_id``)."""
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

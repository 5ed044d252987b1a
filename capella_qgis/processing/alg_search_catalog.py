"""capella:searchcatalog — catalog search into a footprint layer (the dock's fields)."""

from __future__ import annotations

import json
import math
from typing import Any, Optional

from qgis.core import (
    QgsFeature,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterGeometry,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRange,
    QgsProcessingParameterString,
)

from capella_qgis.aoi.checks import aoi_from_extent, check_aoi, combine_geometries
from capella_qgis.core.models.enums import (
    CATALOG_MAX_ITEMS,
    CatalogPolarization,
    InstrumentMode,
    ProductType,
)
from capella_qgis.core.search.query import OPERATORS, CatalogQuery
from capella_qgis.footprints.layer import (
    FOOTPRINT_FIELDS,
    footprint_geometry,
    item_to_attributes,
)
from capella_qgis.processing.base import CapellaAlgorithm
from capella_qgis.processing.params import (
    datetime_param,
    datetime_range_filters,
    enum_param,
    enum_string,
    enum_strings,
    fast_insert,
    is_set,
    make_advanced,
    number_type,
    source_type,
    string_value,
    tr,
    wgs84,
    wkb_type,
)
from capella_qgis.toolbelt.compat import QT_TR_NOOP, QgsProcessingException

AOI = "AOI"
AOI_GEOMETRY = "AOI_GEOMETRY"
AOI_LAYER = "AOI_LAYER"
START = "START"
END = "END"
PRODUCT_TYPES = "PRODUCT_TYPES"
INSTRUMENT_MODES = "INSTRUMENT_MODES"
POLARIZATIONS = "POLARIZATIONS"
LOOK_DIRECTION = "LOOK_DIRECTION"
ORBIT_STATE = "ORBIT_STATE"
INCIDENCE_ANGLE = "INCIDENCE_ANGLE"
LOOK_ANGLE = "LOOK_ANGLE"
COLLECTIONS = "COLLECTIONS"
QUERY = "QUERY"
SORTBY = "SORTBY"
LIMIT = "LIMIT"
OUTPUT = "OUTPUT"
COUNT = "COUNT"
NUMBER_MATCHED = "NUMBER_MATCHED"
DEFAULT_LIMIT = 100


def _range(
    alg: CapellaAlgorithm, parameters: dict[str, Any], name: str, context: QgsProcessingContext
) -> tuple[Optional[float], Optional[float]]:
    if not is_set(parameters, name):
        return None, None
    raw_low, raw_high = alg.parameterAsRange(parameters, name, context)
    low = None if raw_low is None or math.isnan(raw_low) else float(raw_low)
    high = None if raw_high is None or math.isnan(raw_high) else float(raw_high)
    if low is not None and high is not None and low > high:
        raise QgsProcessingException(
            tr("{name}: the minimum {low:g} is larger than the maximum {high:g}").format(
                name=name, low=low, high=high
            )
        )
    return low, high


def _advanced_query(text: Optional[str]) -> dict[str, Any]:
    """``{"platform": "capella-6", "look_angle__gte": 30, "epsg": {"in": [32633]}}``."""
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise QgsProcessingException(
            tr("QUERY is not valid JSON: {error}").format(error=exc)
        ) from None
    if not isinstance(data, dict):
        raise QgsProcessingException(
            tr('QUERY must be a JSON object such as {"look_angle__gte": 30}')
        )
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict) and value and all(op in OPERATORS for op in value):
            for op, operand in value.items():
                flat[f"{key}__{op}"] = operand
        else:
            flat[key] = value
    return flat


class SearchCatalogAlgorithm(CapellaAlgorithm):
    """Search the Capella catalog; every parameter maps onto a CatalogQuery filter."""

    ALG_NAME = "searchcatalog"
    DISPLAY_NAME = QT_TR_NOOP("Search catalog")
    HELP = QT_TR_NOOP(
        "<p>Searches the Capella catalog (STAC) and writes the footprints with the same fields "
        "as the Capella dock's search layers (the full STAC item is kept in <i>item_json</i>, so "
        "the output feeds <i>Review order</i> and <i>Submit order</i>).</p>"
        "<p>Area of interest: give at most one of AOI (an extent), AOI_GEOMETRY (WKT, EPSG:4326) "
        "or AOI_LAYER (the union of its features, selected features only if chosen). Dates are "
        "UTC unless an offset is given. QUERY takes SDK-style filters as JSON, e.g. "
        '<code>{"platform": "capella-6", "look_angle__gte": 30}</code>. SORTBY is a field '
        "name, prefixed with - for descending (e.g. <code>-datetime</code>).</p>"
    )

    def define(self) -> None:
        self.addParameter(
            QgsProcessingParameterExtent(AOI, tr("Area of interest (extent)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterGeometry(
                AOI_GEOMETRY, tr("Area of interest (geometry, EPSG:4326)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                AOI_LAYER,
                tr("Area of interest (layer)"),
                [source_type("VectorPolygon"), source_type("VectorPoint")],
                optional=True,
            )
        )
        self.addParameter(datetime_param(START, tr("Acquired after (UTC)")))
        self.addParameter(datetime_param(END, tr("Acquired before (UTC)")))
        self.addParameter(
            enum_param(PRODUCT_TYPES, tr("Product types"), ProductType, multiple=True)
        )
        self.addParameter(
            enum_param(INSTRUMENT_MODES, tr("Instrument modes"), InstrumentMode, multiple=True)
        )
        self.addParameter(
            enum_param(POLARIZATIONS, tr("Polarizations"), CatalogPolarization, multiple=True)
        )
        self.addParameter(enum_param(LOOK_DIRECTION, tr("Look direction"), ("left", "right")))
        self.addParameter(enum_param(ORBIT_STATE, tr("Orbit state"), ("ascending", "descending")))
        for name, label in (
            (INCIDENCE_ANGLE, tr("Incidence angle range (°)")),
            (LOOK_ANGLE, tr("Look angle range (°)")),
        ):
            self.addParameter(
                QgsProcessingParameterRange(name, label, number_type("Double"), None, True)
            )
        self.addParameter(
            make_advanced(
                QgsProcessingParameterString(
                    COLLECTIONS, tr("Collections (comma separated)"), optional=True
                )
            )
        )
        self.addParameter(
            make_advanced(
                QgsProcessingParameterString(
                    QUERY, tr("Advanced query (JSON)"), multiLine=True, optional=True
                )
            )
        )
        self.addParameter(
            make_advanced(
                QgsProcessingParameterString(SORTBY, tr("Sort by (e.g. -datetime)"), optional=True)
            )
        )
        limit = QgsProcessingParameterNumber(
            LIMIT, tr("Maximum number of results"), number_type("Integer"), DEFAULT_LIMIT
        )
        limit.setMinimum(1)
        limit.setMaximum(CATALOG_MAX_ITEMS)
        self.addParameter(limit)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT, tr("Footprints"), source_type("VectorPolygon")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(COUNT, tr("Number of footprints")))
        self.addOutput(QgsProcessingOutputNumber(NUMBER_MATCHED, tr("Number of matches")))

    def _aoi(self, parameters: dict[str, Any], context: QgsProcessingContext) -> dict[str, Any]:
        given = [n for n in (AOI, AOI_GEOMETRY, AOI_LAYER) if is_set(parameters, n)]
        if len(given) > 1:
            raise QgsProcessingException(
                tr("Give only one area of interest; got {names}").format(names=", ".join(given))
            )
        if not given:
            return {}
        if given[0] == AOI:
            extent = self.parameterAsExtent(parameters, AOI, context)
            crs = self.parameterAsExtentCrs(parameters, AOI, context)
            checked = aoi_from_extent(
                extent, crs if crs.isValid() else wgs84(), context.transformContext()
            )
            if not checked.ok or checked.bbox is None:
                raise QgsProcessingException(f"AOI: {checked.message}")
            return {"bbox": list(checked.bbox)}
        if given[0] == AOI_GEOMETRY:
            geom = self.parameterAsGeometry(parameters, AOI_GEOMETRY, context)
            crs = self.parameterAsGeometryCrs(parameters, AOI_GEOMETRY, context)
        else:
            source = self.parameterAsSource(parameters, AOI_LAYER, context)
            if source is None:
                raise QgsProcessingException(self.invalidSourceError(parameters, AOI_LAYER))
            geom = combine_geometries(f.geometry() for f in source.getFeatures())
            crs = source.sourceCrs()
        checked = check_aoi(
            geom,
            crs if crs.isValid() else wgs84(),
            allowed=("point", "polygon"),
            context=context.transformContext(),
        )
        if not checked.ok:
            raise QgsProcessingException(f"{given[0]}: {checked.message}")
        return {"intersects": checked.geojson()}

    def parse(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Any:
        kwargs: dict[str, Any] = dict(self._aoi(parameters, context))
        kwargs.update(
            datetime_range_filters(
                self, parameters, context, "datetime", (START, END), tr("START must be before END")
            )
        )
        lists = {
            "product_type": enum_strings(self, parameters, PRODUCT_TYPES, context),
            "instrument_mode": enum_strings(self, parameters, INSTRUMENT_MODES, context),
            "polarizations": enum_strings(self, parameters, POLARIZATIONS, context),
        }
        kwargs.update({key: value for key, value in lists.items() if value})
        for key, name in (
            ("observation_direction", LOOK_DIRECTION),
            ("orbit_state", ORBIT_STATE),
        ):
            value = enum_string(self, parameters, name, context)
            if value:
                kwargs[key] = value
        for key, name in (("incidence_angle", INCIDENCE_ANGLE), ("look_angle", LOOK_ANGLE)):
            low, high = _range(self, parameters, name, context)
            if low is not None:
                kwargs[f"{key}__gte"] = low
            if high is not None:
                kwargs[f"{key}__lte"] = high
        collections = string_value(self, parameters, COLLECTIONS, context)
        if collections:
            kwargs["collections"] = [c.strip() for c in collections.split(",") if c.strip()]
        sortby = string_value(self, parameters, SORTBY, context)
        if sortby:
            kwargs["sortby"] = [s.strip() for s in sortby.split(",") if s.strip()]
        kwargs["limit"] = self.parameterAsInt(parameters, LIMIT, context)
        extra = _advanced_query(string_value(self, parameters, QUERY, context))
        clash = sorted(set(extra) & set(kwargs))
        if clash:
            raise QgsProcessingException(
                tr("QUERY repeats parameters given elsewhere: {names}").format(
                    names=", ".join(clash)
                )
            )
        kwargs.update(extra)
        return CatalogQuery.from_kwargs(**kwargs)

    def execute(
        self,
        args: Any,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        query: CatalogQuery = args
        feedback.pushInfo(tr("Search body: {body}").format(body=json.dumps(query.to_body())))

        def progress(done: int, total: int, items: int) -> None:
            if total:
                feedback.setProgress(min(90.0, 90.0 * done / total))

        result = self.client.catalog.search(
            query, progress=progress, is_cancelled=self.cancel_check(feedback)
        )
        if result.error is not None:
            feedback.reportError(
                tr("Only part of the results arrived: {error}").format(error=result.error.message)
            )
        sink, dest_id = self.parameterAsSink(
            parameters, OUTPUT, context, FOOTPRINT_FIELDS, wkb_type("MultiPolygon"), wgs84()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, OUTPUT))
        total = len(result) or 1
        for index, item in enumerate(result):
            self.check_cancelled(feedback)
            feature = QgsFeature(FOOTPRINT_FIELDS)
            feature.setAttributes(item_to_attributes(item))
            feature.setGeometry(footprint_geometry(item.geometry))
            sink.addFeature(feature, fast_insert())
            feedback.setProgress(90.0 + 10.0 * (index + 1) / total)
        feedback.pushInfo(
            tr("{count} footprints ({matched} matched)").format(
                count=len(result), matched=result.number_matched
            )
        )
        return {
            OUTPUT: dest_id,
            COUNT: len(result),
            NUMBER_MATCHED: result.number_matched if result.number_matched is not None else 0,
        }

"""capella:searchcatalog — catalog search into a footprint layer (the dock's fields)."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
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
    QgsRectangle,
)

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.enums import (
    CATALOG_MAX_ITEMS,
    CatalogPolarization,
    InstrumentMode,
    ProductType,
)
from capella_qgis.processing.base import CapellaAlgorithm
from capella_qgis.processing.params import (
    datetime_param,
    datetime_range_filters,
    enum_param,
    enum_string,
    enum_strings,
    fast_insert,
    geojson,
    is_set,
    label,
    make_advanced,
    number_type,
    raw_extent,
    read_aoi,
    source_type,
    string_value,
    tr,
    wgs84,
    wkb_type,
)
from capella_qgis.toolbelt.compat import QT_TR_NOOP, QgsProcessingException

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.core.search.query import CatalogQuery

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
    """The bounds of a range parameter (its order is checked with the raw values)."""
    if not is_set(parameters, name):
        return None, None
    raw_low, raw_high = alg.parameterAsRange(parameters, name, context)
    low = None if raw_low is None or math.isnan(raw_low) else float(raw_low)
    high = None if raw_high is None or math.isnan(raw_high) else float(raw_high)
    return low, high


def _advanced_query(text: Optional[str], what: str) -> dict[str, Any]:
    """``{"platform": "capella-6", "look_angle__gte": 30, "epsg": {"in": [32633]}}``.

    Checked whole by the core (CatalogQuery): fields, operators, values, ranges; a refusal
    reads as the core client's under the parameter's label ``what``.
    """
    from capella_qgis.core.search.query import CatalogQuery
    from capella_qgis.core.validation import check_operator

    if not text:
        return {}
    example = '{"look_angle__gte": 30}'
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise QgsProcessingException(
            tr("{label}: not valid JSON ({error}); write an object such as {example}").format(
                label=what, error=exc, example=example
            )
        ) from None
    if not isinstance(data, dict):
        raise QgsProcessingException(
            tr("{label}: must be a JSON object such as {example}").format(
                label=what, example=example
            )
        )
    flat: dict[str, Any] = {}
    try:
        for key, value in data.items():
            if isinstance(value, dict):  # {"look_angle": {"gte": 30}}: operators, checked
                name = key.partition("__")[0]
                if not value:
                    raise InputError(f"{name}: no operator given; use e.g. {example}", field=name)
                for op, operand in value.items():
                    flat[f"{key}__{check_operator(op, name)}"] = operand
            else:
                flat[key] = value
        CatalogQuery.from_kwargs(**flat)
    except InputError as exc:
        raise QgsProcessingException(f"{what}: {exc.message}") from None
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

    FIELD_PARAMETERS = {
        "bbox": (AOI,),
        "datetime": (START, END),
        "product_type": (PRODUCT_TYPES,),
        "instrument_mode": (INSTRUMENT_MODES,),
        "polarizations": (POLARIZATIONS,),
        "observation_direction": (LOOK_DIRECTION,),
        "orbit_state": (ORBIT_STATE,),
        "incidence_angle": (INCIDENCE_ANGLE,),
        "look_angle": (LOOK_ANGLE,),
        "collections": (COLLECTIONS,),
        "sortby": (SORTBY,),
        "limit": (LIMIT,),
    }

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
        for name, text in (
            (INCIDENCE_ANGLE, tr("Incidence angle range (°)")),
            (LOOK_ANGLE, tr("Look angle range (°)")),
        ):
            self.addParameter(
                QgsProcessingParameterRange(name, text, number_type("Double"), None, True)
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
        from capella_qgis.core.validation import validate_search_geometry

        given = [n for n in (AOI, AOI_GEOMETRY, AOI_LAYER) if is_set(parameters, n)]
        if len(given) > 1:
            raise QgsProcessingException(
                tr("Give only one area of interest; got {names}").format(
                    names=", ".join(label(self, n) for n in given)
                )
            )
        if not given:
            return {}
        if given[0] == AOI:
            return self._extent_aoi(parameters, context)
        unsupported = tr(
            "{label}: a {kind} cannot be used as an area of interest; give points or polygons"
        )
        what, lonlat = read_aoi(self, parameters, given[0], context, unsupported)
        # The core's search validator, as for the core client; an area drawn across ±180° is
        # cut there as the search dock does (core.geometry.split_antimeridian).
        try:
            return {"intersects": validate_search_geometry(geojson(lonlat, what), what, split=True)}
        except InputError as exc:
            raise QgsProcessingException(exc.message) from None

    def _extent_aoi(
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> dict[str, Any]:
        """AOI as a bbox, refused beyond ±180/±90 (not clamped); xmin > xmax in lon/lat is a
        box across the antimeridian, searched as its two halves."""
        from capella_qgis.core.validation import validate_bbox, validate_search_geometry

        what = label(self, AOI)
        crs = self.parameterAsExtentCrs(parameters, AOI, context)
        box = raw_extent(parameters.get(AOI))
        if box is None:
            rect = self.parameterAsExtent(parameters, AOI, context)
            box = (rect.xMinimum(), rect.xMaximum(), rect.yMinimum(), rect.yMaximum())
        xmin, xmax, ymin, ymax = box
        if crs.isValid() and crs.authid() != wgs84().authid():
            xmin, xmax, ymin, ymax = self._extent_to_lonlat(box, crs, context, what)
        try:
            if xmin <= xmax:
                return {"bbox": validate_bbox([xmin, ymin, xmax, ymax])}
            validate_bbox([xmax, ymin, xmin, ymax])  # the ranges; then the two halves
            across = QgsGeometry.fromRect(QgsRectangle(xmin, ymin, xmax + 360, ymax, False))
            return {"intersects": validate_search_geometry(geojson(across, what), what, split=True)}
        except InputError as exc:
            raise QgsProcessingException(self.labelled(exc)) from None

    @staticmethod
    def _extent_to_lonlat(
        box: tuple[float, float, float, float],
        crs: QgsCoordinateReferenceSystem,
        context: QgsProcessingContext,
        what: str,
    ) -> tuple[float, float, float, float]:
        from capella_qgis.aoi.geometry import EPS

        rect = QgsRectangle(box[0], box[2], box[1], box[3])
        try:
            out = QgsCoordinateTransform(crs, wgs84(), context.transformContext())
            lonlat = out.transformBoundingBox(rect)
        except Exception as exc:  # QgsCsException
            raise QgsProcessingException(
                tr(
                    "{label}: the extent could not be converted to longitude/latitude ({error})"
                ).format(label=what, error=exc)
            ) from None

        # A world extent in a projected CRS lands a hair beyond ±180/±90: that is the edge.
        def edge(value: float, limit: float) -> float:
            return max(-limit, min(limit, value)) if abs(value) <= limit + 1e3 * EPS else value

        return (
            edge(lonlat.xMinimum(), 180),
            edge(lonlat.xMaximum(), 180),
            edge(lonlat.yMinimum(), 90),
            edge(lonlat.yMaximum(), 90),
        )

    def parse(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Any:
        from capella_qgis.core.search.query import CatalogQuery

        kwargs: dict[str, Any] = dict(self._aoi(parameters, context))
        kwargs.update(datetime_range_filters(self, parameters, context, "datetime", (START, END)))
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
        extra = _advanced_query(string_value(self, parameters, QUERY, context), label(self, QUERY))
        clash = sorted(set(extra) & set(kwargs))
        if clash:
            raise QgsProcessingException(
                tr("{label}: repeats parameters given elsewhere: {names}; give each once").format(
                    label=label(self, QUERY), names=", ".join(clash)
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
        from capella_qgis.footprints.layer import (
            FOOTPRINT_FIELDS,
            footprint_geometry,
            item_to_attributes,
        )

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

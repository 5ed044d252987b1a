"""Parameters and helpers shared by the tasking algorithms (requests, retask, access requests)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from qgis.core import (
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from capella_qgis.core.exceptions import CapellaError, InputError, user_message
from capella_qgis.core.models.enums import (
    ArchiveHoldback,
    CollectionType,
    LocalTimeOption,
    ObservationDirection,
    OrbitalPlane,
    OrbitState,
    Polarization,
    ProductType,
    SquintMode,
)
from capella_qgis.processing.base import GROUP_TASKING, CapellaAlgorithm
from capella_qgis.processing.params import (
    datetime_param,
    datetime_value,
    enum_param,
    enum_string,
    enum_strings,
    geojson,
    label,
    make_advanced,
    number_param,
    number_value,
    single_part,
    source_problem,
    source_type,
    string_value,
    to_lonlat,
    tr,
    wgs84,
)
from capella_qgis.processing.requests_output import request_feature, request_fields
from capella_qgis.toolbelt.compat import QgsProcessingException

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.core.workflows.tasking import Request

INPUT = "INPUT"
ONE_PER_FEATURE = "ONE_PER_FEATURE"
NAME = "NAME"
NAME_FIELD = "NAME_FIELD"
DESCRIPTION = "DESCRIPTION"
COLLECTION_TIER = "COLLECTION_TIER"
COLLECTION_TYPE = "COLLECTION_TYPE"
ARCHIVE_HOLDBACK = "ARCHIVE_HOLDBACK"
PRODUCT_TYPES = "PRODUCT_TYPES"
CONTRACT = "CONTRACT"
OUTPUT = "OUTPUT"
CREATED = "CREATED"
FAILED = "FAILED"
WINDOW_OPEN = "WINDOW_OPEN"
WINDOW_CLOSE = "WINDOW_CLOSE"

# The collect constraints: parameter name → (payload keyword, kind, as ``kwargs_from`` reads
# it). Each has one parameter (``constraint_param``: name, label, range) in the tasking, repeat
# and access-request algorithms alike, so a model passes it from one to another.
COLLECT_CONSTRAINTS: dict[str, tuple[str, str]] = {
    "OFF_NADIR_MIN": ("off_nadir_min", "number"),
    "OFF_NADIR_MAX": ("off_nadir_max", "number"),
    "IMAGE_WIDTH": ("image_width", "number"),
    "ORBITAL_PLANES": ("orbital_planes", "planes"),
    "ASC_DSC": ("asc_dsc", "enum"),
    "LOOK_DIRECTION": ("look_direction", "enum"),
    "LOCAL_TIME": ("local_time", "enum"),
    "POLARIZATION": ("polarization", "enum"),
    "AZIMUTH_ANGLE_MIN": ("azimuth_angle_min", "number"),
    "AZIMUTH_ANGLE_MAX": ("azimuth_angle_max", "number"),
    "SQUINT": ("squint", "enum"),
    "MAX_SQUINT_ANGLE": ("max_squint_angle", "number"),
    "GRAZING_ANGLE_MIN": ("grazing_angle_min", "number"),
    "GRAZING_ANGLE_MAX": ("grazing_angle_max", "number"),
    "IMAGE_LENGTH": ("image_length", "number"),
}
# Those a tasking or repeat request takes, in the order of their (advanced) parameters.
REQUEST_COLLECT_CONSTRAINTS = (
    "OFF_NADIR_MIN",
    "OFF_NADIR_MAX",
    "IMAGE_WIDTH",
    "ORBITAL_PLANES",
    "ASC_DSC",
    "LOOK_DIRECTION",
    "LOCAL_TIME",
    "POLARIZATION",
    "AZIMUTH_ANGLE_MIN",
    "AZIMUTH_ANGLE_MAX",
    "SQUINT",
    "MAX_SQUINT_ANGLE",
)

# Parameter name → (payload keyword, kind) of the tasking and repeat request parameters;
# kinds: "number", "enum", "enums", "planes", "text".
CONSTRAINTS: dict[str, tuple[str, str]] = {
    **{name: COLLECT_CONSTRAINTS[name] for name in REQUEST_COLLECT_CONSTRAINTS},
    "CUSTOM_ATTRIBUTE_1": ("custom_attribute_1", "text"),
    "CUSTOM_ATTRIBUTE_2": ("custom_attribute_2", "text"),
    COLLECTION_TYPE: ("collection_type", "enum"),
    ARCHIVE_HOLDBACK: ("archive_holdback", "enum"),
    COLLECTION_TIER: ("collection_tier", "enum"),
    PRODUCT_TYPES: ("product_types", "enums"),
    DESCRIPTION: ("description", "text"),
    CONTRACT: ("contract_id", "text"),
}


def add_aoi_params(alg: CapellaAlgorithm) -> None:
    """INPUT (points or polygons), one request per feature or one for all, NAME / NAME_FIELD."""
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            INPUT,
            tr("Areas of interest (points or polygons)"),
            [source_type("VectorPoint"), source_type("VectorPolygon")],
        )
    )
    alg.addParameter(
        QgsProcessingParameterBoolean(
            ONE_PER_FEATURE,
            tr("One request per feature (off: one request for the union of all features)"),
            True,
        )
    )
    alg.addParameter(QgsProcessingParameterString(NAME, tr("Request name"), optional=True))
    alg.addParameter(
        QgsProcessingParameterField(
            NAME_FIELD,
            tr("Name field (wins over NAME)"),
            parentLayerParameterName=INPUT,
            optional=True,
        )
    )
    alg.addParameter(QgsProcessingParameterString(DESCRIPTION, tr("Description"), optional=True))


def constraint_param(name: str) -> QgsProcessingParameterDefinition:
    """The parameter of the collect constraint ``name`` (a key of ``COLLECT_CONSTRAINTS``)."""
    numbers = {  # name → (label, maximum); at least 0
        "OFF_NADIR_MIN": (tr("Minimum off-nadir angle (°)"), 90),
        "OFF_NADIR_MAX": (tr("Maximum off-nadir angle (°)"), 90),
        "GRAZING_ANGLE_MIN": (tr("Minimum grazing angle (°)"), 90),
        "GRAZING_ANGLE_MAX": (tr("Maximum grazing angle (°)"), 90),
        "AZIMUTH_ANGLE_MIN": (tr("Minimum azimuth angle (°)"), 360),
        "AZIMUTH_ANGLE_MAX": (tr("Maximum azimuth angle (°)"), 360),
        "MAX_SQUINT_ANGLE": (tr("Maximum squint angle (°)"), 90),
        "IMAGE_WIDTH": (tr("Image width (m)"), None),
        "IMAGE_LENGTH": (tr("Image length (m)"), None),
    }
    if name in numbers:
        text, maximum = numbers[name]
        return number_param(name, text, minimum=0, maximum=maximum)
    if name == "ORBITAL_PLANES":
        planes = [str(int(p)) for p in OrbitalPlane]
        return enum_param(name, tr("Orbital planes"), planes, multiple=True)
    choices = {
        "ASC_DSC": (tr("Orbit state"), OrbitState),
        "LOOK_DIRECTION": (tr("Look direction"), ObservationDirection),
        "LOCAL_TIME": (tr("Local time"), LocalTimeOption),
        "POLARIZATION": (tr("Polarization"), Polarization),
        "SQUINT": (tr("Squint"), SquintMode),
    }
    text, values = choices[name]
    return enum_param(name, text, values)


def add_window_params(alg: CapellaAlgorithm) -> None:
    """WINDOW_OPEN / WINDOW_CLOSE, the collection window (the core's default: the next 7 days)."""
    alg.addParameter(datetime_param(WINDOW_OPEN, tr("Window opens (UTC)")))
    alg.addParameter(datetime_param(WINDOW_CLOSE, tr("Window closes (UTC)")))


def window_kwargs(
    alg: CapellaAlgorithm, parameters: dict[str, Any], context: QgsProcessingContext
) -> dict[str, Any]:
    """``window_open`` / ``window_close`` as given (None when not: the core's default)."""
    return {
        "window_open": datetime_value(alg, parameters, WINDOW_OPEN, context),
        "window_close": datetime_value(alg, parameters, WINDOW_CLOSE, context),
    }


def add_constraint_params(alg: CapellaAlgorithm, tier_values: Any, tier_default: str) -> None:
    """Tier, type, holdback, product types and the 12 collect constraints."""
    alg.addParameter(
        enum_param(
            COLLECTION_TIER,
            tr("Collection tier"),
            tier_values,
            optional=False,
            default=tier_default,
        )
    )
    alg.addParameter(
        enum_param(
            COLLECTION_TYPE,
            tr("Collection type"),
            CollectionType,
            optional=False,
            default=CollectionType.spotlight.value,
        )
    )
    alg.addParameter(enum_param(PRODUCT_TYPES, tr("Product types"), ProductType, multiple=True))
    advanced = [
        enum_param(ARCHIVE_HOLDBACK, tr("Archive holdback"), ArchiveHoldback),
        *(constraint_param(name) for name in REQUEST_COLLECT_CONSTRAINTS),
        QgsProcessingParameterString("CUSTOM_ATTRIBUTE_1", tr("Custom attribute 1"), optional=True),
        QgsProcessingParameterString("CUSTOM_ATTRIBUTE_2", tr("Custom attribute 2"), optional=True),
        QgsProcessingParameterString(CONTRACT, tr("Contract id"), optional=True),
    ]
    for param in advanced:
        alg.addParameter(make_advanced(param))


def constraint_kwargs(
    alg: CapellaAlgorithm, parameters: dict[str, Any], context: QgsProcessingContext
) -> dict[str, Any]:
    """Payload keywords for every constraint parameter that was given."""
    return kwargs_from(alg, parameters, context, CONSTRAINTS)


def kwargs_from(
    alg: CapellaAlgorithm,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
    spec: dict[str, tuple[str, str]],
) -> dict[str, Any]:
    """Payload keywords for every parameter of ``spec`` (name → (keyword, kind), as in
    ``CONSTRAINTS``) that was given."""
    out: dict[str, Any] = {}
    for name, (key, kind) in spec.items():
        if kind == "number":
            value: Any = number_value(alg, parameters, name, context)
        elif kind == "enum":
            value = enum_string(alg, parameters, name, context)
        elif kind == "enums":
            value = enum_strings(alg, parameters, name, context) or None
        elif kind == "planes":
            value = [int(v) for v in enum_strings(alg, parameters, name, context)] or None
        else:
            value = string_value(alg, parameters, name, context)
        if value is not None:
            out[key] = value
    return out


def aois(
    alg: CapellaAlgorithm, parameters: dict[str, Any], context: QgsProcessingContext
) -> tuple[list[tuple[str, QgsGeometry]], Any]:
    """``[(name, EPSG:4326 geometry)]`` and the output wkb type.

    Only reprojected here: the geometry rules are the core validator's, applied with the
    payload (``build_payloads``), so a refusal reads as the core client's.
    """
    source = alg.parameterAsSource(parameters, INPUT, context)
    if source is None:
        raise QgsProcessingException(source_problem(label(alg, INPUT), parameters.get(INPUT)))
    name = string_value(alg, parameters, NAME, context)
    field = string_value(alg, parameters, NAME_FIELD, context)
    if not name and not field:
        raise QgsProcessingException(
            tr("{name} / {field}: give the requests a name, or a field to read names from").format(
                name=label(alg, NAME), field=label(alg, NAME_FIELD)
            )
        )
    names = source.fields().names()
    if field and field not in names:
        raise QgsProcessingException(
            tr("{label}: the input layer has no field '{field}'; choose one of {names}").format(
                label=label(alg, NAME_FIELD), field=field, names=", ".join(names) or "-"
            )
        )
    per_feature = alg.parameterAsBoolean(parameters, ONE_PER_FEATURE, context)
    features = [f for f in source.getFeatures() if f.hasGeometry()]
    if not features:
        raise QgsProcessingException(
            tr(
                "{label}: the layer has no features with a geometry (or none is selected); "
                "choose a layer with points or polygons"
            ).format(label=label(alg, INPUT))
        )
    crs = source.sourceCrs()
    if per_feature:
        groups = [([f], f.geometry()) for f in features]
    else:
        merged = QgsGeometry.unaryUnion([f.geometry() for f in features])
        groups = [(features, merged)]
    out = []
    for index, (members, geometry) in enumerate(groups, start=1):
        request_name = name or ""
        if field:
            value = members[0][field]
            if value is not None and str(value) not in ("", "NULL"):
                request_name = str(value)
        if not request_name:
            raise QgsProcessingException(
                tr(
                    "{label}: feature {fid} has no value in {field}; fill it in, or give a "
                    "{name} for such features"
                ).format(
                    label=label(alg, NAME_FIELD),
                    fid=members[0].id(),
                    field=field,
                    name=label(alg, NAME),
                )
            )
        if not field and len(groups) > 1:
            request_name = f"{request_name} {index}"
        what = f"{request_name}: {label(alg, INPUT)}"
        out.append((request_name, to_lonlat(single_part(geometry), crs, context, what)))
    point = QgsWkbTypes.GeometryType.PointGeometry
    is_point = QgsWkbTypes.geometryType(source.wkbType()) == point
    return out, "Point" if is_point else "Polygon"


# Payload keyword (the core's InputError.field) → the parameter that sets it; the others are
# the keyword in capitals (window_close → WINDOW_CLOSE).
FIELD_PARAMETERS: dict[str, tuple[str, ...]] = {
    "geometry": (INPUT,),
    "name": (NAME,),
    **{k: (p,) for p, (k, _) in CONSTRAINTS.items()},
}


def _refusal(alg: CapellaAlgorithm, request_name: str, exc: CapellaError) -> str:
    text = alg.labelled(exc) if isinstance(exc, InputError) else user_message(exc)
    return f"{request_name}: {text}"


def build_payloads(
    alg: CapellaAlgorithm,
    aoi_list: list[tuple[str, QgsGeometry]],
    common: dict[str, Any],
    kind: str,
) -> list[tuple[QgsGeometry, Request]]:
    """Validate every payload before any is sent: the core's one validator (payload models),
    through ``build_request`` as the tasking form does."""
    from capella_qgis.core.workflows.tasking import build_request

    out = []
    for request_name, geometry in aoi_list:
        what = f"{request_name}: {label(alg, INPUT)}"
        try:
            params = {"geometry": geojson(geometry, what), "name": request_name, **common}
            out.append((geometry, build_request(kind, params)))
        except CapellaError as exc:
            raise QgsProcessingException(_refusal(alg, request_name, exc)) from None
    return out


def submit_all(
    alg: CapellaAlgorithm,
    payloads: list[tuple[QgsGeometry, Request]],
    kind: str,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    wkb: str,
) -> dict[str, Any]:
    """Send each payload, write the created requests to OUTPUT; failures are reported."""
    from capella_qgis.core.workflows.tasking import create_request
    from capella_qgis.processing.params import fast_insert, wkb_type

    fields: QgsFields = request_fields()
    sink, dest_id = alg.parameterAsSink(parameters, OUTPUT, context, fields, wkb_type(wkb), wgs84())
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, OUTPUT))
    for _geometry, payload in payloads:  # doubts no public source settles: sent, but said
        for caution in getattr(payload, "cautions", list)():
            feedback.pushWarning(f"{payload.name}: {alg.relabel(caution)}")
    created = failed = 0
    for index, (geometry, payload) in enumerate(payloads):
        if feedback.isCanceled():
            feedback.reportError(tr("Cancelled: the remaining requests were not sent"))
            break
        try:
            request = create_request(alg.client, payload)
        except CapellaError as exc:
            failed += 1
            feedback.reportError(f"{payload.name}: {user_message(exc)}")
            continue
        created += 1
        feature: QgsFeature = request_feature(request, fields, kind, geometry)
        sink.addFeature(feature, fast_insert())
        feedback.pushInfo(
            tr("Created {kind} request {id} ({status})").format(
                kind=kind, id=request.id, status=request.status or "?"
            )
        )
        feedback.setProgress(100.0 * (index + 1) / len(payloads))
    if not created and failed:
        raise QgsProcessingException(tr("No request was created; see the log"))
    return {OUTPUT: dest_id, CREATED: created, FAILED: failed}


def optional_bool(
    alg: CapellaAlgorithm, parameters: dict[str, Any], name: str, context: QgsProcessingContext
) -> Optional[bool]:
    """True, or None when unticked (so the field is not sent)."""
    return True if alg.parameterAsBoolean(parameters, name, context) else None


class CreateRequestsAlgorithm(CapellaAlgorithm):
    """Shared body of the tasking and repeat request creation algorithms (spend money).

    Subclasses add their own parameters in ``define_request`` and read them in
    ``request_kwargs``; every payload is validated before the first one is sent.
    """

    GROUP = GROUP_TASKING
    SPENDS_MONEY = True
    KIND = ""  # KIND_TASKING or KIND_REPEAT: the request built, and the kind written to OUTPUT
    FIELD_PARAMETERS = FIELD_PARAMETERS
    LABEL_NAMES_IN_TEXT = True

    def define_request(self) -> None:
        """Add the parameters between the AOI and the sink."""
        raise NotImplementedError

    def output_label(self) -> str:
        """Description of the OUTPUT sink."""
        raise NotImplementedError

    def nothing_message(self) -> str:
        """Error when there is no payload to send."""
        raise NotImplementedError

    def request_kwargs(
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> dict[str, Any]:
        """Payload keywords of the algorithm's own parameters."""
        raise NotImplementedError

    def define(self) -> None:
        add_aoi_params(self)
        self.define_request()
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT, self.output_label(), source_type("VectorAnyGeometry")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(CREATED, tr("Requests created")))
        self.addOutput(QgsProcessingOutputNumber(FAILED, tr("Requests refused")))

    def parse(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Any:
        common = constraint_kwargs(self, parameters, context)
        common.update(self.request_kwargs(parameters, context))
        aoi_list, wkb = aois(self, parameters, context)
        payloads = build_payloads(self, aoi_list, common, self.KIND)
        if not payloads:
            raise QgsProcessingException(self.nothing_message())
        return payloads, wkb

    def execute(
        self,
        args: Any,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        payloads, wkb = args
        return submit_all(self, payloads, self.KIND, parameters, context, feedback, wkb)

"""capella:checkopportunities — when satellites can see an AOI (an access request; free).

``core.workflows.tasking.check_opportunities``: ``POST /ma/accessrequests/``, polling with
back-off until it is processed, then the passes, written with the fields of
``capella_qgis.opportunities`` and styled by group when loaded. Opportunities are physical
access only, not a schedule; the log and the layer's abstract say so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from qgis.core import (
    QgsMapLayer,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterGeometry,
    QgsProcessingParameterString,
    QgsVectorLayer,
)

from capella_qgis.core.exceptions import InputError
from capella_qgis.processing.base import GROUP_TASKING, CapellaAlgorithm, without_field
from capella_qgis.processing.params import (
    INDENT,
    fast_insert,
    geojson,
    is_set,
    label,
    make_advanced,
    number_param,
    number_value,
    read_aoi,
    single_part,
    source_type,
    string_value,
    tr,
    wgs84,
    wkb_type,
)
from capella_qgis.processing.tasking_common import (
    COLLECT_CONSTRAINTS,
    add_window_params,
    constraint_param,
    kwargs_from,
    window_kwargs,
)
from capella_qgis.toolbelt.compat import QT_TR_NOOP, QgsProcessingException

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.core.models.access import (
        AccessRequest,
        AccessRequestCreate,
        OpportunityGroup,
        OpportunityResult,
    )

AOI = "AOI"
AOI_LAYER = "AOI_LAYER"
NAME = "NAME"
TIMEOUT = "TIMEOUT"
EXISTING_REQUEST = "EXISTING_REQUEST"
OUTPUT = "OUTPUT"
ACCESS_REQUEST_ID = "ACCESS_REQUEST_ID"
ACCESSIBILITY = "ACCESSIBILITY"
OPPORTUNITY_COUNT = "OPPORTUNITY_COUNT"
GROUP_COUNT = "GROUP_COUNT"
FIRST_WINDOW_OPEN = "FIRST_WINDOW_OPEN"
GROUP_LABEL = "GROUP_LABEL"
GROUP_PASSES = "GROUP_PASSES"
GROUP_ORBITAL_PLANE = "GROUP_ORBITAL_PLANE"
GROUP_ASC_DSC = "GROUP_ASC_DSC"
GROUP_LOOK_DIRECTION = "GROUP_LOOK_DIRECTION"
GROUP_OFF_NADIR_MIN = "GROUP_OFF_NADIR_MIN"
GROUP_OFF_NADIR_MAX = "GROUP_OFF_NADIR_MAX"
DEFAULT_TIMEOUT = 300.0

# The collect constraints an access request takes (AccessRequestCreate keywords): the
# tasking algorithms' parameters, so a model or a batch can pass them on.
MAIN_CONSTRAINTS = ("LOOK_DIRECTION", "ASC_DSC", "ORBITAL_PLANES", "OFF_NADIR_MIN", "OFF_NADIR_MAX")
ADVANCED_CONSTRAINTS = (
    "LOCAL_TIME",
    "GRAZING_ANGLE_MIN",
    "GRAZING_ANGLE_MAX",
    "AZIMUTH_ANGLE_MIN",
    "AZIMUTH_ANGLE_MAX",
    "IMAGE_LENGTH",
    "IMAGE_WIDTH",
)
ACCESS_CONSTRAINTS: dict[str, tuple[str, str]] = {
    name: COLLECT_CONSTRAINTS[name] for name in MAIN_CONSTRAINTS + ADVANCED_CONSTRAINTS
}

# Keep each post-processor alive until QGIS has used it (QGIS holds no Python reference).
_STYLERS: list[QgsProcessingLayerPostProcessorInterface] = []


class _StyleOpportunities(QgsProcessingLayerPostProcessorInterface):
    """Styles the loaded output as the GUI's opportunities layer (by group, with the note)."""

    def __init__(self, access_request_id: str, note: str) -> None:
        super().__init__()
        self.access_request_id = access_request_id
        self.note = note

    def postProcessLayer(
        self,
        layer: Optional[QgsMapLayer],
        context: QgsProcessingContext,
        feedback: Optional[QgsProcessingFeedback],
    ) -> None:
        from capella_qgis.opportunities.layer import ACCESS_REQUEST_PROPERTY
        from capella_qgis.opportunities.style import style_opportunities

        try:
            if isinstance(layer, QgsVectorLayer):
                layer.setAbstract(self.note)
                layer.setCustomProperty(ACCESS_REQUEST_PROPERTY, self.access_request_id)
                style_opportunities(layer)
        finally:
            if self in _STYLERS:
                _STYLERS.remove(self)


def _fmt_angle(value: Optional[float]) -> str:
    return f"{value:.1f}" if value is not None else "?"


def group_lines(groups: list[OpportunityGroup]) -> list[str]:
    """The groups summary of the log: passes, first pass and off-nadir range per group."""
    from capella_qgis.core.timefmt import format_utc
    from capella_qgis.opportunities.layer import group_label

    lines = [
        tr("{n} groups of passes (orbital plane · orbit direction · look direction):").format(
            n=len(groups)
        )
    ]
    for group in groups:
        lo, hi = group.off_nadir_range
        first = format_utc(group.first_open) if group.first_open else "?"
        lines.append(
            INDENT
            + tr("{group}: {n} passes, first {first}, off-nadir {lo}–{hi}°").format(
                group=group_label(group.orbital_plane, group.ascdsc, group.look_direction),
                n=group.count,
                first=first,
                lo=_fmt_angle(lo),
                hi=_fmt_angle(hi),
            )
        )
    return lines


class CheckOpportunitiesAlgorithm(CapellaAlgorithm):
    """Access request → wait (back-off, cancellable) → one feature per pass."""

    ALG_NAME = "checkopportunities"
    DISPLAY_NAME = QT_TR_NOOP("Check opportunities")
    GROUP = GROUP_TASKING
    HELP = QT_TR_NOOP(
        "<p>Asks the Console when Capella satellites can see an area of interest (an access "
        "request; nothing is bought). Give the area as AOI (a point or a polygon; WKT in "
        "EPSG:4326, or CRS=EPSG:xxxx;WKT) or AOI_LAYER (the union of its features), the window "
        "(default now … now + 7 days, UTC) and the collect constraints to check.</p>"
        "<p>The Console takes from seconds to a few minutes; the algorithm waits up to TIMEOUT "
        "seconds and can be cancelled. If it gives up, run it again with EXISTING_REQUEST set "
        "to the access request id it reported: that waits for the same request instead of "
        "creating a new one.</p>"
        "<p>OUTPUT has one feature per pass (window, spacecraft, orbital plane, orbit and look "
        "direction, off-nadir and grazing ranges, azimuths, local time) and its group; the "
        "log summarises the groups. The GROUP_* outputs are the constraints of the group with "
        "the most passes, to pass on to <i>Create tasking requests</i>.</p>"
        "<p><b>Opportunities are physical access only, not a schedule</b>: they ignore other "
        "tasking, so a request may still be collected at another time or not at all.</p>"
    )
    LABEL_NAMES_IN_TEXT = True
    FIELD_PARAMETERS = {
        **{key: (name,) for name, (key, _) in ACCESS_CONSTRAINTS.items()},
        "name": (NAME,),
        "access_request_id": (EXISTING_REQUEST,),
    }

    def define(self) -> None:
        self.addParameter(
            QgsProcessingParameterGeometry(
                AOI, tr("Area of interest (point or polygon)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                AOI_LAYER,
                tr("Area of interest (layer)"),
                [source_type("VectorPoint"), source_type("VectorPolygon")],
                optional=True,
            )
        )
        add_window_params(self)
        for name in MAIN_CONSTRAINTS:
            self.addParameter(constraint_param(name))
        advanced = [
            *(constraint_param(name) for name in ADVANCED_CONSTRAINTS),
            QgsProcessingParameterString(NAME, tr("Access request name"), optional=True),
            number_param(
                TIMEOUT,
                tr("Wait at most (s)"),
                minimum=1,
                default=DEFAULT_TIMEOUT,
                optional=False,
            ),
            QgsProcessingParameterString(
                EXISTING_REQUEST,
                tr("Existing access request id (wait for it instead of creating one)"),
                optional=True,
            ),
        ]
        for param in advanced:
            self.addParameter(make_advanced(param))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT, tr("Opportunities"), source_type("VectorAnyGeometry")
            )
        )
        for name, text in (
            (ACCESS_REQUEST_ID, tr("Access request id")),
            (ACCESSIBILITY, tr("Accessibility (accessible, inaccessible or rejected)")),
            (FIRST_WINDOW_OPEN, tr("First pass opens (UTC)")),
            (GROUP_LABEL, tr("Top group (the most passes)")),
            (GROUP_ORBITAL_PLANE, tr("Top group: orbital plane")),
            (GROUP_ASC_DSC, tr("Top group: orbit state")),
            (GROUP_LOOK_DIRECTION, tr("Top group: look direction")),
        ):
            self.addOutput(QgsProcessingOutputString(name, text))
        for name, text in (
            (OPPORTUNITY_COUNT, tr("Number of opportunities")),
            (GROUP_COUNT, tr("Number of groups")),
            (GROUP_PASSES, tr("Top group: number of passes")),
            (GROUP_OFF_NADIR_MIN, tr("Top group: minimum off-nadir angle (°)")),
            (GROUP_OFF_NADIR_MAX, tr("Top group: maximum off-nadir angle (°)")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, text))

    # --- input ------------------------------------------------------------------------------

    def _aoi(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Any:
        """``(label, GeoJSON dict in EPSG:4326)`` of the one AOI given."""
        given = [n for n in (AOI, AOI_LAYER) if is_set(parameters, n)]
        if len(given) != 1:
            raise QgsProcessingException(
                tr("Give one area of interest: {aoi} or {layer} (got {got})").format(
                    aoi=label(self, AOI),
                    layer=label(self, AOI_LAYER),
                    got=", ".join(label(self, n) for n in given) or tr("none"),
                )
            )
        unsupported = tr("{label}: a {kind} cannot be checked; give a point or a polygon")
        what, lonlat = read_aoi(self, parameters, given[0], context, unsupported)
        return what, geojson(single_part(lonlat), what)

    def parse(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Any:
        from capella_qgis.core.validation import validate_uuid
        from capella_qgis.core.workflows.tasking import build_access_request

        timeout = number_value(self, parameters, TIMEOUT, context) or DEFAULT_TIMEOUT
        existing = string_value(self, parameters, EXISTING_REQUEST, context)
        if existing:
            given = [n for n in (AOI, AOI_LAYER) if is_set(parameters, n)]
            if given:
                raise QgsProcessingException(
                    tr(
                        "{existing}: the existing access request has its own area; leave "
                        "{names} empty, or clear {existing} to check a new area"
                    ).format(
                        existing=label(self, EXISTING_REQUEST),
                        names=", ".join(label(self, n) for n in given),
                    )
                )
            return validate_uuid(existing, "access_request_id"), timeout
        what, geometry = self._aoi(parameters, context)
        params: dict[str, Any] = {
            "geometry": geometry,
            **window_kwargs(self, parameters, context),
            "name": string_value(self, parameters, NAME, context),
            **kwargs_from(self, parameters, context, ACCESS_CONSTRAINTS),
        }
        try:
            request: AccessRequestCreate = build_access_request(params)
        except InputError as exc:
            if exc.field == "geometry":  # the core words it for "geometry": name the AOI given
                raise QgsProcessingException(f"{what}: {without_field(exc)}") from None
            raise
        return request, timeout

    def failure_message(self, exc: BaseException) -> str:
        from capella_qgis.core.api.tasking import AccessRequestPendingError
        from capella_qgis.core.exceptions import user_message

        text = user_message(exc)
        if isinstance(exc, AccessRequestPendingError) and exc.access_request_id:
            text += tr(
                " Run the algorithm again with {label} = {id} to wait for it without creating "
                "a new access request."
            ).format(label=label(self, EXISTING_REQUEST), id=exc.access_request_id)
        return text

    # --- run --------------------------------------------------------------------------------

    def _fetch(self, args: Any, feedback: QgsProcessingFeedback) -> OpportunityResult:
        from capella_qgis.core.workflows.tasking import check_opportunities

        request, timeout = args
        is_cancelled = self.cancel_check(feedback)
        seen: dict[str, Optional[str]] = {}

        def progress(ar: AccessRequest, elapsed: float) -> None:
            if seen.get("status") != ar.processing_status or seen.get("id") != ar.id:
                seen.update(status=ar.processing_status, id=ar.id)
                feedback.pushInfo(
                    tr("Access request {id}: {status} ({s:.0f} s)").format(
                        id=ar.id, status=ar.processing_status or "?", s=elapsed
                    )
                )
            feedback.setProgress(5 + 85 * min(1.0, elapsed / timeout))

        feedback.setProgress(1)
        if isinstance(request, str):  # an existing access request: wait for it, then list
            return self.client.tasking.opportunities_of(
                request, is_cancelled=is_cancelled, timeout=timeout, progress=progress
            )
        return check_opportunities(
            self.client, request, is_cancelled=is_cancelled, progress=progress, timeout=timeout
        )

    def execute(
        self,
        args: Any,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        from capella_qgis.core.timefmt import format_utc
        from capella_qgis.opportunities.layer import (
            group_label,
            opportunity_features,
            opportunity_fields,
            opportunity_geometry_type,
        )

        result = self._fetch(args, feedback)
        request = result.request
        accessibility = request.accessibility_status or ""
        feedback.pushInfo(
            tr("Access request {id}: {status}").format(id=request.id, status=accessibility or "?")
        )
        if request.accessibility_message:
            feedback.pushWarning(request.accessibility_message)
        fields = opportunity_fields()
        sink, dest_id = self.parameterAsSink(
            parameters,
            OUTPUT,
            context,
            fields,
            wkb_type(opportunity_geometry_type(result)),
            wgs84(),
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, OUTPUT))
        features = opportunity_features(result, fields)
        for index, feature in enumerate(features):
            self.check_cancelled(feedback)
            sink.addFeature(feature, fast_insert())
            feedback.setProgress(90 + 10 * (index + 1) / len(features))
        groups = result.groups
        if groups:
            for line in group_lines(groups):
                feedback.pushInfo(line)
        feedback.pushInfo(tr("{n} opportunities").format(n=len(result.opportunities)))
        feedback.pushWarning(tr(result.note))
        if context.willLoadLayerOnCompletion(dest_id):
            styler = _StyleOpportunities(request.id, tr(result.note))
            _STYLERS.append(styler)
            context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(styler)
        out: dict[str, Any] = {
            OUTPUT: dest_id,
            ACCESS_REQUEST_ID: request.id,
            ACCESSIBILITY: accessibility,
            OPPORTUNITY_COUNT: len(result.opportunities),
            GROUP_COUNT: len(groups),
            FIRST_WINDOW_OPEN: (
                format_utc(min(o.window_open for o in result.opportunities))
                if result.opportunities
                else ""
            ),
        }
        out.update(self._group_outputs(groups[0] if groups else None, group_label))
        return out

    @staticmethod
    def _group_outputs(group: Optional[OpportunityGroup], group_label: Any) -> dict[str, Any]:
        """The constraints of the group with the most passes (empty without passes)."""
        if group is None:
            return {
                GROUP_LABEL: "",
                GROUP_PASSES: 0,
                GROUP_ORBITAL_PLANE: "",
                GROUP_ASC_DSC: "",
                GROUP_LOOK_DIRECTION: "",
                GROUP_OFF_NADIR_MIN: None,
                GROUP_OFF_NADIR_MAX: None,
            }
        constraints = group.constraints()
        planes = constraints.get("orbital_planes") or []
        return {
            GROUP_LABEL: group_label(group.orbital_plane, group.ascdsc, group.look_direction),
            GROUP_PASSES: group.count,
            GROUP_ORBITAL_PLANE: str(planes[0]) if planes else "",
            GROUP_ASC_DSC: constraints.get("asc_dsc", ""),
            GROUP_LOOK_DIRECTION: constraints.get("look_direction", ""),
            GROUP_OFF_NADIR_MIN: constraints.get("off_nadir_min"),
            GROUP_OFF_NADIR_MAX: constraints.get("off_nadir_max"),
        }

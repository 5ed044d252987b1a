"""capella:listtaskingrequests / capella:listrepeatrequests — request AOIs as layers."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
)

from capella_qgis.core.models.enums import TaskingRequestStatus
from capella_qgis.processing.base import GROUP_TASKING, CapellaAlgorithm
from capella_qgis.processing.params import (
    datetime_param,
    datetime_range_filters,
    enum_param,
    enum_strings,
    fast_insert,
    source_type,
    tr,
    wgs84,
    wkb_type,
)
from capella_qgis.processing.requests_output import is_point, request_feature, request_fields
from capella_qgis.toolbelt.compat import QT_TR_NOOP, QgsProcessingException

STATUS = "STATUS"
FOR_ORG = "FOR_ORG"
SUBMITTED_AFTER = "SUBMITTED_AFTER"
SUBMITTED_BEFORE = "SUBMITTED_BEFORE"
OUTPUT = "OUTPUT"
OUTPUT_POINTS = "OUTPUT_POINTS"
COUNT = "COUNT"


class _ListRequestsAlgorithm(CapellaAlgorithm):
    """Shared body; subclasses say which search to run."""

    GROUP = GROUP_TASKING
    KIND = ""
    FIELD_PARAMETERS = {
        "status": (STATUS,),
        "submission_time": (SUBMITTED_AFTER, SUBMITTED_BEFORE),
    }

    def define(self) -> None:
        self.addParameter(
            enum_param(STATUS, tr("Current status"), TaskingRequestStatus, multiple=True)
        )
        self.addParameter(
            QgsProcessingParameterBoolean(FOR_ORG, tr("Whole organization (not only mine)"), False)
        )
        self.addParameter(datetime_param(SUBMITTED_AFTER, tr("Submitted after (UTC)")))
        self.addParameter(datetime_param(SUBMITTED_BEFORE, tr("Submitted before (UTC)")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT, tr("Request areas (polygons)"), source_type("VectorPolygon")
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT_POINTS,
                tr("Request points"),
                source_type("VectorPoint"),
                optional=True,
                createByDefault=True,
            )
        )
        self.addOutput(QgsProcessingOutputNumber(COUNT, tr("Number of requests")))

    def parse(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Any:
        filters: dict[str, Any] = {}
        statuses = enum_strings(self, parameters, STATUS, context)
        if statuses:
            filters["status"] = statuses
        filters.update(
            datetime_range_filters(
                self, parameters, context, "submission_time", (SUBMITTED_AFTER, SUBMITTED_BEFORE)
            )
        )
        return filters, self.parameterAsBoolean(parameters, FOR_ORG, context)

    def search(self, filters: dict[str, Any], for_org: bool, progress: Any) -> list[Any]:
        raise NotImplementedError

    def execute(
        self,
        args: Any,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        filters, for_org = args

        def progress(done: int, total: int, count: int) -> None:
            if feedback.isCanceled():
                raise QgsProcessingException(tr("Cancelled by the user"))
            feedback.setProgress(90.0 * done / max(1, total))

        requests = self.search(filters, for_org, progress)
        fields = request_fields()
        polygons, polygons_id = self.parameterAsSink(
            parameters, OUTPUT, context, fields, wkb_type("MultiPolygon"), wgs84()
        )
        if polygons is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, OUTPUT))
        points, points_id = self.parameterAsSink(
            parameters, OUTPUT_POINTS, context, fields, wkb_type("Point"), wgs84()
        )
        for request in requests:
            self.check_cancelled(feedback)
            feature = request_feature(request, fields, self.KIND)
            if is_point(request):
                if points is not None:
                    points.addFeature(feature, fast_insert())
                continue
            geometry = feature.geometry()
            if not geometry.isNull():
                geometry.convertToMultiType()
                feature.setGeometry(geometry)
            polygons.addFeature(feature, fast_insert())
        feedback.pushInfo(tr("{n} requests").format(n=len(requests)))
        result: dict[str, Any] = {OUTPUT: polygons_id, COUNT: len(requests)}
        if points is not None:
            result[OUTPUT_POINTS] = points_id
        return result


class ListTaskingRequestsAlgorithm(_ListRequestsAlgorithm):
    """``POST /tasks/search`` (own requests, or the organization's)."""

    ALG_NAME = "listtaskingrequests"
    DISPLAY_NAME = QT_TR_NOOP("List tasking requests")
    KIND = "tasking"
    HELP = QT_TR_NOOP(
        "<p>Lists your tasking requests (or your organization's with FOR_ORG), optionally only "
        "those whose current status is in STATUS or submitted in a time range. Polygon AOIs go "
        "to OUTPUT, point AOIs to OUTPUT_POINTS.</p>"
    )

    def search(self, filters: dict[str, Any], for_org: bool, progress: Any) -> list[Any]:
        return self.client.tasking.search_tasking_requests(
            filters, for_org=for_org, progress=progress
        )


class ListRepeatRequestsAlgorithm(_ListRequestsAlgorithm):
    """``POST /repeat-requests/search`` (own requests, or the organization's)."""

    ALG_NAME = "listrepeatrequests"
    DISPLAY_NAME = QT_TR_NOOP("List repeat requests")
    KIND = "repeat"
    HELP = QT_TR_NOOP(
        "<p>Lists your repeat requests (or your organization's with FOR_ORG), optionally only "
        "those whose current status is in STATUS or submitted in a time range. Polygon AOIs go "
        "to OUTPUT, point AOIs to OUTPUT_POINTS.</p>"
    )

    def search(self, filters: dict[str, Any], for_org: bool, progress: Any) -> list[Any]:
        return self.client.tasking.search_repeat_requests(
            filters, for_org=for_org, progress=progress
        )

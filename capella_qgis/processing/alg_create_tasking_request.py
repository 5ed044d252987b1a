"""capella:createtaskingrequest — one tasking request per AOI feature (spends money)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
)

from capella_qgis.core.enums import CollectionTier
from capella_qgis.core.models_payloads import TaskingRequestCreate
from capella_qgis.processing.base import GROUP_TASKING, CapellaAlgorithm
from capella_qgis.processing.params import datetime_param, datetime_value, source_type, tr
from capella_qgis.processing.tasking_common import (
    CREATED,
    FAILED,
    OUTPUT,
    add_aoi_params,
    add_constraint_params,
    aois,
    build_payloads,
    constraint_kwargs,
    submit_all,
)
from capella_qgis.toolbelt.compat import QT_TR_NOOP

WINDOW_OPEN = "WINDOW_OPEN"
WINDOW_CLOSE = "WINDOW_CLOSE"
PRE_APPROVAL = "PRE_APPROVAL"


class CreateTaskingRequestAlgorithm(CapellaAlgorithm):
    """Validates every request first (nothing is sent if one is invalid), then ``POST /task``."""

    ALG_NAME = "createtaskingrequest"
    DISPLAY_NAME = QT_TR_NOOP("Create tasking requests")
    GROUP = GROUP_TASKING
    SPENDS_MONEY = True
    HELP = QT_TR_NOOP(
        "<p>Creates a tasking request for each point or polygon of INPUT (or one for the union "
        "of all features when ONE_PER_FEATURE is off; tick <i>Selected features only</i> to "
        "task a selection). Names come from NAME_FIELD, else NAME (numbered when there are "
        "several requests).</p>"
        "<p>The collection window defaults to now … now + 7 days (UTC). Every request is "
        "validated before the first is sent. OUTPUT holds the created requests with their ids "
        "and status; a request the Console refuses is reported and skipped.</p>"
    )

    def define(self) -> None:
        add_aoi_params(self)
        self.addParameter(datetime_param(WINDOW_OPEN, tr("Window opens (UTC)")))
        self.addParameter(datetime_param(WINDOW_CLOSE, tr("Window closes (UTC)")))
        add_constraint_params(self, CollectionTier, CollectionTier.standard.value)
        self.addParameter(QgsProcessingParameterBoolean(PRE_APPROVAL, tr("Pre-approved"), False))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT, tr("Created tasking requests"), source_type("VectorAnyGeometry")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(CREATED, tr("Requests created")))
        self.addOutput(QgsProcessingOutputNumber(FAILED, tr("Requests refused")))

    def parse(self, parameters: Mapping[str, Any], context: QgsProcessingContext) -> Any:
        common = constraint_kwargs(self, parameters, context)
        common["window_open"] = datetime_value(self, parameters, WINDOW_OPEN, context)
        common["window_close"] = datetime_value(self, parameters, WINDOW_CLOSE, context)
        common["pre_approval"] = self.parameterAsBoolean(parameters, PRE_APPROVAL, context)
        aoi_list, wkb = aois(self, parameters, context)
        payloads = build_payloads(aoi_list, common, TaskingRequestCreate)
        if not payloads:
            raise QgsProcessingException(tr("Nothing to task"))
        return payloads, wkb

    def execute(
        self,
        args: Any,
        parameters: Mapping[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        payloads, wkb = args
        return submit_all(
            self,
            payloads,
            self.client.create_tasking_request,
            "tasking",
            parameters,
            context,
            feedback,
            wkb,
        )

"""capella:createtaskingrequest — one tasking request per AOI feature (spends money)."""

from __future__ import annotations

from typing import Any

from qgis.core import QgsProcessingContext, QgsProcessingParameterBoolean

from capella_qgis.core.models.enums import CollectionTier
from capella_qgis.core.workflows.tasking import KIND_TASKING
from capella_qgis.processing.params import tr
from capella_qgis.processing.tasking_common import (
    CreateRequestsAlgorithm,
    add_constraint_params,
    add_window_params,
    window_kwargs,
)
from capella_qgis.toolbelt.compat import QT_TR_NOOP

PRE_APPROVAL = "PRE_APPROVAL"


class CreateTaskingRequestAlgorithm(CreateRequestsAlgorithm):
    """Validates every request first (nothing is sent if one is invalid), then ``POST /task``."""

    ALG_NAME = "createtaskingrequest"
    DISPLAY_NAME = QT_TR_NOOP("Create tasking requests")
    KIND = KIND_TASKING
    HELP = QT_TR_NOOP(
        "<p>Creates a tasking request for each point or polygon of INPUT (or one for the union "
        "of all features when ONE_PER_FEATURE is off; tick <i>Selected features only</i> to "
        "task a selection). Names come from NAME_FIELD, else NAME (numbered when there are "
        "several requests).</p>"
        "<p>The collection window defaults to now … now + 7 days (UTC). Every request is "
        "validated before the first is sent. OUTPUT holds the created requests with their ids "
        "and status; a request the Console refuses is reported and skipped.</p>"
    )

    def define_request(self) -> None:
        add_window_params(self)
        add_constraint_params(self, CollectionTier, CollectionTier.standard.value)
        self.addParameter(QgsProcessingParameterBoolean(PRE_APPROVAL, tr("Pre-approved"), False))

    def output_label(self) -> str:
        return tr("Created tasking requests")

    def nothing_message(self) -> str:
        return tr("Nothing to task")

    def request_kwargs(
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> dict[str, Any]:
        return {
            **window_kwargs(self, parameters, context),
            "pre_approval": self.parameterAsBoolean(parameters, PRE_APPROVAL, context),
        }

"""capella:retask — a new tasking request like a completed request or a delivered collect.

``POST /task/{id}/retask`` or ``POST /collects/{collectId}/retask``: the Console copies the
geometry, mode, look and orbit direction and plane, with the off-nadir range at the collect's
look angle ±5°. The new request follows the normal flow: it waits for its cost estimate and
the customer's approval unless it is pre-approved. It is a tasking request like those of
*Create tasking requests*, so it needs CONFIRM as they do.
"""

from __future__ import annotations

from typing import Any, Optional

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterString,
)

from capella_qgis.core.models.enums import CollectionTier
from capella_qgis.processing.base import GROUP_TASKING, CapellaAlgorithm
from capella_qgis.processing.params import enum_param, enum_string, label, string_value, tr
from capella_qgis.processing.tasking_common import add_window_params, optional_bool, window_kwargs
from capella_qgis.toolbelt.compat import QT_TR_NOOP, QgsProcessingException

TASKING_REQUEST_ID = "TASKING_REQUEST_ID"
COLLECT_ID = "COLLECT_ID"
NAME = "NAME"
DESCRIPTION = "DESCRIPTION"
COLLECTION_TIER = "COLLECTION_TIER"
PRE_APPROVAL = "PRE_APPROVAL"
NEW_TASKING_REQUEST_ID = "NEW_TASKING_REQUEST_ID"
STATUS = "STATUS"
NEEDS_APPROVAL = "NEEDS_APPROVAL"


class RetaskAlgorithm(CapellaAlgorithm):
    """Validates the overrides first (nothing is sent if one is wrong), then retasks."""

    ALG_NAME = "retask"
    DISPLAY_NAME = QT_TR_NOOP("Retask")
    GROUP = GROUP_TASKING
    SPENDS_MONEY = True
    LABEL_NAMES_IN_TEXT = True
    HELP = QT_TR_NOOP(
        "<p>Creates a new tasking request like a completed tasking request "
        "(TASKING_REQUEST_ID) or a delivered collect (COLLECT_ID, e.g. the collect_id of a "
        "footprint); give exactly one. The Console copies the area, the collection mode, the "
        "look and orbit direction and the orbital plane, with the off-nadir range at the "
        "collect's look angle ±5°.</p>"
        "<p>NAME, DESCRIPTION, the window (default now … now + 7 days, UTC) and the collection "
        "tier may be changed; everything else is copied.</p>"
        "<p>The new request waits for its cost estimate and your approval (<i>Approve tasking "
        "request</i>) unless PRE_APPROVAL is set. NEW_TASKING_REQUEST_ID is its id. Each run "
        "creates another request.</p>"
    )
    FIELD_PARAMETERS = {
        "tasking_request_id": (TASKING_REQUEST_ID,),
        "collect_id": (COLLECT_ID,),
        "name": (NAME,),
        "description": (DESCRIPTION,),
        "collection_tier": (COLLECTION_TIER,),
        "pre_approval": (PRE_APPROVAL,),
    }

    def define(self) -> None:
        self.addParameter(
            QgsProcessingParameterString(
                TASKING_REQUEST_ID, tr("Completed tasking request id"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(COLLECT_ID, tr("Delivered collect id"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString(
                NAME, tr("New request name (empty: copied)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                DESCRIPTION, tr("New description (empty: copied)"), optional=True
            )
        )
        add_window_params(self)
        self.addParameter(
            enum_param(COLLECTION_TIER, tr("Collection tier (empty: copied)"), CollectionTier)
        )
        self.addParameter(QgsProcessingParameterBoolean(PRE_APPROVAL, tr("Pre-approved"), False))
        self.addOutput(
            QgsProcessingOutputString(NEW_TASKING_REQUEST_ID, tr("New tasking request id"))
        )
        self.addOutput(QgsProcessingOutputString(STATUS, tr("Status of the new request")))
        self.addOutput(QgsProcessingOutputBoolean(NEEDS_APPROVAL, tr("Waits for cost approval")))

    def parse(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Any:
        from capella_qgis.core.models.payloads import RetaskOverrides
        from capella_qgis.core.validation import validate_uuid

        tr_id = string_value(self, parameters, TASKING_REQUEST_ID, context)
        collect_id = string_value(self, parameters, COLLECT_ID, context)
        if (tr_id is None) == (collect_id is None):
            raise QgsProcessingException(
                tr("Give exactly one of {tr} or {collect} (got {got})").format(
                    tr=label(self, TASKING_REQUEST_ID),
                    collect=label(self, COLLECT_ID),
                    got=tr("both") if tr_id else tr("none"),
                )
            )
        source: tuple[Optional[str], Optional[str]] = (
            validate_uuid(tr_id, "tasking_request_id") if tr_id else None,
            validate_uuid(collect_id, "collect_id") if collect_id else None,
        )
        # The core's one validator (as the client applies it): refusals name the fields.
        given: dict[str, Any] = {
            "name": string_value(self, parameters, NAME, context),
            "description": string_value(self, parameters, DESCRIPTION, context),
            **window_kwargs(self, parameters, context),
            "collection_tier": enum_string(self, parameters, COLLECTION_TIER, context),
            "pre_approval": optional_bool(self, parameters, PRE_APPROVAL, context),
        }
        overrides = RetaskOverrides(**given).checked()
        return source, overrides

    def execute(
        self,
        args: Any,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        from capella_qgis.core.workflows.tasking import retask

        (tr_id, collect_id), overrides = args
        self.check_cancelled(feedback)
        created = retask(
            self.client, tasking_request_id=tr_id, collect_id=collect_id, overrides=overrides
        )
        feedback.setProgress(100)
        source = tr_id or collect_id
        status = created.status or ""
        feedback.pushInfo(
            tr("Retask of {source}: created tasking request {id} ({name}), status {status}").format(
                source=source, id=created.id, name=created.properties.name or "-", status=status
            )
        )
        constraints = created.properties.collect_constraints
        if constraints is not None:
            feedback.pushInfo(
                tr("Copied: look {look}, orbit {orbit}, off-nadir {lo}–{hi}°").format(
                    look=constraints.look_direction or "?",
                    orbit=constraints.asc_dsc or "?",
                    lo=constraints.off_nadir_min if constraints.off_nadir_min is not None else "?",
                    hi=constraints.off_nadir_max if constraints.off_nadir_max is not None else "?",
                )
            )
        pre_approved = bool(created.properties.pre_approval) or overrides.pre_approval is True
        if pre_approved:
            feedback.pushInfo(tr("Pre-approved: it goes on once its cost estimate is ready."))
        else:
            feedback.pushWarning(
                tr(
                    "Tasking request {id} waits for its cost estimate and your approval; it is "
                    "not collected until approved. Run Approve tasking request with "
                    "TASKING_REQUEST_ID={id}."
                ).format(id=created.id)
            )
        return {
            NEW_TASKING_REQUEST_ID: created.id,
            STATUS: status,
            NEEDS_APPROVAL: not pre_approved,
        }

"""capella:createrepeatrequest — repeat (and InSAR) requests per AOI feature (spends money)."""

from __future__ import annotations

from typing import Any

from qgis.core import QgsProcessingContext, QgsProcessingParameterBoolean

from capella_qgis.core.models.enums import InsarOrbit, RepeatCollectionTier
from capella_qgis.core.workflows.tasking import KIND_REPEAT
from capella_qgis.processing.params import (
    datetime_param,
    datetime_value,
    enum_param,
    enum_string,
    int_value,
    make_advanced,
    number_param,
    number_value,
    tr,
)
from capella_qgis.processing.tasking_common import (
    CreateRequestsAlgorithm,
    add_constraint_params,
    optional_bool,
)
from capella_qgis.toolbelt.compat import QT_TR_NOOP

REPEAT_START = "REPEAT_START"
REPEAT_END = "REPEAT_END"
REPETITION_INTERVAL = "REPETITION_INTERVAL"
REPETITION_COUNT = "REPETITION_COUNT"
MAINTAIN_SCENE_FRAMING = "MAINTAIN_SCENE_FRAMING"
LOOK_ANGLE_TOLERANCE = "LOOK_ANGLE_TOLERANCE"
AZIMUTH_ANGLE_TOLERANCE = "AZIMUTH_ANGLE_TOLERANCE"
WINDOW_DURATION = "WINDOW_DURATION"
INSAR_ORBIT = "INSAR_ORBIT"


class CreateRepeatRequestAlgorithm(CreateRequestsAlgorithm):
    """Validates every request first, then ``POST /repeat-requests``."""

    ALG_NAME = "createrepeatrequest"
    DISPLAY_NAME = QT_TR_NOOP("Create repeat requests")
    KIND = KIND_REPEAT
    HELP = QT_TR_NOOP(
        "<p>Creates a repeat request for each point or polygon of INPUT (or one for the union "
        "of all features when ONE_PER_FEATURE is off). Cadence: REPEAT_START (default now, "
        "UTC), REPETITION_INTERVAL days, and either REPEAT_END or REPETITION_COUNT (not "
        "both).</p>"
        "<p>InSAR stacks: choose the <i>insar</i> tier and an INSAR_ORBIT (MIO_53_2P95 revisits "
        "every 2.95 days on the 53° plane, SSO_97_7P00 every 7 days on the 97° plane). Every "
        "request is validated before the first is sent.</p>"
    )

    def define_request(self) -> None:
        self.addParameter(datetime_param(REPEAT_START, tr("Repeat start (UTC)")))
        self.addParameter(datetime_param(REPEAT_END, tr("Repeat end (UTC)")))
        self.addParameter(
            number_param(
                REPETITION_INTERVAL,
                tr("Repetition interval (days)"),
                integer=True,
                minimum=1,
                default=7,
                optional=False,
            )
        )
        self.addParameter(
            number_param(REPETITION_COUNT, tr("Number of repetitions"), integer=True, minimum=1)
        )
        add_constraint_params(self, RepeatCollectionTier, RepeatCollectionTier.routine.value)
        self.addParameter(enum_param(INSAR_ORBIT, tr("InSAR orbit"), InsarOrbit))
        advanced = [
            QgsProcessingParameterBoolean(
                MAINTAIN_SCENE_FRAMING, tr("Maintain scene framing"), False
            ),
            number_param(
                LOOK_ANGLE_TOLERANCE, tr("Look angle tolerance (°)"), minimum=0, maximum=90
            ),
            number_param(
                AZIMUTH_ANGLE_TOLERANCE, tr("Azimuth angle tolerance (°)"), minimum=0, maximum=360
            ),
            number_param(WINDOW_DURATION, tr("Window duration (s)"), integer=True, minimum=1),
        ]
        for param in advanced:
            self.addParameter(make_advanced(param))

    def output_label(self) -> str:
        return tr("Created repeat requests")

    def nothing_message(self) -> str:
        return tr("Nothing to request")

    def request_kwargs(
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> dict[str, Any]:
        return {
            "repeat_start": datetime_value(self, parameters, REPEAT_START, context),
            "repeat_end": datetime_value(self, parameters, REPEAT_END, context),
            "repetition_interval": int_value(self, parameters, REPETITION_INTERVAL, context),
            "repetition_count": int_value(self, parameters, REPETITION_COUNT, context),
            "maintain_scene_framing": optional_bool(
                self, parameters, MAINTAIN_SCENE_FRAMING, context
            ),
            "look_angle_tolerance": number_value(self, parameters, LOOK_ANGLE_TOLERANCE, context),
            "azimuth_angle_tolerance": number_value(
                self, parameters, AZIMUTH_ANGLE_TOLERANCE, context
            ),
            "window_duration": int_value(self, parameters, WINDOW_DURATION, context),
            "insar_orbit": enum_string(self, parameters, INSAR_ORBIT, context),
        }

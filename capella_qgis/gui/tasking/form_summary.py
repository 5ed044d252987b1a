"""Review page of the tasking form: planned acquisitions, JSON body and AOI mini map.

:class:`TaskingSummary` is owned by :class:`capella_qgis.gui.tasking.dlg_tasking.TaskingDialog`
and drives the widgets it is given; messages are translated in the dialog's context
("TaskingDialog").
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Optional

from qgis.core import QgsGeometry
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QLabel, QPlainTextEdit, QWidget

from capella_qgis.core.workflows.tasking import Request
from capella_qgis.gui.tasking.params import insar_revisit_days, stack_dates
from capella_qgis.gui.tasking.wdg_aoi_preview import AoiPreview

# The payload model is imported where it is used: it loads pydantic, not wanted while QGIS
# starts (#20).

PAGE_FORM, PAGE_SUMMARY = 0, 1

__all__ = ["PAGE_FORM", "PAGE_SUMMARY", "Request", "TaskingSummary", "planned_dates"]


def planned_dates(request: Optional[Request]) -> tuple[list[datetime], bool]:
    """Nominal acquisition starts of a repeat request and whether it is open-ended."""
    from capella_qgis.core.models.payloads import RepeatRequestCreate

    if not isinstance(request, RepeatRequestCreate) or request.repeat_start is None:
        return [], False
    interval: float = request.repetition_interval
    if request.insar_orbit is not None:
        interval = insar_revisit_days(request.insar_orbit)
    return stack_dates(
        request.repeat_start, interval, end=request.repeat_end, count=request.repetition_count
    )


class TaskingSummary:
    """Fills the stack labels of both pages, the JSON view and the AOI mini map."""

    def __init__(
        self,
        stack_labels: tuple[QLabel, ...],
        json_view: QPlainTextEdit,
        map_holder: QWidget,
    ) -> None:
        self.stack_labels = stack_labels
        self.json_view = json_view
        self.map_holder = map_holder
        self._preview: Optional[AoiPreview] = None

    @staticmethod
    def stack_text(request: Optional[Request]) -> str:
        dates, open_ended = planned_dates(request)
        if not dates:
            return ""
        listed = ", ".join(d.strftime("%Y-%m-%d %H:%M") for d in dates)
        head = QCoreApplication.translate("TaskingDialog", "Planned acquisitions (UTC, nominal):")
        if open_ended:
            listed += QCoreApplication.translate("TaskingDialog", ", … until cancelled")
        return f"{head} {listed}"

    def update_stack(self, request: Optional[Request]) -> None:
        text = self.stack_text(request)
        for label in self.stack_labels:
            label.setText(text)

    def show(self, payload: dict[str, Any], geometry: Optional[QgsGeometry]) -> None:
        """The exact JSON body and the AOI on a mini map."""
        self.json_view.setPlainText(json.dumps(payload, indent=2, ensure_ascii=False))
        if geometry is None:
            return
        if self._preview is None:
            self._preview = AoiPreview(self.map_holder)
            self.map_holder.layout().addWidget(self._preview.canvas)
        self._preview.show(geometry)

    @property
    def mini_canvas(self) -> Optional[QgsMapCanvas]:
        return self._preview.canvas if self._preview is not None else None

"""Review page of the tasking form: planned acquisitions, JSON body and AOI mini map.

Mixed into :class:`capella_qgis.gui.tasking.dlg_tasking.TaskingDialog`; messages are translated in
the dialog's context ("TaskingDialog"), exactly as ``self.tr`` does there.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Optional, Union

from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QCoreApplication

from capella_qgis.core.models.payloads import RepeatRequestCreate, TaskingRequestCreate
from capella_qgis.gui.tasking.params import MODE_TASKING, insar_revisit_days, stack_dates
from capella_qgis.gui.tasking.wdg_aoi_preview import AoiPreview

if TYPE_CHECKING:
    from capella_qgis.aoi.checks import AoiResult

PAGE_FORM, PAGE_SUMMARY = 0, 1

Request = Union[TaskingRequestCreate, RepeatRequestCreate]


class TaskingSummaryMixin:
    """Planned stack dates and the summary page; relies on the dialog's widgets and state."""

    if TYPE_CHECKING:
        aoi: AoiResult
        request: Optional[Request]
        mode: str
        _preview: Optional[AoiPreview]
        stackLabel: Any
        summaryStackLabel: Any
        jsonView: Any
        pages: Any
        submitButton: Any
        backButton: Any
        mapHolder: Any

        def validate(self, *_args: Any) -> Optional[Request]: ...

    # --- planned acquisitions --------------------------------------------------------------

    def planned_dates(self) -> tuple[list[Any], bool]:
        if self.mode == MODE_TASKING or not isinstance(self.request, RepeatRequestCreate):
            return [], False
        req = self.request
        interval: float = req.repetition_interval
        if req.insar_orbit is not None:
            interval = insar_revisit_days(req.insar_orbit)
        return stack_dates(
            req.repeat_start, interval, end=req.repeat_end, count=req.repetition_count
        )

    def stack_text(self) -> str:
        dates, open_ended = self.planned_dates()
        if not dates:
            return ""
        listed = ", ".join(d.strftime("%Y-%m-%d %H:%M") for d in dates)
        head = QCoreApplication.translate("TaskingDialog", "Planned acquisitions (UTC, nominal):")
        if open_ended:
            listed += QCoreApplication.translate("TaskingDialog", ", … until cancelled")
        return f"{head} {listed}"

    def _update_stack(self) -> None:
        text = self.stack_text()
        self.stackLabel.setText(text)
        self.summaryStackLabel.setText(text)

    # --- summary page ----------------------------------------------------------------------

    def payload(self) -> Optional[dict[str, Any]]:
        request = self.validate()
        return request.to_payload() if request is not None else None

    def review(self) -> bool:
        """Show the exact JSON body and the AOI on a mini map."""
        payload = self.payload()
        if payload is None:
            return False
        self.jsonView.setPlainText(json.dumps(payload, indent=2, ensure_ascii=False))
        self._show_mini_map()
        self.pages.setCurrentIndex(PAGE_SUMMARY)
        self.submitButton.setEnabled(True)
        self.backButton.setEnabled(True)
        return True

    def back(self) -> None:
        self.pages.setCurrentIndex(PAGE_FORM)
        self.validate()

    def _show_mini_map(self) -> None:
        if self.aoi.geometry is None:
            return
        if self._preview is None:
            self._preview = AoiPreview(self.mapHolder)
            self.mapHolder.layout().addWidget(self._preview.canvas)
        self._preview.show(self.aoi.geometry)

    @property
    def mini_canvas(self) -> Optional[QgsMapCanvas]:
        return self._preview.canvas if self._preview is not None else None

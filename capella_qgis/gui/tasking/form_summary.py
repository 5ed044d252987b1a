"""Review page of the tasking form: a readable summary, planned acquisitions, the JSON body
behind a toggle and the AOI over the world outline.

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
from qgis.PyQt.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QTextBrowser, QWidget

from capella_qgis.core.workflows.tasking import Request
from capella_qgis.gui.tasking.wdg_aoi_preview import AoiPreview

# The payload model is imported where it is used: it loads pydantic, not wanted while QGIS
# starts (#20).

PAGE_FORM, PAGE_SUMMARY = 0, 1

__all__ = ["PAGE_FORM", "PAGE_SUMMARY", "Request", "TaskingSummary", "planned_dates"]


def planned_dates(request: Optional[Request]) -> tuple[list[datetime], bool]:
    """Nominal acquisition starts of a repeat request and whether it is open-ended.

    The core's ``RepeatRequestCreate.planned_dates``: stepped by the interval the payload
    sends, so the preview and the request agree (an InSAR orbit's included).
    """
    from capella_qgis.core.models.payloads import RepeatRequestCreate

    if not isinstance(request, RepeatRequestCreate):
        return [], False
    return request.planned_dates()


class TaskingSummary:
    """Fills the stack labels of both pages, the readable review, the JSON view (shown by its
    toggle) and the AOI mini map."""

    def __init__(
        self,
        stack_labels: tuple[QLabel, ...],
        json_view: QPlainTextEdit,
        map_holder: QWidget,
        *,
        review_view: Optional[QTextBrowser] = None,
        json_toggle: Optional[QPushButton] = None,
    ) -> None:
        self.stack_labels = stack_labels
        self.json_view = json_view
        self.map_holder = map_holder
        self.review_view = review_view
        self.json_toggle = json_toggle
        self.review_rows: list[tuple[str, str]] = []
        self._preview: Optional[AoiPreview] = None
        if json_toggle is not None:
            # The body is there for whoever wants it; the summary above is what most check.
            json_toggle.toggled.connect(self.show_json)
            self.show_json(json_toggle.isChecked())

    def show_json(self, shown: bool) -> None:
        self.json_view.setVisible(shown)
        if self.json_toggle is not None:
            hide = QCoreApplication.translate("TaskingDialog", "Hide the JSON body")
            show = QCoreApplication.translate("TaskingDialog", "Show the JSON body")
            self.json_toggle.setText(hide if shown else show)

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

    def show(
        self,
        payload: dict[str, Any],
        geometry: Optional[QgsGeometry],
        rows: Optional[list[tuple[str, str]]] = None,
    ) -> None:
        """The request in words (``rows``), the exact JSON body and the AOI on a mini map."""
        from capella_qgis.gui.tasking.review import review_html

        self.review_rows = list(rows or [])
        if self.review_view is not None:
            self.review_view.setHtml(review_html(self.review_rows))
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

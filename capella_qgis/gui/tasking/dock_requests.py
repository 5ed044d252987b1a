"""Requests dock: filters, the table of TRs/RRs and the selection; its controller does the work."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import QgsApplication
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QDate, QPoint, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor, QFont
from qgis.PyQt.QtWidgets import QMenu, QTableWidgetItem, QWidget

from capella_qgis.core.models.enums import (
    CollectionTier,
    RepeatCollectionTier,
    TaskingRequestStatus,
)
from capella_qgis.core.workflows.tasking import KIND_REPEAT, KIND_TASKING
from capella_qgis.gui.tasking.form_fields import fill_combo
from capella_qgis.gui.tasking.timetext import when
from capella_qgis.requests.layer import request_attributes
from capella_qgis.toolbelt.compat import load_ui

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.core.models.tasking import Collect
    from capella_qgis.tasks.task_tasking import BulkReport, RequestSearch

FORM_CLASS = load_ui(Path(__file__).with_suffix(".ui"))
COLUMNS = ("kind", "name", "status", "tier", "submitted", "window_open", "request_id")

# {request id: (kind, request model)}: what the table shows.
Requests = dict[str, tuple[str, Any]]
# The cost dialog's intents (the dialog module is imported only when one opens).
INTENT_REVIEW, INTENT_APPROVE, INTENT_REJECT = "review", "approve", "reject"
MAX_COLUMN_WIDTH = 220
# Rows waiting for the user's approval stand out (the message bar's warning tint).
AWAITING_BACKGROUND = "#fff4d6"
# The collect states shown in a request's details; ``processing`` only when reached.
SHOWN_COLLECT_STATES = ("predicted", "tasked", "collected", "processing", "qa", "delivered")


def awaiting(model: Any) -> bool:
    """In ``review`` with a price waiting for the user's approve / reject."""
    return bool(getattr(model, "awaiting_approval", False))


def completed(kind: str, model: Any) -> bool:
    """A completed tasking request (what can be retasked)."""
    return kind == KIND_TASKING and bool(getattr(model, "is_completed", False))


class RequestsDock(QgsDockWidget, FORM_CLASS):  # type: ignore[misc, valid-type]  # uic builds FORM_CLASS at runtime
    """Lists the user's (or organization's) tasking and repeat requests.

    The buttons only emit signals; the requests controller searches, updates, cancels, polls
    and downloads, and answers with :meth:`show_requests`, :meth:`show_bulk` and
    :meth:`set_status`.
    """

    searchRequested = pyqtSignal()
    updateRequested = pyqtSignal()
    cancelRequested = pyqtSignal()
    downloadRequested = pyqtSignal()  # order (after a review) and download the selected TRs
    pollToggled = pyqtSignal(bool)
    reviewRequested = pyqtSignal(str, str)  # request id, intent (review / approve / reject)
    retaskRequested = pyqtSignal(str)  # id of a completed tasking request
    detailsRequested = pyqtSignal(str)  # one request selected: its collect history, please

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CapellaRequestsDock")
        self.requests: Requests = {}
        self._fill_filters()
        self.table.setColumnCount(len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Type"),
                self.tr("Name"),
                self.tr("Status"),
                self.tr("Tier"),
                self.tr("Submitted"),
                self.tr("Window open"),
                self.tr("Id"),
            ]
        )
        self.searchButton.clicked.connect(self.searchRequested)
        self.updateButton.clicked.connect(self.updateRequested)
        self.cancelButton.clicked.connect(self.cancelRequested)
        self.downloadButton.clicked.connect(self.downloadRequested)
        self.pollCheck.toggled.connect(self.pollToggled)
        self.reviewButton.clicked.connect(lambda: self._ask_review(INTENT_REVIEW))
        self.retaskButton.clicked.connect(self._ask_retask)
        self.approvalOnlyCheck.toggled.connect(lambda _on: self.show_requests(self.requests))
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.details_id = ""
        # The collects last read for the request in the details (kept across refreshes).
        self.details_collects: Optional[list[Collect]] = None

    # --- filters ---------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        fill_combo(
            self.scopeCombo, [(self.tr("My requests"), False), (self.tr("My organization"), True)]
        )
        fill_combo(
            self.kindCombo,
            [
                (self.tr("Tasking and repeat"), "all"),
                (self.tr("Tasking"), KIND_TASKING),
                (self.tr("Repeat"), KIND_REPEAT),
            ],
        )
        fill_combo(
            self.statusCombo,
            [(self.tr("any"), None)] + [(s.value, s.value) for s in TaskingRequestStatus],
        )
        tiers = list(dict.fromkeys([*CollectionTier.values(), *RepeatCollectionTier.values()]))
        fill_combo(self.tierCombo, [(self.tr("any"), None)] + [(t, t) for t in tiers])
        today = QDate.currentDate()
        self.submittedEdit.setDate(today.addDays(-30))
        self.windowFromEdit.setDate(today.addDays(-30))
        self.windowToEdit.setDate(today.addDays(30))

    def for_org(self) -> bool:
        return bool(self.scopeCombo.currentData())

    @property
    def polling(self) -> bool:
        return bool(self.pollCheck.isChecked())

    def build_search(self) -> RequestSearch:
        """Filters → TR ``query`` / RR ``filter`` keyword arguments of the core client."""
        from capella_qgis.tasks.task_tasking import KIND_REPEAT, KIND_TASKING, RequestSearch

        chosen = self.kindCombo.currentData()
        kinds: tuple[str, ...] = (KIND_TASKING, KIND_REPEAT) if chosen == "all" else (str(chosen),)
        common: dict[str, Any] = {}
        status = self.statusCombo.currentData()
        if status:
            common["status"] = status
        if self.submittedCheck.isChecked():
            common["submission_time__gte"] = self.submittedEdit.date().toString("yyyy-MM-dd")
        tr_filters, rr_filters = dict(common), dict(common)
        tier = self.tierCombo.currentData()
        if tier:
            if tier in CollectionTier.values():
                tr_filters["collection_tier"] = tier
            elif KIND_TASKING in kinds:
                kinds = tuple(k for k in kinds if k != KIND_TASKING)
            if tier in RepeatCollectionTier.values():
                rr_filters["collection_tier"] = tier
            elif KIND_REPEAT in kinds:
                kinds = tuple(k for k in kinds if k != KIND_REPEAT)
        if self.windowCheck.isChecked():
            start = self.windowFromEdit.date().toString("yyyy-MM-dd")
            end = self.windowToEdit.date().addDays(1).toString("yyyy-MM-dd")
            tr_filters["window_open__lt"] = end
            tr_filters["window_close__gt"] = start
            rr_filters["repeat_start__lt"] = end
        return RequestSearch(kinds, self.for_org(), tr_filters, rr_filters)

    # --- what the controller shows ---------------------------------------------------------

    def set_status(self, text: str) -> None:
        self.statusText.setText(text)

    def set_searching(self, searching: bool) -> None:
        self.searchButton.setEnabled(not searching)
        if searching:
            self.statusText.setText(self.tr("Searching…"))

    def show_requests(self, requests: Requests) -> None:
        """Show ``requests`` (the controller's dict, kept as the table's model).

        Requests waiting for the user's approval come first, tinted, with a status that
        says so; "Only requests waiting for my approval" hides the others.
        """
        self.requests = requests
        selected = self.selected_ids()
        waiting = [i for i, (_k, m) in requests.items() if awaiting(m)]
        rows = waiting + [i for i in requests if i not in waiting]
        if self.approvalOnlyCheck.isChecked():
            rows = waiting
        self.table.setSortingEnabled(False)
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        for row, request_id in enumerate(rows):
            kind, model = requests[request_id]
            attrs = dict(request_attributes(model))
            attrs["kind"] = kind  # the controller knows what each request is
            is_waiting = request_id in waiting
            if is_waiting:
                attrs["status"] = self.tr("awaiting approval")
            for col, key in enumerate(COLUMNS):
                item = QTableWidgetItem(attrs[key])
                if is_waiting:
                    self._stand_out(item, key == "status")
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        for col in range(self.table.columnCount()):  # long names and ids scroll instead
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), MAX_COLUMN_WIDTH))
        self.approvalCount.setText(
            self.tr("{n} waiting for approval").format(n=len(waiting)) if waiting else ""
        )
        self.select_ids([i for ids in selected.values() for i in ids])
        self._on_selection()
        if self.details_id:  # its status may have changed: show it as it is now
            self.show_details(self.details_id, self.details_collects)

    def _stand_out(self, item: QTableWidgetItem, with_icon: bool) -> None:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setBackground(QBrush(QColor(AWAITING_BACKGROUND)))
        item.setForeground(QBrush(QColor("#202020")))
        if with_icon:
            item.setIcon(QgsApplication.getThemeIcon("/mIconWarning.svg"))
        item.setToolTip(self.tr("The Console estimated the price: approve or reject it."))

    def waiting_ids(self) -> list[str]:
        """The listed requests waiting for the user's approval, in table order."""
        col = COLUMNS.index("request_id")
        out = []
        for row in range(self.table.rowCount()):
            request_id = self.table.item(row, col).text()
            if awaiting(self.requests.get(request_id, ("", None))[1]):
                out.append(request_id)
        return out

    def show_found(self, requests: Requests) -> None:
        """A search finished: its requests and how many."""
        self.searchButton.setEnabled(True)
        self.show_requests(requests)
        self.statusText.setText(self.tr("{n} request(s)").format(n=len(requests)))

    def show_bulk(self, report: BulkReport) -> None:
        self.resultsView.setPlainText("\n".join(report.lines()))
        self.infoTabs.setCurrentWidget(self.resultsTab)
        self.statusText.setText(
            self.tr("{ok} succeeded, {bad} failed").format(
                ok=len(report.succeeded), bad=len(report.failed)
            )
        )

    # --- selection -------------------------------------------------------------------------

    def select_ids(self, ids: list[str]) -> None:
        self.table.clearSelection()
        col = COLUMNS.index("request_id")
        for row in range(self.table.rowCount()):
            if self.table.item(row, col).text() in ids:
                for c in range(self.table.columnCount()):
                    self.table.item(row, c).setSelected(True)

    def selected_ids(self) -> dict[str, list[str]]:
        col = COLUMNS.index("request_id")
        out: dict[str, list[str]] = {}
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        for row in rows:
            request_id = self.table.item(row, col).text()
            kind = self.requests.get(request_id, (KIND_TASKING, None))[0]
            out.setdefault(kind, []).append(request_id)
        return out

    def single(self) -> Optional[tuple[str, str, Any]]:
        """``(id, kind, model)`` when exactly one request is selected."""
        ids = [i for v in self.selected_ids().values() for i in v]
        if len(ids) != 1 or ids[0] not in self.requests:
            return None
        kind, model = self.requests[ids[0]]
        return ids[0], kind, model

    def _on_selection(self) -> None:
        one = self.single()
        self.reviewButton.setEnabled(one is not None and awaiting(one[2]))
        self.retaskButton.setEnabled(one is not None and completed(one[1], one[2]))
        if one is None:
            self.details_id = ""
            self.details_collects = None
            self.detailsView.clear()
            return
        request_id, kind, _model = one
        if request_id != self.details_id:
            self.details_id = request_id
            self.details_collects = None
            self.show_details(request_id)
            if kind == KIND_TASKING:
                self.detailsRequested.emit(request_id)

    # --- actions -------------------------------------------------------------------------------

    def _ask_review(self, intent: str) -> None:
        one = self.single()
        if one is not None:
            self.reviewRequested.emit(one[0], intent)

    def _ask_retask(self) -> None:
        one = self.single()
        if one is not None and completed(one[1], one[2]):
            self.retaskRequested.emit(one[0])

    def context_actions(self) -> list[tuple[str, Any]]:
        """The context menu's entries for the selection: ``(text, slot)``."""
        one = self.single()
        if one is None:
            return []
        _request_id, kind, model = one
        out: list[tuple[str, Any]] = []
        if awaiting(model):
            out += [
                (self.tr("Review cost…"), lambda: self._ask_review(INTENT_REVIEW)),
                (self.tr("Approve…"), lambda: self._ask_review(INTENT_APPROVE)),
                (self.tr("Reject…"), lambda: self._ask_review(INTENT_REJECT)),
            ]
        if completed(kind, model):
            out.append((self.tr("Retask like this…"), self._ask_retask))
        return out

    def _context_menu(self, pos: QPoint) -> None:
        entries = self.context_actions()
        if not entries:
            return
        menu = QMenu(self.table)
        for text, slot in entries:
            menu.addAction(text).triggered.connect(lambda _checked=False, s=slot: s())
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # --- details -------------------------------------------------------------------------------

    def show_details(
        self,
        request_id: str,
        collects: Optional[list[Collect]] = None,
        *,
        error: str = "",
    ) -> None:
        """The selected request's details; its collects' status history once read."""
        if request_id != self.details_id or request_id not in self.requests:
            return  # the selection moved on meanwhile
        if collects is not None:
            self.details_collects = collects
        kind, model = self.requests[request_id]
        props = model.properties
        esc = html.escape
        rows = [
            (self.tr("Name"), props.name or "-"),
            (self.tr("Id"), request_id),
            (self.tr("Status"), model.status or "-"),
            (self.tr("Tier"), props.collection_tier or "-"),
            (self.tr("Collection type"), props.collection_type or "-"),
        ]
        if kind == KIND_TASKING:
            rows.append(
                (
                    self.tr("Window"),
                    self.tr("{open} to {close}").format(
                        open=when(props.window_open), close=when(props.window_close)
                    ),
                )
            )
        parts = ["<table cellspacing='0' cellpadding='1'>"]
        parts += [f"<tr><td><b>{esc(k)}</b>&nbsp;</td><td>{esc(v)}</td></tr>" for k, v in rows]
        parts.append("</table>")
        if awaiting(model):
            parts.append(
                f"<p style='background:{AWAITING_BACKGROUND}'>"
                + esc(self.tr("Its cost estimate waits for your approval: Review cost…"))
                + "</p>"
            )
        status_title = esc(self.tr("Request status"))
        conflicts_title = esc(self.tr("Conflicting tasks"))
        collects_title = esc(self.tr("Collects"))
        history = list(reversed(props.status_history))
        if history:
            steps = [
                f"{esc(ev.code)} <span style='color:#666'>{esc(when(ev.time))}</span>"
                for ev in history
            ]
            parts.append(f"<p><b>{status_title}</b><br>")
            parts.append(" → ".join(steps) + "</p>")
        conflicts = list(getattr(model, "conflicting_tasks", []) or [])
        if conflicts:
            names = ", ".join(esc(c.name or c.taskingrequest_id or "-") for c in conflicts)
            parts.append(f"<p><b>{conflicts_title}</b>: {names}</p>")
        if kind == KIND_TASKING:
            parts.append(f"<p><b>{collects_title}</b><br>")
            parts.append(self._collects_html(self.details_collects, error) + "</p>")
        self.detailsView.setHtml("".join(parts))

    def _collects_html(self, collects: Optional[list[Collect]], error: str) -> str:
        esc = html.escape
        if error:
            return esc(self.tr("The collect history could not be read: {why}").format(why=error))
        if collects is None:
            return esc(self.tr("Reading the collect history…"))
        if not collects:
            return esc(self.tr("No collect yet (one is predicted once the price is estimated)."))
        out = []
        for collect in collects:
            reached = {ev.code: ev.time for ev in collect.history()}
            steps = []
            for code in SHOWN_COLLECT_STATES:
                if code == "processing" and code not in reached:
                    continue
                if code in reached:
                    steps.append(
                        f"<b>{esc(code)}</b> <span style='color:#666'>"
                        f"{esc(when(reached[code]))}</span>"
                    )
                else:
                    steps.append(f"<span style='color:#999'>{esc(code)}</span>")
            head = self.tr("Collect {id}").format(id=collect.collect_id[:8])
            if collect.window_open is not None:
                head += " · " + self.tr("at {when}").format(when=when(collect.window_open))
            out.append(f"{esc(head)}<br>" + " → ".join(steps))
        return "<br>".join(out)

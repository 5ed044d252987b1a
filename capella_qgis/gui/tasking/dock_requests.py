"""Requests dock: filters, the table of TRs/RRs and the selection; its controller does the work."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QDate, pyqtSignal
from qgis.PyQt.QtWidgets import QTableWidgetItem, QWidget

from capella_qgis.core.models.enums import (
    CollectionTier,
    RepeatCollectionTier,
    TaskingRequestStatus,
)
from capella_qgis.core.workflows.tasking import KIND_REPEAT, KIND_TASKING
from capella_qgis.gui.tasking.form_fields import fill_combo
from capella_qgis.requests.layer import request_attributes
from capella_qgis.toolbelt.compat import load_ui

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.tasks.task_tasking import BulkReport, RequestSearch

FORM_CLASS = load_ui(Path(__file__).with_suffix(".ui"))
COLUMNS = ("kind", "name", "status", "tier", "submitted", "window_open", "request_id")

# {request id: (kind, request model)}: what the table shows.
Requests = dict[str, tuple[str, Any]]


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
        """Show ``requests`` (the controller's dict, kept as the table's model)."""
        self.requests = requests
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(requests))
        for row, (_kind, model) in enumerate(requests.values()):
            attrs = request_attributes(model)
            for col, key in enumerate(COLUMNS):
                self.table.setItem(row, col, QTableWidgetItem(attrs[key]))
        self.table.setSortingEnabled(True)

    def show_found(self, requests: Requests) -> None:
        """A search finished: its requests and how many."""
        self.searchButton.setEnabled(True)
        self.show_requests(requests)
        self.statusText.setText(self.tr("{n} request(s)").format(n=len(requests)))

    def show_bulk(self, report: BulkReport) -> None:
        self.resultsView.setPlainText("\n".join(report.lines()))
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

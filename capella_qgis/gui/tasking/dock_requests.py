"""Requests dock: search TRs/RRs, draw them by status, bulk update/cancel, track, download."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from qgis.core import QgsApplication
from qgis.gui import QgsDockWidget
from qgis.PyQt import sip, uic
from qgis.PyQt.QtCore import QDate, pyqtSignal
from qgis.PyQt.QtWidgets import QMessageBox, QTableWidgetItem, QWidget

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.enums import (
    CollectionTier,
    RepeatCollectionTier,
    TaskingRequestStatus,
)
from capella_qgis.gui.orders.downloads_message import downloaded_text, push_downloaded
from capella_qgis.gui.tasking.dlg_request_update import RequestUpdateDialog
from capella_qgis.gui.tasking.form_fields import fill_combo
from capella_qgis.gui.tasking.requests_poller import RequestPoller
from capella_qgis.requests.layer import RequestsLayer, request_attributes
from capella_qgis.tasks.task_base import detach_task
from capella_qgis.tasks.task_download import DownloadRequest, DownloadResult, DownloadTask
from capella_qgis.tasks.task_tasking import (
    KIND_REPEAT,
    KIND_TASKING,
    BulkReport,
    BulkRequestsTask,
    PollRequestsTask,
    RequestSearch,
    SearchRequestsTask,
)
from capella_qgis.toolbelt.compat import exec_dialog, message_level
from capella_qgis.toolbelt.log import MessageItems, push_message
from capella_qgis.toolbelt.network import build_client
from capella_qgis.toolbelt.settings import PluginSettings

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))
COLUMNS = ("kind", "name", "status", "tier", "submitted", "window_open", "request_id")


class RequestsDock(QgsDockWidget, FORM_CLASS):
    """Lists the user's (or organization's) tasking and repeat requests."""

    searchFinished = pyqtSignal(int)
    bulkFinished = pyqtSignal(object)  # BulkReport
    statusChanged = pyqtSignal(str, str, str)  # id, old, new
    downloadStarted = pyqtSignal(str, object)  # tasking request id, DownloadTask

    def __init__(
        self,
        settings: Optional[PluginSettings] = None,
        *,
        credential: Any = None,
        iface: Any = None,
        layer: Optional[RequestsLayer] = None,
        download_dir: Optional[str] = None,
        parent: Optional[QWidget] = None,
    ) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CapellaRequestsDock")
        self._settings = settings
        self.credential = credential
        self.iface = iface
        self.layer = layer or RequestsLayer()
        self.download_dir = download_dir
        self.requests: dict[str, tuple[str, Any]] = {}
        self.download_when_completed: set[str] = set()
        self.tasks: list[Any] = []
        # "Downloaded" banners and lasting messages, removed by shutdown().
        self.messages = MessageItems(iface)
        self.last_report: Optional[BulkReport] = None
        self.poller = RequestPoller(self._poll_task, parent=self)
        self.poller.statusChanged.connect(self._on_status_changed)
        self.poller.failed.connect(lambda msg: self.statusText.setText(msg))
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
        self.searchButton.clicked.connect(self.search)
        self.updateButton.clicked.connect(lambda: self.update_selected())
        self.cancelButton.clicked.connect(lambda: self.cancel_selected())
        self.downloadButton.clicked.connect(self.download_selected_when_completed)
        self.pollCheck.toggled.connect(self._on_poll_toggled)

    # --- settings / tasks ------------------------------------------------------------------

    def settings(self) -> PluginSettings:
        return self._settings or PluginSettings.load()

    def _client(self) -> Any:
        return build_client(self.settings(), credential=self.credential)

    def _start(self, task: Any) -> Any:
        self.tasks.append(task)
        QgsApplication.taskManager().addTask(task)
        return task

    def _done(self, task: Any) -> bool:
        """Forget a finished task; False when the dock is gone (callbacks then do nothing)."""
        if task in self.tasks:
            self.tasks.remove(task)
        return not sip.isdeleted(self)

    def _poll_task(self, ids: dict[str, list[str]], **kwargs: Any) -> PollRequestsTask:
        return PollRequestsTask(ids, client=self._client(), for_org=self._for_org(), **kwargs)

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

    def _for_org(self) -> bool:
        return bool(self.scopeCombo.currentData())

    def build_search(self) -> RequestSearch:
        """Filters → TR ``query`` / RR ``filter`` keyword arguments of the core client."""
        chosen = self.kindCombo.currentData()
        kinds = (KIND_TASKING, KIND_REPEAT) if chosen == "all" else (str(chosen),)
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
        return RequestSearch(kinds, self._for_org(), tr_filters, rr_filters)

    # --- search ----------------------------------------------------------------------------

    def search(self) -> Optional[SearchRequestsTask]:
        try:
            spec = self.build_search()
            task = SearchRequestsTask(spec, client=self._client())
        except (InputError, Exception) as exc:  # CredentialError, bad filter
            self.statusText.setText(getattr(exc, "message", str(exc)))
            return None
        task.on_success = lambda result, t=task: self._done(t) and self._on_search(result)
        task.on_error = lambda msg, t=task: self._done(t) and self._on_search_error(msg)
        self.statusText.setText(self.tr("Searching…"))
        self.searchButton.setEnabled(False)
        return self._start(task)

    def _on_search_error(self, message: str) -> None:
        self.searchButton.setEnabled(True)
        self.statusText.setText(message)
        push_message(
            self.tr("Capella requests"),
            message,
            message_level("Warning"),
            iface=self.iface,
            items=self.messages,
        )

    def _on_search(self, result: dict[str, list[Any]]) -> None:
        self.searchButton.setEnabled(True)
        self.requests = {}
        for kind, models in result.items():
            for model in models:
                self.requests[model.id] = (kind, model)
        self.layer.clear()
        self.layer.upsert(model for _kind, model in self.requests.values())
        self._fill_table()
        self.poller.untrack_all()
        for request_id, (kind, model) in self.requests.items():
            if not model.properties.is_final:
                self.poller.track(request_id, kind, model.status)
        if self.pollCheck.isChecked() and self.poller.tracked:
            self.poller.start()
        self.statusText.setText(self.tr("{n} request(s)").format(n=len(self.requests)))
        self.searchFinished.emit(len(self.requests))

    def _fill_table(self) -> None:
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.requests))
        for row, (_kind, model) in enumerate(self.requests.values()):
            attrs = request_attributes(model)
            for col, key in enumerate(COLUMNS):
                self.table.setItem(row, col, QTableWidgetItem(attrs[key]))
        self.table.setSortingEnabled(True)

    def add_request(self, kind: str, model: Any) -> None:
        """Show a request created elsewhere (e.g. by the tasking form) and track it."""
        self.requests[model.id] = (kind, model)
        self.layer.upsert([model])
        self._fill_table()
        self.poller.track(model.id, kind, model.status)
        if self.pollCheck.isChecked() and not self.poller.active:
            self.poller.start()

    # --- selection and bulk actions --------------------------------------------------------

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

    def _bulk(self, action: str, values: Optional[dict[str, Any]]) -> Optional[BulkRequestsTask]:
        ids = self.selected_ids()
        if not ids:
            self.statusText.setText(self.tr("Select one or more requests first."))
            return None
        try:
            task = BulkRequestsTask(action, ids, values, client=self._client())
        except InputError as exc:
            self.statusText.setText(exc.message)
            return None
        task.on_success = lambda report, t=task: self._done(t) and self._on_bulk(report)
        task.on_error = lambda msg, t=task: self._done(t) and self.statusText.setText(msg)
        return self._start(task)

    def update_selected(
        self, values: Optional[dict[str, Any]] = None
    ) -> Optional[BulkRequestsTask]:
        if values is None:
            count = sum(len(v) for v in self.selected_ids().values())
            dialog = RequestUpdateDialog(count, self)
            if not exec_dialog(dialog):
                return None
            values = dialog.values()
        return self._bulk("update", values)

    def cancel_selected(self, confirm: bool = True) -> Optional[BulkRequestsTask]:
        count = sum(len(v) for v in self.selected_ids().values())
        if confirm and count:
            answer = QMessageBox.question(
                self,
                self.tr("Cancel requests"),
                self.tr("Cancel {n} request(s)? Cancellation fees may apply.").format(n=count),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        return self._bulk("cancel", None)

    def _on_bulk(self, report: BulkReport) -> None:
        self.last_report = report
        self.resultsView.setPlainText("\n".join(report.lines()))
        self.statusText.setText(
            self.tr("{ok} succeeded, {bad} failed").format(
                ok=len(report.succeeded), bad=len(report.failed)
            )
        )
        for result in report.results.values():
            for request_id, outcome in result.items():
                if outcome.ok and outcome.value is not None and request_id in self.requests:
                    kind = self.requests[request_id][0]
                    self.requests[request_id] = (kind, outcome.value)
        self._fill_table()
        self.bulkFinished.emit(report)
        self.poller.poll_now()

    # --- tracking --------------------------------------------------------------------------

    def _on_poll_toggled(self, on: bool) -> None:
        if on and self.poller.tracked:
            self.poller.start()
        elif not on:
            self.poller.stop()

    def _on_status_changed(self, request_id: str, old: str, new: str, model: Any) -> None:
        kind = self.requests.get(request_id, (KIND_TASKING, None))[0]
        self.requests[request_id] = (kind, model)
        self.layer.set_status(request_id, new)
        self._fill_table()
        name = model.properties.name or request_id
        push_message(
            self.tr("Capella request"),
            self.tr("“{name}” is now {new} (was {old}).").format(
                name=name, new=new, old=old or "?"
            ),
            message_level("Success" if new == "completed" else "Info"),
            iface=self.iface,
            items=self.messages,
        )
        self.statusChanged.emit(request_id, old, new)
        if new == "completed" and request_id in self.download_when_completed:
            self.start_download(request_id)

    def download_selected_when_completed(self) -> list[str]:
        """Mark selected tasking requests; completed ones are downloaded right away."""
        marked = self.selected_ids().get(KIND_TASKING, [])
        for request_id in marked:
            model = self.requests[request_id][1]
            if model.is_completed:
                self.start_download(request_id)
            else:
                self.download_when_completed.add(request_id)
                self.poller.track(request_id, KIND_TASKING, model.status)
        if marked and self.pollCheck.isChecked() and not self.poller.active:
            self.poller.start()
        return marked

    def start_download(self, request_id: str, factory: Optional[Callable[..., Any]] = None) -> Any:
        """Queue the products of a completed TR through the download engine (task_download)."""
        self.download_when_completed.discard(request_id)
        settings = self.settings()
        folder = settings.effective_download_folder
        if self.download_dir:
            folder = Path(self.download_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.statusText.setText(
                self.tr("Cannot create the download folder {path}: {error}").format(
                    path=folder, error=exc.strerror or exc
                )
            )
            return None
        request = DownloadRequest(kind="tasking_request", dest_dir=folder, ids=[request_id])
        task = (factory or DownloadTask)(request, settings=settings, client=self._client())
        task.on_success = lambda result, t=task: self._done(t) and self._on_downloaded(result)
        task.on_error = lambda msg, t=task: self._done(t) and self.statusText.setText(msg)
        self._start(task)
        self.downloadStarted.emit(request_id, task)
        return task

    def _on_downloaded(self, result: Any) -> None:
        if not isinstance(result, DownloadResult):
            self.statusText.setText(str(result))
            return
        self.statusText.setText(downloaded_text(result))
        push_downloaded(self.messages, self.tr("Capella download"), result)

    def shutdown(self) -> None:
        """Stop polling, cancel and detach every task, remove this dock's messages."""
        self.poller.stop()
        for task in list(self.tasks):
            detach_task(task)
        self.tasks.clear()
        self.download_when_completed.clear()
        self.messages.clear()

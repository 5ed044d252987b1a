"""Requests controller: the Requests dock's work (search, bulk update/cancel, track, download)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from qgis.PyQt.QtCore import QCoreApplication, QObject, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QMessageBox

from capella_qgis.core.download.sources import TaskingRequestSource
from capella_qgis.core.exceptions import CapellaError, user_message
from capella_qgis.core.models.tasking import RepeatRequest
from capella_qgis.gui.orders.downloads import DownloadStarter
from capella_qgis.gui.orders.downloads_message import downloaded_text, push_downloaded
from capella_qgis.gui.tasking.dlg_request_update import RequestUpdateDialog
from capella_qgis.gui.tasking.dock_requests import Requests, RequestsDock
from capella_qgis.gui.tasking.requests_poller import RequestPoller
from capella_qgis.requests.layer import RequestsLayer
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_base import TaskRunner
from capella_qgis.tasks.task_download import DownloadOptions, DownloadRequest, DownloadResult
from capella_qgis.tasks.task_tasking import (
    KIND_REPEAT,
    KIND_TASKING,
    BulkReport,
    BulkRequestsTask,
    SearchRequestsTask,
)
from capella_qgis.toolbelt.compat import QAction, exec_dialog, message_level
from capella_qgis.toolbelt.log import MessageItems, push_message

MENU = "&Capella"


class RequestsController(QObject):
    """Owns the Requests dock, its map layers, the status poller and their tasks.

    Tasks go through ``self.tasks`` (one runner), clients come from the injected ``clients``
    factory; the dock only emits signals. ``add_request`` receives the requests the tasking
    form created (the plugin links the two controllers by name).
    """

    NAME = "requests"

    searchFinished = pyqtSignal(int)
    bulkFinished = pyqtSignal(object)  # BulkReport
    statusChanged = pyqtSignal(str, str, str)  # id, old, new
    downloadStarted = pyqtSignal(str, object)  # tasking request id, DownloadTask

    def __init__(
        self,
        iface: Any,
        *,
        clients: Optional[ClientFactory] = None,
        downloads: Optional[DownloadOptions] = None,
        download_dir: Optional[str] = None,
        layer: Optional[RequestsLayer] = None,
    ) -> None:
        super().__init__()
        self.iface = iface
        self.clients = clients or ClientFactory()
        self.tasks = TaskRunner()
        # "Downloaded" banners and lasting messages, removed on unload.
        self.messages = MessageItems(iface)
        self.downloads = DownloadStarter(self.tasks, self.clients, downloads)
        self.download_dir = Path(download_dir) if download_dir else None
        self.layer = layer or RequestsLayer()
        self.requests: Requests = {}
        self.download_when_completed: set[str] = set()
        self.last_report: Optional[BulkReport] = None
        self.dock: Optional[RequestsDock] = None
        self.actions: list[QAction] = []
        self.poller = RequestPoller(self.tasks, self.clients, for_org=self._for_org, parent=self)
        self.poller.statusChanged.connect(self._on_status_changed)
        self.poller.failed.connect(self._status)

    # --- lifecycle -------------------------------------------------------------------------

    def install(self) -> None:
        parent = self.iface.mainWindow() if self.iface is not None else None
        self.dock = RequestsDock(parent)
        self.dock.searchRequested.connect(self.search)
        self.dock.updateRequested.connect(self.update_selected)
        self.dock.cancelRequested.connect(self.cancel_selected)
        self.dock.downloadRequested.connect(self._download_requested)
        self.dock.pollToggled.connect(self._on_poll_toggled)
        if self.iface is None:
            return
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        action = self.dock.toggleViewAction()
        action.setText(self.tr("Requests"))
        action.setObjectName("mActionCapellaRequestsDock")
        self.iface.addPluginToWebMenu(QCoreApplication.translate("CapellaPlugin", MENU), action)
        self.actions.append(action)

    def unload(self) -> None:
        """Stop polling, cancel and detach every task, remove the dock and its messages."""
        self.poller.stop()
        self.tasks.shutdown()
        self.download_when_completed.clear()
        self.messages.clear()
        for action in self.actions:
            if self.iface is not None:
                self.iface.removePluginWebMenu(
                    QCoreApplication.translate("CapellaPlugin", MENU), action
                )
        self.actions.clear()  # the dock's toggle action is deleted with the dock
        if self.dock is not None:
            if self.iface is not None:
                self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None

    # --- helpers ---------------------------------------------------------------------------

    def _for_org(self) -> bool:
        return self.dock.for_org() if self.dock is not None else False

    def _status(self, text: str) -> None:
        if self.dock is not None:
            self.dock.set_status(text)

    def _notify(self, title: str, text: str, level: str) -> None:
        push_message(title, text, message_level(level), iface=self.iface, items=self.messages)

    def _show(self) -> None:
        if self.dock is not None:
            self.dock.show_requests(self.requests)

    # --- search ----------------------------------------------------------------------------

    def search(self) -> None:
        """Search with the dock's filters; the dock shows what was found."""
        if self.dock is None:
            return
        try:
            spec = self.dock.build_search()
        except CapellaError as exc:
            self._status(user_message(exc))
            return
        self.dock.set_searching(True)
        self.tasks.run(
            SearchRequestsTask,
            spec,
            client=self.clients,
            on_success=self._on_search,
            on_error=self._on_search_error,
        )

    def _on_search_error(self, message: str) -> None:
        if self.dock is not None:
            self.dock.set_searching(False)
        self._status(message)
        self._notify(self.tr("Capella requests"), message, "Warning")

    def _on_search(self, result: dict[str, list[Any]]) -> None:
        self.requests = {}
        for kind, models in result.items():
            for model in models:
                self.requests[model.id] = (kind, model)
        self.layer.clear()
        self.layer.upsert(model for _kind, model in self.requests.values())
        if self.dock is not None:
            self.dock.show_found(self.requests)
        self.poller.untrack_all()
        for request_id, (kind, model) in self.requests.items():
            if not model.properties.is_final:
                self.poller.track(request_id, kind, model.status)
        if self._polling() and self.poller.tracked:
            self.poller.start()
        self.searchFinished.emit(len(self.requests))

    def _polling(self) -> bool:
        return self.dock is not None and self.dock.polling

    def add_request(self, model: Any) -> None:
        """Show a request created elsewhere (e.g. by the tasking form) and track it."""
        kind = KIND_REPEAT if isinstance(model, RepeatRequest) else KIND_TASKING
        self.requests[model.id] = (kind, model)
        self.layer.upsert([model])
        self._show()
        self.poller.track(model.id, kind, model.status)
        if self._polling() and not self.poller.active:
            self.poller.start()

    # --- bulk actions ----------------------------------------------------------------------

    def _selected(self) -> dict[str, list[str]]:
        return self.dock.selected_ids() if self.dock is not None else {}

    def _bulk(self, action: str, values: Optional[dict[str, Any]]) -> Optional[BulkRequestsTask]:
        ids = self._selected()
        if not ids:
            self._status(self.tr("Select one or more requests first."))
            return None
        return self.tasks.run(
            BulkRequestsTask,
            action,
            ids,
            values,
            client=self.clients,
            on_success=self._on_bulk,
            on_error=self._status,
        )

    def update_selected(self, values: Optional[dict[str, Any]] = None) -> None:
        """Update the selected requests with ``values`` (asked for in a dialog when None)."""
        if values is None:
            count = sum(len(v) for v in self._selected().values())
            dialog = RequestUpdateDialog(count, self.dock)
            if not exec_dialog(dialog):
                return
            values = dialog.values()
        self._bulk("update", values)

    def cancel_selected(self, confirm: bool = True) -> None:
        """Cancel the selected requests (after a confirmation unless ``confirm`` is False)."""
        count = sum(len(v) for v in self._selected().values())
        if confirm and count and self.dock is not None:
            answer = QMessageBox.question(
                self.dock,
                self.tr("Cancel requests"),
                self.tr("Cancel {n} request(s)? Cancellation fees may apply.").format(n=count),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._bulk("cancel", None)

    def _on_bulk(self, report: BulkReport) -> None:
        self.last_report = report
        for result in report.results.values():
            for request_id, outcome in result.items():
                if outcome.ok and outcome.value is not None and request_id in self.requests:
                    kind = self.requests[request_id][0]
                    self.requests[request_id] = (kind, outcome.value)
        self._show()
        if self.dock is not None:
            self.dock.show_bulk(report)
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
        self._show()
        name = model.properties.name or request_id
        self._notify(
            self.tr("Capella request"),
            self.tr("“{name}” is now {new} (was {old}).").format(
                name=name, new=new, old=old or "?"
            ),
            "Success" if new == "completed" else "Info",
        )
        self.statusChanged.emit(request_id, old, new)
        if new == "completed" and request_id in self.download_when_completed:
            self.start_download(request_id)

    def _download_requested(self) -> None:
        self.download_selected_when_completed()

    def download_selected_when_completed(self) -> list[str]:
        """Mark selected tasking requests; completed ones are downloaded right away."""
        marked = self._selected().get(KIND_TASKING, [])
        for request_id in marked:
            model = self.requests[request_id][1]
            if model.is_completed:
                self.start_download(request_id)
            else:
                self.download_when_completed.add(request_id)
                self.poller.track(request_id, KIND_TASKING, model.status)
        if marked and self._polling() and not self.poller.active:
            self.poller.start()
        return marked

    # --- downloads -------------------------------------------------------------------------

    def start_download(
        self, request_id: str, factory: Optional[Callable[..., Any]] = None
    ) -> Optional[Any]:
        """Queue the products of a completed TR through the download engine (task_download)."""
        self.download_when_completed.discard(request_id)
        try:
            folder = self.downloads.folder(self.download_dir)
        except CapellaError as exc:
            self._status(user_message(exc))
            return None
        request = DownloadRequest(TaskingRequestSource((request_id,)), folder)
        extra = {"factory": factory} if factory is not None else {}
        task = self.downloads.start(
            request, on_success=self._on_downloaded, on_error=self._status, **extra
        )
        if task is not None:
            self.downloadStarted.emit(request_id, task)
        return task

    def _on_downloaded(self, result: Any) -> None:
        if not isinstance(result, DownloadResult):
            self._status(str(result))
            return
        self._status(downloaded_text(result))
        push_downloaded(self.messages, self.tr("Capella download"), result)

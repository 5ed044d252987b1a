"""Requests controller: the Requests dock's work (search, bulk update/cancel, track, download,
cost review, retask).

Nothing spends money unseen. "Download when completed" orders through the orders controller
(linked by name in the plugin), which reviews and orders as for footprints. A request whose
cost estimate waits in ``review`` is approved only from the cost dialog, at the total it shows.
"""

from __future__ import annotations

import functools
import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QObject, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QMessageBox

from capella_qgis.core.exceptions import CapellaError, user_message
from capella_qgis.core.workflows.tasking import KIND_REPEAT, KIND_TASKING
from capella_qgis.gui.orders.downloads import download_folder
from capella_qgis.gui.tasking.dock_requests import INTENT_REVIEW, Requests, RequestsDock, awaiting
from capella_qgis.gui.tasking.requests_poller import RequestPoller
from capella_qgis.gui.tasking.retask_actions import Retasker
from capella_qgis.requests.layer import RequestsLayer, request_kind
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_base import TaskRunner
from capella_qgis.toolbelt.compat import QAction, as_slot, exec_dialog, message_level
from capella_qgis.toolbelt.log import MessageItems, push_message

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from qgis.gui import QgsMessageBarItem

    from capella_qgis.gui.tasking.dlg_auto_order import DlgAutoOrder
    from capella_qgis.gui.tasking.dlg_cost_review import DlgCostReview
    from capella_qgis.gui.tasking.dlg_retask import RetaskDialog
    from capella_qgis.tasks.task_review import (
        AnswerReviewTask,
        CollectHistoryTask,
        CostReviewTask,
        Review,
        ReviewAnswer,
    )
    from capella_qgis.tasks.task_tasking import BulkReport, BulkRequestsTask

MENU = "&Capella"


class RequestsController(QObject):
    """Owns the Requests dock, its map layers, the status poller, the cost dialog and their
    tasks.

    Tasks go through ``self.tasks`` (one runner), clients come from the injected ``clients``
    factory; the dock and the dialogs only emit signals. ``add_request`` receives the requests
    the tasking form and the footprint retask created (the plugin links them by name); a
    request arriving in ``review`` is announced in the message bar with "Review cost…".
    """

    NAME = "requests"

    searchFinished = pyqtSignal(int)
    bulkFinished = pyqtSignal(object)  # BulkReport
    statusChanged = pyqtSignal(str, str, str)  # id, old, new
    # Review (and, after a yes or within an opt-in's cost cap, order and download) the
    # products of completed tasking requests: the plugin links it to the orders controller.
    orderRequested = pyqtSignal(object)  # TaskingRequestOrder

    def __init__(
        self,
        iface: Any,
        *,
        clients: Optional[ClientFactory] = None,
        download_dir: Optional[str] = None,
        layer: Optional[RequestsLayer] = None,
    ) -> None:
        super().__init__()
        self.iface = iface
        self.clients = clients or ClientFactory()
        self.tasks = TaskRunner()
        # "Downloaded" banners and lasting messages, removed on unload.
        self.messages = MessageItems(iface)
        self.download_dir = Path(download_dir) if download_dir else None
        self.layer = layer or RequestsLayer()
        self.requests: Requests = {}
        # Opt-ins to an automatic order on completion: request id -> cost cap. In memory
        # only (this session): a cap the user chose is not replayed on another day.
        self.download_when_completed: dict[str, Decimal] = {}
        self.opt_in_dialog: Optional[DlgAutoOrder] = None
        self.last_report: Optional[BulkReport] = None
        self.dock: Optional[RequestsDock] = None
        self.actions: list[QAction] = []
        self.poller = RequestPoller(self.tasks, self.clients, for_org=self._for_org, parent=self)
        self.poller.statusChanged.connect(self._on_status_changed)
        self.poller.failed.connect(self._status)
        # The cost review: one dialog (reused), its read and answer tasks, and the message-bar
        # notification of each request waiting for approval (removed once answered).
        self.review_dialog: Optional[DlgCostReview] = None
        self.review_task: Optional[CostReviewTask] = None
        self.answer_task: Optional[AnswerReviewTask] = None
        self.review_banners: dict[str, QgsMessageBarItem] = {}
        self.details_task: Optional[CollectHistoryTask] = None
        self.retasker = Retasker(
            self.tasks, self.clients, iface=iface, messages=self.messages, parent=self
        )
        self.retasker.requestCreated.connect(self.add_request)

    # --- lifecycle -------------------------------------------------------------------------

    def install(self) -> None:
        parent = self.iface.mainWindow() if self.iface is not None else None
        self.dock = RequestsDock(parent)
        self.dock.searchRequested.connect(self.search)
        self.dock.updateRequested.connect(self.update_selected)
        self.dock.cancelRequested.connect(self.cancel_selected)
        self.dock.downloadRequested.connect(self._download_requested)
        self.dock.pollToggled.connect(self._on_poll_toggled)
        self.dock.reviewRequested.connect(as_slot(self.open_cost_review))
        self.dock.retaskRequested.connect(as_slot(self.retask_request))
        self.dock.detailsRequested.connect(as_slot(self.load_details))
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
        self.review_task = self.answer_task = self.details_task = None
        self.retasker.close()
        if self.review_dialog is not None:
            self.review_dialog.close()
            self.review_dialog.deleteLater()
            self.review_dialog = None
        self.review_banners.clear()
        if self.opt_in_dialog is not None:
            self.opt_in_dialog.close()
            self.opt_in_dialog.deleteLater()
            self.opt_in_dialog = None
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
        from capella_qgis.tasks.task_tasking import SearchRequestsTask

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
            waiting = [i for i, (_k, m) in self.requests.items() if awaiting(m)]
            if waiting:
                self.dock.set_status(
                    self.tr("{n} request(s), {k} waiting for your approval").format(
                        n=len(self.requests), k=len(waiting)
                    )
                )
        self.poller.untrack_all()
        for request_id, (kind, model) in self.requests.items():
            if not model.properties.is_final:
                self.poller.track(request_id, kind, model.status, waiting=awaiting(model))
        for request_id in self.download_when_completed:  # opted in: watched even if not listed
            if request_id not in self.poller.tracked:
                model = self.requests.get(request_id, (KIND_TASKING, None))[1]
                self.poller.track(request_id, KIND_TASKING, model.status if model else "")
        if self._polling() and self.poller.tracked:
            self.poller.start()
        self.searchFinished.emit(len(self.requests))

    def _polling(self) -> bool:
        return self.dock is not None and self.dock.polling

    def add_request(self, model: Any) -> None:
        """Show a request created elsewhere (e.g. by the tasking form) and track it."""
        kind = request_kind(model)
        self.requests[model.id] = (kind, model)
        self.layer.upsert([model])
        self._show()
        if self.dock is not None:  # the user just made it: the dock that tracks it comes up
            self.dock.show()
            self.dock.raise_()
        self.poller.track(model.id, kind, model.status, waiting=awaiting(model))
        if awaiting(model):
            self.notify_review(model.id)
        if self._polling():
            # From the first interval again: its estimate is what the user waits for next.
            self.poller.start()

    # --- bulk actions ----------------------------------------------------------------------

    def _selected(self) -> dict[str, list[str]]:
        return self.dock.selected_ids() if self.dock is not None else {}

    def _bulk(self, action: str, values: Optional[dict[str, Any]]) -> Optional[BulkRequestsTask]:
        from capella_qgis.tasks.task_tasking import BulkRequestsTask

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
        from capella_qgis.gui.tasking.dlg_request_update import RequestUpdateDialog

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
        self._apply_status(request_id, old, new, model)
        if awaiting(model):
            self.notify_review(request_id)
        elif new != old:
            name = model.properties.name or request_id
            self._notify(
                self.tr("Capella request"),
                self.tr("“{name}” is now {new} (was {old}).").format(
                    name=name, new=new, old=old or "?"
                ),
                "Success" if new == "completed" else "Info",
            )
        dialog = self.review_dialog
        if (
            dialog is not None
            and dialog.isVisible()
            and dialog.request_id == request_id
            and not dialog.busy
        ):
            self._load_review(request_id, INTENT_REVIEW)  # show it as it is now

    def _apply_status(self, request_id: str, old: str, new: str, model: Any) -> None:
        """``model`` is ``request_id`` as it is now: dock, layer, poller, banners, opt-ins."""
        kind = self.requests.get(request_id, (KIND_TASKING, None))[0]
        self.requests[request_id] = (kind, model)
        self.layer.set_status(request_id, new)
        if request_id in self.poller.tracked:
            self.poller.track(request_id, kind, new, waiting=awaiting(model))
        if not awaiting(model):
            self._drop_banner(request_id)
        self._show()
        if self.dock is not None and self.dock.details_id == request_id and kind == KIND_TASKING:
            self.load_details(request_id)  # its collects move with its status
        if new == old:
            return
        self.statusChanged.emit(request_id, old, new)
        if request_id in self.download_when_completed:
            self._opted_in_changed(request_id, new, model)

    # --- order and download ----------------------------------------------------------------

    def _download_requested(self) -> None:
        self.download_selected_when_completed()

    def download_selected_when_completed(self, cost_cap: Optional[Decimal] = None) -> list[str]:
        """Order and download the products of the selected tasking requests, never unseen.

        Completed ones: their order is reviewed now and the review dialog asks. The others:
        a dialog says what will happen on completion and asks for the most the order may
        cost (``cost_cap`` given: that answer, e.g. from a script). Returns the ids handled.
        """
        from capella_qgis.core.workflows.orders import TaskingRequestOrder

        ids = self._selected().get(KIND_TASKING, [])
        if not ids:
            self._tell(self.tr("Select one or more tasking requests first."), "Warning")
            return []
        if not self.receivers(self.orderRequested):
            self._tell(self.tr("Ordering is not available."), "Warning")
            return []
        folder = self._download_folder()
        if folder is None:
            return []
        models = {i: self.requests[i][1] for i in ids}
        completed = [i for i in ids if models[i].is_completed]
        pending = [i for i in ids if not models[i].is_completed]
        if completed:
            names = [self._name(models[i]) for i in completed]
            what = ", ".join(f"“{n}”" for n in names)
            self._tell(
                self.tr("Reviewing the price of {what}; the order review opens next.").format(
                    what=what
                )
            )
            self._hand_order(
                TaskingRequestOrder(tuple(completed), folder, None, ", ".join(names)), what
            )
        if pending:
            if cost_cap is not None:
                self.opt_in(pending, cost_cap)
            else:
                self._ask_opt_in(pending, folder)
        return completed + pending

    def _hand_order(self, order: Any, what: str) -> None:
        """Hand ``order`` to the orders controller; the dock's "Reviewing the price…" line
        lasts only while the review task it started runs (then it says how it ended)."""
        manager = QgsApplication.taskManager()
        added: list[int] = []

        def on_added(task_id: int) -> None:
            added.append(task_id)

        manager.taskAdded.connect(on_added)
        try:
            self.orderRequested.emit(order)
        finally:
            manager.taskAdded.disconnect(on_added)
        showing = self.dock.statusText.text() if self.dock is not None else ""
        tasks = [t for t in (manager.task(i) for i in added) if t is not None]
        if not tasks:  # refused before it started: the orders controller said why
            self._review_ended(showing, what, False)
            return
        for task in tasks:
            task.taskCompleted.connect(functools.partial(self._review_ended, showing, what, True))
            task.taskTerminated.connect(functools.partial(self._review_ended, showing, what, False))

    def _review_ended(self, showing: str, what: str, ok: bool) -> None:
        if self.dock is None or self.dock.statusText.text() != showing:
            return  # something newer is shown
        if ok:
            text = self.tr("Price of {what} reviewed: decide in the order review.")
        else:
            text = self.tr(
                "The price review of {what} ended without an order review; see the message bar."
            )
        self._status(text.format(what=what))

    def _ask_opt_in(self, ids: list[str], folder: Path) -> DlgAutoOrder:
        from capella_qgis.gui.tasking.dlg_auto_order import DlgAutoOrder

        if self.opt_in_dialog is not None:
            self.opt_in_dialog.close()
            self.opt_in_dialog.deleteLater()
        names = [self._name(self.requests[i][1]) for i in ids]
        dialog = DlgAutoOrder(names, folder, self.dock)
        dialog.accepted.connect(lambda: self.opt_in(ids, dialog.cost_cap()))
        dialog.rejected.connect(
            lambda: self._status(self.tr("Nothing will be ordered automatically."))
        )
        self.opt_in_dialog = dialog
        dialog.open()
        return dialog

    def opt_in(self, ids: list[str], cost_cap: Decimal) -> None:
        """Order and download ``ids`` when they complete, if their order costs at most
        ``cost_cap`` (each request's order on its own); said in the message bar."""
        from capella_qgis.core.workflows.orders import format_money

        for request_id in ids:
            model = self.requests[request_id][1]
            self.download_when_completed[request_id] = cost_cap
            self.poller.track(request_id, KIND_TASKING, model.status)
        cap = format_money(cost_cap)
        if len(ids) == 1:
            text = self.tr(
                "“{name}” will be ordered and downloaded when completed, if it costs at most {cap}."
            ).format(name=self._name(self.requests[ids[0]][1]), cap=cap)
        else:
            text = self.tr(
                "{n} requests will be ordered and downloaded when completed, each if it costs at "
                "most {cap}."
            ).format(n=len(ids), cap=cap)
        if not self._polling():
            text += " " + self.tr("Turn on Track status changes so the plugin notices.")
        self._tell(text)
        if self._polling() and not self.poller.active:
            self.poller.start()

    def _opted_in_changed(self, request_id: str, new: str, model: Any) -> None:
        from capella_qgis.core.workflows.orders import TaskingRequestOrder

        if new == "completed":
            cap = self.download_when_completed.pop(request_id)
            folder = self._download_folder()  # checked again: it may be gone by now
            if folder is None:
                return
            if not self.receivers(self.orderRequested):
                self._tell(self.tr("Ordering is not available."), "Warning")
                return
            self.orderRequested.emit(
                TaskingRequestOrder((request_id,), folder, cap, self._name(model))
            )
        elif model.properties.is_final:
            del self.download_when_completed[request_id]
            self._tell(
                self.tr("“{name}” ended as {status}: nothing will be ordered.").format(
                    name=self._name(model), status=new
                ),
                "Warning",
            )

    def _download_folder(self) -> Optional[Path]:
        """The effective download folder, created and writable; else say so (naming the
        setting) and None."""
        try:
            folder = download_folder(self.clients.settings, self.download_dir)
        except CapellaError as exc:
            problem = user_message(exc)
        else:
            if os.access(folder, os.W_OK | os.X_OK):
                return folder
            problem = self.tr("The download folder {path} is not writable").format(path=folder)
        self._tell(
            self.tr(
                "{problem}. Nothing was ordered: choose a Download folder you can write to in "
                "Settings › Options › Capella."
            ).format(problem=problem.rstrip(".")),
            "Critical",
        )
        return None

    def _tell(self, text: str, level: str = "Info") -> None:
        """In the dock's status line and the message bar (errors stay until dismissed)."""
        self._status(text)
        self._notify(self.tr("Capella requests"), text, level)

    @staticmethod
    def _name(model: Any) -> str:
        return str(model.properties.name or model.id)

    # --- cost review -----------------------------------------------------------------------

    def notify_review(self, request_id: str) -> Optional[QgsMessageBarItem]:
        """A message-bar notification that ``request_id`` waits for approval, with a button
        that opens the cost dialog (one per request; it stays until answered or closed)."""
        if request_id not in self.requests:
            return None
        old = self.review_banners.get(request_id)
        if old is not None and old in self.messages.items():
            return old
        kind, model = self.requests[request_id]
        price = self._price_text(kind, model)
        text = self.tr(
            "“{name}” waits for your approval: the Console estimates {price}. Nothing is "
            "collected or charged until you approve it."
        ).format(name=self._name(model), price=price or self.tr("its price"))
        item = self.messages.push(
            self.tr("Capella cost review"),
            text,
            message_level("Warning"),
            0,
            buttons=[(self.tr("Review cost…"), lambda: self.open_cost_review(request_id))],
        )
        if item is None:  # no message bar: the dock says it
            self._status(text)
            return None
        self.review_banners[request_id] = item
        return item

    def _price_text(self, kind: str, model: Any) -> str:
        if kind == KIND_REPEAT:
            per_image = model.properties.cost_per_image_estimate
            return self.tr("{price} per image").format(price=per_image) if per_image else ""
        estimate = model.cost_estimate
        return str(estimate.total) if estimate is not None and estimate.total else ""

    def _drop_banner(self, request_id: str) -> None:
        item = self.review_banners.pop(request_id, None)
        if item is not None:
            self.messages.remove(item)

    def open_cost_review(self, request_id: str, intent: str = INTENT_REVIEW) -> DlgCostReview:
        """Open the cost dialog on ``request_id`` and read its estimate (in a task)."""
        from capella_qgis.gui.tasking.dlg_cost_review import DlgCostReview

        kind, model = self.requests.get(request_id, (KIND_TASKING, None))
        if self.review_dialog is None:
            parent = self.iface.mainWindow() if self.iface is not None else self.dock
            self.review_dialog = DlgCostReview(parent)
            self.review_dialog.approveRequested.connect(as_slot(self.approve))
            self.review_dialog.rejectRequested.connect(as_slot(self.reject))
        dialog = self.review_dialog
        if dialog.busy and dialog.request_id != request_id:
            # An answer is on its way for the request shown: it stays until that is done.
            self._status(self.tr("Wait for the answer in the cost dialog first."))
            dialog.raise_()
            return dialog
        dialog.show_loading(request_id, self._name(model) if model is not None else "", kind)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self._load_review(request_id, intent)
        return dialog

    def _load_review(self, request_id: str, intent: str) -> Optional[CostReviewTask]:
        from capella_qgis.tasks.task_review import CostReviewTask

        kind = self.requests.get(request_id, (KIND_TASKING, None))[0]
        self.tasks.discard(self.review_task)  # an older read is obsolete
        self.review_task = self.tasks.run(
            CostReviewTask,
            request_id,
            kind=kind,
            client=self.clients,
            on_success=functools.partial(self._on_review, intent),
            on_error=functools.partial(self._on_review_failed, request_id),
        )
        return self.review_task

    def _on_review(self, intent: str, review: Review) -> None:
        self.review_task = None
        model = review.request
        self._refresh(model)
        dialog = self.review_dialog
        if dialog is not None and dialog.request_id == model.id:
            dialog.show_review(review, intent)

    def _on_review_failed(self, request_id: str, message: str) -> None:
        self.review_task = None
        dialog = self.review_dialog
        if dialog is not None and dialog.request_id == request_id:
            dialog.show_error(message)

    def _refresh(self, model: Any) -> None:
        """A request read again outside the poller: apply what changed."""
        known = self.requests.get(model.id)
        old = known[1].status if known is not None else ""
        self._apply_status(model.id, old or "", model.status or "", model)

    def approve(self, request_id: str, expected_total: str) -> Optional[AnswerReviewTask]:
        """Approve at ``expected_total`` (what the dialog shows); a changed price is refused
        by the core and shown again instead."""
        return self._answer(request_id, True, expected_total)

    def reject(self, request_id: str) -> Optional[AnswerReviewTask]:
        """Reject (the dialog has asked the user already)."""
        return self._answer(request_id, False, None)

    def _answer(
        self, request_id: str, approve: bool, expected_total: Optional[str]
    ) -> Optional[AnswerReviewTask]:
        from capella_qgis.tasks.task_review import AnswerReviewTask

        kind = self.requests.get(request_id, (KIND_TASKING, None))[0]
        self.answer_task = self.tasks.run(
            AnswerReviewTask,
            request_id,
            approve,
            expected_total=expected_total,
            kind=kind,
            client=self.clients,
            on_success=self._on_answered,
            on_error=functools.partial(self._on_answer_failed, request_id),
        )
        return self.answer_task

    def _on_answered(self, answer: ReviewAnswer) -> None:
        self.answer_task = None
        dialog = self.review_dialog
        shown = dialog is not None and dialog.request_id == answer.request_id
        if answer.changed is not None:
            self._refresh(answer.changed.request)
            if shown and dialog is not None:
                dialog.show_answer(answer)
            return
        model = answer.request
        if model is not None:
            self._refresh(model)
        name = self._name(model) if model is not None else answer.request_id
        status = (model.status if model is not None else None) or "-"
        if answer.approve:
            total = dialog.total_shown if shown and dialog is not None else ""
            text = self.tr("“{name}” approved at {total}: it is now {status}.").format(
                name=name, total=total or "-", status=status
            )
        else:
            text = self.tr("“{name}” rejected: it is now {status}.").format(
                name=name, status=status
            )
        self._tell(text, "Success" if answer.approve else "Info")
        if shown and dialog is not None:
            dialog.show_answer(answer)

    def _on_answer_failed(self, request_id: str, message: str) -> None:
        self.answer_task = None
        dialog = self.review_dialog
        if dialog is not None and dialog.request_id == request_id:
            dialog.show_error(message)
        else:
            self._tell(message, "Critical")

    # --- details and retask ----------------------------------------------------------------

    def load_details(self, request_id: str) -> Optional[CollectHistoryTask]:
        """Read the collect status history of the request shown in the dock's details."""
        from capella_qgis.tasks.task_review import CollectHistoryTask

        if self.dock is None:
            return None
        dock = self.dock
        self.tasks.discard(self.details_task)
        self.details_task = self.tasks.run(
            CollectHistoryTask,
            request_id,
            client=self.clients,
            on_success=lambda collects: self._on_details(dock, request_id, list(collects)),
            on_error=lambda message: self._on_details(dock, request_id, None, message),
        )
        return self.details_task

    def _on_details(
        self, dock: RequestsDock, request_id: str, collects: Any, error: str = ""
    ) -> None:
        self.details_task = None
        if self.dock is dock:
            dock.show_details(request_id, collects, error=error)

    def retask_request(self, request_id: str) -> Optional[RetaskDialog]:
        """ "Retask like this…" on a completed tasking request: ask, then create."""
        kind, model = self.requests.get(request_id, (KIND_TASKING, None))
        if model is None or kind != KIND_TASKING or not model.is_completed:
            self._tell(self.tr("Select one completed tasking request to retask."), "Warning")
            return None
        return self.retasker.ask(
            self.dock, source=f"“{self._name(model)}”", tasking_request_id=request_id
        )

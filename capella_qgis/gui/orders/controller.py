"""Orders controller: Orders dock, "Order selected footprints…", downloads, resume, streaming.

It also orders the products of completed tasking requests for the Requests dock (linked by
name in the plugin): the same review dialog and submit, then a download into the project.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from qgis.core import QgsMapLayer, QgsMapLayerType, QgsProject, QgsVectorLayer
from qgis.gui import QgsGui, QgsMapLayerAction
from qgis.PyQt.QtCore import QObject, Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices

from capella_qgis.core.exceptions import CapellaError, user_message
from capella_qgis.gui.orders.dock_orders import DockOrders
from capella_qgis.gui.orders.downloads import DownloadStarter, download_folder
from capella_qgis.gui.orders.downloads_message import push_downloaded
from capella_qgis.gui.orders.streams import StreamOpener
from capella_qgis.rasters.style import METADATA_PROPERTY, StreamGuard, load_products
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_base import TaskRunner
from capella_qgis.toolbelt.compat import QAction, message_level, tr
from capella_qgis.toolbelt.log import MessageItems, push_message
from capella_qgis.toolbelt.paths import footprint_storage_path, queue_path

if TYPE_CHECKING:
    from capella_qgis.core.workflows.orders import (
        CostCheck,
        PlacedOrder,
        ReviewResult,
        TaskingRequestOrder,
    )
    from capella_qgis.gui.orders.dlg_order_review import DlgOrderReview
    from capella_qgis.tasks.task_download import (
        DownloadOptions,
        DownloadRequest,
        DownloadResult,
        DownloadTask,
    )
    from capella_qgis.tasks.task_order import ListOrdersTask, PresignTask, ReviewOrderTask

LOGGER = logging.getLogger(__name__)
MENU = "&Capella"

__all__ = ["OrdersController", "download_folder"]


# The task, workflow and footprint modules are imported where they are used, not here: they load
# httpx and the pydantic models, which QGIS start-up must not pay for (#20).
def footprint_layers() -> Any:
    """The ``capella_qgis.footprints.layer`` module, imported on first use."""
    from capella_qgis.footprints import layer

    return layer


class OrdersController(QObject):
    """Owns everything of the ordering/download feature; ``unload()`` removes it all.

    Tasks go through ``self.tasks`` (one runner), clients come from the injected ``clients``
    factory; the dock and the review dialog only emit signals.
    """

    NAME = "orders"

    def __init__(
        self,
        iface: Any,
        *,
        clients: Optional[ClientFactory] = None,
        downloads: Optional[DownloadOptions] = None,
    ) -> None:
        super().__init__()
        self.iface = iface
        self.clients = clients or ClientFactory()
        # Every task started here, cancelled and detached on unload.
        self.tasks = TaskRunner()
        # Banners (Resume, downloaded…) and lasting messages, removed on unload.
        self.messages = MessageItems(iface)
        self.downloads = DownloadStarter(self.tasks, self.clients, downloads)
        self.streams = StreamOpener(self.tasks, self.clients, self._message)
        self.dock: Optional[DockOrders] = None
        self.actions: list[QAction] = []
        self.layer_actions: dict[str, QgsMapLayerAction] = {}
        self.resume_banner: Optional[Any] = None
        self.dialog: Optional[DlgOrderReview] = None
        # What accepting the open dialog does besides ordering: download tasking requests'
        # products (None: the footprints' order, downloaded from the dock).
        self.dialog_then: Optional[TaskingRequestOrder] = None
        self.guard: Optional[StreamGuard] = None
        self.list_task: Optional[ListOrdersTask] = None
        self.action_order: Optional[QAction] = None
        self.action_resume: Optional[QAction] = None
        self.action_stream: Optional[QAction] = None
        self.action_metadata: Optional[QAction] = None

    # --- lifecycle -------------------------------------------------------------------------

    def install(self) -> None:
        window = self.iface.mainWindow()
        self.dock = DockOrders(window)
        self.dock.refreshRequested.connect(self.list_orders)
        self.dock.downloadRequested.connect(self._download_requested)
        self.dock.footprintsRequested.connect(self.load_order_footprints)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        toggle = self.dock.toggleViewAction()
        toggle.setText(tr("Capella Orders"))
        self.iface.addPluginToWebMenu(MENU, toggle)
        self.action_order = self._action(tr("Order selected footprints…"), self.order_current)
        self.action_resume = self._action(tr("Resume unfinished downloads"), self.resume_pending)
        self.action_stream = self._action(
            tr("Open selected footprints as streamed layers"), self.stream_current
        )
        self.action_metadata = QAction(tr("Open extended metadata JSON"), window)
        self.action_metadata.triggered.connect(self.open_metadata_current)
        vector, raster = QgsMapLayerType.VectorLayer, QgsMapLayerType.RasterLayer
        self.iface.addCustomActionForLayerType(self.action_order, "", vector, False)
        self.iface.addCustomActionForLayerType(self.action_stream, "", vector, False)
        self.iface.addCustomActionForLayerType(self.action_metadata, "", raster, False)
        project = QgsProject.instance()
        project.layersAdded.connect(self._on_layers_added)
        project.readProject.connect(self.streams.reattach_all)
        self._on_layers_added(list(project.mapLayers().values()))
        self.guard = StreamGuard(project)
        self.offer_resume()

    def unload(self) -> None:
        # Tasks first: one ending during the rest of unload must find nothing to call.
        self.tasks.shutdown()
        self.list_task = None
        self.messages.clear()
        self.resume_banner = None
        project = QgsProject.instance()
        for signal, slot in (
            (project.layersAdded, self._on_layers_added),
            (project.readProject, self.streams.reattach_all),
        ):
            with contextlib.suppress(TypeError, RuntimeError):
                signal.disconnect(slot)
        if self.guard is not None:
            self.guard.unload()
            self.guard = None
        registry = QgsGui.mapLayerActionRegistry()
        for layer_action in self.layer_actions.values():
            registry.removeMapLayerAction(layer_action)
            layer_action.deleteLater()
        self.layer_actions = {}
        for action in (self.action_order, self.action_stream, self.action_metadata):
            if action is not None:
                self.iface.removeCustomActionForLayerType(action)
        if self.action_metadata is not None:
            # Not in self.actions (no menu entry), but its parent is the main window.
            self.action_metadata.deleteLater()
        self.action_order = self.action_resume = None
        self.action_stream = self.action_metadata = None
        if self.dock is not None:
            self.iface.removePluginWebMenu(MENU, self.dock.toggleViewAction())
            self.dock.unload()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        for action in self.actions:
            self.iface.removePluginWebMenu(MENU, action)
            action.deleteLater()
        self.actions = []
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.dialog_then = None

    def _action(self, text: str, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self.iface.mainWindow())
        action.triggered.connect(lambda _checked=False: slot())
        self.iface.addPluginToWebMenu(MENU, action)
        self.actions.append(action)
        return action

    # --- layers ----------------------------------------------------------------------------

    def _on_layers_added(self, layers: list[QgsMapLayer]) -> None:
        if self.action_order is None or self.action_stream is None or not layers:  # unloaded
            return
        footprints = footprint_layers()
        registry = QgsGui.mapLayerActionRegistry()
        for layer in layers:
            if footprints.is_footprint_layer(layer) and layer.id() not in self.layer_actions:
                self.iface.addCustomActionForLayer(self.action_order, layer)
                self.iface.addCustomActionForLayer(self.action_stream, layer)
                action = QgsMapLayerAction(tr("Order selected footprints…"), self, layer)
                action.triggeredForLayer.connect(self.order_layer)
                registry.addMapLayerAction(action)
                self.layer_actions[layer.id()] = action
            elif layer.customProperty(METADATA_PROPERTY):
                self.iface.addCustomActionForLayer(self.action_metadata, layer)

    def _current_layer(self) -> Optional[QgsMapLayer]:
        layer: Optional[QgsMapLayer] = self.iface.activeLayer()
        return layer

    def open_metadata_current(self) -> None:
        layer = self._current_layer()
        path = layer.customProperty(METADATA_PROPERTY) if layer is not None else None
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _message(self, text: str, level: str = "Info") -> None:
        push_message(
            tr("Capella"), text, message_level(level), iface=self.iface, items=self.messages
        )

    def _error(self, text: str) -> None:
        self._message(text, "Critical")

    # --- orders dock -----------------------------------------------------------------------

    def list_orders(self, active_only: bool = False) -> None:
        """The dock asked for its list (one at a time, the dock sees to it); it gets the answer."""
        from capella_qgis.tasks.task_order import ListOrdersTask

        if self.dock is None:
            return
        dock = self.dock
        self.list_task = self.tasks.run(
            ListOrdersTask,
            active_only,
            client=self.clients,
            on_success=lambda orders: self._listed(dock.show_orders, orders),
            on_error=lambda message: self._listed(dock.show_error, message),
        )

    def _listed(self, answer: Callable[[Any], None], value: Any) -> None:
        self.list_task = None
        answer(value)

    # --- ordering --------------------------------------------------------------------------

    def order_current(self) -> None:
        self.order_layer(self._current_layer())

    def order_layer(self, layer: Optional[QgsMapLayer]) -> None:
        """Review the selected footprints of ``layer``; the review dialog opens with prices."""
        footprints = footprint_layers()
        if not isinstance(layer, QgsVectorLayer) or not footprints.is_footprint_layer(layer):
            self._message(tr("Select a Capella footprint layer first."), "Warning")
            return
        items = footprints.items_from_layer(layer, selected_only=True)
        if not items:
            self._message(tr("Select the footprints to order first."), "Warning")
            return
        self.review(items)

    def review(
        self, items: list[Any], contract_id: Optional[str] = None
    ) -> Optional[ReviewOrderTask]:
        from capella_qgis.tasks.task_order import ReviewOrderTask

        return self.tasks.run(
            ReviewOrderTask,
            items,
            contract_id,
            client=self.clients,
            on_success=self._show_review,
            on_error=self._error,
        )

    def _show_review(
        self, result: ReviewResult, then: Optional[TaskingRequestOrder] = None
    ) -> None:
        from capella_qgis.gui.orders.dlg_order_review import DlgOrderReview

        self.dialog_then = then
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.set_result(result)
            return
        self.dialog = DlgOrderReview(result, self.iface.mainWindow())
        self.dialog.contractChanged.connect(lambda cid: self._review_again(result, cid))
        self.dialog.accepted.connect(self._submit_from_dialog)
        self.dialog.open()

    def _review_again(self, result: ReviewResult, contract_id: str) -> None:
        """Another contract was chosen in the dialog: its prices and authorization."""
        from capella_qgis.tasks.task_order import ReviewOrderTask

        then = self.dialog_then
        self.tasks.run(
            ReviewOrderTask,
            [i.to_feature() for i in result.items],
            contract_id or None,
            client=self.clients,
            on_success=lambda again: self._show_review(again, then),
            on_error=self._error,
        )

    def _submit_from_dialog(self) -> None:
        dialog = self.dialog
        if dialog is not None and dialog.review_result is not None:
            self.submit(dialog.review_result.items, dialog.contract_id(), then=self.dialog_then)

    def submit(
        self,
        items: list[Any],
        contract_id: Optional[str] = None,
        *,
        then: Optional[TaskingRequestOrder] = None,
    ) -> Optional[Any]:
        """Place the order (or reuse an active one); ``then``: download its products."""
        from capella_qgis.core.workflows.orders import as_items
        from capella_qgis.tasks.task_order import SubmitOrderTask

        on_success: Callable[[PlacedOrder], object] = self._on_submitted
        if then is not None:
            ids = [i.id for i in as_items(items)]
            on_success = functools.partial(self._download_placed, then, ids)
        return self.tasks.run(
            SubmitOrderTask,
            items,
            contract_id,
            client=self.clients,
            on_success=on_success,
            on_error=self._error,
        )

    # --- ordering for the Requests dock ------------------------------------------------------

    def order_tasking_requests(self, order: TaskingRequestOrder) -> Optional[ReviewOrderTask]:
        """Review the products of completed tasking requests, then order and download them.

        Without a cost cap the review dialog asks (as for footprints). With one (the user
        opted in to an automatic order), a review within the cap is ordered right away; any
        other outcome orders nothing and offers the review in a lasting message.
        """
        from capella_qgis.tasks.task_order import ReviewOrderTask

        return self.tasks.run(
            ReviewOrderTask,
            [],
            None,
            tasking_request_ids=order.tasking_request_ids,
            client=self.clients,
            on_success=lambda result: self._tasking_reviewed(order, result),
            on_error=lambda message: self._tasking_review_failed(order, message),
        )

    def _tasking_reviewed(self, order: TaskingRequestOrder, result: ReviewResult) -> None:
        from capella_qgis.core.workflows.orders import check_cost_cap

        if order.cost_cap is None:
            self._show_review(result, order)
            return
        check = check_cost_cap(result, order.cost_cap)
        if check.ok:
            self._message(self._cap_text(order, check), "Info")
            self.submit(result.items, result.contract_id, then=order)
            return
        # Not ordered: the user decides, from the review, whether to order after all.
        asked = dataclasses.replace(order, cost_cap=None)
        item = self.messages.push(
            tr("Capella"),
            self._cap_text(order, check),
            message_level("Warning"),
            0,
            buttons=[(tr("Review order…"), lambda: self._show_review(result, asked))],
        )
        if item is None:  # no message bar to hold the button: show the review now
            self._show_review(result, asked)

    def _cap_text(self, order: TaskingRequestOrder, check: CostCheck) -> str:
        from capella_qgis.core.workflows.orders import (
            CAP_ABOVE,
            CAP_CURRENCY,
            CAP_NOT_AUTHORIZED,
            CAP_REUSED,
            CONSOLE_CURRENCY,
            format_money,
        )

        what = order.label or ", ".join(order.tasking_request_ids)
        cap = format_money(order.cost_cap if order.cost_cap is not None else Decimal(0))
        total = str(check.total) if check.total is not None else "-"
        if check.ok:
            if check.reason == CAP_REUSED:
                return tr(
                    "“{what}” is completed; its products are in an active order: downloading them."
                ).format(what=what)
            return tr(
                "“{what}” is completed; its order costs {total}, within your limit of {cap}: "
                "ordering and downloading."
            ).format(what=what, total=total, cap=cap)
        if check.reason == CAP_ABOVE:
            why = tr("its order costs {total}, more than your limit of {cap}").format(
                total=total, cap=cap
            )
        elif check.reason == CAP_NOT_AUTHORIZED:
            why = tr("the Console did not authorize its order")
        elif check.reason == CAP_CURRENCY:
            why = tr("its order is priced in {currency}, your limit in {cap_currency}").format(
                currency=check.total.currency if check.total else "?",
                cap_currency=CONSOLE_CURRENCY,
            )
        else:
            why = tr("its review gave no total price")
        return tr("“{what}” is completed, but {why}: nothing was ordered.").format(
            what=what, why=why
        )

    def _tasking_review_failed(self, order: TaskingRequestOrder, message: str) -> None:
        if order.cost_cap is None:
            self._error(message)
            return
        what = order.label or ", ".join(order.tasking_request_ids)
        again = dataclasses.replace(order, cost_cap=None)
        text = tr(
            "“{what}” is completed, but its order could not be reviewed: {error} Nothing was "
            "ordered."
        ).format(what=what, error=message)
        item = self.messages.push(
            tr("Capella"),
            text,
            message_level("Warning"),
            0,
            buttons=[(tr("Review order…"), lambda: self.order_tasking_requests(again))],
        )
        if item is None:  # no message bar to hold the button: the text, where it can go
            self._error(text)

    def _download_placed(
        self, order: TaskingRequestOrder, stac_ids: list[str], placed: PlacedOrder
    ) -> Optional[PresignTask]:
        """The order holds the products: download exactly those (an active order that was
        reused may hold more) into the folder the Requests dock checked."""
        from capella_qgis.tasks.task_order import PresignTask

        order_id = placed.order.order_id
        self._message(
            tr("Order {id} placed; downloading {n} product(s) to {folder}.").format(
                id=order_id, n=len(stac_ids), folder=order.folder
            )
            if not placed.reused
            else tr("Active order {id} reused; downloading {n} product(s) to {folder}.").format(
                id=order_id, n=len(stac_ids), folder=order.folder
            ),
            "Success",
        )
        if self.dock is not None:
            self.dock.refresh()
        return self.tasks.run(
            PresignTask,
            stac_ids,
            order_id,
            client=self.clients,
            on_success=lambda out: self._download_presigned(order, out),
            on_error=self._error,
        )

    def _download_presigned(
        self, order: TaskingRequestOrder, presigned: tuple[str, list[Any]]
    ) -> Optional[DownloadTask]:
        from capella_qgis.core.download.sources import ItemsSource
        from capella_qgis.tasks.task_download import DownloadRequest

        order_id, items = presigned
        source = ItemsSource(tuple(i.to_feature() for i in items), order_id)
        label = order.label or ", ".join(order.tasking_request_ids)
        request = DownloadRequest(source, order.folder, exclude=["preview"], label=label)
        return self.download(request, order_id)

    def _on_submitted(self, placed: PlacedOrder) -> None:
        order = placed.order
        self._message(
            tr("Order {id} is ready ({n} product(s)); download it from the Orders dock.").format(
                id=order.order_id, n=len(order.items)
            ),
            "Success",
        )
        if self.dock is not None:
            self.dock.refresh()

    # --- downloads -------------------------------------------------------------------------

    def download(
        self, request: DownloadRequest, order_id: Optional[str] = None
    ) -> Optional[DownloadTask]:
        # Failed files are a warning; not starting at all (no credential yet) stays in the bar.
        task = self.downloads.start(
            request,
            on_success=self._on_downloaded,
            on_error=lambda m: self._message(m, "Warning"),
            on_refused=self._error,
        )
        if task is not None and order_id and self.dock is not None:
            task.progressSnapshot.connect(lambda s: self._dock_progress(order_id, s))
        return task

    def _dock_progress(self, order_id: str, snap: Any) -> None:
        if self.dock is not None:
            self.dock.update_progress(order_id, snap)

    def _download_requested(self, order_id: str) -> None:
        self.download_order(order_id)

    def download_order(self, order_id: str) -> Optional[DownloadTask]:
        from capella_qgis.core.download.sources import OrderSource
        from capella_qgis.tasks.task_download import DownloadRequest

        try:
            folder = self.downloads.folder()
        except CapellaError as exc:
            self._error(user_message(exc))
            return None
        request = DownloadRequest(OrderSource(order_id), folder, exclude=["preview"])
        return self.download(request, order_id)

    def _on_downloaded(self, result: DownloadResult) -> list[Any]:
        report = result.report
        push_downloaded(self.messages, tr("Capella"), result)
        if not self.downloads.settings.auto_load:
            return []
        name = tr("Capella order {id}").format(id=(result.order_id or "")[:8]).strip()
        types = {o.job.stac_id: o.job.product_type for o in report.outcomes}
        layers, notes = load_products(report.by_stac_id(), name, product_types=types)
        for note in notes:
            LOGGER.info(note)
        if self.action_metadata is not None:
            for layer in layers:
                self.iface.addCustomActionForLayer(self.action_metadata, layer)
        return layers

    def offer_resume(self) -> int:
        """A "Resume" banner when the download queue has unfinished files (after a crash, a
        restart, or a reload of the plugin that cancelled its downloads)."""
        from capella_qgis.core.download import QueueStore

        pending = QueueStore(queue_path()).pending()
        if not pending:
            return 0
        if self.resume_banner is not None:
            self.messages.remove(self.resume_banner)
        bar = self.iface.messageBar()
        text = tr("{n} Capella download(s) were not finished.").format(n=len(pending))
        if not hasattr(bar, "pushItem"):  # a bare message bar: plain text + menu entry
            self._message(text + " " + tr("Use Web › Capella › Resume unfinished downloads."))
            return len(pending)
        # MessageItems defers the pop and the resume out of the button's clicked() handler.
        self.resume_banner = self.messages.push(
            tr("Capella"),
            text,
            message_level("Info"),
            0,
            buttons=[(tr("Resume"), self._resume_from_banner)],
        )
        return len(pending)

    def _resume_from_banner(self) -> None:
        self.resume_banner = None
        self.resume_pending()

    def resume_pending(self) -> Optional[Any]:
        from capella_qgis.core.download import QueueStore
        from capella_qgis.core.download.sources import ResumeSource
        from capella_qgis.tasks.task_download import DownloadRequest, resumes

        if self.resume_banner is not None:  # resumed from the menu: the banner is obsolete
            self.messages.remove(self.resume_banner)
            self.resume_banner = None
        running = [t for t in self.tasks if resumes(t)]
        if running:
            self._message(tr("The unfinished downloads are already being resumed."))
            return running[0]
        pending = QueueStore(queue_path()).pending()
        if not pending:
            self._message(tr("No unfinished downloads."))
            return None
        folder = Path(pending[0].target).parent
        return self.download(DownloadRequest(ResumeSource(tuple(pending)), folder))

    def load_order_footprints(self, order_id: str) -> None:
        from capella_qgis.tasks.task_order import OrderFootprintsTask

        self.tasks.run(
            OrderFootprintsTask,
            order_id,
            footprint_storage_path(),
            client=self.clients,
            on_success=lambda out: footprint_layers().load_footprint_layer(out),
            on_error=self._error,
        )

    # --- streaming -------------------------------------------------------------------------

    def stream_current(self) -> Optional[Any]:
        return self.streams.open_selected(self._current_layer())

"""Orders dock: all/active orders, auto-refresh with backoff, download, footprints, copy id."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable, Optional

from qgis.core import QgsApplication
from qgis.gui import QgsDockWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import QApplication, QTreeWidgetItem, QWidget

from capella_qgis.core.download import ProgressSnapshot
from capella_qgis.core.download.disk import human_size
from capella_qgis.core.models.console import Order
from capella_qgis.tasks.task_base import detach_task
from capella_qgis.tasks.task_order import ListOrdersTask

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))
LOGGER = logging.getLogger(__name__)

REFRESH_MS = 60_000  # normal polling interval
MAX_BACKOFF_MS = 15 * 60_000
ID_ROLE = Qt.ItemDataRole.UserRole
COL_ID, COL_STATUS, COL_EXPIRES, COL_ITEMS, COL_SIZE, COL_PROGRESS = range(6)
TaskFactory = Callable[..., Any]


class DockOrders(QgsDockWidget, FORM_CLASS):
    """Lists orders; asks the controller (signals) to download or load footprints."""

    downloadRequested = pyqtSignal(str)
    footprintsRequested = pyqtSignal(str)

    def __init__(
        self,
        parent: Optional[QWidget] = None,
        *,
        task_factory: TaskFactory = ListOrdersTask,
        interval_ms: int = REFRESH_MS,
    ) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CapellaOrdersDock")
        self.task_factory = task_factory
        self.interval_ms = interval_ms
        self.current_interval = interval_ms
        self.failures = 0
        self.orders: dict[str, Order] = {}
        self._task: Any = None
        self._unloaded = False
        self.cboFilter.addItem(self.tr("All orders"), False)
        self.cboFilter.addItem(self.tr("Active orders"), True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.refresh)
        self.cboFilter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.btnRefresh.clicked.connect(self.refresh)
        self.btnDownload.clicked.connect(self._emit_download)
        self.btnFootprints.clicked.connect(self._emit_footprints)
        self.btnCopyId.clicked.connect(self.copy_id)
        self.treeOrders.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # --- refresh with backoff --------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: Any) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> Any:
        """Start one list task (never two at once); the timer restarts when it ends."""
        self.timer.stop()
        if self._unloaded:  # removing the dock may still show or hide it once
            return None
        if self._task is not None:
            return self._task
        active = bool(self.cboFilter.currentData())
        try:
            task = self.task_factory(
                active_only=active, on_success=self._on_orders, on_error=self._on_error
            )
        except Exception as exc:  # no credential yet: show it, retry later
            self._on_error(str(exc))
            return None
        self._task = task
        self.lblStatus.setText(self.tr("Refreshing…"))
        QgsApplication.taskManager().addTask(task)
        return task

    def _schedule(self) -> None:
        self._task = None
        if self.isVisible():
            self.timer.start(self.current_interval)

    def _on_orders(self, orders: list[Order]) -> None:
        self.failures = 0
        self.current_interval = self.interval_ms
        self.set_orders(orders)
        self.lblStatus.setText(self.tr("{n} order(s)").format(n=len(orders)))
        self._schedule()

    def _on_error(self, message: str) -> None:
        self.failures += 1
        self.current_interval = min(MAX_BACKOFF_MS, self.interval_ms * 2**self.failures)
        self.lblStatus.setText(
            self.tr("✖ {message} — retrying in {s} s").format(
                message=message, s=self.current_interval // 1000
            )
        )
        self._schedule()

    # --- table -----------------------------------------------------------------------------

    def set_orders(self, orders: list[Order]) -> None:
        selected = self.selected_order_id()
        self.treeOrders.clear()
        self.orders = {o.order_id: o for o in orders}
        for order in orders:
            size = sum(i.size or 0 for i in order.items)
            expires = (
                order.expiration_date.strftime("%Y-%m-%d %H:%M") if order.expiration_date else ""
            )
            status = order.order_status or ""
            if (
                order.expiration_date is not None
                and not order.is_active()
                and not order.is_rejected
            ):
                status = self.tr("{status} (expired)").format(status=status)
            row = QTreeWidgetItem(
                [order.order_id, status, expires, str(len(order.items)), human_size(size), ""]
            )
            row.setData(COL_ID, ID_ROLE, order.order_id)
            for item in order.items:
                child = QTreeWidgetItem(
                    [item.granule_id, "", "", "", human_size(item.size or 0), ""]
                )
                child.setData(COL_ID, ID_ROLE, order.order_id)
                row.addChild(child)
            self.treeOrders.addTopLevelItem(row)
            if order.order_id == selected:
                row.setSelected(True)
        self.treeOrders.resizeColumnToContents(COL_ID)
        self._update_buttons()

    def _order_row(self, order_id: str) -> Optional[QTreeWidgetItem]:
        for i in range(self.treeOrders.topLevelItemCount()):
            row = self.treeOrders.topLevelItem(i)
            if row.data(COL_ID, ID_ROLE) == order_id:
                return row
        return None

    def update_progress(self, order_id: str, snap: ProgressSnapshot) -> None:
        """Per-product progress for a running download of ``order_id``."""
        row = self._order_row(order_id)
        if row is None:
            return
        if snap.bytes_total:
            row.setText(COL_PROGRESS, f"{100 * snap.bytes_done // snap.bytes_total} %")
        for i in range(row.childCount()):
            child = row.child(i)
            prod = snap.products.get(child.text(COL_ID))
            if prod is None:
                continue
            if prod.failed:
                text = self.tr("failed")
            elif prod.finished == prod.assets:
                text = self.tr("done")
            elif prod.total:
                text = f"{100 * prod.done // prod.total} %"
            else:
                text = human_size(prod.done)
            child.setText(COL_PROGRESS, text)

    def selected_order_id(self) -> Optional[str]:
        items = self.treeOrders.selectedItems()
        return str(items[0].data(COL_ID, ID_ROLE)) if items else None

    def _update_buttons(self) -> None:
        has = self.selected_order_id() is not None
        for button in (self.btnDownload, self.btnFootprints, self.btnCopyId):
            button.setEnabled(has)

    def _emit_download(self) -> None:
        order_id = self.selected_order_id()
        if order_id:
            self.downloadRequested.emit(order_id)

    def _emit_footprints(self) -> None:
        order_id = self.selected_order_id()
        if order_id:
            self.footprintsRequested.emit(order_id)

    def copy_id(self) -> None:
        order_id = self.selected_order_id()
        if order_id:
            QApplication.clipboard().setText(order_id)

    def unload(self) -> None:
        """Stop refreshing; the running list task is cancelled and calls nothing back."""
        self._unloaded = True
        self.timer.stop()
        task, self._task = self._task, None
        detach_task(task)

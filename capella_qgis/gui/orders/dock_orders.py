"""Orders dock: all/active orders, auto-refresh with backoff, download, footprints, copy id."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import QApplication, QTreeWidgetItem, QWidget

from capella_qgis.toolbelt.compat import load_ui

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.core.download import ProgressSnapshot
    from capella_qgis.core.models.orders import Order

FORM_CLASS = load_ui(Path(__file__).with_suffix(".ui"))
LOGGER = logging.getLogger(__name__)

REFRESH_MS = 60_000  # normal polling interval
MAX_BACKOFF_MS = 15 * 60_000
ID_ROLE = Qt.ItemDataRole.UserRole
COL_ID, COL_STATUS, COL_EXPIRES, COL_ITEMS, COL_SIZE, COL_PROGRESS = range(6)


class DockOrders(QgsDockWidget, FORM_CLASS):  # type: ignore[misc, valid-type]  # uic builds FORM_CLASS at runtime
    """Lists orders; asks the controller (signals) to list, download or load footprints.

    ``refreshRequested(active_only)`` asks for the list; the controller answers with
    :meth:`show_orders` or :meth:`show_error`, and the next refresh is timed from then.
    """

    refreshRequested = pyqtSignal(bool)  # active orders only
    downloadRequested = pyqtSignal(str)
    footprintsRequested = pyqtSignal(str)

    def __init__(self, parent: Optional[QWidget] = None, *, interval_ms: int = REFRESH_MS) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CapellaOrdersDock")
        self.interval_ms = interval_ms
        self.current_interval = interval_ms
        self.failures = 0
        self.orders: dict[str, Order] = {}
        self.refreshing = False
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

    def refresh(self) -> None:
        """Ask for the list once (never twice at once); the timer restarts on the answer."""
        self.timer.stop()
        if self._unloaded or self.refreshing:  # removing the dock may still show it once
            return
        self.refreshing = True
        self.lblStatus.setText(self.tr("Refreshing…"))
        self.refreshRequested.emit(bool(self.cboFilter.currentData()))

    def _schedule(self) -> None:
        self.refreshing = False
        if self.isVisible() and not self._unloaded:
            self.timer.start(self.current_interval)

    def show_orders(self, orders: list[Order]) -> None:
        self.failures = 0
        self.current_interval = self.interval_ms
        self.set_orders(orders)
        self.lblStatus.setText(self.tr("{n} order(s)").format(n=len(orders)))
        self._schedule()

    def show_error(self, message: str) -> None:
        """The list could not be fetched: say why and retry later, backing off."""
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
        from capella_qgis.core.download.disk import human_size

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
            if isinstance(row, QTreeWidgetItem) and row.data(COL_ID, ID_ROLE) == order_id:
                return row
        return None

    def update_progress(self, order_id: str, snap: ProgressSnapshot) -> None:
        """Per-product progress for a running download of ``order_id``."""
        from capella_qgis.core.download.disk import human_size

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
        """Stop refreshing (the controller cancels the list task it started)."""
        self._unloaded = True
        self.timer.stop()

"""Results list: a fast two-level model (groups with counts → items) synced with a layer."""

from __future__ import annotations

import contextlib
from typing import Any, Optional

from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
)
from qgis.PyQt.QtCore import pyqtSignal as Signal
from qgis.PyQt.QtWidgets import QAbstractItemView, QTreeView, QWidget

from capella_qgis.footprints.summary import RESULT_FIELDS, layer_summary
from capella_qgis.toolbelt.compat import QT_TRANSLATE_NOOP, tr

# headers of RESULT_FIELDS, in the same order
COLUMNS = (
    QT_TRANSLATE_NOOP("@default", "STAC id"),
    QT_TRANSLATE_NOOP("@default", "Acquired (UTC)"),
    QT_TRANSLATE_NOOP("@default", "Product"),
    QT_TRANSLATE_NOOP("@default", "Mode"),
    QT_TRANSLATE_NOOP("@default", "Pol."),
    QT_TRANSLATE_NOOP("@default", "Look"),
    QT_TRANSLATE_NOOP("@default", "Orbit"),
    QT_TRANSLATE_NOOP("@default", "Incidence (°)"),
    QT_TRANSLATE_NOOP("@default", "Res. range (m)"),
    QT_TRANSLATE_NOOP("@default", "Collect id"),
)
FIELD_NAMES = RESULT_FIELDS
# labels translated by the search dock's grouping combo
GROUP_FIELDS = (
    ("", QT_TRANSLATE_NOOP("SearchDock", "No grouping")),
    ("collect_id", QT_TRANSLATE_NOOP("SearchDock", "Collect")),
    ("product_type", QT_TRANSLATE_NOOP("SearchDock", "Product type")),
    ("instrument_mode", QT_TRANSLATE_NOOP("SearchDock", "Instrument mode")),
    ("date", QT_TRANSLATE_NOOP("SearchDock", "Date")),
    ("observation_direction", QT_TRANSLATE_NOOP("SearchDock", "Look direction")),
    ("orbit_state", QT_TRANSLATE_NOOP("SearchDock", "Orbit state")),
)
FID_ROLE = Qt.ItemDataRole.UserRole + 1
_TOP = 0


class ResultsModel(QAbstractItemModel):
    """Items (fid + column values) optionally grouped by a column, with counts on groups."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.fids: list[int] = []
        self.rows: list[tuple[Any, ...]] = []
        self.group_field = ""
        self.groups: list[tuple[str, list[int]]] = []  # (label, row indices)
        self.order: list[int] = []  # row indices when not grouped
        self._sort: tuple[int, bool] = (1, True)  # column, descending
        self.position: dict[int, tuple[int, int]] = {}  # fid -> (group or -1, position)

    # --- data ------------------------------------------------------------------------------

    def set_rows(self, fids: list[int], rows: list[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self.fids, self.rows = list(fids), list(rows)
        self._rebuild()
        self.endResetModel()

    def set_group_field(self, name: str) -> None:
        self.beginResetModel()
        self.group_field = name
        self._rebuild()
        self.endResetModel()

    def sort(self, column: int, order: Any = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._rebuild()
        self.endResetModel()

    def _key(self, row: int) -> str:
        if self.group_field == "date":
            value = self.rows[row][FIELD_NAMES.index("datetime")]
            return str(value)[:10] if value else tr("unknown")
        value = self.rows[row][FIELD_NAMES.index(self.group_field)]
        return str(value) if value not in (None, "") else tr("unknown")

    def _rebuild(self) -> None:
        column, descending = self._sort
        present = [r for r in range(len(self.rows)) if self.rows[r][column] is not None]
        missing = [r for r in range(len(self.rows)) if self.rows[r][column] is None]
        present.sort(key=lambda r: self.rows[r][column], reverse=descending)
        ordered = present + missing
        self.position = {}
        if not self.group_field:
            self.groups = []
            self.order = ordered
            for pos, row in enumerate(ordered):
                self.position[self.fids[row]] = (-1, pos)
            return
        buckets: dict[str, list[int]] = {}
        for row in ordered:
            buckets.setdefault(self._key(row), []).append(row)
        self.groups = sorted(buckets.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.order = []
        for g, (_, members) in enumerate(self.groups):
            for pos, row in enumerate(members):
                self.position[self.fids[row]] = (g, pos)

    def fid_index(self, fid: int, column: int = 0) -> QModelIndex:
        where = self.position.get(fid)
        if where is None:
            return QModelIndex()
        group, pos = where
        return self.createIndex(pos, column, _TOP if group < 0 else group + 1)

    def fid_of(self, index: QModelIndex) -> Optional[int]:
        if not index.isValid():
            return None
        ident = index.internalId()
        if ident == _TOP:
            if self.group_field:
                return None  # a group row
            return self.fids[self.order[index.row()]]
        return self.fids[self.groups[ident - 1][1][index.row()]]

    # --- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid():
            return self.createIndex(row, column, parent.row() + 1)
        return self.createIndex(row, column, _TOP)

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.groups) if self.group_field else len(self.order)
        if self.group_field and parent.internalId() == _TOP and parent.column() == 0:
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ident = index.internalId()
        if ident == _TOP and self.group_field:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                label, members = self.groups[index.row()]
                return f"{label} ({len(members)})"
            return None
        row = self.order[index.row()] if ident == _TOP else self.groups[ident - 1][1][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.rows[row][index.column()]
            if isinstance(value, float):
                return f"{value:.2f}"
            return value
        if role == FID_ROLE:
            return self.fids[row]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return self.rows[row][0]
        return None

    def headerData(
        self, section: int, orientation: Any, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None


class ResultsView(QTreeView):
    """Tree view bound to one footprint layer: selection both ways, double-click zooms."""

    zoomRequested = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.results = ResultsModel(self)
        self.setModel(self.results)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setUniformRowHeights(True)
        self.setSortingEnabled(True)
        self.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.layer: Optional[QgsVectorLayer] = None
        self._syncing = False
        self.selectionModel().selectionChanged.connect(self._view_selection_changed)
        self.doubleClicked.connect(self._double_clicked)

    def set_layer(
        self,
        layer: Optional[QgsVectorLayer],
        rows: Optional[tuple[list[int], list[tuple[Any, ...]]]] = None,
    ) -> None:
        """Show ``layer``; ``rows`` (fids, values) read off-thread spare a main-thread read."""
        if self.layer is not None:
            for signal, slot in (
                (self.layer.selectionChanged, self._layer_selection_changed),
                (self.layer.willBeDeleted, self._layer_deleted),
            ):
                with contextlib.suppress(TypeError, RuntimeError):
                    signal.disconnect(slot)
        self.layer = layer
        if layer is None:
            self.results.set_rows([], [])
            return
        if rows is None:
            summary = layer_summary(layer, RESULT_FIELDS)
            rows = (summary.fids, summary.rows)
        self.results.set_rows(*rows)
        layer.selectionChanged.connect(self._layer_selection_changed)
        # A bound method, not a lambda: Qt drops it with this view, and set_layer(None) on
        # unload disconnects it, so removing the layer later never calls a deleted view.
        layer.willBeDeleted.connect(self._layer_deleted)
        self._layer_selection_changed()

    def _layer_deleted(self) -> None:
        self.set_layer(None)

    def set_group_field(self, name: str) -> None:
        self.results.set_group_field(name)
        if name:
            self.expandAll()
        self._layer_selection_changed()

    def selected_fids(self) -> list[int]:
        fids = {self.results.fid_of(i) for i in self.selectionModel().selectedRows()}
        return sorted(f for f in fids if f is not None)

    def _view_selection_changed(self, *_: Any) -> None:
        if self._syncing or self.layer is None:
            return
        self._syncing = True
        try:
            self.layer.selectByIds(self.selected_fids())
        finally:
            self._syncing = False

    def _layer_selection_changed(self, *_: Any) -> None:
        if self._syncing or self.layer is None:
            return
        self._syncing = True
        try:
            selection = QItemSelection()
            last = self.results.columnCount() - 1
            for fid in self.layer.selectedFeatureIds():
                first = self.results.fid_index(fid)
                if first.isValid():
                    end = self.results.fid_index(fid, last)
                    selection.select(first, end)
            self.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        finally:
            self._syncing = False

    def _double_clicked(self, index: QModelIndex) -> None:
        fid = self.results.fid_of(index)
        if fid is not None:
            self.zoomRequested.emit(fid)

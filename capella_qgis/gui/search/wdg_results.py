"""Results list: a C++ item model (groups with counts → items), built off the UI thread."""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Sequence
from typing import Any, Optional

from qgis.core import QgsTask, QgsVectorLayer
from qgis.PyQt import sip
from qgis.PyQt.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QThread,
)
from qgis.PyQt.QtCore import pyqtSignal as Signal
from qgis.PyQt.QtGui import QStandardItemModel
from qgis.PyQt.QtWidgets import QAbstractItemView, QTreeView, QWidget

from capella_qgis.footprints.summary import RESULT_FIELDS, layer_summary
from capella_qgis.tasks.task_base import BaseTask, TaskRunner
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
# The raw value a column sorts by (numbers as numbers; the display role holds text).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
# Up to this many rows a model is built and deleted in place; bigger ones in a worker thread.
SYNC_ROWS = 200
# A hidden last column: each row's position as built. Sorting by it before deleting a model
# lets Qt find every item where it was put; after another sort, deleting 10,000 rows makes
# Qt search for each item and took seconds.
ORDER_COLUMN = len(COLUMNS)
DEFAULT_SORT = (1, Qt.SortOrder.DescendingOrder)

Rows = tuple[list[int], list[tuple[Any, ...]]]


def _display(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _group_key(row: tuple[Any, ...], group_field: str) -> str:
    if group_field == "date":
        value = row[FIELD_NAMES.index("datetime")]
        return str(value)[:10] if value else tr("unknown")
    value = row[FIELD_NAMES.index(group_field)]
    return str(value) if value not in (None, "") else tr("unknown")


class ResultsModel(QStandardItemModel):
    """Items (fid + column values) optionally grouped by a column, with counts on groups.

    A plain QStandardItemModel once built: layout, painting and sorting run in C++ without
    one Python call per row. Under GIL contention (downloads) each such call waits for the
    GIL, which froze the UI for seconds with a Python model. No virtual is overridden here.
    Missing values have no item at all, which QStandardItemModel sorts last either way.
    """

    def __init__(self) -> None:
        super().__init__()
        self.fids: list[int] = []
        self.rows: list[tuple[Any, ...]] = []
        self.group_field = ""
        # fid -> (group row or -1, row): made with the rows, remade after a sort when asked.
        # Not persistent indexes: Qt moves each of them on every sort and row removal.
        self._where: Optional[dict[int, tuple[int, int]]] = {}
        self.sorted_by: tuple[int, Any] = (ORDER_COLUMN, Qt.SortOrder.AscendingOrder)
        self.moved = False  # sorted by Qt since built: rows are no longer where they were put
        self.setSortRole(SORT_ROLE)
        self.setColumnCount(ORDER_COLUMN + 1)
        self.setHorizontalHeaderLabels([*(tr(c) for c in COLUMNS), ""])

    def sort_by(self, column: int, order: Any) -> None:
        """Sort (in C++: no Python per comparison) unless already in that order."""
        if (column, order) != self.sorted_by:
            self.sort(column, order)
            self.sorted_by, self.moved = (column, order), True
            self._where = None

    def release(self) -> None:
        """Make this model cheap to delete: rows back where they were built.

        Qt looks each item it deletes up from where it was put: after a sort, deleting
        10,000 rows took seconds.
        """
        if self.moved:
            self.sort_by(ORDER_COLUMN, Qt.SortOrder.AscendingOrder)

    def clear_in_steps(self, step: int = 500) -> None:
        """Remove every row, ``step`` at a time from the end (in a worker thread).

        One C++ call holds the GIL throughout: freeing 100,000 items at once kept the UI
        thread's Python waiting for tens of milliseconds.
        """
        self.release()
        for group in reversed(range(self.rowCount())):
            parent = self.index(group, 0)
            while (count := self.rowCount(parent)) > 0:
                self.removeRows(max(0, count - step), min(count, step), parent)
        while (count := self.rowCount()) > 0:
            self.removeRows(max(0, count - step), min(count, step))
        while self.rows or self.fids:  # the rows' Python objects too, a step at a time
            del self.rows[-step:], self.fids[-step:]

    def fid_index(self, fid: int, column: int = 0) -> QModelIndex:
        if self._where is None:
            self._where = self._locate()
        where = self._where.get(fid)
        if where is None:
            return QModelIndex()
        group, row = where
        parent = QModelIndex() if group < 0 else self.index(group, 0)
        return self.index(row, column, parent)

    def _locate(self) -> dict[int, tuple[int, int]]:
        """Where each fid is now (after a sort): one read of the column-0 cells."""
        where: dict[int, tuple[int, int]] = {}
        parents = (
            [(g, self.index(g, 0)) for g in range(self.rowCount())]
            if self.group_field
            else [(-1, QModelIndex())]
        )
        for group, parent in parents:
            for row in range(self.rowCount(parent)):
                fid = self.index(row, 0, parent).data(FID_ROLE)
                if fid is not None:
                    where[int(fid)] = (group, row)
        return where

    def fid_of(self, index: QModelIndex) -> Optional[int]:
        if not index.isValid():
            return None
        fid = index.siblingAtColumn(0).data(FID_ROLE)
        return None if fid is None else int(fid)

    def _fill(self, parent: QModelIndex, members: Sequence[int], group: int = -1) -> None:
        """Rows ``members`` (indices into ``rows``) under ``parent``, one cell at a time.

        Cells are set through the model, so Qt makes plain C++ items: items made in Python
        would each take the GIL again when Qt deletes them. A missing value gets no item at
        all, which QStandardItemModel sorts last in both orders.
        """
        display, tooltip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
        self.insertRows(0, len(members), parent)
        if parent.isValid():
            self.insertColumns(0, ORDER_COLUMN + 1, parent)
        for at, member in enumerate(members):
            fid, row = self.fids[member], self.rows[member]
            first = self.index(at, 0, parent)
            self.setItemData(first, {FID_ROLE: fid, tooltip: str(row[0] or "")})
            if self._where is not None:
                self._where[fid] = (group, at)
            for column, value in enumerate(row):
                if value is None or value == "":
                    continue
                cell = first if column == 0 else self.index(at, column, parent)
                self.setItemData(cell, {display: _display(value), SORT_ROLE: value})
            self.setData(self.index(at, ORDER_COLUMN, parent), at, SORT_ROLE)


def build_model(
    fids: Sequence[int],
    rows: Sequence[tuple[Any, ...]],
    group_field: str,
    sort: tuple[int, Any] = DEFAULT_SORT,
) -> ResultsModel:
    """The model of ``rows``, sorted (any thread: it has no parent and no view yet)."""
    model = ResultsModel()
    model.fids, model.rows, model.group_field = list(fids), list(rows), group_field
    # Rows are put in sorted order: sorting 10,000 in Qt is one C++ call holding the GIL.
    model.sorted_by = sort
    if not group_field:
        model._fill(QModelIndex(), _ordered(range(len(model.rows)), model.rows, *sort))
        return model
    buckets: dict[str, list[int]] = {}
    for at, row in enumerate(model.rows):
        buckets.setdefault(_group_key(row, group_field), []).append(at)
    groups = sorted(buckets.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    model.insertRows(0, len(groups))
    for at, (label, members) in enumerate(groups):
        group = model.index(at, 0)
        model.setData(group, f"{label} ({len(members)})")
        model._fill(group, _ordered(members, model.rows, *sort), at)
    return model


def _ordered(
    members: Sequence[int], rows: Sequence[tuple[Any, ...]], column: int, order: Any
) -> list[int]:
    """``members`` as QStandardItemModel sorts them: stable, missing values last."""
    if column >= ORDER_COLUMN:
        return list(members)
    present = [m for m in members if rows[m][column] not in (None, "")]
    missing = [m for m in members if rows[m][column] in (None, "")]
    descending = order == Qt.SortOrder.DescendingOrder
    present.sort(key=lambda m: rows[m][column], reverse=descending)
    return present + missing


def _quiet_flags() -> Any:
    """Cancelable, hidden from the task list where QGIS can (3.26+): no user task."""
    hidden = getattr(QgsTask.Flag, "Hidden", None)
    return QgsTask.Flag.CanCancel | hidden if hidden is not None else QgsTask.Flag.CanCancel


class ResultsModelTask(BaseTask):
    """Build a :class:`ResultsModel` in a worker thread; result: the model, on the main thread."""

    def __init__(self, rows: Rows, group_field: str, sort: tuple[int, Any], **kw: Any) -> None:
        super().__init__(tr("Capella results list"), flags=_quiet_flags(), **kw)
        self.rows, self.group_field, self.sort = rows, group_field, sort
        self.target = QThread.currentThread()

    def _run(self) -> ResultsModel:
        model = build_model(*self.rows, self.group_field, self.sort)
        model.moveToThread(self.target)  # pushed from here, where it was made
        return model


class DisposeModelTask(BaseTask):
    """Delete a big :class:`ResultsModel` in a worker thread (freeing 100,000 items is slow)."""

    def __init__(self, model: ResultsModel) -> None:
        super().__init__(tr("Capella results list"), flags=_quiet_flags())
        # No thread at all until the worker pulls it: Qt allows that, and nothing of the
        # main thread may touch it meanwhile (its view and selection model are gone).
        model.setParent(None)  # type: ignore[arg-type]
        model.disconnect()  # views and selection models forget a model only in part
        model.moveToThread(None)  # type: ignore[arg-type]
        self.model: Optional[ResultsModel] = model

    def _run(self) -> None:
        model, self.model = self.model, None
        if model is not None:
            model.moveToThread(QThread.currentThread())
            model.clear_in_steps()
            sip.delete(model)


_BUILDS = TaskRunner()


def _dispose(model: ResultsModel) -> None:
    """Delete ``model``: here if small, else in a worker thread."""
    if len(model.rows) <= SYNC_ROWS:
        model.release()
        model.deleteLater()
    else:
        _BUILDS.start(DisposeModelTask(model))


class ResultsView(QTreeView):
    """Tree view bound to one footprint layer: selection both ways, double-click zooms."""

    zoomRequested = Signal(int)
    # A model was put in place (its rows are the ones last asked for).
    modelReady = Signal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.results = ResultsModel()
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Rows all one height: the layout never asks each row its size.
        self.setUniformRowHeights(True)
        # Sorting by hand rather than setSortingEnabled(): that sorts again on every
        # setModel(), on the UI thread, where a model built in a worker comes sorted already.
        header = self.header()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(*DEFAULT_SORT)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.layer: Optional[QgsVectorLayer] = None
        self._syncing = False
        self._build: Optional[ResultsModelTask] = None
        self._generation = 0
        self._rows: Rows = ([], [])
        self._group_field = ""
        self._show(self.results)
        self.doubleClicked.connect(self._double_clicked)

    @property
    def pending(self) -> bool:
        """A model is being built in a worker thread (the view shows the previous one)."""
        return self._build is not None

    def set_layer(
        self,
        layer: Optional[QgsVectorLayer],
        rows: Optional[Rows] = None,
    ) -> None:
        """Show ``layer``; ``rows`` (fids, values) read off-thread spare a main-thread read."""
        # A layer deleted from Python is gone for sip before it says willBeDeleted.
        if self.layer is not None and not sip.isdeleted(self.layer):
            for signal, slot in (
                (self.layer.selectionChanged, self._layer_selection_changed),
                (self.layer.willBeDeleted, self._layer_deleted),
            ):
                with contextlib.suppress(TypeError, RuntimeError):
                    signal.disconnect(slot)
        self.layer = layer
        if layer is None:
            self._request(([], []), self._group_field)
            return
        now = rows is None  # read here, on this thread, anyway: shown at once too
        if rows is None:
            summary = layer_summary(layer, RESULT_FIELDS)
            rows = (summary.fids, summary.rows)
        layer.selectionChanged.connect(self._layer_selection_changed)
        # A bound method, not a lambda: Qt drops it with this view, and set_layer(None) on
        # unload disconnects it, so removing the layer later never calls a deleted view.
        layer.willBeDeleted.connect(self._layer_deleted)
        self._request(rows, self._group_field, now)

    def _layer_deleted(self) -> None:
        self.set_layer(None)

    def set_group_field(self, name: str) -> None:
        self._request(self._rows, name or "")

    # --- building and swapping models ------------------------------------------------------

    def _sort(self) -> tuple[int, Any]:
        header = self.header()
        return header.sortIndicatorSection(), header.sortIndicatorOrder()

    def _sort_changed(self, *_: Any) -> None:
        self.results.sort_by(*self._sort())

    def _request(self, rows: Rows, group_field: str, now: bool = False) -> None:
        """Show ``rows`` grouped by ``group_field``: built here if few (or ``now``), else in a
        worker thread, the view keeping the previous model until then."""
        self._rows, self._group_field = rows, group_field
        self._generation += 1
        if self._build is not None:
            _BUILDS.discard(self._build)  # its model is obsolete: never shown
            self._build = None
        if now or len(rows[0]) <= SYNC_ROWS:
            self._show(build_model(*rows, group_field, self._sort()))
            return
        generation, view = self._generation, weakref.ref(self)

        def built(model: ResultsModel) -> None:
            # The view may be gone (dock closed) or have asked for other rows meanwhile.
            target = view()
            if target is None or sip.isdeleted(target) or target._generation != generation:
                _dispose(model)
                return
            target._build = None
            target._show(model)

        def failed(_message: str) -> None:
            target = view()
            if target is not None and not sip.isdeleted(target) and target._build is task:
                target._build = None

        task = ResultsModelTask(rows, group_field, self._sort(), on_success=built, on_error=failed)
        self._build = _BUILDS.start(task)

    def _show(self, model: ResultsModel) -> None:
        """Put ``model`` in the view (sorted as the header says) and re-apply the selection."""
        old_model, old_selection = self.model(), self.selectionModel()
        model.sort_by(*self._sort())  # a no-op unless the header was clicked meanwhile
        model.setParent(self)  # the view owns it from now on (it lives in this thread)
        self.results = model
        self.setModel(model)  # a new selection model too
        self.setColumnHidden(ORDER_COLUMN, True)
        if old_selection is not None:
            sip.delete(old_selection)  # now: it is connected to the old model's signals
        if isinstance(old_model, ResultsModel) and old_model is not model:
            # The view keeps persistent indexes of the hovered row: a Leave drops them.
            QCoreApplication.sendEvent(self.viewport(), QEvent(QEvent.Type.Leave))
            _dispose(old_model)
        self.selectionModel().selectionChanged.connect(self._view_selection_changed)
        if model.group_field:
            # Group rows only, while the layout is still pending (so each is O(1)):
            # expandAll() would also store every leaf as a persistent "expanded" index.
            for group in range(model.rowCount()):
                self.expand(model.index(group, 0))
        self._layer_selection_changed()
        self.modelReady.emit()

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

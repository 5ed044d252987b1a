"""Catalog filter form: dates with presets, enum/range/text filters, sort and limit, with checks."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Any, Optional

from qgis.gui import QgsCheckableComboBox, QgsCollapsibleGroupBox
from qgis.PyQt.QtCore import QDate, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from capella_qgis.core.models.enums import (
    CATALOG_DEFAULT_LIMIT,
    CATALOG_MAX_ITEMS,
    KNOWN_COLLECTIONS,
    OwnershipOption,
)
from capella_qgis.core.timefmt import format_utc
from capella_qgis.gui.search.filter_specs import (
    ADVANCED_ENUMS,
    ADVANCED_RANGES,
    COMMON_ENUMS,
    COMMON_RANGES,
    DATE_PRESETS,
    INT_ENUMS,
    SORT_FIELDS,
    TEXT_FIELDS,
    is_hhmm,
    range_spec,
    split_list,
    values_of,
)


class SearchFiltersWidget(QWidget):
    """Every catalog filter; :meth:`build` validates and returns CatalogQuery keywords."""

    changed = pyqtSignal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.enum_boxes: dict[str, QgsCheckableComboBox] = {}
        self.range_edits: dict[str, tuple[QLineEdit, QLineEdit]] = {}
        self.text_edits: dict[str, QLineEdit] = {}
        self.error_labels: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        common = QFormLayout()
        outer.addLayout(common)
        self._build_dates(common)
        for name, label, values in COMMON_ENUMS:
            self._add_enum(common, name, label, values)
        for name, label, _low, _high in COMMON_RANGES:
            self._add_range(common, name, label)
        self.collections = QgsCheckableComboBox(self)
        self.collections.addItems(list(KNOWN_COLLECTIONS))
        self.collections.setDefaultText(self.tr("all"))
        self._row(common, "collections", self.tr("Collections"), self.collections)
        self.ownership = QComboBox(self)
        self.ownership.addItem(self.tr("any"), "")
        for value in values_of(OwnershipOption, ()):
            self.ownership.addItem(value, value)
        self._row(common, "ownership", self.tr("Ownership"), self.ownership)

        self.advanced = QgsCollapsibleGroupBox(self.tr("Advanced filters"), self)
        self.advanced.setCollapsed(True)
        adv = QFormLayout(self.advanced)
        for name, label, values in ADVANCED_ENUMS:
            self._add_enum(adv, name, label, values)
        for name, label, _low, _high in ADVANCED_RANGES:
            self._add_range(adv, name, label)
        for name, label in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.textChanged.connect(self.changed)
            self.text_edits[name] = edit
            self._row(adv, name, self.tr(label), edit)
        outer.addWidget(self.advanced)

        sort_form = QFormLayout()
        outer.addLayout(sort_form)
        sort_row = QHBoxLayout()
        self.sort_field = QComboBox(self)
        for value, label in SORT_FIELDS:
            self.sort_field.addItem(self.tr(label), value)
        self.sort_direction = QComboBox(self)
        self.sort_direction.addItem(self.tr("descending"), "desc")
        self.sort_direction.addItem(self.tr("ascending"), "asc")
        sort_row.addWidget(self.sort_field, 2)
        sort_row.addWidget(self.sort_direction, 1)
        holder = QWidget(self)
        holder.setLayout(sort_row)
        sort_row.setContentsMargins(0, 0, 0, 0)
        sort_form.addRow(self.tr("Sort by"), holder)
        self.limit = QSpinBox(self)
        self.limit.setRange(1, CATALOG_MAX_ITEMS)
        self.limit.setValue(CATALOG_DEFAULT_LIMIT)
        self.limit.setToolTip(self.tr("At most 10,000 results per search."))
        sort_form.addRow(self.tr("Result limit"), self.limit)

    # --- construction ----------------------------------------------------------------------

    def _row(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"error_{name}")
        error.setWordWrap(True)
        error.setStyleSheet("color: #c0392b;")
        error.hide()
        lay.addWidget(error)
        self.error_labels[name] = error
        form.addRow(label, box)

    def _add_enum(self, form: QFormLayout, name: str, label: str, values: list[str]) -> None:
        box = QgsCheckableComboBox(self)
        box.addItems(values)
        box.setDefaultText(self.tr("any"))
        box.checkedItemsChanged.connect(lambda *_: self.changed.emit())
        self.enum_boxes[name] = box
        self._row(form, name, self.tr(label), box)

    def _add_range(self, form: QFormLayout, name: str, label: str) -> None:
        low, high = QLineEdit(self), QLineEdit(self)
        low.setPlaceholderText(self.tr("min"))
        high.setPlaceholderText(self.tr("max"))
        for edit in (low, high):
            edit.textChanged.connect(self.changed)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(low)
        row.addWidget(QLabel("–", self))
        row.addWidget(high)
        holder = QWidget(self)
        holder.setLayout(row)
        self.range_edits[name] = (low, high)
        self._row(form, name, self.tr(label), holder)

    def _build_dates(self, form: QFormLayout) -> None:
        self.date_preset = QComboBox(self)
        labels = {
            "any": self.tr("Any time"),
            "7": self.tr("Last 7 days"),
            "30": self.tr("Last 30 days"),
            "365": self.tr("Last 365 days"),
            "custom": self.tr("Custom range"),
        }
        for key in DATE_PRESETS:
            self.date_preset.addItem(labels[key], key)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._dates_edited)
        self.date_to.setDate(QDate.currentDate())
        self.date_from.setDate(QDate.currentDate().addDays(-30))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date_preset)
        row.addWidget(self.date_from)
        row.addWidget(QLabel("–", self))
        row.addWidget(self.date_to)
        holder = QWidget(self)
        holder.setLayout(row)
        self._row(form, "datetime", self.tr("Dates (UTC)"), holder)
        self.date_preset.currentIndexChanged.connect(self._preset_changed)
        self._preset_changed()

    def _preset_changed(self, *_: Any) -> None:
        key = self.date_preset.currentData()
        if key not in ("any", "custom"):
            today = QDate.currentDate()
            for edit, value in ((self.date_to, today), (self.date_from, today.addDays(-int(key)))):
                edit.blockSignals(True)
                edit.setDate(value)
                edit.blockSignals(False)
        enabled = key != "any"
        self.date_from.setEnabled(enabled)
        self.date_to.setEnabled(enabled)
        self.changed.emit()

    def _dates_edited(self, *_: Any) -> None:
        if self.date_preset.currentData() not in ("any", "custom"):
            self.date_preset.setCurrentIndex(DATE_PRESETS.index("custom"))
        self.changed.emit()

    # --- validation + output ---------------------------------------------------------------

    def show_error(self, name: str, text: str) -> None:
        label = self.error_labels.get(name)
        if label is None:
            return
        label.setText(text)
        label.setVisible(bool(text))
        if text and name in {n for n, *_ in ADVANCED_ENUMS + ADVANCED_RANGES + TEXT_FIELDS}:
            self.advanced.setCollapsed(False)

    def clear_errors(self) -> None:
        for name in self.error_labels:
            self.show_error(name, "")

    def _date_range(self, now: Optional[datetime] = None) -> Optional[tuple[datetime, datetime]]:
        key = self.date_preset.currentData()
        if key == "any":
            return None
        if key == "custom":
            start = self.date_from.date().toPyDate()
            end = self.date_to.date().toPyDate()
            return (
                datetime.combine(start, time(), timezone.utc),
                datetime.combine(end, time(), timezone.utc) + timedelta(days=1),
            )
        now = now or datetime.now(timezone.utc)
        return now - timedelta(days=int(key)), now

    def build(self, now: Optional[datetime] = None) -> tuple[dict[str, Any], dict[str, str]]:
        """Return ``(CatalogQuery keywords without the AOI, {field: error})``."""
        errors: dict[str, str] = {}
        filters: dict[str, Any] = {}
        span = self._date_range(now)
        if span is not None:
            start, end = span
            if start >= end:
                errors["datetime"] = self.tr("The start date is after the end date.")
            else:
                filters["datetime"] = {"gte": format_utc(start), "lt": format_utc(end)}
        for name, box in self.enum_boxes.items():
            checked = box.checkedItems()
            if checked:
                filters[name] = {"in": [int(v) if name in INT_ENUMS else v for v in checked]}
        for name, (low_edit, high_edit) in self.range_edits.items():
            spec, error = range_spec(name, low_edit.text(), high_edit.text())
            if error:
                errors[name] = error
            elif spec:
                filters[name] = spec
        kwargs: dict[str, Any] = {}
        self._text_filters(filters, kwargs, errors)
        collections = self.collections.checkedItems()
        if collections:
            kwargs["collections"] = list(collections)
        if self.ownership.currentData():
            kwargs["ownership"] = self.ownership.currentData()
        direction = "-" if self.sort_direction.currentData() == "desc" else "+"
        kwargs["sortby"] = [f"{direction}{self.sort_field.currentData()}"]
        kwargs["limit"] = int(self.limit.value())
        kwargs["filters"] = filters
        return kwargs, errors

    def _text_filters(
        self, filters: dict[str, Any], kwargs: dict[str, Any], errors: dict[str, str]
    ) -> None:
        text = {name: edit.text().strip() for name, edit in self.text_edits.items()}
        if text["local_time"]:
            parts = [p.strip() for p in text["local_time"].replace("–", "-").split("-")]
            if len(parts) != 2 or not all(is_hhmm(p) for p in parts):
                errors["local_time"] = self.tr("Use two times, e.g. 06:00-18:00.")
            elif parts[0] > parts[1]:
                errors["local_time"] = self.tr("The start time is after the end time.")
            else:
                filters["local_time"] = {"gte": f"{parts[0]}:00", "lte": f"{parts[1]}:59"}
        if text["epsg"]:
            codes = split_list(text["epsg"].upper().replace("EPSG:", ""))
            if not all(c.isdigit() for c in codes):
                errors["epsg"] = self.tr("EPSG codes are whole numbers, e.g. 32631.")
            else:
                filters["epsg"] = {"in": [int(c) for c in codes]}
        if text["platform"]:
            filters["platform"] = {"in": split_list(text["platform"])}
        if text["collect_id"]:
            filters["collect_id"] = {"in": split_list(text["collect_id"])}
        if text["ids"]:
            kwargs["ids"] = split_list(text["ids"])

    # --- state (saved searches) ------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        return {
            "date_preset": self.date_preset.currentData(),
            "date_from": self.date_from.date().toString("yyyy-MM-dd"),
            "date_to": self.date_to.date().toString("yyyy-MM-dd"),
            "enums": {n: b.checkedItems() for n, b in self.enum_boxes.items() if b.checkedItems()},
            "ranges": {
                n: [lo.text(), hi.text()]
                for n, (lo, hi) in self.range_edits.items()
                if lo.text() or hi.text()
            },
            "text": {n: e.text() for n, e in self.text_edits.items() if e.text()},
            "collections": self.collections.checkedItems(),
            "ownership": self.ownership.currentData(),
            "sort_field": self.sort_field.currentData(),
            "sort_direction": self.sort_direction.currentData(),
            "limit": self.limit.value(),
        }

    def set_state(self, state: dict[str, Any]) -> None:
        preset = state.get("date_preset", "any")
        if preset in DATE_PRESETS:
            self.date_preset.setCurrentIndex(DATE_PRESETS.index(preset))
        if preset == "custom":
            for edit, key in ((self.date_from, "date_from"), (self.date_to, "date_to")):
                value = QDate.fromString(str(state.get(key, "")), "yyyy-MM-dd")
                if value.isValid():
                    edit.setDate(value)
            self.date_preset.setCurrentIndex(DATE_PRESETS.index("custom"))
        for name, box in self.enum_boxes.items():
            box.setCheckedItems(list(state.get("enums", {}).get(name, [])))
        for name, (low, high) in self.range_edits.items():
            values = state.get("ranges", {}).get(name, ["", ""])
            low.setText(str(values[0]))
            high.setText(str(values[1]))
        for name, edit in self.text_edits.items():
            edit.setText(str(state.get("text", {}).get(name, "")))
        self.collections.setCheckedItems(list(state.get("collections", [])))
        self.ownership.setCurrentIndex(max(0, self.ownership.findData(state.get("ownership", ""))))
        self.sort_field.setCurrentIndex(max(0, self.sort_field.findData(state.get("sort_field"))))
        index = self.sort_direction.findData(state.get("sort_direction"))
        self.sort_direction.setCurrentIndex(max(0, index))
        self.limit.setValue(int(state.get("limit", CATALOG_DEFAULT_LIMIT)))

"""Retask dialog: the optional overrides of a new request like a delivered collect or request."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Optional

from qgis.PyQt.QtCore import QDateTime, Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.enums import CollectionTier
from capella_qgis.gui.tasking.form_fields import enum_entries, fill_combo, qdt_to_utc

# The Console keeps the look angle of a retask within this many degrees of the original's
# (Capella's support note on retasking; the contract's retask section).
LOOK_TOLERANCE_DEG = 5.0
DEFAULT_WINDOW_DAYS = 7


class RetaskDialog(QDialog):
    """Asks what to change; OK only with overrides the core accepts (nothing sent here).

    Everything not overridden is copied by the Console: the area, collection type, look and
    orbit direction, orbital plane, and the look angle within ±5°. The new request is created
    without pre-approval, so it waits for the user's yes in the cost review.
    """

    def __init__(
        self,
        source: str,
        look_angle: Optional[float] = None,
        parent: Optional[QWidget] = None,
        *,
        now: Optional[datetime] = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CapellaRetaskDialog")
        self.setWindowTitle(self.tr("Retask like this"))
        self.setMinimumWidth(460)
        self.labels = {
            "name": self.tr("Name"),
            "window_open": self.tr("Window opens"),
            "window_close": self.tr("Window closes"),
            "collection_tier": self.tr("Tier"),
        }
        layout = QVBoxLayout(self)
        self.introLabel = QLabel(self._intro(source, look_angle))
        self.introLabel.setWordWrap(True)
        self.introLabel.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.introLabel)
        form = QFormLayout()
        self.nameEdit = QLineEdit()
        self.nameEdit.setPlaceholderText(self.tr("Retask of {source}").format(source=source))
        form.addRow(self.labels["name"], self.nameEdit)
        self.windowCheck = QCheckBox(self.tr("Set the collection window (else the Console's)"))
        form.addRow(self.windowCheck)
        start = (now or datetime.now(timezone.utc)).replace(second=0, microsecond=0)
        start += timedelta(hours=1)
        self.windowOpenEdit = self._date_edit(start)
        self.windowCloseEdit = self._date_edit(start + timedelta(days=DEFAULT_WINDOW_DAYS))
        form.addRow(self.labels["window_open"], self.windowOpenEdit)
        form.addRow(self.labels["window_close"], self.windowCloseEdit)
        self.windowCheck.toggled.connect(self.windowOpenEdit.setEnabled)
        self.windowCheck.toggled.connect(self.windowCloseEdit.setEnabled)
        self.windowOpenEdit.setEnabled(False)
        self.windowCloseEdit.setEnabled(False)
        self.tierCombo = QComboBox()
        fill_combo(self.tierCombo, enum_entries(CollectionTier, self.tr("Same as the original")))
        form.addRow(self.labels["collection_tier"], self.tierCombo)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "The new request goes to the Console's cost review: nothing is collected or "
                "charged until you approve its price."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.errorLabel = QLabel()
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.errorLabel.setStyleSheet("color:#b00020;")
        layout.addWidget(self.errorLabel)
        self.buttonBox = QDialogButtonBox()
        ok = self.buttonBox.addButton(QDialogButtonBox.StandardButton.Ok)
        self.buttonBox.addButton(QDialogButtonBox.StandardButton.Cancel)
        ok.setText(self.tr("Create request"))
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        layout.addWidget(self.buttonBox)

    def _intro(self, source: str, look_angle: Optional[float]) -> str:
        if look_angle is not None:
            low = max(0.0, look_angle - LOOK_TOLERANCE_DEG)
            high = min(90.0, look_angle + LOOK_TOLERANCE_DEG)
            look = self.tr("the look angle within ±5° of {angle}° ({low}° to {high}°)").format(
                angle=f"{look_angle:.1f}", low=f"{low:.1f}", high=f"{high:.1f}"
            )
        else:
            look = self.tr("the look angle within ±5° of the original's")
        return self.tr(
            "A new tasking request like {source}. The Console copies its area, collection "
            "type, look direction, orbit direction and orbital plane, with {look}. Change only "
            "what you need below."
        ).format(source=source, look=look)

    @staticmethod
    def _date_edit(value: datetime) -> QDateTimeEdit:
        edit = QDateTimeEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        edit.setDateTime(QDateTime.fromMSecsSinceEpoch(int(value.timestamp() * 1000)).toLocalTime())
        return edit

    def values(self) -> dict[str, Any]:
        """The overrides (``RetaskOverrides`` keywords); never pre-approved."""
        out: dict[str, Any] = {"pre_approval": False}
        name = self.nameEdit.text().strip()
        if name:
            out["name"] = name
        if self.windowCheck.isChecked():
            out["window_open"] = qdt_to_utc(self.windowOpenEdit.dateTime())
            out["window_close"] = qdt_to_utc(self.windowCloseEdit.dateTime())
        tier = self.tierCombo.currentData()
        if tier:
            out["collection_tier"] = tier
        return out

    def validate(self) -> Optional[Any]:
        """The checked overrides, or None with the reason shown (naming the field's label)."""
        from capella_qgis.core.models.payloads import RetaskOverrides

        try:
            overrides = RetaskOverrides(**self.values()).checked()
        except InputError as exc:
            text = exc.message
            for key, label in self.labels.items():
                text = text.replace(key, label)
            self.errorLabel.setText(text)
            return None
        self.errorLabel.setText("")
        return overrides

    def accept(self) -> None:
        if self.validate() is not None:
            super().accept()

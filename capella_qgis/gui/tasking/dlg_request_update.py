"""Small form: the fields of a bulk update (name, description, custom attributes, products)."""

from __future__ import annotations

from typing import Any, Optional

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.enums import ProductType


class RequestUpdateDialog(QDialog):
    """Only the ticked fields are sent (PATCH sends non-null fields only); OK checks them
    first, so a bad value is fixed here (the message names the field's label)."""

    def __init__(self, count: int, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Update {n} request(s)").format(n=count))
        form = QFormLayout(self)
        self.edits: dict[str, tuple[QCheckBox, QLineEdit]] = {}
        self.labels: dict[str, str] = {"product_types": self.tr("Product types")}
        for key, text in (
            ("name", self.tr("Name")),
            ("description", self.tr("Description")),
            ("custom_attribute_1", self.tr("Custom attribute 1")),
            ("custom_attribute_2", self.tr("Custom attribute 2")),
        ):
            check, edit = QCheckBox(text), QLineEdit()
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            form.addRow(check, edit)
            self.edits[key] = (check, edit)
            self.labels[key] = text
        self.productsCheck = QCheckBox(self.labels["product_types"])
        self.productList = QListWidget()
        self.productList.setEnabled(False)
        self.productsCheck.toggled.connect(self.productList.setEnabled)
        for ptype in ProductType:
            item = QListWidgetItem(ptype.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.productList.addItem(item)
        form.addRow(self.productsCheck, self.productList)
        self.errorLabel = QLabel()
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.errorLabel.setStyleSheet("color:#b00020;")
        form.addRow(self.errorLabel)
        buttons = QDialogButtonBox()
        buttons.addButton(QDialogButtonBox.StandardButton.Ok)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, (check, edit) in self.edits.items():
            if check.isChecked():
                out[key] = edit.text()
        if self.productsCheck.isChecked():
            out["product_types"] = [
                self.productList.item(i).text()
                for i in range(self.productList.count())
                if self.productList.item(i).checkState() == Qt.CheckState.Checked
            ]
        return out

    def problem(self) -> str:
        """Why the ticked values cannot be sent ("" when they can), by the field's label."""
        from capella_qgis.core.models.payloads import RepeatRequestUpdate, TaskingRequestUpdate

        values = self.values()
        try:
            TaskingRequestUpdate(**values)
            RepeatRequestUpdate(**values)
        except InputError as exc:
            text = exc.message
            if exc.field in self.labels and text.startswith(f"{exc.field}:"):
                text = self.labels[exc.field] + text[len(exc.field) :]
            return text
        return ""

    def accept(self) -> None:
        problem = self.problem()
        self.errorLabel.setText(problem)
        if not problem:
            super().accept()

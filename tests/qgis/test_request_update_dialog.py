"""The bulk update dialog checks the ticked values before it closes (the field named by label)."""

from __future__ import annotations

from typing import Any

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox

from capella_qgis.gui.tasking.dlg_request_update import RequestUpdateDialog


def _ok(dialog: RequestUpdateDialog) -> Any:
    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Ok)


def test_an_empty_name_is_refused_in_the_dialog(qtbot: Any) -> None:
    dialog = RequestUpdateDialog(2)
    qtbot.addWidget(dialog)
    dialog.show()
    check, edit = dialog.edits["name"]
    check.setChecked(True)
    edit.setText("   ")
    _ok(dialog).click()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errorLabel.text() == "Name: give the request a name"
    edit.setText("renamed")
    _ok(dialog).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == {"name": "renamed"}


def test_no_product_type_ticked_is_refused(qtbot: Any) -> None:
    dialog = RequestUpdateDialog(1)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.productsCheck.setChecked(True)
    _ok(dialog).click()
    assert dialog.isVisible()
    assert dialog.errorLabel.text().startswith("Product types: give at least one product type")
    dialog.productList.item(0).setCheckState(Qt.CheckState.Checked)
    _ok(dialog).click()
    assert dialog.result() == QDialog.DialogCode.Accepted

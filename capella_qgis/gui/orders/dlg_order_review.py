"""Order review dialog: line prices, totals, contract, authorization and active-order reuse."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QTableWidgetItem, QWidget

from capella_qgis.toolbelt.compat import load_ui

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.core.workflows.orders import ReviewResult

FORM_CLASS = load_ui(Path(__file__).with_suffix(".ui"))


class DlgOrderReview(QDialog, FORM_CLASS):  # type: ignore[misc, valid-type]  # uic builds FORM_CLASS at runtime
    """Shown before anything is bought; OK only when authorized (or fully reused)."""

    contractChanged = pyqtSignal(str)  # the controller re-reviews with this contract

    def __init__(self, result: ReviewResult, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        # Not ``result``: that would shadow QDialog.result().
        self.review_result: Optional[ReviewResult] = None
        self.cboContract.currentIndexChanged.connect(self._on_contract)
        self._filling = False
        self.set_result(result)

    def set_result(self, result: ReviewResult) -> None:
        self.review_result = result
        self._fill_contracts(result)
        review = result.review
        prices = {li.granule_id: li.price for li in review.line_items}
        self.tblProducts.setRowCount(len(result.items))
        for row, item in enumerate(result.items):
            covered = result.covered.get(item.id)
            if covered:
                status = self.tr("Already in active order {id} (reused)").format(id=covered)
            else:
                status = self.tr("New")
            price = prices.get(item.id) or ("-" if not review.authorized else "")
            for col, text in enumerate((item.id, price, status)):
                self.tblProducts.setItem(row, col, QTableWidgetItem(text))
        self.tblProducts.resizeColumnsToContents()
        summary = review.summary
        self.lblSubtotal.setText(summary.subtotal if summary and summary.subtotal else "-")
        self.lblTotal.setText(summary.total if summary and summary.total else "-")
        self.lblIntro.setText(
            self.tr("{n} product(s) to order. Nothing is charged until you confirm.").format(
                n=len(result.items)
            )
        )
        ok_button = self.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        if result.all_covered:
            order = result.reuse_order
            self.lblAuthorization.setText(
                self.tr(
                    "All products are in active order {id}; it is reused and nothing new is "
                    "ordered."
                ).format(id=order.order_id if order else "")
            )
            ok_button.setText(self.tr("Use active order"))
            ok_button.setEnabled(True)
        elif review.authorized:
            self.lblAuthorization.setText(self.tr("✔ Authorized"))
            ok_button.setText(self.tr("Submit order"))
            ok_button.setEnabled(True)
        else:
            # The API's denial reason, word for word.
            reason = review.denial_message or self.tr("The order is not authorized.")
            self.lblAuthorization.setText(self.tr("✖ Not authorized: ") + reason)
            ok_button.setEnabled(False)

    def _fill_contracts(self, result: ReviewResult) -> None:
        org = result.organization
        contracts = list(org.contracts) if org is not None else []
        show = len(contracts) > 1
        self.cboContract.setVisible(show)
        self.lblContractCaption.setVisible(show)
        if not show or self.cboContract.count() == len(contracts) + 1:
            return
        self._filling = True
        self.cboContract.clear()
        self.cboContract.addItem(self.tr("Organization default"), "")
        for contract in contracts:
            self.cboContract.addItem(contract.name or contract.id, contract.id)
        index = self.cboContract.findData(result.contract_id or "")
        self.cboContract.setCurrentIndex(max(0, index))
        self._filling = False

    def contract_id(self) -> Optional[str]:
        value: Any = None if self.cboContract.isHidden() else self.cboContract.currentData()
        current = self.review_result
        return str(value) if value else (current.contract_id if current else None)

    def _on_contract(self, _index: int) -> None:
        if not self._filling:
            self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            self.contractChanged.emit(str(self.cboContract.currentData() or ""))

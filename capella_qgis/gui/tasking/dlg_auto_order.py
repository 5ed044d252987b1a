"""Opt-in to an automatic order: what happens when the requests complete, and a cost cap."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Optional

from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QWidget

from capella_qgis.toolbelt.compat import load_ui

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).

FORM_CLASS = load_ui(Path(__file__).with_suffix(".ui"))


class DlgAutoOrder(QDialog, FORM_CLASS):  # type: ignore[misc, valid-type]  # uic builds FORM_CLASS at runtime
    """Says what will be ordered, downloaded and where, and asks for the most it may cost.

    Nothing is ordered by accepting: the requests controller remembers the cap, and on
    completion the order is reviewed and placed only when its total is within it.
    """

    def __init__(self, names: list[str], folder: Path, parent: Optional[QWidget] = None) -> None:
        from capella_qgis.core.workflows.orders import CONSOLE_CURRENCY

        super().__init__(parent)
        self.setupUi(self)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        # The Console prices in dollars (pre-formatted "$1,000.00"): the cap is asked in them.
        self.spnCap.setPrefix(CONSOLE_CURRENCY)
        self.spnCap.setClearValue(0.0)
        self.spnCap.setValue(0.0)
        shown = ", ".join(f"“{n}”" for n in names[:3]) + (" …" if len(names) > 3 else "")
        self.lblIntro.setText(
            self.tr(
                "When {what} is completed, the plugin reviews the order of its images. If the "
                "order costs at most the amount below, it is placed without asking again and "
                "the images are downloaded to {folder} and added to the project."
            ).format(what=shown, folder=folder)
            if len(names) == 1
            else self.tr(
                "When each of these {n} requests ({what}) is completed, the plugin reviews the "
                "order of its images. If that order costs at most the amount below, it is "
                "placed without asking again and the images are downloaded to {folder} and "
                "added to the project."
            ).format(n=len(names), what=shown, folder=folder)
        )
        self.lblNote.setText(
            self.tr(
                "If it costs more, or the Console does not authorize it, nothing is ordered and "
                "you are shown the review. This choice lasts until QGIS closes or the plugin is "
                "reloaded; the plugin only notices the completion while Track status changes is "
                "on."
            )
        )
        ok = self.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Order when completed"))
        # Wrapped texts of any length: as tall as they need at the form's width.
        self.setMinimumWidth(self.width())
        self.layoutMain.activate()
        self.resize(self.width(), self.layoutMain.totalHeightForWidth(self.width()))

    def cost_cap(self) -> Decimal:
        """The cap, as the spin box shows it (two decimals)."""
        return Decimal(f"{self.spnCap.value():.2f}")

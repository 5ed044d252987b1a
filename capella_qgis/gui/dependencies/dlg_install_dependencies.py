"""Progress of the one-click package install: what, where, pip's output under Details."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from capella_qgis.toolbelt.compat import load_ui

FORM_CLASS = load_ui(Path(__file__).with_suffix(".ui"))
# pip's lines that say where it is; the rest (warnings, hashes) stays under Details.
STATUS_LINES = ("Collecting", "Downloading", "Installing", "Successfully", "ERROR")


class DlgInstallDependencies(QDialog, FORM_CLASS):  # type: ignore[misc, valid-type]  # uic builds FORM_CLASS at runtime
    """Shows the install while it runs; emits what the user asks, does no work itself."""

    cancelRequested = pyqtSignal()
    retryRequested = pyqtSignal()

    def __init__(self, what: str, target: Path, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CapellaInstallDependencies")
        self.lblIntro.setText(
            self.tr(
                "Installing {what} for QGIS' own Python into {target}. QGIS' numpy and GDAL "
                "are left as they are."
            ).format(what=what, target=target)
        )
        self.btnCancel = QPushButton(self.tr("Cancel"), self)
        self.btnRetry = QPushButton(self.tr("Install again"), self)
        role = QDialogButtonBox.ButtonRole.ActionRole
        self.buttonBox.addButton(self.btnRetry, role)
        self.buttonBox.addButton(self.btnCancel, role)
        self.btnCancel.clicked.connect(self.cancelRequested)
        self.btnRetry.clicked.connect(self.retryRequested)
        self.buttonBox.rejected.connect(self.reject)
        self.btnDetails.toggled.connect(self._toggle_details)
        self.set_running()

    def set_running(self) -> None:
        """Install started: progress from 0, Cancel enabled."""
        self.barProgress.setValue(0)
        self.lblStatus.setText(self.tr("Starting…"))
        self.btnCancel.setVisible(True)
        self.btnCancel.setEnabled(True)
        self.btnRetry.setVisible(False)

    def append_output(self, line: str) -> None:
        """One line of pip's output; its steps (Collecting, Installing…) show as the status."""
        self.txtDetails.appendPlainText(line)
        if line.lstrip().startswith(STATUS_LINES):
            self.lblStatus.setText(line.strip()[:200])

    def set_progress(self, percent: float) -> None:
        self.barProgress.setValue(int(percent))

    def set_finished(self, ok: bool, message: str) -> None:
        """The install ended: say how, offer another try after a failure."""
        self.btnCancel.setVisible(False)
        self.btnRetry.setVisible(not ok)
        if ok:
            self.barProgress.setValue(100)
        self.lblStatus.setText(message)
        if not ok and not self.btnDetails.isChecked():
            self.btnDetails.setChecked(True)

    def _toggle_details(self, shown: bool) -> None:
        self.txtDetails.setVisible(shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.btnDetails.setArrowType(arrow)
        self.adjustSize()

"""The "Capella Console" dock: connection state and one button per workflow dock."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Callable, Optional

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QPushButton, QWidget

from capella_qgis.tasks.task_test_connection import ConnectionTester
from capella_qgis.toolbelt.compat import load_ui
from capella_qgis.toolbelt.settings import PluginSettings, env_api_url

FORM_CLASS = load_ui(Path(__file__).with_suffix(".ui"))

OBJECT_NAME = "CapellaConsoleDock"


class DockMain(QgsDockWidget, FORM_CLASS):  # type: ignore[misc, valid-type]  # uic builds FORM_CLASS at runtime
    """Dock showing the connection state with a non-blocking "Test connection" button."""

    def __init__(
        self,
        tester: ConnectionTester,
        open_settings: Optional[Callable[[], None]] = None,
        parent: Optional[QWidget] = None,
    ) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName(OBJECT_NAME)
        self.tester = tester
        self._open_settings = open_settings

        self.btnTestConnection.clicked.connect(self.test_connection)
        self.btnSettings.clicked.connect(self._on_settings_clicked)
        self.btnSettings.setEnabled(open_settings is not None)
        self.tester.started.connect(self._on_started)
        self.tester.finished.connect(self._on_finished)

        self.refresh()
        if tester.is_running:
            self._on_started()
        elif tester.last_ok is not None:
            self._on_finished(tester.last_ok, tester.last_message)

    def refresh(self) -> None:
        """Show the API URL currently in effect."""
        url = PluginSettings.load().effective_api_url
        text = self.tr("API: {url}").format(url=url)
        if env_api_url():
            text += " " + self.tr("(from CAPELLA_API_URL)")
        self.lblApiUrl.setText(text)

    def add_workflow(self, icon: QIcon, text: str, callback: Callable[[], None]) -> QPushButton:
        """Add a button that opens one workflow (search, orders, tasking…)."""
        button = QPushButton(icon, text, self.grpWorkflows)
        button.clicked.connect(callback)
        self.layoutWorkflows.addWidget(button)
        return button

    def test_connection(self) -> None:
        """Start a connection test with the saved settings."""
        self.refresh()
        self.tester.start()

    def _on_settings_clicked(self) -> None:
        if self._open_settings is not None:
            self._open_settings()

    def _on_started(self) -> None:
        self.btnTestConnection.setEnabled(False)
        self.lblStatus.setText(self.tr("Connecting…"))

    def _on_finished(self, ok: bool, message: str) -> None:
        self.btnTestConnection.setEnabled(True)
        prefix = "✔ " if ok else "✖ "
        self.lblStatus.setText(prefix + message)
        self.lblStatus.setToolTip(message)

    def disconnect_tester(self) -> None:
        """Detach from the shared tester before the dock is deleted."""
        for signal, slot in (
            (self.tester.started, self._on_started),
            (self.tester.finished, self._on_finished),
        ):
            with contextlib.suppress(TypeError, RuntimeError):
                signal.disconnect(slot)

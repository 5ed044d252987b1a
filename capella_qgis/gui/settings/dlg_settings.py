"""Options page "Capella" (Settings › Options): API URL, API key, downloads, connection test."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from qgis.gui import QgsFileWidget, QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QWidget

from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import CapellaError
from capella_qgis.tasks.task_test_connection import ConnectionTester
from capella_qgis.toolbelt.auth import (
    make_credential,
    needs_new_master_password,
    split_secret,
    store_secret,
)
from capella_qgis.toolbelt.compat import load_ui
from capella_qgis.toolbelt.log import install_log_handler
from capella_qgis.toolbelt.paths import plugin_icon
from capella_qgis.toolbelt.settings import (
    DEFAULT_API_URL,
    ENV_API_KEY,
    ENV_API_URL,
    MAX_SEARCH_PAGE_SIZE,
    MIN_SEARCH_PAGE_SIZE,
    PluginSettings,
    default_download_folder,
    env_api_key,
    env_api_url,
)

LOGGER = logging.getLogger(__name__)

FORM_CLASS = load_ui(Path(__file__).with_suffix(".ui"))

# QgsOptions.setCurrentPage() finds pages by object name.
PAGE_OBJECT_NAME = "mOptionsPageCapella"


class SettingsPage(QgsOptionsPageWidget, FORM_CLASS):  # type: ignore[misc, valid-type]  # uic builds FORM_CLASS at runtime
    """The form; ``apply()`` is called by the QGIS options dialog on OK."""

    def __init__(self, tester: ConnectionTester, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName(PAGE_OBJECT_NAME)
        self.tester = tester
        self.fwDownloadFolder.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.fwDownloadFolder.setDialogTitle(self.tr("Folder for downloaded Capella products"))
        # Empty means the default folder: show which one instead of a blank field.
        self.fwDownloadFolder.lineEdit().setPlaceholderText(str(default_download_folder()))
        # The range the Console accepts, from the settings module (the .ui says the same).
        self.sbPageSize.setRange(MIN_SEARCH_PAGE_SIZE, MAX_SEARCH_PAGE_SIZE)

        self.btnTestConnection.clicked.connect(self.test_connection)
        self.tester.started.connect(self._on_test_started)
        self.tester.finished.connect(self._on_test_finished)
        # No manual disconnect needed: PyQt drops connections to bound methods of a deleted
        # QObject, and QGIS deletes this page whenever the options dialog closes.

        self.load()

    # --- settings <-> form -----------------------------------------------------------------

    def load(self, settings: Optional[PluginSettings] = None) -> None:
        """Fill the form from the stored settings."""
        settings = settings or PluginSettings.load()
        self.leApiUrl.setText(settings.api_url)
        self.leApiKey.clear()
        self.authConfigSelect.setConfigId(settings.authcfg)
        self.fwDownloadFolder.setFilePath(settings.download_folder)
        self.sbParallelDownloads.setValue(settings.max_parallel_downloads)
        self.cbAutoLoad.setChecked(settings.auto_load)
        self.sbPageSize.setValue(settings.search_page_size)
        self.sbTimeout.setValue(round(settings.request_timeout))
        self.cbDebugLogging.setChecked(settings.debug_logging)
        self._show_credential_info()

    def form_settings(self) -> PluginSettings:
        """Settings as currently shown in the form (not saved)."""
        return PluginSettings(
            api_url=self.leApiUrl.text().strip() or DEFAULT_API_URL,
            authcfg=self.authConfigSelect.configId(),
            download_folder=self.fwDownloadFolder.filePath(),
            max_parallel_downloads=self.sbParallelDownloads.value(),
            auto_load=self.cbAutoLoad.isChecked(),
            search_page_size=self.sbPageSize.value(),
            request_timeout=float(self.sbTimeout.value()),
            debug_logging=self.cbDebugLogging.isChecked(),
        )

    def apply(self) -> None:
        """Save the form; a newly typed key goes to the auth DB, only its id to settings."""
        settings = self.form_settings()
        typed = self.leApiKey.text().strip()
        if typed:
            scheme, secret = split_secret(typed)
            try:
                settings.authcfg = store_secret(
                    secret, scheme=scheme, authcfg=settings.authcfg, api_url=settings.api_url
                )
            except CapellaError as exc:
                self._set_info(str(exc), error=True)
                LOGGER.warning("API key not stored: %s", exc)
            else:
                self.leApiKey.clear()
                self.authConfigSelect.setConfigId(settings.authcfg)
                self._set_info(
                    self.tr(
                        "API key stored in the QGIS authentication database "
                        "(configuration {authcfg})."
                    ).format(authcfg=settings.authcfg)
                )
        settings.save()
        install_log_handler(logging.DEBUG if settings.debug_logging else logging.INFO)

    # --- connection test -------------------------------------------------------------------

    def test_connection(self) -> None:
        """Test the values in the form, including a typed but unsaved key; never blocks."""
        credential: Optional[Credential] = None
        typed = self.leApiKey.text().strip()
        if typed:
            try:
                credential = make_credential(*split_secret(typed))
            except CapellaError as exc:
                self._on_test_finished(False, str(exc))
                return
        self.tester.start(self.form_settings(), credential=credential)

    def _on_test_started(self) -> None:
        self.btnTestConnection.setEnabled(False)
        self.lblTestResult.setText(self.tr("Connecting…"))

    def _on_test_finished(self, ok: bool, message: str) -> None:
        self.btnTestConnection.setEnabled(True)
        self.lblTestResult.setText(("✔ " if ok else "✖ ") + message)

    # --- helpers ---------------------------------------------------------------------------

    def _show_credential_info(self) -> None:
        notes = []
        if env_api_key():
            notes.append(
                self.tr("{var} is set: it is used instead of the stored API key.").format(
                    var=ENV_API_KEY
                )
            )
        if env_api_url():
            notes.append(
                self.tr("{var} is set: requests go to {url}.").format(
                    var=ENV_API_URL, url=env_api_url()
                )
            )
        if needs_new_master_password():
            notes.append(
                self.tr(
                    "Saving an API key stores it encrypted in the QGIS authentication database; "
                    "QGIS will ask you to create a master password first."
                )
            )
        elif not notes:
            notes.append(
                self.tr("API keys are stored encrypted in the QGIS authentication database.")
            )
        self._set_info(" ".join(notes))

    def _set_info(self, text: str, error: bool = False) -> None:
        self.lblCredentialInfo.setText(text)
        self.lblCredentialInfo.setStyleSheet("color: #b00020;" if error else "")


class SettingsPageFactory(QgsOptionsWidgetFactory):
    """Registers the "Capella" page in Settings › Options."""

    def __init__(self, tester: ConnectionTester) -> None:
        super().__init__()
        self.tester = tester

    def icon(self) -> QIcon:
        return plugin_icon()

    def title(self) -> str:
        return self.tr("Capella")

    def createWidget(self, parent: Optional[QWidget] = None) -> SettingsPage:
        return SettingsPage(self.tester, parent)

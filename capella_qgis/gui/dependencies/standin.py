"""The plugin QGIS loads while a package is missing: says what, installs it, swaps itself out."""

from __future__ import annotations

import contextlib
import functools
import html
import logging
import tempfile
from pathlib import Path
from typing import Any, Optional

from qgis.core import QgsApplication, QgsMessageLog
from qgis.gui import QgsMessageBar
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QPushButton

from capella_qgis.gui.dependencies.dlg_install_dependencies import DlgInstallDependencies
from capella_qgis.tasks.task_install_dependencies import InstallDependenciesTask
from capella_qgis.toolbelt import dependencies
from capella_qgis.toolbelt.compat import as_slot, message_level, tr
from capella_qgis.toolbelt.i18n import install_translator, remove_translator
from capella_qgis.toolbelt.proxy import proxy_url_for, qgis_trusted_ca_pem

# Only modules that import without pydantic, shapely and httpx may be imported here.
LOGGER = logging.getLogger(__name__)
LOG_TAG = "Capella"
INDEX_URL = "https://pypi.org/simple/"
INSTALL_BUTTON = "CapellaInstallPackages"
PACKAGE = __name__.split(".")[0]


class DependencyStandIn:
    """Loaded by ``classFactory`` instead of the plugin; ``iface`` is None under qgis_process."""

    def __init__(
        self, iface: Any, missing: list[dependencies.Missing], broken: Optional[str] = None
    ) -> None:
        self.iface = iface
        self.missing = missing
        self.broken = broken
        self.message = ""
        self.item: Any = None
        self.dialog: Optional[DlgInstallDependencies] = None
        self.task: Optional[InstallDependenciesTask] = None
        self.target = dependencies.target_dir()
        self._explained = False

    # --- what QGIS calls -------------------------------------------------------------------

    def initGui(self) -> None:
        """Explain in the message bar (plain text) and offer the install button."""
        install_translator()
        self._explain()
        if self.iface is None:
            return
        bar = self.iface.messageBar()
        # The bar renders HTML: "<3" in a version range would swallow the rest of the text.
        item = QgsMessageBar.createMessage(tr("Capella Console"), html.escape(self.message))
        if self.installable():
            button = QPushButton(tr("Install required packages"), item)
            button.setObjectName(INSTALL_BUTTON)
            button.clicked.connect(self._on_install_clicked)
            item.layout().addWidget(button)
        bar.pushWidget(item, message_level("Critical"), 0)
        self.item = item

    def initProcessing(self) -> None:
        """No algorithms without the packages; qgis_process gets the explanation in its log."""
        self._explain()

    def unload(self) -> None:
        """Stop the install, close the dialog and remove the message: nothing left to click."""
        task, self.task = self.task, None
        if task is not None:
            for signal in (task.outputLine, task.progressChanged, task.taskCompleted):
                _disconnect(signal)
            _disconnect(task.taskTerminated)
            with contextlib.suppress(RuntimeError):  # already deleted by the task manager
                task.cancel()
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            try:
                dialog.close()
                dialog.deleteLater()
            except RuntimeError:
                pass
        item, self.item = self.item, None
        if item is not None and self.iface is not None:
            with contextlib.suppress(RuntimeError):  # closed by the user: the C++ object is gone
                self.iface.messageBar().popWidget(item)
        remove_translator()

    # --- explanation -----------------------------------------------------------------------

    def installable(self) -> bool:
        return bool(self.missing) and self.target is not None and self.broken is None

    def _explain(self) -> None:
        if self._explained:
            return
        self._explained = True
        if self.broken:
            self.message = tr(
                "Capella Console is incomplete ({problem}). Reinstall it from Plugins › Manage "
                "and Install Plugins."
            ).format(problem=self.broken)
        else:
            self.message = tr("needs the Python packages {what}.").format(
                what=dependencies.summary(self.missing)
            )
        QgsMessageLog.logMessage(
            tr("Capella Console") + " " + self.message + "\n" + self._manual_hint(),
            LOG_TAG,
            message_level("Critical"),
        )

    def _manual_hint(self) -> str:
        """The same install as a command, for machines without the QGIS window."""
        if not self.installable() or self.target is None:
            return ""
        candidates = dependencies.interpreter_candidates() or ["python3"]
        options = dependencies.PipOptions(self.target)
        runs = dependencies.pip_runs([candidates[0], "-m", "pip"], self.missing, options)
        commands = "\n".join(dependencies.command_line(run) for run in runs)
        return tr("Without the QGIS window, run QGIS' Python like this:\n{commands}").format(
            commands=commands
        )

    # --- install ---------------------------------------------------------------------------

    def _on_install_clicked(self) -> None:
        # Never open dialogs or pop the banner from inside the banner button's own click.
        QTimer.singleShot(0, as_slot(self.install))

    def install(self) -> Optional[InstallDependenciesTask]:
        """Start pip in a task and show its progress; a second click while it runs does nothing."""
        if self.task is not None or not self.installable() or self.target is None:
            return self.task
        scratch = Path(tempfile.mkdtemp(prefix="capella-pip-"))
        options = dependencies.PipOptions(
            target=self.target,
            constraints=dependencies.write_constraints(scratch),
            proxy=proxy_url_for(INDEX_URL),
            cert=_extra_ca_bundle(scratch),
        )
        if self.dialog is None:
            parent = self.iface.mainWindow() if self.iface is not None else None
            what = ", ".join(m.requirement.distribution for m in self.missing)
            self.dialog = DlgInstallDependencies(what, self.target, parent)
            self.dialog.cancelRequested.connect(self.cancel)
            self.dialog.retryRequested.connect(as_slot(self.install))
        self.dialog.set_running()
        self.dialog.show()
        self.dialog.raise_()
        task = InstallDependenciesTask(
            self.missing,
            options,
            dependencies.interpreter_candidates(),
            dependencies.pip_wheels(),
        )
        task.outputLine.connect(self.dialog.append_output)
        task.progressChanged.connect(self.dialog.set_progress)
        task.taskCompleted.connect(lambda: self._on_finished(task, True))
        task.taskTerminated.connect(lambda: self._on_finished(task, False))
        self.task = task
        QgsApplication.taskManager().addTask(task)
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _on_finished(self, task: InstallDependenciesTask, ok: bool) -> None:
        if task is not self.task:
            return
        self.task = None
        dialog = self.dialog
        if not ok:
            message = task.error or tr("The install was stopped.")
            QgsMessageLog.logMessage(
                tr("Installing packages failed: {error}\n{output}").format(
                    error=message, output="\n".join(task.output[-40:])
                ),
                LOG_TAG,
                message_level("Critical"),
            )
            if dialog is not None:
                dialog.set_finished(False, message)
            return
        dependencies.activate(self.target)
        still = dependencies.missing_dependencies()
        if still:
            # Typically an older copy already imported by another plugin in this session.
            message = tr("The packages were installed, but {what}. Restart QGIS to finish.").format(
                what=dependencies.summary(still)
            )
            if dialog is not None:
                dialog.set_finished(False, message)
            return
        if dialog is not None:
            dialog.set_finished(True, tr("Installed. Starting Capella Console…"))
        QgsMessageLog.logMessage(
            tr("Packages installed into {target}").format(target=self.target),
            LOG_TAG,
            message_level("Success"),
        )
        # The swap unloads this object; it must not run inside one of its own slots.
        QTimer.singleShot(0, as_slot(functools.partial(restart_plugin, PACKAGE)))


def restart_plugin(package: str) -> bool:
    """Unload the stand-in and start the real plugin, as the Plugin Manager does on reload."""
    from qgis import utils

    utils.reloadPlugin(package)
    started = type(utils.plugins.get(package)).__name__ == "CapellaPlugin"
    iface = getattr(utils, "iface", None)
    if started and iface is not None:
        iface.messageBar().pushMessage(
            tr("Capella Console"),
            tr("Packages installed: the plugin is ready."),
            message_level("Success"),
            5,
        )
    return started


def _extra_ca_bundle(folder: Path) -> Optional[Path]:
    """QGIS' trusted CAs as a PEM file for pip, only when the user added CAs to QGIS (else
    pip's own configuration, e.g. a company ``PIP_CERT``, is left alone)."""
    manager = QgsApplication.authManager()
    try:
        added = len(manager.extraFileCAs()) + len(manager.databaseCAs())
    except Exception:
        added = 0
    if not added:
        return None
    pems = qgis_trusted_ca_pem()
    if not pems:
        return None
    path = folder / "qgis-trusted-cas.pem"
    path.write_text("".join(pem if pem.endswith("\n") else pem + "\n" for pem in pems))
    return path


def _disconnect(signal: Any) -> None:
    with contextlib.suppress(TypeError, RuntimeError):  # nothing connected, or object gone
        signal.disconnect()

"""Plugin wiring: Web › Capella menu, toolbar, dock, options page, log tab; unload() undoes it."""

from __future__ import annotations

import contextlib
import importlib
import logging
from dataclasses import dataclass
from typing import Any, Callable, Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTimer
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QToolBar

from capella_qgis.gui.main.dock_main import DockMain
from capella_qgis.gui.settings.dlg_settings import PAGE_OBJECT_NAME, SettingsPageFactory
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_test_connection import ConnectionTester
from capella_qgis.toolbelt.compat import QT_TRANSLATE_NOOP, QAction, message_level
from capella_qgis.toolbelt.i18n import install_translator, remove_translator
from capella_qgis.toolbelt.log import (
    MessageItems,
    install_log_handler,
    push_message,
    remove_pushed_messages,
    uninstall_log_handler,
)
from capella_qgis.toolbelt.paths import plugin_icon
from capella_qgis.toolbelt.settings import PluginSettings

LOGGER = logging.getLogger(__name__)

TOOLBAR_OBJECT_NAME = "CapellaToolbar"
# After start-up, out of QGIS's way: the TLS context is built in a worker thread then.
TLS_PREWARM_DELAY_MS = 3000


@dataclass(frozen=True)
class Workflow:
    """One feature controller: its registry name, class path, and its dock's button."""

    name: str
    # "module:Class", imported at install; the controllers import httpx, pydantic and shapely
    # only where they use them (tests/qgis/test_startup_imports.py keeps start-up light, #20).
    controller: str
    icon: str = ""  # main-dock button for the controller's dock, when it has one
    label: str = ""
    # Modules its first use imports: loaded in a worker thread when its dock is first shown.
    warm: tuple[str, ...] = ()


# Every feature controller, by name. Each has the same shape: Controller(iface, clients=…),
# install(), unload(), an optional ``dock``; it starts tasks only through its TaskRunner.
WORKFLOWS = (
    Workflow(
        "search",
        "capella_qgis.gui.search.controller:SearchController",
        "/mActionFilter2.svg",
        QT_TRANSLATE_NOOP("CapellaPlugin", "Catalog search"),
        warm=(
            "capella_qgis.tasks.task_search",
            "capella_qgis.footprints.layer",
            "capella_qgis.tasks.task_thumbnails",
            "capella_qgis.tasks.task_thumbnail_scan",
        ),
    ),
    Workflow(
        "orders",
        "capella_qgis.gui.orders.controller:OrdersController",
        "/mActionFileSave.svg",
        QT_TRANSLATE_NOOP("CapellaPlugin", "Orders and downloads"),
        warm=(
            "capella_qgis.tasks.task_order",
            "capella_qgis.tasks.task_download",
            "capella_qgis.core.workflows.orders",
            "capella_qgis.rasters.style",
        ),
    ),
    Workflow("tasking", "capella_qgis.gui.tasking.controller:TaskingController"),
    Workflow(
        "requests",
        "capella_qgis.gui.tasking.requests_controller:RequestsController",
        "/mActionCapturePolygon.svg",
        QT_TRANSLATE_NOOP("CapellaPlugin", "Tasking requests"),
    ),
    Workflow("retask", "capella_qgis.gui.tasking.retask_actions:RetaskActions"),
)

# How one feature hands work to another, by name: (controller, signal) -> (controller, slot).
LINKS = (
    ("search", "orderRequested", "orders", "order_layer"),
    ("tasking", "requestCreated", "requests", "add_request"),
    ("requests", "orderRequested", "orders", "order_tasking_requests"),
    ("retask", "requestCreated", "requests", "add_request"),
)


class CapellaPlugin:
    """Entry object created by ``classFactory``; ``iface`` is None under ``qgis_process``."""

    def __init__(self, iface: Any) -> None:
        # Before any widget or action text is created, so everything shows translated.
        install_translator()
        self.iface = iface
        self.menu_name = self.tr("&Capella")
        self.actions: list[QAction] = []
        self.action_dock: Optional[QAction] = None
        self.toolbar: Optional[QToolBar] = None
        self.dock: Optional[DockMain] = None
        self.options_factory: Optional[SettingsPageFactory] = None
        self.tester: Optional[ConnectionTester] = None
        self._notify_test_result = False
        self.provider: Optional[Any] = None
        self.messages = MessageItems(iface)
        # Feature controllers by name (see WORKFLOWS); each owns its docks, actions and menus.
        self.controllers: dict[str, Any] = {}
        self._links: list[tuple[Any, Any]] = []

    @staticmethod
    def tr(text: str) -> str:
        """Translate ``text`` in the plugin's context."""
        return QCoreApplication.translate("CapellaPlugin", text)

    # --- lifecycle -------------------------------------------------------------------------

    def initProcessing(self) -> None:
        """Register the Capella Processing provider (qgis_process calls this with iface=None)."""
        if self.provider is None:
            # Imported when the provider is registered, not with this module.
            from capella_qgis.processing.provider import CapellaProvider

            provider = CapellaProvider()
            # addProvider() refuses a second provider with the same id; removing ours by id on
            # unload would then delete the other one, so only keep what was really registered.
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    @staticmethod
    def _prewarm_tls() -> None:
        try:
            from capella_qgis.toolbelt.network import prewarm_tls

            prewarm_tls()
        except Exception:  # only a speed-up: the first request builds it otherwise
            LOGGER.debug("TLS prewarm failed", exc_info=True)

    def initGui(self) -> None:
        """Create menu, toolbar, dock and options page."""
        settings = PluginSettings.load()
        install_log_handler(logging.DEBUG if settings.debug_logging else logging.INFO)
        self.initProcessing()
        if self.iface is None:
            return

        main_window = self.iface.mainWindow()
        self.tester = ConnectionTester()
        self.tester.finished.connect(self._on_test_finished)

        self.action_dock = self._add_action(
            plugin_icon(), self.tr("Capella Console"), None, "mActionCapellaDock"
        )
        self.action_dock.setCheckable(True)
        self._add_action(
            QgsApplication.getThemeIcon("/mActionOptions.svg"),
            self.tr("Settings…"),
            self.open_settings,
            "mActionCapellaSettings",
        )
        self._add_action(
            QgsApplication.getThemeIcon("/mActionRefresh.svg"),
            self.tr("Test connection"),
            self.test_connection,
            "mActionCapellaTestConnection",
        )

        self.toolbar = self.iface.addToolBar(self.tr("Capella"))
        self.toolbar.setObjectName(TOOLBAR_OBJECT_NAME)
        self.toolbar.addAction(self.action_dock)

        self.dock = DockMain(self.tester, open_settings=self.open_settings, parent=main_window)
        self.dock.setToggleVisibilityAction(self.action_dock)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()

        self.options_factory = SettingsPageFactory(self.tester)
        self.iface.registerOptionsWidgetFactory(self.options_factory)
        # Once QGIS is up: the first search would otherwise build it on the UI thread.
        QTimer.singleShot(TLS_PREWARM_DELAY_MS, self._prewarm_tls)

        self._install_controllers()

    def _install_controllers(self) -> None:
        clients = ClientFactory()  # the saved settings, read at each call
        for workflow in WORKFLOWS:
            module, _, name = workflow.controller.partition(":")
            factory = getattr(importlib.import_module(module), name)
            controller = factory(self.iface, clients=clients)
            controller.install()
            self.controllers[workflow.name] = controller
            dock = getattr(controller, "dock", None)
            if dock is not None and workflow.warm:
                self._warm_when_shown(dock, workflow.warm)
            if self.dock is not None and dock is not None and workflow.label:
                self.dock.add_workflow(
                    QgsApplication.getThemeIcon(workflow.icon),
                    self.tr(workflow.label),
                    self._shower(dock),
                )
        for source, signal_name, target, slot_name in LINKS:
            if source in self.controllers and target in self.controllers:
                signal = getattr(self.controllers[source], signal_name)
                slot = getattr(self.controllers[target], slot_name)
                signal.connect(slot)
                self._links.append((signal, slot))

    def _warm_when_shown(self, dock: Any, modules: tuple[str, ...]) -> None:
        """Once ``dock`` is first shown, import what its first use needs (toolbelt.warmup)."""

        def shown(visible: bool) -> None:
            if not visible:
                return
            with contextlib.suppress(TypeError, RuntimeError):
                dock.visibilityChanged.disconnect(shown)
            from capella_qgis.toolbelt.warmup import warm_up

            warm_up(modules)

        dock.visibilityChanged.connect(shown)
        self._links.append((dock.visibilityChanged, shown))

    @staticmethod
    def _shower(dock: Any) -> Callable[[], None]:
        def show() -> None:
            dock.show()
            dock.raise_()

        return show

    def unload(self) -> None:
        """Remove every trace of the plugin so it can be loaded again.

        Each controller cancels and detaches the tasks it started and removes its message-bar
        items; a task ending later calls nothing of this instance (see ``TaskRunner``).
        """
        self._notify_test_result = False
        if self.tester is not None:
            self.tester.cancel()
        for signal, slot in self._links:
            with contextlib.suppress(TypeError, RuntimeError):
                signal.disconnect(slot)
        self._links = []
        for controller in reversed(list(self.controllers.values())):
            controller.unload()
        self.controllers = {}
        self.messages.clear()
        remove_pushed_messages()
        if self.iface is not None:
            if self.options_factory is not None:
                self.iface.unregisterOptionsWidgetFactory(self.options_factory)
            if self.dock is not None:
                self.iface.removeDockWidget(self.dock)
                self.dock.disconnect_tester()
                self.dock.deleteLater()
            for action in self.actions:
                self.iface.removePluginWebMenu(self.menu_name, action)
                action.deleteLater()
            if self.toolbar is not None:
                self.iface.mainWindow().removeToolBar(self.toolbar)
                self.toolbar.deleteLater()
        if self.tester is not None:
            self.tester.deleteLater()
        self.options_factory = None
        self.dock = None
        self.toolbar = None
        self.action_dock = None
        self.actions = []
        self.tester = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        uninstall_log_handler()
        remove_translator()

    # --- actions ---------------------------------------------------------------------------

    def open_settings(self) -> None:
        """Open Settings › Options on the Capella page."""
        if self.iface is not None:
            self.iface.showOptionsDialog(self.iface.mainWindow(), currentPage=PAGE_OBJECT_NAME)
            if self.dock is not None:
                self.dock.refresh()

    def test_connection(self) -> None:
        """Test the saved settings; the result goes to the message bar and the dock."""
        if self.tester is None:
            return
        self._notify_test_result = True
        self.tester.start()

    def _on_test_finished(self, ok: bool, message: str) -> None:
        if not self._notify_test_result:
            return
        self._notify_test_result = False
        level = message_level("Success" if ok else "Critical")
        push_message(self.tr("Capella"), message, level, iface=self.iface, items=self.messages)

    def _add_action(
        self,
        icon: QIcon,
        text: str,
        callback: Optional[Callable[[], None]],
        object_name: str,
    ) -> QAction:
        action = QAction(icon, text, self.iface.mainWindow())
        action.setObjectName(object_name)
        if callback is not None:
            action.triggered.connect(callback)
        self.iface.addPluginToWebMenu(self.menu_name, action)
        self.actions.append(action)
        return action

"""Tasking controller: Web › Capella actions, AOI map tools, the form, contracts and creation."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import QgsApplication, QgsGeometry, QgsVectorLayer
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QObject, pyqtSignal

from capella_qgis.gui.aoi.maptool_aoi import AoiMapTool
from capella_qgis.gui.tasking.params import MODE_TASKING
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_base import TaskRunner
from capella_qgis.toolbelt.compat import QAction, message_level
from capella_qgis.toolbelt.log import MessageItems, push_message

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.gui.tasking.dlg_tasking import Request, TaskingDialog
    from capella_qgis.tasks.task_tasking import CreateRequestTask, FetchContractsTask

LOGGER = logging.getLogger(__name__)
MENU = "&Capella"


class TaskingController(QObject):
    """``install()`` adds the actions; ``unload()`` removes everything.

    Tasks go through ``self.tasks`` (one runner), clients come from the injected ``clients``
    factory; the form only validates and emits ``submitRequested``. Created requests are
    announced with ``requestCreated`` (the plugin links it to the requests controller).
    """

    NAME = "tasking"

    requestCreated = pyqtSignal(object)  # TaskingRequest or RepeatRequest model

    def __init__(self, iface: Any, *, clients: Optional[ClientFactory] = None) -> None:
        super().__init__()
        self.iface = iface
        self.clients = clients or ClientFactory()
        self.actions: list[QAction] = []
        self.tool: Optional[AoiMapTool] = None
        self._previous_tool: Any = None
        self.dialog: Optional[TaskingDialog] = None
        self.contracts_task: Optional[FetchContractsTask] = None
        self.create_task: Optional[CreateRequestTask] = None
        # Tasks started here (contracts, creation), cancelled and detached on unload.
        self.tasks = TaskRunner()
        self.messages = MessageItems(iface)
        self.menu_name = QCoreApplication.translate("CapellaPlugin", MENU)

    # --- lifecycle -------------------------------------------------------------------------

    def install(self) -> None:
        if self.iface is None:
            return
        self._add(
            "/mActionCapturePoint.svg",
            self.tr("New tasking request from a point…"),
            lambda: self.start_drawing("point"),
            "mActionCapellaTaskPoint",
        )
        self._add(
            "/mActionCapturePolygon.svg",
            self.tr("New tasking request from a polygon…"),
            lambda: self.start_drawing("polygon"),
            "mActionCapellaTaskPolygon",
        )
        self._add(
            "/mActionSelectFreehand.svg",
            self.tr("New tasking request from the selected feature…"),
            self.from_selected_feature,
            "mActionCapellaTaskSelection",
        )

    def _add(self, icon: str, text: str, slot: Any, name: str) -> QAction:
        action = QAction(QgsApplication.getThemeIcon(icon), text, self.iface.mainWindow())
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.iface.addPluginToWebMenu(self.menu_name, action)
        self.actions.append(action)
        return action

    def unload(self) -> None:
        self._drop_tool()
        # The form's submission would report to this controller and the deleted dock.
        self.tasks.shutdown()
        self.contracts_task = self.create_task = None
        self.messages.clear()
        if self.dialog is not None:
            if not sip.isdeleted(self.dialog):
                self.dialog.close()
                self.dialog.deleteLater()
            self.dialog = None
        for action in self.actions:
            if self.iface is not None:
                self.iface.removePluginWebMenu(self.menu_name, action)
            action.deleteLater()
        self.actions.clear()

    # --- AOI -------------------------------------------------------------------------------

    def start_drawing(self, mode: str) -> AoiMapTool:
        canvas = self.iface.mapCanvas()
        self._drop_tool()
        self._previous_tool = canvas.mapTool()
        self.tool = AoiMapTool(canvas, mode)
        self.tool.geometryDrawn.connect(self._on_drawn)
        self.tool.cancelled.connect(self._drop_tool)
        canvas.setMapTool(self.tool)
        push_message(
            self.tr("Capella tasking"),
            self.tr("Click the target on the map (Esc cancels).")
            if mode == "point"
            else self.tr("Click the corners; right-click or double-click to finish (Esc cancels)."),
            iface=self.iface,
            items=self.messages,
        )
        return self.tool

    def _drop_tool(self) -> None:
        if self.tool is None:
            return
        canvas = self.iface.mapCanvas()
        if canvas.mapTool() is self.tool:
            canvas.unsetMapTool(self.tool)
            if self._previous_tool is not None:
                canvas.setMapTool(self._previous_tool)
        self.tool.clean()
        self.tool.deleteLater()
        self.tool = None

    def _on_drawn(self, geometry: QgsGeometry) -> None:
        crs = self.iface.mapCanvas().mapSettings().destinationCrs()
        self._drop_tool()
        self.open_form(geometry, crs)

    def from_selected_feature(self) -> Optional[TaskingDialog]:
        from capella_qgis.aoi.checks import combine_geometries

        layer = self.iface.activeLayer()
        if not isinstance(layer, QgsVectorLayer) or layer.selectedFeatureCount() == 0:
            push_message(
                self.tr("Capella tasking"),
                self.tr("Select one feature in a vector layer first."),
                message_level("Warning"),
                iface=self.iface,
                items=self.messages,
            )
            return None
        geometry = combine_geometries(f.geometry() for f in layer.getSelectedFeatures())
        return self.open_form(geometry, layer.crs())

    # --- the form --------------------------------------------------------------------------

    def open_form(
        self,
        geometry: Optional[QgsGeometry],
        crs: Any,
        *,
        mode: str = MODE_TASKING,
        contracts: Optional[list[Any]] = None,
    ) -> TaskingDialog:
        """Open the form on an AOI; without ``contracts`` they are fetched from the Console."""
        from capella_qgis.gui.tasking.dlg_tasking import TaskingDialog

        parent = self.iface.mainWindow() if self.iface is not None else None
        dialog = TaskingDialog(geometry, crs, mode=mode, contracts=contracts, parent=parent)
        dialog.submitRequested.connect(lambda request: self.create(dialog, request))
        self.dialog = dialog
        dialog.show()
        if contracts is None:
            self.fetch_contracts(dialog)
        return dialog

    def fetch_contracts(self, dialog: TaskingDialog) -> Optional[FetchContractsTask]:
        """Load the organization's contracts in a QgsTask so the form can refuse unknown ones."""
        from capella_qgis.tasks.task_tasking import FetchContractsTask

        task = self.tasks.run(
            FetchContractsTask,
            client=self.clients,
            on_success=lambda contracts: self._on_contracts(dialog, contracts),
            on_error=lambda message: self._on_contracts(dialog, None, message),
            # No credential yet: the form stays free text, nothing to report.
            on_refused=lambda message: LOGGER.info("Contracts not loaded: %s", message),
        )
        self.contracts_task = task
        if task is not None:
            dialog.set_contracts_loading()
        return task

    def _on_contracts(
        self, dialog: TaskingDialog, contracts: Optional[list[Any]], error: str = ""
    ) -> None:
        self.contracts_task = None
        if error:
            LOGGER.warning("Could not load the organization's contracts: %s", error)
        if not sip.isdeleted(dialog):
            dialog.set_contracts(contracts)

    def create(self, dialog: TaskingDialog, request: Request) -> None:
        """The form's reviewed request: create it on the Console and tell the form."""
        from capella_qgis.tasks.task_tasking import CreateRequestTask

        self.create_task = self.tasks.run(
            CreateRequestTask,
            request,
            client=self.clients,
            on_success=lambda created: self._on_created(dialog, created),
            on_error=lambda message: self._on_create_failed(dialog, message),
        )

    def _on_create_failed(self, dialog: TaskingDialog, message: str) -> None:
        self.create_task = None
        if not sip.isdeleted(dialog):
            dialog.show_failure(message)

    def _on_created(self, dialog: TaskingDialog, model: Any) -> None:
        self.create_task = None
        if not sip.isdeleted(dialog):
            dialog.show_created(model)
        self.requestCreated.emit(model)
        push_message(
            self.tr("Capella tasking"),
            self.tr("Request “{name}” created ({id}).").format(
                name=model.properties.name or "", id=model.id
            ),
            message_level("Success"),
            iface=self.iface,
            items=self.messages,
        )

"""Tasking feature wiring: Web › Capella actions, AOI map tools, the form and the Requests dock."""

from __future__ import annotations

import logging
from typing import Any, Optional

from qgis.core import QgsApplication, QgsGeometry, QgsVectorLayer
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, Qt

from capella_qgis.aoi.checks import combine_geometries
from capella_qgis.core.models.tasking import RepeatRequest
from capella_qgis.gui.aoi.maptool_aoi import AoiMapTool
from capella_qgis.gui.tasking.dlg_tasking import TaskingDialog
from capella_qgis.gui.tasking.dock_requests import RequestsDock
from capella_qgis.requests.layer import RequestsLayer
from capella_qgis.tasks.task_base import TaskSet, detach_task
from capella_qgis.tasks.task_tasking import KIND_REPEAT, KIND_TASKING, FetchContractsTask
from capella_qgis.toolbelt.compat import QAction, message_level
from capella_qgis.toolbelt.log import MessageItems, push_message

LOGGER = logging.getLogger(__name__)
MENU = "&Capella"


class TaskingController:
    """``install()`` adds the actions and the dock; ``unload()`` removes everything."""

    def __init__(self, iface: Any, *, settings: Any = None, credential: Any = None) -> None:
        self.iface = iface
        self.settings = settings
        self.credential = credential
        self.actions: list[QAction] = []
        self.dock: Optional[RequestsDock] = None
        self.layer = RequestsLayer()
        self.tool: Optional[AoiMapTool] = None
        self._previous_tool: Any = None
        self.dialog: Optional[TaskingDialog] = None
        self.contracts_task: Optional[FetchContractsTask] = None
        # Tasks started here (contracts), cancelled and detached on unload.
        self.tasks = TaskSet()
        self.messages = MessageItems(iface)

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("TaskingController", text)

    # --- lifecycle -------------------------------------------------------------------------

    def install(self) -> None:
        if self.iface is None:
            return
        self.menu_name = QCoreApplication.translate("CapellaPlugin", MENU)
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
        self.dock = RequestsDock(
            self.settings,
            credential=self.credential,
            iface=self.iface,
            layer=self.layer,
            parent=self.iface.mainWindow(),
        )
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        action = self.dock.toggleViewAction()
        action.setText(self.tr("Requests"))
        action.setObjectName("mActionCapellaRequestsDock")
        self.iface.addPluginToWebMenu(self.menu_name, action)
        self.actions.append(action)

    def _add(self, icon: str, text: str, slot: Any, name: str) -> QAction:
        action = QAction(QgsApplication.getThemeIcon(icon), text, self.iface.mainWindow())
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.iface.addPluginToWebMenu(self.menu_name, action)
        self.actions.append(action)
        return action

    def unload(self) -> None:
        self._drop_tool()
        self.tasks.shutdown()
        self.contracts_task = None
        self.messages.clear()
        if self.dialog is not None:
            if not sip.isdeleted(self.dialog):
                # Its submission would report to this controller and the deleted dock.
                detach_task(self.dialog.task)
                self.dialog.task = None
                self.dialog.close()
                self.dialog.deleteLater()
            self.dialog = None
        for action in self.actions:
            if self.iface is not None:
                self.iface.removePluginWebMenu(self.menu_name, action)
            # The dock's toggle action belongs to the dock; the others are ours to delete.
            if self.dock is None or action is not self.dock.toggleViewAction():
                action.deleteLater()
        self.actions.clear()
        if self.dock is not None:
            self.dock.shutdown()
            if self.iface is not None:
                self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None

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

    def open_form(self, geometry: QgsGeometry, crs: Any) -> TaskingDialog:
        self.dialog = TaskingDialog(
            geometry,
            crs,
            settings=self.settings,
            credential=self.credential,
            parent=self.iface.mainWindow(),
        )
        self.dialog.requestCreated.connect(self._on_created)
        self.dialog.show()
        self.fetch_contracts(self.dialog)
        return self.dialog

    def fetch_contracts(self, dialog: TaskingDialog) -> Optional[FetchContractsTask]:
        """Load the organization's contracts in a QgsTask so the form can refuse unknown ones."""
        try:
            task = FetchContractsTask(self.settings, credential=self.credential)
        except Exception as exc:  # CredentialError: no credential yet; the form stays free text
            LOGGER.info("Contracts not loaded: %s", getattr(exc, "message", exc))
            return None
        dialog.set_contracts_loading()
        task.on_success = lambda contracts, t=task: self._on_contracts(t, dialog, contracts)
        task.on_error = lambda message, t=task: self._on_contracts(t, dialog, None, message)
        self.contracts_task = task
        return self.tasks.start(task)

    def _on_contracts(
        self,
        task: FetchContractsTask,
        dialog: TaskingDialog,
        contracts: Optional[list[Any]],
        error: str = "",
    ) -> None:
        if self.contracts_task is task:
            self.contracts_task = None
        if error:
            LOGGER.warning("Could not load the organization's contracts: %s", error)
        if not sip.isdeleted(dialog):
            dialog.set_contracts(contracts)

    def _on_created(self, model: Any) -> None:
        kind = KIND_REPEAT if isinstance(model, RepeatRequest) else KIND_TASKING
        if self.dock is not None:
            self.dock.add_request(kind, model)
        else:
            self.layer.upsert([model])
        push_message(
            self.tr("Capella tasking"),
            self.tr("Request “{name}” created ({id}).").format(
                name=model.properties.name or "", id=model.id
            ),
            message_level("Success"),
            iface=self.iface,
            items=self.messages,
        )

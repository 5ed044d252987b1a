"""Retask like this: the dialog and task shared by the Requests dock and the footprint layers.

``Retasker`` asks for the overrides and creates the request through ``RetaskTask``;
``RetaskActions`` (a feature controller, wired by the plugin) puts "Retask like this…" on
every feature of a catalog footprints layer. A created request is announced with
``requestCreated``: the plugin hands it to the Requests dock, where it enters the cost review.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import (
    Qgis,
    QgsFeature,
    QgsMapLayer,
    QgsMapLayerType,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsGui, QgsMapLayerAction
from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtWidgets import QWidget

from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_base import TaskRunner
from capella_qgis.toolbelt.compat import QAction, as_slot, message_level, tr
from capella_qgis.toolbelt.log import MessageItems, push_message

# The dialog and the task load pydantic: imported when used, not at QGIS start-up (#20).
if TYPE_CHECKING:
    from capella_qgis.gui.tasking.dlg_retask import RetaskDialog
    from capella_qgis.tasks.task_review import RetaskTask


def _single_feature_target() -> Any:
    """The "one feature" action target (``Qgis.MapLayerActionTarget`` from QGIS 3.30 on)."""
    scope = getattr(Qgis, "MapLayerActionTarget", None)
    if scope is not None:
        return scope.SingleFeature
    return QgsMapLayerAction.Target.SingleFeature


def _footprints() -> Any:
    """``capella_qgis.footprints.layer``, imported on first use (it loads the STAC models)."""
    from capella_qgis.footprints import layer

    return layer


def _value(feature: QgsFeature, name: str) -> Any:
    """A feature attribute, None when the field is missing or NULL."""
    if feature.fieldNameIndex(name) < 0:
        return None
    value = feature[name]
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value


class Retasker(QObject):
    """Asks for a retask's overrides (a dialog), then creates it in a task.

    Owned by a controller: tasks run through the owner's runner with its client factory, and
    messages go to the owner's message items (removed on unload).
    """

    requestCreated = pyqtSignal(object)  # the new TaskingRequest

    def __init__(
        self,
        tasks: TaskRunner,
        clients: ClientFactory,
        *,
        iface: Any = None,
        messages: Optional[MessageItems] = None,
        parent: Optional[QObject] = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.clients = clients
        self.iface = iface
        self.messages = messages
        self.dialog: Optional[RetaskDialog] = None

    def ask(
        self,
        parent: Optional[QWidget],
        *,
        source: str,
        tasking_request_id: Optional[str] = None,
        collect_id: Optional[str] = None,
        look_angle: Optional[float] = None,
    ) -> RetaskDialog:
        """Open the dialog; its OK creates the request (nothing is sent before)."""
        from capella_qgis.gui.tasking.dlg_retask import RetaskDialog

        self.close()
        dialog = RetaskDialog(source, look_angle, parent)
        dialog.accepted.connect(
            as_slot(
                lambda: self.create(
                    dialog.values(), tasking_request_id=tasking_request_id, collect_id=collect_id
                )
            )
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def create(
        self,
        overrides: Optional[dict[str, Any]] = None,
        *,
        tasking_request_id: Optional[str] = None,
        collect_id: Optional[str] = None,
    ) -> Optional[RetaskTask]:
        from capella_qgis.tasks.task_review import RetaskTask

        return self.tasks.run(
            RetaskTask,
            tasking_request_id=tasking_request_id,
            collect_id=collect_id,
            overrides=overrides,
            client=self.clients,
            on_success=self._created,
            on_error=self._failed,
        )

    def _created(self, model: Any) -> None:
        name = model.properties.name or model.id
        self.message(
            tr(
                "Retask request “{name}” created. The Console estimates its price next; the "
                "Requests dock tells you when it waits for your approval."
            ).format(name=name),
            "Success",
        )
        self.requestCreated.emit(model)

    def _failed(self, message: str) -> None:
        self.message(tr("Retask failed: {why}").format(why=message), "Critical")

    def message(self, text: str, level: str) -> None:
        push_message(
            tr("Capella retask"), text, message_level(level), iface=self.iface, items=self.messages
        )

    def close(self) -> None:
        if self.dialog is not None:
            with contextlib.suppress(RuntimeError):  # deleted with its parent already
                self.dialog.close()
                self.dialog.deleteLater()
            self.dialog = None


class RetaskActions(QObject):
    """ "Retask like this…" on the features of catalog footprint layers (a delivered product).

    The action is registered per footprint layer (``QgsMapLayerAction``, one feature: the
    identify results and the attribute table) plus a layer-tree entry that uses the first
    selected footprint; ``unload()`` removes both.
    """

    NAME = "retask"

    requestCreated = pyqtSignal(object)  # the plugin links it to the Requests dock

    def __init__(self, iface: Any, *, clients: Optional[ClientFactory] = None) -> None:
        super().__init__()
        self.iface = iface
        self.clients = clients or ClientFactory()
        self.tasks = TaskRunner()
        self.messages = MessageItems(iface)
        self.retasker = Retasker(
            self.tasks, self.clients, iface=iface, messages=self.messages, parent=self
        )
        self.retasker.requestCreated.connect(self.requestCreated)
        self.layer_actions: dict[str, QgsMapLayerAction] = {}
        self.action_selected: Optional[QAction] = None
        self.installed = False

    # --- lifecycle -------------------------------------------------------------------------

    def install(self) -> None:
        self.installed = True
        if self.iface is not None:
            self.action_selected = QAction(
                tr("Retask like the selected footprint…"), self.iface.mainWindow()
            )
            self.action_selected.setObjectName("mActionCapellaRetaskSelected")
            # Registered for no layer type: added to each footprint layer as it comes.
            self.iface.addCustomActionForLayerType(
                self.action_selected, "", QgsMapLayerType.VectorLayer, False
            )
            self.action_selected.triggered.connect(
                as_slot(lambda _checked=False: self.retask_current())
            )
        project = QgsProject.instance()
        project.layersAdded.connect(self._on_layers_added)
        self._on_layers_added(list(project.mapLayers().values()))

    def unload(self) -> None:
        self.installed = False
        self.tasks.shutdown()
        self.retasker.close()
        self.messages.clear()
        with contextlib.suppress(TypeError, RuntimeError):
            QgsProject.instance().layersAdded.disconnect(self._on_layers_added)
        registry = QgsGui.mapLayerActionRegistry()
        for action in self.layer_actions.values():
            with contextlib.suppress(RuntimeError):
                registry.removeMapLayerAction(action)
                action.deleteLater()
        self.layer_actions = {}
        if self.action_selected is not None:
            if self.iface is not None:
                self.iface.removeCustomActionForLayerType(self.action_selected)
            self.action_selected.deleteLater()
            self.action_selected = None

    # --- layers ----------------------------------------------------------------------------

    def _on_layers_added(self, layers: list[QgsMapLayer]) -> None:
        if not self.installed or not layers:
            return
        footprints = _footprints()
        registry = QgsGui.mapLayerActionRegistry()
        for layer in layers:
            if not footprints.is_footprint_layer(layer) or layer.id() in self.layer_actions:
                continue
            action = QgsMapLayerAction(
                tr("Retask like this…"), self, layer, _single_feature_target()
            )
            action.triggeredForFeature.connect(as_slot(self.retask_feature))
            registry.addMapLayerAction(action)
            self.layer_actions[layer.id()] = action
            if self.iface is not None and self.action_selected is not None:
                self.iface.addCustomActionForLayer(self.action_selected, layer)

    # --- retask ----------------------------------------------------------------------------

    def retask_current(self) -> Optional[RetaskDialog]:
        """The layer tree entry: the first selected footprint of the active layer."""
        layer = self.iface.activeLayer() if self.iface is not None else None
        if not isinstance(layer, QgsVectorLayer) or not _footprints().is_footprint_layer(layer):
            self.retasker.message(tr("Select a Capella footprint layer first."), "Warning")
            return None
        features = list(layer.getSelectedFeatures())
        if not features:
            self.retasker.message(tr("Select the footprint to retask first."), "Warning")
            return None
        return self.retask_feature(layer, features[0])

    def retask_feature(self, layer: Any, feature: QgsFeature) -> Optional[RetaskDialog]:
        """Ask for the overrides of a request like this footprint's collect."""
        collect_id = _value(feature, "collect_id")
        if not collect_id:
            self.retasker.message(
                tr("This footprint has no collect id: it cannot be retasked."), "Warning"
            )
            return None
        look = _value(feature, "look_angle")
        parent = self.iface.mainWindow() if self.iface is not None else None
        return self.retasker.ask(
            parent,
            source=str(_value(feature, "stac_id") or collect_id),
            collect_id=str(collect_id),
            look_angle=float(look) if look is not None else None,
        )

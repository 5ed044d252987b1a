"""Tasking controller: Web › Capella actions, AOI map tools, the form, the archive footprints
and the opportunities of the AOI, contracts and creation."""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsRubberBand
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QObject, QPoint, QRect, QSize, pyqtSignal
from qgis.PyQt.QtGui import QColor

from capella_qgis.gui.aoi.maptool_aoi import AoiMapTool
from capella_qgis.gui.tasking.params import MODE_TASKING
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_base import TaskRunner
from capella_qgis.toolbelt.compat import QT_TRANSLATE_NOOP, QAction, as_slot, message_level, tr
from capella_qgis.toolbelt.log import MessageItems, push_message
from capella_qgis.toolbelt.paths import footprint_storage_path

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.core.models.access import AccessRequestCreate, OpportunityResult
    from capella_qgis.gui.tasking.dlg_tasking import Request, TaskingDialog
    from capella_qgis.tasks.task_search import SearchOutcome, SearchTask
    from capella_qgis.tasks.task_tasking import (
        CheckOpportunitiesTask,
        CreateRequestTask,
        FetchContractsTask,
    )

LOGGER = logging.getLogger(__name__)
MENU = "&Capella"
#: Layer-tree group of what the tasking form puts on the map (archive footprints, passes).
TASKING_GROUP = QT_TRANSLATE_NOOP("@default", "Capella tasking")
#: Archive captures of the AOI looked up when the form opens (the catalog's usual page).
ARCHIVE_LIMIT = 500
#: Screen pixels kept free around the AOI when the form is placed beside it.
PLACEMENT_MARGIN = 24


def place_beside(size: QSize, target: QRect, area: QRect, margin: int = PLACEMENT_MARGIN) -> QPoint:
    """Top-left corner for a window of ``size`` inside ``area`` that leaves ``target`` (screen
    pixels) visible: right of it, else left, below, above; when nothing fits, the side that
    hides the least of it."""
    free = target.adjusted(-margin, -margin, margin, margin)

    def clamp(x: int, y: int) -> QPoint:
        x = max(area.left(), min(x, area.right() - size.width() + 1))
        y = max(area.top(), min(y, area.bottom() - size.height() + 1))
        return QPoint(x, y)

    middle_y = target.center().y() - size.height() // 2
    middle_x = target.center().x() - size.width() // 2
    candidates = [
        clamp(free.right() + 1, middle_y),
        clamp(free.left() - size.width(), middle_y),
        clamp(middle_x, free.bottom() + 1),
        clamp(middle_x, free.top() - size.height()),
    ]

    def hidden(corner: QPoint) -> int:
        overlap = QRect(corner, size).intersected(target)
        return overlap.width() * overlap.height() if not overlap.isEmpty() else 0

    for corner in candidates:
        if not QRect(corner, size).intersects(free):
            return corner
    return min(candidates, key=hidden)


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
        # A tool whose drawing is done, still the canvas' tool until its mouse release.
        self._releasing: Optional[AoiMapTool] = None
        self.dialog: Optional[TaskingDialog] = None
        self.contracts_task: Optional[FetchContractsTask] = None
        self.create_task: Optional[CreateRequestTask] = None
        self.opportunities_task: Optional[CheckOpportunitiesTask] = None
        self.archive_task: Optional[SearchTask] = None
        # The form's AOI on the map while the form is open.
        self.aoi_band: Optional[QgsRubberBand] = None
        # What the current form put on the map (archive footprints, passes), by layer id.
        self.archive_layer_id = ""
        self.opportunities_layer_id = ""
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
        if self._releasing is not None:
            self._retire(self._releasing)
        # The form's submission would report to this controller and the deleted dock.
        self.tasks.shutdown()
        self.contracts_task = self.create_task = None
        self.opportunities_task = self.archive_task = None
        self._drop_band()
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
        tool, self.tool = self.tool, None
        if tool is not None:
            self._retire(tool)

    def _retire(self, tool: AoiMapTool) -> None:
        """Give the canvas its previous tool back and delete ``tool``."""
        if self._releasing is tool:
            self._releasing = None
        canvas = self.iface.mapCanvas()
        if canvas.mapTool() is tool:
            canvas.unsetMapTool(tool)
            if self._previous_tool is not None:
                canvas.setMapTool(self._previous_tool)
        tool.clean()
        tool.deleteLater()

    def _on_drawn(self, geometry: QgsGeometry) -> None:
        crs = self.iface.mapCanvas().mapSettings().destinationCrs()
        tool, self.tool = self.tool, None
        if tool is not None and tool.awaiting_release:
            # The click that finished the drawing is still down. Its release must not reach
            # the previous tool: QGIS' pan tool centres the map on a click, which moved the
            # target under the form (#14). The tool is retired once it has that release.
            self._releasing = tool
            tool.released.connect(lambda: self._retire(tool))
        elif tool is not None:
            self._retire(tool)
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
        dialog.opportunitiesRequested.connect(
            as_slot(lambda request: self.check_opportunities(dialog, request))
        )
        dialog.opportunitiesCancelled.connect(self.cancel_opportunities)
        dialog.opportunitiesSelected.connect(self.select_opportunities)
        dialog.finished.connect(lambda _result: self._on_form_closed(dialog))
        self._on_form_closed(self.dialog)
        self.dialog = dialog
        self.archive_layer_id = self.opportunities_layer_id = ""
        dialog.show()
        if self.iface is not None:
            self.place_form(dialog)
            self._show_band(dialog)
            self.search_archive(dialog)
        if contracts is None:
            self.fetch_contracts(dialog)
        return dialog

    def _on_form_closed(self, dialog: Optional[TaskingDialog]) -> None:
        """A closed form's AOI leaves the map; its opportunity check is no longer wanted."""
        if dialog is None or dialog is not self.dialog:
            return
        self._drop_band()
        self.tasks.discard(self.opportunities_task)
        self.opportunities_task = None

    # --- placement and the AOI on the map ---------------------------------------------------

    def _aoi_on_screen(self, dialog: TaskingDialog) -> Optional[QRect]:
        """The form's AOI in global screen pixels (None when it has none)."""
        from capella_qgis.aoi.checks import WGS84

        geometry = dialog.aoi.geometry if dialog.aoi.ok else None
        if geometry is None or geometry.isNull():
            return None
        canvas = self.iface.mapCanvas()
        to_canvas = QgsCoordinateTransform(
            WGS84, canvas.mapSettings().destinationCrs(), QgsProject.instance()
        )
        try:
            box = to_canvas.transformBoundingBox(geometry.boundingBox())
        except Exception:  # outside the canvas CRS' area of use: nothing to keep free
            return None
        pixels = canvas.getCoordinateTransform()
        corners = [
            pixels.transform(box.xMinimum(), box.yMaximum()),
            pixels.transform(box.xMaximum(), box.yMinimum()),
        ]
        top_left = canvas.mapToGlobal(QPoint(int(corners[0].x()), int(corners[0].y())))
        bottom_right = canvas.mapToGlobal(QPoint(int(corners[1].x()), int(corners[1].y())))
        return QRect(top_left, bottom_right).normalized()

    def place_form(self, dialog: TaskingDialog) -> None:
        """Move the form beside its AOI (Qt centres it on the window: over the map's middle)."""
        target = self._aoi_on_screen(dialog)
        if target is None:
            return
        canvas = self.iface.mapCanvas()
        screen = canvas.screen() if hasattr(canvas, "screen") else None
        area = screen.availableGeometry() if screen is not None else None
        if area is None or area.isEmpty():
            return
        # A form taller or wider than the screen is brought within it first (as far as its
        # minimum size allows).
        frame = dialog.frameGeometry().size()
        border = frame - dialog.size()
        if frame.width() > area.width() or frame.height() > area.height():
            fitted = frame.boundedTo(area.size()) - border
            dialog.resize(fitted.expandedTo(dialog.minimumSizeHint()))
        # move() places a window's frame, title bar included: the frame's size is what fits.
        dialog.move(place_beside(dialog.frameGeometry().size(), target, area))

    def _show_band(self, dialog: TaskingDialog) -> None:
        """The form's AOI drawn on the map while the form is open (the tool's drawing is gone)."""
        from capella_qgis.aoi.checks import WGS84

        self._drop_band()
        geometry = dialog.aoi.geometry if dialog.aoi.ok else None
        if geometry is None:
            return
        point = geometry.type() == QgsWkbTypes.GeometryType.PointGeometry
        kind = (
            QgsWkbTypes.GeometryType.PointGeometry
            if point
            else QgsWkbTypes.GeometryType.PolygonGeometry
        )
        band = QgsRubberBand(self.iface.mapCanvas(), kind)
        band.setColor(QColor(255, 120, 0, 230))
        band.setFillColor(QColor(255, 120, 0, 50))
        band.setWidth(2)
        if point:
            band.setIcon(QgsRubberBand.IconType.ICON_CIRCLE)
            band.setIconSize(12)
        band.setToGeometry(geometry, QgsCoordinateReferenceSystem(WGS84))
        self.aoi_band = band

    def _drop_band(self) -> None:
        band, self.aoi_band = self.aoi_band, None
        if band is not None and not sip.isdeleted(band):
            band.reset()
            scene: Any = band.scene()
            if scene is not None:
                scene.removeItem(band)

    # --- the archive: what can be bought instead of tasked ---------------------------------

    def search_archive(self, dialog: TaskingDialog) -> Optional[SearchTask]:
        """Search the catalog for the AOI; its footprints go on the map and the count on the
        form (nobody should task what can be bought)."""
        from capella_qgis.core.exceptions import CapellaError
        from capella_qgis.core.search.query import CatalogQuery
        from capella_qgis.footprints.layer import unique_layer_name
        from capella_qgis.tasks.task_search import SearchTask

        if not dialog.aoi.ok:
            return None
        try:
            query = CatalogQuery(intersects=dialog.aoi.geojson(7), limit=ARCHIVE_LIMIT)
        except CapellaError as exc:
            dialog.show_archive_failure(exc.message)
            return None
        path = footprint_storage_path()
        name = unique_layer_name(path, "capella_archive")
        target = dialog.target_name()
        task = self.tasks.run(
            SearchTask,
            query,
            path,
            name,
            client=self.clients,
            on_success=lambda outcome: self._archive_done(dialog, outcome, target),
            on_error=lambda message: self._archive_failed(dialog, message),
        )
        self.archive_task = task
        if task is not None:
            dialog.set_archive_searching()
        return task

    def _archive_done(self, dialog: TaskingDialog, outcome: SearchOutcome, target: str) -> None:
        from capella_qgis.footprints.layer import add_footprint_layer, load_footprint_layer
        from capella_qgis.footprints.summary import RESULT_FIELDS

        self.archive_task = None
        output = outcome.output
        layer_name = tr("Archive: {target}").format(target=target)
        captures = 0
        if output is not None:
            try:
                layer = load_footprint_layer(output, add_to_project=False)
            except Exception as exc:  # OSError from OGR: said on the form, never a traceback
                LOGGER.error("Cannot load the archive footprints: %s", exc)
                self._archive_failed(dialog, str(exc))
                return
            layer.setName(layer_name)
            add_footprint_layer(layer, group_name=tr(TASKING_GROUP))
            if dialog is self.dialog:
                self.archive_layer_id = layer.id()
            summary = output.summary
            if summary is not None:
                # One capture (collect) is sold as several products (GEO, SLC, …).
                column = RESULT_FIELDS.index("collect_id")
                captures = len({row[column] for row in summary.rows if row[column]})
        if not sip.isdeleted(dialog):
            dialog.show_archive(
                outcome.count, captures or outcome.count, outcome.number_matched or 0, layer_name
            )

    def _archive_failed(self, dialog: TaskingDialog, message: str) -> None:
        self.archive_task = None
        LOGGER.info("Archive search for the tasking form failed: %s", message)
        if not sip.isdeleted(dialog):
            dialog.show_archive_failure(message)

    # --- opportunities ---------------------------------------------------------------------

    def check_opportunities(
        self, dialog: TaskingDialog, request: AccessRequestCreate
    ) -> Optional[CheckOpportunitiesTask]:
        """Run the access request in a task; the passes go on the map and the groups on the
        form."""
        from capella_qgis.tasks.task_tasking import CheckOpportunitiesTask

        self.tasks.discard(self.opportunities_task)
        target = dialog.target_name()
        task = self.tasks.run(
            CheckOpportunitiesTask,
            request,
            client=self.clients,
            on_success=lambda result: self._opportunities_done(dialog, result, target),
            on_error=lambda message: self._opportunities_failed(dialog, message),
        )
        self.opportunities_task = task
        if task is not None:
            task.statusChanged.connect(dialog.show_opportunities_status)
        return task

    def cancel_opportunities(self) -> None:
        self.tasks.cancel(self.opportunities_task)

    def _opportunities_done(
        self, dialog: TaskingDialog, result: OpportunityResult, target: str
    ) -> None:
        from capella_qgis.footprints.layer import add_footprint_layer
        from capella_qgis.opportunities.layer import opportunities_layer

        self.opportunities_task = None
        layer_name = ""
        if result.opportunities:
            layer_name = tr("Opportunities: {target}").format(target=target)
            layer = opportunities_layer(result, name=layer_name)
            if dialog is self.dialog:
                # A new check of the same form replaces its passes; earlier forms' stay.
                self._remove_layer(self.opportunities_layer_id)
                self.opportunities_layer_id = layer.id()
            # Any layer: added at the top of the group, as the archive's footprints are.
            add_footprint_layer(layer, group_name=tr(TASKING_GROUP))
        if not sip.isdeleted(dialog):
            dialog.show_opportunities(result, layer_name)

    def _opportunities_failed(self, dialog: TaskingDialog, message: str) -> None:
        self.opportunities_task = None
        if not sip.isdeleted(dialog):
            dialog.show_opportunities_failure(message)

    @property
    def opportunities_layer(self) -> Optional[QgsVectorLayer]:
        layer = QgsProject.instance().mapLayer(self.opportunities_layer_id)
        return layer if isinstance(layer, QgsVectorLayer) else None

    @property
    def archive_layer(self) -> Optional[QgsVectorLayer]:
        layer = QgsProject.instance().mapLayer(self.archive_layer_id)
        return layer if isinstance(layer, QgsVectorLayer) else None

    def select_opportunities(self, access_ids: list[str]) -> None:
        """Select the passes of the group or pass chosen on the form, on the map."""
        layer = self.opportunities_layer
        if layer is None or "access_id" not in layer.fields().names():
            return
        wanted = set(access_ids)
        layer.selectByIds([f.id() for f in layer.getFeatures() if f["access_id"] in wanted])

    @staticmethod
    def _remove_layer(layer_id: str) -> None:
        if layer_id and QgsProject.instance().mapLayer(layer_id) is not None:
            with contextlib.suppress(RuntimeError):
                QgsProject.instance().removeMapLayer(layer_id)

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

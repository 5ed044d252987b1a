"""Search feature controller: dock, Web › Capella menu action, search/thumbnail tasks, layers."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import QgsLayerTreeLayer, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QObject, Qt, pyqtSignal

from capella_qgis.footprints.style import STYLE_FIELDS
from capella_qgis.gui.search.dock_search import SearchDock
from capella_qgis.gui.search.thumbnail_filler import ThumbnailFiller
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_base import TaskRunner
from capella_qgis.toolbelt.compat import QT_TRANSLATE_NOOP, QAction, as_slot, message_level, tr
from capella_qgis.toolbelt.log import MessageItems, push_message
from capella_qgis.toolbelt.paths import footprint_storage_path, plugin_icon

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.core.search.query import CatalogQuery
    from capella_qgis.footprints.schema import FootprintOutput, FootprintSummary
    from capella_qgis.tasks.task_search import SearchOutcome, SearchTask
    from capella_qgis.tasks.task_thumbnails import QuicklookTask

LOGGER = logging.getLogger(__name__)
MENU = "&Capella"
SEARCH_GROUP = QT_TRANSLATE_NOOP("@default", "Capella searches")
QUICKLOOK_GROUP = QT_TRANSLATE_NOOP("@default", "Capella quick-looks")


class SearchController(QObject):
    """Owns the search dock and its tasks; ``plugin.py`` calls ``install()`` / ``unload()``.

    Tasks go through ``self.tasks`` (one runner), clients come from the injected ``clients``
    factory; the dock only emits signals.
    """

    NAME = "search"

    # The selected footprints of a search layer are to be ordered (the plugin links this to
    # the orders controller by name).
    orderRequested = pyqtSignal(object)  # QgsVectorLayer

    def __init__(
        self, iface: Any, mode: str = "parallel", *, clients: Optional[ClientFactory] = None
    ) -> None:
        super().__init__()
        self.iface = iface
        self.mode = mode
        self.clients = clients or ClientFactory()
        self.dock: Optional[SearchDock] = None
        self.action: Optional[QAction] = None
        self.task: Optional[SearchTask] = None
        self.thumb_task: Optional[QuicklookTask] = None
        # Search and quick-look tasks, cancelled and detached on unload.
        self.tasks = TaskRunner()
        self.messages = MessageItems(iface)
        # Map-tip thumbnails: one lazy filler per footprint layer in the project (by layer id).
        self.fillers: dict[str, ThumbnailFiller] = {}
        self.layer: Optional[QgsVectorLayer] = None
        # The running search's layer, in the project since its first page was written; it
        # grows with the GeoPackage until the search ends (then it becomes ``self.layer``).
        self.growing: Optional[QgsVectorLayer] = None
        self._growing_removed = False  # the user removed it: not added again mid-search
        # What the search task read back from the layer's GeoPackage (style values, rows).
        self.summary: Optional[FootprintSummary] = None
        self.last_outcome: Optional[SearchOutcome] = None
        self.last_error = ""

    # --- lifecycle -------------------------------------------------------------------------

    def install(self) -> None:
        self.dock = SearchDock(self.iface.mapCanvas(), self.iface.mainWindow())
        self.dock.searchRequested.connect(as_slot(self.start_search))
        self.dock.cancelRequested.connect(self.cancel)
        self.dock.exportRequested.connect(as_slot(self.export))
        self.dock.quicklookRequested.connect(as_slot(self.add_quicklooks))
        self.dock.orderRequested.connect(self._order_selected)
        self.dock.styleChanged.connect(self._restyle)
        self.dock.zoomRequested.connect(self.zoom_to)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.action = QAction(plugin_icon(), tr("Catalog search"), self.iface.mainWindow())
        self.action.setObjectName("capellaCatalogSearch")
        self.action.setCheckable(True)
        self.action.toggled.connect(self.dock.setVisible)
        self.dock.visibilityChanged.connect(self.action.setChecked)
        self.iface.addPluginToWebMenu(tr(MENU, "CapellaPlugin"), self.action)
        project = QgsProject.instance()
        project.layersAdded.connect(self._attach_fillers)
        project.layersWillBeRemoved.connect(self._detach_fillers)
        self._attach_fillers(list(project.mapLayers().values()))

    def unload(self) -> None:
        # Cancelled and detached: a search ending later loads no layer and reports nothing.
        self.tasks.shutdown()
        self.task = self.thumb_task = None
        self.messages.clear()
        project = QgsProject.instance()
        for signal, slot in (
            (project.layersAdded, self._attach_fillers),
            (project.layersWillBeRemoved, self._detach_fillers),
        ):
            with contextlib.suppress(TypeError, RuntimeError):
                signal.disconnect(slot)
        self._detach_fillers(list(self.fillers))
        if self.action is not None:
            self.iface.removePluginWebMenu(tr(MENU, "CapellaPlugin"), self.action)
            self.action.deleteLater()
            self.action = None
        if self.dock is not None:
            self.dock.stop_drawing()
            self.dock.results.set_layer(None)
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None

    def _attach_fillers(self, layers: list[Any], *, written_here: bool = False) -> None:
        """Fill the map-tip thumbnails of every footprint layer (new searches, reloads).

        A search's growing layer gets its filler when the search ends: its scans of the
        features in view (worker threads, GIL-bound) made the UI thread wait mid-search (#20).
        """
        if not layers:  # install() with an empty project: no need to load the layer module
            return
        from capella_qgis.footprints.layer import is_footprint_layer

        canvas = self.iface.mapCanvas()
        growing = self.growing.id() if self.growing is not None else None
        for layer in layers:
            if canvas is None or layer.id() in self.fillers or layer.id() == growing:
                continue
            if is_footprint_layer(layer):
                self.fillers[layer.id()] = ThumbnailFiller(
                    canvas, layer, clients=self.clients, unsign_stored=not written_here, parent=self
                )

    def _detach_fillers(self, layers: list[Any]) -> None:
        for layer in layers:
            layer_id = layer if isinstance(layer, str) else layer.id()
            filler = self.fillers.pop(layer_id, None)
            if filler is not None:
                filler.close()
                filler.deleteLater()

    @staticmethod
    def _safe_cancel(task: Any) -> None:
        with contextlib.suppress(RuntimeError):  # already deleted by the task manager
            task.cancel()

    # --- search ----------------------------------------------------------------------------

    def start_search(self, query: CatalogQuery) -> Optional[SearchTask]:
        from capella_qgis.footprints.layer import unique_layer_name
        from capella_qgis.tasks.task_search import SearchTask

        if self.task is not None:
            return None
        path = footprint_storage_path()
        name = unique_layer_name(path)
        self.last_error = ""
        self.growing = None
        self._growing_removed = False
        task = self.tasks.run(
            SearchTask,
            query,
            path,
            name,
            client=self.clients,
            mode=self.mode,
            layer_style=self.dock.style_by() if self.dock else "product_type",
            name_layer=self._display_name,
            on_success=self._search_done,
            on_error=self._search_failed,
        )
        self.task = task
        if task is not None:
            task.layerOpened.connect(self._search_opened)
            task.pagesWritten.connect(self._search_grew)
        if task is not None and self.dock is not None:
            task.pagesFetched.connect(self.dock.show_pages)
            self.dock.set_running(True)
            self.dock.set_status(tr("Searching…"))
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self._safe_cancel(self.task)

    @staticmethod
    def _display_name(layer_name: str) -> str:
        return tr("Capella search {n}").format(n=layer_name[-15:])

    def _search_opened(self, layer: QgsVectorLayer) -> None:
        """The task opened the first pages' layer: show it (adding it is all the UI does)."""
        from capella_qgis.footprints.layer import add_footprint_layer

        if self.task is None or self._growing_removed or self.growing is not None:
            return  # a late signal, or not wanted: Python frees the layer
        self.growing = layer  # before it is added: no map-tip filler while it grows
        add_footprint_layer(layer, group_name=tr(SEARCH_GROUP))

    def _search_grew(self, output: FootprintOutput) -> None:
        """The search committed more pages: show its layer from the first one, then refresh."""
        from capella_qgis.footprints.layer import add_footprint_layer, load_footprint_layer
        from capella_qgis.footprints.schema import FootprintSummary

        if self.task is None or self._growing_removed:  # a late signal, or not wanted
            return
        if self.growing is not None:
            try:
                # A repaint only: the provider reads the committed rows afresh. reload()
                # re-opens the GeoPackage on this thread (up to ~150 ms mid-search); the count
                # and extent are brought up to date once, when the search ends.
                self.growing.triggerRepaint()
            except RuntimeError:  # the user removed the layer (its C++ side is gone)
                self.growing, self._growing_removed = None, True
            return
        # Every known category and "other": no scan of the values now; the final style
        # (values read by the task, off the UI thread) replaces it when the search ends.
        interim = FootprintSummary(style_values={name: [] for name in STYLE_FIELDS.values()})
        try:
            layer = load_footprint_layer(
                dataclasses.replace(output, summary=interim),
                style=self.dock.style_by() if self.dock else "product_type",
                add_to_project=False,
            )
        except Exception as exc:  # the whole layer is loaded at the end anyway
            LOGGER.warning("Cannot show the first results yet: %s", exc)
            return
        layer.setName(self._display_name(output.layer_name))
        self.growing = layer
        add_footprint_layer(layer, group_name=tr(SEARCH_GROUP))

    @staticmethod
    def _reload(layer: QgsVectorLayer) -> None:
        # The provider re-reads the feature count and extent the writer committed.
        layer.reload()
        layer.updateExtents()
        layer.triggerRepaint()

    def _finish_layer(self, output: FootprintOutput) -> QgsVectorLayer:
        """The search's layer, complete: the growing one brought up to date, or loaded now."""
        from capella_qgis.footprints.layer import load_footprint_layer
        from capella_qgis.footprints.style import apply_style, apply_temporal

        dock = self.dock
        style = dock.style_by() if dock else "product_type"
        layer, self.growing = self.growing, None
        summary = output.summary
        if layer is not None and summary is not None:
            with contextlib.suppress(RuntimeError):  # RuntimeError: the user removed it
                self._reload(layer)
                apply_style(layer, style, values=summary.style_values.get(STYLE_FIELDS[style]))
                apply_temporal(layer, time_range_complete=summary.time_range_complete)
                self._attach_fillers([layer], written_here=True)
                return layer
        layer = load_footprint_layer(output, style=style, group_name=tr(SEARCH_GROUP))
        layer.setName(self._display_name(output.layer_name))
        return layer

    def _show_layer(self, output: FootprintOutput) -> bool:
        try:
            layer = self._finish_layer(output)
        except Exception as exc:  # OSError from OGR, never a traceback in the GUI
            LOGGER.error("Cannot load the footprint layer: %s", exc)
            self._report(tr("The results could not be loaded: {e}").format(e=exc), True)
            return False
        self.layer = layer
        self.summary = summary = output.summary
        if self.dock is not None:
            rows = (summary.fids, summary.rows) if summary is not None else None
            self.dock.show_results(layer, rows)
        return True

    def _drop_growing(self) -> None:
        layer, self.growing = self.growing, None
        if layer is not None:
            with contextlib.suppress(RuntimeError):  # the user removed it already
                QgsProject.instance().removeMapLayer(layer.id())

    def _search_done(self, outcome: SearchOutcome) -> None:
        self.task = None
        self.last_outcome = outcome
        dock = self.dock
        if dock is not None:
            dock.set_running(False)
        if outcome.output is None:
            self._drop_growing()
            if dock is not None:
                dock.show_results(None, None)
        elif not self._show_layer(outcome.output):
            return
        self._report(outcome.summary(), outcome.partial)

    def _search_failed(self, message: str) -> None:
        task, self.task = self.task, None
        self.last_error = message
        if self.dock is not None:
            self.dock.set_running(False)
        # Set once the map showed the first page (the task signalled it before it ended).
        kept = getattr(task, "kept", None)
        if kept is None:
            self._drop_growing()  # the task removed what it had written
        elif self._show_layer(kept):
            # The results the user already saw stay, as a partial result.
            message = tr("{message}: the {count} results received were kept.").format(
                message=message.rstrip("."), count=kept.feature_count
            )
        self._report(message, error=True)

    def _report(self, text: str, error: bool = False) -> None:
        dock = self.dock
        if dock is not None:
            dock.set_status(text, error=error)
            # The dock in view says it: a message bar item moves the map down (a re-render of
            # every layer) and back 5 s later, which froze QGIS 0.1-0.2 s each time (#20).
            if not error and dock.isVisible():
                return
        level = message_level("Warning" if error else "Info")
        push_message(tr("Capella search"), text, level, iface=self.iface, items=self.messages)

    # --- results actions -------------------------------------------------------------------

    def _restyle(self, style: str) -> None:
        from capella_qgis.footprints.layer import apply_style

        if self.layer is not None:
            # The search read every style's values off-thread: no layer scan on the UI thread.
            summary = self.summary
            values = summary.style_values.get(STYLE_FIELDS.get(style, "")) if summary else None
            apply_style(self.layer, style, values=values)
            self.layer.triggerRepaint()

    def zoom_to(self, fid: int) -> None:
        if self.layer is not None:
            self.iface.mapCanvas().zoomToFeatureIds(self.layer, [fid])
            self.iface.mapCanvas().refresh()

    def export(self, path: str) -> Optional[Path]:
        from capella_qgis.footprints.layer import export_feature_collection

        if self.layer is None:
            self._report(tr("Run a search first; there is nothing to export."), True)
            return None
        selected = bool(self.layer.selectedFeatureCount())
        target = export_feature_collection(self.layer, path, selected_only=selected)
        self._report(tr("Exported to {path}.").format(path=target))
        return target

    def _order_selected(self) -> None:
        if self.layer is None or not self.layer.selectedFeatureCount():
            self._report(tr("Select the results to order first."), True)
            return
        if not self.receivers(self.orderRequested):
            self._report(tr("Ordering is not available."), True)
            return
        self.orderRequested.emit(self.layer)

    def add_quicklooks(self) -> Optional[QuicklookTask]:
        from capella_qgis.footprints.layer import items_from_layer
        from capella_qgis.tasks.task_thumbnails import QuicklookTask, ThumbnailJob

        if self.layer is None or not self.layer.selectedFeatureCount():
            self._report(tr("Select one or more results to add their quick-looks."), True)
            return None
        jobs = []
        for item in items_from_layer(self.layer, selected_only=True):
            href = (item.get("assets", {}).get("thumbnail") or {}).get("href")
            bbox = item.get("bbox")
            if href and bbox and len(bbox) >= 4:
                jobs.append(ThumbnailJob(item["id"], href, tuple(bbox[:4])))
        if not jobs:
            self._report(tr("The selected results have no thumbnail."), True)
            return None
        self.thumb_task = self.tasks.run(
            QuicklookTask,
            jobs,
            client=self.clients,
            on_success=self._quicklooks_done,
            on_error=self._report_error,
        )
        return self.thumb_task

    def _report_error(self, message: str) -> None:
        self._report(message, True)

    def _quicklooks_done(self, layers: dict[str, QgsRasterLayer]) -> None:
        """Put the layers the task opened into the quick-look group, in one change each."""
        self.thumb_task = None
        project = QgsProject.instance()
        root = project.layerTreeRoot()
        group_name = tr(QUICKLOOK_GROUP)
        group = root.findGroup(group_name) or root.insertGroup(0, group_name)
        added = project.addMapLayers(list(layers.values()), False)
        # One insertion, not one per layer: each one relays out the layer tree view.
        group.insertChildNodes(0, [QgsLayerTreeLayer(layer) for layer in reversed(added)])
        self._report(tr("{n} quick-looks added.").format(n=len(added)))

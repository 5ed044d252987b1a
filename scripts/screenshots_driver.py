"""Run inside QGIS by ``make screenshots`` (``qgis --code``): stage each documented view in turn.

Each step sets the view up, writes ``<name>.ready`` into CAPELLA_SHOT_DIR and waits for the
runner (``scripts/screenshots.py``) to take the screenshot and write ``<name>.done``.
CAPELLA_SHOT_STEPS lists the steps (comma separated); ``german`` reloads the plugin under the
German translation first.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import Any, Callable

import qgis.utils
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QTimer

SHOT_DIR = Path(os.environ["CAPELLA_SHOT_DIR"])
STEPS = [s for s in os.environ.get("CAPELLA_SHOT_STEPS", "").split(",") if s]
ROME = QgsRectangle(12.35, 41.80, 12.65, 42.00)
TASKING_AOI = "POLYGON((12.45 41.87, 12.53 41.87, 12.53 41.92, 12.45 41.92, 12.45 41.87))"
_state: dict[str, Any] = {"order_id": None}


def log(text: str) -> None:
    with open(SHOT_DIR / "driver.log", "a", encoding="utf-8") as fh:
        fh.write(text + "\n")


def plugin() -> Any:
    return qgis.utils.plugins.get("capella_qgis")


def controller(kind: str) -> Any:
    for c in plugin().controllers.values():
        if type(c).__name__ == kind:
            return c
    raise LookupError(kind)


def wait(condition: Callable[[], bool], then: Callable[[], None], timeout_s: float = 120) -> None:
    """Poll ``condition`` every 250 ms on the main thread, then call ``then``."""
    left = {"n": int(timeout_s * 4)}

    def poll() -> None:
        try:
            ok = condition()
        except Exception:  # keep polling through transient states
            ok = False
        if ok:
            QTimer.singleShot(1500, then)  # let the canvas render
        elif left["n"] > 0:
            left["n"] -= 1
            QTimer.singleShot(250, poll)
        else:
            log(f"timeout waiting in {then.__name__}")
            then()

    poll()


def ready(name: str, next_step: Callable[[], None]) -> None:
    """Tell the runner to take ``name``; continue when it has."""
    (SHOT_DIR / f"{name}.ready").write_text("ready\n", encoding="utf-8")
    log(f"{name} ready")
    wait(lambda: (SHOT_DIR / f"{name}.done").exists(), next_step, timeout_s=60)


def fill_screen() -> None:
    """No window manager under Xvfb: showMaximized() alone leaves the window small."""
    window = qgis.utils.iface.mainWindow()
    window.showMaximized()
    screen = QgsApplication.primaryScreen().geometry()
    window.setGeometry(screen)


def to_project(layer: Any) -> QgsRectangle:
    """A layer's extent in the project CRS."""
    project = QgsProject.instance()
    transform = QgsCoordinateTransform(layer.crs(), project.crs(), project)
    return transform.transformBoundingBox(layer.extent())


def show_aoi() -> None:
    """The tasking AOI as a red outline, as drawn with the map tool; footprints hidden."""
    project = QgsProject.instance()
    for layer in project.mapLayersByName("Tasking AOI"):
        project.removeMapLayer(layer.id())
    search = controller("SearchController")
    if search.layer is not None:
        node = project.layerTreeRoot().findLayer(search.layer.id())
        if node is not None:
            node.setItemVisibilityChecked(False)
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326", "Tasking AOI", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(TASKING_AOI))
    layer.dataProvider().addFeatures([feature])
    layer.renderer().setSymbol(
        QgsFillSymbol.createSimple(
            {"color": "255,0,0,40", "outline_color": "220,0,0", "outline_width": "0.8"}
        )
    )
    project.addMapLayer(layer)


def open_tasking_form(name: str) -> Any:
    """The tasking form for the AOI, placed over the right-hand docks so the map stays visible."""
    tasking = controller("TaskingController")
    canvas = qgis.utils.iface.mapCanvas()
    canvas.setExtent(QgsRectangle(12.30, 41.80, 12.68, 41.99))
    canvas.refresh()
    show_aoi()
    dialog = tasking.open_form(
        QgsGeometry.fromWkt(TASKING_AOI), QgsCoordinateReferenceSystem("EPSG:4326")
    )
    dialog.nameEdit.setText(name)
    screen = QgsApplication.primaryScreen().geometry()
    dialog.move(screen.width() - dialog.width() - 8, 150)
    return dialog


def close_dialogs() -> None:
    orders = controller("OrdersController")
    if orders.dialog is not None:
        orders.dialog.close()
    tasking = controller("TaskingController")
    if tasking.dialog is not None:
        tasking.dialog.close()


def hide_docks() -> None:
    for c in plugin().controllers.values():
        if getattr(c, "dock", None) is not None:
            c.dock.hide()
    if plugin().dock is not None:
        plugin().dock.hide()


# --- steps -------------------------------------------------------------------------------


def step_search(done: Callable[[], None]) -> None:
    search = controller("SearchController")
    canvas = qgis.utils.iface.mapCanvas()
    canvas.setExtent(ROME)
    canvas.refresh()
    search.dock.show()
    search.dock.raise_()
    search.dock.set_aoi_source("extent")
    search.dock.filters.limit.setValue(80)
    search.dock.request_search()
    wait(
        lambda: search.task is None and search.layer is not None,
        lambda: (canvas.setExtent(ROME), canvas.refresh(), ready("search", done)),
    )


def step_order_review(done: Callable[[], None]) -> None:
    search = controller("SearchController")
    orders = controller("OrdersController")
    layer = search.layer
    geo = [f.id() for f in layer.getFeatures() if f["product_type"] == "GEO"][:3]
    layer.selectByIds(geo)
    search.dock.orderButton.click()
    wait(
        lambda: orders.dialog is not None and orders.dialog.isVisible(),
        lambda: ready("order_review", done),
    )


def step_downloads(done: Callable[[], None]) -> None:
    orders = controller("OrdersController")
    dialog = orders.dialog
    holder: dict[str, Any] = {}
    on_submitted = orders._on_submitted

    def hook(order: Any) -> None:
        holder["order_id"] = order.order_id
        on_submitted(order)

    orders._on_submitted = hook  # the task binds the callback when it is created
    orders.submit(dialog.result.items, dialog.contract_id())
    dialog.close()

    def submitted() -> bool:
        return bool(holder.get("order_id"))

    def download() -> None:
        orders.dock.show()
        orders.dock.raise_()
        orders.download_order(holder["order_id"])
        wait(
            lambda: (
                any(
                    isinstance(lyr, QgsRasterLayer)
                    for lyr in QgsProject.instance().mapLayers().values()
                )
                and not any(_running(t) for t in orders.tasks)
            ),
            loaded,
            timeout_s=240,
        )

    def loaded() -> None:
        loaded_rasters = rasters()
        if loaded_rasters:
            extent = to_project(loaded_rasters[0])
            for lyr in loaded_rasters[1:]:
                extent.combineExtentWith(to_project(lyr))
            extent.scale(1.15)
            canvas = qgis.utils.iface.mapCanvas()
            canvas.setExtent(extent)
            canvas.refresh()
        orders.dock.refresh()
        ready("downloads", done)

    orders.dock.show()
    orders.dock.refresh()
    wait(submitted, download, timeout_s=60)


def rasters() -> list[QgsRasterLayer]:
    layers = QgsProject.instance().mapLayers().values()
    return [lyr for lyr in layers if isinstance(lyr, QgsRasterLayer)]


def _running(task: Any) -> bool:
    try:
        return task.status() not in (task.Complete, task.Terminated)
    except RuntimeError:
        return False


def step_tasking(done: Callable[[], None]) -> None:
    close_dialogs()
    dialog = open_tasking_form("Rome city centre")
    wait(lambda: dialog.isVisible(), lambda: ready("tasking", done))


def step_german(done: Callable[[], None]) -> None:
    """Reload the plugin with the German translation, then show the search dock and tasking."""
    from capella_qgis.toolbelt.i18n import install_translator

    log(f"German translator installed: {install_translator('de')}")
    qgis.utils.reloadPlugin("capella_qgis")
    fill_screen()

    def after_search() -> None:
        dialog = open_tasking_form("Rom, Innenstadt")
        wait(lambda: dialog.isVisible(), lambda: ready("german", done))

    search = controller("SearchController")
    canvas = qgis.utils.iface.mapCanvas()
    canvas.setExtent(ROME)
    search.dock.show()
    search.dock.set_aoi_source("extent")
    search.dock.filters.limit.setValue(80)
    search.dock.request_search()
    wait(lambda: search.task is None and search.layer is not None, after_search)


def step_tasking_opportunities(done: Callable[[], None]) -> None:
    """The tasking form on the Rome AOI: the archive's footprints and the opportunities layer
    on the map, the passes grouped in the form, the largest group's constraints pre-filled."""
    close_dialogs()
    hide_docks()
    project = QgsProject.instance()
    for layer in project.mapLayersByName("Tasking AOI"):
        project.removeMapLayer(layer.id())
    search = controller("SearchController")
    if search.layer is not None:
        node = project.layerTreeRoot().findLayer(search.layer.id())
        if node is not None:
            node.setItemVisibilityChecked(False)
    if not project.mapLayers():
        # Run on its own: QGIS shows its welcome page, not the map, until a layer is added.
        world = Path(QgsApplication.pkgDataPath()) / "resources" / "data" / "world_map.gpkg"
        project.addMapLayer(QgsVectorLayer(f"{world}|layername=countries", "World", "ogr"))
    tasking = controller("TaskingController")
    canvas = qgis.utils.iface.mapCanvas()
    form: dict[str, Any] = {}

    def open_form() -> None:
        # After the docks were hidden: the canvas has its final size, so the AOI stays where
        # the form was placed beside it.
        canvas.setExtent(QgsRectangle(12.22, 41.80, 12.76, 42.00))
        canvas.refresh()
        # The form finds the archive's captures and places itself beside the AOI.
        dialog = tasking.open_form(
            QgsGeometry.fromWkt(TASKING_AOI), QgsCoordinateReferenceSystem("EPSG:4326")
        )
        dialog.nameEdit.setText("Rome city centre")
        form["dialog"] = dialog
        wait(lambda: tasking.archive_task is None and tasking.contracts_task is None, check)

    def check() -> None:
        dialog = form["dialog"]
        dialog.check_opportunities()
        wait(lambda: dialog.opportunities.result is not None, chosen, timeout_s=120)

    def chosen() -> None:
        dialog = form["dialog"]
        dialog.opportunities.select_group(0)
        dialog.opportunities.apply_selected()
        qgis.utils.iface.layerTreeView().expandAll()
        wait(lambda: True, lambda: ready("tasking-opportunities", done))

    wait(lambda: canvas.width() > 800, open_form)  # the main window is laid out


STEP_FUNCS = {
    "search": step_search,
    "order_review": step_order_review,
    "downloads": step_downloads,
    "tasking": step_tasking,
    "tasking-opportunities": step_tasking_opportunities,
    "german": step_german,
}


def run(index: int = 0) -> None:
    if index >= len(STEPS):
        (SHOT_DIR / "finished").write_text("ok\n", encoding="utf-8")
        return
    name = STEPS[index]
    log(f"step {name}")
    try:
        STEP_FUNCS[name](lambda: run(index + 1))
    except Exception:
        log(traceback.format_exc())
        run(index + 1)


def start(tries: int = 0) -> None:
    p = plugin()
    if p is None or getattr(p, "dock", None) is None or len(p.controllers) < 2:
        if tries < 240:
            QTimer.singleShot(500, lambda: start(tries + 1))
        else:
            log("the plugin did not load")
            (SHOT_DIR / "finished").write_text("plugin not loaded\n", encoding="utf-8")
        return
    fill_screen()
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    hide_docks()
    log(f"QGIS {QgsApplication.applicationVersion()} started")
    QTimer.singleShot(1500, run)


QTimer.singleShot(1500, start)

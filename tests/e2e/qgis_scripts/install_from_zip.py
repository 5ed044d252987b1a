"""Run inside real QGIS (``qgis --code``): install the zip as the Plugin Manager does, then act
as a user would on what appears. Writes a JSON report; the test asserts on it."""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path

import pyplugin_installer
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QPushButton, QTextBrowser
from qgis.utils import iface, plugins

ZIP = os.environ["CAPELLA_E2E_ZIP"]
RESULT = Path(os.environ["CAPELLA_E2E_RESULT"])
SHOTS = Path(os.environ["CAPELLA_E2E_SHOTS"])
PACKAGE = "capella_qgis"
report: dict = {"steps": []}


def step(name: str) -> None:
    report["steps"].append(name)
    RESULT.write_text(json.dumps(report, indent=1))


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QgsApplication.processEvents()
        time.sleep(0.02)


def wait_until(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QgsApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.05)
    return False


def shot(name: str) -> None:
    pump(0.3)
    QApplication.primaryScreen().grabWindow(0).save(str(SHOTS / f"{name}.png"))


def bar_items() -> list:
    return list(iface.messageBar().items())


def rendered_text(item) -> str:
    """What the user reads: the bar item's rendered text widget, not the string passed."""
    return " ".join(b.toPlainText() for b in item.findChildren(QTextBrowser))


def plugin_class() -> str:
    return type(plugins.get(PACKAGE)).__name__


def main() -> None:
    iface.mainWindow().setGeometry(0, 0, 1400, 1000)  # Xvfb has no window manager
    pump(1.0)
    step("install-from-zip")
    pyplugin_installer.instance().installFromZipFile(ZIP)
    pump(1.0)
    report["after_install_class"] = plugin_class()
    report["bar_texts"] = [rendered_text(item) for item in bar_items()]
    shot("1-stand-in")
    buttons = [
        b
        for item in bar_items()
        for b in item.findChildren(QPushButton)
        if b.objectName() == "CapellaInstallPackages"
    ]
    report["install_buttons"] = len(buttons)
    if not buttons:
        return
    step("click-install")
    buttons[0].click()
    wait_until(
        lambda: any(
            w.objectName() == "CapellaInstallDependencies" and w.isVisible()
            for w in QApplication.topLevelWidgets()
        ),
        10,
    )
    pump(1.5)
    shot("2-installing")
    loaded = wait_until(lambda: plugin_class() == "CapellaPlugin", 300)
    report["loaded_after_install"] = loaded
    report["class_after_install"] = plugin_class()
    report["bar_texts_after"] = [rendered_text(item) for item in bar_items()]
    dialogs = [
        w for w in QApplication.topLevelWidgets() if w.objectName() == "CapellaInstallDependencies"
    ]
    report["dialogs_left_visible"] = sum(1 for d in dialogs if d.isVisible())
    shot("3-plugin-loaded")
    step("check-imports")
    import numpy
    import pydantic
    import shapely
    from osgeo import gdal_array

    report["modules"] = {
        "pydantic": pydantic.__file__,
        "pydantic_version": pydantic.VERSION,
        "shapely": shapely.__file__,
        "numpy": numpy.__file__,
        "numpy_version": numpy.__version__,
        "gdal_array": gdal_array.__file__,
    }
    report["gdal_array_roundtrip"] = int(gdal_array.OpenArray(numpy.ones((2, 3))).RasterXSize)
    # The wheel's GEOS beside the GEOS QGIS links: answers must be GEOS', not garbage.
    bowtie = shapely.from_wkt("POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))")
    report["shapely_bowtie"] = {
        "valid": bool(bowtie.is_valid),
        "reason": shapely.is_valid_reason(bowtie),
        "has_z": bool(bowtie.has_z),
        "geos": list(shapely.geos_version),
    }
    plugin = plugins[PACKAGE]
    plugin.action_dock.trigger()
    pump(0.5)
    report["dock_visible"] = plugin.dock.isVisible()
    shot("4-dock")
    step("search")
    report.update(search())


def search() -> dict:
    """A catalog search against the emulator with the plugin's own client (vendored httpx)."""
    import threading

    import capella_qgis.core.api.client as core_client
    from capella_qgis.toolbelt.network import build_client

    client = build_client()
    box: dict = {}

    def worker() -> None:
        try:
            box["count"] = len(client.catalog.search(bbox=[-180, -90, 180, 90], limit=5).items)
        except Exception as exc:
            box["search_error"] = repr(exc)

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    wait_until(lambda: not thread.is_alive(), 60)
    box["httpx_module"] = core_client.httpx.__name__
    box["httpx_file"] = core_client.httpx.__file__
    box["top_level_httpx"] = "httpx" in sys.modules
    box["plugin_file"] = sys.modules[PACKAGE].__file__
    return box


try:
    main()
except Exception:
    report["error"] = traceback.format_exc()
finally:
    report["done"] = True
    RESULT.write_text(json.dumps(report, indent=1))
    QTimer.singleShot(0, iface.mainWindow().close)
    QTimer.singleShot(8000, lambda: os._exit(0))

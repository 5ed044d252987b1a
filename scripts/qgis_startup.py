"""Run inside QGIS by ``make run`` (``qgis --code``): show the Capella dock and test the connection.

In headless runs (CAPELLA_RUN_MARKER set) the connection result is written to the marker file so
that ``scripts/run_qgis.py`` knows when to take the screenshot.
"""

from __future__ import annotations

import os
from pathlib import Path

import qgis.utils
from qgis.PyQt.QtCore import QTimer

_state = {"tries": 0}


def _write_marker(ok: bool, message: str) -> None:
    marker = os.environ.get("CAPELLA_RUN_MARKER")
    if marker:
        status = "connection OK" if ok else "connection FAILED"
        Path(marker).write_text(f"Plugin loaded, {status}: {message}\n", encoding="utf-8")


def _drive() -> None:
    plugin = qgis.utils.plugins.get("capella_qgis")
    if plugin is None or getattr(plugin, "dock", None) is None:
        _state["tries"] += 1
        if _state["tries"] < 240:
            QTimer.singleShot(500, _drive)
        else:
            _write_marker(False, "the plugin did not load (see the Python error dialog)")
        return
    window = qgis.utils.iface.mainWindow()
    window.showMaximized()
    # Without a window manager (Xvfb) showMaximized() alone leaves the window small.
    window.setGeometry(window.screen().availableGeometry())
    plugin.dock.show()
    plugin.dock.raise_()
    plugin.tester.finished.connect(
        lambda ok, msg: QTimer.singleShot(500, lambda: _write_marker(ok, msg))
    )
    plugin.dock.test_connection()


QTimer.singleShot(1500, _drive)

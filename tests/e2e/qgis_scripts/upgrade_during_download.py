"""Run inside real QGIS: install the plugin from its zip, start a download, install a newer
zip over it while the download runs, click Resume in the banner, wait for the file."""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path

import pyplugin_installer
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QPushButton, QTextBrowser
from qgis.utils import iface, plugins

ZIP, ZIP2 = os.environ["CAPELLA_E2E_ZIP"], os.environ["CAPELLA_E2E_ZIP2"]
ORDER = os.environ["CAPELLA_E2E_ORDER"]
FOLDER = Path(os.environ["CAPELLA_E2E_FOLDER"])
RESULT = Path(os.environ["CAPELLA_E2E_RESULT"])
SHOTS = Path(os.environ["CAPELLA_E2E_SHOTS"])
PACKAGE = "capella_qgis"
report: dict = {"steps": []}


def step(name: str) -> None:
    report["steps"].append(name)
    RESULT.write_text(json.dumps(report, indent=1))


def wait_until(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QgsApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.05)
    return False


def shot(name: str) -> None:
    wait_until(lambda: False, 0.3)
    QApplication.primaryScreen().grabWindow(0).save(str(SHOTS / f"{name}.png"))


def parts() -> dict:
    return {p.name: p.stat().st_size for p in FOLDER.rglob("*.part")}


def version() -> str:
    return sys.modules[f"{PACKAGE}.version"].__version__


def bar_buttons(text: str) -> list:
    return [
        button
        for item in iface.messageBar().items()
        for button in item.findChildren(QPushButton)
        if button.text().replace("&", "") == text
    ]


def main() -> None:
    iface.mainWindow().setGeometry(0, 0, 1400, 1000)  # Xvfb has no window manager
    QgsSettings().setValue("capella_qgis/download_folder", str(FOLDER))
    QgsSettings().setValue("capella_qgis/auto_load", False)
    step("install-first")
    pyplugin_installer.instance().installFromZipFile(ZIP)
    wait_until(lambda: False, 0.5)
    report["first_class"] = type(plugins.get(PACKAGE)).__name__
    report["first_version"] = version()
    orders = plugins[PACKAGE].controllers["orders"]
    step("download")
    orders.download_order(ORDER)
    report["part_started"] = wait_until(lambda: any(s > 300_000 for s in parts().values()), 60)
    report["parts_before_upgrade"] = parts()
    shot("1-downloading")
    step("upgrade")
    pyplugin_installer.instance().installFromZipFile(ZIP2)
    wait_until(lambda: False, 0.5)
    report["second_class"] = type(plugins.get(PACKAGE)).__name__
    report["second_version"] = version()
    report["parts_after_upgrade"] = parts()
    report["bar_texts"] = [
        " ".join(b.toPlainText() for b in item.findChildren(QTextBrowser))
        for item in iface.messageBar().items()
    ]
    shot("2-upgraded")
    resume = bar_buttons("Resume")
    report["resume_buttons"] = len(resume)
    if not resume:
        return
    step("resume")
    resume[0].click()
    done = wait_until(
        lambda: not parts() and QgsApplication.taskManager().countActiveTasks() == 0, 180
    )
    report["finished"] = done
    report["files"] = {
        str(p.relative_to(FOLDER)): p.stat().st_size for p in FOLDER.rglob("*") if p.is_file()
    }
    report["bar_texts_end"] = [
        " ".join(b.toPlainText() for b in item.findChildren(QTextBrowser))
        for item in iface.messageBar().items()
    ]
    shot("3-resumed")


try:
    main()
except Exception:
    report["error"] = traceback.format_exc()
finally:
    report["done"] = True
    RESULT.write_text(json.dumps(report, indent=1))
    QTimer.singleShot(0, iface.mainWindow().close)
    QTimer.singleShot(8000, lambda: os._exit(0))

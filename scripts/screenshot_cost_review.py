"""Screenshot of the tasking cost review: real QGIS under Xvfb against the emulator.

Run ``.venv/bin/python scripts/screenshot_cost_review.py``: it starts the emulator and Xvfb,
stages the plugin in a fresh profile and runs QGIS with this same file as ``--code``
(``CAPELLA_SHOT_DRIVER`` set). Inside QGIS the driver creates a tasking request over Rome,
lets the emulator price it, opens the cost dialog from the message-bar notification and writes
a marker; the runner then takes a full-screen ``import -window root`` screenshot into
``docs/screenshots/tasking-cost-review.png``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Callable

try:
    ROOT = Path(__file__).resolve().parent.parent
except NameError:  # exec'd by ``qgis --code``, where the driver needs no path of its own
    ROOT = Path.cwd()
OUT = ROOT / "docs" / "screenshots" / "tasking-cost-review.png"
WORK = ROOT / "build" / "screenshot-cost-review"
DISPLAY = ":94"
PROFILE = "shots-cost-review"
# Local time differs from UTC, so the dialog shows both.
TIME_ZONE = "Europe/Rome"
AOI = "POLYGON((12.45 41.87, 12.53 41.87, 12.53 41.92, 12.45 41.92, 12.45 41.87))"
NAME = "Rome, Tiber bend"


# --- runner (outside QGIS) --------------------------------------------------------------------


def prepare_profile() -> Path:
    from scripts.package import stage

    profiles = WORK / "profiles"
    profile_dir = profiles / "profiles" / PROFILE
    if profile_dir.exists():
        shutil.rmtree(profile_dir)
    stage(profile_dir / "python" / "plugins" / "capella_qgis")
    ini = profile_dir / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text(
        "[PythonPlugins]\ncapella_qgis=true\n\n"
        "[qgis]\ncheckVersion=false\nshowTips=false\nallowVersionCheck=false\n"
        "newsfeed\\enabled=false\n\n"
        "[locale]\noverrideFlag=true\nuserLocale=en_US\n",
        encoding="utf-8",
    )
    return profiles


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from scripts.run_qgis import site_packages, start_emulator, start_xvfb

    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    markers = WORK / "markers"
    markers.mkdir()
    emulator, url = start_emulator()
    xvfb, _ = start_xvfb(DISPLAY)
    env = dict(os.environ)
    env.update(
        CAPELLA_API_URL=url,
        CAPELLA_API_KEY="demo",
        CAPELLA_SHOT_DRIVER="1",
        CAPELLA_SHOT_DIR=str(markers),
        DISPLAY=DISPLAY,
        TZ=TIME_ZONE,
        PYTHONPATH=os.pathsep.join(p for p in (site_packages(), str(ROOT)) if p),
    )
    profiles = prepare_profile()
    cmd = [
        shutil.which("qgis") or "qgis",
        "--profiles-path",
        str(profiles),
        "--profile",
        PROFILE,
        "--nologo",
        "--noversioncheck",
        "--code",
        str(ROOT / "scripts" / "screenshot_cost_review.py"),
    ]
    taken = False
    try:
        with open(WORK / "qgis.log", "w", encoding="utf-8") as log:
            qgis = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                deadline = time.monotonic() + 300
                while time.monotonic() < deadline and qgis.poll() is None:
                    if (markers / "failed").exists():
                        break
                    if (markers / "ready").exists():
                        subprocess.run(
                            ["import", "-display", DISPLAY, "-window", "root", str(OUT)],
                            check=True,
                        )
                        taken = True
                        (markers / "done").write_text("done\n", encoding="utf-8")
                        break
                    time.sleep(0.3)
            finally:
                qgis.terminate()
                try:
                    qgis.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    qgis.kill()
    finally:
        for proc in (emulator, xvfb):
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    if taken:
        print(f"  {OUT.relative_to(ROOT)}")
        return 0
    print(f"  not taken; see {WORK / 'markers' / 'driver.log'} and {WORK / 'qgis.log'}")
    return 1


# --- driver (inside QGIS) ---------------------------------------------------------------------


def driver() -> None:
    import qgis.utils
    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsFeature,
        QgsFillSymbol,
        QgsGeometry,
        QgsProject,
        QgsRectangle,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QPushButton

    shot_dir = Path(os.environ["CAPELLA_SHOT_DIR"])

    def log(text: str) -> None:
        with open(shot_dir / "driver.log", "a", encoding="utf-8") as fh:
            fh.write(text + "\n")

    def fail(why: str) -> None:
        log(why)
        (shot_dir / "failed").write_text(why + "\n", encoding="utf-8")

    def wait(condition: Callable[[], bool], then: Callable[[], None], what: str) -> None:
        left = {"n": 240}

        def poll() -> None:
            try:
                ok = condition()
            except Exception:  # transient states while QGIS and the plugin start
                ok = False
            if ok:
                QTimer.singleShot(1200, guarded(then))  # let it render
            elif left["n"] > 0:
                left["n"] -= 1
                QTimer.singleShot(250, poll)
            else:
                fail(f"timeout waiting for {what}")

        poll()

    def guarded(step: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                step()
            except Exception:
                fail(traceback.format_exc())

        return run

    def plugin() -> Any:
        return qgis.utils.plugins.get("capella_qgis")

    def requests() -> Any:
        return plugin().controllers["requests"]

    def setup() -> None:
        window = qgis.utils.iface.mainWindow()
        window.showMaximized()
        window.setGeometry(QgsApplication.primaryScreen().geometry())
        project = QgsProject.instance()
        project.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
        layer = QgsVectorLayer("Polygon?crs=EPSG:4326", "Tasking AOI", "memory")
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromWkt(AOI))
        layer.dataProvider().addFeatures([feature])
        layer.renderer().setSymbol(
            QgsFillSymbol.createSimple(
                {"color": "255,0,0,40", "outline_color": "220,0,0", "outline_width": "0.8"}
            )
        )
        project.addMapLayer(layer)
        canvas = qgis.utils.iface.mapCanvas()
        canvas.setExtent(QgsRectangle(12.30, 41.80, 12.68, 41.99))
        canvas.refresh()
        create()

    def create() -> None:
        import httpx

        from capella_qgis.core.api.client import ConsoleClient
        from capella_qgis.core.api.credential import Credential
        from capella_qgis.core.models.payloads import TaskingRequestCreate

        url = os.environ["CAPELLA_API_URL"]
        httpx.post(f"{url}/_emulator/config", json={"review_delay": 1}).raise_for_status()
        geometry = QgsGeometry.fromWkt(AOI)
        request = TaskingRequestCreate(
            geometry=json.loads(geometry.asJson()),
            name=NAME,
            collection_tier="priority",
            collection_type="spotlight",
            product_types=["GEO", "SLC"],
        )
        with ConsoleClient(Credential.api_key("demo"), base_url=url) as client:
            created = client.tasking.create_tasking_request(request)
        ctrl = requests()
        ctrl.dock.show()
        ctrl.dock.raise_()
        ctrl.add_request(created)  # as the tasking form hands it over
        log(f"created {created.id}")
        QTimer.singleShot(1500, guarded(lambda: ctrl.poller.poll_now()))
        wait(lambda: bool(ctrl.review_banners), open_from_banner, "the review notification")

    def open_from_banner() -> None:
        ctrl = requests()
        [item] = list(ctrl.review_banners.values())
        [button] = [b for b in item.findChildren(QPushButton) if b.text() == "Review cost…"]
        button.click()

        def loaded() -> bool:
            dialog = ctrl.review_dialog
            return dialog is not None and dialog.review is not None and ctrl.review_task is None

        wait(loaded, place, "the cost dialog")

    def place() -> None:
        ctrl = requests()
        dialog = ctrl.review_dialog
        screen = QgsApplication.primaryScreen().geometry()
        dock_width = ctrl.dock.width() if ctrl.dock.isVisible() else 0
        x = max(8, (screen.width() - dock_width - dialog.width()) // 2)
        dialog.move(x, 110)
        ctrl.dock.select_ids([dialog.request_id])
        (shot_dir / "ready").write_text("ready\n", encoding="utf-8")
        log("ready")

    def start(tries: int = 0) -> None:
        p = plugin()
        if p is None or "requests" not in getattr(p, "controllers", {}):
            if tries < 240:
                QTimer.singleShot(500, lambda: start(tries + 1))
            else:
                fail("the plugin did not load")
            return
        guarded(setup)()

    QTimer.singleShot(1500, start)


if os.environ.get("CAPELLA_SHOT_DRIVER"):
    driver()
elif __name__ == "__main__":
    sys.exit(main())

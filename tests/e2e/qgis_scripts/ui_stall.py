"""Run inside real QGIS (``qgis --code``): install the plugin from its zip, then time the main
thread with a 10 ms QTimer in QGIS's own event loop while the plugin searches 10,000 results,
downloads one large asset, and runs a search, a download and a quick-look task at once.

Nothing here waits in a loop of its own: the script schedules its steps and returns, so QGIS's
event loop (``exec()``) runs everything, as for a user. Writes a JSON report per scenario: the
worst gap beyond the 10 ms interval, the median of the ten worst, the run time.
"""

from __future__ import annotations

import json
import os
import statistics
import time
import traceback
from pathlib import Path

import pyplugin_installer
from qgis.core import QgsProject, QgsSettings
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface, plugins

ZIP = os.environ["CAPELLA_E2E_ZIP"]
RESULT = Path(os.environ["CAPELLA_E2E_RESULT"])
SHOTS = Path(os.environ["CAPELLA_E2E_SHOTS"])
ORDERS = json.loads(os.environ["CAPELLA_UI_STALL_ORDERS"])  # [download, concurrent]
FOLDER = Path(os.environ["CAPELLA_UI_STALL_FOLDER"])
ASSET_BYTES = int(os.environ["CAPELLA_UI_STALL_BYTES"])
LIMIT = int(os.environ.get("CAPELLA_UI_STALL_LIMIT", "10000"))
TIMEOUT = float(os.environ.get("CAPELLA_UI_STALL_TIMEOUT", "240"))  # per scenario
PACKAGE = "capella_qgis"
WORLD = [-180.0, -90.0, 180.0, 90.0]
INTERVAL = 0.010
TAIL = 1.0  # s probed after a scenario's end: deferred work (models freed, repaints)
QUICKLOOKS = 12
report: dict = {"steps": [], "scenarios": {}, "pid": os.getpid()}


def step(name: str) -> None:
    report["steps"].append(name)
    RESULT.write_text(json.dumps(report, indent=1))


class Probe:
    """A 10 ms precise QTimer; every gap beyond the interval is a main-thread stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(int(INTERVAL * 1000))
        self.timer.timeout.connect(self._tick)
        self.gaps: list[tuple[float, float]] = []  # (gap s, when s since start)
        self.started = self.last = self.monotonic = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self.last - INTERVAL, self.last - self.started))
        self.last = now

    def start(self) -> None:
        self.gaps = []
        self.monotonic = time.monotonic()  # to match py-spy dumps taken outside QGIS
        self.started = self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> dict:
        self.timer.stop()
        ordered = sorted(self.gaps, reverse=True)
        long = [(g, at) for g, at in self.gaps if g >= 0.040]
        top = [max(g, 0.0) for g, _ in ordered[:10]] or [0.0]
        return {
            "worst_ms": round(top[0] * 1000, 1),
            "top10_median_ms": round(statistics.median(top) * 1000, 1),
            "ticks": len(self.gaps),
            "t0_monotonic": self.monotonic,
            "worst_at_s": [[round(g * 1000, 1), round(at, 3)] for g, at in ordered[:10]],
            # Every gap of 40 ms or more, in time order: [ms, s since the start].
            "long_gaps": [[round(g * 1000, 1), round(at, 3)] for g, at in long][:200],
        }


probe = Probe()


def bar_messages() -> dict:
    """The message bar's items by kind, counted: a layer error is pushed once per failure."""
    from qgis.PyQt.QtWidgets import QTextBrowser

    counts: dict = {}
    for item in iface.messageBar().items():
        text = " ".join(b.toPlainText() for b in item.findChildren(QTextBrowser)) or item.text()
        key = " ".join(text.split())[:300]
        counts[key] = counts.get(key, 0) + 1
    iface.messageBar().clearWidgets()  # each scenario's messages counted on their own
    return counts


def shot(name: str) -> None:
    QApplication.primaryScreen().grabWindow(0).save(str(SHOTS / f"{name}.png"))


class Driver:
    """Runs the scenarios one after the other from timers: ``prepare`` (not probed), start
    the probe and the scenario, poll ``done``, probe the tail, stop."""

    def __init__(self) -> None:
        self.poll = QTimer()
        self.poll.setInterval(50)
        self.poll.timeout.connect(self._check)
        self.queue: list = []
        self.current = None
        self.began = self.ended = 0.0
        self.state: dict = {}

    def run(self, scenarios: list) -> None:
        self.queue = list(scenarios)
        QTimer.singleShot(1000, self._next)

    def _next(self) -> None:
        if not self.queue:
            finish()
            return
        name, prepare, _start, _done = self.current = self.queue.pop(0)
        step(name)
        self.state = {}
        if prepare is None:
            self._begin()
            return
        try:
            prepare(self.state)  # what the user did before (not probed), then a pause
        except Exception:
            report["error"] = f"{name}: {traceback.format_exc()}"
            finish()
            return
        QTimer.singleShot(1000, self._begin)

    def _begin(self) -> None:
        name, _prepare, start, _done = self.current
        probe.start()
        self.began, self.ended = time.perf_counter(), 0.0
        try:
            start(self.state)
        except Exception:
            probe.stop()
            report["error"] = f"{name}: {traceback.format_exc()}"
            finish()
            return
        self.poll.start()

    def _check(self) -> None:
        name, _prepare, _start, done = self.current
        now = time.perf_counter()
        if not self.ended:
            try:
                finished = done(self.state)
            except Exception:
                report["error"] = f"{name}: {traceback.format_exc()}"
                finished = True
            timed_out = now - self.began > TIMEOUT
            if not finished and not timed_out:
                return
            self.ended = now
            self.state["timed_out"] = timed_out and not finished
            return
        if now - self.ended < TAIL:
            return
        self.poll.stop()
        figures = probe.stop()
        figures["seconds"] = round(self.ended - self.began, 2)
        figures.update(
            {
                k: v
                for k, v in self.state.items()
                if not k.startswith("_") and isinstance(v, (bool, int, float, str))
            }
        )
        figures["bar_messages"] = bar_messages()
        report["scenarios"][name] = figures
        step(f"{name}-done")
        shot(name)
        if "error" in report:
            finish()
            return
        QTimer.singleShot(1000, self._next)  # a pause between scenarios, not probed


driver = Driver()


# --- scenarios ----------------------------------------------------------------------------


def controllers() -> tuple:
    plugin = plugins[PACKAGE]
    return plugin.controllers["search"], plugin.controllers["orders"]


def start_idle(state: dict) -> None:
    state["_until"] = time.perf_counter() + 2.0


def idle_done(state: dict) -> bool:
    return time.perf_counter() >= state["_until"]


def begin_search(state: dict, key: str = "") -> None:
    """The dock's search, as its Search button starts it (query built, not typed)."""
    from capella_qgis.core.search.query import CatalogQuery

    search, _ = controllers()
    state[f"{key}before"] = search.layer
    if search.start_search(CatalogQuery(bbox=WORLD, limit=LIMIT)) is None:
        raise RuntimeError("the controller started no search")


def search_complete(state: dict, key: str = "") -> bool:
    """The layer has every result, the results list shows it, the canvas drew it."""
    search, _ = controllers()
    layer = search.layer
    if search.task is not None or layer is None or layer is state[f"{key}before"]:
        return bool(search.last_error) and search.task is None
    results = search.dock.results
    if results.pending or results.layer is not layer:
        return False
    if iface.mapCanvas().isDrawing():
        return False
    state[f"{key}features"] = layer.featureCount()
    state[f"{key}rows"] = results.results.rowCount()
    return True


def begin_download(state: dict, order_id: str, key: str = "") -> None:
    """The Orders dock's Download button for ``order_id``, into its own folder."""
    _, orders = controllers()
    folder = FOLDER / (key or "download")
    QgsSettings().setValue("capella_qgis/download_folder", str(folder))
    state[f"{key}folder"] = str(folder)
    task = orders.download_order(order_id)
    if task is None:
        raise RuntimeError("the controller started no download")
    flags = state.setdefault("flags", {})
    task.taskCompleted.connect(lambda: flags.__setitem__(f"{key}download", "completed"))
    task.taskTerminated.connect(lambda: flags.__setitem__(f"{key}download", "terminated"))


def download_complete(state: dict, key: str = "") -> bool:
    outcome = state.get("flags", {}).get(f"{key}download")
    if outcome is None:
        return False
    if f"{key}download" in state:  # looked at once (the scan is main-thread work of ours)
        return True
    files = [p for p in Path(state[f"{key}folder"]).rglob("*") if p.is_file()]
    state[f"{key}download"] = outcome
    state[f"{key}largest_bytes"] = largest = max((p.stat().st_size for p in files), default=0)
    state[f"{key}whole_file"] = largest == ASSET_BYTES
    return True


def start_search(state: dict) -> None:
    begin_search(state)


def start_download(state: dict) -> None:
    begin_download(state, ORDERS[0])


def select_results(state: dict) -> None:
    """What the user selected before clicking "Add quick-looks" (not probed)."""
    search, _ = controllers()
    layer = search.layer
    layer.selectByIds(sorted(layer.allFeatureIds())[:QUICKLOOKS])


def start_concurrent(state: dict) -> None:
    """Quick-looks of a few results of the first search, a new search, a download: at once."""
    search, _ = controllers()
    thumbs = search.add_quicklooks()
    if thumbs is None:
        raise RuntimeError("the controller started no quick-look task")
    flags = state.setdefault("flags", {})
    thumbs.taskCompleted.connect(lambda: flags.__setitem__("quicklooks", "completed"))
    thumbs.taskTerminated.connect(lambda: flags.__setitem__("quicklooks", "terminated"))
    begin_search(state)
    begin_download(state, ORDERS[1], key="concurrent_")


def concurrent_done(state: dict) -> bool:
    if "quicklooks" not in state.get("flags", {}):
        return False
    if not download_complete(state, "concurrent_") or not search_complete(state):
        return False
    state["quicklooks"] = state["flags"]["quicklooks"]
    group = QgsProject.instance().layerTreeRoot().findGroup("Capella quick-looks")
    state["quicklook_layers"] = len(group.findLayers()) if group is not None else 0
    return True


# --- set-up and the end -------------------------------------------------------------------


def install() -> None:
    try:
        iface.mainWindow().setGeometry(0, 0, 1400, 1000)  # Xvfb has no window manager
        QgsSettings().setValue("capella_qgis/auto_load", False)
        step("install")
        pyplugin_installer.instance().installFromZipFile(ZIP)
        report["plugin_class"] = type(plugins.get(PACKAGE)).__name__
        search, orders = controllers()
        search.dock.show()  # the user searches from the dock and watches the list fill
        orders.dock.show()
        QgsSettings().setValue("capella_qgis/download_folder", str(FOLDER))
        driver.run(
            [
                ("idle", None, start_idle, idle_done),
                ("search", None, start_search, search_complete),
                ("download", None, start_download, download_complete),
                ("concurrent", select_results, start_concurrent, concurrent_done),
            ]
        )
    except Exception:
        report["error"] = traceback.format_exc()
        finish()


def finish() -> None:
    report["done"] = True
    RESULT.write_text(json.dumps(report, indent=1))
    QgsProject.instance().setDirty(False)  # no "save the project?" question on close
    QTimer.singleShot(0, iface.mainWindow().close)
    QTimer.singleShot(8000, lambda: os._exit(0))


step("started")
QTimer.singleShot(500, install)  # once QGIS's event loop runs

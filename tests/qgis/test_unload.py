"""Unload leaves nothing to click and nothing running; Resume never crashes (real widgets).

The Resume banner used to pop itself inside its button's clicked() handler and was left in
the message bar by unload(); QGIS 3.22 died with SIGSEGV on it after a reload, and after a
kill and restart. These tests click the real buttons of the real QgsMessageBar.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsProject, QgsTask
from qgis.gui import QgsGui
from qgis.PyQt import sip

from capella_qgis.core.download import QueueStore
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.footprints import layer as fp
from capella_qgis.gui.orders.controller import OrdersController
from capella_qgis.gui.orders.dock_orders import DockOrders
from capella_qgis.plugin import CapellaPlugin
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_download import DownloadOptions
from capella_qgis.toolbelt.compat import message_level
from capella_qgis.toolbelt.log import push_message
from tests.qgis.downloads_support import (
    CHUNK,
    TIMEOUT_MS,
    client_for,
    entries_with,
    place_order,
    settings_for,
)
from tests.qgis.lifecycle_support import (
    TaskSpy,
    buttons,
    flush_events,
    item_text,
    items_with,
    pending_queue,
    reset_bar,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def queue_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "queue.json"
    monkeypatch.setattr("capella_qgis.gui.orders.controller.queue_path", lambda: path)
    return path


@pytest.fixture
def bar(qgis_iface: Any) -> Iterator[Any]:
    message_bar = qgis_iface.messageBar()
    reset_bar(message_bar)
    yield message_bar
    reset_bar(message_bar)


@pytest.fixture
def spy() -> Iterator[TaskSpy]:
    recorder = TaskSpy()
    yield recorder
    recorder.close()


def _options(emulator: Any, queue_file: Path, tmp_path: Path) -> dict[str, Any]:
    """The controller's client factory and download options, against the emulator."""
    settings = settings_for(emulator)
    settings.download_folder = str(tmp_path / "dl")
    return {
        "clients": ClientFactory(settings, build=lambda: client_for(emulator)),
        "downloads": DownloadOptions(
            queue=QueueStore(queue_file), engine_options={"chunk_size": CHUNK}
        ),
    }


def _wait_downloaded(qtbot: Any, controller: OrdersController) -> list[Any]:
    results: list[Any] = []
    original = controller._on_downloaded

    def record(result: Any) -> Any:
        results.append(result)
        return original(result)

    controller._on_downloaded = record  # type: ignore[method-assign]
    return results


def _cleanup_project() -> None:
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()


def test_resume_after_unload_and_reinstall_starts_one_download(
    qtbot: Any, qgis_iface: Any, bar: Any, spy: TaskSpy, emulator: Any, tmp_path: Path, queue_file
) -> None:
    pending = pending_queue(emulator, queue_file, tmp_path / "dl")
    first = OrdersController(qgis_iface, **_options(emulator, queue_file, tmp_path))
    first.install()
    assert len(items_with(bar, "Resume")) == 1
    first.unload()
    assert bar.items() == [], "the unloaded instance left its banner in the bar"
    flush_events()

    second = OrdersController(qgis_iface, **_options(emulator, queue_file, tmp_path))
    second.install()
    try:
        results = _wait_downloaded(qtbot, second)
        resume = buttons(bar, "Resume")
        assert len(resume) == 1
        resume[0].click()  # the real button: clicked() runs every connected handler now
        flush_events()
        assert not items_with(bar, "Resume")
        assert len(spy.downloads) == 1
        qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT_MS)
        assert results[0].report.ok and len(results[0].report.outcomes) == len(pending)
        assert len(spy.downloads) == 1
        assert not QueueStore(queue_file).pending()
    finally:
        second.unload()
        _cleanup_project()
    assert bar.items() == []


def test_resume_after_crash_restart_downloads_and_says_where(
    qtbot: Any, qgis_iface: Any, bar: Any, spy: TaskSpy, emulator: Any, tmp_path: Path, queue_file
) -> None:
    # As after QGIS was killed: the queue has unfinished files before the plugin starts.
    pending = pending_queue(emulator, queue_file, tmp_path / "dl")
    controller = OrdersController(qgis_iface, **_options(emulator, queue_file, tmp_path))
    controller.install()
    try:
        results = _wait_downloaded(qtbot, controller)
        banner = items_with(bar, "Resume")
        assert len(banner) == 1
        assert f"{len(pending)} Capella download(s) were not finished" in item_text(banner[0])
        buttons(bar, "Resume")[0].click()
        flush_events()
        assert sip.isdeleted(banner[0])
        assert len(spy.downloads) == 1
        qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT_MS)
        assert results[0].report.ok
        assert all(Path(e.target).is_file() for e in pending)
        done = items_with(bar, "Open folder")
        assert len(done) == 1
        assert str(results[0].folder) in item_text(done[0])
        assert len(spy.downloads) == 1
    finally:
        controller.unload()
        _cleanup_project()
    assert bar.items() == []


# Run in a child process: the old code crashes the interpreter (SIGSEGV), not a test.
GC_SCRIPT = textwrap.dedent(
    """
    import gc, sys
    from pathlib import Path
    from unittest.mock import MagicMock
    from qgis.core import QgsApplication
    app = QgsApplication([], True, sys.argv[1])
    app.initQgis()
    from qgis.PyQt import sip
    from qgis.PyQt.QtCore import QCoreApplication, QEvent
    from qgis.PyQt.QtWidgets import QMainWindow, QPushButton
    from qgis.gui import QgsMessageBar
    from capella_qgis.core.download import DownloadJob, QueueStore
    from capella_qgis.core.download.progress import CANCELLED
    import capella_qgis.gui.orders.controller as orders

    queue = Path(sys.argv[1]) / "queue.json"
    job = DownloadJob("S1", "HH", "http://localhost/x.tif", Path(sys.argv[1]) / "x.tif")
    store = QueueStore(queue)
    store.add([job])
    store.set_state(job, CANCELLED)
    orders.queue_path = lambda: queue

    # QGIS' own message bar is created in C++: no Python object owns its wrapper.
    owned = QgsMessageBar()
    sip.transferto(owned, None)
    address = sip.unwrapinstance(owned)
    del owned
    window = QMainWindow()
    iface = MagicMock()
    iface.mainWindow.return_value = window
    iface.messageBar.side_effect = lambda: sip.wrapinstance(address, QgsMessageBar)

    def flush():
        for _ in range(3):
            QCoreApplication.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def click_resume(controller, calls):
        controller.resume_pending = lambda: calls.append(1)
        gc.collect()  # QGIS collects at any time; here before the user clicks
        found = [
            b for i in iface.messageBar().items() for b in i.findChildren(QPushButton)
            if b.text() == "Resume"
        ]
        assert len(found) == 1, found
        found[0].click()
        flush()

    calls = []
    first = orders.OrdersController(iface)
    first.install()
    click_resume(first, calls)
    assert calls == [1], calls
    first.unload()
    flush()
    second = orders.OrdersController(iface)
    second.install()
    assert len(iface.messageBar().items()) == 1
    click_resume(second, calls)
    assert calls == [1, 1], calls
    second.unload()
    assert iface.messageBar().items() == []
    print("SURVIVED")
    """
)


def test_resume_banner_survives_garbage_collection(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    run = subprocess.run(
        [sys.executable, "-c", GC_SCRIPT, str(tmp_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0 and "SURVIVED" in run.stdout, (run.returncode, run.stderr[-3000:])


def test_unload_cancels_a_running_download(
    qtbot: Any, qgis_iface: Any, bar: Any, emulator: Any, tmp_path: Path, queue_file, monkeypatch
) -> None:
    progress: list[Any] = []
    monkeypatch.setattr(DockOrders, "update_progress", lambda _dock, *args: progress.append(args))
    entry = entries_with(emulator, "GEO", 1)[0]
    order_id = place_order(emulator, [entry])
    emulator.faults.add("bandwidth", "*.tif", bytes_per_sec=150_000)
    options = _options(emulator, queue_file, tmp_path)
    options["downloads"].engine_options["progress_interval"] = 0.05
    controller = OrdersController(qgis_iface, **options)
    controller.install()
    dock = controller.dock
    task = controller.download_order(order_id)
    ended: list[str] = []
    task.taskTerminated.connect(lambda: ended.append("terminated"))
    task.taskCompleted.connect(lambda: ended.append("completed"))
    try:
        qtbot.waitUntil(lambda: bool(progress), timeout=TIMEOUT_MS)
        assert task.status() == QgsTask.TaskStatus.Running
        assert task.receivers(task.progressSnapshot) == 1
    finally:
        controller.unload()
    items_after_unload = len(bar.items())
    assert task.receivers(task.progressSnapshot) == 0
    flush_events()
    assert sip.isdeleted(dock)
    seen = len(progress)
    qtbot.waitUntil(lambda: bool(ended), timeout=15_000)
    assert ended == ["terminated"]
    flush_events()
    # The late finished() reported nothing: no progress, no message, no layer.
    assert len(progress) == seen
    assert len(bar.items()) == items_after_unload == 0
    assert QgsProject.instance().mapLayers() == {}
    assert QueueStore(queue_file).pending(), "the cancelled files stay resumable"


def test_plugin_unload_removes_its_messages_and_project_signals(
    qgis_iface: Any, bar: Any, emulator: Any, tmp_path: Path, queue_file, monkeypatch
) -> None:
    monkeypatch.setenv("CAPELLA_API_URL", emulator.url)
    monkeypatch.setenv("CAPELLA_API_KEY", "demo")
    pending_queue(emulator, queue_file, tmp_path / "dl")
    plugin = CapellaPlugin(qgis_iface)
    plugin.initGui()
    search, orders = plugin.controllers["search"], plugin.controllers["orders"]
    plugin._notify_test_result = True
    plugin._on_test_finished(False, "Connection refused")  # lasting errors (duration 0)
    orders._message("Order failed", "Critical")
    push_message("Capella", "an error nobody owns", message_level("Critical"), iface=qgis_iface)
    assert items_with(bar, "Resume")
    assert len(bar.items()) >= 1
    plugin.unload()
    assert bar.items() == []
    flush_events()

    with client_for(emulator) as client:
        query = CatalogQuery(filters={"product_type": "GEO"}, limit=2)
        result = client.catalog.search(query)
    out = fp.write_footprints(result, tmp_path / "fp.gpkg", "geo", search_query={"q": 1})
    layer = fp.load_footprint_layer(out)
    try:
        # Nothing of the unloaded plugin answers QgsProject.layersAdded any more.
        assert orders.layer_actions == {}
        assert search.fillers == {}
        assert not QgsGui.mapLayerActionRegistry().mapLayerActions(layer)
    finally:
        _cleanup_project()

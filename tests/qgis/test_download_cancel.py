"""Cancel ends a download within a second on every path (GUI task, Processing); waits are shown."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional

import pytest
from qgis.core import QgsApplication, QgsProcessingException

from capella_qgis.core.download.sources import OrderSource
from capella_qgis.tasks.task_download import DownloadRequest
from tests.qgis.downloads_support import entries_with, make_task, place_order, source
from tests.qgis.processing_support import RecordingFeedback, run

# "Within 1 s" is the behaviour; the rest is margin for a loaded CI machine.
CANCEL_BOUND = 2.0
WAITING = "waiting for the server (retry in 120 s)"


def _slc_order(emulator: Any) -> tuple[str, Path]:
    entry = entries_with(emulator, "SLC", 1)[0]
    key = "HH" if "HH" in emulator.assets.filenames(entry) else "VV"
    return place_order(emulator, [entry]), source(emulator, entry.id, key)


def _body_requested(emulator: Any, name: str) -> bool:
    """The asset host has seen the body GET of ``name`` (not a size probe)."""
    return any(
        r.method == "GET" and r.path.endswith(name) and r.headers.get("Range") != "bytes=0-0"
        for r in emulator.requests("asset")
    )


class CancellingFeedback(RecordingFeedback):
    """Records progress texts; cancels itself ``after`` s once ``ready(self)`` is true."""

    def __init__(self, ready: Callable[[CancellingFeedback], bool], after: float) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.cancelled_at: Optional[float] = None
        threading.Thread(target=self._watch, args=(ready, after), daemon=True).start()

    def _watch(self, ready: Callable[[CancellingFeedback], bool], after: float) -> None:
        deadline = time.monotonic() + 60
        while not ready(self) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(after)
        self.cancelled_at = time.monotonic()
        self.cancel()

    def setProgressText(self, text: str) -> None:
        self.texts.append(text)


def _run_download(emulator: Any, tmp_path: Path, order_id: str, feedback: Any) -> float:
    """Run capella:downloadproducts until it raises 'Cancelled'; seconds from cancel to end."""
    with pytest.raises(QgsProcessingException, match="Cancelled by the user"):
        run(
            "capella:downloadproducts",
            {
                "ORDER_ID": order_id,
                "INCLUDE": ["raster"],
                "OUTPUT_FOLDER": str(tmp_path / "dl"),
                "LOAD_OUTPUTS": False,
            },
            feedback=feedback,
        )
    assert feedback.cancelled_at is not None
    return time.monotonic() - feedback.cancelled_at


def test_processing_cancel_during_a_long_retry_after(capella_env: Any, tmp_path: Path) -> None:
    order_id, src = _slc_order(capella_env)
    capella_env.faults.add("rate_limit", f"*{src.name}", retry_after=600)
    feedback = CancellingFeedback(lambda fb: any(WAITING in t for t in fb.texts), after=0.3)
    latency = _run_download(capella_env, tmp_path, order_id, feedback)
    assert latency < CANCEL_BOUND
    # The server asked for 600 s; the policy's cap (120 s) is what the user is told.
    assert any(WAITING in text for text in feedback.texts), feedback.texts
    assert any("waiting for the server" in info for info in feedback.infos), feedback.infos


def test_processing_cancel_during_a_stall(capella_env: Any, tmp_path: Path) -> None:
    order_id, src = _slc_order(capella_env)
    capella_env.faults.add("stall", f"*{src.name}", after_bytes=100_000, seconds=15)
    # Cancel a second into the stall (it starts once 100 kB of the body are out).
    feedback = CancellingFeedback(lambda fb: _body_requested(capella_env, src.name), after=1.0)
    latency = _run_download(capella_env, tmp_path, order_id, feedback)
    assert latency < CANCEL_BOUND


def _start(qtbot: Any, task: Any) -> list[bool]:
    done: list[bool] = []
    task.taskCompleted.connect(lambda: done.append(True))
    task.taskTerminated.connect(lambda: done.append(False))
    QgsApplication.taskManager().addTask(task)
    return done


def _cancel_and_time(qtbot: Any, task: Any, done: list[bool]) -> float:
    cancelled_at = time.monotonic()
    task.cancel()
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    return time.monotonic() - cancelled_at


def test_task_cancel_during_a_long_retry_after(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    order_id, src = _slc_order(emulator)
    emulator.faults.add("rate_limit", f"*{src.name}", retry_after=600)
    request = DownloadRequest(OrderSource(order_id), tmp_path, include=["raster"])
    task = make_task(emulator, request, tmp_path, segments_per_file=1)
    errors: list[str] = []
    task.on_error = errors.append
    done = _start(qtbot, task)
    qtbot.waitUntil(lambda: bool(done) or WAITING in task.last_description, timeout=30_000)
    assert not done, errors
    assert WAITING in task.last_description
    assert _cancel_and_time(qtbot, task, done) < CANCEL_BOUND
    assert done == [False]


def test_task_cancel_during_a_stall(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    order_id, src = _slc_order(emulator)
    emulator.faults.add("stall", f"*{src.name}", after_bytes=100_000, seconds=15)
    request = DownloadRequest(OrderSource(order_id), tmp_path, include=["raster"])
    task = make_task(emulator, request, tmp_path, segments_per_file=1)
    done = _start(qtbot, task)
    qtbot.waitUntil(lambda: bool(done) or _body_requested(emulator, src.name), timeout=30_000)
    qtbot.wait(1000)  # into the stall
    assert not done
    assert _cancel_and_time(qtbot, task, done) < CANCEL_BOUND
    assert done == [False]
    part = next(tmp_path.rglob("*.part"))
    assert part.stat().st_size >= 100_000  # what arrived is kept for resume

"""The fault matrix's machinery (#13): cases, one watched Processing run, checks, summary lines.

Each case arms faults on the emulator's rasters, runs ``capella:downloadproducts`` in a
QgsProcessingAlgRunnerTask (as the Processing dialog runs it) and checks the invariants of the
issue: no file at its final name that is not byte-identical to the asset, a cancel honoured
within ``CANCEL_LATENCY`` s, every run ending within its budget, no traceback anywhere a user
reads. The main thread cancels at the case's moment and, when a run overstays, clears the faults
(which ends the emulator's stalls and silences), then gives up, so one hung case cannot hang the
suite.
"""

from __future__ import annotations

import builtins
import errno
import logging
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Optional

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProject,
)

from capella_qgis.core.download.plan import WORK_SUFFIXES
from tests.console_emulator import Emulator
from tests.qgis.downloads_support import entries_with, place_order
from tests.qgis.processing_support import RecordingFeedback

ALG = "capella:downloadproducts"
PATTERN = "*.tif"  # the rasters: every fault hits the data files, never the API
RASTER_KEYS = ("HH", "VV", "HV", "VH")
CANCEL_AT = 1.0  # s after the start of the run
CANCEL_LATENCY = 1.5  # the 1 s, plus margin for a loaded CI machine
UNSTICK_AFTER = 3.0  # s past a missed deadline before the watchdog clears the faults
HARD_LIMIT = 15.0  # s past a missed deadline before the run is given up on (case failed)
SUMMARY = Path(__file__).resolve().parents[2] / "build" / "fault-matrix.txt"


@dataclass(frozen=True)
class Case:
    """One row of the matrix.

    ``expect``: "complete" (a transient fault the download must ride out), "error" (a
    permanent one: a clear error, no file), "cancelled" (still running at ``cancel_at``, and
    the cancel honoured), "error_or_wait" (a clear error, or a wait that the cancel at
    ``cancel_at`` ends in time) or "any" (only the invariants). ``budget``: seconds the whole
    run may take.
    """

    kind: str
    faults: tuple[dict[str, Any], ...] = ()
    expect: str = "complete"
    budget: float = 20.0
    config: tuple[tuple[str, Any], ...] = ()
    disk_full_after: Optional[int] = None  # ENOSPC once this many .part bytes are written
    tmpfs: Optional[int] = None  # download into a real file system of this many bytes
    cancel_at: Optional[float] = None  # cancel this many s into the run, if still running


@dataclass
class Result:
    kind: str
    outcome: str = ""
    message: str = ""
    seconds: float = 0.0
    cancel_latency: Optional[float] = None
    served: int = 0  # body bytes the asset host wrote (a reset drops some in flight)
    received: Optional[int] = None  # bytes the download wrote, restarts included
    twice: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        latency = "" if self.cancel_latency is None else f" cancel->end {self.cancel_latency:.2f} s"
        verdict = "ok" if not self.problems else "FAIL: " + "; ".join(self.problems)
        received = "" if self.received is None else f"  received {self.received} B"
        said = " | ".join(t.strip() for t in self.message.splitlines() if t.strip())
        said = f"  [{said[:240]}]" if said else ""
        return (
            f"{self.kind:<22} {self.outcome:<10} {self.seconds:6.2f} s{latency}  "
            f"served {self.served} B{received}  fetched twice {self.twice} B  {verdict}{said}"
        )


class _LogLines(logging.Handler):
    """The ``capella_qgis`` log, formatted with tracebacks (what the Capella log tab shows)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: list[str] = []
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        with self._guard:
            self.lines.append(text)


@contextmanager
def captured_logs() -> Iterator[list[str]]:
    """Python log records of the plugin and QGIS message-log entries during the block."""
    logger = logging.getLogger("capella_qgis")
    handler = _LogLines()
    level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    messages: list[str] = []
    log = QgsApplication.messageLog()

    def on_message(message: str, tag: str, level: Any) -> None:
        messages.append(f"[{tag}] {message}")

    log.messageReceived.connect(on_message)
    lines: list[str] = []
    try:
        yield lines
    finally:
        QgsApplication.processEvents()  # message-log entries queued from worker threads
        log.messageReceived.disconnect(on_message)
        logger.removeHandler(handler)
        logger.setLevel(level)
        lines.extend(handler.lines + messages)


# --------------------------------------------------------------------------- disk full


class _FullDisk:
    """``open`` for the download modules: writes to .part files fail with ENOSPC after a budget.

    A simulated full file system: a real one (a small tmpfs) needs root to mount, which CI's
    ``make test`` does not have. The budget is shared by every file, like a disk's free space.
    """

    def __init__(self, folder: Path, budget: int) -> None:
        self.folder = folder.resolve()
        self.left = budget
        self.lock = threading.Lock()
        self.hits = 0

    def open(self, file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> IO[Any]:
        handle = builtins.open(file, mode, *args, **kwargs)  # noqa: SIM115 (the caller closes it)
        path = Path(file).resolve()
        if set(mode) & set("wa+") and self.folder in path.parents:
            return _Limited(handle, self)  # type: ignore[return-value]
        return handle

    def take(self, wanted: int) -> int:
        with self.lock:
            granted = max(0, min(wanted, self.left))
            self.left -= granted
            if granted < wanted:
                self.hits += 1
            return granted


class _Limited:
    """A binary file whose writes stop with ENOSPC once the shared budget is spent."""

    def __init__(self, handle: IO[Any], disk: _FullDisk) -> None:
        self._handle = handle
        self._disk = disk

    def write(self, data: Any) -> int:
        room = self._disk.take(len(data))
        if room:
            self._handle.write(data[:room])
        if room < len(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        return room

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _Limited:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


@contextmanager
def small_filesystem(parent: Path, size: int) -> Iterator[Path]:
    """A tmpfs of ``size`` bytes, or a skip where it cannot be mounted (not root: CI)."""
    mount, umount = shutil.which("mount"), shutil.which("umount")
    if not mount or not umount:
        pytest.skip("no mount command to make a small file system")
    point = parent / "small-fs"
    point.mkdir(parents=True)
    made = subprocess.run(
        [mount, "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(point)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip() or made.returncode}")
    try:
        yield point
    finally:
        # Lazy: a file still open in a worker must not leave the mount behind.
        subprocess.run([umount, "-l", str(point)], capture_output=True, timeout=30)


def fill_disk(monkeypatch: pytest.MonkeyPatch, folder: Path, budget: int) -> _FullDisk:
    """Patch the download modules' ``open`` (their .part writes) with a full disk."""
    from capella_qgis.core.download import fetch, segments

    disk = _FullDisk(folder, budget)
    for module in (fetch, segments):
        monkeypatch.setattr(module, "open", disk.open, raising=False)
    return disk


# --------------------------------------------------------------------------- one run


@dataclass
class Order:
    order_id: str
    sources: dict[str, bytes]  # raster file name -> the emulator's bytes
    paths: dict[str, str]  # asset-host path -> raster file name


def make_order(emulator: Emulator, count: int = 2, product_type: str = "SLC") -> Order:
    """An order of ``count`` products whose rasters are ~1 MB each (the matrix's payload)."""
    entries = entries_with(emulator, product_type, count)
    order_id = place_order(emulator, entries)
    sources: dict[str, bytes] = {}
    paths: dict[str, str] = {}
    for entry in entries:
        for key, name in emulator.assets.filenames(entry).items():
            if key in RASTER_KEYS:
                sources[name] = Path(emulator.store.path(entry.item, key)).read_bytes()
                paths[emulator.assets.item_dir(entry) + name] = name
    return Order(order_id, sources, paths)


def spy_reports(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The algorithm's DownloadReports (behaviour unchanged): what each asset really received.

    The engine class itself is spied on: the algorithm imports it where it runs."""
    from capella_qgis.core.download.engine import DownloadEngine

    reports: list[Any] = []
    original = DownloadEngine.run

    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        report = original(self, *args, **kwargs)
        reports.append(report)
        return report

    monkeypatch.setattr(DownloadEngine, "run", run)
    return reports


def run_case(
    emulator: Emulator,
    case: Case,
    order: Order,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Result:
    """Arm the case's faults, run the algorithm under the watchdog, check the invariants."""
    result = Result(case.kind)
    if case.config:
        emulator.configure(**dict(case.config))
    if case.disk_full_after is not None:
        fill_disk(monkeypatch, folder, case.disk_full_after)
    emulator.clear_requests()
    emulator.stats.reset()
    for spec in case.faults:
        spec = dict(spec)
        emulator.faults.add(spec.pop("kind"), spec.pop("pattern", PATTERN), **spec)
    reports = spy_reports(monkeypatch)
    feedback = RecordingFeedback()
    params = {
        "ORDER_ID": order.order_id,
        "INCLUDE": ["raster"],
        "OUTPUT_FOLDER": str(folder),
        "LOAD_OUTPUTS": False,
    }
    with captured_logs() as logs:
        run = _Watched(emulator, case, feedback)
        ended, outputs = run.start(params)
    marks = run.marks
    result.seconds = marks.get("end", time.monotonic()) - marks["start"]
    if "cancel" in marks:
        result.cancel_latency = result.seconds - (marks["cancel"] - marks["start"])
    message = "\n".join(feedback.errors)
    if not ended:
        result.outcome = "hung"
    elif outputs is not None:
        result.outcome = "completed" if not outputs.get("FAILED_COUNT") else "partial"
    else:
        result.outcome = "cancelled" if "Cancelled" in message else "error"
    result.message = message
    _check(case, result, order, folder, outputs or {}, feedback.lines, logs, marks)
    result.served = sum(emulator.stats.snapshot()["asset_bytes_served"].values())
    completed = [
        o for report in reports for o in report.outcomes if o.status == "completed" and o.size
    ]
    if reports:
        # What each completed file received beyond its size came twice (restarts, overlaps).
        result.received = sum(o.bytes_received for o in completed)
        result.twice = sum(max(0, o.bytes_received - o.size) for o in completed)
    return result


# Every run's task, algorithm, context and feedback stay alive to the end of the session: the
# task holds the context by reference (and a run given up on still uses all of them), so
# collecting them under it would crash QGIS instead of failing a case.
_KEEP_ALIVE: list[Any] = []


class _Watched:
    """The algorithm in a QgsProcessingAlgRunnerTask (as the Processing dialog runs it).

    Prepared on the main thread, run on a task thread, post-processed on the main thread.
    The main thread pumps events and watches the clock, so a run that ignores its cancel
    fails its case at ``HARD_LIMIT`` instead of hanging the suite.
    """

    def __init__(self, emulator: Emulator, case: Case, feedback: RecordingFeedback) -> None:
        self.emulator = emulator
        self.case = case
        self.feedback = feedback
        self.marks: dict[str, float] = {}

    def _ended(self) -> None:
        self.marks.setdefault("end", time.monotonic())

    def start(self, params: dict[str, Any]) -> tuple[bool, Optional[dict[str, Any]]]:
        """(ended, outputs or None when the run failed or was cancelled)."""
        alg = QgsApplication.processingRegistry().createAlgorithmById(ALG)
        assert alg is not None, f"{ALG} is not registered"
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        context.setFeedback(self.feedback)
        done: dict[str, Any] = {}

        def executed(ok: bool, results: dict[str, Any]) -> None:
            done.update(ok=ok, results=results)

        self.marks["start"] = time.monotonic()
        task = QgsProcessingAlgRunnerTask(alg, params, context, self.feedback)
        _KEEP_ALIVE.append((task, alg, context, self.feedback))
        task.executed.connect(executed)
        task.taskCompleted.connect(self._ended)
        task.taskTerminated.connect(self._ended)
        if task.isCanceled():  # prepare failed: nothing to run
            self.marks["end"] = time.monotonic()
            return True, None
        QgsApplication.taskManager().addTask(task)
        case = self.case
        deadline = case.budget if case.cancel_at is None else case.cancel_at + CANCEL_LATENCY
        while "ok" not in done:
            now = time.monotonic() - self.marks["start"]
            if case.cancel_at is not None and now >= case.cancel_at and "cancel" not in self.marks:
                self.marks["cancel"] = time.monotonic()
                self.feedback.cancel()
            if now >= deadline and "overdue" not in self.marks:
                self.marks["overdue"] = time.monotonic()
                self.feedback.cancel()
            if now >= deadline + UNSTICK_AFTER and "unstuck" not in self.marks:
                self.marks["unstuck"] = time.monotonic()
                self.emulator.faults.clear()  # ends the emulator's stalls and silences
            if now >= deadline + HARD_LIMIT:
                return False, None
            QgsApplication.processEvents()
            time.sleep(0.005)
        return True, done["results"] if done["ok"] else None


def _check(
    case: Case,
    result: Result,
    order: Order,
    folder: Path,
    outputs: dict[str, Any],
    feedback: list[str],
    logs: list[str],
    marks: dict[str, float],
) -> None:
    problems = result.problems
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name.endswith(WORK_SUFFIXES):
            continue  # .part & co: kept for resume, never presented as the file
        expected = order.sources.get(path.name)
        if expected is None:
            problems.append(f"unexpected file {path.name}")
        elif path.read_bytes() != expected:
            size = path.stat().st_size
            problems.append(
                f"{path.name} presented complete but differs ({size} B, asset {len(expected)} B)"
            )
    for listed in filter(None, str(outputs.get("FILES") or "").split(";")):
        if not Path(listed).is_file():
            problems.append(f"FILES lists {Path(listed).name}, which is not on disk")
    for where, texts in (("feedback", feedback), ("log", logs)):
        if any("Traceback" in text for text in texts):
            problems.append(f"traceback in the {where}")
    if any("unexpected error" in text.lower() for text in feedback):
        problems.append("an 'unexpected error' (a bug, not a clear message)")
    if result.outcome == "hung":
        problems.append(f"hung: abandoned {HARD_LIMIT:.0f} s past its deadline, cancel ignored")
    elif "unstuck" in marks:
        problems.append(f"still running {UNSTICK_AFTER:.0f} s past its deadline (faults cleared)")
    if "overdue" in marks and case.cancel_at is None:
        problems.append(f"still running after its {case.budget:.0f} s budget")
    latency = result.cancel_latency
    if latency is not None and latency > CANCEL_LATENCY:
        problems.append(f"cancel took {latency:.2f} s (bound {CANCEL_LATENCY} s)")
    want, outcome = case.expect, result.outcome
    if want == "cancelled" and latency is None:
        problems.append(f"ended ({outcome}) before the cancel: the fault did not block it")
    elif want == "cancelled" and outcome not in ("cancelled", "hung"):
        problems.append(f"cancelled, yet {outcome}: {_first(result.message)}")
    elif want == "complete" and outcome != "completed":
        problems.append(f"a transient fault, yet {outcome}: {_first(result.message)}")
    elif want == "error" and outcome not in ("error", "partial"):
        problems.append(f"a permanent fault, yet {outcome}")
    elif want == "error_or_wait" and outcome not in ("error", "partial", "cancelled", "hung"):
        problems.append(f"neither a clear error nor a cancellable wait, but {outcome}")
    if outcome in ("error", "partial") and not result.message.strip():
        problems.append(f"{outcome} without a message")


def _first(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""

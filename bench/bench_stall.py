"""Benchmark: main-thread stall while the results list shows 10,000 rows beside GIL-busy threads."""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess  # nosec B404: this interpreter, fixed arguments
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Callable

from bench.stall_probe import StallProbe

N_ROWS = 10_000
BUSY_THREADS = 2  # two downloads' worth of Python work competing for the GIL
TARGET_MS = 50.0
RUNS = 3


def sample_rows(count: int = N_ROWS) -> tuple[list[int], list[tuple[Any, ...]]]:
    """``count`` (fids, rows) shaped like RESULT_FIELDS, some values missing as in real data."""
    modes = ("spotlight", "stripmap", "sliding_spotlight")
    rows = [
        (
            f"CAPELLA_C{n % 17:02d}_SP_GEO_HH_{20240101000000 + n}",
            f"2024-{1 + n % 12:02d}-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}:00",
            ("GEO", "SLC", "GEC", "SICD")[n % 4],
            modes[n % 3],
            "HH" if n % 5 else None,
            ("left", "right")[n % 2],
            ("ascending", "descending")[n % 2],
            25.0 + (n % 400) / 10.0,
            0.5 + (n % 30) / 10.0 if n % 7 else None,
            f"collect-{n // 3:05d}",
        )
        for n in range(count)
    ]
    return list(range(1, count + 1)), rows


def _spin(stop: threading.Event) -> None:
    """Worst case: nothing but Python bytecode, so the thread always wants the GIL."""
    chunk = bytearray(64 * 1024)
    while not stop.is_set():
        total = 0
        for value in bytes(chunk[:4096]):
            total += value
        chunk[0] = total & 0xFF


def _download(stop: threading.Event) -> None:
    """A download's loop: copy a 1 MiB chunk (GIL held), hash and write it (GIL released)."""
    chunk = os.urandom(1 << 20)
    with open(os.devnull, "wb") as sink:
        while not stop.is_set():
            data = bytes(bytearray(chunk))
            hashlib.sha256(data).digest()
            sink.write(data)
            for _ in range(200):  # per-chunk bookkeeping (progress, checks)
                pass


@contextmanager
def busy_threads(count: int = BUSY_THREADS, kind: str = "spin") -> Iterator[None]:
    """``count`` threads competing for the GIL: ``spin`` (pure bytecode) or ``download``."""
    stop = threading.Event()
    work = _spin if kind == "spin" else _download
    threads = [threading.Thread(target=work, args=(stop,), daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    try:
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join(5)


def memory_layer(count: int = N_ROWS) -> Any:
    """A point layer with fids 1..count, to bind the results view to."""
    from qgis.core import QgsFeature, QgsVectorLayer

    layer = QgsVectorLayer("Point?crs=EPSG:4326", "results", "memory")
    features = [QgsFeature() for _ in range(count)]
    layer.dataProvider().addFeatures(features)
    return layer


def wait(condition: Callable[[], bool], timeout: float) -> bool:
    """Run the event loop (GIL released, as in QGIS) until ``condition()`` or ``timeout`` s."""
    from qgis.PyQt.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(
        lambda: loop.quit() if condition() or time.perf_counter() > deadline else None
    )
    poll.start()
    loop.exec_()
    poll.stop()
    return condition()


def probe_alone(busy: int = BUSY_THREADS, kind: str = "spin", seconds: float = 1.0) -> float:
    """Worst probe gap (s) with nothing but the busy threads: the floor of the measure."""
    probe = StallProbe()
    with busy_threads(busy, kind):
        probe.start()
        wait(lambda: False, seconds)
        return probe.stop()


def fill_under_contention(
    view: Any, layer: Any, busy: int = BUSY_THREADS, kind: str = "spin", sort: bool = True
) -> float:
    """Worst probe gap (s) while ``view`` takes 10k rows, shows, sorts, groups and drops them."""
    from qgis.PyQt.QtCore import Qt

    fids, rows = sample_rows()
    probe = StallProbe()
    with busy_threads(busy, kind):
        probe.start()
        view.set_layer(layer, (fids, rows))
        wait(lambda: view.results.rowCount() >= N_ROWS, 20.0)
        view.scrollToBottom()
        wait(lambda: False, 0.1)
        if sort:  # a header click (what QHeaderView does on one; sortByColumn() would
            # also sort the model in place on this thread, which a click does not)
            view.header().setSortIndicator(7, Qt.SortOrder.AscendingOrder)
            wait(lambda: not getattr(view, "pending", False), 20.0)
            wait(lambda: False, 0.1)
        for group in ("product_type", ""):  # the grouping combo, there and back
            view.set_group_field(group)
            wait(lambda: not getattr(view, "pending", False), 20.0)
            wait(lambda: False, 0.1)
        view.set_layer(None)  # the old model is freed while the probe runs
        wait(lambda: False, 0.3)
        stall = probe.stop()
    return stall


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    if QgsApplication.instance() is not None:
        # Another bench made a QGIS app without widgets in this process (python -m bench):
        # this one needs a GUI app of its own.
        return subprocess.run([sys.executable, "-m", "bench.bench_stall"], check=False).returncode

    from capella_qgis.gui.search.wdg_results import ResultsView

    app = QgsApplication([], True)
    app.initQgis()
    layer = memory_layer()
    view = ResultsView()
    view.resize(900, 600)
    view.show()
    figures: dict[str, list[float]] = {}
    # Interleaved runs (the machine is shared): idle, downloads, pure-bytecode stress.
    for _ in range(RUNS):
        for label, busy, kind in (
            ("idle", 0, "spin"),
            ("download", BUSY_THREADS, "download"),
            ("spin", BUSY_THREADS, "spin"),
        ):
            figures.setdefault(label, []).append(fill_under_contention(view, layer, busy, kind))
            figures.setdefault(f"{label} floor", []).append(probe_alone(busy, kind, 0.5))
    view.deleteLater()
    ms = {k: (max(v) * 1000, statistics.median(v) * 1000) for k, v in figures.items()}
    print(f"results list, {N_ROWS} rows filled, laid out, scrolled and freed; {RUNS} runs")
    for label, what in (
        ("idle", "idle"),
        ("download", f"{BUSY_THREADS} download-like threads"),
        ("spin", f"{BUSY_THREADS} pure-bytecode threads (stress)"),
    ):
        worst, median = ms[label]
        floor = ms[f"{label} floor"][0]
        print(
            f"  {what}: worst stall {worst:.0f} ms (median {median:.0f} ms); "
            f"the probe alone under the same load: {floor:.0f} ms"
        )
    worst = ms["download"][0]
    print(f"worst stall with downloads: {worst:.0f} ms (target ≤ {TARGET_MS:.0f} ms)")
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())

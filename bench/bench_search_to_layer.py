"""Benchmark: 10,000 catalog items from the emulator → styled footprint layer, vs SDK and floor."""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

from bench.stall_probe import StallProbe

N_ITEMS = 10_000
WORLD = [-180.0, -90.0, 180.0, 90.0]
RUNS = 5  # measured runs after one warm-up run of each pipeline; medians are reported


def make_iface() -> Any:
    """pytest-qgis' iface stub, as bench_startup uses (imported once the app exists)."""
    from pytest_qgis.mock_qgis_classes import MockMessageBar
    from pytest_qgis.qgis_interface import QgisInterface
    from qgis.gui import QgsMapCanvas
    from qgis.PyQt.QtWidgets import QMainWindow

    window = QMainWindow()
    return QgisInterface(QgsMapCanvas(window), MockMessageBar(), window)


def run_plugin(
    app: Any, iface: Any, workdir: Path, run: int = 0, limit: int = N_ITEMS
) -> tuple[float, float, int, float]:
    """The dock's search as shipped: SearchController with its default mode and client factory
    (saved settings of a fresh profile, i.e. the defaults), footprints beside the project.

    Returns (seconds to the finished layer, longest stall, features, seconds to the first
    features in the project).
    """
    from qgis.core import QgsProject

    from capella_qgis.core.search.query import CatalogQuery
    from capella_qgis.gui.search.controller import SearchController

    project = QgsProject.instance()
    project.setFileName(str(workdir / f"bench_{run}.qgz"))  # footprints: bench_<run>_capella.gpkg
    controller = SearchController(iface)
    probe = StallProbe()
    first = float("nan")
    started = time.perf_counter()
    probe.start()
    try:
        task = controller.start_search(CatalogQuery(bbox=WORLD, limit=limit))
        if task is None:
            raise RuntimeError("the controller started no search")
        while controller.task is not None:  # what QGIS's event loop does while the task runs
            app.processEvents()
            shown = controller.growing is not None or controller.layer is not None
            if first != first and shown:  # nan: not yet
                first = time.perf_counter() - started
            time.sleep(0.001)
        app.processEvents()
        elapsed = time.perf_counter() - started
        stall = probe.stop()
        if controller.layer is None:
            raise RuntimeError(controller.last_error or "the search loaded no layer")
        count = controller.layer.featureCount()
        if first != first:
            first = elapsed
    finally:
        controller.unload()
        project.removeAllMapLayers()
        project.setFileName("")
    return elapsed, stall, count, first


def run_sdk(url: str, workdir: Path, threaded: bool = False) -> tuple[float, int]:
    from capella_console_client import CapellaConsoleClient
    from qgis.core import QgsVectorLayer

    started = time.perf_counter()
    client = CapellaConsoleClient(api_key="demo", base_url=url, no_token_check=True)
    # The SDK's API (no .catalog there); threaded: a limit-1 probe, then every page at once.
    result = client.search(bbox=WORLD, limit=N_ITEMS, threaded=threaded)
    collection = result.to_feature_collection()
    path = workdir / "sdk.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    layer = QgsVectorLayer(str(path), "sdk", "ogr")
    count = layer.featureCount()
    return time.perf_counter() - started, count


PAGE_DELAY_S = 0.5  # per catalog request, as the issue measured (a remote Console's latency)


def waves(times: list[float]) -> int:
    """Round trips: bursts of requests separated by at least half a page's delay."""
    ordered = sorted(times)
    return 1 + sum(1 for a, b in zip(ordered, ordered[1:]) if b - a > PAGE_DELAY_S / 2)


LATENCY_TARGET = 1.2  # × the 8-parallel raw-fetch floor, 10k items under per-page latency


def paging_report(app: Any, iface: Any, emu: Any, workdir: Path) -> tuple[list[str], list[str]]:
    """Requests, items served and round trips of dock searches at 0.5 s per page, and the
    10k search against 8 parallel raw fetches of the same bodies, at 0.5 and 2 s per page.

    Returns (report lines, names of the targets missed).
    """
    lines = [f"dock searches at {PAGE_DELAY_S} s per page (page size and mode as shipped):"]
    missed = []
    emu.add_fault("delay", "/catalog/search", seconds=PAGE_DELAY_S)
    try:
        for n, limit in enumerate((1000, 5000, 10_000)):
            emu.clear_requests()
            elapsed, _, count, first = run_plugin(app, iface, workdir, 100 + n, limit)
            records = emu.requests("*/catalog/search")
            items = sum(served(r["json"]) for r in records)
            lines.append(
                f"  {limit:>6}: {len(records)} requests, {items} items served, "
                f"{waves([r['time'] for r in records])} round trips; first features on the map "
                f"after {first:.2f} s, {count} after {elapsed:.2f} s"
            )
    finally:
        emu.clear_faults()
    for delay in (PAGE_DELAY_S, 2.0):
        emu.add_fault("delay", "/catalog/search", seconds=delay)
        try:
            emu.clear_requests()
            ours, _, _, _ = run_plugin(app, iface, workdir, 110 + int(delay * 10))
            bodies = search_bodies(emu)
            floor, _ = run_floor_parallel(emu.url, bodies)
        finally:
            emu.clear_faults()
        ratio = ours / floor
        lines.append(
            f"  10k at {delay} s per page: {ours:.2f} s; 8 parallel raw fetches of the same "
            f"{len(bodies)} bodies {floor:.2f} s -> {ratio:.2f}x (target ≤ {LATENCY_TARGET})"
        )
        if ratio > LATENCY_TARGET:
            missed.append(f"latency {delay} s")
    return lines, missed


def run_floor_parallel(url: str, bodies: list[dict], workers: int = 8) -> tuple[float, int]:
    """The same POSTs as ``run_floor``, 8 at a time (the SDK's concurrency), parsed."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    started = time.perf_counter()
    limits = httpx.Limits(max_connections=workers)
    with httpx.Client(
        base_url=url, headers={"Authorization": "ApiKey demo"}, limits=limits
    ) as http:

        def fetch(body: dict) -> int:
            return len(http.post("/catalog/search", json=body, timeout=60).json()["features"])

        with ThreadPoolExecutor(workers) as pool:
            items = sum(pool.map(fetch, bodies))
    return time.perf_counter() - started, items


def served(body: dict) -> int:
    """Items the emulator hands out for one request body (it holds N_ITEMS + 2000)."""
    limit = int(body.get("limit", 0))
    offset = (int(body.get("page") or 1) - 1) * limit
    return max(0, min(limit, N_ITEMS + 2000 - offset, 10_000 - offset))


def search_bodies(emu: Any) -> list[dict]:
    """The request bodies of the catalog searches the emulator saw (in order)."""
    return [r["json"] for r in emu.requests("*/catalog/search")]


def run_floor(url: str, bodies: list[dict], pause_gc: bool = False) -> tuple[float, int]:
    """Sequential raw httpx POSTs of the given bodies + ``json.loads`` of each page."""
    import httpx

    started = time.perf_counter()
    items = 0
    if pause_gc:
        gc.disable()
    try:
        with httpx.Client(base_url=url, headers={"Authorization": "ApiKey demo"}) as http:
            for body in bodies:
                data = http.post("/catalog/search", json=body).json()
                items += len(data["features"])
                del data
    finally:
        gc.enable()
    return time.perf_counter() - started, items


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return float("nan")


def memory_report(app: Any, iface: Any, workdir: Path, runs: int = 3) -> tuple[float, float]:
    """Peak RSS growth during a 10k dock search and RSS retained after it (medians, MB).

    The peak is the kernel's high-water mark (VmHWM, reset through ``clear_refs``); retained
    is measured after a full collection, as the next idle moment of QGIS would leave it.
    """
    peaks, kept = [], []
    for run in range(runs):
        gc.collect()
        base = _status_mb("VmRSS:")
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        run_plugin(app, iface, workdir, 200 + run)
        peaks.append(_status_mb("VmHWM:") - base)
        gc.collect()
        kept.append(_status_mb("VmRSS:") - base)
    return _median(peaks), _median(kept)


class _Cycle:
    """Other code's short-lived garbage: a self-referencing object of ~1 KB."""

    __slots__ = ("__weakref__", "me", "pad")
    alive = 0

    def __init__(self) -> None:
        _Cycle.alive += 1
        self.me = self
        self.pad = bytearray(1000)

    def __del__(self) -> None:
        _Cycle.alive -= 1


def garbage_report(app: Any, iface: Any, workdir: Path) -> tuple[float, float]:
    """Other code's cyclic garbage alive when a search ends vs after as long an idle wait.

    A 10 ms timer makes 100 cycles a tick, each batch dropped 100 ms later (so some get old
    enough to be promoted, as another plugin's temporaries would). Returns MB alive beyond
    the 10 live batches: during our search, and during the same time without a search.
    """
    from collections import deque

    from qgis.PyQt.QtCore import QTimer

    recent: deque[list[_Cycle]] = deque(maxlen=10)
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: recent.append([_Cycle() for _ in range(100)]))
    live = 100 * recent.maxlen  # type: ignore[operator]

    def held() -> float:
        return max(0, _Cycle.alive - live) * 1.1 / 1024  # ~1.1 KB each

    figures = []
    for search in (True, False):
        gc.collect()
        timer.start()
        started = time.perf_counter()
        if search:
            run_plugin(app, iface, workdir, 300)
            seconds = time.perf_counter() - started
        else:
            while time.perf_counter() - started < seconds:
                app.processEvents()
                time.sleep(0.001)
        figures.append(held())
        timer.stop()
        recent.clear()
    gc.collect()
    return figures[0], figures[1]


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # pytest-qgis' stub must be imported before the application exists (see bench_startup).
    import pytest_qgis.qgis_interface  # noqa: F401
    from qgis.core import QgsApplication

    from bench.emulator_process import EmulatorProcess

    # A throw-away profile: the plugin's saved settings are the shipped defaults.
    profile = tempfile.TemporaryDirectory(prefix="capella-bench-search-")
    app = QgsApplication([], True, profile.name)
    app.initQgis()
    iface = make_iface()
    # The emulator runs in its own process, as the real Console is a remote server: served
    # from threads of this interpreter, it would compete with the UI thread for the GIL.
    emu = EmulatorProcess(["--items", str(N_ITEMS + 2000), "--seed", "7"]).start()
    os.environ["CAPELLA_API_URL"] = emu.url  # the dock's client factory reads these
    os.environ["CAPELLA_API_KEY"] = "demo"
    times: dict[str, list[float]] = {
        k: [] for k in ("plugin", "sdk", "sdk_threaded", "floor", "floor_gc")
    }
    stalls: list[float] = []
    firsts: list[float] = []
    counts: dict[str, int] = {}
    sdk_error: Optional[str] = None
    paging: list[str] = []
    paging_missed: list[str] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            # Warm-up (discarded): fills the emulator's result cache, GDAL/PROJ and the
            # OGR provider for every pipeline alike, and records the SDK's page requests.
            emu.clear_requests()
            try:
                run_sdk(emu.url, workdir)
                bodies = search_bodies(emu)
                run_sdk(emu.url, workdir, threaded=True)
            except Exception as exc:  # the SDK may be missing or refuse the emulator
                sdk_error = str(exc)
                bodies = [{"bbox": WORLD, "limit": 900, "page": p} for p in range(1, 12)]
                bodies.append({"bbox": WORLD, "limit": 100, "page": 100})
            run_floor(emu.url, bodies)
            run_plugin(app, iface, workdir, run=0)
            for run in range(1, RUNS + 1):
                gc.collect()
                elapsed, stall, counts["plugin"], first = run_plugin(app, iface, workdir, run)
                times["plugin"].append(elapsed)
                stalls.append(stall)
                firsts.append(first)
                if sdk_error is None:
                    elapsed, counts["sdk"] = run_sdk(emu.url, workdir)
                    times["sdk"].append(elapsed)
                    elapsed, counts["sdk_threaded"] = run_sdk(emu.url, workdir, threaded=True)
                    times["sdk_threaded"].append(elapsed)
                elapsed, counts["floor"] = run_floor(emu.url, bodies)
                times["floor"].append(elapsed)
                elapsed, _ = run_floor(emu.url, bodies, pause_gc=True)
                times["floor_gc"].append(elapsed)
            paging, paging_missed = paging_report(app, iface, emu, workdir)
            peak_mb, kept_mb = memory_report(app, iface, workdir)
            junk_mb, idle_junk_mb = garbage_report(app, iface, workdir)
    finally:
        emu.stop()
    ours, sdk = _median(times["plugin"]), _median(times["sdk"])
    sdk_threaded = _median(times["sdk_threaded"])
    floor, floor_gc = _median(times["floor"]), _median(times["floor_gc"])
    spread = ", ".join(f"{t:.2f}" for t in times["plugin"])
    print(f"median of {RUNS} runs after a warm-up; floor replays the SDK's {len(bodies)} requests")
    print(
        f"plugin (dock as shipped) search→styled layer: {ours:.2f} s "
        f"({counts.get('plugin', 0)} features) [{spread}]; first features on the map after "
        f"{_median(firsts):.2f} s"
    )
    if sdk_error is not None:
        print(f"SDK run failed: {sdk_error}")
    print(f"SDK search+to_feature_collection+OGR: {sdk:.2f} s ({counts.get('sdk', 0)} features)")
    print(
        f"SDK threaded (same pipeline): {sdk_threaded:.2f} s "
        f"({counts.get('sdk_threaded', 0)} features)"
    )
    print(f"raw httpx fetch+parse (floor): {floor:.2f} s ({counts.get('floor', 0)} items)")
    print(f"  (same floor with the GC paused, for reference: {floor_gc:.2f} s)")
    print(f"ratio plugin/SDK: {ours / sdk:.2f} (target ≤ 0.5)")
    print(f"ratio plugin/SDK threaded: {ours / sdk_threaded:.2f} (reference)")
    print(f"ratio plugin/floor: {ours / floor:.2f} (target ≤ 1.3)")
    print(f"ratio plugin/floor with GC paused: {ours / floor_gc:.2f} (reference)")
    print(
        f"longest main-thread stall: {max(stalls) * 1000:.0f} ms worst, "
        f"{_median(stalls) * 1000:.0f} ms median (target ≤ 50 ms)"
    )
    for line in paging:
        print(line)
    print(
        f"memory, 10k search: peak +{peak_mb:.0f} MB (target ≤ 100), "
        f"retained +{kept_mb:.0f} MB after it (target ≤ 20)"
    )
    print(
        f"other code's cyclic garbage alive when the search ended: {junk_mb:.1f} MB; "
        f"after as long without a search: {idle_junk_mb:.1f} MB (target ≤ that + 2 MB)"
    )
    profile.cleanup()
    missed = [
        name
        for name, miss in (
            ("plugin/SDK", ours / sdk > 0.5),
            ("plugin/floor", ours / floor > 1.3),
            ("stall", max(stalls) > 0.050),
            ("memory peak", peak_mb > 100),
            ("memory retained", kept_mb > 20),
            ("garbage held", junk_mb > idle_junk_mb + 2),
        )
        if miss
    ] + paging_missed
    if missed:
        print(f"search targets missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

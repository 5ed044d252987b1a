"""Benchmark: 10,000 catalog items from the emulator → styled footprint layer, vs SDK and floor."""

from __future__ import annotations

import gc
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

N_ITEMS = 10_000
WORLD = [-180.0, -90.0, 180.0, 90.0]
RUNS = 5  # measured runs after one warm-up run of each pipeline; medians are reported


class StallProbe:
    """A 10 ms QTimer; the longest gap between ticks is the longest main-thread stall."""

    def __init__(self) -> None:
        from qgis.PyQt.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last - 0.010)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return max(self.worst, 0.0)


def run_plugin(app: Any, url: str, workdir: Path, run: int = 0) -> tuple[float, float, int]:
    from qgis.core import QgsApplication, QgsProject

    from capella_qgis.core.api.client import ConsoleClient
    from capella_qgis.core.api.credential import Credential
    from capella_qgis.core.search.query import CatalogQuery
    from capella_qgis.footprints.layer import load_footprint_layer
    from capella_qgis.tasks.task_search import SearchTask

    # Default page size (900, as the SDK); parallel pages on the client's bounded pool.
    client = ConsoleClient(Credential.api_key("demo"), base_url=url)
    done: dict[str, Any] = {}
    probe = StallProbe()
    started = time.perf_counter()
    probe.start()
    task = SearchTask(
        CatalogQuery(bbox=WORLD, limit=N_ITEMS),
        workdir / "bench.gpkg",
        f"bench_search_{run}",
        client=client,
        mode="parallel",
        on_success=lambda outcome: done.setdefault("outcome", outcome),
        on_error=lambda msg: done.setdefault("error", msg),
    )
    QgsApplication.taskManager().addTask(task)
    while not done:  # what QGIS's event loop does while the task runs
        app.processEvents()
        time.sleep(0.001)
    if "error" in done:
        raise RuntimeError(done["error"])
    layer = load_footprint_layer(done["outcome"].output, group_name="bench")
    app.processEvents()
    elapsed = time.perf_counter() - started
    stall = probe.stop()
    count = layer.featureCount()
    QgsProject.instance().removeAllMapLayers()
    client.close()
    return elapsed, stall, count


def run_sdk(url: str, workdir: Path) -> tuple[float, int]:
    from capella_console_client import CapellaConsoleClient
    from qgis.core import QgsVectorLayer

    started = time.perf_counter()
    client = CapellaConsoleClient(api_key="demo", base_url=url, no_token_check=True)
    result = client.search(bbox=WORLD, limit=N_ITEMS)  # the SDK's API (no .catalog there)
    collection = result.to_feature_collection()
    path = workdir / "sdk.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    layer = QgsVectorLayer(str(path), "sdk", "ogr")
    count = layer.featureCount()
    return time.perf_counter() - started, count


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


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    from bench.emulator_process import EmulatorProcess

    app = QgsApplication([], False)
    app.initQgis()
    # The emulator runs in its own process, as the real Console is a remote server: served
    # from threads of this interpreter, it would compete with the UI thread for the GIL.
    emu = EmulatorProcess(["--items", str(N_ITEMS + 2000), "--seed", "7"]).start()
    times: dict[str, list[float]] = {"plugin": [], "sdk": [], "floor": [], "floor_gc": []}
    stalls: list[float] = []
    counts: dict[str, int] = {}
    sdk_error: Optional[str] = None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            # Warm-up (discarded): fills the emulator's result cache, GDAL/PROJ and the
            # OGR provider for every pipeline alike, and records the SDK's page requests.
            emu.clear_requests()
            try:
                run_sdk(emu.url, workdir)
                bodies = search_bodies(emu)
            except Exception as exc:  # the SDK may be missing or refuse the emulator
                sdk_error = str(exc)
                bodies = [{"bbox": WORLD, "limit": 900, "page": p} for p in range(1, 12)]
                bodies.append({"bbox": WORLD, "limit": 100, "page": 100})
            run_floor(emu.url, bodies)
            run_plugin(app, emu.url, workdir, run=0)
            for run in range(1, RUNS + 1):
                gc.collect()
                elapsed, stall, counts["plugin"] = run_plugin(app, emu.url, workdir, run)
                times["plugin"].append(elapsed)
                stalls.append(stall)
                if sdk_error is None:
                    elapsed, counts["sdk"] = run_sdk(emu.url, workdir)
                    times["sdk"].append(elapsed)
                elapsed, counts["floor"] = run_floor(emu.url, bodies)
                times["floor"].append(elapsed)
                elapsed, _ = run_floor(emu.url, bodies, pause_gc=True)
                times["floor_gc"].append(elapsed)
    finally:
        emu.stop()
    ours, sdk = _median(times["plugin"]), _median(times["sdk"])
    floor, floor_gc = _median(times["floor"]), _median(times["floor_gc"])
    spread = ", ".join(f"{t:.2f}" for t in times["plugin"])
    print(f"median of {RUNS} runs after a warm-up; floor replays the SDK's {len(bodies)} requests")
    print(
        f"plugin search→styled layer: {ours:.2f} s ({counts.get('plugin', 0)} features) [{spread}]"
    )
    if sdk_error is not None:
        print(f"SDK run failed: {sdk_error}")
    print(f"SDK search+to_feature_collection+OGR: {sdk:.2f} s ({counts.get('sdk', 0)} features)")
    print(f"raw httpx fetch+parse (floor): {floor:.2f} s ({counts.get('floor', 0)} items)")
    print(f"  (same floor with the GC paused, for reference: {floor_gc:.2f} s)")
    print(f"ratio plugin/SDK: {ours / sdk:.2f} (target ≤ 0.5)")
    print(f"ratio plugin/floor: {ours / floor:.2f} (target ≤ 1.3)")
    print(f"ratio plugin/floor with GC paused: {ours / floor_gc:.2f} (reference)")
    print(
        f"longest main-thread stall: {max(stalls) * 1000:.0f} ms worst, "
        f"{_median(stalls) * 1000:.0f} ms median (target ≤ 50 ms)"
    )


if __name__ == "__main__":
    main()

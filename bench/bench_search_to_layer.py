"""Benchmark: 10,000 catalog items from the emulator → styled footprint layer, vs SDK and floor."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

N_ITEMS = 10_000
PAGE_SIZE = 500
WORLD = [-180.0, -90.0, 180.0, 90.0]


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


def run_plugin(app: Any, url: str, workdir: Path) -> tuple[float, float, int]:
    from qgis.core import QgsApplication, QgsProject

    from capella_qgis.core.client import ConsoleClient
    from capella_qgis.core.credential import Credential
    from capella_qgis.core.search import CatalogQuery
    from capella_qgis.tasks.task_search import SearchTask
    from capella_qgis.toolbelt.footprints import load_footprint_layer

    client = ConsoleClient(Credential.api_key("demo"), base_url=url, page_size=PAGE_SIZE)
    done: dict[str, Any] = {}
    probe = StallProbe()
    started = time.perf_counter()
    probe.start()
    task = SearchTask(
        CatalogQuery(bbox=WORLD, limit=N_ITEMS),
        workdir / "bench.gpkg",
        "bench_search",
        client=client,
        mode="parallel",
        on_success=lambda outcome: done.setdefault("outcome", outcome),
        on_error=lambda msg: done.setdefault("error", msg),
    )
    QgsApplication.taskManager().addTask(task)
    while not done:
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
    result = client.search(bbox=WORLD, limit=N_ITEMS)
    collection = result.to_feature_collection()
    path = workdir / "sdk.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    layer = QgsVectorLayer(str(path), "sdk", "ogr")
    count = layer.featureCount()
    return time.perf_counter() - started, count


def run_floor(url: str) -> tuple[float, int]:
    import httpx

    started = time.perf_counter()
    items = 0
    with httpx.Client(base_url=url, headers={"Authorization": "ApiKey demo"}) as http:
        for page in range(1, N_ITEMS // PAGE_SIZE + 1):
            body = {"bbox": WORLD, "limit": PAGE_SIZE, "page": page}
            data = http.post("/catalog/search", json=body).json()
            items += len(data["features"])
    return time.perf_counter() - started, items


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    from tests.console_emulator.server import Emulator

    app = QgsApplication([], False)
    app.initQgis()
    emu = Emulator(items=N_ITEMS + 2000, seed=7).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            floor, floor_n = run_floor(emu.url)
            ours, stall, ours_n = run_plugin(app, emu.url, workdir)
            try:
                sdk, sdk_n = run_sdk(emu.url, workdir)
            except Exception as exc:  # the SDK may be missing or refuse the emulator
                print(f"SDK run failed: {exc}")
                sdk, sdk_n = float("nan"), 0
    finally:
        emu.stop()
    print(f"plugin search→styled layer: {ours:.2f} s ({ours_n} features)")
    print(f"SDK search+to_feature_collection+OGR: {sdk:.2f} s ({sdk_n} features)")
    print(f"raw httpx fetch+parse (floor): {floor:.2f} s ({floor_n} items)")
    print(f"ratio plugin/SDK: {ours / sdk:.2f} (target ≤ 0.5)")
    print(f"ratio plugin/floor: {ours / floor:.2f} (target ≤ 1.3)")
    print(f"longest main-thread stall: {stall * 1000:.0f} ms (target ≤ 50 ms)")


if __name__ == "__main__":
    main()

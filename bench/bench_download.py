"""Download benchmarks: ours vs the SDK's download_products and aria2c, with a bandwidth cap."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

MB = 1024 * 1024
MANY_COUNT = int(os.environ.get("BENCH_MANY_COUNT", "40"))
MANY_MB = int(os.environ.get("BENCH_MANY_MB", "25"))
LARGE_MB = int(os.environ.get("BENCH_LARGE_MB", "1024"))
BPS = float(os.environ.get("BENCH_BPS", str(20 * 1000 * 1000)))  # per connection
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))


class SizedStore:
    """Asset store serving random bytes: one HH file per item, sized per item index."""

    def __init__(self, root: Path, sizes: dict[str, int]) -> None:
        self.root, self.sizes = root, sizes

    def asset_keys(self, item: dict) -> list[str]:
        return ["HH"]

    def filename(self, item: dict, key: str) -> str:
        return f"{item['id']}.tif"

    def media_type(self, key: str, item: dict) -> str:
        return "image/tiff; application=geotiff"

    def title(self, key: str) -> str:
        return "Data file"

    def path(self, item: dict, key: str) -> Path:
        size = self.sizes.get(item["id"], 1024)
        target = self.root / f"{size}.bin"
        if not target.exists():
            tmp = target.with_suffix(".tmp")
            with open(tmp, "wb") as fh:
                left = size
                while left:
                    n = min(left, 4 * MB)
                    fh.write(random.randbytes(n))
                    left -= n
            tmp.replace(target)
        return target


def _rss() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def _timed(fn: Callable[[], Any]) -> float:
    start = time.monotonic()
    fn()
    return time.monotonic() - start


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication, QTimer

    from capella_qgis.core.download import DownloadEngine, plan_downloads
    from tests.console_emulator import Emulator

    app = QgsApplication([], False)
    app.initQgis()
    work = Path(tempfile.mkdtemp(prefix="capella-bench-"))
    try:
        sizes: dict[str, int] = {}
        emu = Emulator(items=200, seed=11, asset_store=SizedStore(work, sizes))
        entries = [e for e in emu.state.entries if emu.state.accessible(e)]
        many, large = entries[:MANY_COUNT], entries[MANY_COUNT]
        for entry in many:
            sizes[entry.id] = MANY_MB * MB
        sizes[large.id] = LARGE_MB * MB
        emu.store.root = work
        emu.start()
        emu.faults.add("bandwidth", "/assets/*", bytes_per_sec=BPS)
        import httpx

        api = httpx.Client(base_url=emu.url, headers={"Authorization": "ApiKey demo"})

        def presigned(group: list[Any]) -> tuple[str, list[dict]]:
            body = {"items": [{"collectionId": e.collection, "granuleId": e.id} for e in group]}
            order_id = api.post("/orders", json=body).json()["orderId"]
            return order_id, api.get(f"/orders/{order_id}/download").json()

        for entry in [*many, large]:  # generate source files outside the timings
            emu.store.path(entry.item, "HH")
        many_order, many_items = presigned(many)
        large_order, large_items = presigned([large])
        total_many = MANY_COUNT * MANY_MB * MB

        def ours(items: list[dict], dest: Path) -> Any:
            plan = plan_downloads(items, _fresh(dest), order_id=None)
            engine = DownloadEngine(
                max_connections=CONNECTIONS, segments_per_file=CONNECTIONS, check_disk_space=False
            )
            return engine.run(plan)

        from capella_console_client import CapellaConsoleClient

        sdk = CapellaConsoleClient(api_key="demo", base_url=emu.url)
        print(f"cap {BPS / 1e6:.0f} MB/s per connection; ours uses {CONNECTIONS} connections")

        # 1. many assets
        peak = [0]
        base_rss = _rss()
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.05):
                peak[0] = max(peak[0], _rss())

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t_ours = _timed(lambda: ours(many_items, work / "ours_many"))
        t_sdk = _timed(
            lambda: sdk.download_products(
                items_presigned=many_items, local_dir=_fresh(work / "sdk_many"), threaded=True
            )
        )
        print(
            f"many ({MANY_COUNT} x {MANY_MB} MB): ours {total_many / MB / t_ours:.0f} MB/s, "
            f"SDK {total_many / MB / t_sdk:.0f} MB/s -> ratio {t_sdk / t_ours:.2f}x (target >= 1.0)"
        )
        shutil.rmtree(work / "sdk_many", ignore_errors=True)

        # 2. one large asset (also measures RSS across ~2 GB of our downloads)
        t_ours_l = _timed(lambda: ours(large_items, work / "ours_large"))
        stop.set()
        sampler.join()
        url = large_items[0]["assets"]["HH"]["href"]
        t_sdk_l = _timed(lambda: sdk.download_asset(url, local_path=_fresh(work / "sdk_large")))
        shutil.rmtree(work / "sdk_large", ignore_errors=True)
        aria = _fresh(work / "aria")
        t_aria = _timed(
            lambda: subprocess.run(
                ["aria2c", "-q", "-x8", "-s8", "-k1M", "-d", str(aria), "-o", "a.tif", url],
                check=True,
            )
        )
        shutil.rmtree(aria, ignore_errors=True)
        print(
            f"large ({LARGE_MB} MB): ours {t_ours_l:.1f} s, SDK {t_sdk_l:.1f} s "
            f"-> {t_sdk_l / t_ours_l:.2f}x (target >= 4); aria2c -x8 -s8 {t_aria:.1f} s "
            f"-> {t_aria / t_ours_l:.2f}x (target >= 0.9)"
        )
        growth = (peak[0] - base_rss) / MB
        print(f"peak RSS growth over {(total_many + LARGE_MB * MB) / MB:.0f} MB: {growth:.0f} MB")
        shutil.rmtree(work / "ours_many", ignore_errors=True)

        # 3. bytes fetched again after an interruption at a random point
        cut = random.randint(MB, LARGE_MB * MB - MB)
        emu.faults.add("reset", f"*{large.id}.tif", count=1, after_bytes=cut)
        plan = plan_downloads(large_items, _fresh(work / "ours_cut"))
        engine = DownloadEngine(max_connections=1, segments_per_file=1, check_disk_space=False)
        report = engine.run(plan)
        refetched = report.outcomes[0].bytes_received - LARGE_MB * MB
        print(
            f"interruption at byte {cut}: {max(0, refetched)} bytes fetched again "
            f"(target <= one 1 MiB chunk), ok={report.ok}"
        )
        shutil.rmtree(work / "ours_cut", ignore_errors=True)
        emu.faults.clear()
        emu.faults.add("bandwidth", "/assets/*", bytes_per_sec=BPS)

        # 4. longest main-thread stall while a DownloadTask runs in the task manager
        from capella_qgis.core.client import ConsoleClient
        from capella_qgis.core.credential import Credential
        from capella_qgis.core.download import QueueStore
        from capella_qgis.tasks.task_download import DownloadRequest, DownloadTask
        from capella_qgis.toolbelt.settings import PluginSettings

        request = DownloadRequest("order", _fresh(work / "task"), ids=[many_order])
        task = DownloadTask(
            request,
            settings=PluginSettings(api_url=emu.url, max_parallel_downloads=CONNECTIONS),
            client=ConsoleClient(Credential.api_key("demo"), base_url=emu.url),
            queue=QueueStore(work / "queue.json"),
        )
        done = threading.Event()
        task.taskCompleted.connect(done.set)
        task.taskTerminated.connect(done.set)
        last, worst = [time.monotonic()], [0.0]

        def tick() -> None:
            now = time.monotonic()
            worst[0] = max(worst[0], now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(tick)
        timer.start()
        QgsApplication.taskManager().addTask(task)
        last[0] = time.monotonic()
        while not done.is_set():
            QCoreApplication.processEvents()
            time.sleep(0.001)
        timer.stop()
        print(
            f"longest main-thread stall: {max(0.0, worst[0] - 0.005) * 1000:.0f} ms (target <= 50)"
        )
        del large_order
        emu.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)

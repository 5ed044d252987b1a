"""Shared helpers for the order/download QGIS tests (no tests here)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Optional

import httpx
from qgis.core import QgsApplication

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.api.http import RetryPolicy
from capella_qgis.core.download import QueueStore
from capella_qgis.tasks.task_base import BaseTask
from capella_qgis.tasks.task_download import DownloadOptions, DownloadRequest, DownloadTask
from capella_qgis.toolbelt.settings import PluginSettings

TIMEOUT_MS = 60_000
CHUNK = 64 * 1024


def client_for(emulator: Any, key: str = "demo") -> ConsoleClient:
    return ConsoleClient(Credential.api_key(key), base_url=emulator.url)


def settings_for(emulator: Any) -> PluginSettings:
    return PluginSettings(api_url=emulator.url, max_parallel_downloads=4)


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def source(emulator: Any, stac_id: str, key: str) -> Path:
    return Path(emulator.store.path(emulator.state.by_id[stac_id].item, key))


def entries_with(emulator: Any, product_type: str, count: int = 1) -> list[Any]:
    out = []
    for entry in emulator.state.entries:
        if entry.props["sar:product_type"] != product_type or not emulator.state.accessible(entry):
            continue
        if "HH" in emulator.assets.filenames(entry) or "VV" in emulator.assets.filenames(entry):
            out.append(entry)
        if len(out) == count:
            break
    return out


def place_order(emulator: Any, entries: list[Any]) -> str:
    body = {"items": [{"collectionId": e.collection, "granuleId": e.id} for e in entries]}
    with httpx.Client(base_url=emulator.url, headers={"Authorization": "ApiKey demo"}) as api:
        response = api.post("/orders", json=body)
        response.raise_for_status()
        return str(response.json()["orderId"])


def presigned_items(emulator: Any, order_id: str) -> list[dict]:
    with httpx.Client(base_url=emulator.url, headers={"Authorization": "ApiKey demo"}) as api:
        response = api.get(f"/orders/{order_id}/download")
        response.raise_for_status()
        return list(response.json())


def make_task(
    emulator: Any,
    request: DownloadRequest,
    tmp_path: Path,
    *,
    queue: Optional[QueueStore] = None,
    **engine: Any,
) -> DownloadTask:
    engine.setdefault("chunk_size", CHUNK)
    engine.setdefault("progress_interval", 0.05)
    return DownloadTask(
        request,
        settings=settings_for(emulator),
        client=client_for(emulator),
        options=DownloadOptions(
            queue=queue or QueueStore(tmp_path / "queue.json"),
            retry=RetryPolicy.asset(base_delay=0.05, max_delay=0.2, jitter=False),
            engine_options=engine,
        ),
    )


def run_task(qtbot: Any, task: BaseTask) -> tuple[list[Any], list[str]]:
    """Run through the QGIS task manager and wait for it to end (no hung tasks)."""
    ok: list[Any] = []
    errors: list[str] = []
    task.on_success, task.on_error = ok.append, errors.append
    done: list[bool] = []
    task.taskCompleted.connect(lambda: done.append(True))
    task.taskTerminated.connect(lambda: done.append(False))
    QgsApplication.taskManager().addTask(task)
    qtbot.waitUntil(lambda: bool(done) and bool(ok or errors), timeout=TIMEOUT_MS)
    for message in errors:
        assert "Traceback" not in message
    return ok, errors

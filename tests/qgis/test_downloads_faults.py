"""Resume after faults, cancel then resume, and the persistent queue (Console emulator)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from capella_qgis.core.download import QueueStore
from capella_qgis.core.download.segments import PartOwner, Sidecar
from capella_qgis.core.download.sources import ItemsSource, OrderSource, ResumeSource
from capella_qgis.tasks.task_download import DownloadRequest
from tests.qgis.downloads_support import (
    entries_with,
    make_task,
    place_order,
    presigned_items,
    run_task,
    sha,
    source,
)


def _order(emulator: Any, product_type: str = "SLC") -> tuple[str, Any, Path]:
    entry = entries_with(emulator, product_type, 1)[0]
    order_id = place_order(emulator, [entry])
    key = "HH" if "HH" in emulator.assets.filenames(entry) else "VV"
    return order_id, entry, source(emulator, entry.id, key)


def _asset_gets(emulator: Any) -> list[Any]:
    """Body GETs of rasters (size probes, ``Range: bytes=0-0``, left out)."""
    return [
        r
        for r in emulator.requests("asset")
        if r.method == "GET" and r.path.endswith(".tif") and r.headers.get("Range") != "bytes=0-0"
    ]


def _download(qtbot: Any, emulator: Any, tmp_path: Path, order_id: str, **kw: Any) -> Any:
    request = DownloadRequest(OrderSource(order_id), tmp_path, include=["raster"])
    ok, errors = run_task(qtbot, make_task(emulator, request, tmp_path, **kw))
    assert not errors, errors
    assert ok[0].report.ok, ok[0].report.summary()
    return ok[0]


def _range_start(record: Any) -> int:
    value = record.headers.get("Range") or "bytes=0-"
    return int(value.split("=")[1].split("-")[0] or 0)


def test_connection_reset_mid_body_resumes(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    order_id, _entry, src = _order(emulator)
    emulator.faults.add("reset", f"*{src.name}", count=1, after_bytes=600_000)
    result = _download(qtbot, emulator, tmp_path, order_id, segments_per_file=1)
    outcome = result.report.completed[0]
    assert sha(outcome.path) == sha(src)
    gets = _asset_gets(emulator)
    assert len(gets) >= 2 and 0 < _range_start(gets[-1]) <= 600_000


def test_503_then_success(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    order_id, _entry, src = _order(emulator)
    emulator.faults.add("status", f"*{src.name}", count=2, status=503)
    result = _download(qtbot, emulator, tmp_path, order_id)
    assert sha(result.report.completed[0].path) == sha(src)
    statuses = [r.status for r in emulator.requests("asset") if r.path.endswith(".tif")]
    assert statuses[:2] == [503, 503] and statuses[-1] in (200, 206)


def test_server_without_range_restarts_cleanly(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    order_id, entry, src = _order(emulator)
    target = tmp_path / entry.id / src.name
    target.parent.mkdir(parents=True)
    Path(str(target) + ".part").write_bytes(b"\xff" * 100_000)  # garbage: must not survive
    emulator.faults.add("ignore_range", f"*{src.name}")
    result = _download(qtbot, emulator, tmp_path, order_id)
    assert sha(result.report.completed[0].path) == sha(src)


def test_expired_link_mid_file_is_refreshed(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    order_id, entry, src = _order(emulator)
    half = src.stat().st_size // 2
    target = tmp_path / entry.id / src.name
    target.parent.mkdir(parents=True)
    emulator.configure(url_ttl=60)
    items = presigned_items(emulator, order_id)
    # The half a previous run left, with the sidecar it writes first (only such a .part resumes).
    [item] = [i for i in items if i["id"] == entry.id]
    key = next(k for k in ("HH", "VV") if k in item["assets"])
    href = item["assets"][key]["href"]
    etag = httpx.get(href, headers={"Range": "bytes=0-0"}).headers["ETag"]
    owner = PartOwner(entry.id, key, src.stat().st_size, f"etag:{etag}")
    Sidecar(owner, href).write(Path(str(target) + ".part.json"))
    Path(str(target) + ".part").write_bytes(src.read_bytes()[:half])
    emulator.clock.advance(600)  # links expired, the order itself is still valid
    emulator.clear_requests()
    request = DownloadRequest(ItemsSource(tuple(items), order_id), tmp_path, include=["raster"])
    ok, errors = run_task(qtbot, make_task(emulator, request, tmp_path))
    assert not errors, errors
    assert ok[0].report.ok, ok[0].report.summary()
    assert sha(target) == sha(src)
    gets = _asset_gets(emulator)
    assert emulator.requests("asset")[0].status == 403
    refreshes = [r for r in emulator.requests("api") if r.path.endswith("/download")]
    assert refreshes, "expired link was not refreshed from /orders/{id}/download"
    assert [_range_start(g) for g in gets if g.status == 206] == [half]


def test_cancel_keeps_part_then_resume_from_queue(
    qtbot: Any, emulator: Any, tmp_path: Path
) -> None:
    order_id, entry, src = _order(emulator)
    emulator.faults.add("bandwidth", f"*{src.name}", bytes_per_sec=300_000)
    queue = QueueStore(tmp_path / "queue.json")
    request = DownloadRequest(OrderSource(order_id), tmp_path, include=["raster"])
    task = make_task(emulator, request, tmp_path, queue=queue)
    task.progressSnapshot.connect(lambda s: s.bytes_done > 100_000 and task.cancel())
    ok, errors = run_task(qtbot, task)
    assert not ok and "Cancel" in errors[0]
    target = tmp_path / entry.id / src.name
    part = Path(str(target) + ".part")
    assert part.exists() and not target.exists()
    pending = QueueStore(tmp_path / "queue.json").pending()  # as after a QGIS restart
    assert [e.stac_id for e in pending] == [entry.id]
    assert "?" not in pending[0].url  # no presigned signature in the profile
    emulator.faults.clear()
    emulator.clear_requests()
    resume = DownloadRequest(ResumeSource(tuple(pending)), tmp_path)
    ok, errors = run_task(qtbot, make_task(emulator, resume, tmp_path, queue=queue))
    assert not errors, errors
    assert ok[0].report.ok and sha(target) == sha(src)
    assert _range_start(_asset_gets(emulator)[0]) > 0
    assert not QueueStore(tmp_path / "queue.json").pending()

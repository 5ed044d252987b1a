"""The download engine against the Console emulator's presigned S3-like asset host."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from capella_qgis.core.api.http import RetryPolicy
from capella_qgis.core.download import (
    AssetFilter,
    DownloadEngine,
    DownloadJob,
    plan_downloads,
)
from capella_qgis.core.download.segments import PartOwner, Sidecar
from tests.console_emulator import Emulator

CHUNK = 64 * 1024


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    emulator = Emulator(items=40, seed=7, asset_size=3_000_000).start()
    yield emulator
    emulator.stop()


@pytest.fixture(autouse=True)
def _clean(emu: Emulator) -> Iterator[None]:
    emu.faults.clear()
    emu.clear_requests()
    emu.stats.reset()
    emu.clock.reset()
    yield
    emu.faults.clear()
    emu.clock.reset()


def _sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _order_items(emu: Emulator, count: int = 2) -> list[dict[str, Any]]:
    headers = {"Authorization": "ApiKey demo"}
    entries = [e for e in emu.state.entries if "HH" in emu.assets.filenames(e)][:count]
    body = {"items": [{"collectionId": e.collection, "granuleId": e.id} for e in entries]}
    with httpx.Client(base_url=emu.url, headers=headers) as api:
        order = api.post("/orders", json=body)
        order.raise_for_status()
        items = api.get(f"/orders/{order.json()['orderId']}/download")
        items.raise_for_status()
        return items.json()


def _source(emu: Emulator, stac_id: str, key: str) -> Path:
    return Path(emu.store.path(emu.state.by_id[stac_id].item, key))


def _engine(**kw: Any) -> tuple[DownloadEngine, list[float]]:
    sleeps: list[float] = []
    kw.setdefault("retry", RetryPolicy.asset(sleep=sleeps.append, jitter=False))
    kw.setdefault("chunk_size", CHUNK)
    kw.setdefault("check_disk_space", False)
    kw.setdefault("progress_interval", 0.0)
    kw.setdefault("segments_per_file", 1)
    return DownloadEngine(**kw), sleeps


def _hh_job(emu: Emulator, tmp_path: Path, ttl: float = 3600) -> DownloadJob:
    entry = next(e for e in emu.state.entries if "HH" in emu.assets.filenames(e))
    url = emu.presign(entry.id, "HH", ttl)
    name = emu.assets.filenames(entry)["HH"]
    return DownloadJob(entry.id, "HH", url, tmp_path / entry.id / name, "SLC")


def _asset_gets(emu: Emulator) -> list[Any]:
    return [r for r in emu.requests("asset") if r.method == "GET"]


def test_order_download_end_to_end_matches_sources(emu: Emulator, tmp_path: Path) -> None:
    items = _order_items(emu, 2)
    plan = plan_downloads(items, tmp_path, filters=AssetFilter.create(exclude="preview"))
    assert plan and all(j.asset_key not in ("license", "preview") for j in plan)
    engine, _ = _engine(
        max_connections=4, segments_per_file=4, segment_threshold=512 * 1024, adaptive=False
    )
    report = engine.run(plan)
    assert report.ok, report.summary()
    for outcome in report.completed:
        assert outcome.verified
        assert _sha(outcome.path) == _sha(_source(emu, outcome.job.stac_id, outcome.job.asset_key))
    assert set(report.by_stac_id()) == {j.stac_id for j in plan}
    assert emu.stats.snapshot()["asset_requests_with_authorization"] == 0
    assert emu.stats.snapshot()["peak_asset_concurrency"] <= 4


def test_segmented_multi_mb_file_is_byte_identical(emu: Emulator, tmp_path: Path) -> None:
    job = _hh_job(emu, tmp_path)
    engine, _ = _engine(
        max_connections=6, segments_per_file=6, segment_threshold=256 * 1024, adaptive=False
    )
    report = engine.run([job])
    assert report.ok
    source = _source(emu, job.stac_id, "HH")
    assert source.stat().st_size > 2_000_000
    assert _sha(job.target) == _sha(source)
    ranged = [r.headers.get("Range") for r in _asset_gets(emu)]
    assert len(ranged) == 7 and ranged[0] == "bytes=0-0"


def test_reset_mid_body_resumes_without_refetching(emu: Emulator, tmp_path: Path) -> None:
    job = _hh_job(emu, tmp_path)
    emu.faults.add("reset", f"*{job.target.name}", count=1, after_bytes=700_000)
    engine, sleeps = _engine()
    report = engine.run([job])
    assert report.ok and _sha(job.target) == _sha(_source(emu, job.stac_id, "HH"))
    gets = _asset_gets(emu)
    assert len(gets) == 2 and len(sleeps) == 1
    resumed_at = int(gets[1].headers["Range"].split("=")[1].rstrip("-"))
    # An RST may drop bytes still in kernel buffers; whatever reached us is kept, not refetched.
    assert 0 < resumed_at <= 700_000
    assert (
        job.target.stat().st_size - resumed_at
        == _source(emu, job.stac_id, "HH").stat().st_size - resumed_at
    )


def test_ignored_range_restarts_cleanly(emu: Emulator, tmp_path: Path) -> None:
    job = _hh_job(emu, tmp_path)
    job.target.parent.mkdir(parents=True)
    job.part_path.write_bytes(b"\0" * 12345)
    emu.faults.add("ignore_range", f"*{job.target.name}")
    report, _ = _engine()[0].run([job]), None
    assert report.ok and _sha(job.target) == _sha(_source(emu, job.stac_id, "HH"))


def test_416_on_complete_part(emu: Emulator, tmp_path: Path) -> None:
    job = _hh_job(emu, tmp_path)
    job.target.parent.mkdir(parents=True)
    data = _source(emu, job.stac_id, "HH").read_bytes()
    # Only a .part its sidecar vouches for is resumed: plant both, as a writer leaves them.
    etag = httpx.get(job.url, headers={"Range": "bytes=0-0"}).headers["ETag"]
    owner = PartOwner.of(job, len(data), f"etag:{etag}")
    Sidecar(owner, job.url).write(job.sidecar_path)
    job.part_path.write_bytes(data)
    emu.clear_requests()
    report = _engine()[0].run([job])
    assert report.ok and report.completed[0].verified
    assert [r.status for r in _asset_gets(emu)] == [416]


def test_truncated_body_and_wrong_length_never_complete(emu: Emulator, tmp_path: Path) -> None:
    job = _hh_job(emu, tmp_path)
    emu.faults.add("wrong_length", f"*{job.target.name}", delta=5000)
    emu.faults.add("ignore_range", f"*{job.target.name}")
    report = _engine()[0].run([job])
    assert not report.ok and not job.target.exists()
    assert "attempts" in report.failed[0].reason


def test_no_content_length_is_unverified(emu: Emulator, tmp_path: Path) -> None:
    job = _hh_job(emu, tmp_path)
    emu.faults.add("chunked", f"*{job.target.name}")
    emu.faults.add("ignore_range", f"*{job.target.name}")
    report = _engine()[0].run([job])
    assert report.ok and report.completed[0].verified is False
    assert _sha(job.target) == _sha(_source(emu, job.stac_id, "HH"))


def test_429_and_503_then_success(emu: Emulator, tmp_path: Path) -> None:
    job = _hh_job(emu, tmp_path)
    emu.faults.add("rate_limit", f"*{job.target.name}", count=1, retry_after=9)
    # Both rules match the first request (429 wins); the second request gets the 503.
    emu.faults.add("status", f"*{job.target.name}", count=2, status=503)
    engine, sleeps = _engine()
    report = engine.run([job])
    assert report.ok and sleeps[0] == 9.0 and len(sleeps) == 2


def test_500_forever_bounded(emu: Emulator, tmp_path: Path) -> None:
    job = _hh_job(emu, tmp_path)
    emu.faults.add("status", f"*{job.target.name}", status=500)
    engine, sleeps = _engine()
    report = engine.run([job])
    assert not report.ok and "HTTP 500" in report.failed[0].reason
    assert len(_asset_gets(emu)) == 5 and len(sleeps) == 4


def test_expired_url_mid_file_refreshes_and_continues(emu: Emulator, tmp_path: Path) -> None:
    job = _hh_job(emu, tmp_path, ttl=60)
    emu.faults.add("reset", f"*{job.target.name}", count=1, after_bytes=500_000)
    refreshed: list[str] = []

    def refresh(j: DownloadJob) -> str:
        refreshed.append(j.key)
        return emu.presign(j.stac_id, j.asset_key, 3600)

    engine, _ = _engine(
        refresh_url=refresh,
        retry=RetryPolicy.asset(sleep=lambda s: emu.clock.advance(120), jitter=False),
    )
    report = engine.run([job])
    assert report.ok and refreshed == [job.key]
    assert _sha(job.target) == _sha(_source(emu, job.stac_id, "HH"))
    gets = _asset_gets(emu)
    assert [g.status for g in gets] == [206, 403, 206]
    assert 0 < int(gets[2].headers["Range"][6:-1]) <= 500_000


def test_cancel_then_resume(emu: Emulator, tmp_path: Path) -> None:
    job = _hh_job(emu, tmp_path)
    cancel = threading.Event()

    def progress(snap: Any) -> None:
        if snap.bytes_done >= 1_000_000:
            cancel.set()

    engine, _ = _engine()
    report = engine.run([job], progress=progress, cancel_event=cancel)
    assert report.cancelled and job.part_path.exists() and not job.target.exists()
    kept = job.part_path.stat().st_size
    emu.clear_requests()
    report = engine.run([job])
    assert report.ok and _sha(job.target) == _sha(_source(emu, job.stac_id, "HH"))
    assert _asset_gets(emu)[0].headers["Range"] == f"bytes={kept}-"


def test_missing_asset_is_404_failure(emu: Emulator, tmp_path: Path) -> None:
    job = _hh_job(emu, tmp_path)
    path = httpx.URL(job.url).path.replace(".tif", "_nope.tif")
    job.url = emu.presigner.sign(emu.asset_base, path, 3600)
    report = _engine()[0].run([job])
    assert "not found" in report.failed[0].reason and "Signature" not in report.failed[0].reason

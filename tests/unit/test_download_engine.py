"""Engine: segmented downloads, sidecar resume, concurrency cap, report, progress, disk, queue."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections import namedtuple
from pathlib import Path

import pytest

from capella_qgis.core.download import (
    DownloadJob,
    InsufficientSpaceError,
    QueueStore,
    check_free_space,
)
from capella_qgis.core.download.segments import SegmentState
from tests.unit.download_support import (
    STAC_A,
    STAC_B,
    FakeAssetHost,
    engine_for,
    payload,
    sha,
)

CHUNK = 64 * 1024
BIG = 3 * 1024 * 1024 + 12345


def _big_job(host: FakeAssetHost, tmp_path: Path, data: bytes, name: str = "big") -> DownloadJob:
    path = f"/bucket/{STAC_A}/{STAC_A}_{name}.tif"
    url = host.add(path, data)
    return DownloadJob(STAC_A, name, url, tmp_path / f"{STAC_A}_{name}.tif", "SLC")


def _seg_engine(host: FakeAssetHost, **kw):
    kw.setdefault("segments_per_file", 4)
    kw.setdefault("segment_threshold", 256 * 1024)
    kw.setdefault("adaptive", False)  # split into the segments at once (adaptive: own tests)
    return engine_for(host, **kw)


def test_segmented_download_is_byte_identical(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(BIG)
    job = _big_job(host, tmp_path, data)
    engine, _ = _seg_engine(host)
    report = engine.run([job])
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    ranges = sorted(r.headers.get("range", "") for r in host.gets())
    assert "bytes=0-0" in ranges and len(ranges) == 5  # probe + 4 segments
    assert host.body_bytes() == len(data)  # the probe's body is never read
    assert not job.sidecar_path.exists() and not job.part_path.exists()


def test_segment_reset_resumes_that_segment(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(BIG)
    job = _big_job(host, tmp_path, data)
    host.reset_after[job.url.split("?")[0].replace("https://assets.example.com", "")] = [
        1,
        300_000,
    ]
    engine, sleeps = _seg_engine(host)
    report = engine.run([job])
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    assert host.body_bytes() == len(data)  # nothing received was refetched
    assert len(sleeps) == 1  # the first reset entry was taken by the probe


class _ChunkClock:
    """A clock that moves ``step`` s per progress report (one per chunk written)."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def tick(self) -> None:
        with self._lock:
            self.now += self.step


def _count_sidecar_saves(monkeypatch, job: DownloadJob) -> list[int]:
    import capella_qgis.core.download.segments as segments

    saves: list[int] = []
    real = segments.os.replace

    def replace(src, dst) -> None:
        if Path(dst) == job.sidecar_path:
            saves.append(1)
        real(src, dst)

    monkeypatch.setattr(segments.os, "replace", replace)
    return saves


def test_segmented_sidecar_is_saved_by_time_not_by_chunk(tmp_path: Path, monkeypatch) -> None:
    host = FakeAssetHost()
    data = payload(BIG)
    job = _big_job(host, tmp_path, data)
    clock = _ChunkClock(0.5)  # 4 chunks per 2 s checkpoint interval
    saves = _count_sidecar_saves(monkeypatch, job)
    engine, _ = _seg_engine(host, clock=clock, checkpoint_interval=2.0)
    report = engine.run([job], progress=lambda snap: clock.tick())
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    chunks = -(-len(data) // CHUNK)  # 50 chunks: saved per chunk, 50+ sidecar rewrites
    # One save per 4 chunks, the first (before any data) and one per segment's end.
    assert len(saves) <= chunks // 4 + 1 + 1 + 4
    assert len(saves) >= 4  # ... but saved along the way, not only at the end


def test_sidecar_resume_after_simulated_crash(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(BIG)
    job = _big_job(host, tmp_path, data)
    backup = tmp_path / "crash"
    backup.mkdir()
    taken = threading.Event()
    lock = threading.Lock()
    seen: list[int] = []
    clock = _ChunkClock(0.5)  # a checkpoint every 4 chunks (2 s)

    def progress(snap) -> None:
        clock.tick()
        with lock:
            if not taken.is_set() and snap.bytes_done >= len(data) // 2:
                # A crash freezes the sidecar first, then whatever data reached the disk.
                shutil.copy(job.sidecar_path, backup / "sidecar")
                shutil.copy(job.part_path, backup / "part")
                seen.append(snap.bytes_done)
                taken.set()

    engine, _ = _seg_engine(host, clock=clock, checkpoint_interval=2.0)
    assert engine.run([job], progress=progress).ok and taken.is_set()
    job.target.unlink()
    shutil.copy(backup / "sidecar", job.sidecar_path)
    shutil.copy(backup / "part", job.part_path)
    state = SegmentState.load(job.sidecar_path, len(data), job.url)
    assert state is not None and 0 < state.done < len(data)
    assert "Signature" not in job.sidecar_path.read_text()
    served_before = host.body_bytes()
    report = engine.run([job])
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    refetched = host.body_bytes() - served_before
    assert refetched == len(data) - state.done
    # The sidecar lags the data by at most one checkpoint interval (4 chunks on this clock),
    # plus a chunk per segment written but not yet reported when the copy was taken.
    assert seen[0] - state.done <= (4 + 4) * CHUNK


def test_sidecar_resume_keeps_segments_when_the_new_plan_would_not_split(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(BIG)
    job = _big_job(host, tmp_path, data)
    cut = threading.Event()
    saved = tmp_path / "saved"

    def progress(snap) -> None:
        if not cut.is_set() and snap.bytes_done >= len(data) // 3:
            shutil.copy(job.sidecar_path, saved)
            shutil.copy(job.part_path, tmp_path / "saved.part")
            cut.set()

    # Saved after every chunk (interval 0), so the copy has progress to resume from.
    engine = _seg_engine(host, checkpoint_interval=0.0)[0]
    assert engine.run([job], progress=progress).ok and cut.is_set()
    job.target.unlink()
    shutil.copy(saved, job.sidecar_path)
    shutil.copy(tmp_path / "saved.part", job.part_path)
    state = SegmentState.load(job.sidecar_path, len(data), job.url)
    assert state is not None and 0 < state.done < len(data)
    served = host.body_bytes()
    # This run would fetch the file whole (one segment): the sidecar's progress still counts.
    report = _seg_engine(host, segments_per_file=1)[0].run([job])
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    assert host.body_bytes() - served == len(data) - state.done


def test_server_without_range_falls_back_to_single_stream(tmp_path: Path) -> None:
    host = FakeAssetHost(ignore_range=True)
    data = payload(BIG)
    job = _big_job(host, tmp_path, data)
    engine, _ = _seg_engine(host)
    report = engine.run([job])
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    assert len(host.gets()) == 2 and not job.sidecar_path.exists()


def test_range_support_lost_midway_falls_back(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(BIG)
    job = _big_job(host, tmp_path, data)
    orig = host.handle

    def handle(request):
        if len(host.log) >= 1:
            host.ignore_range = True
        return orig(request)

    host.handle = handle  # type: ignore[method-assign]
    engine, _ = _seg_engine(host)
    report = engine.run([job])
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    assert not job.sidecar_path.exists()


def test_connection_cap_counts_segments(tmp_path: Path) -> None:
    host = FakeAssetHost()
    jobs = [_big_job(host, tmp_path, payload(1024 * 1024, seed=i), f"f{i}") for i in range(4)]
    engine, _ = _seg_engine(host, max_connections=3)
    report = engine.run(jobs)
    assert report.ok and len(report.completed) == 4
    assert host.peak <= 3
    for i, job in enumerate(jobs):
        assert job.target.read_bytes() == payload(1024 * 1024, seed=i)


def test_no_authorization_header_reaches_the_asset_host(tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".netrc").write_text("machine assets.example.com login u password p\n")
    monkeypatch.setenv("NETRC", str(home / ".netrc"))
    host = FakeAssetHost()
    jobs = [_big_job(host, tmp_path, payload(400_000), "x"), _big_job(host, tmp_path, b"1", "y")]
    engine, _ = _seg_engine(host)
    assert engine.run(jobs).ok
    assert host.log and all("authorization" not in r.headers for r in host.log)


def _two_products(host: FakeAssetHost, tmp_path: Path) -> list[DownloadJob]:
    jobs = []
    for stac in (STAC_A, STAC_B):
        for key, name in (("HH", f"{stac}.tif"), ("thumbnail", f"{stac}_thumb.png")):
            url = host.add(f"/bucket/{stac}/{name}", payload(5000, seed=len(jobs)))
            jobs.append(DownloadJob(stac, key, url, tmp_path / stac / name, "SLC", 5000))
    return jobs


def test_report_tracks_each_asset_when_products_share_keys(tmp_path: Path) -> None:
    host = FakeAssetHost()
    jobs = _two_products(host, tmp_path)
    del host.files[f"/bucket/{STAC_A}/{STAC_A}.tif"]  # the EARLIER product's HH fails
    engine, _ = engine_for(host)
    report = engine.run(jobs)
    assert not report.ok
    assert [o.key for o in report.failed] == [f"{STAC_A}/HH"]
    assert {o.key for o in report.completed} == {
        f"{STAC_A}/thumbnail",
        f"{STAC_B}/HH",
        f"{STAC_B}/thumbnail",
    }
    by_id = report.by_stac_id()
    assert set(by_id[STAC_A]) == {"thumbnail"} and set(by_id[STAC_B]) == {"HH", "thumbnail"}
    assert "1 failed" in report.summary()


def test_progress_snapshots_and_product_aggregates(tmp_path: Path) -> None:
    host = FakeAssetHost()
    jobs = _two_products(host, tmp_path)
    snaps = []
    ticks = iter(range(10_000))
    engine, _ = engine_for(host, clock=lambda: float(next(ticks)))
    engine.run(jobs, progress=snaps.append)
    last = snaps[-1]
    assert last.bytes_done == last.bytes_total == 20_000 and last.fraction == 1.0
    assert last.count("completed") == 4
    assert last.products[STAC_A].finished == 2 and last.products[STAC_A].done == 10_000
    assert any(s.rate > 0 for s in snaps) and last.eta == 0.0


def test_disk_space_check_refuses_before_any_request(tmp_path: Path, monkeypatch) -> None:
    import capella_qgis.core.download.disk as disk_mod

    host = FakeAssetHost()
    jobs = _two_products(host, tmp_path)
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(disk_mod.shutil, "disk_usage", lambda p: usage(10**9, 10**9, 1000))
    engine, _ = engine_for(host, check_disk_space=True)
    with pytest.raises(InsufficientSpaceError) as exc:
        engine.run(jobs)
    assert "needs 19.5 KiB" in exc.value.message and host.log == []
    monkeypatch.setattr(disk_mod.shutil, "disk_usage", lambda p: usage(10**12, 0, 10**11))
    check_free_space(jobs)


def test_duplicate_targets_are_never_overwritten(tmp_path: Path) -> None:
    host = FakeAssetHost()
    jobs = _two_products(host, tmp_path)
    clash = DownloadJob(STAC_B, "preview", jobs[0].url, jobs[0].target, "SLC", 5000)
    engine, _ = engine_for(host)
    report = engine.run([*jobs, clash])
    assert [o.key for o in report.failed] == [f"{STAC_B}/preview"]
    assert "already used by" in report.failed[0].reason


def test_queue_store_round_trip_without_query_strings(tmp_path: Path) -> None:
    host = FakeAssetHost()
    jobs = _two_products(host, tmp_path)
    for job in jobs:
        job.order_id = "0b6e6a2e-1111-2222-3333-444455556666"
    del host.files[f"/bucket/{STAC_B}/{STAC_B}.tif"]
    store_path = tmp_path / "profile" / "capella_downloads.json"
    store = QueueStore(store_path)
    engine, _ = engine_for(host)
    engine.run(jobs, queue=store)
    text = store_path.read_text()
    assert "?" not in text and "Signature" not in text and "secret" not in text
    doc = json.loads(text)
    assert len(doc["entries"]) == 1  # the finished three are dropped at the end of the run
    reloaded = QueueStore(store_path)
    pending = reloaded.pending()
    assert [(e.key, e.state) for e in pending] == [(f"{STAC_B}/HH", "failed")]
    entry = pending[0]
    assert entry.order_id == jobs[0].order_id and entry.expected_size == 5000
    job = entry.to_job(host.url(f"/bucket/{STAC_B}/{STAC_B}.tif"))
    assert job.target == jobs[2].target and job.url.endswith("X-Amz-Credential=secret")
    assert [e.key for e in QueueStore(store_path).entries()] == [f"{STAC_B}/HH"]


def test_queue_store_survives_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    path.write_text("{not json")
    store = QueueStore(path)
    assert store.entries() == [] and (tmp_path / "q.json.corrupt").exists()


def test_segmented_cancel_keeps_sidecar_and_resumes(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(BIG)
    job = _big_job(host, tmp_path, data)
    cancel = threading.Event()

    def progress(snap) -> None:
        if snap.bytes_done >= len(data) // 3:
            cancel.set()

    engine, _ = _seg_engine(host)
    report = engine.run([job], progress=progress, cancel_event=cancel)
    assert report.cancelled and job.sidecar_path.exists() and job.part_path.exists()
    state = SegmentState.load(job.sidecar_path, len(data), job.url)
    assert state is not None
    served = host.body_bytes()
    report = engine.run([job])
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    assert host.body_bytes() - served == len(data) - state.done


def test_logs_never_contain_presigned_query(tmp_path: Path, caplog) -> None:
    host = FakeAssetHost()
    jobs = _two_products(host, tmp_path)
    host.statuses[jobs[0].url.split("?")[0][len("https://assets.example.com") :]] = [(503, {})]
    engine, _ = engine_for(host)
    with caplog.at_level("DEBUG", logger="capella_qgis"):
        assert engine.run(jobs).ok
    assert "503" in caplog.text and "secret" not in caplog.text and "sig1" not in caplog.text


def test_is_cancelled_is_never_asked_once_the_run_is_over(tmp_path: Path) -> None:
    # Processing passes feedback.isCanceled: the feedback may be gone after the run.
    host = FakeAssetHost()
    job = _big_job(host, tmp_path, payload(1000))
    engine, _ = engine_for(host)
    calls: list[float] = []
    report = engine.run([job], is_cancelled=lambda: bool(calls.append(time.monotonic())))
    ended = time.monotonic()
    assert report.ok
    time.sleep(0.3)  # the watcher polls every 0.05 s
    assert not [t for t in calls if t > ended]


def test_summary_names_each_failed_asset_once(tmp_path: Path) -> None:
    host = FakeAssetHost()
    job = _big_job(host, tmp_path, payload(1000), name="HH")
    host.statuses[f"/bucket/{STAC_A}/{STAC_A}_HH.tif"] = [(500, {})] * 20
    engine, _ = engine_for(host)
    report = engine.run([job])
    assert not report.ok
    failure = report.summary().splitlines()[1]
    assert failure.count(job.key) == 1, failure
    assert failure.startswith(f"  {job.key}: ") and "HTTP 500" in failure

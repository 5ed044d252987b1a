"""Single-asset fetch against an httpx.MockTransport asset host: resume, faults, verification."""

from __future__ import annotations

import errno
import threading
import time
from pathlib import Path

import pytest

from capella_qgis.core.api.http import RetryPolicy
from capella_qgis.core.download import DownloadJob
from capella_qgis.core.download.segments import PartOwner, Sidecar
from tests.unit.download_support import (
    EXPIRED_XML,
    STAC_A,
    FakeAssetHost,
    engine_for,
    payload,
    sha,
)

CHUNK = 64 * 1024
PATH = f"/bucket/{STAC_A}/{STAC_A}.tif"


def _job(host: FakeAssetHost, tmp_path: Path, data: bytes, size: int | None = None) -> DownloadJob:
    url = host.add(PATH, data)
    return DownloadJob(STAC_A, "HH", url, tmp_path / STAC_A / f"{STAC_A}.tif", "SLC", size)


def _plant_own_part(job: DownloadJob, content: bytes, total: int) -> None:
    """A .part as this downloader leaves it: its sidecar (the host sends no ETag), then bytes."""
    job.target.parent.mkdir(parents=True, exist_ok=True)
    Sidecar(PartOwner.of(job, total, None), job.url).write(job.sidecar_path)
    job.part_path.write_bytes(content)


def _run(host: FakeAssetHost, job: DownloadJob, **kw):
    overwrite = kw.pop("overwrite", False)
    cancel = kw.pop("cancel_event", None)
    engine, sleeps = engine_for(host, segments_per_file=kw.pop("segments_per_file", 1), **kw)
    report = engine.run([job], cancel_event=cancel, overwrite=overwrite)
    return report, sleeps


def test_fresh_download_is_byte_identical(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(300_000)
    job = _job(host, tmp_path, data)
    report, _ = _run(host, job)
    assert report.ok and len(report.completed) == 1
    out = report.completed[0]
    assert out.verified and out.size == len(data)
    assert sha(job.target.read_bytes()) == sha(data)
    assert not job.part_path.exists()
    assert report.by_stac_id() == {STAC_A: {"HH": job.target}}


def test_resume_after_reset_refetches_at_most_one_chunk(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(10 * CHUNK + 123)
    job = _job(host, tmp_path, data)
    host.reset_after[PATH] = [4 * CHUNK + 1000]
    report, sleeps = _run(host, job)
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    gets = host.gets(PATH)
    assert len(gets) == 2
    # The bytes already received stay on disk: the resume asks for exactly what is missing.
    assert gets[1].headers["range"] == f"bytes={4 * CHUNK + 1000}-"
    assert host.body_bytes(PATH) == len(data)  # nothing received was thrown away
    assert len(sleeps) == 1


def test_resume_from_existing_part(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(200_000)
    job = _job(host, tmp_path, data)
    _plant_own_part(job, data[:150_000], len(data))
    report, _ = _run(host, job)
    assert report.ok and job.target.read_bytes() == data
    assert host.gets(PATH)[0].headers["range"] == "bytes=150000-"
    assert host.body_bytes(PATH) == 50_000
    assert not job.sidecar_path.exists()


def test_server_ignoring_range_restarts_cleanly(tmp_path: Path) -> None:
    host = FakeAssetHost(ignore_range=True)
    data = payload(200_000)
    job = _job(host, tmp_path, data)
    job.target.parent.mkdir(parents=True)
    job.part_path.write_bytes(b"garbage-garbage")
    report, _ = _run(host, job)
    assert report.ok and job.target.read_bytes() == data


def test_416_with_complete_part_is_accepted(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(5000)
    job = _job(host, tmp_path, data)
    _plant_own_part(job, data, len(data))
    report, _ = _run(host, job)
    assert report.ok and report.completed[0].verified
    assert host.gets(PATH)[0].status == 416 and job.target.read_bytes() == data


def test_416_with_oversized_part_restarts(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(5000)
    job = _job(host, tmp_path, data)
    _plant_own_part(job, data + b"extra-bytes", len(data))
    report, sleeps = _run(host, job)
    assert report.ok and job.target.read_bytes() == data
    assert [r.status for r in host.gets(PATH)] == [416, 206]
    assert sleeps == []  # an immediate restart, no back-off


def test_truncated_body_is_never_complete(tmp_path: Path) -> None:
    host = FakeAssetHost(ignore_range=True)
    data = payload(100_000)
    job = _job(host, tmp_path, data)
    host.reset_after[PATH] = [50_000] * 10
    report, sleeps = _run(host, job)
    assert not report.ok and "failed after 5 attempts" in report.failed[0].reason
    assert not job.target.exists()
    assert len(sleeps) == 4


def test_wrong_content_length_larger_is_not_complete(tmp_path: Path) -> None:
    host = FakeAssetHost(ignore_range=True, wrong_length=1000)
    data = payload(20_000)
    job = _job(host, tmp_path, data)
    report, _ = _run(host, job)
    assert not report.ok and not job.target.exists()
    assert "closed at byte 20000 of 21000" in report.failed[0].reason


def test_wrong_content_length_smaller_restarts_then_fails(tmp_path: Path) -> None:
    host = FakeAssetHost(ignore_range=True, wrong_length=-1000)
    job = _job(host, tmp_path, payload(20_000))
    report, _ = _run(host, job)
    assert not report.ok and "more than the announced" in report.failed[0].reason
    assert not job.target.exists()


def test_no_content_length_completes_unverified(tmp_path: Path) -> None:
    host = FakeAssetHost(no_length=True, ignore_range=True)
    data = payload(70_000)
    job = _job(host, tmp_path, data)
    report, _ = _run(host, job)
    assert report.ok and job.target.read_bytes() == data
    assert report.completed[0].verified is False and report.unverified


def test_no_content_length_reset_is_resumed(tmp_path: Path) -> None:
    host = FakeAssetHost(no_length=True)
    data = payload(70_000)
    job = _job(host, tmp_path, data)
    host.reset_after[PATH] = [30_000]
    report, _ = _run(host, job)
    assert report.ok and job.target.read_bytes() == data
    # The 206 of the resume carried Content-Range with the total: now verified.
    assert report.completed[0].verified


def test_429_retry_after_is_honoured(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(1000)
    job = _job(host, tmp_path, data)
    host.statuses[PATH] = [(429, {"Retry-After": "7"})]
    report, sleeps = _run(host, job)
    assert report.ok and sleeps == [7.0]


@pytest.mark.parametrize("status", [500, 503])
def test_5xx_bounded_retries_then_failure(tmp_path: Path, status: int) -> None:
    host = FakeAssetHost()
    job = _job(host, tmp_path, payload(1000))
    host.statuses[PATH] = [(status, {})] * 20
    report, sleeps = _run(host, job, retry=None)
    assert not report.ok and f"HTTP {status}" in report.failed[0].reason
    assert len(host.gets(PATH)) == 5 and len(sleeps) == 4
    assert sleeps == sorted(sleeps)  # exponential back-off


def test_5xx_then_success(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(1000)
    job = _job(host, tmp_path, data)
    host.statuses[PATH] = [(503, {}), (500, {})]
    report, _ = _run(host, job)
    assert report.ok and job.target.read_bytes() == data


def test_404_fails_with_clear_message_and_no_query(tmp_path: Path) -> None:
    host = FakeAssetHost()
    job = _job(host, tmp_path, b"x")
    host.files.clear()
    report, sleeps = _run(host, job)
    reason = report.failed[0].reason
    assert "not found" in reason and "Signature" not in reason and "secret" not in reason
    assert sleeps == [] and len(host.gets()) == 1


def test_expired_url_without_refresh_fails_fast(tmp_path: Path) -> None:
    host = FakeAssetHost(valid_tokens={"other"})
    job = _job(host, tmp_path, b"x" * 10)
    report, _ = _run(host, job)
    assert report.failed[0].error.code == "URL_EXPIRED"
    assert len(host.gets()) == 1  # not retried forever (SDK quirk 8)


def test_expired_url_mid_file_refreshes_and_continues_same_part(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(8 * CHUNK)
    job = _job(host, tmp_path, data)
    host.reset_after[PATH] = [3 * CHUNK]
    calls: list[str] = []

    def refresh(j: DownloadJob) -> str:
        calls.append(j.key)
        host.valid_tokens = {"sig2"}
        return host.url(PATH, "sig2")

    # The first URL expires right after the connection drop.
    orig = host.handle

    def handle(request):
        if len(host.log) == 1:
            host.valid_tokens = set()
        return orig(request)

    host.handle = handle  # type: ignore[method-assign]
    report, _ = _run(host, job, refresh_url=refresh)
    assert report.ok and job.target.read_bytes() == data and calls == [job.key]
    gets = host.gets(PATH)
    assert [g.status for g in gets] == [206, 403, 206]
    assert gets[2].headers["range"] == f"bytes={3 * CHUNK}-" and "sig2" in gets[2].query
    assert host.body_bytes(PATH) == len(data)


def test_refresh_limit(tmp_path: Path) -> None:
    host = FakeAssetHost(valid_tokens=set())
    job = _job(host, tmp_path, b"abc")
    report, _ = _run(host, job, refresh_url=lambda j: host.url(PATH, "again"))
    assert "kept expiring" in report.failed[0].reason
    assert len(host.gets()) == 4  # first try + 3 refreshed URLs


def test_cancel_keeps_part_and_later_run_resumes(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(10 * CHUNK)
    job = _job(host, tmp_path, data)
    cancel = threading.Event()

    def progress(snap) -> None:
        if snap.bytes_done >= 3 * CHUNK:
            cancel.set()

    engine, _ = engine_for(host, segments_per_file=1)
    report = engine.run([job], progress=progress, cancel_event=cancel)
    assert report.cancelled and not report.ok and not job.target.exists()
    kept = job.part_path.stat().st_size
    assert 3 * CHUNK <= kept < len(data)
    assert "partial file kept" in report.cancelled[0].reason
    report2 = engine.run([job])
    assert report2.ok and job.target.read_bytes() == data
    assert host.gets(PATH)[-1].headers["range"] == f"bytes={kept}-"


def test_disk_full_fails_and_keeps_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import capella_qgis.core.download.fetch as fetch_mod

    host = FakeAssetHost()
    job = _job(host, tmp_path, payload(5 * CHUNK))
    real_open = open

    class _Full:
        def __init__(self, fh):
            self.fh, self.writes = fh, 0

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.writes += 1
            if self.writes > 2:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.fh.write(data)

    monkeypatch.setattr(fetch_mod, "open", lambda *a, **k: _Full(real_open(*a, **k)), raising=False)
    report, sleeps = _run(host, job)
    failure = report.failed[0]
    assert failure.error.code == "DISK_FULL" and "Disk full" in failure.reason
    assert job.part_path.stat().st_size == 2 * CHUNK and sleeps == []


def test_existing_complete_target_skipped_without_download(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(4000)
    job = _job(host, tmp_path, data, size=4000)
    job.target.parent.mkdir(parents=True)
    job.target.write_bytes(data)
    report, _ = _run(host, job)
    assert len(report.skipped) == 1 and host.gets() == []


def test_existing_target_checked_by_probe_and_redownloaded_when_wrong(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(4000)
    job = _job(host, tmp_path, data)
    job.target.parent.mkdir(parents=True)
    job.target.write_bytes(data)
    report, _ = _run(host, job)
    assert len(report.skipped) == 1
    assert host.gets()[0].headers["range"] == "bytes=0-0"
    job.target.write_bytes(data[:100])  # an SDK-style short "complete" file
    report, _ = _run(host, job)
    assert len(report.completed) == 1 and job.target.read_bytes() == data


def test_overwrite_downloads_again(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(4000)
    job = _job(host, tmp_path, data, size=4000)
    job.target.parent.mkdir(parents=True)
    job.target.write_bytes(b"z" * 4000)
    report, _ = _run(host, job, overwrite=True)
    assert len(report.completed) == 1 and job.target.read_bytes() == data


def test_api_preset_policy_is_accepted(tmp_path: Path) -> None:
    host = FakeAssetHost()
    job = _job(host, tmp_path, payload(100))
    host.statuses[PATH] = [(503, {})] * 10
    slept: list[float] = []
    engine, _ = engine_for(host, retry=RetryPolicy(max_attempts=2, sleep=slept.append))
    report = engine.run([job])
    assert not report.ok and len(host.gets()) == 2 and len(slept) == 1


def test_403_other_than_expiry_is_not_retried(tmp_path: Path) -> None:
    host = FakeAssetHost()
    job = _job(host, tmp_path, b"abc")
    host.statuses[PATH] = [(403, {"body": "<Error><Code>AllAccessDisabled</Code></Error>"})]
    report, _ = _run(host, job, retry=RetryPolicy.asset(sleep=lambda s: None))
    assert "access denied" in report.failed[0].reason and len(host.gets()) == 1
    assert EXPIRED_XML not in report.failed[0].reason.encode()


def test_retry_after_beyond_the_cap_waits_the_cap(tmp_path: Path) -> None:
    # The wait budget, not a refusal, ends a server that keeps asking (test_download_waits).
    host = FakeAssetHost()
    job = _job(host, tmp_path, payload(1000))
    host.statuses[PATH] = [(503, {"Retry-After": "600"})]
    report, sleeps = _run(host, job)
    assert report.ok and sleeps == [120.0] and len(host.gets(PATH)) == 2


def test_cancel_ends_a_retry_after_wait_at_once(tmp_path: Path) -> None:
    host = FakeAssetHost()
    job = _job(host, tmp_path, payload(1000))
    host.statuses[PATH] = [(429, {"Retry-After": "60"})]
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    engine, _ = engine_for(host, retry=RetryPolicy.asset(), segments_per_file=1)  # real waits
    started = time.monotonic()
    report = engine.run([job], cancel_event=cancel)
    assert time.monotonic() - started < 1.0
    assert [o.status for o in report.outcomes] == ["cancelled"]

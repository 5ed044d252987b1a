"""One writer per .part file: the OS lock across threads and processes, waiting, cancel, naming."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

from capella_qgis.core.api.http import RetryPolicy
from capella_qgis.core.download import (
    AssetFilter,
    DownloadEngine,
    DownloadJob,
    plan_downloads,
)
from capella_qgis.core.download import lock as lock_mod
from capella_qgis.core.download.lock import PartLock
from tests.console_emulator import Emulator
from tests.unit.download_support import STAC_A, FakeAssetHost, engine_for, payload, sha

ROOT = Path(__file__).resolve().parents[2]
PATH = f"/bucket/{STAC_A}/{STAC_A}.tif"
SEG_THRESHOLD = 256 * 1024
# Generous bounds for things that happen in milliseconds; only a hang ever reaches them.
SYNC_TIMEOUT = 30.0
WAITING = "is being written by another download; waiting"

# Holds an asset's lock in another process and, on command, writes what a writer would.
_HOLDER = r"""
import os, sys
from pathlib import Path
from capella_qgis.core.download.lock import PartLock
from capella_qgis.core.download.segments import PartOwner, Sidecar
lock_path, source, part, target = (Path(a) for a in sys.argv[1:5])
lock = PartLock(lock_path)
if not lock.try_acquire():
    sys.exit(3)
print("locked", flush=True)
for line in sys.stdin:
    cmd, _, arg = line.strip().partition(" ")
    if cmd == "part":  # as a writer does: its sidecar first (the host sends no ETag)
        owner = PartOwner(target.parent.name, "HH", source.stat().st_size, None)
        Sidecar(owner, "").write(part.with_name(part.name + ".json"))
        part.write_bytes(source.read_bytes()[: int(arg)])
    elif cmd == "done":
        part.write_bytes(source.read_bytes())
        os.replace(part, target)
    else:
        break
    print("ok", flush=True)
lock.release()
print("released", flush=True)
"""

# Runs the engine on one asset; stops once mid-file (lock held, .part half written) until told.
_ENGINE_CHILD = r"""
import json, sys
from pathlib import Path
from capella_qgis.core.download import DownloadEngine, DownloadJob
spec = json.loads(sys.argv[1])
job = DownloadJob(spec["stac_id"], "HH", spec["url"], Path(spec["target"]), "SLC", spec["size"])
gate = []
def progress(snap):
    if not gate and snap.bytes_done >= spec["gate_at"]:
        gate.append(1)
        print("writing", flush=True)
        sys.stdin.readline()
engine = DownloadEngine(
    max_connections=4,
    segments_per_file=spec["segments"],
    segment_threshold=spec["threshold"],
    adaptive=False,
    chunk_size=65536,
    check_disk_space=False,
    progress_interval=0.0,
)
out = engine.run([job], progress=progress).outcomes[0]
print(json.dumps({"status": out.status, "reason": out.reason}), flush=True)
"""


def _spawn(code: str, *args: Any) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *(str(a) for a in args)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _expect(proc: subprocess.Popen, line: str) -> None:
    assert proc.stdout is not None
    got = proc.stdout.readline().strip()
    assert got == line, f"child said {got!r} (exit code {proc.poll()})"


class Holder:
    """A child process that holds ``job``'s lock until released or killed."""

    def __init__(self, job: DownloadJob, source: Path) -> None:
        self.proc = _spawn(_HOLDER, job.lock_path, source, job.part_path, job.target)
        _expect(self.proc, "locked")

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        _expect(self.proc, "ok")

    def release(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("release\n")
        self.proc.stdin.flush()
        _expect(self.proc, "released")
        assert self.proc.wait(SYNC_TIMEOUT) == 0

    def kill(self) -> None:
        self.proc.kill()  # SIGKILL: no cleanup code runs, like QGIS being killed
        self.proc.wait(SYNC_TIMEOUT)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.kill()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture
def holders() -> Iterator[Callable[[DownloadJob, Path], Holder]]:
    started: list[Holder] = []

    def start(job: DownloadJob, source: Path) -> Holder:
        holder = Holder(job, source)
        started.append(holder)
        return holder

    yield start
    for holder in started:
        holder.close()


class LogWatch(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []
        self.waiting = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.messages.append(message)
        if WAITING in message:
            self.waiting.set()

    def count(self, text: str) -> int:
        return sum(text in m for m in self.messages)


@pytest.fixture
def logs() -> Iterator[LogWatch]:
    logger = logging.getLogger("capella_qgis.download")
    watch, old_level = LogWatch(), logger.level
    logger.addHandler(watch)
    logger.setLevel(logging.INFO)  # the plugin's log tab runs at INFO
    yield watch
    logger.removeHandler(watch)
    logger.setLevel(old_level)


class Background:
    """``engine.run`` in a thread, with its own cancel event."""

    def __init__(self, engine: DownloadEngine, jobs: list[DownloadJob], **kw: Any) -> None:
        self.cancel = threading.Event()
        self.report: Any = None
        self.error: Optional[BaseException] = None

        def run() -> None:
            try:
                self.report = engine.run(jobs, cancel_event=self.cancel, **kw)
            except BaseException as exc:
                self.error = exc

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def join(self) -> Any:
        self.thread.join(SYNC_TIMEOUT)
        if self.thread.is_alive():
            self.cancel.set()  # do not leave a hung worker behind a failed test
            self.thread.join(SYNC_TIMEOUT)
            pytest.fail("the download did not finish")
        if self.error is not None:
            raise self.error
        return self.report


def _job(host: FakeAssetHost, tmp_path: Path, data: bytes, size: Optional[int] = None):
    url = host.add(PATH, data)
    job = DownloadJob(STAC_A, "HH", url, tmp_path / STAC_A / f"{STAC_A}.tif", "SLC", size)
    job.target.parent.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "source.bin"
    source.write_bytes(data)
    return job, source


def _fake_engine(host: FakeAssetHost, mode: str) -> DownloadEngine:
    segments = 4 if mode == "segmented" else 1
    engine, _ = engine_for(
        host, segments_per_file=segments, segment_threshold=SEG_THRESHOLD, adaptive=False
    )
    return engine


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --------------------------------------------------------------------- the lock itself


def test_second_open_in_the_same_process_is_refused(tmp_path: Path) -> None:
    # The in-place upgrade case: old and new plugin copies run in the same QGIS process.
    path = tmp_path / "x.tif.part.lock"
    first, second = PartLock(path), PartLock(path)
    assert first.try_acquire()
    assert not second.try_acquire()
    assert first.check()
    first.release()
    assert not path.exists()  # removed by its holder
    assert second.try_acquire()
    second.release()


@pytest.mark.skipif(os.name == "nt", reason="Windows cannot unlink a file another handle has open")
def test_a_lock_on_an_unlinked_file_is_not_taken_for_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.tif.part.lock"
    old_holder, new_holder, late = PartLock(path), PartLock(path), PartLock(path)
    assert old_holder.try_acquire()
    real_lock = lock_mod._lock_fd
    raced: list[bool] = []

    def racing(fd: int, where: Path) -> bool:
        if not raced:
            raced.append(True)
            # Between ``late`` opening the file and locking it, its holder finishes (and
            # unlinks it) and a third writer creates and locks a fresh lock file.
            old_holder.release()
            assert new_holder.try_acquire()
        return real_lock(fd, where)

    monkeypatch.setattr(lock_mod, "_lock_fd", racing)
    # ``late`` gets the lock on the orphaned inode; only the inode check reveals it is stale.
    assert not late.try_acquire()
    assert raced and new_holder.check()
    new_holder.release()
    assert late.try_acquire()
    late.release()


@pytest.mark.parametrize("mode", ["single", "segmented"])
def test_two_engines_in_one_process_write_the_part_once(
    tmp_path: Path, logs: LogWatch, mode: str
) -> None:
    # An upgraded plugin's engine starts while the old copy's task is still writing.
    host = FakeAssetHost()
    data = payload(1_500_000)
    old_job, _ = _job(host, tmp_path, data, size=len(data))
    new_job = DownloadJob(STAC_A, "HH", old_job.url, old_job.target, "SLC", len(data))
    mid_file, go_on = threading.Event(), threading.Event()

    def pause_mid_file(snapshot: Any) -> None:
        if 0 < snapshot.bytes_done < len(data) and not mid_file.is_set():
            mid_file.set()
            go_on.wait(SYNC_TIMEOUT)

    old = Background(_fake_engine(host, mode), [old_job], progress=pause_mid_file)
    assert mid_file.wait(SYNC_TIMEOUT)
    new = Background(_fake_engine(host, mode), [new_job])
    assert logs.waiting.wait(SYNC_TIMEOUT)
    go_on.set()
    old_report, new_report = old.join(), new.join()
    assert [o.status for o in old_report.outcomes] == ["completed"], old_report.summary()
    assert [o.status for o in new_report.outcomes] == ["skipped"], new_report.summary()
    assert sha(old_job.target.read_bytes()) == sha(data)
    assert host.body_bytes() == len(data)  # one writer received every byte, once
    assert _listing(old_job.target.parent) == [old_job.target.name]


# --------------------------------------------------------------------- another process


@pytest.mark.parametrize("mode", ["single", "segmented"])
def test_fetch_waits_for_another_process_then_downloads(
    tmp_path: Path, holders: Any, logs: LogWatch, mode: str
) -> None:
    host = FakeAssetHost()
    data = payload(1_500_000)
    job, source = _job(host, tmp_path, data)
    holder = holders(job, source)
    run = Background(_fake_engine(host, mode), [job])
    assert logs.waiting.wait(SYNC_TIMEOUT)
    # Waiting means not writing: nothing requested, no .part, no target.
    assert host.log == []
    assert not job.part_path.exists() and not job.target.exists()
    holder.release()
    report = run.join()
    assert report.ok and len(report.completed) == 1, report.summary()
    assert sha(job.target.read_bytes()) == sha(data)
    assert logs.count(WAITING) == 1
    ranges = [r.headers.get("range") for r in host.gets()]
    if mode == "segmented":
        assert ranges[0] == "bytes=0-0" and len(ranges) == 5  # probe + 4 segments
    else:
        assert ranges == ["bytes=0-"]  # one stream from byte 0
    assert _listing(job.target.parent) == [job.target.name]


def test_after_the_wait_a_part_left_by_the_other_writer_is_resumed(
    tmp_path: Path, holders: Any, logs: LogWatch
) -> None:
    host = FakeAssetHost()
    data = payload(600_000)
    job, source = _job(host, tmp_path, data)
    holder = holders(job, source)
    run = Background(_fake_engine(host, "single"), [job])
    assert logs.waiting.wait(SYNC_TIMEOUT)
    holder.send("part 250000")  # the other writer gets this far, then stops (cancelled)
    holder.release()
    report = run.join()
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    assert [r.headers.get("range") for r in host.gets()] == ["bytes=250000-"]
    assert host.body_bytes() == len(data) - 250_000


@pytest.mark.parametrize("overwrite", [False, True])
def test_after_the_wait_a_file_the_other_writer_completed_is_skipped(
    tmp_path: Path, holders: Any, logs: LogWatch, overwrite: bool
) -> None:
    host = FakeAssetHost()
    data = payload(400_000)
    job, source = _job(host, tmp_path, data, size=len(data))
    if overwrite:
        job.target.write_bytes(b"an older copy")  # what "overwrite" means to replace
    holder = holders(job, source)
    run = Background(_fake_engine(host, "single"), [job], overwrite=overwrite)
    assert logs.waiting.wait(SYNC_TIMEOUT)
    holder.send("done")
    holder.release()
    report = run.join()
    assert report.ok and len(report.skipped) == 1, report.summary()
    assert host.log == []  # the file the other download just wrote is not fetched again
    assert job.target.read_bytes() == data
    assert _listing(job.target.parent) == [job.target.name]


def test_lock_of_a_killed_process_does_not_block(
    tmp_path: Path, holders: Any, logs: LogWatch
) -> None:
    host = FakeAssetHost()
    data = payload(600_000)
    job, source = _job(host, tmp_path, data)
    holder = holders(job, source)
    holder.send("part 200000")
    holder.kill()
    assert job.lock_path.exists()  # left behind, but no process holds its OS lock any more
    report = Background(_fake_engine(host, "single"), [job]).join()
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    assert logs.count(WAITING) == 0
    assert [r.headers.get("range") for r in host.gets()] == ["bytes=200000-"]
    assert _listing(job.target.parent) == [job.target.name]  # the stale lock file is gone


def test_cancel_while_waiting_for_the_lock(tmp_path: Path, holders: Any, logs: LogWatch) -> None:
    host = FakeAssetHost()
    data = payload(600_000)
    job, source = _job(host, tmp_path, data)
    holder = holders(job, source)
    holder.send("part 100000")
    before = job.part_path.stat()
    run = Background(_fake_engine(host, "single"), [job])
    assert logs.waiting.wait(SYNC_TIMEOUT)
    run.cancel.set()
    report = run.join()
    assert [o.status for o in report.outcomes] == ["cancelled"]
    assert "waiting for another download" in report.cancelled[0].reason
    assert host.log == []
    after = job.part_path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert job.part_path.read_bytes() == data[:100_000]
    assert not job.target.exists()
    assert job.lock_path.exists()  # still the other process's
    holder.release()


# --------------------------------------------------------------------- two real downloads


@pytest.fixture(scope="module")
def emu(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    # A private asset cache: the shared per-seed one must not depend on this module's sizes.
    cache = tmp_path_factory.mktemp("emulator-assets")
    emulator = Emulator(items=10, seed=7, asset_size=2_000_000, cache_dir=cache).start()
    yield emulator
    emulator.stop()


def _served_bytes(range_header: Optional[str], size: int) -> int:
    if not range_header:
        return size
    first, _, last = range_header.split("=", 1)[1].partition("-")
    end = min(int(last), size - 1) if last else size - 1
    return end - int(first) + 1


@pytest.mark.parametrize("mode", ["single", "segmented"])
def test_two_processes_downloading_one_asset_write_it_once(
    emu: Emulator, tmp_path: Path, logs: LogWatch, mode: str
) -> None:
    emu.faults.clear()
    emu.clear_requests()
    entry = next(e for e in emu.state.entries if "HH" in emu.assets.filenames(e))
    name = emu.assets.filenames(entry)["HH"]
    source = Path(emu.store.path(entry.item, "HH"))
    size = source.stat().st_size
    target = tmp_path / entry.id / name
    segments = 4 if mode == "segmented" else 1
    # Capped like S3 so the transfers would overlap for a while without the lock.
    emu.faults.add("bandwidth", f"*{name}", bytes_per_sec=size)
    spec = {
        "stac_id": entry.id,
        "url": emu.presign(entry.id, "HH", 3600),
        "target": str(target),
        "size": size,
        "segments": segments,
        "threshold": SEG_THRESHOLD,
        "gate_at": 300_000,
    }
    child = _spawn(_ENGINE_CHILD, json.dumps(spec))
    try:
        _expect(child, "writing")  # the child holds the lock with a half-written .part
        assert target.with_name(name + ".part").exists()
        job = DownloadJob(entry.id, "HH", emu.presign(entry.id, "HH", 3600), target, "SLC", size)
        engine = DownloadEngine(
            max_connections=4,
            segments_per_file=segments,
            segment_threshold=SEG_THRESHOLD,
            adaptive=False,
            chunk_size=64 * 1024,
            check_disk_space=False,
            progress_interval=0.0,
            retry=RetryPolicy.asset(sleep=lambda s: None, jitter=False),
        )
        run = Background(engine, [job])
        assert logs.waiting.wait(SYNC_TIMEOUT)
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write("go\n")
        child.stdin.flush()
        child_outcome = json.loads(child.stdout.readline())
        assert child.wait(SYNC_TIMEOUT) == 0
        report = run.join()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(SYNC_TIMEOUT)
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()
        emu.faults.clear()
    assert child_outcome["status"] == "completed", child_outcome
    assert [o.status for o in report.outcomes] == ["skipped"]
    assert sha(target.read_bytes()) == sha(source.read_bytes())
    # Every byte was served once: one writer fetched the file, the other wrote nothing.
    gets = [r for r in emu.requests("asset") if r.method == "GET"]
    data_ranges = [r.headers.get("Range") for r in gets if r.headers.get("Range") != "bytes=0-0"]
    assert sum(_served_bytes(r, size) for r in data_ranges) == size
    assert _listing(target.parent) == [name]


# --------------------------------------------------------------------- never an asset


def test_plan_keeps_work_file_names_free(tmp_path: Path) -> None:
    base = f"https://assets.example.com/{STAC_A}/{STAC_A}.tif"
    item = {
        "id": STAC_A,
        "assets": {
            "HH": {"href": base},
            "metadata": {"href": base + ".part.lock"},
            "preview": {"href": base + ".part"},
            "thumbnail": {"href": base + ".part.json"},
        },
    }
    plan = plan_downloads([item], tmp_path, filters=AssetFilter.create())
    targets = {job.asset_key: job.target for job in plan}
    assert targets["HH"].name == f"{STAC_A}.tif"
    work = {p.name.casefold() for job in plan for p in job.work_paths()}
    assert all(t.name.casefold() not in work for t in targets.values())
    assert set(plan.renamed) == {f"{STAC_A}/{k}" for k in ("metadata", "preview", "thumbnail")}
    assert plan[0].lock_path.name == f"{STAC_A}.tif.part.lock"


def test_engine_refuses_a_target_that_is_another_jobs_lock_file(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(300_000)
    job, _ = _job(host, tmp_path, data)
    other_url = host.add(PATH + ".part.lock", b"not a lock")
    clash = DownloadJob(STAC_A, "metadata", other_url, job.lock_path, "SLC")
    report = _fake_engine(host, "single").run([job, clash])
    assert [o.status for o in report.outcomes] == ["failed", "completed"]
    assert "already used by" in report.failed[0].reason
    assert report.by_stac_id() == {STAC_A: {"HH": job.target}}
    assert sha(job.target.read_bytes()) == sha(data)
    assert _listing(job.target.parent) == [job.target.name]


def test_lock_file_exists_only_while_writing_and_is_never_reported(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(1_500_000)
    job, _ = _job(host, tmp_path, data)
    seen: list[list[str]] = []

    def progress(snapshot: Any) -> None:
        if 0 < snapshot.bytes_done < len(data):
            seen.append(_listing(job.target.parent))

    report = _fake_engine(host, "segmented").run([job], progress=progress)
    assert report.ok
    assert seen and all(job.lock_path.name in names for names in seen)
    assert _listing(job.target.parent) == [job.target.name]
    assert report.by_stac_id() == {STAC_A: {"HH": job.target}}
    assert [o.path for o in report.outcomes] == [job.target]


def test_stale_lock_file_beside_a_complete_file(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(200_000)
    job, _ = _job(host, tmp_path, data)
    job.target.write_bytes(data)
    job.lock_path.write_bytes(b"")  # left by a killed download
    report = _fake_engine(host, "single").run([job])
    assert [o.status for o in report.outcomes] == ["skipped"]
    assert report.by_stac_id() == {STAC_A: {"HH": job.target}}
    assert _listing(job.target.parent) == [job.target.name]  # taken over, then removed

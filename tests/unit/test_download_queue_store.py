"""One resume queue for every download at once: threads and processes never drop each other."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from capella_qgis.core.download import DownloadJob, QueueStore
from capella_qgis.core.download.progress import CANCELLED, COMPLETED, RUNNING

ROOT = Path(__file__).resolve().parents[2]
ORDER_A = "0b6e6a2e-aaaa-2222-3333-444455556666"
ORDER_B = "0b6e6a2e-bbbb-2222-3333-444455556666"
JOBS = 12
# Generous bounds for work done in milliseconds: only a hang (a lock never freed) reaches them.
JOIN_TIMEOUT = 60.0
LOCK_WARNING = "writing without the lock"

# What the engine does with the queue for one order's files (add, running, completed): half
# the files finish, the rest stop mid-file with a .part on disk, then "cancel" marks them
# cancelled (the engine's cancel), "crash" exits at once and "stop" returns, leaving them
# running. ``step`` runs after every change until then (the threads' lockstep).
_RUN = r"""
import os
from pathlib import Path
from capella_qgis.core.download import DownloadJob
from capella_qgis.core.download.progress import CANCELLED, COMPLETED, RUNNING


def jobs_for(folder, order, count):
    return [
        DownloadJob(
            f"CAPELLA_{order[9:13]}_{i:02d}", "HH",
            f"https://assets.example.com/{order}/{i}.tif?X-Amz-Signature=secret",
            Path(folder) / f"{order[9:13]}_{i:02d}.tif", "SLC", 1000, order,
        )
        for i in range(count)
    ]


def run_order(store, jobs, mode, step=lambda: None):
    store.add(jobs)
    step()
    for i, job in enumerate(jobs):
        store.set_state(job, RUNNING)
        job.part_path.write_bytes(b"x" * 500)
        step()
        if i % 2 == 0:
            os.replace(job.part_path, job.target)
            store.set_state(job, COMPLETED, size=1000)
            step()
    if mode == "crash":
        os._exit(9)
    if mode == "stop":
        return
    for i, job in enumerate(jobs):
        if i % 2:
            store.set_state(job, CANCELLED, reason="Cancelled")
"""

# A second process running one order: ready once its store exists, starts on "go".
_CHILD = (
    _RUN
    + r"""
import sys
from capella_qgis.core.download import QueueStore
queue, folder, order, count, mode = sys.argv[1:6]
store = QueueStore(queue)
print("ready", flush=True)
sys.stdin.readline()
run_order(store, jobs_for(folder, order, int(count)), mode)
print("done", flush=True)
"""
)

# Holds the queue's lock as a writer would, until it is killed.
_HOLDER = r"""
import sys, time
from capella_qgis.core.download.lock import exclusive
with exclusive(sys.argv[1], timeout=10):
    print("locked", flush=True)
    time.sleep(600)
"""

_helpers: dict[str, Any] = {}
exec(compile(_RUN, "<queue-run>", "exec"), _helpers)  # the same steps as the child processes


def _spawn(code: str, *args: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *(str(a) for a in args)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _expect(proc: subprocess.Popen[str], line: str) -> None:
    assert proc.stdout is not None
    got = proc.stdout.readline().strip()
    assert got == line, f"child said {got!r} (exit code {proc.poll()})"


def _assert_resumable(queue: Path, folder: Path, orders: tuple[str, ...]) -> None:
    """Every .part on disk has its unfinished entry; every finished file is recorded done."""
    entries = {Path(e.target): e for e in QueueStore(queue).entries()}
    parts = sorted(folder.glob("*.tif.part"))
    assert len(parts) == len(orders) * (JOBS // 2)
    pending = {Path(e.target) for e in QueueStore(queue).pending()}
    missing = [p.name for p in parts if p.with_suffix("") not in pending]
    assert not missing, f"unfinished files missing from the resume queue: {missing}"
    assert {e.order_id for e in entries.values()} == set(orders)
    done = sorted(folder.glob("*.tif"))
    assert all(entries[p].state == COMPLETED for p in done) and len(done) == len(parts)
    assert "secret" not in queue.read_text()


def _run_threads(queue: Path, folder: Path, modes: dict[str, str]) -> None:
    stores = {order: QueueStore(queue) for order in modes}  # one per task, as DownloadTask does
    barrier = threading.Barrier(len(modes))
    errors: list[BaseException] = []

    def step() -> None:
        barrier.wait(JOIN_TIMEOUT)  # lockstep: every change of one task meets one of the other

    def run(order: str) -> None:
        jobs = _helpers["jobs_for"](folder, order, JOBS)
        try:
            _helpers["run_order"](stores[order], jobs, modes[order], step)
        except BaseException as exc:  # reported by the test below
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=run, args=(order,)) for order in modes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    assert not any(t.is_alive() for t in threads) and not errors, errors


def test_two_tasks_cancelled_keep_both_orders_resumable(tmp_path: Path) -> None:
    queue = tmp_path / "profile" / "download_queue.json"
    _run_threads(queue, tmp_path, {ORDER_A: "cancel", ORDER_B: "cancel"})
    _assert_resumable(queue, tmp_path, (ORDER_A, ORDER_B))
    states = {e.state for e in QueueStore(queue).pending()}
    assert states == {CANCELLED}


def test_a_task_stopped_mid_run_keeps_its_running_entries(tmp_path: Path) -> None:
    queue = tmp_path / "download_queue.json"
    _run_threads(queue, tmp_path, {ORDER_A: "cancel", ORDER_B: "stop"})
    _assert_resumable(queue, tmp_path, (ORDER_A, ORDER_B))
    by_order = {e.order_id: e.state for e in QueueStore(queue).pending()}
    assert by_order == {ORDER_A: CANCELLED, ORDER_B: RUNNING}


@pytest.mark.parametrize("mode_b", ["cancel", "crash"])
def test_two_processes_keep_each_others_entries(tmp_path: Path, mode_b: str) -> None:
    """QGIS and qgis_process at once: one cancels; the other cancels too, or is killed."""
    queue = tmp_path / "download_queue.json"
    modes = {ORDER_A: "cancel", ORDER_B: mode_b}
    procs = {o: _spawn(_CHILD, queue, tmp_path, o, JOBS, m) for o, m in modes.items()}
    try:
        for proc in procs.values():
            _expect(proc, "ready")
        for proc in procs.values():  # both stores exist before either writes
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        codes = {o: p.wait(JOIN_TIMEOUT) for o, p in procs.items()}
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
    assert codes == {ORDER_A: 0, ORDER_B: 0 if mode_b == "cancel" else 9}
    _assert_resumable(queue, tmp_path, (ORDER_A, ORDER_B))
    doc = json.loads(queue.read_text())
    assert len(doc["entries"]) == 2 * JOBS


def test_many_stores_lose_no_change(tmp_path: Path) -> None:
    """Eight stores, each one job at a time: every entry and its last state survives."""
    queue = tmp_path / "download_queue.json"
    orders = [f"0b6e6a2e-{i:04d}-2222-3333-444455556666" for i in range(8)]
    errors: list[BaseException] = []

    def run(order: str) -> None:
        store = QueueStore(queue)
        try:
            for job in _helpers["jobs_for"](tmp_path, order, 10):
                store.add([job])
                store.set_state(job, RUNNING)
                store.set_state(job, COMPLETED if job.stac_id[-1] in "02468" else CANCELLED)
        except BaseException as exc:  # reported by the test below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    assert not any(t.is_alive() for t in threads) and not errors, errors
    entries = QueueStore(queue).entries()
    assert len(entries) == 80
    assert sum(e.state == CANCELLED for e in entries) == 40
    assert {e.order_id for e in entries} == set(orders)


def test_a_writer_killed_holding_the_lock_blocks_nobody(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    queue = tmp_path / "download_queue.json"
    holder = _spawn(_HOLDER, queue.with_name(queue.name + ".lock"))
    try:
        _expect(holder, "locked")
        holder.kill()  # the OS frees its lock: the next writer takes it over
        holder.wait(JOIN_TIMEOUT)
    finally:
        if holder.poll() is None:
            holder.kill()
    job: DownloadJob = _helpers["jobs_for"](tmp_path, ORDER_A, 1)[0]
    with caplog.at_level(logging.WARNING, logger="capella_qgis.download"):
        QueueStore(queue).add([job])
    assert LOCK_WARNING not in caplog.text
    assert [e.key for e in QueueStore(queue).pending()] == [job.key]


def test_a_vanished_entry_comes_back_with_its_state(tmp_path: Path) -> None:
    """A damaged queue set aside mid-run: the task's own unfinished file is queued again."""
    queue = tmp_path / "download_queue.json"
    store = QueueStore(queue)
    job: DownloadJob = _helpers["jobs_for"](tmp_path, ORDER_A, 1)[0]
    store.add([job])
    queue.write_text("{damaged")
    store.set_state(job, CANCELLED, reason="Cancelled")
    assert (tmp_path / "download_queue.json.corrupt").exists()
    pending = QueueStore(queue).pending()
    assert [(e.key, e.state, e.order_id) for e in pending] == [(job.key, CANCELLED, ORDER_A)]
    other: DownloadJob = _helpers["jobs_for"](tmp_path, ORDER_B, 1)[0]
    QueueStore(queue).set_state(other, RUNNING)  # never queued: nothing to bring back
    assert len(QueueStore(queue).entries()) == 1

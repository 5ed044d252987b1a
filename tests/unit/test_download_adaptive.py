"""Adaptive segmentation (#20): split a file only while more connections raise its throughput."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

import httpx
import pytest

from capella_qgis.core.api.http import RetryPolicy
from capella_qgis.core.download import DownloadEngine, DownloadJob
from capella_qgis.core.download.adaptive import (
    HOLD,
    LONGEST_WINDOW,
    MEASURE,
    SPLIT,
    Throughput,
    allocate_pieces,
    gain,
    split_verdict,
    trial_connections,
)
from capella_qgis.core.download.segments import PartOwner, Segment, SegmentState, Sidecar
from tests.console_emulator import Emulator
from tests.unit.download_support import STAC_A, payload, sha

ROOT = Path(__file__).resolve().parents[2]
KIB = 1024
MB = 1_000_000
SIZE = 3_000_000


def _tp(connections: int, mb_per_s: float, seconds: float = 0.1) -> Throughput:
    return Throughput(connections, mb_per_s * MB, seconds)


# --- the decision, from throughput samples ------------------------------------------------------


def test_a_connection_cap_splits() -> None:
    # S3-like: each connection 20 MB/s; a second one doubles the file's rate.
    assert split_verdict(_tp(1, 20), _tp(2, 40)) == SPLIT
    assert split_verdict(_tp(2, 40), _tp(4, 70)) == SPLIT  # 75 % of the expected gain


def test_a_saturated_link_holds() -> None:
    # One stream already uses the link (or this machine): a second only shares it.
    assert split_verdict(_tp(1, 900), _tp(2, 880)) == HOLD
    assert split_verdict(_tp(1, 900), _tp(2, 990)) == HOLD  # +10 %: not worth a connection
    assert split_verdict(_tp(1, 12), _tp(2, 12)) == HOLD  # a 100 Mbit/s home link


def test_an_unclear_gain_is_measured_longer_then_decided() -> None:
    before = _tp(1, 20)
    assert split_verdict(before, _tp(2, 29, seconds=0.1)) == MEASURE  # +45 %
    # At the longest window the midpoint decides, either way.
    assert split_verdict(before, _tp(2, 29, seconds=LONGEST_WINDOW)) == SPLIT
    assert split_verdict(before, _tp(2, 27, seconds=LONGEST_WINDOW)) == HOLD


def test_no_added_connection_is_no_reason_to_split() -> None:
    assert split_verdict(_tp(2, 40), _tp(2, 80)) == HOLD
    assert split_verdict(_tp(2, 40), _tp(1, 40)) == HOLD


def test_gain_is_the_share_of_what_the_added_connections_should_bring() -> None:
    assert gain(_tp(1, 20), _tp(2, 40)) == pytest.approx(1.0)
    assert gain(_tp(2, 40), _tp(4, 60)) == pytest.approx(0.5)
    assert gain(_tp(1, 900), _tp(2, 450)) == pytest.approx(-0.5)
    assert gain(_tp(1, 0), _tp(2, 5)) == float("inf")  # a stalled start that recovered
    assert gain(_tp(1, 0), _tp(2, 0)) == 0.0


def test_the_trial_doubles_up_to_the_limit() -> None:
    assert trial_connections(1, 8) == 2
    assert trial_connections(3, 8) == 6
    assert trial_connections(6, 8) == 8
    assert trial_connections(8, 8) == 8


def test_pieces_are_balanced_and_never_below_the_minimum() -> None:
    # One segment to four: the largest piece is always the one cut.
    assert allocate_pieces([100], 3, 10) == [4]
    # Two unequal segments: pieces of about equal size (3 x 33 and 2 x 25).
    assert allocate_pieces([100, 50], 3, 10) == [3, 2]
    # Never a piece under the minimum split size (aria2 splits no range below 2 x it).
    assert allocate_pieces([39], 3, 20) == [1]
    assert allocate_pieces([40], 3, 20) == [2]
    assert allocate_pieces([], 3, 10) == []
    assert allocate_pieces([100], 0, 10) == [1]


# --- the split of a running segment --------------------------------------------------------------


def _state(tmp_path: Path, total: int) -> SegmentState:
    owner = PartOwner(STAC_A, "HH", total, "etag:x")
    return SegmentState(tmp_path / "f.part.json", owner, "https://h/f", [Segment(0, total - 1)])


def test_split_keeps_every_byte_covered_and_is_saved(tmp_path: Path) -> None:
    total = 10 * 64 * KIB + 123
    state = _state(tmp_path, total)
    seg = state.segments[0]
    seg.done = 3 * 64 * KIB + 5  # mid-chunk: the writer is here
    new = state.split(seg, 3, 64 * KIB)
    assert len(new) == 2 and seg.end + 1 == new[0].start and new[0].end + 1 == new[1].start
    assert new[1].end == total - 1
    assert all(s.start % (64 * KIB) == 0 for s in new)  # requests stay chunk-aligned
    assert seg.end >= seg.position  # never cut below what is written
    # The sidecar on disk already knows the three segments: a crash resumes each of them.
    loaded = SegmentState.load(state.path, total, "https://h/f?sig=1")
    assert loaded is not None
    assert [(s.start, s.end, s.done) for s in loaded.segments] == [
        (s.start, s.end, s.done) for s in state.segments
    ]


def test_split_of_a_nearly_done_segment_is_refused(tmp_path: Path) -> None:
    state = _state(tmp_path, 2 * 64 * KIB)
    seg = state.segments[0]
    seg.done = 2 * 64 * KIB - 10
    assert state.split(seg, 4, 64 * KIB) == []
    assert seg.end == 2 * 64 * KIB - 1 and len(state.segments) == 1


# --- the engine against links that behave differently ------------------------------------------

_RANGE = re.compile(r"bytes=(\d+)-(\d*)")


class _Paced(httpx.SyncByteStream):
    """A body paced by its host; open (counted in ``host.active``) from first read to close."""

    def __init__(self, host: PacedHost, body: bytes) -> None:
        self.host, self.body = host, body
        self._open = False

    def __iter__(self) -> Iterator[bytes]:
        with self.host.lock:
            self._open = True
            self.host.active += 1
            self.host.peak = max(self.host.peak, self.host.active)
        try:
            for pos in range(0, len(self.body), 32 * KIB):
                piece = self.body[pos : pos + 32 * KIB]
                self.host.pace(len(piece))
                with self.host.lock:
                    self.host.sent += len(piece)
                yield piece
        finally:
            self.close()

    def close(self) -> None:  # the client closes a response it stops reading (a split)
        with self.host.lock:
            if self._open:
                self._open = False
                self.host.active -= 1


class PacedHost:
    """One file served at ``rate`` bytes/s per connection, or shared by all (``shared``)."""

    def __init__(self, data: bytes, rate: float, shared: bool) -> None:
        self.data, self.rate, self.shared = data, rate, shared
        self.lock = threading.Lock()
        self.active = self.peak = self.sent = 0
        self.ranges: list[str] = []
        self._next = 0.0  # shared link: when the next piece may leave
        self._local = threading.local()

    def pace(self, size: int) -> None:
        now = time.monotonic()
        if self.shared:
            with self.lock:
                self._next = max(self._next, now) + size / self.rate
                due = self._next
        else:
            due = max(getattr(self._local, "next", 0.0), now) + size / self.rate
            self._local.next = due
        if due > now:
            time.sleep(due - now)

    def handle(self, request: httpx.Request) -> httpx.Response:
        header = request.headers.get("Range", "")
        with self.lock:
            self.ranges.append(header)
        m = _RANGE.match(header)
        start = int(m.group(1)) if m else 0
        end = int(m.group(2)) if m and m.group(2) else len(self.data) - 1
        body = self.data[start : end + 1]
        headers = {
            "Content-Range": f"bytes {start}-{end}/{len(self.data)}",
            "Content-Length": str(len(body)),
            "ETag": '"v1"',
        }
        if end - start < 1:  # the size probe: no pacing, no concurrency
            return httpx.Response(206, headers=headers, content=body)
        return httpx.Response(206, headers=headers, stream=_Paced(self, body))


def _paced_run(tmp_path: Path, host: PacedHost, connections: int = 4) -> DownloadJob:
    url = f"https://assets.example.com/bucket/{STAC_A}/{STAC_A}.tif?X-Amz-Signature=s"
    job = DownloadJob(STAC_A, "HH", url, tmp_path / f"{STAC_A}.tif", "SLC")
    engine = DownloadEngine(
        max_connections=connections,
        transport=httpx.MockTransport(host.handle),
        retry=RetryPolicy.asset(sleep=lambda s: None, jitter=False),
        chunk_size=64 * KIB,
        segment_threshold=256 * KIB,
        min_split_size=256 * KIB,
        check_disk_space=False,
    )
    report = engine.run([job])
    assert report.ok, report.summary()
    assert sha(job.target.read_bytes()) == sha(host.data)
    assert not job.sidecar_path.exists() and not job.part_path.exists()
    return job


def test_capped_connections_are_split_up_to_the_limit(tmp_path: Path) -> None:
    # Each connection 3 MB/s: every added connection adds as much again.
    host = PacedHost(payload(4 * MB), 3 * MB, shared=False)
    _paced_run(tmp_path, host)
    assert host.ranges[0] == "bytes=0-0" and host.ranges[1] == f"bytes=0-{4 * MB - 1}"
    assert host.peak == 4
    # A shortened segment's response may bring a piece past its new end (dropped).
    assert 4 * MB <= host.sent <= 4 * MB + 8 * 32 * KIB


def test_a_saturated_link_is_not_split_further(tmp_path: Path) -> None:
    # 6 MB/s for all connections together: the trial's second connection adds nothing.
    host = PacedHost(payload(4 * MB), 6 * MB, shared=True)
    _paced_run(tmp_path, host)
    assert host.peak == 2  # the trial, then no more (a finished piece's connection is reused)


def test_one_connection_never_splits(tmp_path: Path) -> None:
    host = PacedHost(payload(2 * MB), 4 * MB, shared=False)
    _paced_run(tmp_path, host, connections=1)
    assert host.peak == 1 and host.ranges == ["bytes=0-"]


# --- a split file killed mid-way resumes from its sidecar -------------------------------------

_CHILD = r"""
import json, sys
from pathlib import Path
from capella_qgis.core.download import DownloadEngine, DownloadJob
spec = json.loads(sys.argv[1])
job = DownloadJob(spec["stac_id"], "HH", spec["url"], Path(spec["target"]), "SLC", spec["size"])
engine = DownloadEngine(
    max_connections=4,
    chunk_size=65536,
    segment_threshold=256 * 1024,
    min_split_size=128 * 1024,
    checkpoint_interval=0.05,
    check_disk_space=False,
)
engine.run([job])
print("finished", flush=True)  # the test kills it long before
"""


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    emulator = Emulator(items=10, seed=7, asset_size=SIZE).start()
    yield emulator
    emulator.stop()


def _entry(emu: Emulator) -> Any:
    return next(e for e in emu.state.entries if "HH" in emu.assets.filenames(e))


def _wait_for_split(sidecar: Path, proc: subprocess.Popen, timeout: float = 30) -> Sidecar:
    """The sidecar once it lists at least three segments with bytes in two of them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found: Optional[Sidecar] = Sidecar.read(sidecar)
        segments = (found.segments or []) if found is not None else []
        if len(segments) >= 3 and sum(1 for s in segments if s.done) >= 2:
            assert found is not None
            return found
        assert proc.poll() is None, "the child ended before its file was split"
        time.sleep(0.01)
    raise AssertionError("the file was never split")


def test_a_file_split_mid_way_resumes_after_a_kill(emu: Emulator, tmp_path: Path) -> None:
    entry = _entry(emu)
    name = emu.assets.filenames(entry)["HH"]
    source = Path(emu.store.path(entry.item, "HH"))
    target = tmp_path / name
    emu.faults.clear()
    emu.faults.add("bandwidth", "/assets/*", bytes_per_sec=400_000)  # per connection
    spec = {
        "stac_id": entry.id,
        "url": emu.presign(entry.id, "HH", 3600),
        "target": str(target),
        "size": source.stat().st_size,
    }
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, json.dumps(spec)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    job = DownloadJob(entry.id, "HH", emu.presign(entry.id, "HH", 3600), target, "SLC")
    try:
        _wait_for_split(job.sidecar_path, proc)
    finally:
        proc.kill()  # SIGKILL: no cleanup code runs, like QGIS being killed
        proc.wait(30)
        assert proc.stdout is not None
        proc.stdout.close()
    emu.faults.clear()
    time.sleep(0.3)  # the emulator's writes to the dead connections fail before the count
    killed = Sidecar.read(job.sidecar_path)
    assert killed is not None and killed.segments is not None and len(killed.segments) >= 3
    pending = [s for s in killed.segments if not s.complete]
    emu.clear_requests()
    emu.stats.reset()
    engine = DownloadEngine(
        max_connections=4,
        chunk_size=65536,
        segment_threshold=256 * 1024,
        min_split_size=128 * 1024,
        check_disk_space=False,
        retry=RetryPolicy.asset(sleep=lambda s: None, jitter=False),
    )
    report = engine.run([job])
    assert report.ok, report.summary()
    assert hashlib.sha256(target.read_bytes()).digest() == (
        hashlib.sha256(source.read_bytes()).digest()
    )
    # Each unfinished segment continued where the sidecar said, none started from byte 0.
    asked = {r.headers.get("Range") for r in emu.requests("asset") if r.method == "GET"}
    assert {f"bytes={s.position}-{s.end}" for s in pending} <= asked
    served = sum(emu.stats.snapshot()["asset_bytes_served"].values())
    left = sum(s.end + 1 - s.position for s in pending)
    assert left <= served <= left + 1  # + the size probe's byte
    assert not job.sidecar_path.exists()


def test_cancel_after_a_split_keeps_the_segments_for_resume(emu: Emulator, tmp_path: Path) -> None:
    entry = _entry(emu)
    target = tmp_path / emu.assets.filenames(entry)["HH"]
    job = DownloadJob(entry.id, "HH", emu.presign(entry.id, "HH", 3600), target, "SLC")
    emu.faults.clear()
    emu.faults.add("bandwidth", "/assets/*", bytes_per_sec=200_000)
    cancel = threading.Event()
    engine = DownloadEngine(
        max_connections=4,
        chunk_size=65536,
        segment_threshold=256 * 1024,
        min_split_size=128 * 1024,
        check_disk_space=False,
    )
    done: dict[str, Any] = {}

    def run() -> None:
        done["report"] = engine.run([job], cancel_event=cancel)
        done["at"] = time.monotonic()

    worker = threading.Thread(target=run)
    worker.start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            found = Sidecar.read(job.sidecar_path)
            if found is not None and found.segments is not None and len(found.segments) >= 3:
                break
            time.sleep(0.01)
        cancelled_at = time.monotonic()
        cancel.set()
        worker.join(30)
    finally:
        cancel.set()
        emu.faults.clear()
    assert not worker.is_alive()
    assert done["report"].cancelled
    assert done["at"] - cancelled_at < 1.0  # every segment's connection woken at once
    kept = Sidecar.read(job.sidecar_path)
    assert kept is not None and kept.segments is not None and len(kept.segments) >= 3
    assert engine.run([job]).ok
    assert target.read_bytes() == Path(emu.store.path(entry.item, "HH")).read_bytes()

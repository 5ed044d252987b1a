"""Progress bookkeeping: per-job and per-product bytes, smoothed rate and ETA snapshots."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from capella_qgis.core.download.plan import DownloadJob

# States a job moves through (also the queue store's vocabulary).
QUEUED, RUNNING, COMPLETED, SKIPPED, FAILED, CANCELLED = (
    "queued",
    "running",
    "completed",
    "skipped",
    "failed",
    "cancelled",
)
FINAL_STATES = frozenset({COMPLETED, SKIPPED, FAILED, CANCELLED})
_RATE_TIME_CONSTANT = 5.0  # seconds; smooths bursts without hiding real slow-downs
_RATE_MIN_INTERVAL = 0.5


@dataclass
class JobProgress:
    state: str
    done: int = 0
    total: Optional[int] = None


@dataclass
class ProductProgress:
    done: int = 0
    total: Optional[int] = 0
    assets: int = 0
    finished: int = 0
    failed: int = 0


@dataclass
class ProgressSnapshot:
    bytes_done: int
    bytes_total: Optional[int]
    rate: float
    eta: Optional[float]
    jobs: dict[str, JobProgress] = field(default_factory=dict)
    products: dict[str, ProductProgress] = field(default_factory=dict)

    @property
    def fraction(self) -> Optional[float]:
        if not self.bytes_total:
            return None
        return min(1.0, self.bytes_done / self.bytes_total)

    def count(self, state: str) -> int:
        return sum(1 for j in self.jobs.values() if j.state == state)


class ProgressTracker:
    """Thread-safe; calls ``callback`` on state changes and at most every ``interval`` s."""

    def __init__(
        self,
        jobs: list[DownloadJob],
        callback: Optional[Callable[[ProgressSnapshot], None]],
        *,
        interval: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._jobs = {job.key: job for job in jobs}
        self._state = {job.key: JobProgress(QUEUED, 0, job.expected_size) for job in jobs}
        self._callback = callback
        self._interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        self._emit_lock = threading.Lock()
        self._last_emit = -math.inf
        self._rate = 0.0
        self._rate_seeded = False
        self._window_bytes = 0
        self._window_start = clock()

    def set_state(self, job: DownloadJob, state: str) -> None:
        with self._lock:
            self._state[job.key].state = state
        self._emit(force=True)

    def update(self, job: DownloadJob, done: int, total: Optional[int], delta: int) -> None:
        with self._lock:
            entry = self._state[job.key]
            entry.done = done
            if total is not None:
                entry.total = total
            self._window_bytes += max(0, delta)
            self._update_rate()
        self._emit(force=False)

    def _update_rate(self) -> None:
        now = self._clock()
        dt = now - self._window_start
        if dt < _RATE_MIN_INTERVAL:
            return
        instant = self._window_bytes / dt
        if self._rate_seeded:
            alpha = 1 - math.exp(-dt / _RATE_TIME_CONSTANT)
            self._rate += alpha * (instant - self._rate)
        else:
            self._rate, self._rate_seeded = instant, True
        self._window_bytes, self._window_start = 0, now

    def snapshot(self) -> ProgressSnapshot:
        with self._lock:
            jobs = {k: JobProgress(v.state, v.done, v.total) for k, v in self._state.items()}
            rate = self._rate
        products: dict[str, ProductProgress] = {}
        for key, entry in jobs.items():
            prod = products.setdefault(self._jobs[key].stac_id, ProductProgress())
            prod.assets += 1
            prod.done += entry.done
            if entry.state in FINAL_STATES:
                prod.finished += 1
            if entry.state == FAILED:
                prod.failed += 1
            if prod.total is not None:
                prod.total = None if entry.total is None else prod.total + entry.total
        done = sum(j.done for j in jobs.values())
        unknown = any(j.total is None for j in jobs.values())
        total = None if unknown else sum(j.total or 0 for j in jobs.values())
        eta = None
        if total is not None and rate > 0:
            eta = max(0.0, (total - done) / rate)
        return ProgressSnapshot(done, total, rate, eta, jobs, products)

    def _emit(self, force: bool) -> None:
        if self._callback is None:
            return
        now = self._clock()
        if not force and now - self._last_emit < self._interval:
            return
        with self._emit_lock:
            self._last_emit = now
            self._callback(self.snapshot())

    def final(self) -> ProgressSnapshot:
        snap = self.snapshot()
        if self._callback is not None:
            with self._emit_lock:
                self._callback(snap)
        return snap

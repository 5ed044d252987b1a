"""DownloadEngine: bounded parallel asset downloads with a per-asset report (fixes SDK quirk 9)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import httpx

from capella_qgis.core.api.http import CANCEL_POLL, RetryPolicy
from capella_qgis.core.download import disk
from capella_qgis.core.download.adaptive import MIN_SPLIT_SIZE
from capella_qgis.core.download.fetch import SEGMENT_THRESHOLD, Fetcher
from capella_qgis.core.download.http import (
    Requester,
    WaitFn,
    host_proxies,
    make_client,
    silence_timeout,
)
from capella_qgis.core.download.plan import DownloadJob, DownloadPlan, SkippedAsset
from capella_qgis.core.download.progress import (
    CANCELLED,
    COMPLETED,
    FAILED,
    RUNNING,
    SKIPPED,
    ProgressSnapshot,
    ProgressTracker,
)
from capella_qgis.core.download.segments import CHECKPOINT_INTERVAL
from capella_qgis.core.exceptions import CancelledError, CapellaError
from capella_qgis.core.redact import redact_text

log = logging.getLogger("capella_qgis.download")


@dataclass
class AssetOutcome:
    job: DownloadJob
    status: str  # completed | skipped | failed | cancelled
    path: Optional[Path] = None
    size: Optional[int] = None
    verified: bool = False
    reason: str = ""
    error: Optional[CapellaError] = None
    bytes_received: int = 0

    @property
    def key(self) -> str:
        return self.job.key


@dataclass
class DownloadReport:
    """One outcome per asset, so a failure of one product never hides behind another's key."""

    outcomes: list[AssetOutcome] = field(default_factory=list)
    # Assets the plan left out for an unsafe file name (run() takes them from a DownloadPlan).
    skipped_unsafe: list[SkippedAsset] = field(default_factory=list)

    def _with(self, status: str) -> list[AssetOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def completed(self) -> list[AssetOutcome]:
        return self._with(COMPLETED)

    @property
    def skipped(self) -> list[AssetOutcome]:
        return self._with(SKIPPED)

    @property
    def failed(self) -> list[AssetOutcome]:
        return self._with(FAILED)

    @property
    def cancelled(self) -> list[AssetOutcome]:
        return self._with(CANCELLED)

    @property
    def unverified(self) -> list[AssetOutcome]:
        return [o for o in self.completed if not o.verified]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled

    def by_stac_id(self) -> dict[str, dict[str, Path]]:
        """{stac_id: {asset_key: path}} for files that really exist on disk."""
        out: dict[str, dict[str, Path]] = {}
        for o in self.outcomes:
            if o.status in (COMPLETED, SKIPPED) and o.path is not None and o.path.is_file():
                out.setdefault(o.job.stac_id, {})[o.job.asset_key] = o.path
        return out

    def summary(self) -> str:
        parts = [f"{len(self.completed)} downloaded", f"{len(self.skipped)} already present"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.cancelled:
            parts.append(f"{len(self.cancelled)} cancelled")
        if self.unverified:
            parts.append(f"{len(self.unverified)} without a size to verify")
        if self.skipped_unsafe:
            parts.append(f"{len(self.skipped_unsafe)} skipped (unsafe name)")
        lines = [", ".join(parts)]
        # Most reasons come from errors that already name the asset; name it once.
        lines += [f"  {o.key}: {o.reason.removeprefix(o.key + ': ')}" for o in self.failed]
        lines += [f"  {s.key}: {s.reason}" for s in self.skipped_unsafe]
        return "\n".join(lines)


class DownloadEngine:
    """Downloads DownloadJobs with at most ``max_connections`` HTTP connections in flight."""

    def __init__(
        self,
        max_connections: int = 4,
        segments_per_file: Optional[int] = None,
        chunk_size: int = 1 << 20,
        proxy: Optional[str] = None,
        verify: Any = True,
        transport: Optional[httpx.BaseTransport] = None,
        retry: Optional[RetryPolicy] = None,
        refresh_url: Optional[Callable[[DownloadJob], str]] = None,
        *,
        segment_threshold: int = SEGMENT_THRESHOLD,
        timeout: Optional[httpx.Timeout] = None,
        progress_interval: float = 0.25,
        clock: Optional[Callable[[], float]] = None,
        check_disk_space: bool = True,
        proxy_for: Optional[Callable[[str], Optional[str]]] = None,
        checkpoint_interval: float = CHECKPOINT_INTERVAL,
        adaptive: bool = True,
        min_split_size: int = MIN_SPLIT_SIZE,
    ) -> None:
        self.max_connections = max(1, max_connections)
        # At most this many Range segments per file (default: one per connection).
        self.segments_per_file = max(1, segments_per_file or self.max_connections)
        # True: a file the plan may split starts as one stream and is split (up to its
        # share of the connections) only while measured throughput says the link has room,
        # in pieces of at least ``min_split_size``. False: split into its share at once.
        self.adaptive = adaptive
        self.min_split_size = max(1, min_split_size)
        self.chunk_size = chunk_size
        self.retry = retry or RetryPolicy.asset()
        self.refresh_url = refresh_url
        self.segment_threshold = segment_threshold
        self.progress_interval = progress_interval
        self.clock = clock
        # Seconds between sidecar saves of a segmented file: what a crash may refetch.
        self.checkpoint_interval = checkpoint_interval
        self.check_disk_space = check_disk_space
        # Per-URL proxy lookup (the plugin passes QGIS' rules); overrides ``proxy`` per host.
        self.proxy_for = proxy_for
        self._client_args = {
            "proxy": proxy,
            "verify": verify,
            "transport": transport,
            "timeout": timeout or silence_timeout(self.retry),
        }

    def client_timeout(self) -> httpx.Timeout:
        """The asset client's timeouts (the policy's silence timeout unless given)."""
        timeout: httpx.Timeout = self._client_args["timeout"]
        return timeout

    def run(
        self,
        jobs: Iterable[DownloadJob],
        progress: Optional[Callable[[ProgressSnapshot], None]] = None,
        cancel_event: Optional[threading.Event] = None,
        *,
        overwrite: bool = False,
        queue: Any = None,
        is_cancelled: Optional[Callable[[], bool]] = None,
        on_wait: Optional[WaitFn] = None,
    ) -> DownloadReport:
        """Download every job; never raises for a single asset's failure (see the report).

        Raises InsufficientSpaceError before any transfer when the planned sizes do not fit.
        ``queue`` (a QueueStore) is kept in step with every job's state.
        A cancel (``cancel_event`` set, or ``is_cancelled()`` true: it is polled, e.g.
        Processing's ``feedback.isCanceled``) ends the run within a fraction of a second,
        whatever it waits for. ``on_wait(job, seconds_left, reason)`` counts retry waits down.
        """
        skipped = list(jobs.skipped_unsafe) if isinstance(jobs, DownloadPlan) else []
        jobs = list(jobs)
        cancel_event = cancel_event or threading.Event()
        if self.check_disk_space:
            disk.check_free_space(jobs, overwrite=overwrite)
        tracker_args: dict[str, Any] = {"interval": self.progress_interval}
        if self.clock is not None:
            tracker_args["clock"] = self.clock
        tracker = ProgressTracker(jobs, progress, **tracker_args)
        if queue is not None:
            queue.add(jobs)
        report = DownloadReport(skipped_unsafe=skipped)
        slots = threading.BoundedSemaphore(self.max_connections)
        client_args = dict(self._client_args)
        if self.proxy_for is not None:
            client_args["proxies"] = host_proxies((job.url for job in jobs), self.proxy_for)
        with make_client(max_connections=self.max_connections, **client_args) as client:
            requester = Requester(
                client, self.retry, slots, cancel_event, on_wait, capacity=self.max_connections
            )
            with _CancelWatcher(cancel_event, is_cancelled, requester.abort):
                self._run_jobs(jobs, requester, tracker, report, overwrite, cancel_event, queue)
        if queue is not None:
            # Finished entries have nothing left to resume; left in, every later change of
            # the shared queue would read and write them again.
            queue.clear_finished()
        tracker.final()
        return report

    def _run_jobs(
        self,
        jobs: list[DownloadJob],
        requester: Requester,
        tracker: ProgressTracker,
        report: DownloadReport,
        overwrite: bool,
        cancel_event: threading.Event,
        queue: Any,
    ) -> None:
        """One worker per connection; an outcome per job lands in ``report``."""
        plan = self._segment_plan(jobs)
        fetcher = Fetcher(
            requester,
            chunk_size=self.chunk_size,
            segment_threshold=self.segment_threshold,
            segment_plan=lambda job: plan.get(job.key, 1),
            refresh_url=self.refresh_url,
            progress=tracker.update,
            checkpoint_interval=self.checkpoint_interval,
            clock=self.clock or time.monotonic,
            adaptive=self.adaptive,
            min_split_size=self.min_split_size,
        )
        claimed: dict[str, str] = {}
        # A target that is another job's .part/.part.json/.part.lock would be clobbered by
        # (or clobber) that job's work files; plan_downloads renames such assets.
        work_files = {str(p.absolute()): job.key for job in jobs for p in job.work_paths()}
        with ThreadPoolExecutor(self.max_connections, thread_name_prefix="capella-dl") as pool:
            futures = []
            for job in jobs:
                target = str(job.target.absolute())
                owner = work_files.get(target) or claimed.setdefault(target, job.key)
                if owner != job.key:
                    reason = f"target {job.target} is already used by {owner}; not overwritten"
                    report.outcomes.append(AssetOutcome(job, FAILED, reason=reason))
                    tracker.set_state(job, FAILED)
                    continue
                futures.append(
                    pool.submit(
                        self._run_one, fetcher, job, overwrite, cancel_event, tracker, queue
                    )
                )
            for future in futures:
                report.outcomes.append(future.result())

    def _segment_plan(self, jobs: list[DownloadJob]) -> dict[str, int]:
        """Range segments per job key (absent: whole file), so the last wave uses every connection.

        Files run one per connection in submission order. With ``n`` files on ``c``
        connections the first waves are full; the ``n mod c`` files of the last wave (or all
        files, when there are fewer than connections) split the connections between them.
        Under a per-connection bandwidth cap (S3) this spreads the bytes over every
        connection without the per-request overhead of segmenting every file. Adaptive (the
        default), a share is a ceiling: the file starts as one stream and is split towards it
        only while that raises its throughput (segments._Adaptor).
        """
        if self.segments_per_file <= 1 or not jobs:
            return {}
        connections = self.max_connections
        tail = len(jobs) % connections
        if not tail:
            return {}  # full waves: every file whole
        # Fewest sub-waves per file: k segments each make ceil(tail * k / c) rounds of
        # 1/k of a file (16 files on 24 connections: 3 segments, 2 rounds of a third).
        share = min(
            range(1, self.segments_per_file + 1),
            key=lambda k: (-(-tail * k // connections) / k, k),
        )
        return {job.key: share for job in jobs[len(jobs) - tail :]}

    def _run_one(
        self,
        fetcher: Fetcher,
        job: DownloadJob,
        overwrite: bool,
        cancel_event: threading.Event,
        tracker: ProgressTracker,
        queue: Any,
    ) -> AssetOutcome:
        outcome = self._attempt(fetcher, job, overwrite, cancel_event, tracker, queue)
        tracker.set_state(job, outcome.status)
        if queue is not None:
            queue.set_state(job, outcome.status, reason=outcome.reason, size=outcome.size)
        if outcome.status == FAILED:
            log.warning("Download failed: %s", redact_text(outcome.reason))
        return outcome

    def _attempt(
        self,
        fetcher: Fetcher,
        job: DownloadJob,
        overwrite: bool,
        cancel_event: threading.Event,
        tracker: ProgressTracker,
        queue: Any,
    ) -> AssetOutcome:
        if cancel_event.is_set():
            return AssetOutcome(job, CANCELLED, reason="Cancelled before it started")
        tracker.set_state(job, RUNNING)
        if queue is not None:
            queue.set_state(job, RUNNING)
        try:
            result = fetcher.fetch(job, overwrite=overwrite)
        except CancelledError as exc:
            kept = " (partial file kept for resume)" if job.part_path.exists() else ""
            return AssetOutcome(job, CANCELLED, reason=f"{exc.message}{kept}", error=exc)
        except CapellaError as exc:
            return AssetOutcome(job, FAILED, reason=redact_text(str(exc)), error=exc)
        except Exception as exc:  # a worker must never take the whole run down
            log.exception("Unexpected download error for %s", job.key)
            reason = f"{job.key}: unexpected error: {redact_text(repr(exc))}"
            return AssetOutcome(job, FAILED, reason=reason)
        status = SKIPPED if result.status == "skipped" else COMPLETED
        return AssetOutcome(
            job,
            status,
            path=result.path,
            size=result.size,
            verified=result.verified,
            bytes_received=result.bytes_received,
        )


class _CancelWatcher:
    """While a run lasts: turns ``is_cancelled()`` into ``cancel_event`` and a cancel into
    ``abort()`` (which wakes reads blocked on sockets), within CANCEL_POLL seconds.

    ``is_cancelled`` is never called once the run is over (a Processing feedback may be gone).
    """

    def __init__(
        self,
        cancel_event: threading.Event,
        is_cancelled: Optional[Callable[[], bool]],
        abort: Callable[[], None],
    ) -> None:
        self._event = cancel_event
        self._is_cancelled = is_cancelled
        self._abort = abort
        self._lock = threading.Lock()
        self._over = False
        self._thread = threading.Thread(target=self._watch, name="capella-dl-cancel", daemon=True)

    def __enter__(self) -> _CancelWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._over = True

    def _watch(self) -> None:
        while not self._event.wait(CANCEL_POLL):
            with self._lock:
                if self._over:
                    return
                if self._is_cancelled is not None and self._is_cancelled():
                    self._event.set()
        with self._lock:
            if not self._over:
                self._abort()

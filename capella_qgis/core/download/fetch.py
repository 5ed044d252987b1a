"""Fetch one asset: probe, skip/resume/restart decisions, single-stream download, verification."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import httpx

from capella_qgis.core.api.http import RetryPolicy
from capella_qgis.core.download import disk
from capella_qgis.core.download.adaptive import MIN_SPLIT_SIZE
from capella_qgis.core.download.errors import (
    DownloadError,
    IncompleteDownloadError,
    RangeNotSupportedError,
)
from capella_qgis.core.download.http import (
    Requester,
    RetryableError,
    UrlHolder,
    body_length,
    parse_content_range,
)
from capella_qgis.core.download.lock import PartLock, acquire
from capella_qgis.core.download.plan import DownloadJob
from capella_qgis.core.download.segments import (
    CHECKPOINT_INTERVAL,
    PartOwner,
    Sidecar,
    discard_part,
    download_segmented,
    validator_of,
)
from capella_qgis.core.redact import redact_text

log = logging.getLogger("capella_qgis.download")

# progress(job, bytes_on_disk, total_or_None, bytes_received_since_last_call)
ProgressFn = Callable[[DownloadJob, int, Optional[int], int], None]
# Files from this size on are split into Range segments of at least half of it. Under an
# S3-like per-connection cap, one connection per file leaves most connections idle at the
# end of a batch (40 files over 24 connections = two waves); segments spread the bytes.
SEGMENT_THRESHOLD = 8 * 1024 * 1024


@dataclass
class FetchResult:
    status: str  # "completed" | "skipped"
    path: Path
    size: int
    verified: bool
    bytes_received: int = 0
    segmented: bool = False


@dataclass
class Probe:
    total: Optional[int]
    ranges: bool
    validator: Optional[str] = None  # ETag / Last-Modified: which version of the object


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _identity(path: Path) -> Optional[tuple[int, int, int, int]]:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


class Fetcher:
    """Downloads single assets; shared by the engine's worker threads."""

    def __init__(
        self,
        requester: Requester,
        *,
        chunk_size: int = 1 << 20,
        segment_threshold: int = SEGMENT_THRESHOLD,
        refresh_url: Optional[Callable[[DownloadJob], str]] = None,
        progress: Optional[ProgressFn] = None,
        segment_plan: Optional[Callable[[DownloadJob], int]] = None,
        checkpoint_interval: float = CHECKPOINT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        adaptive: bool = True,
        min_split_size: int = MIN_SPLIT_SIZE,
    ) -> None:
        self.requester = requester
        # Adaptive: a file to split starts as one segment, split while that pays (segments.py).
        self.adaptive = adaptive
        self.min_split_size = min_split_size
        # Segmented sidecars are saved at most this often (seconds on ``clock``).
        self.checkpoint_interval = checkpoint_interval
        self.clock = clock
        self.segment_plan = segment_plan
        self.retry: RetryPolicy = requester.retry
        self.chunk_size = chunk_size
        self.segment_threshold = segment_threshold
        self.refresh_url = refresh_url
        self._progress = progress
        self._received: dict[str, int] = {}
        self._writers: dict[str, PartLock] = {}  # job key -> the lock its fetch holds
        self._lock = threading.Lock()

    @property
    def split_floor(self) -> int:
        """Smallest file split into segments. Adaptive: one that can be split at least once
        (a smaller one streams linearly, without a preallocated .part)."""
        if self.adaptive:
            return max(self.segment_threshold, 2 * self.min_split_size)
        return self.segment_threshold

    def segments_for(self, job: DownloadJob) -> int:
        """Range segments for ``job`` if it is large enough (the engine's plan; else one)."""
        return 1 if self.segment_plan is None else max(1, self.segment_plan(job))

    def report(self, job: DownloadJob, done: int, total: Optional[int], delta: int = 0) -> None:
        if delta:
            with self._lock:
                self._received[job.key] = self._received.get(job.key, 0) + delta
        if self._progress is not None:
            self._progress(job, done, total, delta)

    def check_writer(self, job: DownloadJob) -> None:
        """Raise unless this fetch is the one writer of ``job``'s .part (every writer asks)."""
        with self._lock:
            lock = self._writers.get(job.key)
        if lock is None or not lock.check():
            # Someone removed or replaced the lock file: another download may now hold a new
            # one, and two writers corrupt the .part. Stop; the next run resumes safely.
            raise DownloadError(
                f"{job.key}: lost the lock {job.lock_path.name}; another download may be "
                "writing this file. Partial data was kept for resume"
            )

    def fetch(self, job: DownloadJob, *, overwrite: bool = False) -> FetchResult:
        present = self._already_present(job, overwrite)
        if present is not None:
            return present  # a complete file is only read: no need to wait for a writer
        job.target.parent.mkdir(parents=True, exist_ok=True)
        before = _identity(job.target)
        lock = acquire(
            job.lock_path,
            self.requester.cancel_event,
            on_wait=lambda: log.info(
                "%s is being written by another download; waiting", job.target.name
            ),
        )
        with self._lock:
            self._writers[job.key] = lock
        try:
            if lock.waited:
                log.info("%s: the other download is done with it; continuing", job.target.name)
                if overwrite and job.target.is_file() and _identity(job.target) != before:
                    # The download we waited for has just written this very asset: replacing
                    # it would fetch the same bytes again.
                    overwrite = False
            return self._fetch_locked(job, overwrite)
        finally:
            # Before the release: once another writer may start, this one must not write.
            with self._lock:
                self._writers.pop(job.key, None)
            lock.release()

    def _already_present(self, job: DownloadJob, overwrite: bool) -> Optional[FetchResult]:
        target = job.target
        if overwrite or job.expected_size is None or not target.is_file():
            return None
        if _size(target) != job.expected_size:
            return None
        self.report(job, job.expected_size, job.expected_size)
        return FetchResult("skipped", target, job.expected_size, True)

    def _fetch_locked(self, job: DownloadJob, overwrite: bool) -> FetchResult:
        """Everything that touches the .part, the sidecar or the target, under the lock."""
        holder = UrlHolder(job, self.refresh_url)
        target = job.target
        # Evaluated again under the lock: a writer we waited for may have finished the file.
        present = self._already_present(job, overwrite)
        if present is not None:
            return present
        existing = target.is_file() and not overwrite
        probe: Optional[Probe] = None
        sidecar = self._own_sidecar(job)
        segmented = sidecar is not None and sidecar.segments is not None
        big = job.expected_size is None or job.expected_size >= self.split_floor
        segments = self.segments_for(job)
        if existing or segmented or (segments > 1 and big):
            probe = self.requester.with_retries(job, holder, lambda url: self._probe(job, url))
        if existing and probe is not None and probe.total is not None:
            if _size(target) == probe.total:
                self.report(job, probe.total, probe.total)
                return FetchResult("skipped", target, probe.total, True)
            log.info("%s: existing %s has the wrong size; downloading again", job.key, target.name)
        if (
            sidecar is not None
            and probe is not None
            and not sidecar.owner.holds(probe.total, probe.validator, exact=True)
        ):
            log.info("%s: the file changed on the server; starting over", job.key)
            discard_part(job)
            sidecar, segmented = None, False
        # A file a previous run split keeps its segments (its sidecar knows them), whatever
        # this run's plan; a new split needs a large file and no linear .part to resume.
        total = probe.total if probe is not None else None
        split = segments > 1 and total is not None and total >= self.split_floor and sidecar is None
        ranges = probe is not None and probe.ranges
        if probe is not None and ranges and total is not None and (segmented or split):
            try:
                owner = PartOwner.of(job, total, probe.validator)
                download_segmented(self, job, holder, owner, segments)
                return self._finish(job, total, True, segmented=True)
            except RangeNotSupportedError as exc:
                log.warning("%s; downloading it in a single stream from the start", exc)
                discard_part(job)
        elif segmented:
            # A preallocated .part is not a prefix of the file: it cannot be resumed linearly.
            discard_part(job)
        best = [0]  # high-water mark: only bytes beyond it count as progress
        size, verified = self.requester.with_retries(
            job, holder, lambda url: self._single_attempt(job, url, best)
        )
        return self._finish(job, size, verified)

    def _own_sidecar(self, job: DownloadJob) -> Optional[Sidecar]:
        """The sidecar of this asset's .part; any other .part is discarded (never resumed).

        A .part without a sidecar, with a sidecar of another asset, size or format, was not
        written by this download of this asset: its bytes may be anything. No asset is ever
        named like a .part (plan._sanitize), so the file removed here is a work file.
        """
        found = Sidecar.read(job.sidecar_path)
        # A segmented sidecar without its .part is re-planned; a linear one is useless alone.
        if (
            found is not None
            and found.owner.is_asset(job)
            and (found.segments is not None or job.part_path.exists())
        ):
            return found
        if job.part_path.exists():
            log.info(
                "%s: %s was not written for this file; starting from 0", job.key, job.part_path.name
            )
        discard_part(job)
        return None

    def _finish(
        self, job: DownloadJob, size: int, verified: bool, segmented: bool = False
    ) -> FetchResult:
        part = job.part_path
        self.check_writer(job)
        actual = _size(part)
        if actual != size:
            raise IncompleteDownloadError(
                f"{job.key}: downloaded {actual} bytes but expected {size}; kept {part.name}"
            )
        if job.expected_size is not None and size != job.expected_size:
            # The server and the catalog disagree: neither copy can be called complete.
            raise IncompleteDownloadError(
                f"{job.key}: the server sent {size} bytes but the catalog lists "
                f"{job.expected_size}; kept {part.name}"
            )
        os.replace(part, job.target)
        _remove(job.sidecar_path)
        with self._lock:
            received = self._received.pop(job.key, 0)
        if not verified:
            log.warning("%s: server sent no size; %s could not be verified", job.key, job.target)
        return FetchResult("completed", job.target, size, verified, received, segmented)

    def _probe(self, job: DownloadJob, url: str) -> Probe:
        # GET bytes=0-0, not HEAD: a presigned S3 GET signature does not cover HEAD.
        with self.requester.get(job, url, {"Range": "bytes=0-0"}) as resp:
            validator = validator_of(resp)
            if resp.status_code == 206:
                _, _, total = parse_content_range(resp.headers.get("Content-Range"))
                return Probe(total, total is not None, validator)
            if resp.status_code == 416:
                _, _, total = parse_content_range(resp.headers.get("Content-Range"))
                return Probe(total, False, validator)
            return Probe(body_length(resp), False, validator)

    def _single_attempt(self, job: DownloadJob, url: str, best: list[int]) -> tuple[int, bool]:
        part = job.part_path
        self.check_writer(job)
        # Only a .part our sidecar vouches for is resumed (_own_sidecar discarded any other).
        sidecar = Sidecar.read(job.sidecar_path)
        owner = sidecar.owner if sidecar is not None and sidecar.segments is None else None
        offset = _size(part) if owner is not None and owner.is_asset(job) else 0
        # A Range even from byte 0: a 206's Content-Range states the file's size apart from
        # the body's Content-Length, so a body cut short with a matching Content-Length (a
        # truncating proxy) is caught instead of being presented complete.
        headers = {"Range": f"bytes={offset}-"}
        with self.requester.get(job, url, headers) as resp:
            total: Optional[int]
            validator = validator_of(resp)
            if resp.status_code == 416 and not offset:
                _, _, total = parse_content_range(resp.headers.get("Content-Range"))
                if total == 0:  # an empty file has no byte 0 to range over
                    discard_part(job)
                    Sidecar(PartOwner.of(job, 0, validator), url).write(job.sidecar_path)
                    part.write_bytes(b"")
                    return 0, True
            if resp.status_code == 416:
                _, _, total = parse_content_range(resp.headers.get("Content-Range"))
                # Complete already. A 416 need not carry the validator; if it does, it must match.
                if (
                    owner is not None
                    and offset
                    and offset == total == owner.total
                    and validator in (None, owner.validator)
                ):
                    return offset, True
                discard_part(job)
                raise RetryableError("server refused the resume range; restarting", immediate=True)
            if resp.status_code == 206:
                start, _, total = parse_content_range(resp.headers.get("Content-Range"))
                if start != offset:
                    discard_part(job)
                    raise RetryableError(
                        f"server resumed at byte {start}, not {offset}; restarting", immediate=True
                    )
                if offset and (owner is None or not owner.holds(total, validator)):
                    discard_part(job)
                    raise RetryableError(
                        "the file changed on the server since the partial download; restarting",
                        immediate=True,
                    )
                if owner is not None and owner.total is None and offset:
                    # The first answer had no size; this one has: later resumes check it.
                    found = PartOwner.of(job, total, validator)
                    Sidecar(found, url).write(job.sidecar_path)
            else:
                if offset:
                    log.warning("%s: server ignored the Range header; restarting", job.key)
                offset, total = 0, body_length(resp)
            mode = "ab" if offset else "wb"
            if not offset:
                # Before the first byte: the old .part goes, then the sidecar names this
                # response as the writer of the new one (a crash between leaves no .part).
                discard_part(job)
                Sidecar(PartOwner.of(job, total, validator), url).write(job.sidecar_path)
            if total is not None and total > offset:
                disk.ensure_space(part, total - offset)
            self.report(job, offset, total)
            offset = self._stream_to(job, resp, part, mode, offset, total, best)
        if total is None:
            return offset, False  # clean end of an unsized body; flagged as unverified
        if offset == total:
            return total, True
        if offset > total:
            discard_part(job)
            raise RetryableError(f"server sent more than the announced {total} bytes; restarting")
        progressed, best[0] = offset > best[0], max(best[0], offset)
        raise RetryableError(
            f"connection closed at byte {offset} of {total}", progressed=progressed
        )

    def _stream_to(
        self,
        job: DownloadJob,
        resp: httpx.Response,
        part: Path,
        mode: str,
        offset: int,
        total: Optional[int],
        best: list[int],
    ) -> int:
        try:
            # Unbuffered, network-sized pieces (up to http.READ_SIZE) written at once: a drop
            # loses nothing already received, and no buffer grows or copies in between.
            with open(part, mode, buffering=0) as fh:
                for chunk in resp.iter_raw():
                    self.requester.check_cancel()
                    view = memoryview(chunk)
                    while view:  # a raw write may take only part of it
                        view = view[fh.write(view) :]
                    offset += len(chunk)
                    self.report(job, offset, total, len(chunk))
        except httpx.TransportError as exc:
            progressed, best[0] = offset > best[0], max(best[0], offset)
            raise RetryableError(
                f"connection lost at byte {offset}: {type(exc).__name__}: {redact_text(exc)}",
                progressed=progressed,
            ) from None
        except OSError as exc:
            if disk.is_disk_full(exc):
                raise disk.disk_full_error(part, exc) from None
            raise
        return offset

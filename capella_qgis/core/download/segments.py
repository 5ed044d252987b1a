"""The .part sidecar (who wrote the .part, and segment progress) and parallel ranged segments."""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

import httpx

from capella_qgis.core.download import adaptive, disk
from capella_qgis.core.download.errors import RangeNotSupportedError
from capella_qgis.core.download.http import RetryableError, UrlHolder, parse_content_range
from capella_qgis.core.download.plan import DownloadJob
from capella_qgis.core.exceptions import CancelledError
from capella_qgis.core.redact import redact_text, strip_query

log = logging.getLogger("capella_qgis.download")

if TYPE_CHECKING:
    from capella_qgis.core.download.fetch import Fetcher

# 2: the sidecar names its writer (asset, size, validator) and linear downloads have one too.
# A sidecar of another version is not ours to trust: its .part starts again from byte 0.
SIDECAR_VERSION = 2
# Seconds between sidecar checkpoints of a segmented download. Saved per chunk, the sidecar
# was rewritten (and renamed over) every MiB; a crash now refetches at most this long's
# bytes. A drop, an error or a cancel still saves at once (the segment's ``finally``).
CHECKPOINT_INTERVAL = 2.0


def write_at(fh: Any, data: bytes, offset: int) -> None:
    """Write all of ``data`` at ``offset`` of the unbuffered file ``fh`` (pwrite if any).

    ``os.pwrite`` leaves the file position alone (one call per piece); Windows has none, and
    each segment has a file object of its own there, so its seek + write is no race.
    """
    view = memoryview(data)
    pwrite = getattr(os, "pwrite", None)
    while view:
        if pwrite is not None:
            written = pwrite(fh.fileno(), view, offset)
        else:
            fh.seek(offset)
            written = fh.write(view)
        view, offset = view[written:], offset + written


def validator_of(response: httpx.Response) -> Optional[str]:
    """The server's version of the object: its ETag, else its Last-Modified (None: neither)."""
    etag = response.headers.get("ETag")
    if etag:
        return f"etag:{etag.strip()}"
    modified = response.headers.get("Last-Modified")
    return f"last-modified:{modified.strip()}" if modified else None


@dataclass(frozen=True)
class PartOwner:
    """Who wrote a .part: this asset, from the object of this size and this validator.

    A .part is resumed only when its sidecar names the same owner as the server's answer.
    """

    stac_id: str
    asset_key: str
    total: Optional[int]
    validator: Optional[str]

    @classmethod
    def of(cls, job: DownloadJob, total: Optional[int], validator: Optional[str]) -> PartOwner:
        return cls(job.stac_id, job.asset_key, total, validator)

    def holds(self, total: Optional[int], validator: Optional[str], *, exact: bool = False) -> bool:
        """Whether the server's object (``total`` bytes, ``validator``) is the one written.

        Not ``exact``: a .part begun from an answer without a size may learn it later.
        """
        size_ok = self.total == total or (not exact and self.total is None)
        return size_ok and self.validator == validator

    def is_asset(self, job: DownloadJob) -> bool:
        """Written for ``job``'s asset, and of its planned size when the plan knows one."""
        if (self.stac_id, self.asset_key) != (job.stac_id, job.asset_key):
            return False
        return job.expected_size is None or self.total == job.expected_size


@dataclass
class Segment:
    start: int
    end: int  # inclusive; lowered (never below ``position``) when the segment is split
    done: int = 0
    # Not saved. The writer holds ``lock`` from reading ``end`` to counting a written piece,
    # so a split never cuts below bytes on their way to the disk.
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)
    # time.monotonic() of the last piece written, and of the start of the segment's thread:
    # a segment is streaming once the first is after the second.
    seen_at: float = field(default=-math.inf, compare=False, repr=False)
    launched_at: float = field(default=math.inf, compare=False, repr=False)
    first_at: float = field(default=math.inf, compare=False, repr=False)  # its first piece

    @property
    def position(self) -> int:
        return self.start + self.done

    @property
    def complete(self) -> bool:
        return self.position > self.end


@dataclass
class Sidecar:
    """``<target>.part.json``: written (atomically) before the first byte goes to the .part.

    ``segments`` is None for a linear .part, whose size is its progress; a segmented .part is
    preallocated and only the segments say what of it is filled.
    """

    owner: PartOwner
    url: str  # without the presigned query string
    segments: Optional[list[Segment]] = None

    @classmethod
    def read(cls, path: Path) -> Optional[Sidecar]:
        """The sidecar at ``path``; None when missing, unreadable or of another version."""
        try:
            doc: Any = json.loads(path.read_text(encoding="utf-8"))
            if doc.get("version") != SIDECAR_VERSION:
                return None
            total, validator = doc["total"], doc["validator"]
            if total is not None and (not isinstance(total, int) or total < 0):
                return None
            if validator is not None and not isinstance(validator, str):
                return None
            owner = PartOwner(str(doc["stac_id"]), str(doc["asset_key"]), total, validator)
            raw = doc["segments"]
            segments = None
            if raw is not None:
                segments = [Segment(int(s), int(e), int(d)) for s, e, d in raw]
            return cls(owner, str(doc["url"]), segments)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def write(self, path: Path) -> None:
        doc = {
            "version": SIDECAR_VERSION,
            "stac_id": self.owner.stac_id,
            "asset_key": self.owner.asset_key,
            "total": self.owner.total,
            "validator": self.owner.validator,
            "url": strip_query(self.url),
            "segments": (
                None if self.segments is None else [[s.start, s.end, s.done] for s in self.segments]
            ),
        }
        # Written beside and renamed over: a crash leaves the old sidecar or the new, never half.
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(doc), encoding="utf-8")
        os.replace(tmp, path)


def discard_part(job: DownloadJob) -> None:
    """Remove the .part and its sidecar: the next byte written starts a new download."""
    for path in job.work_paths():
        if path != job.lock_path:  # held by this fetch until it is done
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


class SegmentState:
    """Segment progress, persisted at most every ``interval`` s (``checkpoint``) and on every
    segment's end, so a crash refetches at most ``interval`` s of data."""

    def __init__(
        self,
        path: Path,
        owner: PartOwner,
        url: str,
        segments: list[Segment],
        *,
        interval: float = CHECKPOINT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path
        self.owner = owner
        self.url = strip_query(url)  # never the presigned query string
        self.segments = segments
        self.interval = interval
        self.clock = clock
        self.saves = 0
        self._saved_at = -math.inf
        self._lock = threading.Lock()

    @property
    def total(self) -> int:
        return self.owner.total or 0

    @classmethod
    def plan(
        cls,
        path: Path,
        owner: PartOwner,
        url: str,
        count: int,
        chunk: int,
        min_size: int = 0,
        **timing: Any,
    ) -> SegmentState:
        # Segment boundaries on chunk multiples keep every request chunk-aligned.
        total = owner.total or 0
        size = max(chunk, -(-total // count // chunk) * chunk, -(-min_size // chunk) * chunk)
        segments = [Segment(s, min(total, s + size) - 1) for s in range(0, total, size)]
        return cls(path, owner, url, segments, **timing)

    @classmethod
    def load(cls, path: Path, total: int, url: str, **timing: Any) -> Optional[SegmentState]:
        """The segmented sidecar at ``path`` for an object of ``total`` bytes at ``url``.

        Who wrote it is ``state.owner``: the caller compares it with the server's answer.
        """
        found = Sidecar.read(path)
        if found is None or found.segments is None or found.owner.total != total:
            return None
        if found.url != strip_query(url):
            return None
        segments = found.segments
        covered = sum(s.end - s.start + 1 for s in segments)
        if covered != total or any(s.done < 0 or s.start + s.done > s.end + 1 for s in segments):
            return None
        return cls(path, found.owner, url, segments, **timing)

    @property
    def done(self) -> int:
        return sum(s.done for s in self.segments)

    def split(self, seg: Segment, pieces: int, chunk: int) -> list[Segment]:
        """Cut what is left of ``seg`` into up to ``pieces`` about equal ones (boundaries on
        ``chunk`` multiples); ``seg`` keeps the first, the new segments are returned.

        Saved before it returns: a crash resumes every piece; bytes the shortened segment's
        open response still brings past its new end are not written.
        """
        with self._lock, seg.lock:
            position, stop = seg.position, seg.end + 1
            size, step = -(-(stop - position) // max(1, pieces)), max(1, chunk)
            # The nearest multiple, not the next: no piece gets a whole step more than another.
            cuts = sorted(
                {(position + size * i + step // 2) // step * step for i in range(1, pieces)}
            )
            cuts = [c for c in cuts if position < c < stop]
            if not cuts:
                return []
            new = [Segment(c, n - 1) for c, n in zip(cuts, [*cuts[1:], stop])]
            seg.end = cuts[0] - 1
            self.segments.extend(new)
            self._write(self.clock())
        return new

    def save(self) -> None:
        with self._lock:
            self._write(self.clock())

    def checkpoint(self) -> None:
        """Save if the last save is ``interval`` s old (called after every chunk written).

        The unlocked read is the common case (nothing due): no lock per chunk.
        """
        now = self.clock()
        if now - self._saved_at < self.interval:
            return
        with self._lock:
            if now - self._saved_at >= self.interval:  # no other segment saved meanwhile
                self._write(now)

    def _write(self, now: float) -> None:
        # Every ``done`` read here was written to the OS before it was counted.
        Sidecar(self.owner, self.url, self.segments).write(self.path)
        self._saved_at = now
        self.saves += 1


def download_segmented(
    fetcher: Fetcher, job: DownloadJob, holder: UrlHolder, owner: PartOwner, count: int
) -> None:
    """Fill ``job.part_path`` with the object ``owner`` describes (its ``total`` bytes, its
    validator) using up to ``count`` parallel ranged GETs; resumes only that owner's .part.

    ``fetcher.adaptive``: a new .part starts as one segment, split further only while that
    raises the file's throughput (``_Adaptor``); else it is split into ``count`` at once.
    """
    part, url = job.part_path, holder.get()[0]
    total = owner.total
    if total is None:
        raise RangeNotSupportedError(f"{job.key}: no size to split into segments")
    # The fetch holds the asset's lock; its segment threads write under it, never take it.
    fetcher.check_writer(job)
    timing = {"interval": fetcher.checkpoint_interval, "clock": fetcher.clock}
    state = SegmentState.load(job.sidecar_path, total, url, **timing)
    size_on_disk = part.stat().st_size if part.exists() else -1
    if state is None or state.owner != owner or size_on_disk != total:
        state = SegmentState.plan(
            job.sidecar_path,
            owner,
            url,
            1 if fetcher.adaptive else count,
            fetcher.chunk_size,
            fetcher.segment_threshold // 2,
            **timing,
        )
        disk.ensure_space(part, total)
        # Old bytes go first, then the sidecar is written, then the .part: a crash in
        # between never leaves a sidecar claiming a .part that someone else filled.
        discard_part(job)
        state.save()
        try:
            with open(part, "wb") as fh:
                fh.truncate(total)  # sparse preallocation; real blocks come with the data
        except OSError as exc:
            if disk.is_disk_full(exc):
                raise disk.disk_full_error(part, exc) from None
            raise
    else:
        disk.ensure_space(part, total - state.done)
    fetcher.report(job, state.done, total)
    _SegmentRunner(fetcher, job, holder, state, count).run()


# Seconds between the runner's looks at its segments (completions, adaptive measurements).
_TICK = 0.01
# Splits cut at multiples of this (a 64 KiB-aligned request, however the chunk size is set).
SPLIT_ALIGN = 64 * 1024
# No end-game piece is smaller (a request for less costs more in calls than it saves).
END_GAME_PIECE = 256 * 1024


class _SegmentRunner:
    """A file's segment threads: started, watched, and (adaptive) split while that pays.

    The first failure aborts the siblings (each stops at its next piece) and is raised.
    """

    def __init__(
        self,
        fetcher: Fetcher,
        job: DownloadJob,
        holder: UrlHolder,
        state: SegmentState,
        limit: int,
    ) -> None:
        self.fetcher, self.job, self.holder, self.state = fetcher, job, holder, state
        self.limit = max(1, limit)
        self.abort = threading.Event()
        self.running: dict[Future[None], Segment] = {}
        self._pool: Optional[ThreadPoolExecutor] = None

    def start(self, seg: Segment) -> None:
        if self._pool is None:
            raise RuntimeError("segment runner started outside its pool")
        seg.launched_at = time.monotonic()
        future = self._pool.submit(
            _run_segment, self.fetcher, self.job, self.holder, self.state, seg, self.abort
        )
        self.running[future] = seg

    def active(self) -> list[Segment]:
        return [s for s in self.running.values() if not s.complete]

    def grow(self, extra: int, min_piece: Optional[int] = None) -> int:
        """Split the largest remaining segments into up to ``extra`` new ones (each on a
        connection that is free now, no piece below ``min_piece``, by default the minimum
        split size); how many started."""
        free = self.fetcher.requester.idle_connections()
        extra = min(extra, self.limit - len(self.running), extra if free is None else free)
        active = self.active()
        if extra <= 0 or not active:
            return 0
        remaining = [s.end + 1 - s.position for s in active]
        least = self.fetcher.min_split_size if min_piece is None else min_piece
        pieces = adaptive.allocate_pieces(remaining, extra, least)
        started = 0
        for seg, count in zip(active, pieces):
            if count > 1:
                for new in self.state.split(seg, count, SPLIT_ALIGN):
                    self.start(new)
                    started += 1
        return started

    def run(self) -> None:
        pending = [s for s in self.state.segments if not s.complete]
        if not pending:
            return
        # Threads are made as segments start: at most one per connection the file may use.
        workers = max(len(pending), self.limit)
        adaptor = _Adaptor(self) if self.fetcher.adaptive and self.limit > 1 else None
        with ThreadPoolExecutor(workers, thread_name_prefix="capella-seg") as self._pool:
            for seg in pending:
                self.start(seg)
            while self.running:
                # Static segments only wait for their ends; the adaptor looks every tick.
                tick = None if adaptor is None else _TICK
                finished, _ = wait(list(self.running), tick, return_when=FIRST_COMPLETED)
                errors = [f.exception() for f in finished if f.exception() is not None]
                for future in finished:
                    del self.running[future]
                if errors:
                    self.abort.set()
                    wait(list(self.running))
                    # Prefer the most meaningful error over the induced "aborted" cancellations.
                    real = [e for e in errors if not isinstance(e, _AbortedError)] or errors
                    raise real[0]  # type: ignore[misc]
                if adaptor is not None:
                    adaptor.tick(bool(finished))


class _Adaptor:
    """Decides, from the file's measured throughput, when its segments are split.

    ``base``: measure the open connections (one for a new file) for a window, then open as
    many again (the trial). ``trial``: measure again; if the added connections raised the
    throughput (``adaptive.split_verdict``) double again (a new trial) up to the limit, else
    keep what is open. ``hold``: keep that many connections busy, splitting the largest
    remaining segment whenever one finishes, down to the minimum split size.
    """

    def __init__(self, runner: _SegmentRunner) -> None:
        self.runner = runner
        self.phase = "base"
        self.base: Optional[adaptive.Throughput] = None
        self.target = runner.limit
        self._window: Optional[tuple[float, list[tuple[Segment, float, int]]]] = None
        self._armed = False

    def tick(self, changed: bool) -> None:
        runner = self.runner
        if self.phase == "hold":
            self._keep()
            return
        sample = self._measure(changed)
        if sample is None:
            return
        if self.phase == "base":
            self.base = sample
            want = adaptive.trial_connections(sample.connections, runner.limit)
            if want > sample.connections and runner.grow(want - sample.connections):
                self.phase = "trial"
            elif want > sample.connections and runner.fetcher.requester.idle_connections() == 0:
                self._window = None  # every connection is busy (other files): try again later
            else:
                self._hold(sample.connections)  # at the limit, or too little left to split
            return
        if self.base is None:  # no first measure yet: nothing to compare with
            return
        verdict = adaptive.split_verdict(self.base, sample)
        if verdict == adaptive.MEASURE:
            return
        before, self.base = self.base, sample
        if verdict == adaptive.SPLIT:
            # Each doubling is judged again: a gain from 1 to 2 connections (this machine's
            # share of a busy CPU, a link with room for two) says nothing about 8.
            want = adaptive.trial_connections(sample.connections, runner.limit)
            if want <= sample.connections or not runner.grow(want - sample.connections):
                self._hold(runner.limit)  # more when connections free up or pieces allow
        else:
            self._hold(sample.connections)
        log.debug(
            "%s: %s after %d -> %d connections (%.1f -> %.1f MB/s)",
            runner.job.key,
            verdict,
            before.connections,
            sample.connections,
            before.rate / 1e6,
            sample.rate / 1e6,
        )

    def _hold(self, target: int) -> None:
        self.phase, self.target = "hold", target
        self._keep()

    def _keep(self) -> None:
        # Counted by threads, not by unfinished segments: a segment that wrote its last
        # byte holds its connection until its thread ends; a split before would exceed it.
        missing = self.target - len(self.runner.running)
        if missing > 0:
            self.runner.grow(missing, self._end_game_piece())

    def _end_game_piece(self) -> int:
        """Smallest piece a connection that finished may take from another segment.

        The minimum split size is for the ramp; at the end (aria2 takes its 1 MiB pieces
        from slower connections then) a piece is worth a request if it lasts twice the
        longest wait for a first byte seen here, at the measured per-connection rate.
        """
        runner = self.runner
        if self.base is None:
            return runner.fetcher.min_split_size
        waits = [
            s.first_at - s.launched_at
            for s in runner.state.segments
            if s.first_at < math.inf and s.launched_at < math.inf
        ]
        per_connection = self.base.rate / max(1, self.base.connections)
        worth = int(per_connection * 2 * max(waits, default=adaptive.WINDOW))
        return min(runner.fetcher.min_split_size, max(END_GAME_PIECE, worth))

    def _measure(self, changed: bool) -> Optional[adaptive.Throughput]:
        """The throughput of the open segments over a window of at least WINDOW s, or None.

        A window starts once every open segment streams and restarts when one ends or
        starts. A segment's rate is clocked by its pieces (bytes between its first and last
        piece in the window over the time between them): a server sending in bursts
        (1 MiB every 50 ms) is measured at its rate, not at the bursts in the window. The
        window lasts until every segment's pieces span half of it (LONGEST_WINDOW at most).
        """
        active = self.runner.active()
        now = time.monotonic()
        window = self._window
        if changed or window is None or [id(s) for s, _, _ in window[1]] != [id(s) for s in active]:
            self._window = None
            streaming = bool(active) and all(s.seen_at > s.launched_at for s in active)
            if streaming and self._armed:
                self._window = (now, [(s, s.seen_at, s.done) for s in active])
            # One tick between the first piece and the window: a new connection's first
            # burst (a server's socket buffer, sent at once) is not counted as its rate.
            self._armed = streaming and not changed
            return None
        started, marks = window
        wall = now - started
        if wall < adaptive.WINDOW:
            return None
        spans = [seg.seen_at - seen for seg, seen, _ in marks]
        if min(spans) < wall / 2 and wall < adaptive.LONGEST_WINDOW:
            return None  # a segment's pieces span too little of it yet (a slow, bursty link)
        rate = 0.0
        for (seg, _, done), span in zip(marks, spans):
            rate += (seg.done - done) / (span if span >= wall / 2 else wall)
        return adaptive.Throughput(len(marks), rate, wall)


class _AbortedError(CancelledError):
    """A sibling segment failed; stop quietly."""


def _run_segment(
    fetcher: Fetcher,
    job: DownloadJob,
    holder: UrlHolder,
    state: SegmentState,
    seg: Segment,
    abort: threading.Event,
) -> None:
    def attempt(url: str) -> None:
        if abort.is_set():
            raise _AbortedError("aborted")
        _segment_attempt(fetcher, job, url, state, seg, abort)

    fetcher.requester.with_retries(job, holder, attempt)


def _segment_attempt(
    fetcher: Fetcher, job: DownloadJob, url: str, state: SegmentState, seg: Segment, abort: Any
) -> None:
    if seg.complete:
        return
    fetcher.check_writer(job)
    start = seg.position
    headers = {"Range": f"bytes={start}-{seg.end}"}
    with fetcher.requester.get(job, url, headers) as resp:
        if resp.status_code != 206:
            raise RangeNotSupportedError(f"{job.key}: HTTP {resp.status_code} to a range request")
        first, _, total = parse_content_range(resp.headers.get("Content-Range"))
        if first != start or total != state.total:
            raise RangeNotSupportedError(f"{job.key}: unexpected Content-Range; file changed?")
        if validator_of(resp) != state.owner.validator:
            # A new version of the object: its bytes must not land beside the old ones.
            raise RangeNotSupportedError(f"{job.key}: the file changed on the server")
        try:
            # Unbuffered: each network piece goes to the OS at once, without a growing
            # buffer, so what the sidecar claims is always on its way to the disk.
            with open(job.part_path, "r+b", buffering=0) as fh:
                for piece in resp.iter_raw():
                    fetcher.requester.check_cancel()
                    if abort.is_set():
                        raise _AbortedError("aborted")
                    with seg.lock:  # a split waits: it cuts after what is written here
                        room = seg.end + 1 - seg.position
                        if len(piece) > room:
                            piece = piece[:room]
                        if not piece:
                            break  # split: the rest belongs to a newer segment
                        write_at(fh, piece, seg.position)
                        seg.done += len(piece)
                        seg.seen_at = time.monotonic()
                        if seg.first_at > seg.seen_at:
                            seg.first_at = seg.seen_at
                    fetcher.report(job, state.done, state.total, len(piece))
                    state.checkpoint()
        except httpx.TransportError as exc:
            raise RetryableError(
                f"segment connection lost at byte {seg.position}: {redact_text(exc)}",
                progressed=seg.position > start,
            ) from None
        except OSError as exc:
            if disk.is_disk_full(exc):
                raise disk.disk_full_error(job.part_path, exc) from None
            raise
        finally:
            state.save()  # whatever was written stays claimed (cancel, drop, error)
    if not seg.complete:
        raise RetryableError(
            f"segment closed at byte {seg.position} of {seg.end + 1}",
            progressed=seg.position > start,
        )

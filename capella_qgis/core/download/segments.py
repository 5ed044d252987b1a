"""The .part sidecar (who wrote the .part, and segment progress) and parallel ranged segments."""

from __future__ import annotations

import contextlib
import json
import math
import os
import threading
import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

import httpx

from capella_qgis.core.download import disk
from capella_qgis.core.download.errors import RangeNotSupportedError
from capella_qgis.core.download.http import RetryableError, UrlHolder, parse_content_range
from capella_qgis.core.download.plan import DownloadJob
from capella_qgis.core.exceptions import CancelledError
from capella_qgis.core.redact import redact_text, strip_query

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
    end: int  # inclusive
    done: int = 0

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
    validator) using up to ``count`` parallel ranged GETs; resumes only that owner's .part."""
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
            count,
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
    abort = threading.Event()
    pending = [s for s in state.segments if not s.complete]
    if not pending:
        return
    with ThreadPoolExecutor(len(pending), thread_name_prefix="capella-seg") as pool:
        futures = [
            pool.submit(_run_segment, fetcher, job, holder, state, seg, abort) for seg in pending
        ]
        finished, _ = wait(futures, return_when=FIRST_EXCEPTION)
        errors = [f.exception() for f in finished if f.exception() is not None]
        if errors:
            abort.set()
            wait(futures)
            # Prefer the most meaningful error over the induced "aborted" cancellations.
            real = [e for e in errors if not isinstance(e, _AbortedError)] or errors
            raise real[0]  # type: ignore[misc]


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
                    room = seg.end + 1 - seg.position
                    if len(piece) > room:
                        piece = piece[:room]
                    if not piece:
                        break
                    write_at(fh, piece, seg.position)
                    seg.done += len(piece)
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

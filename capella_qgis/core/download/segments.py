"""Parallel ranged segments into a preallocated .part, with a JSON sidecar for crash resume."""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import httpx

from capella_qgis.core.download import disk
from capella_qgis.core.download.errors import RangeNotSupportedError
from capella_qgis.core.download.http import RetryableError, UrlHolder, parse_content_range
from capella_qgis.core.download.plan import DownloadJob
from capella_qgis.core.exceptions import CancelledError
from capella_qgis.core.redact import redact_text, strip_query

if TYPE_CHECKING:
    from capella_qgis.core.download.fetch import Fetcher

SIDECAR_VERSION = 1


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


class SegmentState:
    """Segment progress persisted after every chunk, so a crash loses ≤ 1 chunk per segment."""

    def __init__(self, path: Path, total: int, url: str, segments: list[Segment]) -> None:
        self.path = path
        self.total = total
        self.url = strip_query(url)  # never the presigned query string
        self.segments = segments
        self._lock = threading.Lock()

    @classmethod
    def plan(
        cls, path: Path, total: int, url: str, count: int, chunk: int, min_size: int = 0
    ) -> SegmentState:
        # Segment boundaries on chunk multiples keep every request chunk-aligned.
        size = max(chunk, -(-total // count // chunk) * chunk, -(-min_size // chunk) * chunk)
        segments = [Segment(s, min(total, s + size) - 1) for s in range(0, total, size)]
        return cls(path, total, url, segments)

    @classmethod
    def load(cls, path: Path, total: int, url: str) -> Optional[SegmentState]:
        try:
            doc: Any = json.loads(path.read_text(encoding="utf-8"))
            if doc.get("version") != SIDECAR_VERSION or doc.get("total") != total:
                return None
            if doc.get("url") != strip_query(url):
                return None
            segments = [Segment(int(s), int(e), int(d)) for s, e, d in doc["segments"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        covered = sum(s.end - s.start + 1 for s in segments)
        if covered != total or any(s.done < 0 or s.start + s.done > s.end + 1 for s in segments):
            return None
        return cls(path, total, url, segments)

    @property
    def done(self) -> int:
        return sum(s.done for s in self.segments)

    def save(self) -> None:
        with self._lock:
            doc = {
                "version": SIDECAR_VERSION,
                "total": self.total,
                "url": self.url,
                "segments": [[s.start, s.end, s.done] for s in self.segments],
            }
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_text(json.dumps(doc), encoding="utf-8")
            os.replace(tmp, self.path)


def download_segmented(
    fetcher: Fetcher, job: DownloadJob, holder: UrlHolder, total: int, count: int
) -> None:
    """Fill ``job.part_path`` with ``total`` bytes using up to ``count`` parallel ranged GETs."""
    part, url = job.part_path, holder.get()[0]
    # The fetch holds the asset's lock; its segment threads write under it, never take it.
    fetcher.check_writer(job)
    state = SegmentState.load(job.sidecar_path, total, url)
    size_on_disk = part.stat().st_size if part.exists() else -1
    if state is None or size_on_disk != total:
        state = SegmentState.plan(
            job.sidecar_path,
            total,
            url,
            count,
            fetcher.chunk_size,
            fetcher.segment_threshold // 2,
        )
        disk.ensure_space(part, total)
        try:
            with open(part, "wb") as fh:
                fh.truncate(total)  # sparse preallocation; real blocks come with the data
        except OSError as exc:
            if disk.is_disk_full(exc):
                raise disk.disk_full_error(part, exc) from None
            raise
        state.save()
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
        buffer = bytearray()
        try:
            with open(job.part_path, "r+b") as fh:
                fh.seek(start)

                def write_out() -> None:
                    if buffer:
                        fh.write(buffer)
                        fh.flush()  # data reaches the OS before the sidecar claims it
                        seg.done += len(buffer)
                        fetcher.report(job, state.done, state.total, len(buffer))
                        buffer.clear()

                try:
                    # Written a chunk at a time: a file's segments share its inode lock and
                    # its sidecar, and 64 KiB network reads written one by one queued on both.
                    for piece in resp.iter_raw():
                        fetcher.requester.check_cancel()
                        if abort.is_set():
                            raise _AbortedError("aborted")
                        piece = piece[: seg.end + 1 - seg.position - len(buffer)]
                        if not piece:
                            break
                        buffer += piece
                        if len(buffer) >= fetcher.chunk_size:
                            write_out()
                            state.save()
                finally:
                    write_out()  # whatever was received is kept, however the stream ended
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

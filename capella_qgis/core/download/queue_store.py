"""Persistent download queue (JSON, atomic writes) so unfinished downloads survive a restart.

One file is shared by every download at once: the tasks of one QGIS (threads), and other
processes (a second QGIS, ``qgis_process``). Every change is a read-modify-write of the file
under the OS lock of ``<queue>.lock`` (core.download.lock, the one the ``.part`` files use):
a store re-reads the file, changes only the keys it is told about, and writes it back with
temp file + ``os.replace``. So no writer ever drops the entries of another, and a reader never
sees a half-written file, also when a writer is killed.

Why not SQLite: the queue is a few hundred small entries changed a few times per file
downloaded, the lock already exists, and JSON keeps the queue files of earlier versions (and
their users' unfinished downloads) readable as they are.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Union

from capella_qgis.core.download.lock import exclusive
from capella_qgis.core.download.plan import DownloadJob
from capella_qgis.core.download.progress import (
    CANCELLED,
    COMPLETED,
    FAILED,
    QUEUED,
    RUNNING,
    SKIPPED,
)
from capella_qgis.core.redact import strip_query

log = logging.getLogger("capella_qgis.download")
STORE_VERSION = 1
UNFINISHED = frozenset({QUEUED, RUNNING, FAILED, CANCELLED})
DONE = frozenset({COMPLETED, SKIPPED})
LOCK_SUFFIX = ".lock"
# Each holder keeps the lock for one small read and write: only a hung disk waits this long.
LOCK_TIMEOUT = 10.0


@dataclass
class QueueEntry:
    """A queued asset. ``url`` has no query string: presigned signatures are secrets."""

    stac_id: str
    asset_key: str
    url: str
    target: str
    order_id: Optional[str] = None
    product_type: Optional[str] = None
    expected_size: Optional[int] = None
    state: str = QUEUED
    reason: str = ""
    size: Optional[int] = None
    updated: float = 0.0

    @property
    def key(self) -> str:
        return f"{self.stac_id}/{self.asset_key}"

    def to_job(self, presigned_url: str) -> DownloadJob:
        """Rebuild the job with a fresh presigned URL (from GET /orders/{order_id}/download)."""
        return DownloadJob(
            self.stac_id,
            self.asset_key,
            presigned_url,
            Path(self.target),
            self.product_type,
            self.expected_size,
            self.order_id,
        )


def _entry_id(stac_id: str, asset_key: str, target: Union[str, Path]) -> str:
    return f"{stac_id}/{asset_key}@{target}"


class QueueStore:
    """The shared queue file; thread- and process-safe, every change written through.

    Holds no copy of the queue: each call reads the file, so it sees the entries of every
    other store (task, process) too. Entries this store added are remembered, so a state
    change puts back an entry that vanished meanwhile (say, the file was found damaged and
    set aside): unfinished downloads stay resumable.
    """

    def __init__(self, path: Union[str, Path]) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + LOCK_SUFFIX)
        self._mine: dict[str, QueueEntry] = {}

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(exclusive(self.lock_path, timeout=LOCK_TIMEOUT))
            except TimeoutError as exc:
                # A stuck holder must not stall the downloads; the change still touches only
                # its own keys, so at worst one concurrent change of another writer is lost.
                log.warning("Download queue %s: %s; writing without the lock", self.path, exc)
            yield

    def _load(self) -> dict[str, QueueEntry]:
        try:
            doc: Any = json.loads(self.path.read_text(encoding="utf-8"))
            raw = doc["entries"] if isinstance(doc, dict) else []
            entries = [QueueEntry(**{**e, "url": strip_query(e["url"])}) for e in raw]
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # A damaged queue must not block the plugin; keep it aside for inspection.
            log.warning("Download queue %s unreadable (%s); starting empty", self.path, exc)
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_name(self.path.name + ".corrupt"))
            return {}
        return {_entry_id(e.stac_id, e.asset_key, e.target): e for e in entries}

    def _save(self, entries: dict[str, QueueEntry]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        doc = {"version": STORE_VERSION, "entries": [asdict(e) for e in entries.values()]}
        fd, tmp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, indent=1)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _update(self, change: Callable[[dict[str, QueueEntry]], bool]) -> None:
        """Read, ``change`` in place (True: something changed), write: all under the lock."""
        with self._locked():
            entries = self._load()
            if change(entries):
                self._save(entries)

    def add(self, jobs: Iterable[DownloadJob], *, order_id: Optional[str] = None) -> None:
        now = time.time()
        jobs = list(jobs)

        def change(entries: dict[str, QueueEntry]) -> bool:
            for job in jobs:
                entry_id = _entry_id(job.stac_id, job.asset_key, job.target)
                old = entries.get(entry_id)
                entry = QueueEntry(
                    job.stac_id,
                    job.asset_key,
                    strip_query(job.url),
                    str(job.target),
                    order_id or job.order_id or (old.order_id if old else None),
                    job.product_type,
                    job.expected_size,
                    old.state if old and old.state in DONE else QUEUED,
                    updated=now,
                )
                entries[entry_id] = entry
                self._mine[entry_id] = QueueEntry(**asdict(entry))
            return True

        self._update(change)

    def set_state(
        self,
        job: DownloadJob,
        state: str,
        *,
        reason: str = "",
        size: Optional[int] = None,
    ) -> None:
        entry_id = _entry_id(job.stac_id, job.asset_key, job.target)

        def change(entries: dict[str, QueueEntry]) -> bool:
            entry = entries.get(entry_id)
            if entry is None:
                mine = self._mine.get(entry_id)
                if mine is None:
                    return False  # not queued by anyone: nothing to keep resumable
                entry = entries[entry_id] = QueueEntry(**asdict(mine))
            entry.state, entry.reason, entry.updated = state, reason, time.time()
            if size is not None:
                entry.size = size
            return True

        self._update(change)

    def entries(self) -> list[QueueEntry]:
        """Every entry of the file, whoever queued it (copies)."""
        with self._locked():
            return list(self._load().values())

    def pending(self) -> list[QueueEntry]:
        """Unfinished entries (queued, interrupted, failed, cancelled) to offer for resume."""
        return [e for e in self.entries() if e.state in UNFINISHED]

    def remove(self, entries: Iterable[QueueEntry]) -> None:
        ids = [_entry_id(e.stac_id, e.asset_key, e.target) for e in entries]

        def change(current: dict[str, QueueEntry]) -> bool:
            for entry_id in ids:
                self._mine.pop(entry_id, None)
            return any([current.pop(entry_id, None) is not None for entry_id in ids])

        self._update(change)

    def clear_finished(self) -> None:
        """Drop the completed and skipped entries (of every store: nothing is left to resume)."""

        def change(entries: dict[str, QueueEntry]) -> bool:
            done = [k for k, e in entries.items() if e.state in DONE]
            for entry_id in done:
                del entries[entry_id]
                self._mine.pop(entry_id, None)
            return bool(done)

        self._update(change)

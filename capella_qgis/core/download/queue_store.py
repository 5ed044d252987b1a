"""Persistent download queue (JSON, atomic writes) so unfinished downloads survive a restart."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Optional, Union

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
    """Thread-safe; every change is written through (temp file + os.replace)."""

    def __init__(self, path: Union[str, Path]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._entries: dict[str, QueueEntry] = self._load()

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

    def _save_locked(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        doc = {"version": STORE_VERSION, "entries": [asdict(e) for e in self._entries.values()]}
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

    def add(self, jobs: Iterable[DownloadJob], *, order_id: Optional[str] = None) -> None:
        now = time.time()
        with self._lock:
            for job in jobs:
                entry_id = _entry_id(job.stac_id, job.asset_key, job.target)
                old = self._entries.get(entry_id)
                self._entries[entry_id] = QueueEntry(
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
            self._save_locked()

    def set_state(
        self,
        job: DownloadJob,
        state: str,
        *,
        reason: str = "",
        size: Optional[int] = None,
    ) -> None:
        with self._lock:
            entry = self._entries.get(_entry_id(job.stac_id, job.asset_key, job.target))
            if entry is None:
                return
            entry.state, entry.reason, entry.updated = state, reason, time.time()
            if size is not None:
                entry.size = size
            self._save_locked()

    def entries(self) -> list[QueueEntry]:
        with self._lock:
            return [QueueEntry(**asdict(e)) for e in self._entries.values()]

    def pending(self) -> list[QueueEntry]:
        """Unfinished entries (queued, interrupted, failed, cancelled) to offer for resume."""
        return [e for e in self.entries() if e.state in UNFINISHED]

    def remove(self, entries: Iterable[QueueEntry]) -> None:
        with self._lock:
            for e in entries:
                self._entries.pop(_entry_id(e.stac_id, e.asset_key, e.target), None)
            self._save_locked()

    def clear_finished(self) -> None:
        with self._lock:
            self._entries = {k: e for k, e in self._entries.items() if e.state not in DONE}
            self._save_locked()

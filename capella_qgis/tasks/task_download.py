"""QgsTask driving the DownloadEngine: resolve the source, plan, fetch resumably, report."""

from __future__ import annotations

import logging
import math
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from qgis.PyQt.QtCore import pyqtSignal

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.http import RetryPolicy
from capella_qgis.core.download import (
    AssetFilter,
    DownloadEngine,
    DownloadReport,
    ProgressSnapshot,
    QueueStore,
)
from capella_qgis.core.download.disk import human_size
from capella_qgis.core.download.plan import DownloadJob, filename_from_url
from capella_qgis.core.download.sources import (
    NO_COLLECTS,
    NO_FILES,
    NO_PRODUCTS,
    CollectSource,
    DownloadSource,
    ItemsSource,
    OrderSource,
    ResumeSource,
    TaskingRequestSource,
    UrlSource,
    link_refresher,
    needs_api,
    resolve,
)
from capella_qgis.core.exceptions import InputError
from capella_qgis.tasks.clients import ClientSource
from capella_qgis.tasks.task_base import BaseTask
from capella_qgis.toolbelt.compat import QT_TRANSLATE_NOOP, tr
from capella_qgis.toolbelt.network import client_kwargs_for
from capella_qgis.toolbelt.paths import queue_path
from capella_qgis.toolbelt.proxy import proxy_url_for
from capella_qgis.toolbelt.settings import PluginSettings

LOGGER = logging.getLogger(__name__)


def format_progress(snap: ProgressSnapshot) -> str:
    """``120.0 MiB of 400.0 MiB · 20.0 MiB/s · ETA 14 s`` (unknown parts omitted)."""
    done = human_size(snap.bytes_done)
    text = done if snap.bytes_total is None else f"{done} / {human_size(snap.bytes_total)}"
    if snap.rate > 0:
        text += f" · {human_size(snap.rate)}/s"
    if snap.eta is not None:
        text += " · " + tr("ETA {eta}").format(eta=_duration(snap.eta))
    return text


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


@dataclass
class DownloadRequest:
    """What to download (a typed source), where, and which assets."""

    source: DownloadSource
    dest_dir: Path
    product_types: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    separate_dirs: bool = True
    overwrite: bool = False
    label: str = ""

    def filters(self) -> AssetFilter:
        return AssetFilter.create(self.include, self.exclude, self.product_types)

    def describe(self) -> str:
        if self.label:
            return self.label
        src = self.source
        if isinstance(src, OrderSource):
            return tr("order {id}").format(id=src.order_id)
        if isinstance(src, TaskingRequestSource):
            return tr("tasking request {id}").format(id=_first(src.tasking_request_ids))
        if isinstance(src, CollectSource):
            return tr("collect {id}").format(id=_first(src.collect_ids))
        if isinstance(src, ItemsSource):
            return tr("{n} product(s)").format(n=len(src.items))
        if isinstance(src, UrlSource):
            return filename_from_url(src.url) if src.url else tr("file")
        return tr("{n} unfinished file(s)").format(n=len(src.entries))


def _first(ids: tuple[str, ...]) -> str:
    return ids[0] if ids else ""


@dataclass
class DownloadOptions:
    """How downloads run, besides the settings (tests: a private queue, fast retries)."""

    queue: Optional[QueueStore] = None
    retry: Optional[RetryPolicy] = None  # RetryPolicy.asset(...)
    engine_options: dict[str, Any] = field(default_factory=dict)


@dataclass
class DownloadResult:
    request: DownloadRequest
    report: DownloadReport
    order_id: Optional[str] = None
    empty_items: list[str] = field(default_factory=list)
    # Records the Console sent that could not be read in full (the rest went ahead).
    warnings: list[str] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        """The folder holding every file of the report (the one to open for the user)."""
        return files_folder(self.report, self.request.dest_dir)


def files_folder(report: DownloadReport, fallback: Path) -> Path:
    """The deepest folder containing every file of ``report`` (``fallback`` without files).

    One product gives its own folder; several give the download folder above them; a resume
    of files from different places gives the folder they share.
    """
    targets = [o.path or o.job.target for o in report.outcomes]
    parents = sorted({str(Path(t).parent) for t in targets if t})
    if not parents:
        return Path(fallback)
    try:
        return Path(os.path.commonpath(parents))
    except ValueError:  # different drives (Windows)
        return Path(fallback)


# Why a source gave nothing to download, as the user reads it.
EMPTY_MESSAGES = {
    NO_COLLECTS: QT_TRANSLATE_NOOP("@default", "The tasking request has no collects to download."),
    NO_PRODUCTS: QT_TRANSLATE_NOOP(
        "@default", "Nothing to download: the catalog has no products for it yet."
    ),
    NO_FILES: QT_TRANSLATE_NOOP("@default", "Nothing to download: no file matches the filters."),
}


class DownloadTask(BaseTask):
    """Download everything a :class:`DownloadRequest` names; Cancel leaves ``.part`` files.

    The source is resolved by ``core.download.sources.resolve`` (shared with Processing) and
    expired links are refreshed by its ``link_refresher``.
    """

    progressSnapshot = pyqtSignal(object)  # ProgressSnapshot, queued to the main thread

    def __init__(
        self,
        request: DownloadRequest,
        *,
        settings: Optional[PluginSettings] = None,
        client: Optional[ClientSource] = None,
        options: Optional[DownloadOptions] = None,
        on_success: Optional[Callable[[Any], None]] = None,
        on_error: Optional[Callable[[str], None]] = None,
    ) -> None:
        self.request = request
        self.base_description = tr("Capella download: {what}").format(what=request.describe())
        super().__init__(self.base_description, on_success=on_success, on_error=on_error)
        settings = settings or PluginSettings.load()
        options = options or DownloadOptions()
        source = request.source
        asset_hint = source.url if isinstance(source, UrlSource) else settings.effective_api_url
        engine_options: dict[str, Any] = dict(client_kwargs_for(asset_hint))
        engine_options.update(options.engine_options)
        engine_options.setdefault("max_connections", settings.max_parallel_downloads)
        # Presigned asset hosts are only known once resolved: ask QGIS per host then.
        if "transport" not in engine_options:
            engine_options.setdefault("proxy_for", proxy_url_for)
        self.queue = options.queue if options.queue is not None else QueueStore(queue_path())
        self.cancel_event = threading.Event()
        self.last_snapshot: Optional[ProgressSnapshot] = None
        self.last_description = ""
        # job key -> seconds left of its retry wait (engine threads write, under the lock)
        self._waits: dict[str, float] = {}
        self._describe_lock = threading.Lock()
        # Last: nothing above may fail once the client is open (the task closes it when done).
        self.client: Optional[ConsoleClient] = (
            self.open_client(client) if needs_api(source) else None
        )
        self.engine = DownloadEngine(
            retry=options.retry, refresh_url=link_refresher(self.client), **engine_options
        )

    # --- main thread -----------------------------------------------------------------------

    def cancel(self) -> None:
        self.cancel_event.set()
        super().cancel()

    # --- worker thread ---------------------------------------------------------------------

    def _run(self) -> DownloadResult:
        req = self.request
        self.setDescription(tr("{base} — resolving…").format(base=self.base_description))
        resolved = resolve(
            req.source,
            self.client,
            req.dest_dir,
            filters=req.filters(),
            separate_dirs=req.separate_dirs,
            is_cancelled=self.isCanceled,
        )
        self.check_cancelled()
        if not resolved.jobs:
            reason = resolved.empty_reason or NO_FILES
            raise InputError(tr(EMPTY_MESSAGES[reason]))
        report = self.engine.run(
            resolved.jobs,
            progress=self._on_progress,
            cancel_event=self.cancel_event,
            overwrite=req.overwrite,
            queue=self.queue,
            is_cancelled=self.isCanceled,
            on_wait=self._on_wait,
        )
        if self.cancel_event.is_set() or self.isCanceled():
            self.check_cancelled()
        return DownloadResult(
            req, report, resolved.order_id, resolved.empty_items, resolved.warnings
        )

    def _on_progress(self, snap: ProgressSnapshot) -> None:
        self.last_snapshot = snap
        if snap.bytes_total:
            self.setProgress(100.0 * snap.bytes_done / snap.bytes_total)
        self._describe()
        self.progressSnapshot.emit(snap)

    def _on_wait(self, job: DownloadJob, seconds: float, reason: str) -> None:
        with self._describe_lock:
            if seconds > 0:
                self._waits[job.key] = seconds
            else:
                self._waits.pop(job.key, None)
        self._describe()

    def _describe(self) -> None:
        """``<base> — <progress> · waiting for the server (retry in N s)`` (parts omitted)."""
        with self._describe_lock:
            parts = [format_progress(self.last_snapshot)] if self.last_snapshot else []
            if self._waits:
                soonest = math.ceil(min(self._waits.values()))
                parts.append(tr("waiting for the server (retry in {n} s)").format(n=soonest))
            base = self.base_description
            self.last_description = f"{base} — {' · '.join(parts)}" if parts else base
            self.setDescription(self.last_description)


def resumes(task: Any) -> bool:
    """Whether ``task`` is a download resuming the unfinished queue."""
    return isinstance(task, DownloadTask) and isinstance(task.request.source, ResumeSource)

"""QgsTask driving the DownloadEngine: resolve the source, plan, fetch resumably, report."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import pyqtSignal

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.download import (
    AssetFilter,
    DownloadEngine,
    DownloadJob,
    DownloadReport,
    DownloadRetry,
    ProgressSnapshot,
    QueueEntry,
    QueueStore,
    plan_downloads,
)
from capella_qgis.core.download.disk import human_size
from capella_qgis.core.download.plan import filename_from_url, stac_id_from_href
from capella_qgis.core.exceptions import InputError
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.tasks.task_base import BaseTask
from capella_qgis.toolbelt.compat import tr
from capella_qgis.toolbelt.network import build_client, client_kwargs_for, proxy_url_for
from capella_qgis.toolbelt.settings import PluginSettings

LOGGER = logging.getLogger(__name__)

KINDS = ("order", "tasking_request", "collect", "items", "url", "resume")
QUEUE_FILE = "download_queue.json"


def queue_path() -> Path:
    """The persistent download queue in the active QGIS profile."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "capella_qgis" / QUEUE_FILE


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
    """What to download. ``kind`` is one of :data:`KINDS`."""

    kind: str
    dest_dir: Path
    ids: list[str] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    url: str = ""
    entries: list[QueueEntry] = field(default_factory=list)
    product_types: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    separate_dirs: bool = True
    overwrite: bool = False
    contract_id: Optional[str] = None
    order_id: Optional[str] = None  # for presigned items: lets expired links be refreshed
    label: str = ""

    def describe(self) -> str:
        if self.label:
            return self.label
        first = self.ids[0] if self.ids else ""
        return {
            "order": tr("order {id}").format(id=first),
            "tasking_request": tr("tasking request {id}").format(id=first),
            "collect": tr("collect {id}").format(id=first),
            "items": tr("{n} product(s)").format(n=len(self.items)),
            "url": filename_from_url(self.url) if self.url else tr("file"),
            "resume": tr("{n} unfinished file(s)").format(n=len(self.entries)),
        }.get(self.kind, self.kind)


@dataclass
class DownloadResult:
    request: DownloadRequest
    report: DownloadReport
    order_id: Optional[str] = None
    empty_items: list[str] = field(default_factory=list)

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


class DownloadTask(BaseTask):
    """Download everything a :class:`DownloadRequest` names; Cancel leaves ``.part`` files."""

    progressSnapshot = pyqtSignal(object)  # ProgressSnapshot, queued to the main thread

    def __init__(
        self,
        request: DownloadRequest,
        *,
        settings: Optional[PluginSettings] = None,
        client: Optional[ConsoleClient] = None,
        queue: Optional[QueueStore] = None,
        retry: Optional[DownloadRetry] = None,
        engine_options: Optional[dict[str, Any]] = None,
        on_success: Optional[Callable[[Any], None]] = None,
        on_error: Optional[Callable[[str], None]] = None,
    ) -> None:
        if request.kind not in KINDS:
            raise InputError(f"Unknown download source {request.kind!r}")
        self.request = request
        self.base_description = tr("Capella download: {what}").format(what=request.describe())
        super().__init__(self.base_description, on_success=on_success, on_error=on_error)
        settings = settings or PluginSettings.load()
        needs_api = request.kind not in ("url",) or bool(request.order_id)
        self.client = client if client is not None or not needs_api else build_client(settings)
        asset_hint = request.url or settings.effective_api_url
        options: dict[str, Any] = dict(client_kwargs_for(asset_hint))
        options.update(engine_options or {})
        options.setdefault("max_connections", settings.max_parallel_downloads)
        # Presigned asset hosts are only known once resolved: ask QGIS per host then.
        if "transport" not in options:
            options.setdefault("proxy_for", proxy_url_for)
        self.engine = DownloadEngine(retry=retry, refresh_url=self._refresh_url, **options)
        self.queue = queue if queue is not None else QueueStore(queue_path())
        self.cancel_event = threading.Event()
        self.last_snapshot: Optional[ProgressSnapshot] = None
        self.last_description = ""

    # --- main thread -----------------------------------------------------------------------

    def cancel(self) -> None:
        self.cancel_event.set()
        super().cancel()

    def cleanup(self) -> None:
        if self.client is not None:
            self.client.close()

    # --- worker thread ---------------------------------------------------------------------

    def _run(self) -> DownloadResult:
        req = self.request
        self.setDescription(tr("{base} — resolving…").format(base=self.base_description))
        jobs, order_id, empty = self._resolve()
        self.check_cancelled()
        if not jobs:
            raise InputError(tr("Nothing to download: no file matches the filters."))
        report = self.engine.run(
            jobs,
            progress=self._on_progress,
            cancel_event=self.cancel_event,
            overwrite=req.overwrite,
            queue=self.queue,
        )
        if self.cancel_event.is_set() or self.isCanceled():
            self.check_cancelled()
        return DownloadResult(req, report, order_id, empty)

    def _filters(self) -> AssetFilter:
        req = self.request
        return AssetFilter.create(req.include, req.exclude, req.product_types)

    def _plan(self, items: list[dict], order_id: Optional[str]) -> tuple[list[DownloadJob], list]:
        req = self.request
        plan = plan_downloads(
            items,
            req.dest_dir,
            filters=self._filters(),
            separate_dirs=req.separate_dirs,
            order_id=order_id,
        )
        return list(plan), list(plan.empty_items)

    def _resolve(self) -> tuple[list[DownloadJob], Optional[str], list[str]]:
        req = self.request
        client = self.client
        if req.kind == "order":
            order_id = req.ids[0]
            items = [i.to_feature() for i in client.get_presigned_items(order_id)]
            jobs, empty = self._plan(items, order_id)
            return jobs, order_id, empty
        if req.kind == "items":
            jobs, empty = self._plan([dict(i) for i in req.items], req.order_id)
            return jobs, req.order_id, empty
        if req.kind == "url":
            return [self._url_job()], req.order_id, []
        if req.kind == "resume":
            return self._resume_jobs(), None, []
        collect_ids = list(req.ids)
        if req.kind == "tasking_request":
            collect_ids = []
            for tr_id in req.ids:
                collect_ids += client.resolve_collect_ids_for_tasking_request(tr_id)
            if not collect_ids:
                raise InputError(tr("The tasking request has no collects to download."))
        return self._collect_jobs(collect_ids)

    def _collect_jobs(
        self, collect_ids: list[str]
    ) -> tuple[list[DownloadJob], Optional[str], list[str]]:
        req = self.request
        filters: dict[str, Any] = {"collect_id": {"in": collect_ids}}
        if req.product_types:
            filters["product_type"] = {"in": [t.upper() for t in req.product_types]}
        found = self.client.search(CatalogQuery(filters=filters, limit=500))
        if len(found) == 0:
            raise InputError(tr("Nothing to download: the catalog has no products for it yet."))
        order = self.client.submit_order(
            found.items, contract_id=req.contract_id, reuse_active=True
        )
        wanted = set(found.stac_ids)
        items = [i.to_feature() for i in self.client.get_presigned_items(order.order_id, wanted)]
        jobs, empty = self._plan(items, order.order_id)
        return jobs, order.order_id, empty

    def _url_job(self) -> DownloadJob:
        req = self.request
        name = filename_from_url(req.url)
        stac_id = stac_id_from_href(req.url) or Path(name).stem
        in_own_dir = req.separate_dirs and stac_id_from_href(req.url)
        folder = req.dest_dir / stac_id if in_own_dir else req.dest_dir
        if not req.dest_dir.is_dir():
            raise InputError(tr("Download folder does not exist: {path}").format(path=req.dest_dir))
        key = "file"
        for item in req.items:  # optional: the asset key, when the caller knows it
            key = str(item.get("asset_key", key))
        return DownloadJob(stac_id, key, req.url, folder / name, None, None, req.order_id)

    def _resume_jobs(self) -> list[DownloadJob]:
        jobs: list[DownloadJob] = []
        by_order: dict[Optional[str], list[QueueEntry]] = {}
        for entry in self.request.entries:
            by_order.setdefault(entry.order_id, []).append(entry)
        for order_id, entries in by_order.items():
            if order_id is None:
                jobs += [e.to_job(e.url) for e in entries]
                continue
            stac_ids = {e.stac_id for e in entries}
            fresh = {item.id: item for item in self.client.get_presigned_items(order_id, stac_ids)}
            for e in entries:
                item = fresh.get(e.stac_id)
                asset = item.assets.get(e.asset_key) if item else None
                if asset is not None:
                    jobs.append(e.to_job(asset.href))
        return jobs

    def _refresh_url(self, job: DownloadJob) -> str:
        """A fresh presigned URL for ``job`` from ``GET /orders/{id}/download``."""
        if not job.order_id or self.client is None:
            return ""
        for item in self.client.get_presigned_items(job.order_id, [job.stac_id]):
            asset = item.assets.get(job.asset_key)
            if asset is not None:
                return asset.href
        return ""

    def _on_progress(self, snap: ProgressSnapshot) -> None:
        self.last_snapshot = snap
        if snap.bytes_total:
            self.setProgress(100.0 * snap.bytes_done / snap.bytes_total)
        self.last_description = f"{self.base_description} — {format_progress(snap)}"
        self.setDescription(self.last_description)
        self.progressSnapshot.emit(snap)

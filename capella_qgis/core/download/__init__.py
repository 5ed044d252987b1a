"""Download engine: plan assets, fetch them resumably in parallel, report every asset."""

from __future__ import annotations

from capella_qgis.core.download.disk import check_free_space
from capella_qgis.core.download.engine import AssetOutcome, DownloadEngine, DownloadReport
from capella_qgis.core.download.errors import (
    AssetNotFoundError,
    DiskFullError,
    DownloadError,
    IncompleteDownloadError,
    InsufficientSpaceError,
    UrlExpiredError,
)
from capella_qgis.core.download.plan import (
    AssetFilter,
    DownloadJob,
    DownloadPlan,
    plan_downloads,
    sanitize_filename,
)
from capella_qgis.core.download.progress import JobProgress, ProductProgress, ProgressSnapshot
from capella_qgis.core.download.queue_store import QueueEntry, QueueStore

__all__ = [
    "AssetFilter",
    "AssetNotFoundError",
    "AssetOutcome",
    "DiskFullError",
    "DownloadEngine",
    "DownloadError",
    "DownloadJob",
    "DownloadPlan",
    "DownloadReport",
    "IncompleteDownloadError",
    "InsufficientSpaceError",
    "JobProgress",
    "ProductProgress",
    "ProgressSnapshot",
    "QueueEntry",
    "QueueStore",
    "UrlExpiredError",
    "check_free_space",
    "plan_downloads",
    "sanitize_filename",
]

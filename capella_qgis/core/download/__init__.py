"""Download engine: plan assets, fetch them resumably in parallel, report every asset."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from capella_qgis.core.download.disk import check_free_space
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

if TYPE_CHECKING:
    from capella_qgis.core.download.engine import AssetOutcome, DownloadEngine, DownloadReport

# The engine (and httpx with it) is imported on first use: the queue, plans and progress are
# needed while QGIS starts (the Resume offer), the HTTP stack is not (#20).
_ENGINE_NAMES = ("AssetOutcome", "DownloadEngine", "DownloadReport")


def __getattr__(name: str) -> Any:
    if name in _ENGINE_NAMES:
        from capella_qgis.core.download import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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

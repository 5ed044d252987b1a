"""What to download (typed sources) and ``resolve()``: the one way a source becomes jobs.

The GUI (orders dock, Resume, requests dock) and the *Download products* algorithm all call
:func:`resolve` and download with :func:`link_refresher` as the engine's ``refresh_url``.

Spending rule: ``resolve`` never orders by itself. A collect or tasking request source needs
the caller's ``order`` callback, which gets the products found and returns the id of the order
holding them, after the caller's review (the Processing algorithm logs it and checks CONFIRM
and its cost cap; the GUI orders through the review dialog and downloads an ItemsSource).

Link refresh rule: an expired presigned link is replaced from the order of *that job*
(``job.order_id``, set by the plan, kept in the resume queue), asking the Console for that one
product; a job without an order, or whose order no longer lists the asset, is not refreshed
and fails with the original "download link expired" reason (the engine re-raises it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from capella_qgis.core.download.plan import (
    AssetFilter,
    DownloadJob,
    SkippedAsset,
    filename_from_url,
    plan_downloads,
    stac_id_from_href,
)
from capella_qgis.core.download.queue_store import QueueEntry
from capella_qgis.core.exceptions import CancelledError, InputError
from capella_qgis.core.models.base import problems_of
from capella_qgis.core.models.stac import StacItem
from capella_qgis.core.search.collects import collect_products

if TYPE_CHECKING:
    from capella_qgis.core.api.client import ConsoleClient

#: Orders the products a source found (after the caller's review) and returns the order id.
OrderProducts = Callable[[list[StacItem]], str]

# Why a source gave nothing to download (callers word it for their users).
NO_COLLECTS = "no_collects"  # the tasking request has no collects (yet)
NO_PRODUCTS = "no_products"  # the catalog has no products for the collects (yet)
NO_FILES = "no_files"  # products found, but no asset passes the filters


@dataclass(frozen=True)
class OrderSource:
    """Every product of an order (already paid for)."""

    order_id: str


@dataclass(frozen=True)
class ItemsSource:
    """Presigned STAC items (dicts, e.g. ``GET /orders/{id}/download``); no API call.

    With ``order_id`` their links can be refreshed when they expire.
    """

    items: tuple[Mapping[str, Any], ...]
    order_id: Optional[str] = None


@dataclass(frozen=True)
class CollectSource:
    """The products of collects; ordered first by ``resolve``'s ``order`` callback."""

    collect_ids: tuple[str, ...]


@dataclass(frozen=True)
class TaskingRequestSource:
    """The products of the collects of completed tasking requests (ordered first, likewise)."""

    tasking_request_ids: tuple[str, ...]


@dataclass(frozen=True)
class UrlSource:
    """One file by URL (``asset_key`` names it; ``order_id`` lets its link be refreshed)."""

    url: str
    asset_key: str = "file"
    order_id: Optional[str] = None


@dataclass(frozen=True)
class ResumeSource:
    """Unfinished files of the persistent queue; links are fetched fresh from their orders."""

    entries: tuple[QueueEntry, ...]


DownloadSource = Union[
    OrderSource, ItemsSource, CollectSource, TaskingRequestSource, UrlSource, ResumeSource
]


def needs_api(source: DownloadSource) -> bool:
    """Whether resolving or refreshing ``source`` talks to the Console API."""
    if isinstance(source, UrlSource):
        return bool(source.order_id)
    if isinstance(source, ItemsSource):
        return bool(source.order_id)
    return True


def may_order(source: DownloadSource) -> bool:
    """Whether resolving ``source`` may place an order (which may be billed): it then needs
    ``resolve``'s ``order`` callback."""
    return isinstance(source, (CollectSource, TaskingRequestSource))


@dataclass
class Resolved:
    """The jobs of a source, the order they come from, and why there is nothing, if so."""

    jobs: list[DownloadJob]
    order_id: Optional[str] = None
    empty_items: list[str] = field(default_factory=list)
    collect_ids: list[str] = field(default_factory=list)
    empty_reason: Optional[str] = None  # NO_COLLECTS, NO_PRODUCTS or NO_FILES when no jobs
    # Assets left out for an unsafe file name (also on ``jobs`` when it is the DownloadPlan,
    # which carries them into the engine's report).
    skipped_unsafe: list[SkippedAsset] = field(default_factory=list)
    renamed: dict[str, Path] = field(default_factory=dict)  # job key -> target
    # Records the Console sent that could not be read in full (a collect's bad timestamp):
    # the rest went ahead; each line names the record and the field, for the user to see.
    warnings: list[str] = field(default_factory=list)


def resolve(
    source: DownloadSource,
    client: Optional[ConsoleClient],
    dest_dir: Path,
    *,
    filters: Optional[AssetFilter] = None,
    separate_dirs: bool = True,
    is_cancelled: Optional[Callable[[], bool]] = None,
    order: Optional[OrderProducts] = None,
) -> Resolved:
    """Turn ``source`` into download jobs under ``dest_dir`` (raises CapellaError).

    ``order``: for a collect or tasking request source (``may_order``), called with the
    products found (never with none) once they are known; without it such a source is refused
    before anything is sent, so nothing is ever ordered unreviewed.
    """
    filters = filters or AssetFilter.create()
    if isinstance(source, ResumeSource):
        return _checked(Resolved(_resume_jobs(source.entries, client)))
    if isinstance(source, UrlSource):
        return Resolved([_url_job(source, Path(dest_dir), separate_dirs)], source.order_id)
    if isinstance(source, ItemsSource):
        items = [dict(i) for i in source.items]
        return _planned(items, source.order_id, dest_dir, filters, separate_dirs)
    api = _require(client)
    if isinstance(source, OrderSource):
        ordered = api.orders.get_presigned_items(source.order_id)
        items = [i.to_feature() for i in ordered]
        resolved = _planned(items, source.order_id, dest_dir, filters, separate_dirs)
        resolved.warnings = [str(problem) for problem in problems_of(ordered)]
        return resolved
    if order is None:  # what is left may order: never without the caller's review step
        raise InputError(
            "Downloading collects or tasking requests orders their products, which may be "
            "billed: review the order first (no order step was given), or download its order"
        )
    found = collect_products(
        api,
        tasking_request_ids=(
            source.tasking_request_ids if isinstance(source, TaskingRequestSource) else ()
        ),
        collect_ids=source.collect_ids if isinstance(source, CollectSource) else (),
        product_types=filters.product_types,
        is_cancelled=is_cancelled,
    )
    if not found.collect_ids:
        return Resolved([], empty_reason=NO_COLLECTS, warnings=found.warnings)
    if not found.items:
        return Resolved(
            [], collect_ids=found.collect_ids, empty_reason=NO_PRODUCTS, warnings=found.warnings
        )
    _check_cancelled(is_cancelled)
    order_id = order(found.items)
    _check_cancelled(is_cancelled)
    # Only the products found: a reused active order may hold more.
    presigned = api.orders.get_presigned_items(order_id, set(found.stac_ids))
    resolved = _planned(
        [i.to_feature() for i in presigned], order_id, dest_dir, filters, separate_dirs
    )
    resolved.collect_ids = found.collect_ids
    resolved.warnings = found.warnings + [str(problem) for problem in problems_of(presigned)]
    return resolved


def link_refresher(client: Optional[ConsoleClient]) -> Callable[[DownloadJob], str]:
    """The engine's ``refresh_url``: a fresh presigned link for a job from its own order
    (``""`` when there is none: the engine then reports the expired link)."""

    def refresh(job: DownloadJob) -> str:
        if client is None or not job.order_id:
            return ""
        for item in client.orders.get_presigned_items(job.order_id, [job.stac_id]):
            asset = item.assets.get(job.asset_key)
            if item.id == job.stac_id and asset is not None:
                return str(asset.href)
        return ""

    return refresh


# --- helpers ---------------------------------------------------------------------------------


def _require(client: Optional[ConsoleClient]) -> ConsoleClient:
    if client is None:
        raise InputError("This download needs the Capella Console: no client was given")
    return client


def _check_cancelled(is_cancelled: Optional[Callable[[], bool]]) -> None:
    if is_cancelled is not None and is_cancelled():
        raise CancelledError()


def _checked(resolved: Resolved) -> Resolved:
    if not resolved.jobs and resolved.empty_reason is None:
        resolved.empty_reason = NO_FILES
    return resolved


def _planned(
    items: Sequence[Mapping[str, Any]],
    order_id: Optional[str],
    dest_dir: Path,
    filters: AssetFilter,
    separate_dirs: bool,
) -> Resolved:
    plan = plan_downloads(
        items, dest_dir, filters=filters, separate_dirs=separate_dirs, order_id=order_id
    )
    if not plan and plan.skipped_unsafe:
        # Nothing left to download: say why, naming every file (not "no file matches").
        reasons = "; ".join(f"{s.key}: {s.reason}" for s in plan.skipped_unsafe)
        raise InputError(
            f"Nothing to download: every file name is unsafe. {reasons}", field="filename"
        )
    resolved = Resolved(plan, order_id, list(plan.empty_items))
    resolved.skipped_unsafe = list(plan.skipped_unsafe)
    resolved.renamed = dict(plan.renamed)
    return _checked(resolved)


def _url_job(source: UrlSource, dest_dir: Path, separate_dirs: bool) -> DownloadJob:
    if not dest_dir.is_dir():
        raise InputError(f"Download folder does not exist: {dest_dir}", field="dest_dir")
    name = filename_from_url(source.url)
    stac_id = stac_id_from_href(source.url)
    folder = dest_dir / stac_id if separate_dirs and stac_id else dest_dir
    return DownloadJob(
        stac_id or Path(name).stem,
        source.asset_key,
        source.url,
        folder / name,
        None,
        None,
        source.order_id,
    )


def _resume_jobs(
    entries: Sequence[QueueEntry], client: Optional[ConsoleClient]
) -> list[DownloadJob]:
    """Entries of an order get fresh links from it (in one call per order); others keep theirs."""
    jobs: list[DownloadJob] = []
    by_order: dict[Optional[str], list[QueueEntry]] = {}
    for entry in entries:
        by_order.setdefault(entry.order_id, []).append(entry)
    for order_id, group in by_order.items():
        if order_id is None:
            jobs += [e.to_job(e.url) for e in group]
            continue
        stac_ids = {e.stac_id for e in group}
        fresh = {i.id: i for i in _require(client).orders.get_presigned_items(order_id, stac_ids)}
        for entry in group:
            item = fresh.get(entry.stac_id)
            asset = item.assets.get(entry.asset_key) if item else None
            if asset is not None:
                jobs.append(entry.to_job(asset.href))
    return jobs

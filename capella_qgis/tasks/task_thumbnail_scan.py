"""Find the features in view that still lack a map-tip thumbnail, off the UI thread.

The main thread only takes a :class:`ScanInput` snapshot (a ``QgsVectorLayerFeatureSource``
plus the visible rectangle and centre in the layer CRS: cheap); iterating the features,
sorting them by distance and checking the cache on disk happen in :class:`ThumbnailScanTask`.
Only the result (``(stac_id, fid)`` pairs and the thumbnail jobs) comes back.

:class:`UnsignStoredRowsTask` rewrites, once per layer, the rows a plugin version that still
stored presigned links wrote (footprints.rows.unsign_stored_rows).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from qgis.core import (
    Qgis,
    QgsAbstractFeatureSource,
    QgsFeatureRequest,
    QgsPointXY,
    QgsRectangle,
    QgsTask,
)

from capella_qgis.footprints.rows import nearest_in_view, store_thumb_paths, unsign_stored_rows
from capella_qgis.tasks.task_base import BaseTask, ErrorCallback, SuccessCallback
from capella_qgis.tasks.task_thumbnails import ThumbnailJob, thumbnail_href
from capella_qgis.toolbelt.compat import scoped_enum, tr

# How many stored paths of the nearest features are checked for a vanished cache file.
EXISTENCE_CHECKS = 200
# Features read between two cancellation checks.
CANCEL_CHECK_EVERY = 500


def request_flag(name: str) -> Any:
    """``Qgis.FeatureRequestFlag.<name>`` (newer QGIS) or ``QgsFeatureRequest.Flag.<name>``."""
    scope = getattr(Qgis, "FeatureRequestFlag", None)
    if scope is not None and hasattr(scope, name):
        return getattr(scope, name)
    return scoped_enum(QgsFeatureRequest, "Flag", name)


def is_empty(value: Any) -> bool:
    """NULL (QVariant or None) or blank text."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return True
    return not str(value).strip()


@dataclass
class ScanInput:
    """What the worker needs, taken on the main thread (no layer access in the worker).

    ``rect`` and ``centre`` are in the layer CRS; ``rect`` None means nothing is in view.
    Field indexes below 0 mean the field is missing.
    """

    source: QgsAbstractFeatureSource  # a QgsVectorLayerFeatureSource snapshot
    rect: Optional[QgsRectangle]
    centre: QgsPointXY
    id_index: int
    thumb_index: int
    json_index: int
    url_index: int
    failed: frozenset[str] = frozenset()
    batch_size: int = 60
    existence_checks: int = EXISTENCE_CHECKS
    # (file, table) of a GeoPackage layer read without a filter or edits: queried in SQL.
    gpkg: Optional[tuple[str, str]] = None


@dataclass
class ScanResult:
    """``wanted``: ``(stac_id, fid)`` nearest first (capped); ``jobs``: their thumbnails (one
    per stac id, same order); ``missing``: stac ids whose item has no thumbnail href."""

    wanted: list[tuple[str, int]] = field(default_factory=list)
    jobs: list[ThumbnailJob] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)


def _candidates(scan: ScanInput, check: Optional[Callable[[], None]]) -> list[tuple[str, int]]:
    """``(stac_id, fid)`` of the features in view needing a thumbnail, nearest first."""
    if scan.rect is None:  # nothing in view
        return []
    if scan.gpkg is not None:
        return _pick(_sql_candidates(scan), scan)
    request = QgsFeatureRequest().setFilterRect(scan.rect)
    request.setFlags(request_flag("ExactIntersect"))
    request.setSubsetOfAttributes([scan.id_index, scan.thumb_index])
    centre = scan.centre
    candidates: list[tuple[float, str, int, Any]] = []
    for count, feature in enumerate(scan.source.getFeatures(request)):
        if check is not None and count % CANCEL_CHECK_EVERY == 0:
            check()
        stac_id = feature.attribute(scan.id_index)
        if is_empty(stac_id) or str(stac_id) in scan.failed:
            continue
        box = feature.geometry().boundingBox()
        distance = box.center().sqrDist(centre) if not box.isEmpty() else float("inf")
        candidates.append(
            (distance, str(stac_id), feature.id(), feature.attribute(scan.thumb_index))
        )
    candidates.sort(key=lambda c: c[0])
    return _pick(candidates, scan)


def _sql_candidates(scan: ScanInput) -> list[tuple[float, str, int, Any]]:
    """The same candidates, from the GeoPackage's R-tree: only the rows :func:`_pick` can take
    (the nearest empty ones, and the nearest filled ones it checks on disk)."""
    if scan.gpkg is None or scan.rect is None:
        return []
    spare = len(scan.failed)  # failed ids are dropped after the query
    empty = _nearest_exact(scan, filled=False, want=scan.batch_size, limit=scan.batch_size + spare)
    checked = scan.existence_checks
    filled = _nearest_exact(scan, filled=True, want=checked, limit=checked + spare)
    rows = [*empty, *filled]
    rows.sort(key=lambda c: c[0])
    return rows


def _nearest_exact(
    scan: ScanInput, *, filled: bool, want: int, limit: int
) -> list[tuple[float, str, int, Any]]:
    """The nearest rows whose geometry (not only its box) meets the view, ``want`` of them
    when there are: the R-tree answers boxes, so rows only its box reaches are dropped and
    the query widened until enough remain."""
    if scan.gpkg is None or scan.rect is None:
        return []
    path, table = scan.gpkg
    rect = scan.rect
    box = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
    centre = (scan.centre.x(), scan.centre.y())
    while True:
        found = nearest_in_view(path, table, box, centre, filled=filled, limit=limit)
        rows = [row for row in found if row[1] not in scan.failed]
        meets = _meeting(scan, [row[2] for row in rows])
        kept = [row for row in rows if row[2] in meets]
        if len(kept) >= want or len(found) < limit:  # enough, or every row in view read
            return kept[:want]
        limit *= 4


def _meeting(scan: ScanInput, fids: list[int]) -> set[int]:
    """Of ``fids``, those whose geometry meets the view (a few hundred at most)."""
    if not fids or scan.rect is None:
        return set()
    request = QgsFeatureRequest().setFilterFids(fids)
    request.setNoAttributes()
    return {f.id() for f in scan.source.getFeatures(request) if f.geometry().intersects(scan.rect)}


def _pick(candidates: list[tuple[float, str, int, Any]], scan: ScanInput) -> list[tuple[str, int]]:
    """From candidates nearest first: those with no thumbnail or a vanished cache file."""
    out: list[tuple[str, int]] = []
    checks = 0
    for _, stac_id, fid, thumb in candidates:
        if not is_empty(thumb):
            if checks >= scan.existence_checks:
                continue
            checks += 1
            if os.path.exists(str(thumb)):
                continue  # filled and still cached
        out.append((stac_id, fid))
        if len(out) >= scan.batch_size:
            break
    return out


def _jobs(scan: ScanInput, wanted: list[tuple[str, int]]) -> tuple[list[ThumbnailJob], set[str]]:
    """Thumbnail hrefs from the stored item JSON (unsigned: the fetch task presigns them)."""
    fids = {fid: stac_id for stac_id, fid in wanted}
    request = QgsFeatureRequest().setFilterFids(list(fids))
    request.setSubsetOfAttributes([i for i in (scan.json_index, scan.url_index) if i >= 0])
    request.setFlags(request_flag("NoGeometry"))
    found: dict[str, ThumbnailJob] = {}
    missing: set[str] = set()
    for feature in scan.source.getFeatures(request):
        stac_id = fids.get(feature.id())
        if stac_id is None:
            continue
        item: dict[str, Any] = {}
        text = feature.attribute(scan.json_index)
        if not is_empty(text):
            try:
                item = json.loads(str(text))
            except ValueError:
                item = {}
        href = thumbnail_href(item)
        url = feature.attribute(scan.url_index) if scan.url_index >= 0 else None
        if href is None and not is_empty(url):
            href = str(url)
        if href is None:
            missing.add(stac_id)
            continue
        bbox = item.get("bbox") or (0.0, 0.0, 0.0, 0.0)
        if stac_id not in found:
            found[stac_id] = ThumbnailJob(stac_id, href, tuple(bbox[:4]))
    order = [stac_id for stac_id, _ in wanted]
    return [found[stac_id] for stac_id in dict.fromkeys(order) if stac_id in found], missing


def scan_visible(scan: ScanInput, check: Optional[Callable[[], None]] = None) -> ScanResult:
    """Iterate the features in ``scan.rect``; ``check()`` may raise to stop (cancellation)."""
    if scan.rect is None or scan.id_index < 0 or scan.thumb_index < 0:
        return ScanResult()
    wanted = _candidates(scan, check)
    if not wanted:
        return ScanResult()
    jobs, missing = _jobs(scan, wanted)
    return ScanResult(wanted, jobs, missing)


def _silent_flags() -> Any:
    """Cancelable, and hidden from the task list where QGIS can (3.26+): one scan per pan."""
    flags = QgsTask.Flag.CanCancel
    hidden = getattr(QgsTask.Flag, "Hidden", None) or getattr(QgsTask, "Hidden", None)
    return flags | hidden if hidden is not None else flags


class ThumbnailScanTask(BaseTask):
    """Run :func:`scan_visible` in a worker thread; result: a :class:`ScanResult`."""

    def __init__(
        self,
        scan: ScanInput,
        *,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        super().__init__(
            tr("Capella thumbnails"),
            on_success=on_success,
            on_error=on_error,
            flags=_silent_flags(),
        )
        self.scan = scan

    def _run(self) -> Any:
        return scan_visible(self.scan, self.check_cancelled)


class UnsignStoredRowsTask(BaseTask):
    """Cut the signatures out of a stored footprint layer's links; result: rows changed."""

    def __init__(
        self,
        path: str,
        layer_name: str,
        *,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        super().__init__(
            tr("Capella footprints"),
            on_success=on_success,
            on_error=on_error,
            flags=_silent_flags(),
        )
        self.path = path
        self.layer_name = layer_name

    def _run(self) -> Any:
        return unsign_stored_rows(self.path, self.layer_name)


class StoreThumbPathsTask(BaseTask):
    """Write the map tips' ``thumb_path`` values into a footprint GeoPackage; result: rows."""

    def __init__(
        self,
        path: str,
        layer_name: str,
        paths: dict[int, str],
        *,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        super().__init__(
            tr("Capella footprints"),
            on_success=on_success,
            on_error=on_error,
            flags=_silent_flags(),
        )
        self.path = path
        self.layer_name = layer_name
        self.paths = paths

    def _run(self) -> Any:
        return store_thumb_paths(self.path, self.layer_name, self.paths)

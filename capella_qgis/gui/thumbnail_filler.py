"""Fill a footprint layer's ``thumb_path`` lazily for the features in view (map tips).

When the layer is visible and the canvas extent settles (debounced), the features in the
visible extent without a cached thumbnail are collected (nearest to the centre first, capped
per batch) and handed to ONE :class:`ThumbnailTask` at a time (worker thread, disk cache;
cache hits need no network). On completion ``thumb_path`` is written in one provider call on
the main thread. Only local file paths are stored, never presigned URLs.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path
from typing import Any, Optional

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeatureRequest,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorDataProvider,
    QgsVectorLayer,
)
from qgis.gui import QgsMapCanvas
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from capella_qgis.tasks.task_thumbnails import ThumbnailJob, ThumbnailTask
from capella_qgis.toolbelt.compat import scoped_enum

LOGGER = logging.getLogger(__name__)

REQUIRED_FIELDS = ("stac_id", "thumb_path", "item_json")
DEBOUNCE_MS = 400
BATCH_SIZE = 60
# How many stored paths of the nearest features are checked for a vanished cache file.
EXISTENCE_CHECKS = 200


def is_footprint_layer(layer: Any) -> bool:
    """A vector layer with the footprint fields that the filler reads and writes."""
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return False
    names = set(layer.fields().names())
    return all(name in names for name in REQUIRED_FIELDS)


def _is_empty(value: Any) -> bool:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return True
    return not str(value).strip()


def _request_flag(name: str) -> Any:
    scope = getattr(Qgis, "FeatureRequestFlag", None)
    if scope is not None and hasattr(scope, name):
        return getattr(scope, name)
    return scoped_enum(QgsFeatureRequest, "Flag", name)


def _thumbnail_href(item: dict) -> Optional[str]:
    asset = (item.get("assets") or {}).get("thumbnail") or {}
    href = asset.get("href")
    return str(href) if href else None


class ThumbnailFiller(QObject):
    """Keeps ``thumb_path`` of the visible features of one footprint layer filled.

    ``filled`` carries the number of features written after each batch.
    """

    filled = pyqtSignal(int)

    def __init__(
        self,
        canvas: QgsMapCanvas,
        layer: QgsVectorLayer,
        *,
        cache_dir: Optional[Path] = None,
        batch_size: int = BATCH_SIZE,
        delay_ms: int = DEBOUNCE_MS,
        parent: Optional[QObject] = None,
    ) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.layer = layer
        self.layer_id = layer.id()
        self.cache_dir = cache_dir
        self.batch_size = max(1, int(batch_size))
        self.task: Optional[ThumbnailTask] = None
        self.failed: set[str] = set()  # stac ids without a usable thumbnail (this session)
        self._inflight: dict[str, list[int]] = {}  # stac id -> fids of the running task
        self._pending = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(0, int(delay_ms)))
        self._timer.timeout.connect(self.run_pass)
        self._next = QTimer(self)  # zero-delay follow-up pass after a batch
        self._next.setSingleShot(True)
        self._next.setInterval(0)
        self._next.timeout.connect(self.run_pass)
        canvas.extentsChanged.connect(self.schedule)
        canvas.layersChanged.connect(self.schedule)
        canvas.destinationCrsChanged.connect(self.schedule)
        layer.willBeDeleted.connect(self.close)
        self.schedule()

    # --- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Stop listening and cancel the running task; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self._next.stop()
        for signal, slot in (
            (self.canvas.extentsChanged, self.schedule),
            (self.canvas.layersChanged, self.schedule),
            (self.canvas.destinationCrsChanged, self.schedule),
            (self.layer.willBeDeleted, self.close),
        ):
            with contextlib.suppress(TypeError, RuntimeError):
                signal.disconnect(slot)
        if self.task is not None:
            with contextlib.suppress(RuntimeError):  # already deleted by the task manager
                self.task.cancel()
        self.task = None
        self._inflight = {}

    @property
    def closed(self) -> bool:
        return self._closed

    def is_busy(self) -> bool:
        """A task is running or a pass is scheduled."""
        if self._closed:
            return False
        return self.task is not None or self._timer.isActive() or self._next.isActive()

    # --- scheduling ------------------------------------------------------------------------

    def schedule(self, *_: Any) -> None:
        """(Re)start the debounce timer."""
        if not self._closed:
            self._timer.start()

    def is_visible(self) -> bool:
        return any(layer.id() == self.layer_id for layer in self.canvas.layers())

    def run_pass(self) -> Optional[ThumbnailTask]:
        """Collect the next batch in view and start a task for it (or defer to the running one)."""
        if self._closed or not self.is_visible():
            return None
        wanted = self.collect()
        if self.task is not None:
            # One task at a time: keep it when most of its batch is still in view, else cancel
            # it (downloaded files stay cached) and start over when it has finished.
            still = sum(1 for stac_id, _ in wanted if stac_id in self._inflight)
            if wanted and still * 2 < len(self._inflight):
                with contextlib.suppress(RuntimeError):
                    self.task.cancel()
            self._pending = True
            return None
        if not wanted:
            return None
        return self._start(wanted)

    def visible_rect(self) -> Optional[QgsRectangle]:
        """The canvas extent in the layer CRS."""
        extent = self.canvas.extent()
        if extent.isEmpty():
            return None
        source = self.canvas.mapSettings().destinationCrs()
        if source == self.layer.crs():
            return QgsRectangle(extent)
        transform = QgsCoordinateTransform(source, self.layer.crs(), QgsProject.instance())
        try:
            return transform.transformBoundingBox(extent)
        except QgsCsException:
            return None

    def _centre(self) -> QgsPointXY:
        centre = QgsPointXY(self.canvas.extent().center())
        source = self.canvas.mapSettings().destinationCrs()
        if source != self.layer.crs():
            transform = QgsCoordinateTransform(source, self.layer.crs(), QgsProject.instance())
            with contextlib.suppress(QgsCsException):
                centre = transform.transform(centre)
        return centre

    def collect(self) -> list[tuple[str, int]]:
        """``(stac_id, fid)`` of the features in view needing a thumbnail, nearest first."""
        rect = self.visible_rect()
        fields = self.layer.fields()
        id_index, thumb_index = fields.indexOf("stac_id"), fields.indexOf("thumb_path")
        if rect is None or id_index < 0 or thumb_index < 0:
            return []
        request = QgsFeatureRequest().setFilterRect(rect)
        request.setFlags(_request_flag("ExactIntersect"))
        request.setSubsetOfAttributes([id_index, thumb_index])
        centre = self._centre()
        candidates: list[tuple[float, str, int, Any]] = []
        for feature in self.layer.getFeatures(request):
            stac_id = feature.attribute(id_index)
            if _is_empty(stac_id) or str(stac_id) in self.failed:
                continue
            box = feature.geometry().boundingBox()
            distance = box.center().sqrDist(centre) if not box.isEmpty() else float("inf")
            candidates.append(
                (distance, str(stac_id), feature.id(), feature.attribute(thumb_index))
            )
        candidates.sort(key=lambda c: c[0])
        out: list[tuple[str, int]] = []
        checks = 0
        for _, stac_id, fid, thumb in candidates:
            if not _is_empty(thumb):
                if checks >= EXISTENCE_CHECKS:
                    continue
                checks += 1
                if os.path.exists(str(thumb)):
                    continue  # filled and still cached
            out.append((stac_id, fid))
            if len(out) >= self.batch_size:
                break
        return out

    # --- task --------------------------------------------------------------------------------

    def _jobs(self, wanted: list[tuple[str, int]]) -> list[ThumbnailJob]:
        """Thumbnail hrefs (presigned, kept in memory only) from the stored item JSON."""
        fields = self.layer.fields()
        json_index, url_index = fields.indexOf("item_json"), fields.indexOf("thumbnail_url")
        fids = {fid: stac_id for stac_id, fid in wanted}
        request = QgsFeatureRequest().setFilterFids(list(fids))
        request.setSubsetOfAttributes([i for i in (json_index, url_index) if i >= 0])
        request.setFlags(_request_flag("NoGeometry"))
        found: dict[str, ThumbnailJob] = {}
        for feature in self.layer.getFeatures(request):
            stac_id = fids.get(feature.id())
            if stac_id is None:
                continue
            item: dict = {}
            text = feature.attribute(json_index)
            if not _is_empty(text):
                try:
                    item = json.loads(str(text))
                except ValueError:
                    item = {}
            href = _thumbnail_href(item)
            if href is None and url_index >= 0 and not _is_empty(feature.attribute(url_index)):
                href = str(feature.attribute(url_index))
            if href is None:
                self.failed.add(stac_id)
                continue
            bbox = item.get("bbox") or (0.0, 0.0, 0.0, 0.0)
            if stac_id not in found:
                found[stac_id] = ThumbnailJob(stac_id, href, tuple(bbox[:4]))
        order = [stac_id for stac_id, _ in wanted]
        return [found[stac_id] for stac_id in dict.fromkeys(order) if stac_id in found]

    def _start(self, wanted: list[tuple[str, int]]) -> Optional[ThumbnailTask]:
        jobs = self._jobs(wanted)
        if not jobs:
            return None
        inflight: dict[str, list[int]] = {}
        for stac_id, fid in wanted:
            inflight.setdefault(stac_id, []).append(fid)
        task = ThumbnailTask(
            jobs,
            cache_dir=self.cache_dir,
            on_success=lambda paths: self._done(task, paths),
            on_error=lambda message: self._failed(task, message),
            georeference=False,
            lenient=True,
        )
        self.task = task
        self._inflight = inflight
        self._pending = False
        QgsApplication.taskManager().addTask(task)
        return task

    def _done(self, task: ThumbnailTask, paths: dict[str, str]) -> None:
        if self._closed or task is not self.task:
            return
        inflight = self._inflight
        self.task, self._inflight = None, {}
        self.failed.update(stac_id for stac_id in task.failures if stac_id not in paths)
        count = self.write_paths(paths, inflight)
        if not count:  # nothing could be written: do not ask for the same features again
            self.failed.update(paths)
        self.filled.emit(count)
        # More features in view may still miss their thumbnail: go on with the next batch
        # (every job of this one is now either filled or remembered as failed).
        if self._pending or paths or task.failures:
            self._next.start()

    def _failed(self, task: ThumbnailTask, message: str) -> None:
        if self._closed or task is not self.task:
            return
        self.task, self._inflight = None, {}
        if self._pending:  # cancelled because the view moved: fetch for the new view
            self._next.start()
        else:
            LOGGER.warning("Thumbnails for the map tips could not be fetched: %s", message)

    def write_paths(self, paths: dict[str, str], fids: dict[str, list[int]]) -> int:
        """One provider call writing ``thumb_path`` (local files only), then a repaint."""
        if sip.isdeleted(self.layer):
            return 0
        provider = self.layer.dataProvider()
        index = self.layer.fields().indexOf("thumb_path")
        if provider is None or index < 0:
            return 0
        capability = scoped_enum(QgsVectorDataProvider, "Capability", "ChangeAttributeValues")
        if not provider.capabilities() & capability:
            return 0
        changes = {
            fid: {index: path}
            for stac_id, path in paths.items()
            if "?" not in path
            for fid in fids.get(stac_id, [])
        }
        if not changes or not provider.changeAttributeValues(changes):
            return 0
        self.layer.triggerRepaint()
        return len(changes)

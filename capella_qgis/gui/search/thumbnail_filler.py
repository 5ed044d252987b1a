"""Fill a footprint layer's ``thumb_path`` lazily for the features in view (map tips).

When the layer is visible and the canvas extent settles (debounced), a snapshot of the layer
(``QgsVectorLayerFeatureSource``) and of the visible extent is taken on the main thread and a
:class:`ThumbnailScanTask` collects, in a worker thread, the features in view without a cached
thumbnail (nearest to the centre first, capped per batch). Their thumbnails go to ONE
:class:`ThumbnailTask` at a time (worker thread, disk cache; cache hits need no network). On
completion ``thumb_path`` is written in a worker thread (one transaction). Only local file
paths are stored, never presigned URLs: the layer keeps unsigned links, which the fetch task
presigns afresh (a catalog search by id, in its worker thread). A layer written by an older
version, with presigned links in its rows, has them cut once, in a worker thread too.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import (  # type: ignore[attr-defined]  # QgsCsException: not in the 3.22 stubs
    QgsCoordinateTransform,
    QgsCsException,
    QgsPointXY,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
    QgsVectorDataProvider,
    QgsVectorLayer,
    QgsVectorLayerFeatureSource,
)
from qgis.gui import QgsMapCanvas
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_base import TaskRunner
from capella_qgis.toolbelt.compat import as_slot, scoped_enum

if TYPE_CHECKING:
    from capella_qgis.tasks.task_thumbnail_scan import (
        ScanInput,
        ScanResult,
        StoreThumbPathsTask,
        ThumbnailScanTask,
        UnsignStoredRowsTask,
    )
    from capella_qgis.tasks.task_thumbnails import ThumbnailJob, ThumbnailTask

LOGGER = logging.getLogger(__name__)

DEBOUNCE_MS = 400
BATCH_SIZE = 60

__all__ = [
    "BATCH_SIZE",
    "DEBOUNCE_MS",
    "ThumbnailFiller",
    "_request_flag",
]


# The scan and thumbnail task modules are imported where they are used, not here: they load
# httpx and the pydantic models, which QGIS start-up must not pay for (#20).
def _request_flag(name: str) -> Any:
    """A QgsFeatureRequest flag by name (re-exported from the scan task, loaded on first use)."""
    from capella_qgis.tasks.task_thumbnail_scan import request_flag

    return request_flag(name)


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
        clients: Optional[ClientFactory] = None,
        batch_size: int = BATCH_SIZE,
        delay_ms: int = DEBOUNCE_MS,
        unsign_stored: bool = True,
        parent: Optional[QObject] = None,
    ) -> None:
        """``unsign_stored=False``: the layer was written by this version (no signed rows)."""
        super().__init__(parent)
        self.canvas = canvas
        self.layer = layer
        self.layer_id = layer.id()
        self.cache_dir = cache_dir
        self.clients = clients
        self.tasks = TaskRunner()  # its scan and fetch tasks, detached on close()
        self.batch_size = max(1, int(batch_size))
        self.task: Optional[ThumbnailTask] = None
        self.store_task: Optional[StoreThumbPathsTask] = None  # thumb_path write (a GeoPackage)
        self.scan_task: Optional[ThumbnailScanTask] = None
        self.failed: set[str] = set()  # stac ids without a usable thumbnail (this session)
        self._inflight: dict[str, list[int]] = {}  # stac id -> fids of the running task
        self._pending = False
        self._rescan = False  # the view changed while a scan was running
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(0, int(delay_ms)))
        self._timer.timeout.connect(as_slot(self.run_pass))
        self._next = QTimer(self)  # zero-delay follow-up pass after a batch
        self._next.setSingleShot(True)
        self._next.setInterval(0)
        self._next.timeout.connect(as_slot(self.run_pass))
        canvas.extentsChanged.connect(self.schedule)
        canvas.layersChanged.connect(self.schedule)
        canvas.destinationCrsChanged.connect(self.schedule)
        layer.willBeDeleted.connect(self.close)
        self.unsign_task: Optional[UnsignStoredRowsTask] = None
        self.unsign_task = self._unsign_stored_rows() if unsign_stored else None
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
        self.tasks.shutdown()  # a late result must not call back into a closed filler
        self.task = None
        self.scan_task = None
        self.store_task = None
        self.unsign_task = None
        self._inflight = {}

    @property
    def closed(self) -> bool:
        return self._closed

    def is_busy(self) -> bool:
        """A scan, fetch, store or unsigning task is running or a pass is scheduled."""
        if self._closed:
            return False
        tasks = (self.task, self.scan_task, self.store_task, self.unsign_task)
        if any(task is not None for task in tasks):
            return True
        return self._timer.isActive() or self._next.isActive()

    def _unsign_stored_rows(self) -> Optional[UnsignStoredRowsTask]:
        """Rows of an older version may hold presigned links: cut them, off the UI thread."""
        from capella_qgis.tasks.task_thumbnail_scan import UnsignStoredRowsTask

        gpkg = self._gpkg()
        if gpkg is None:
            return None
        task = UnsignStoredRowsTask(
            *gpkg,
            on_success=self._unsigned,
            on_error=self._unsign_failed,
        )
        return self.tasks.start(task)

    def _unsigned(self, count: int) -> None:
        self.unsign_task = None
        if count:
            LOGGER.info("Removed the signatures of the links of %d stored footprints", count)

    def _unsign_failed(self, message: str) -> None:
        self.unsign_task = None
        LOGGER.warning(
            "Signed links stored with footprint layer %s stay: %s", self.layer_id, message
        )

    # --- scheduling ------------------------------------------------------------------------

    def schedule(self, *_: Any) -> None:
        """(Re)start the debounce timer."""
        if not self._closed:
            self._timer.start()

    def is_visible(self) -> bool:
        return any(layer.id() == self.layer_id for layer in self.canvas.layers())

    def run_pass(self) -> Optional[ThumbnailScanTask]:
        """Snapshot the view and scan it in a worker; the batch arrives in :meth:`_scanned`."""
        from capella_qgis.tasks.task_thumbnail_scan import ThumbnailScanTask

        if self._closed or not self.is_visible():
            return None
        if self.scan_task is not None:
            # The running scan is for an older view: drop its result and scan again after it.
            self._rescan = True
            with contextlib.suppress(RuntimeError):
                self.scan_task.cancel()
            return None
        task = ThumbnailScanTask(
            self.snapshot(),
            on_success=lambda result: self._scanned(task, result),
            on_error=lambda message: self._scan_failed(task, message),
        )
        self.scan_task = task
        self._rescan = False
        return self.tasks.start(task)

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

    def snapshot(self) -> ScanInput:
        """What the scan needs, taken on the main thread: a feature source, extent, centre."""
        from capella_qgis.tasks.task_thumbnail_scan import EXISTENCE_CHECKS, ScanInput

        fields = self.layer.fields()
        return ScanInput(
            source=QgsVectorLayerFeatureSource(self.layer),
            rect=self.visible_rect(),
            centre=self._centre(),
            id_index=fields.indexOf("stac_id"),
            thumb_index=fields.indexOf("thumb_path"),
            json_index=fields.indexOf("item_json"),
            url_index=fields.indexOf("thumbnail_url"),
            failed=frozenset(self.failed),
            batch_size=self.batch_size,
            existence_checks=EXISTENCE_CHECKS,
            # A filter or unsaved edits are only in the feature source, not in the file.
            gpkg=None if self.layer.subsetString() or self.layer.isEditable() else self._gpkg(),
        )

    def _scanned(self, task: ThumbnailScanTask, result: ScanResult) -> Optional[ThumbnailTask]:
        """The batch in view (main thread): start a fetch for it or defer to the running one."""
        if self._closed or task is not self.scan_task:
            return None
        self.scan_task = None
        if self._rescan:
            self._rescan = False
            self._next.start()
            return None
        # Thumbnails found unusable while the scan ran are not asked for again.
        wanted = [(stac_id, fid) for stac_id, fid in result.wanted if stac_id not in self.failed]
        if self.store_task is not None:  # the last batch is being written: then this one
            self._pending = True
            return None
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
        self.failed.update(result.missing)
        jobs = [job for job in result.jobs if job.stac_id not in self.failed]
        return self._start(wanted, jobs)

    def _scan_failed(self, task: ThumbnailScanTask, message: str) -> None:
        if self._closed or task is not self.scan_task:
            return
        self.scan_task = None
        if self._rescan:  # cancelled because the view moved: scan the new view
            self._rescan = False
            self._next.start()
        else:
            LOGGER.warning("The features in view could not be scanned for thumbnails: %s", message)

    # --- task --------------------------------------------------------------------------------

    def _start(
        self, wanted: list[tuple[str, int]], jobs: list[ThumbnailJob]
    ) -> Optional[ThumbnailTask]:
        from capella_qgis.tasks.task_thumbnails import ThumbnailTask

        if not jobs:
            return None
        inflight: dict[str, list[int]] = {}
        for stac_id, fid in wanted:
            inflight.setdefault(stac_id, []).append(fid)
        task = ThumbnailTask(
            jobs,
            cache_dir=self.cache_dir,
            client=self.clients,
            on_success=lambda paths: self._done(task, paths),
            on_error=lambda message: self._failed(task, message),
            georeference=False,
            lenient=True,
        )
        self.task = task
        self._inflight = inflight
        self._pending = False
        return self.tasks.start(task)

    def _done(self, task: ThumbnailTask, paths: dict[str, str]) -> None:
        if self._closed or task is not self.task:
            return
        inflight = self._inflight
        self._inflight = {}
        self.failed.update(stac_id for stac_id in task.failures if stac_id not in paths)
        more = bool(self._pending or paths or task.failures)
        self.task = None
        gpkg = self._gpkg()
        if gpkg is None:
            self._written(self.write_paths(paths, inflight), paths, more)
            return
        # A GeoPackage: written in a worker (a search may be writing the same file); the
        # next batch waits for it (store_task).
        from capella_qgis.tasks.task_thumbnail_scan import StoreThumbPathsTask

        changes = {
            fid: path
            for stac_id, path in paths.items()
            if "?" not in path  # local files only, never a (presigned) URL
            for fid in inflight.get(stac_id, [])
        }
        writer = StoreThumbPathsTask(
            *gpkg,
            changes,
            on_success=lambda count: self._stored(writer, count, paths, more),
            on_error=lambda message: self._store_failed(writer, message, paths, more),
        )
        self.store_task = writer
        self.tasks.start(writer)

    def _stored(self, writer: Any, count: int, paths: dict[str, str], more: bool) -> None:
        if self._closed or writer is not self.store_task:
            return
        self.store_task = None
        if count:
            self.layer.triggerRepaint()
        self._written(count, paths, more)

    def _store_failed(self, writer: Any, message: str, paths: dict[str, str], more: bool) -> None:
        if self._closed or writer is not self.store_task:
            return
        self.store_task = None
        LOGGER.warning("Thumbnails for the map tips could not be stored: %s", message)
        self._written(0, paths, more)

    def _written(self, count: int, paths: dict[str, str], more: bool) -> None:
        if not count:  # nothing could be written: do not ask for the same features again
            self.failed.update(paths)
        self.filled.emit(count)
        # More features in view may still miss their thumbnail: go on with the next batch
        # (every job of this one is now either filled or remembered as failed).
        if more:
            self._next.start()

    def _gpkg(self) -> Optional[tuple[str, str]]:
        """(file, layer name) when the layer is a GeoPackage table, else None."""
        if sip.isdeleted(self.layer) or self.layer.providerType() != "ogr":
            return None
        parts = QgsProviderRegistry.instance().decodeUri("ogr", self.layer.source())
        path, name = parts.get("path"), parts.get("layerName")
        if not path or not name or not str(path).lower().endswith(".gpkg"):
            return None
        return str(path), str(name)

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

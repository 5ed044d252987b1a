"""Fetch item thumbnails off the UI thread into a disk cache and georeference them (world file).

Footprint layers store thumbnail links without their signature (core.redact), so the links of
the thumbnails to download are presigned afresh here, in the worker thread: one catalog search
by id per batch (the Console presigns the thumbnails of the items it returns).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsRasterLayer
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QImage

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.exceptions import CancelledError, CapellaError
from capella_qgis.core.redact import is_presigned, redact_text
from capella_qgis.core.search.pages import RawFeature
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.tasks.clients import ClientSource
from capella_qgis.tasks.task_base import BaseTask, ErrorCallback, SuccessCallback
from capella_qgis.toolbelt.compat import tr

LOGGER = logging.getLogger(__name__)

_SAFE = re.compile(r"[^0-9A-Za-z_.-]+")
# STAC ids per presigning catalog search (keeps the request body small).
PRESIGN_CHUNK = 100
# An expired or revoked presigned link (S3 answers 403, some CDNs 401).
_DENIED = (401, 403)


def thumbnail_cache_dir() -> Path:
    """``<profile>/capella_qgis/thumbnails``."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "capella_qgis" / "thumbnails"


def thumbnail_href(item: Mapping[str, Any]) -> Optional[str]:
    """The href of a STAC item dict's ``thumbnail`` asset, if any."""
    asset = (item.get("assets") or {}).get("thumbnail") or {}
    href = asset.get("href") if isinstance(asset, Mapping) else None
    return str(href) if href else None


@dataclass
class ThumbnailJob:
    """One quick-look: the item id, the thumbnail href and the footprint bbox (lon/lat).

    ``href`` is usually the unsigned link a footprint layer stores; a fresh one is asked for
    before the download (a presigned ``href`` is tried as it is, and renewed if refused).
    """

    stac_id: str
    href: str
    bbox: tuple[float, float, float, float]


def cached_path(cache_dir: Path, stac_id: str) -> Path:
    return cache_dir / f"{_SAFE.sub('_', stac_id)}.png"


def write_world_file(png: Path, bbox: tuple[float, float, float, float]) -> Optional[Path]:
    """Write ``.pgw`` + ``.prj`` (EPSG:4326) stretching the image over ``bbox``."""
    image = QImage(str(png))
    if image.isNull() or image.width() == 0 or image.height() == 0:
        return None
    minx, miny, maxx, maxy = bbox
    sx = (maxx - minx) / image.width()
    sy = -(maxy - miny) / image.height()
    lines = [sx, 0.0, 0.0, sy, minx + sx / 2, maxy + sy / 2]
    world = png.with_suffix(".pgw")
    world.write_text("\n".join(f"{v:.12f}" for v in lines) + "\n", encoding="ascii")
    png.with_suffix(".prj").write_text(
        'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
        'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]',
        encoding="ascii",
    )
    return world


class ThumbnailTask(BaseTask):
    """Download missing thumbnails (cache hits are free); result: ``{stac_id: png path}``.

    ``georeference=False`` (map tips) only checks that the file is an image, without world
    files. ``lenient=True`` turns a missing client (no credentials) into per-job failures, so
    cache hits are still returned.
    """

    def __init__(
        self,
        jobs: list[ThumbnailJob],
        *,
        cache_dir: Optional[Path] = None,
        client: Optional[ClientSource] = None,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
        georeference: bool = True,
        lenient: bool = False,
    ) -> None:
        super().__init__(tr("Capella thumbnails"), on_success=on_success, on_error=on_error)
        self.jobs = list(jobs)
        self.cache_dir = Path(cache_dir) if cache_dir else thumbnail_cache_dir()
        self.georeference = georeference
        self.lenient = lenient
        self.failures: dict[str, str] = {}
        self.client: Optional[ConsoleClient] = None
        self._setup_error: Optional[Exception] = None
        try:
            self.client = self.open_client(client)
        except Exception as exc:  # no credential: cache hits are still served (lenient)
            self._setup_error = exc

    def _run(self) -> Any:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        missing = [
            job for job in self.jobs if not cached_path(self.cache_dir, job.stac_id).exists()
        ]
        if missing:
            self._download(missing)
        out: dict[str, str] = {}
        for job in self.jobs:
            self.check_cancelled()
            png = cached_path(self.cache_dir, job.stac_id)
            if not png.exists():
                continue  # its failure is recorded
            if self.georeference:
                usable = write_world_file(png, job.bbox) is not None
            else:
                usable = not QImage(str(png)).isNull()
            if usable:
                out[job.stac_id] = str(png)
            else:
                self.failures[job.stac_id] = tr("not an image")
        return out

    def _download(self, jobs: list[ThumbnailJob]) -> None:
        """Fetch ``jobs`` into the cache; per-job failures go to :attr:`failures`."""
        if self._setup_error is not None:
            if not self.lenient:
                raise self._setup_error
            for job in jobs:
                self.failures[job.stac_id] = str(self._setup_error)
            return
        # Stored links have no signature: ask the Console for fresh ones, all in one go.
        fresh = self.presign([job.stac_id for job in jobs if not is_presigned(job.href)])
        expired: list[ThumbnailJob] = []
        for done, job in enumerate(jobs):
            self.check_cancelled()
            # A product the catalog no longer returns keeps its stored link (maybe public).
            href = fresh.get(job.stac_id, job.href)
            error = self._fetch(job, href)
            if error is not None:
                self.failures[job.stac_id] = str(error)
                if error.status in _DENIED and job.stac_id not in fresh and is_presigned(href):
                    expired.append(job)  # e.g. a layer written before links were stored unsigned
            self.report_progress(done + 1, len(jobs) + len(expired))
        if not expired:
            return
        renewed = self.presign([job.stac_id for job in expired])
        for done, job in enumerate(expired):
            self.check_cancelled()
            link = renewed.get(job.stac_id)
            if link is not None:
                error = self._fetch(job, link)
                if error is None:
                    del self.failures[job.stac_id]
                else:
                    self.failures[job.stac_id] = str(error)
            self.report_progress(len(jobs) + done + 1, len(jobs) + len(expired))

    def _fetch(self, job: ThumbnailJob, href: str) -> Optional[CapellaError]:
        """Download one thumbnail into the cache; the error instead of raising it."""
        if self.client is None:
            raise RuntimeError("thumbnail task has no Console client")
        try:
            response = self.client.session.request("GET", href, is_cancelled=self.isCanceled)
        except CancelledError:
            raise
        except CapellaError as exc:
            return exc
        png = cached_path(self.cache_dir, job.stac_id)
        tmp = png.with_suffix(".part")
        tmp.write_bytes(response.content)
        tmp.replace(png)
        return None

    def presign(self, stac_ids: Sequence[str]) -> dict[str, str]:
        """``{stac_id: fresh thumbnail href}`` from a catalog search by id (worker thread).

        Kept in memory only. A failing search is logged and leaves the stored links to try.
        """
        if self.client is None or not stac_ids:
            return {}
        ids = list(dict.fromkeys(stac_ids))
        out: dict[str, str] = {}
        for start in range(0, len(ids), PRESIGN_CHUNK):
            chunk = ids[start : start + PRESIGN_CHUNK]
            try:
                result = self.client.catalog.search(
                    CatalogQuery(ids=chunk, limit=len(chunk)), is_cancelled=self.isCanceled
                )
            except CancelledError:
                raise
            except CapellaError as exc:
                LOGGER.warning("Fresh thumbnail links could not be fetched: %s", redact_text(exc))
                continue
            for entry in result.entries:
                data = entry.data if isinstance(entry, RawFeature) else entry.to_feature()
                href = thumbnail_href(data)
                if href:
                    out[str(data.get("id"))] = href
        return out


class QuicklookTask(ThumbnailTask):
    """Thumbnails as georeferenced raster layers; result: ``{stac_id: QgsRasterLayer}``.

    GDAL opens each layer here, in the worker (5-40 ms a layer, which stalled the UI thread
    0.3-0.5 s for a dozen quick-looks, #20); the layers are handed to the main thread, not yet
    in a project.
    """

    def _run(self) -> Any:
        paths: dict[str, str] = super()._run()
        app = QCoreApplication.instance()
        layers: dict[str, QgsRasterLayer] = {}
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        for stac_id, png in paths.items():
            self.check_cancelled()
            layer = QgsRasterLayer(png, stac_id, "gdal")
            if not layer.isValid():
                self.failures[stac_id] = tr("not an image")
                continue
            # GDAL reads the .prj as a WKT without authority, which QGIS leaves unnamed.
            layer.setCrs(wgs84)
            if app is not None:  # a queued signal hands it over; the UI thread must own it
                layer.moveToThread(app.thread())
            layers[stac_id] = layer
        return layers

"""Fetch item thumbnails off the UI thread into a disk cache and georeference them (world file)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QImage

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.exceptions import CapellaError
from capella_qgis.tasks.clients import ClientSource
from capella_qgis.tasks.task_base import BaseTask, ErrorCallback, SuccessCallback
from capella_qgis.toolbelt.compat import tr

_SAFE = re.compile(r"[^0-9A-Za-z_.-]+")


def thumbnail_cache_dir() -> Path:
    """``<profile>/capella_qgis/thumbnails``."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "capella_qgis" / "thumbnails"


@dataclass
class ThumbnailJob:
    """One quick-look: the item id, the thumbnail href and the footprint bbox (lon/lat)."""

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
        out: dict[str, str] = {}
        for done, job in enumerate(self.jobs):
            self.check_cancelled()
            png = cached_path(self.cache_dir, job.stac_id)
            if not png.exists():
                if self._setup_error is not None:
                    if not self.lenient:
                        raise self._setup_error
                    self.failures[job.stac_id] = str(self._setup_error)
                    continue
                if self.client is None:
                    raise RuntimeError("thumbnail task has no Console client")
                try:
                    response = self.client.session.request(
                        "GET", job.href, is_cancelled=self.isCanceled
                    )
                except CapellaError as exc:
                    self.failures[job.stac_id] = str(exc)
                    continue
                tmp = png.with_suffix(".part")
                tmp.write_bytes(response.content)
                tmp.replace(png)
            if self.georeference:
                usable = write_world_file(png, job.bbox) is not None
            else:
                usable = not QImage(str(png)).isNull()
            if usable:
                out[job.stac_id] = str(png)
            else:
                self.failures[job.stac_id] = tr("not an image")
            self.report_progress(done + 1, len(self.jobs))
        return out

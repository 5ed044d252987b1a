"""Catalog search in a QgsTask: fetch pages, write the footprint GeoPackage layer off the UI."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from qgis.core import QgsFeatureRequest, QgsVectorLayer
from qgis.PyQt.QtCore import pyqtSignal

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.search.pages import gc_paused
from capella_qgis.core.search.query import CatalogQuery, SearchResult
from capella_qgis.footprints.layer import FootprintOutput
from capella_qgis.footprints.store import FootprintWriter
from capella_qgis.tasks.task_base import BaseTask, ErrorCallback, SuccessCallback
from capella_qgis.toolbelt.compat import tr
from capella_qgis.toolbelt.network import build_client
from capella_qgis.toolbelt.settings import PluginSettings

LOGGER = logging.getLogger(__name__)

# Footprint fields shown in the results list (read in the worker to spare the UI thread).
RESULT_FIELDS = (
    "stac_id",
    "datetime",
    "product_type",
    "instrument_mode",
    "polarizations",
    "observation_direction",
    "orbit_state",
    "incidence_angle",
    "resolution_range",
    "collect_id",
)


def _text(value: Any) -> Any:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if hasattr(value, "toString") and hasattr(value, "toUTC"):  # QDateTime
        return value.toUTC().toString("yyyy-MM-dd HH:mm:ss")
    return value


def rows_from_layer(layer: QgsVectorLayer) -> tuple[list[int], list[tuple]]:
    """Read the listed columns of every feature (no geometry)."""
    fields = layer.fields()
    indexes = [fields.indexOf(name) for name in RESULT_FIELDS]
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes([i for i in indexes if i >= 0])
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    fids: list[int] = []
    rows: list[tuple] = []
    for feature in layer.getFeatures(request):
        attrs = feature.attributes()
        fids.append(feature.id())
        rows.append(tuple(_text(attrs[i]) if i >= 0 else None for i in indexes))
    return fids, rows


@dataclass
class SearchOutcome:
    """What a search produced (plain data, handed to the main thread)."""

    query: CatalogQuery
    count: int
    number_matched: Optional[int]
    pages_done: int
    pages_expected: int
    error: str  # non-empty when a later page failed (partial result)
    output: Optional[FootprintOutput]
    seconds: float
    result: Optional[SearchResult] = None
    rows: Optional[tuple[list[int], list[tuple]]] = None

    @property
    def partial(self) -> bool:
        return bool(self.error)

    def summary(self) -> str:
        """One plain sentence for the status line."""
        if self.count == 0 and not self.error:
            return tr("No results: nothing in the catalog matches these filters and this area.")
        matched = self.number_matched if self.number_matched is not None else self.count
        text = tr("{count} results ({matched} matched) in {secs:.1f} s.").format(
            count=self.count, matched=matched, secs=self.seconds
        )
        if self.error:
            text = tr(
                "Partial result: {count} results from {pages} of {expected} pages were kept; "
                "the next page failed: {error}"
            ).format(
                count=self.count,
                pages=self.pages_done,
                expected=self.pages_expected,
                error=self.error,
            )
        return text


class SearchTask(BaseTask):
    """Run ``ConsoleClient.search`` in a worker thread, writing each page as it arrives.

    Pages are written in result order (fids 1..n) by a :class:`FootprintWriter` while later
    pages are still being fetched; a failing later page keeps the earlier ones, a cancel or
    an error removes the half-written layer.

    ``pagesFetched(done, expected, items)`` is emitted from the worker (queued to the UI).
    """

    pagesFetched = pyqtSignal(int, int, int)

    def __init__(
        self,
        query: CatalogQuery,
        gpkg_path: Path,
        layer_name: str,
        *,
        client: Optional[ConsoleClient] = None,
        settings: Optional[PluginSettings] = None,
        mode: str = "parallel",
        page_size: Optional[int] = None,
        keep_result: bool = False,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        super().__init__(tr("Capella catalog search"), on_success=on_success, on_error=on_error)
        self.query = query
        self.gpkg_path = Path(gpkg_path)
        self.layer_name = layer_name
        self.mode = mode
        self.page_size = page_size
        self.keep_result = keep_result
        self._pages = (0, 0)
        self._setup_error: Optional[Exception] = None
        self.client = client
        self._owns_client = client is None
        if client is None:
            try:
                self.client = build_client(settings)  # main thread: proxy + auth DB lookups
            except Exception as exc:
                self._setup_error = exc

    def _progress(self, done: int, expected: int, items: int) -> None:
        self._pages = (done, expected)
        # Fetching is ~90 % of the work; writing the GeoPackage the rest.
        self.report_progress(0.9 * done, max(expected, 1))
        self.pagesFetched.emit(done, expected, items)

    def _run(self) -> Any:
        if self._setup_error is not None:
            raise self._setup_error
        if self.client is None:
            raise RuntimeError("search task has no Console client")
        # GC paused for the whole run: full collections over the ~1 M parsed objects would
        # cost seconds and, holding the GIL, stall the UI thread (refcounting frees them).
        with gc_paused():
            return self._search_and_write()

    def _search_and_write(self) -> SearchOutcome:
        client = self.client
        if client is None:
            raise RuntimeError("search task has no Console client")
        started = time.perf_counter()
        writer = FootprintWriter(
            self.gpkg_path,
            self.layer_name,
            search_query=self.query.to_body(),
            row_fields=RESULT_FIELDS,
        )
        try:
            writer.create()
            result = client.search(
                self.query,
                mode=self.mode,
                progress=self._progress,
                is_cancelled=self.isCanceled,
                page_size=self.page_size,
                # Rows are built in the fetch threads as pages arrive; the ordered writer
                # mostly waits in SQLite (which releases the GIL).
                on_parsed=writer.prepare,
                on_page=writer.add,
                keep_items=self.keep_result,
            )
            self.check_cancelled()
            if len(result):
                output: Optional[FootprintOutput] = writer.finish()
            else:
                writer.abort()  # zero results: no empty layer left behind
                output = None
        except BaseException:
            writer.abort()
            raise
        error = result.error.message if result.error is not None else ""
        if error:
            LOGGER.warning("Catalog search stopped early: %s", result.error)
        rows = None
        if output is not None and output.summary is not None:
            rows = (output.summary.fids, output.summary.rows)
        self.setProgress(100.0)
        count = len(result)
        done, expected = self._pages
        return SearchOutcome(
            query=self.query,
            count=count,
            number_matched=result.number_matched,
            pages_done=done,
            pages_expected=max(expected, done),
            error=error,
            output=output,
            seconds=time.perf_counter() - started,
            result=result if self.keep_result else None,
            rows=rows,
        )

    def cleanup(self) -> None:
        if self._owns_client and self.client is not None and hasattr(self.client, "close"):
            try:
                self.client.close()
            except Exception:  # closing must never raise into the event loop
                LOGGER.debug("closing the search client failed", exc_info=True)

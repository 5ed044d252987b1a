"""Catalog search in a QgsTask: fetch pages, write the footprint GeoPackage layer off the UI."""

from __future__ import annotations

import dataclasses
import functools
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.exceptions import CancelledError
from capella_qgis.core.search.pages import gc_paused
from capella_qgis.core.search.query import CatalogQuery, SearchResult
from capella_qgis.footprints.schema import FootprintOutput, FootprintSummary
from capella_qgis.footprints.store import FootprintStore, FootprintWriter, StoreFactory
from capella_qgis.footprints.summary import RESULT_FIELDS, summarize
from capella_qgis.tasks.clients import ClientSource
from capella_qgis.tasks.task_base import BaseTask, ErrorCallback, SuccessCallback
from capella_qgis.toolbelt.compat import tr
from capella_qgis.toolbelt.network import build_client
from capella_qgis.toolbelt.settings import PluginSettings

LOGGER = logging.getLogger(__name__)
# ``pagesWritten`` after the first page at once, then at most this often: each one makes the
# UI re-open the growing layer, a cost that must not grow with the number of pages.
PUBLISH_INTERVAL_S = 0.5


@dataclass
class SearchOutcome:
    """What a search produced (plain data, handed to the main thread)."""

    query: CatalogQuery
    count: int
    number_matched: Optional[int]
    pages_done: int
    pages_expected: int
    error: str  # non-empty when a later page failed (partial result)
    output: Optional[FootprintOutput]  # with its summary: style values, results-list rows
    seconds: float
    result: Optional[SearchResult] = None

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

    Pages are written in result order (fids 1..n) by a footprint store (``store``, the fast
    :class:`FootprintWriter` unless a test asks for another) while later pages are still being
    fetched; a failing later page keeps the earlier ones, a cancel or an error removes the
    half-written layer. The finished layer's summary (style values, results-list rows) is
    then read back from the GeoPackage, still in the worker thread.

    ``pagesFetched(done, expected, items)`` is emitted from the worker (queued to the UI);
    so is ``pagesWritten(output)``, a :class:`FootprintOutput` (no summary) of the layer as
    committed so far, once the first page is in the GeoPackage and then as it grows: the UI
    can show the layer long before the search ends. A cancel after that keeps the pages
    written (``kept`` holds the finished layer) instead of removing them.

    With ``layer_style``, the first page's layer is opened and styled here in the worker and
    handed over by ``layerOpened(layer)`` (moved to the main thread) instead of that first
    ``pagesWritten``: opening it on the UI thread stalled QGIS 50-100 ms mid-search (#20).
    """

    pagesFetched = pyqtSignal(int, int, int)
    pagesWritten = pyqtSignal(object)  # FootprintOutput
    layerOpened = pyqtSignal(object)  # QgsVectorLayer of the first pages, not in a project

    def __init__(
        self,
        query: CatalogQuery,
        gpkg_path: Path,
        layer_name: str,
        *,
        client: Optional[ClientSource] = None,
        settings: Optional[PluginSettings] = None,
        mode: str = "parallel",
        page_size: Optional[int] = None,
        keep_result: bool = False,
        layer_style: Optional[str] = None,
        name_layer: Optional[Callable[[str], str]] = None,
        store: StoreFactory = FootprintWriter,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        super().__init__(tr("Capella catalog search"), on_success=on_success, on_error=on_error)
        self.query = query
        self.store = store
        self.gpkg_path = Path(gpkg_path)
        self.layer_name = layer_name
        self.mode = mode
        self.page_size = page_size
        self.keep_result = keep_result
        self.layer_style = layer_style
        self.name_layer = name_layer  # GeoPackage layer name -> name in the layer tree
        self._pages = (0, 0)
        self._published = 0.0  # time.monotonic() of the last pagesWritten, 0: none yet
        # The layer finished after a cancel that came once pages were published (main thread
        # reads it in on_error; written by the worker before finished()).
        self.kept: Optional[FootprintOutput] = None
        self._setup_error: Optional[Exception] = None
        # A given client stays the caller's; one built here (from a factory, e.g. the
        # controller's, or the settings) is closed in cleanup().
        self.client: Optional[ConsoleClient] = None
        self._owns_client = not isinstance(client, ConsoleClient)
        if isinstance(client, ConsoleClient):
            self.client = client
        else:
            try:
                # Main thread: proxy + auth DB lookups.
                self.client = client() if client is not None else build_client(settings)
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
        # The outermost GC block of the search, writing and read-back included: the heap that
        # existed before is frozen out of the cyclic GC's way until the search ends (no
        # gc.disable(); see core/search/pages.gc_paused).
        with gc_paused():
            return self._search_and_write()

    def _search_and_write(self) -> SearchOutcome:
        client = self.client
        if client is None:
            raise RuntimeError("search task has no Console client")
        started = time.perf_counter()
        writer = self.store(self.gpkg_path, self.layer_name, search_query=self.query.to_body())
        try:
            writer.create()
            result = client.catalog.search(
                self.query,
                mode=self.mode,
                progress=self._progress,
                is_cancelled=self.isCanceled,
                page_size=self.page_size,
                # Rows are built in the fetch threads as pages arrive; the ordered writer
                # mostly waits in SQLite (which releases the GIL).
                # Without keep_result nothing reads a feature after its row is built.
                on_parsed=functools.partial(writer.prepare, release=not self.keep_result),
                on_page=lambda entries: self._write_page(writer, entries),
                keep_items=self.keep_result,
            )
            self.check_cancelled()
            if len(result):
                output: Optional[FootprintOutput] = summarize(writer.finish(), RESULT_FIELDS)
            else:
                writer.abort()  # zero results: no empty layer left behind
                output = None
        except CancelledError:
            if not self._published or not writer.count:
                writer.abort()
                raise
            # The user already sees these results on the map: keep them, finished.
            try:
                self.kept = summarize(writer.finish(), RESULT_FIELDS)
            except Exception:
                LOGGER.warning("Cannot keep the results of the cancelled search", exc_info=True)
                writer.abort()
            raise
        except BaseException:
            writer.abort()
            raise
        error = result.error.message if result.error is not None else ""
        if error:
            LOGGER.warning("Catalog search stopped early: %s", result.error)
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
        )

    def _write_page(self, writer: FootprintStore, entries: Any) -> int:
        """``on_page``: write the page, then tell the UI the layer grew (throttled)."""
        # A page that arrives after the cancel is not written, nor shown: the user stopped
        # the search before seeing it.
        self.check_cancelled()
        written = writer.add(entries)
        now = time.monotonic()
        if written and (not self._published or now - self._published >= PUBLISH_INTERVAL_S):
            first = not self._published
            self._published = now
            output = FootprintOutput(
                writer.path,
                writer.layer_name,
                writer.count,
                writer.search_id,
                getattr(writer, "query_json", ""),
            )
            layer = self._open_layer(output) if first and self.layer_style else None
            if layer is not None:
                self.layerOpened.emit(layer)
            else:
                self.pagesWritten.emit(output)
        return written

    def _open_layer(self, output: FootprintOutput) -> Optional[QgsVectorLayer]:
        """The layer of the pages written so far, styled, owned by the main thread (or None)."""
        from capella_qgis.footprints.layer import load_footprint_layer
        from capella_qgis.footprints.style import STYLE_FIELDS

        # Every known category and "other": the final style (from the values the task reads
        # back at the end) replaces it when the search ends.
        interim = FootprintSummary(style_values={name: [] for name in STYLE_FIELDS.values()})
        try:
            layer = load_footprint_layer(
                dataclasses.replace(output, summary=interim),
                style=self.layer_style or "product_type",
                add_to_project=False,
            )
        except Exception as exc:  # the UI loads it itself from pagesWritten
            LOGGER.warning("Cannot open the first results in the search task: %s", exc)
            return None
        if self.name_layer is not None:
            layer.setName(self.name_layer(output.layer_name))
        app = QCoreApplication.instance()
        if app is not None:  # a queued signal hands it over; the UI thread must own it
            layer.moveToThread(app.thread())
        return layer

    def cleanup(self) -> None:
        if self._owns_client and self.client is not None and hasattr(self.client, "close"):
            try:
                self.client.close()
            except Exception:  # closing must never raise into the event loop
                LOGGER.debug("closing the search client failed", exc_info=True)

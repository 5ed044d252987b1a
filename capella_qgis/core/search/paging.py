"""A catalog search as an iterator of pages, fetched one after another or in parallel (§5).

Pages come in result order while later pages are still being fetched; a failing later page
ends the iteration and turns the result partial (``result.error``) instead of failing it.

The server's word is not taken for more than it shows: paging advances by the items received
(not by the ``limit`` asked), adopts the page size the server really serves, and a search that
ends before ``numberMatched`` (an empty page, no ``next`` link, a page that only repeats) is
partial with an :class:`IncompleteSearchError`, never silently complete (docs/architecture.md).
"""

from __future__ import annotations

import math
from collections.abc import Generator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, Callable, Optional

from capella_qgis.core.api.http import IsCancelled
from capella_qgis.core.exceptions import CancelledError, CapellaError, InputError
from capella_qgis.core.models.enums import CATALOG_MAX_ITEMS
from capella_qgis.core.models.stac import SearchPage
from capella_qgis.core.search.hooks import PageHooks
from capella_qgis.core.search.pages import RawFeature
from capella_qgis.core.search.query import CatalogQuery, ItemEntry, SearchResult

# progress(pages_done, pages_expected, items_so_far)
ProgressCallback = Callable[[int, int, int], None]
# fetch(href, body, is_cancelled) -> one page: ``href`` None is the search endpoint itself,
# otherwise a page's ``next`` link (the fetcher decides where it really goes).
FetchPage = Callable[
    [Optional[str], dict[str, Any], Optional[IsCancelled]], tuple[SearchPage, list[RawFeature]]
]
MODES = ("sequential", "parallel")


class IncompleteSearchError(CapellaError):
    """The Console stopped handing out results before the ``numberMatched`` it announced."""

    default_code = "INCOMPLETE_SEARCH"
    default_hint = "Run the search again, or narrow it (area, dates) to fewer results."


def incomplete(received: int, wanted: int, why: str) -> IncompleteSearchError:
    return IncompleteSearchError(
        f"The Capella Console stopped after {received} of {wanted} matching results: {why}"
    )


def plan_windows(
    wanted: int, page_size: int, cap: int = CATALOG_MAX_ITEMS
) -> list[tuple[int, int]]:
    """``(page, limit)`` pairs covering items ``[0, wanted)`` with ``offset = (page-1)*limit``.

    Windows that would pass item ``cap`` shrink so the server never has to serve beyond it
    (e.g. page size 900: page 12 becomes ``limit 100, page 100``).
    """
    windows = []
    offset = 0
    end = min(wanted, cap)
    while offset < end:
        limit = page_size
        if offset + limit > cap:
            remaining = cap - offset
            limit = math.gcd(offset, remaining) if offset else remaining
        windows.append((offset // limit + 1, limit))
        offset += limit
    return windows


@dataclass
class Page:
    """One page as it joins the result, in result order."""

    new: list[ItemEntry]  # items no earlier page had (what a consumer's on_page receives)
    features: list[RawFeature]  # the page as the server sent it


class SearchPages:
    """Iterate a catalog search page by page; ``result`` accumulates the pages seen so far.

    ``sequential`` follows the ``next`` links; ``parallel`` fetches page 1 first (its
    ``numberMatched`` plans the other windows), then up to ``max_connections`` pages at once,
    and still yields them in result order. Close the iterator when stopping early.
    """

    def __init__(
        self,
        fetch: FetchPage,
        query: CatalogQuery,
        per: int,
        *,
        mode: str = "sequential",
        max_connections: int = 8,
        progress: Optional[ProgressCallback] = None,
        is_cancelled: Optional[IsCancelled] = None,
        hooks: Optional[PageHooks] = None,
    ) -> None:
        if mode not in MODES:
            raise InputError(f"search mode must be 'sequential' or 'parallel', not {mode!r}")
        self.fetch = fetch
        self.query = query
        self.per = per
        self.mode = mode
        self.max_connections = max(1, max_connections)
        self.progress = progress
        self.is_cancelled = is_cancelled
        self.hooks = hooks or PageHooks()
        self.result = SearchResult(query=query)

    def __iter__(self) -> Generator[Page, None, None]:
        if self.mode == "parallel":
            return self._parallel()
        return self._sequential()

    def _cancelled(self) -> bool:
        return self.is_cancelled is not None and self.is_cancelled()

    def _fetch(
        self, href: Optional[str], body: dict[str, Any]
    ) -> tuple[SearchPage, list[RawFeature]]:
        page, features = self.fetch(href, body, self.is_cancelled)
        self.hooks.parsed(features)  # in the fetch thread, while other pages are in flight
        return page, features

    def _fetch_held(self, body: dict[str, Any]) -> list[list[RawFeature]]:
        """A page's features in a list the caller empties (futures hold on to results)."""
        return [self._fetch(None, body)[1]]

    def _sequential(self) -> Generator[Page, None, None]:
        query, result = self.query, self.result
        per = self.per  # page size: becomes the server's own when it serves fewer than asked
        href: Optional[str] = None
        page: Optional[int] = None
        limit = per
        pages_done = 0
        while True:
            try:
                data, features = self._fetch(href, query.to_body(page, limit))
            except CancelledError:
                raise
            except CapellaError as exc:
                if pages_done == 0:
                    raise
                result.error = exc
                return
            pages_done += 1
            result.number_matched = data.number_matched
            received = len(features)
            new = result.add_new(features, query.limit)
            added = len(new)  # before the consumer may release the page
            yield Page(new, features)
            if 0 < received < limit:
                # The server's maximum page size is below what we asked (STAC servers cap
                # ``limit``): keep its size so later windows neither overlap nor leave gaps.
                per = received
            wanted = min(query.limit, data.number_matched, CATALOG_MAX_ITEMS)
            if self.progress is not None:
                ahead = math.ceil(max(0, wanted - len(result)) / per)
                self.progress(pages_done, pages_done + ahead, len(result))
            if len(result) >= wanted:
                return
            why = ""
            link = data.next_link()
            if received == 0:
                why = f"page {pages_done} was empty"
            elif added == 0:
                why = f"page {pages_done} only repeated results already received"
            elif link is None:
                why = f"page {pages_done} had no link to a next page"
            if why or link is None:
                result.error = incomplete(len(result), wanted, why)
                return
            href = link.href
            # The server-side index of the next item is the number of distinct items received:
            # advancing by the ``limit`` asked skips what a short page did not send, and
            # duplicates of earlier items (a list that shifted) hold no new position.
            offset = len(result)
            limit = per
            if offset + limit > CATALOG_MAX_ITEMS:
                limit = math.gcd(offset, CATALOG_MAX_ITEMS - offset)
            # offset = (page - 1) * limit; an offset off that grid (after a shift) starts the
            # window a little early: the overlap is de-duplicated, nothing is skipped.
            page = offset // limit + 1

    def _parallel(self) -> Generator[Page, None, None]:
        query, per, result = self.query, self.per, self.result
        first, first_features = self._fetch(None, query.to_body(None, per))
        result.number_matched = first.number_matched
        wanted = min(query.limit, first.number_matched, CATALOG_MAX_ITEMS)
        received = len(first_features)
        if 0 < received < min(per, wanted):
            # Page 1 shows the server's maximum page size: plan every window with it, or
            # each window would miss what lies between its maximum and our ``limit``.
            per = received
        windows = plan_windows(wanted, per)
        if not windows or received == 0:
            if self.progress is not None:
                self.progress(0, 0, 0)
            if windows:
                result.error = incomplete(0, wanted, "page 1 was empty")
            return
        pages: dict[int, list[RawFeature]] = {0: first_features}
        errors: dict[int, CapellaError] = {}
        del first_features
        delivered = 0  # pages [0, delivered) are merged into the result, in page order
        short: dict[int, int] = {}  # window index -> items it brought, when fewer than asked

        def deliver() -> Generator[Page, None, None]:
            nonlocal delivered
            while delivered in pages or delivered in errors:
                # A consumer may cancel from inside on_page: hand over nothing after that.
                if self._cancelled():
                    return
                features = pages.pop(delivered, None)
                if features is not None and len(features) < windows[delivered][1]:
                    short.setdefault(delivered, len(features))
                delivered += 1
                if features:
                    yield Page(result.add_new(features, query.limit), features)

        workers = max(1, min(self.max_connections, len(windows) - 1))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="capella-search") as ex:
            futures: dict[Future[list[list[RawFeature]]], int] = {
                ex.submit(self._fetch_held, query.to_body(page, limit)): index
                for index, (page, limit) in enumerate(windows)
                if index > 0
            }
            done = 1
            fetched = len(pages[0])
            if self.progress is not None:
                self.progress(done, len(windows), fetched)
            try:
                yield from deliver()
                for future in as_completed(futures):
                    index = futures[future]
                    try:
                        held = future.result()
                        features = held.pop()  # the future keeps no page alive
                    except CapellaError as exc:
                        errors[index] = exc
                        if self._cancelled():
                            raise CancelledError() from None
                    else:
                        pages[index] = features
                        done += 1
                        fetched += len(features)
                        if self.progress is not None:
                            self.progress(done, len(windows), fetched)
                    if not self._cancelled():
                        yield from deliver()
            except BaseException:
                # Includes GeneratorExit: a consumer that stops early stops the fetches too.
                for other in futures:
                    other.cancel()
                raise
        if self._cancelled():
            raise CancelledError()
        if errors:
            result.error = errors[min(errors)]
        elif len(result) < wanted:
            # Every page answered, yet fewer results than announced: say so, never "complete".
            why = "its pages repeated results instead of sending the rest"
            if short:
                index = min(short)
                page, limit = windows[index]
                why = f"page {page} brought {short[index]} of the {limit} results asked"
            result.error = incomplete(len(result), wanted, why)

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


# A limit-bound search ends in at most this many exact windows; past that, one window a
# little larger than what is left (over-fetched items are dropped) costs fewer requests.
MAX_TAIL_WINDOWS = 2


def _divisors(n: int) -> list[int]:
    small = [d for d in range(1, math.isqrt(n) + 1) if n % d == 0]
    return sorted({*small, *(n // d for d in small)})


def tail_windows(
    offset: int, remaining: int, room: int, *, exact: bool = True
) -> list[tuple[int, int]]:
    """``(page, limit)`` windows starting exactly at ``offset`` that cover ``remaining`` items.

    ``offset = (page-1)*limit`` only allows limits that divide ``offset``; no window passes
    ``offset + room`` (the 10 000 window). ``exact``: items past ``remaining`` exist on the
    server and would be fetched for nothing (the user's limit is below ``numberMatched``), so
    prefer windows that end at ``remaining``; otherwise nothing lies past it and one window
    as large as allowed does.
    """
    if offset == 0:
        return [(1, remaining if exact else min(max(remaining, 1), room))]
    divisors = _divisors(offset)
    single = [d for d in divisors if remaining <= d <= room]
    if single and (not exact or single[0] == remaining):
        return [(offset // single[0] + 1, single[0])]
    greedy = []
    at, left = offset, remaining
    while left > 0:
        limit = max(d for d in _divisors(at) if d <= left)
        greedy.append((at // limit + 1, limit))
        at, left = at + limit, left - limit
    if len(greedy) > MAX_TAIL_WINDOWS and single:
        return [(offset // single[0] + 1, single[0])]
    return greedy


def plan_windows(
    wanted: int, page_size: int, cap: int = CATALOG_MAX_ITEMS, *, exact: bool = False
) -> list[tuple[int, int]]:
    """``(page, limit)`` pairs covering items ``[0, wanted)`` with ``offset = (page-1)*limit``.

    Windows of ``page_size``; the last one shrinks (:func:`tail_windows`) so the server never
    has to serve beyond item ``cap`` (page size 900: page 12 becomes ``limit 100, page 100``)
    and, with ``exact`` (``numberMatched`` above ``wanted``), so no more than ``wanted`` items
    are fetched (1 000 at 900: ``(1, 900), (10, 100)``).
    """
    windows = []
    offset = 0
    end = min(wanted, cap)
    while offset < end:
        remaining = end - offset
        if remaining < page_size and (exact or offset + page_size > cap):
            windows.extend(tail_windows(offset, remaining, cap - offset, exact=exact))
            break
        windows.append((offset // page_size + 1, page_size))
        offset += page_size
    return windows


@dataclass
class Page:
    """One page as it joins the result, in result order."""

    new: list[ItemEntry]  # items no earlier page had (what a consumer's on_page receives)
    features: list[RawFeature]  # the page as the server sent it


class SearchPages:
    """Iterate a catalog search page by page; ``result`` accumulates the pages seen so far.

    ``sequential`` follows the ``next`` links; ``parallel`` fetches up to ``max_connections``
    pages at once, page 1 together with the other windows the limit implies (page 1's
    ``numberMatched`` then keeps those still needed and plans any others), and still yields
    them in result order. Close the iterator when stopping early.
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
            if 0 < received < limit == per:
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
            remaining = wanted - offset
            exact = wanted < data.number_matched
            if remaining < per and (exact or offset + per > CATALOG_MAX_ITEMS):
                # The last window: no further than the 10 000th item, and no more items
                # than the limit still wants when the server has more.
                page, limit = tail_windows(
                    offset, remaining, CATALOG_MAX_ITEMS - offset, exact=exact
                )[0]
            else:
                limit = per
                # offset = (page - 1) * limit; an offset off that grid (after a shift) starts
                # the window a little early: the overlap is de-duplicated, nothing is skipped.
                page = offset // limit + 1

    def _parallel(self) -> Generator[Page, None, None]:
        query, per = self.query, self.per
        if self._cancelled():
            raise CancelledError()
        # Page 1 tells ``numberMatched``; waiting for it before asking for the other pages
        # costs a whole round trip. The other windows of the likeliest plan (the limit is
        # below ``numberMatched``) go out with it; page 1 keeps those the real plan shares.
        guess = min(query.limit, CATALOG_MAX_ITEMS)
        guessed = plan_windows(guess, per, exact=True)
        # Threads start only as pages wait for one: a one-page search uses one.
        with ThreadPoolExecutor(
            max_workers=self.max_connections, thread_name_prefix="capella-search"
        ) as ex:
            first = ex.submit(self._fetch, None, query.to_body(None, per))
            # Only what fits beside page 1 on the connections: a search with fewer matches
            # than its limit wastes at most that many (empty) requests; the rest waits for
            # the real plan.
            spec: dict[tuple[int, int], Future[list[list[RawFeature]]]] = {
                window: ex.submit(self._fetch_held, query.to_body(*window))
                for window in guessed[1 : self.max_connections]
            }
            try:
                yield from self._parallel_pages(ex, first, spec, guess)
            except BaseException:
                # Includes GeneratorExit: a consumer that stops early stops the fetches too.
                first.cancel()
                for other in spec.values():
                    other.cancel()
                raise

    def _parallel_pages(
        self,
        ex: ThreadPoolExecutor,
        first_future: Future[tuple[SearchPage, list[RawFeature]]],
        spec: dict[tuple[int, int], Future[list[list[RawFeature]]]],
        guess: int,
    ) -> Generator[Page, None, None]:
        query, per, result = self.query, self.per, self.result
        first, first_features = first_future.result()  # page 1 failing fails the search
        del first_future  # the future holds page 1 until dropped
        result.number_matched = first.number_matched
        wanted = min(query.limit, first.number_matched, CATALOG_MAX_ITEMS)
        received = len(first_features)
        if 0 < received < min(per, wanted):
            # Page 1 shows the server's maximum page size: plan every window with it, or
            # each window would miss what lies between its maximum and our ``limit``.
            per = received
        # As many results as guessed: the guessed (exact) windows. Fewer (``numberMatched``
        # below the limit): full windows, which are the guessed ones but the last.
        windows = plan_windows(wanted, per, exact=wanted == guess)
        futures: dict[Future[list[list[RawFeature]]], int] = {}
        if windows and received:
            for index, window in enumerate(windows[1:], 1):
                future = spec.pop(window, None)
                if future is None:
                    future = ex.submit(self._fetch_held, query.to_body(*window))
                futures[future] = index
        for unneeded in spec.values():
            # A guess the plan does not need: not sent if still queued, ignored if running.
            unneeded.cancel()
        spec.clear()
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

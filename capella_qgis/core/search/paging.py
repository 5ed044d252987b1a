"""Catalog search paging for ConsoleClient: sequential/parallel page fetching (contract §5).

Pages stream to the consumer's hooks (``paging_hooks.PageHooks``) while later pages are still
being fetched; a failing later page turns the result partial instead of failing the search.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

import httpx

from capella_qgis.core.exceptions import (
    CancelledError,
    CapellaError,
    InputError,
    MalformedResponseError,
)
from capella_qgis.core.models.console import SearchPage, parse_model
from capella_qgis.core.models.enums import CATALOG_MAX_ITEMS
from capella_qgis.core.search.hooks import (
    PageCallback,
    PageHooks,
    ParsedCallback,
)
from capella_qgis.core.search.pages import (
    PARSE_LOCK,
    RawFeature,
    check_features,
    gc_paused,
    split_search_page,
)
from capella_qgis.core.search.query import CatalogQuery, SearchResult

__all__ = [
    "CatalogMixin",
    "IsCancelled",
    "PageCallback",
    "PageHooks",
    "ParsedCallback",
    "ProgressCallback",
    "plan_windows",
]

ProgressCallback = Callable[[int, int, int], None]
IsCancelled = Callable[[], bool]


def _origin(url: httpx.URL) -> tuple[str, int]:
    port = url.port or (443 if url.scheme == "https" else 80)
    return (url.host.lower(), port)


def plan_windows(wanted: int, page_size: int, cap: int = CATALOG_MAX_ITEMS) -> list[tuple]:
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


class CatalogMixin:
    """Catalog search; relies on ConsoleClient's ``request``, ``url`` and paging settings."""

    search_url: str
    page_size: int
    max_connections: int

    if TYPE_CHECKING:

        def url(self, path_or_url: str) -> str: ...

        def request(
            self,
            method: str,
            path_or_url: str,
            *,
            json_body: Any = None,
            params: Optional[dict[str, Any]] = None,
            idempotent: Optional[bool] = None,
            is_cancelled: Optional[IsCancelled] = None,
        ) -> httpx.Response: ...

    def _search_page(
        self,
        url: str,
        body: dict,
        is_cancelled: Optional[IsCancelled],
        hooks: Optional[PageHooks] = None,
    ) -> tuple[SearchPage, list[RawFeature]]:
        """One page: metadata validated now, features kept raw (validated lazily by id/type).

        Per-item pydantic validation of 10 000 items costs more than the download; the
        :class:`SearchResult` builds :class:`StacItem` models only when they are asked for.
        """
        response = self.request(
            "POST", url, json_body=body, idempotent=True, is_cancelled=is_cancelled
        )
        try:
            with gc_paused(), PARSE_LOCK:
                data = split_search_page(response.content) if response.content else None
        except ValueError:
            ctype = response.headers.get("content-type", "?")
            raise MalformedResponseError(
                f"Unexpected response from catalog search: not JSON (content-type {ctype})",
                field="<body>",
                status=response.status_code,
            ) from None
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(features, list):
            page = parse_model(SearchPage, data, "catalog search")  # raises on a bad shape
            features = []
        else:
            page = parse_model(SearchPage, {**data, "features": []}, "catalog search")
        check_features(features, "catalog search")
        if hooks is not None:
            hooks.parsed(features)
        return page, features

    def _search_page_held(
        self,
        url: str,
        body: dict,
        is_cancelled: Optional[IsCancelled],
        hooks: PageHooks,
    ) -> list[list[RawFeature]]:
        """``_search_page``'s features in a list the caller empties (futures hold results)."""
        return [self._search_page(url, body, is_cancelled, hooks)[1]]

    def _retarget(self, href: str) -> str:
        """Next links on a foreign host are re-aimed at our search URL (same query string)."""
        link = httpx.URL(self.url(href))
        search = httpx.URL(self.search_url)
        if _origin(link) == _origin(search):
            return str(link)
        query = link.query.decode("ascii", "replace") if link.query else ""
        return f"{self.search_url.split('?', 1)[0]}{'?' + query if query else ''}"

    def search(
        self,
        query: Union[CatalogQuery, dict, None] = None,
        *,
        mode: str = "sequential",
        progress: Optional[ProgressCallback] = None,
        is_cancelled: Optional[IsCancelled] = None,
        page_size: Optional[int] = None,
        on_page: Optional[PageCallback] = None,
        on_parsed: Optional[ParsedCallback] = None,
        keep_items: bool = True,
        **filters: Any,
    ) -> SearchResult:
        """Catalog search, paging within the 10 000 window; a failing later page → partial.

        ``query`` may be a CatalogQuery, a dict of SDK-style keywords, or omitted in favour of
        keyword filters (``search(bbox=[...], product_type="GEO")``). ``on_page`` receives the
        items each page adds, in result order, while later pages are still being fetched (a
        consumer can write them as they come); an exception it raises ends the search.
        ``on_parsed`` sees each page's features in its fetch thread (see ``paging_hooks``).
        ``keep_items=False`` frees each page once handed over: the result then only counts
        the items.
        """
        if query is None:
            query = CatalogQuery.from_kwargs(**filters)
        elif isinstance(query, dict):
            query = CatalogQuery.from_kwargs(**query, **filters)
        elif filters:
            raise InputError("search: pass either a CatalogQuery or keyword filters, not both")
        per = min(page_size or self.page_size, query.limit)
        hooks = PageHooks(on_page, on_parsed, keep_items)
        if mode == "sequential":
            result = self._search_sequential(query, per, progress, is_cancelled, hooks)
        elif mode == "parallel":
            result = self._search_parallel(query, per, progress, is_cancelled, hooks)
        else:
            raise InputError(f"search mode must be 'sequential' or 'parallel', not {mode!r}")
        result.truncate(query.limit)
        return result

    def _search_sequential(
        self,
        query: CatalogQuery,
        per: int,
        progress: Optional[ProgressCallback],
        is_cancelled: Optional[IsCancelled],
        hooks: PageHooks,
    ) -> SearchResult:
        result = SearchResult(query=query)
        url = self.search_url
        page: Optional[int] = None
        limit = per
        offset = 0  # server-side index of the next item (independent of duplicates)
        pages_done = 0
        while True:
            try:
                data, features = self._search_page(
                    url, query.to_body(page, limit), is_cancelled, hooks
                )
            except CancelledError:
                raise
            except CapellaError as exc:
                if pages_done == 0:
                    raise
                result.error = exc
                return result
            pages_done += 1
            result.number_matched = data.number_matched
            new = result.add_new(features, query.limit)
            added = len(new)
            hooks.handed(result, new, features)
            offset += limit
            available = min(data.number_matched, CATALOG_MAX_ITEMS)
            if progress is not None:
                expected = math.ceil(min(query.limit, available) / per)
                progress(pages_done, max(pages_done, expected), len(result))
            if len(result) >= query.limit or offset >= available or added == 0:
                return result
            link = data.next_link()
            if link is None:
                return result
            url = self._retarget(link.href)
            limit = per
            if offset + limit > CATALOG_MAX_ITEMS:
                limit = math.gcd(offset, CATALOG_MAX_ITEMS - offset)
            page = offset // limit + 1

    def _search_parallel(
        self,
        query: CatalogQuery,
        per: int,
        progress: Optional[ProgressCallback],
        is_cancelled: Optional[IsCancelled],
        hooks: PageHooks,
    ) -> SearchResult:
        # The first page doubles as the probe: its numberMatched plans the other windows,
        # which are fetched in parallel while the first page is handed over.
        first, first_features = self._search_page(
            self.search_url, query.to_body(None, per), is_cancelled, hooks
        )
        result = SearchResult(number_matched=first.number_matched, query=query)
        wanted = min(query.limit, first.number_matched)
        windows = plan_windows(wanted, per)
        if not windows:
            if progress is not None:
                progress(0, 0, 0)
            return result
        pages: dict[int, list[RawFeature]] = {}
        errors: dict[int, CapellaError] = {}
        delivered = 0  # pages [0, delivered) are merged into the result, in page order

        def deliver() -> None:
            nonlocal delivered
            while delivered in pages or delivered in errors:
                # A consumer may cancel from inside on_page: hand over nothing after that.
                if is_cancelled is not None and is_cancelled():
                    return
                features = pages.pop(delivered, None)
                delivered += 1
                if features:
                    new = result.add_new(features, query.limit)
                    hooks.handed(result, new, features)

        workers = max(1, min(self.max_connections, len(windows) - 1))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="capella-search") as ex:
            futures = {
                ex.submit(
                    self._search_page_held,
                    self.search_url,
                    query.to_body(page, limit),
                    is_cancelled,
                    hooks,
                ): index
                for index, (page, limit) in enumerate(windows)
                if index > 0
            }
            pages[0] = first_features
            del first_features
            done = 1
            fetched = len(pages[0])
            if progress is not None:
                progress(done, len(windows), fetched)
            try:
                deliver()
                for future in as_completed(futures):
                    index = futures[future]
                    try:
                        held = future.result()
                        features = held.pop()  # the future keeps no page alive
                    except CapellaError as exc:
                        errors[index] = exc
                        if is_cancelled is not None and is_cancelled():
                            raise CancelledError() from None
                    else:
                        pages[index] = features
                        done += 1
                        fetched += len(features)
                        if progress is not None:
                            progress(done, len(windows), fetched)
                    if is_cancelled is None or not is_cancelled():
                        deliver()
            except BaseException:
                for other in futures:
                    other.cancel()
                raise
        if is_cancelled is not None and is_cancelled():
            raise CancelledError()
        if errors:
            result.error = errors[min(errors)]
        return result

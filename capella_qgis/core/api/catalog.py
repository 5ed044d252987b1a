"""Catalog endpoint: ``POST /catalog/search`` pages, and whole searches (paging in core.search)."""

from __future__ import annotations

from typing import Any, Optional, Union

import httpx

from capella_qgis.core.api.http import IsCancelled, origin
from capella_qgis.core.api.session import ApiSession
from capella_qgis.core.exceptions import InputError, MalformedResponseError
from capella_qgis.core.models.base import parse_model
from capella_qgis.core.models.enums import CATALOG_PAGE_SIZE
from capella_qgis.core.models.stac import SearchPage
from capella_qgis.core.search.hooks import PageCallback, PageHooks, ParsedCallback
from capella_qgis.core.search.pages import (
    PARSE_LOCK,
    RawFeature,
    check_features,
    gc_paused,
    split_search_page,
)
from capella_qgis.core.search.paging import ProgressCallback, SearchPages
from capella_qgis.core.search.query import CatalogQuery, SearchResult


class CatalogApi:
    """``client.catalog``: catalog search, one page (``fetch_page``) or a whole search."""

    def __init__(
        self,
        session: ApiSession,
        search_url: str,
        *,
        page_size: int = CATALOG_PAGE_SIZE,
        max_connections: int = 8,
    ) -> None:
        self.session = session
        self.search_url = search_url
        self.page_size = page_size
        self.max_connections = max(1, int(max_connections))

    def retarget(self, href: str) -> str:
        """Next links on a foreign host are re-aimed at our search URL (same query string)."""
        link = httpx.URL(self.session.url(href))
        if origin(link) == origin(self.search_url):
            return str(link)
        query = link.query.decode("ascii", "replace") if link.query else ""
        return f"{self.search_url.split('?', 1)[0]}{'?' + query if query else ''}"

    def fetch_page(
        self,
        href: Optional[str],
        body: dict[str, Any],
        is_cancelled: Optional[IsCancelled] = None,
    ) -> tuple[SearchPage, list[RawFeature]]:
        """One page: metadata validated now, features kept raw (validated lazily by id/type).

        ``href`` None is the search URL, else a ``next`` link. Per-item pydantic validation of
        10 000 items costs more than the download; :class:`SearchResult` builds
        :class:`StacItem` models only when they are asked for.
        """
        url = self.search_url if href is None else self.retarget(href)
        response = self.session.request(
            "POST", url, json_body=body, idempotent=True, is_cancelled=is_cancelled
        )
        try:
            with PARSE_LOCK:
                data = split_search_page(response.content) if response.content else None
        except ValueError:
            ctype = response.headers.get("content-type", "?")
            raise MalformedResponseError(
                f"Unexpected response from catalog search: not JSON (content-type {ctype})",
                field="<body>",
                status=response.status_code,
            ) from None
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(data, dict) or not isinstance(features, list):
            page = parse_model(SearchPage, data, "catalog search")  # raises on a bad shape
            features = []
        else:
            page = parse_model(SearchPage, {**data, "features": []}, "catalog search")
        page.resolve_links(url)  # relative next links are relative to this page, not the base
        check_features(features, "catalog search")
        return page, features

    def pages(
        self,
        query: Union[CatalogQuery, dict[str, Any], None] = None,
        *,
        mode: str = "sequential",
        progress: Optional[ProgressCallback] = None,
        is_cancelled: Optional[IsCancelled] = None,
        page_size: Optional[int] = None,
        hooks: Optional[PageHooks] = None,
        **filters: Any,
    ) -> SearchPages:
        """The search as an iterator of pages (see :class:`SearchPages`); ``search`` drains it."""
        if query is None:
            query = CatalogQuery.from_kwargs(**filters)
        elif isinstance(query, dict):
            query = CatalogQuery.from_kwargs(**query, **filters)
        elif filters:
            raise InputError("search: pass either a CatalogQuery or keyword filters, not both")
        else:
            # Checked again: a query's fields may have been changed since it was built.
            query = query.validated()
        per = min(page_size or self.page_size, query.limit)
        return SearchPages(
            self.fetch_page,
            query,
            per,
            mode=mode,
            max_connections=self.max_connections,
            progress=progress,
            is_cancelled=is_cancelled,
            hooks=hooks,
        )

    def search(
        self,
        query: Union[CatalogQuery, dict[str, Any], None] = None,
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
        ``on_parsed`` sees each page's features in its fetch thread (see ``search.hooks``).
        ``keep_items=False`` frees each page once handed over: the result then only counts
        the items.
        """
        hooks = PageHooks(on_page, on_parsed, keep_items)
        pages = self.pages(
            query,
            mode=mode,
            progress=progress,
            is_cancelled=is_cancelled,
            page_size=page_size,
            hooks=hooks,
            **filters,
        )
        iterator = iter(pages)
        # One GC block for the whole search (see gc_paused); a caller's outer block wins.
        with gc_paused():
            try:
                for page in iterator:
                    hooks.handed(pages.result, page.new, page.features)
            finally:
                iterator.close()  # an on_page that raised stops the page fetches at once
        pages.result.truncate(pages.query.limit)
        return pages.result

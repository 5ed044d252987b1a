"""Catalog paging that does not take a server's word for more than it shows.

Servers here misbehave in ways the emulator does not: they cap the page size below what was
asked, stop serving before ``numberMatched``, send relative ``next`` links, or ignore ``page``.
"""

from __future__ import annotations

import json
from typing import Any, Optional

import httpx
import pytest

from capella_qgis.core.search.paging import IncompleteSearchError
from capella_qgis.core.search.query import CatalogQuery
from tests.unit.core_support import BASE, USER, make_client, stac_item


class OddCatalog:
    """``offset = (page - 1) * limit`` like the contract, with configurable misbehaviour.

    ``cap``: most items per page whatever ``limit`` says (as STAC servers do); ``served``:
    items really handed out (``numberMatched`` still says ``count``); ``next_href``: how the
    ``next`` link is written (``{page}`` is filled in); ``ignore_page``: always page 1.
    """

    def __init__(
        self,
        count: int,
        *,
        cap: Optional[int] = None,
        served: Optional[int] = None,
        next_href: str = BASE + "/catalog/search?page={page}",
        search_path: str = "/catalog/search",
        ignore_page: bool = False,
        empty_link_at_end: bool = False,
    ) -> None:
        self.items = [stac_item(i) for i in range(count)]
        self.cap = cap
        self.served = count if served is None else served
        self.next_href = next_href
        self.search_path = search_path
        self.ignore_page = ignore_page
        self.empty_link_at_end = empty_link_at_end
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/user":
            return httpx.Response(200, json=USER)
        if request.url.path != self.search_path:
            return httpx.Response(404, json={"error": {"message": "Not Found"}})
        body = json.loads(request.content)
        self.calls.append((str(request.url), body))
        limit = int(body.get("limit", 10))
        if self.cap is not None:
            limit = min(limit, self.cap)
        page = 1 if self.ignore_page else int(body.get("page") or request.url.params.get("page", 1))
        offset = (page - 1) * limit
        end = min(offset + limit, self.served)
        features = self.items[offset:end]
        links = []
        more = offset + len(features) < min(self.served, 10_000)
        if more or (self.empty_link_at_end and features):
            links.append({"rel": "next", "href": self.next_href.format(page=page + 1)})
        return httpx.Response(
            200,
            json={
                "type": "FeatureCollection",
                "numberMatched": len(self.items),
                "numberReturned": len(features),
                "features": features,
                "links": links,
            },
        )

    def ids(self, count: Optional[int] = None) -> list[str]:
        return [item["id"] for item in self.items[:count]]


# --- short pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
@pytest.mark.parametrize("count", [800, 2000])
def test_pages_shorter_than_asked_are_followed_to_the_end(mode: str, count: int) -> None:
    fake = OddCatalog(count, cap=500)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=count), mode=mode)
    assert result.stac_ids == fake.ids(), (len(result), [b for _, b in fake.calls])
    assert not result.partial
    assert result.number_matched == count


def test_sequential_adopts_the_servers_page_size() -> None:
    fake = OddCatalog(2000, cap=500)
    client, _ = make_client(fake)
    client.catalog.search(CatalogQuery(limit=2000))
    sent = [(body.get("page"), body["limit"]) for _, body in fake.calls]
    # Page 1 asked for 900 and got 500: from then on pages of 500, no overlap, no gap.
    assert sent == [(None, 900), (2, 500), (3, 500), (4, 500)]


def test_short_pages_near_the_10000_window() -> None:
    fake = OddCatalog(12_000, cap=700)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=10_000))
    assert result.stac_ids == fake.ids(10_000)
    assert not result.partial
    assert all(b.get("page", 1) * b["limit"] <= 10_000 for _, b in fake.calls)


# --- a server that stops before numberMatched -------------------------------------------------


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_a_server_that_stops_early_makes_the_result_partial(mode: str) -> None:
    fake = OddCatalog(2000, served=1200)  # no next link after item 1200
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=2000), mode=mode)
    assert result.stac_ids == fake.ids(1200)
    assert result.partial
    assert isinstance(result.error, IncompleteSearchError)
    assert "1200 of 2000" in str(result.error), str(result.error)


def test_an_empty_page_before_number_matched_makes_the_result_partial() -> None:
    fake = OddCatalog(2000, served=900, empty_link_at_end=True)  # page 2: empty, with a link
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=2000))
    assert len(result) == 900 and result.partial
    assert "empty" in str(result.error), str(result.error)
    assert len(fake.calls) == 2


def test_the_limit_reached_early_is_not_partial() -> None:
    fake = OddCatalog(2000, cap=500)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=700))
    assert result.stac_ids == fake.ids(700) and not result.partial


def test_a_server_that_ignores_page_is_not_followed_forever() -> None:
    fake = OddCatalog(2000, ignore_page=True, empty_link_at_end=True)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=2000))
    assert result.stac_ids == fake.ids(900)
    assert result.partial and "repeated" in str(result.error), str(result.error)
    assert len(fake.calls) == 2


# --- relative next links ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "href", ["?page={page}", "search?page={page}", "/v2/catalog/search?page={page}"]
)
def test_relative_next_links_resolve_against_the_page_that_sent_them(href: str) -> None:
    search_url = f"{BASE}/v2/catalog/search"
    fake = OddCatalog(2000, next_href=href, search_path="/v2/catalog/search")
    client, _ = make_client(fake, search_url=search_url)
    result = client.catalog.search(CatalogQuery(limit=2000))
    assert not result.partial, result.error
    assert [url for url, _ in fake.calls] == [
        search_url,
        f"{search_url}?page=2",
        f"{search_url}?page=3",
    ]
    assert result.stac_ids == fake.ids()

"""Both catalog paging modes against a fake implementing offset = (page - 1) * limit."""

from __future__ import annotations

import pytest

from capella_qgis.core.exceptions import CancelledError, InputError, ServerError
from capella_qgis.core.search.query import CatalogQuery
from tests.unit.core_support import FakeCatalog, make_client


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_all_items_in_order(mode):
    fake = FakeCatalog(2000)
    client, _ = make_client(fake)
    progress = []
    result = client.catalog.search(
        CatalogQuery(limit=2000), mode=mode, progress=lambda *a: progress.append(a)
    )
    assert result.stac_ids == [i["id"] for i in fake.items]
    assert result.number_matched == 2000
    assert not result.partial
    assert progress[-1][0] == progress[-1][1] == 3
    assert progress[-1][2] == 2000


def test_sequential_request_sequence():
    fake = FakeCatalog(2000)
    client, _ = make_client(fake)
    client.catalog.search(CatalogQuery(limit=2000))
    pages = [(body.get("page"), body["limit"]) for _, body in fake.calls]
    assert pages == [(None, 900), (2, 900), (3, 900)]
    assert fake.calls[1][0].endswith("/catalog/search?page=2")


def test_parallel_first_page_with_the_others():
    fake = FakeCatalog(2000)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=2000), mode="parallel")
    calls = [(body.get("page"), body["limit"]) for _, body in fake.calls]
    # Page 1 (no page key) and the other windows the limit implies, all at once; the last
    # window asks only for the 200 results still wanted.
    assert sorted(calls, key=lambda c: (c[0] or 0, c[1])) == [(None, 900), (2, 900), (10, 200)]
    assert result.stac_ids == [i["id"] for i in fake.items[:2000]]
    assert all(url.endswith("/catalog/search") for url, _ in fake.calls)


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_duplicates_across_pages_removed(mode):
    fake = FakeCatalog(2000, duplicate_last=True)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=2000), mode=mode)
    assert len(result) == 2000
    assert len(set(result.stac_ids)) == 2000


def test_limit_truncates():
    fake = FakeCatalog(2000)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=1000))
    assert len(result) == 1000
    assert result.stac_ids == [i["id"] for i in fake.items[:1000]]


def test_small_limit_uses_small_pages():
    fake = FakeCatalog(2000)
    client, _ = make_client(fake)
    result = client.catalog.search(product_type="GEO", limit=50)
    assert len(result) == 50
    assert [b["limit"] for _, b in fake.calls] == [50]
    assert fake.calls[0][1]["query"] == {"sar:product_type": {"eq": "GEO"}}


def test_next_link_on_foreign_host_is_retargeted():
    fake = FakeCatalog(1000, next_host="https://internal-lb.example:9999")
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=1000))
    assert len(result) == 1000
    assert fake.calls[1][0] == "https://api.test/catalog/search?page=2"


def test_search_url_override_used():
    fake = FakeCatalog(10)
    client, _ = make_client(fake, search_url="https://api.test/v2/catalog/search")
    client.catalog.search(CatalogQuery(limit=10))
    assert fake.calls[0][0] == "https://api.test/v2/catalog/search"


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_10000_window_shrinks_last_request(mode):
    fake = FakeCatalog(10_500)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=10_000), mode=mode)
    assert len(result) == 10_000
    assert result.stac_ids == [i["id"] for i in fake.items[:10_000]]
    pages = [(b.get("page"), b["limit"]) for _, b in fake.calls]
    assert (100, 100) in pages
    assert all((p or 1) * lim <= 10_000 for p, lim in pages)


def test_sequential_shrunk_request_goes_to_next_link_with_body_page():
    fake = FakeCatalog(10_500)
    client, _ = make_client(fake)
    client.catalog.search(CatalogQuery(limit=10_000))
    url, body = fake.calls[-1]
    assert url.endswith("?page=12")
    assert (body["page"], body["limit"]) == (100, 100)


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_zero_matches(mode):
    fake = FakeCatalog(0)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=500), mode=mode)
    assert len(result) == 0
    assert result.number_matched == 0
    assert not result.partial


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_5xx_on_page_3_keeps_partial(mode):
    fake = FakeCatalog(4000, fail_page=3)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=4000), mode=mode)
    assert result.partial
    assert isinstance(result.error, ServerError)
    expected = [i["id"] for i in fake.items[:1800]]
    if mode == "sequential":
        assert result.stac_ids == expected
    else:
        # Pages after the failure still arrived; order is page order without page 3.
        assert result.stac_ids[:1800] == expected
        assert result.stac_ids[1800:] == [i["id"] for i in fake.items[2700:4000]]


def test_failure_on_first_page_raises():
    fake = FakeCatalog(100, fail_page=1)
    client, _ = make_client(fake)
    with pytest.raises(ServerError):
        client.catalog.search(CatalogQuery(limit=100))


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_cancel(mode):
    fake = FakeCatalog(3000)
    client, _ = make_client(fake)
    with pytest.raises(CancelledError):
        client.catalog.search(CatalogQuery(limit=3000), mode=mode, is_cancelled=lambda: True)
    assert fake.calls == []


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_search_as_an_iterator_of_pages(mode):
    fake = FakeCatalog(2000)
    client, _ = make_client(fake)
    pages = client.catalog.pages(CatalogQuery(limit=2000), mode=mode)
    seen = []
    for page in pages:
        assert page.new == page.features  # no duplicates in this catalog
        seen.extend(f.id for f in page.new)
        assert len(pages.result) == len(seen)  # the result holds every page handed over
    assert seen == [i["id"] for i in fake.items]
    assert pages.result.number_matched == 2000 and not pages.result.partial


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_closing_the_page_iterator_early_stops_the_search(mode):
    fake = FakeCatalog(5000)
    client, _ = make_client(fake, max_connections=2)
    iterator = iter(client.catalog.pages(CatalogQuery(limit=5000), page_size=500, mode=mode))
    first = next(iterator)
    iterator.close()  # waits for fetches already running, starts no other
    assert len(first.new) == 500
    assert len(fake.calls) < 10


def test_unknown_mode_is_refused():
    client, _ = make_client(FakeCatalog(1))
    with pytest.raises(InputError):
        client.catalog.search(CatalogQuery(limit=1), mode="fast")

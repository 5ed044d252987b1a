"""``search(on_page=...)``: each page's new items handed over in result order as pages arrive."""

from __future__ import annotations

import pytest

from capella_qgis.core.exceptions import CancelledError
from capella_qgis.core.search.query import CatalogQuery
from tests.unit.core_support import FakeCatalog, make_client


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_pages_handed_over_in_result_order(mode):
    fake = FakeCatalog(2500)
    client, _ = make_client(fake)
    pages: list[list[str]] = []
    result = client.catalog.search(
        CatalogQuery(limit=2500), mode=mode, on_page=lambda new: pages.append([i.id for i in new])
    )
    # Parallel: the last 700 come as (4, 600) + (25, 100), windows that stop at the limit.
    sizes = [900, 900, 700] if mode == "sequential" else [900, 900, 600, 100]
    assert [len(p) for p in pages] == sizes
    assert [i for p in pages for i in p] == result.stac_ids == [i["id"] for i in fake.items]


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_duplicates_are_not_handed_over_twice(mode):
    fake = FakeCatalog(2000, duplicate_last=True)
    client, _ = make_client(fake)
    seen: list[str] = []
    result = client.catalog.search(
        CatalogQuery(limit=2000), mode=mode, on_page=lambda new: seen.extend(i.id for i in new)
    )
    assert seen == result.stac_ids
    assert len(set(seen)) == len(seen) == 2000


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_failing_page_keeps_earlier_pages(mode):
    fake = FakeCatalog(4000, fail_page=3)
    client, _ = make_client(fake)
    seen: list[str] = []
    result = client.catalog.search(
        CatalogQuery(limit=4000), mode=mode, on_page=lambda new: seen.extend(i.id for i in new)
    )
    assert result.partial
    assert seen == result.stac_ids
    assert seen[:1800] == [i["id"] for i in fake.items[:1800]]


def test_consumer_error_ends_the_search():
    fake = FakeCatalog(4000)
    client, _ = make_client(fake)

    def boom(new):
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        client.catalog.search(CatalogQuery(limit=4000), mode="parallel", on_page=boom)


def test_cancel_while_consuming_stops():
    fake = FakeCatalog(4000)
    client, _ = make_client(fake)
    state = {"pages": 0}

    def consume(new):
        state["pages"] += 1

    with pytest.raises(CancelledError):
        client.catalog.search(
            CatalogQuery(limit=4000),
            mode="parallel",
            on_page=consume,
            is_cancelled=lambda: state["pages"] >= 1,
        )
    assert state["pages"] == 1


def test_limit_caps_what_is_handed_over():
    fake = FakeCatalog(2000, duplicate_last=True)
    client, _ = make_client(fake)
    seen: list[str] = []
    result = client.catalog.search(
        CatalogQuery(limit=1000), on_page=lambda new: seen.extend(i.id for i in new)
    )
    assert seen == result.stac_ids
    assert len(seen) == 1000

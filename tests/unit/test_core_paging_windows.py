"""Catalog paging windows: no more items fetched than the limit, no round trip for page 1 alone."""

from __future__ import annotations

import json
import threading

import httpx
import pytest

from capella_qgis.core.search.paging import plan_windows, tail_windows
from capella_qgis.core.search.query import CatalogQuery
from tests.unit.core_support import FakeCatalog, make_client


def covered(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``[start, end)`` item ranges the windows ask for (``offset = (page-1)*limit``)."""
    return [((page - 1) * limit, page * limit) for page, limit in windows]


def assert_tiles(windows: list[tuple[int, int]], wanted: int) -> None:
    spans = covered(windows)
    assert spans[0][0] == 0
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:])), spans  # no gap, no overlap
    assert spans[-1][1] >= wanted
    assert all(end <= 10_000 for _, end in spans)


@pytest.mark.parametrize(
    ("wanted", "expected_tail"),
    [(1000, [(10, 100)]), (5000, [(10, 500)]), (10_000, [(100, 100)]), (2000, [(10, 200)])],
)
def test_the_last_window_asks_only_for_what_the_limit_still_wants(
    wanted: int, expected_tail: list[tuple[int, int]]
) -> None:
    windows = plan_windows(wanted, 900, exact=True)
    assert windows[-len(expected_tail) :] == expected_tail
    assert_tiles(windows, wanted)
    assert covered(windows)[-1][1] == wanted  # exactly the limit, nothing beyond


@pytest.mark.parametrize("wanted", [1, 899, 901, 1234, 1500, 2500, 7777, 9999, 10_000])
@pytest.mark.parametrize("page_size", [100, 250, 500, 700, 900, 997, 1000])
def test_windows_always_tile_the_wanted_items(wanted: int, page_size: int) -> None:
    per = min(page_size, wanted)
    windows = plan_windows(wanted, per, exact=True)
    assert_tiles(windows, wanted)
    full = wanted // per
    assert covered(windows)[-1][1] - wanted < per  # over-fetch below one page
    if wanted + per <= 10_000:
        # At most two windows past the full pages; a third would cost more than it saves
        # (near the 10 000 window, exact windows may be the only ones allowed).
        assert len(windows) <= full + 2


def test_without_more_matches_the_last_window_stays_full() -> None:
    # Nothing lies past the last match: a full window costs nothing extra and is the one
    # a parallel search sent before it knew numberMatched.
    assert plan_windows(2500, 900, exact=False) == [(1, 900), (2, 900), (3, 900)]
    # ...but never past the 10 000th item.
    assert plan_windows(10_000, 900, exact=False)[-1] == (100, 100)


def test_an_odd_remainder_takes_one_slightly_larger_window() -> None:
    # 334 after 900: exact windows would be 300 + 30 + 3 + 1; one window of 450 is cheaper.
    assert tail_windows(900, 334, 9100) == [(3, 450)]


class CountingCatalog(FakeCatalog):
    """FakeCatalog counting the items it hands out."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.served = 0
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        response = super().__call__(request)
        if request.url.path.endswith("/catalog/search") and response.status_code == 200:
            with self.lock:
                self.served += len(json.loads(response.content)["features"])
        return response


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
@pytest.mark.parametrize("limit", [1000, 5000, 10_000])
def test_exactly_the_limit_is_fetched(mode: str, limit: int) -> None:
    fake = CountingCatalog(12_000)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=limit), mode=mode)
    assert result.stac_ids == [i["id"] for i in fake.items[:limit]]
    assert not result.partial
    # Before: 1 000 fetched 1 800 items, 5 000 fetched 5 400 (the last window stayed full).
    assert fake.served == limit
    assert len(fake.calls) == -(-limit // 900)


@pytest.mark.parametrize("count", [0, 50, 900, 3000, 9500])
def test_fewer_matches_than_the_limit_in_parallel(count: int) -> None:
    fake = CountingCatalog(count)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=10_000), mode="parallel")
    assert result.stac_ids == [i["id"] for i in fake.items]
    assert not result.partial
    assert result.number_matched == count


class HoldingCatalog(CountingCatalog):
    """Answers only once ``hold`` requests arrived (or after a while, never to hang).

    Records, for each request, how many requests had been answered when it arrived.
    """

    def __init__(self, count: int, hold: int) -> None:
        super().__init__(count)
        self.hold = hold
        self.arrived = 0
        self.answered = 0
        self.answered_before: list[int] = []
        self.enough = threading.Event()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.answered_before.append(self.answered)
            self.arrived += 1
            if self.arrived >= self.hold:
                self.enough.set()
        self.enough.wait(5.0)  # a synchronisation aid, not a timed assertion
        response = super().__call__(request)
        with self.lock:
            self.answered += 1
        return response


def test_parallel_sends_the_first_wave_without_waiting_for_page_1() -> None:
    fake = HoldingCatalog(12_000, hold=8)
    client, _ = make_client(fake, max_connections=8)
    result = client.catalog.search(CatalogQuery(limit=10_000), mode="parallel")
    assert len(result) == 10_000 and not result.partial
    assert len(fake.calls) == 12
    # 12 pages on 8 connections: 8 go out at once, page 1 among them (2 round trips, not 3).
    assert fake.answered_before[:8] == [0] * 8, fake.answered_before


def test_a_short_page_1_discards_the_guessed_windows() -> None:
    # The server serves at most 500 per page: the windows guessed at 900 would leave gaps.
    from tests.unit.test_core_paging_trust import OddCatalog

    fake = OddCatalog(2000, cap=500)
    client, _ = make_client(fake)
    result = client.catalog.search(CatalogQuery(limit=5000), mode="parallel")
    assert result.stac_ids == fake.ids()
    assert not result.partial


def test_guessing_wrong_costs_at_most_the_first_wave() -> None:
    # 50 matches for a limit of 10 000: the guessed windows beyond page 1 come back empty;
    # only those that went out with page 1 are sent, the other guesses never are.
    fake = HoldingCatalog(50, hold=8)
    client, _ = make_client(fake, max_connections=8)
    result = client.catalog.search(CatalogQuery(limit=10_000), mode="parallel")
    assert result.stac_ids == [i["id"] for i in fake.items]
    assert not result.partial
    assert len(fake.calls) == 8
    assert fake.served == 50

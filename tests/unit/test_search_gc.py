"""The search's GC block: the collector stays on, parsed pages are frozen until the search ends."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from capella_qgis.core.search.pages import gc_paused


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def _collectable(thing: object) -> bool:
    """``thing`` is in a generation collections traverse (not the permanent one)."""
    return any(o is thing for o in gc.get_objects())


def test_the_gc_stays_on_and_pages_are_frozen_until_the_outermost_block_ends() -> None:
    with gc_paused():  # the search task
        assert gc.isenabled()
        with gc_paused():  # one parsed page
            page = [{"n": [n, n]} for n in range(1000)]
            assert gc.isenabled()
            assert _collectable(page)
        assert not _collectable(page)  # frozen: collections skip the page
        assert gc.get_freeze_count() > len(page)
        assert gc.collect() >= 0  # collections still run, over what is not frozen
        assert not _collectable(page)
    assert _collectable(page)  # back to the oldest generation
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_cycles_made_after_a_freeze_are_still_collected() -> None:
    with gc_paused():
        with gc_paused():
            pass
        cycle: list = []
        cycle.append(cycle)
        ref = id(cycle)
        del cycle
        gc.collect()
        assert all(id(o) != ref for o in gc.get_objects())


def test_a_permanent_generation_filled_by_someone_else_is_left_alone() -> None:
    theirs = [{"theirs": [1]}]
    gc.freeze()
    with gc_paused():
        with gc_paused():
            page = [{"n": [n]} for n in range(100)]
        assert _collectable(page)  # nothing frozen here
    assert not _collectable(theirs)  # nor unfrozen


def test_blocks_from_several_threads_unfreeze_once_all_ended() -> None:
    started = threading.Barrier(4)
    done = threading.Event()

    def page() -> None:
        with gc_paused():
            started.wait()
            done.wait(10)

    with gc_paused():
        threads = [threading.Thread(target=page) for _ in range(3)]
        for thread in threads:
            thread.start()
        started.wait()
        done.set()
        for thread in threads:
            thread.join(10)
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0

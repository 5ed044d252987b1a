"""The search's GC block: the collector stays on, the heap from before the search is frozen."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from capella_qgis.core.search.pages import freeze_kept, gc_paused


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def _collectable(thing: object) -> bool:
    """``thing`` is in a generation collections traverse (not the permanent one)."""
    return any(o is thing for o in gc.get_objects())


class Cycle:
    """A self-referencing object: only the cyclic GC frees it."""

    def __init__(self) -> None:
        self.me = self


def test_the_heap_from_before_is_frozen_until_the_outermost_block_ends() -> None:
    before = [{"n": [n, n]} for n in range(1000)]
    with gc_paused():  # the search task
        assert gc.isenabled()
        assert not _collectable(before)  # collections during the search skip it
        with gc_paused():  # the catalog search inside it
            page = [{"n": [n, n]} for n in range(1000)]
            assert _collectable(page)  # made during the search: collected as usual
        assert gc.get_freeze_count() >= len(before)
    assert _collectable(before)  # back to the oldest generation
    assert _collectable(page)
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_young_garbage_of_others_is_collected_not_frozen_at_the_start() -> None:
    ref = weakref.ref(Cycle())  # garbage made just before the search
    with gc_paused():
        assert ref() is None


def test_other_codes_cycles_made_during_the_search_are_collected_during_it() -> None:
    with gc_paused():
        refs = []
        for _ in range(50):
            refs.append(weakref.ref(Cycle()))
            with gc_paused():  # nested blocks (pages) freeze nothing
                pass
        gc.collect()
        assert all(ref() is None for ref in refs)


def test_pages_a_search_keeps_are_frozen_and_only_those() -> None:
    with gc_paused():
        kept = [{"n": [n]} for n in range(100)]
        freeze_kept()
        assert not _collectable(kept)
        garbage = weakref.ref(Cycle())
        gc.collect()
        assert garbage() is None
    assert _collectable(kept)


def test_freeze_kept_outside_a_search_freezes_nothing() -> None:
    page = [{"n": [1]}]
    freeze_kept()
    assert _collectable(page)
    assert gc.get_freeze_count() == 0


def test_a_permanent_generation_filled_by_someone_else_is_left_alone() -> None:
    theirs = [{"theirs": [1]}]
    gc.freeze()
    with gc_paused():
        page = [{"n": [n]} for n in range(100)]
        freeze_kept()
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

"""Writers of one footprints GeoPackage at once (threads, processes): every layer ends complete.

Two searches, or a search and "load order footprints", start together against a file that does
not exist yet: both used to create it, and one failed with "Cannot create GeoPackage" (or
"Cannot open … for writing") depending on who came second.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable

import pytest
from osgeo import ogr

from capella_qgis.footprints.store import FootprintWriter, StoreFactory, write_footprints
from tests.qgis import footprints_support as support

ROOT = Path(__file__).resolve().parents[2]
PAGE = 60
PAGES = 4
# Each round is a fresh file; the old code failed most rounds (18 of 30 with two threads).
ROUNDS = 8
# Generous bounds for work done in well under a second: only a hang reaches them.
JOIN_TIMEOUT = 120.0

# For each "go <path>" line: writes PAGES pages into one layer of <path>, then says "done".
# The parent sends each round's line to both children, which are both waiting for it.
_CHILD = r"""
import sys
from pathlib import Path
from tests.qgis.test_footprints_concurrent import items, STORE_NAMES
kind, layer, start, pages, page = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
print("ready", flush=True)
for line in sys.stdin:
    path = Path(line.strip().partition(" ")[2])
    writer = STORE_NAMES[kind](path, layer, search_query={"layer": layer})
    writer.create()
    for n in range(pages):
        writer.add(items(start + n * page, page))
    out = writer.finish()
    print(f"done {out.layer_name} {out.feature_count}", flush=True)
"""

STORE_NAMES = support.STORES


def items(start: int, count: int) -> list[dict[str, Any]]:
    """Footprints of 1°×1° squares on a grid, unique ids from ``start`` (real R-tree boxes)."""
    out = []
    for n in range(start, start + count):
        x, y = float(n % 300) - 150.0, float((n // 300) % 150) - 75.0
        ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
        out.append(support.hand_item(f"CAPELLA_C01_SP_GEO_HH_20240101000000_{n:014d}", [ring]))
    return out


def _layers(path: Path) -> dict[str, list[str]]:
    """Each layer's stac ids, read by GDAL, after SQLite and the R-trees check the file."""
    with sqlite3.connect(str(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = [t for (t,) in db.execute("SELECT table_name FROM gpkg_contents")]
        for table in tables:
            assert db.execute(f"SELECT rtreecheck('rtree_{table}_geom')").fetchone() == ("ok",)
            count = db.execute(
                "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name=?", (table,)
            ).fetchone()
            rows = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            assert count in (rows, (None,)), table  # right, or NULL: GDAL's "unknown"
    dataset = ogr.Open(str(path))
    out = {}
    for index in range(dataset.GetLayerCount()):
        layer = dataset.GetLayerByIndex(index)
        out[layer.GetName()] = sorted(f.GetField("stac_id") for f in layer)
    dataset = None
    return out


def _ids(start: int, count: int) -> list[str]:
    return sorted(item["id"] for item in items(start, count))


def _run_at_once(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run ``jobs`` in threads released together by a barrier; re-raise the first error."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(JOIN_TIMEOUT)
            results[index] = jobs[index]()
        except BaseException as exc:  # reported below, with the other thread's outcome
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    assert not any(t.is_alive() for t in threads), "a writer hangs"
    assert not errors, errors
    return results


def _search(factory: StoreFactory, path: Path, layer: str, start: int) -> Callable[[], Any]:
    """What SearchTask does: create the layer first, then one page at a time, then finish."""

    def run() -> Any:
        writer = factory(path, layer, search_query={"layer": layer})
        writer.create()
        for page in range(PAGES):
            writer.add(items(start + page * PAGE, PAGE))
        return writer.finish()

    return run


@pytest.mark.parametrize("kinds", [("sqlite", "sqlite"), ("ogr", "ogr"), ("sqlite", "ogr")])
def test_two_searches_in_threads_create_one_file(tmp_path: Path, kinds: tuple[str, str]) -> None:
    for round_ in range(ROUNDS):
        path = tmp_path / f"round{round_}" / "footprints.gpkg"
        first, second = (support.STORES[k] for k in kinds)
        outs = _run_at_once(
            [_search(first, path, "search_a", 0), _search(second, path, "search_b", 10_000)]
        )
        assert [o.feature_count for o in outs] == [PAGE * PAGES] * 2
        assert _layers(path) == {
            "search_a": _ids(0, PAGE * PAGES),
            "search_b": _ids(10_000, PAGE * PAGES),
        }


def test_a_search_and_order_footprints_at_once(tmp_path: Path) -> None:
    """``write_footprints`` (OrderFootprintsTask) beside a paged search."""
    for round_ in range(ROUNDS):
        path = tmp_path / f"round{round_}" / "footprints.gpkg"

        def order(path: Path = path) -> Any:
            return write_footprints(items(50_000, 25), path, "order_0b6e6a2e")

        _run_at_once([_search(FootprintWriter, path, "search_a", 0), order])
        assert _layers(path) == {
            "search_a": _ids(0, PAGE * PAGES),
            "order_0b6e6a2e": _ids(50_000, 25),
        }


@pytest.mark.parametrize("store", sorted(support.STORES))
def test_the_same_layer_name_at_once_keeps_both(tmp_path: Path, store: str) -> None:
    """Two writers given one name (the same order loaded twice): neither replaces the other."""
    path = tmp_path / "footprints.gpkg"
    factory = support.STORES[store]
    outs = _run_at_once([_search(factory, path, "twice", 0), _search(factory, path, "twice", 0)])
    assert sorted(o.layer_name for o in outs) == ["twice", "twice_2"]
    assert _layers(path) == {name: _ids(0, PAGE * PAGES) for name in ("twice", "twice_2")}
    # Done: the name is free again, so the next writer replaces the layer as before.
    out = write_footprints(items(0, 3), path, "twice", store=factory)
    assert out.layer_name == "twice" and len(_layers(path)["twice"]) == 3


@pytest.mark.parametrize("store", sorted(support.STORES))
def test_aborting_the_files_creator_keeps_the_other_layer(tmp_path: Path, store: str) -> None:
    """A search with no results created the file; another search wrote into it meanwhile."""
    path = tmp_path / "footprints.gpkg"
    factory = support.STORES[store]
    empty = factory(path, "empty_search")
    empty.create()  # the file is made for this layer
    _search(factory, path, "search_b", 0)()
    empty.abort()
    assert _layers(path) == {"search_b": _ids(0, PAGE * PAGES)}
    # Alone in its file, an aborted layer still takes the file with it (as before).
    alone = tmp_path / "alone.gpkg"
    writer = factory(alone, "alone")
    writer.create()
    writer.abort()
    assert not alone.exists()


def _spawn(*args: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD, *(str(a) for a in args)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _said(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    line: str = proc.stdout.readline().strip()
    if not line:  # it died: show why
        proc.kill()
        _, err = proc.communicate(timeout=JOIN_TIMEOUT)
        return f"exit {proc.returncode}: {err[-2000:]}"
    return line


@pytest.mark.parametrize("kinds", [("sqlite", "sqlite"), ("sqlite", "ogr")])
def test_two_processes_create_and_fill_one_file(tmp_path: Path, kinds: tuple[str, str]) -> None:
    """QGIS and qgis_process (or two QGIS) searching at once into the profile's file."""
    specs = [(kinds[0], "search_a", 0), (kinds[1], "search_b", 10_000)]
    procs = [_spawn(kind, layer, start, PAGES, PAGE) for kind, layer, start in specs]
    try:
        assert [_said(proc) for proc in procs] == ["ready", "ready"]
        for round_ in range(ROUNDS):
            path = tmp_path / f"round{round_}" / "footprints.gpkg"
            for proc in procs:  # both are waiting: the line reaches them within microseconds
                assert proc.stdin is not None
                proc.stdin.write(f"go {path}\n")
                proc.stdin.flush()
            assert [_said(proc) for proc in procs] == [
                f"done search_a {PAGE * PAGES}",
                f"done search_b {PAGE * PAGES}",
            ], f"round {round_}"
            assert _layers(path) == {
                "search_a": _ids(0, PAGE * PAGES),
                "search_b": _ids(10_000, PAGE * PAGES),
            }
            # No lock, claim or half-created file is left beside the GeoPackage.
            assert sorted(p.name for p in path.parent.iterdir()) == ["footprints.gpkg"]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(JOIN_TIMEOUT)

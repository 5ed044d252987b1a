"""Child process of test_footprints_crash.py: writes footprint pages until it is killed.

``python -m tests.qgis.footprints_crash_child STORE GPKG MODE``; STORE is ``sqlite`` or
``ogr``. Prints ``committed N`` after each page. MODE ``between`` writes pages without end (the
parent's SIGKILL lands anywhere); ``inside`` blocks in the middle of the fourth page's
transaction, after some of its rows were written, and prints ``inside``.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any, Callable

PAGE = 100
LAYER = "crash"


def _items(start: int, count: int) -> list[dict]:
    """Footprints of 1°×1° squares on a grid (real envelopes for the R-tree)."""
    out = []
    for n in range(start, start + count):
        x, y = float(n % 300) - 150.0, float((n // 300) % 150) - 75.0
        ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
        out.append(
            {
                "type": "Feature",
                "stac_version": "1.0.0",
                "id": f"CAPELLA_C01_SP_GEO_HH_20240101000000_{n:014d}",
                "collection": "capella-test",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {
                    "datetime": "2024-05-12T17:17:10.928Z",
                    "start_datetime": "2024-05-12T17:17:08.841Z",
                    "end_datetime": "2024-05-12T17:17:13.016Z",
                    "sar:product_type": "GEO",
                },
                "assets": {},
                "links": [],
            }
        )
    return out


def _block_inside(module: Any, name: str, pages_before: int) -> dict[str, int]:
    """Make ``module.name`` (called inside a page's transaction) block on a later page.

    Returns the counters: the caller sets ``pages`` to the number of pages committed.
    """
    original: Callable[..., Any] = getattr(module, name)
    calls = {"pages": 0, "inside": 0}

    def hooked(*args: Any, **kwargs: Any) -> Any:
        value = original(*args, **kwargs)
        if calls["pages"] >= pages_before:
            calls["inside"] += 1
            if calls["inside"] == 2:  # some of the page is written, nothing committed
                print("inside", flush=True)
                threading.Event().wait()  # until SIGKILL
        return value

    setattr(module, name, hooked)
    return calls


def main() -> int:
    kind, path, mode = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    if kind == "sqlite":
        from capella_qgis.footprints import store as module

        factory: Any = module.FootprintWriter
        hook = "_insert_rows"  # runs inside the page's transaction (rows, then the R-tree)
    else:
        from capella_qgis.footprints import ogr_store as module  # type: ignore[no-redef]

        factory = module.OgrFootprintStore
        hook = "footprint_wkt"  # runs inside the page's OGR transaction, once per feature
    calls = _block_inside(module, hook, pages_before=3) if mode == "inside" else {}
    writer = factory(path, LAYER, search_query={"crash": mode})
    writer.create()
    print("created", flush=True)
    page = 0
    while True:
        calls["pages"] = page
        writer.add(_items(page * PAGE, PAGE))
        page += 1
        print(f"committed {page}", flush=True)


if __name__ == "__main__":
    sys.exit(main())

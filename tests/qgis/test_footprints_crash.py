"""QGIS dying mid-search leaves a valid footprints GeoPackage: triggers, R-tree and counts agree.

A child process writes pages with a footprint store and is SIGKILLed, either wherever it is
(``between``: mostly between statements of a page or between pages) or while a page's
transaction is half done (``inside``). The file must then open everywhere, hold whole pages
only, and keep every trigger GDAL made, so later edits keep the R-tree right.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from osgeo import ogr, osr
from qgis.core import QgsFeatureRequest, QgsRectangle, QgsVectorLayer

ROOT = Path(__file__).resolve().parents[2]
LAYER = "crash"  # footprints_crash_child.LAYER
PAGE = 100  # footprints_crash_child.PAGE
PAGES_BEFORE_KILL = 3


def _gdal_triggers(tmp_path: Path) -> set[str]:
    """The triggers GDAL itself gives a fresh layer of that name (what must survive)."""
    path = tmp_path / "reference.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    dataset.CreateLayer(LAYER, srs, ogr.wkbMultiPolygon, ["SPATIAL_INDEX=YES"])
    dataset = None
    with sqlite3.connect(str(path)) as db:
        rows = db.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name=?", (LAYER,)
        ).fetchall()
    return {name for (name,) in rows}


def _kill_while_writing(store: str, path: Path, mode: str) -> list[str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.qgis.footprints_crash_child", store, str(path), mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    lines: list[str] = []
    wanted = "inside" if mode == "inside" else f"committed {PAGES_BEFORE_KILL}"
    deadline = time.monotonic() + 120
    try:
        assert child.stdout is not None
        while time.monotonic() < deadline:
            line = child.stdout.readline().strip()
            if not line:
                pytest.fail(f"the writer ended early: {child.wait()} {child.stderr.read()}")
            lines.append(line)
            if line == wanted:
                break
        else:
            pytest.fail(f"the writer never got to '{wanted}': {lines}")
    finally:
        os.kill(child.pid, signal.SIGKILL)  # as QGIS dying: no cleanup, no rollback
        child.wait(30)
        child.stdout.close()  # type: ignore[union-attr]
        child.stderr.close()  # type: ignore[union-attr]
    assert child.returncode == -signal.SIGKILL
    return lines


@pytest.mark.parametrize("mode", ["between", "inside"])
@pytest.mark.parametrize("store", ["sqlite", "ogr"])
def test_a_killed_search_leaves_a_valid_geopackage(tmp_path: Path, store: str, mode: str) -> None:
    path = tmp_path / "footprints.gpkg"
    lines = _kill_while_writing(store, path, mode)
    committed = sum(1 for line in lines if line.startswith("committed"))
    assert committed >= PAGES_BEFORE_KILL

    # The first connection rolls back a page left half written (hot journal) and finds the
    # layer whole: GDAL's triggers, an R-tree entry per feature, whole pages only.
    with sqlite3.connect(str(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        triggers = {
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name=?", (LAYER,)
            )
        }
        count = db.execute(f"SELECT count(*) FROM {LAYER}").fetchone()[0]
        rtree = f"rtree_{LAYER}_geom"
        indexed = db.execute(f"SELECT count(*) FROM {rtree}").fetchone()[0]
        missing = db.execute(
            f"SELECT count(*) FROM {LAYER} WHERE fid NOT IN (SELECT id FROM {rtree})"
        ).fetchone()[0]
        check = db.execute(f"SELECT rtreecheck('{rtree}')").fetchone()[0]
        stored_count = db.execute(
            "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name=?", (LAYER,)
        ).fetchone()[0]
    assert triggers == _gdal_triggers(tmp_path)
    assert count % PAGE == 0
    assert count >= committed * PAGE
    if mode == "inside":
        assert count == committed * PAGE  # the half-written page is gone
    assert indexed == count and missing == 0
    assert check == "ok"
    assert stored_count in (count, None)  # NULL: GDAL's "unknown, count the rows"

    if shutil.which("ogrinfo"):
        run = subprocess.run(
            ["ogrinfo", "-al", "-so", str(path)], capture_output=True, text=True, check=True
        )
        assert f"Feature Count: {count}" in run.stdout
        assert "ERROR" not in run.stderr and "Warning" not in run.stderr, run.stderr

    layer = QgsVectorLayer(f"{path}|layername={LAYER}", LAYER, "ogr")
    assert layer.isValid()
    assert layer.featureCount() == count
    box = QgsRectangle(-150.0, -75.0, -149.5, -74.5)  # the first item's square only
    found = [f["stac_id"] for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(box))]
    assert found == ["CAPELLA_C01_SP_GEO_HH_20240101000000_00000000000000"]
    del layer

    # The triggers work: GDAL's own delete keeps the R-tree in step.
    dataset = ogr.Open(str(path), 1)
    assert dataset.GetLayerByName(LAYER).DeleteFeature(1) == 0
    dataset = None
    with sqlite3.connect(str(path)) as db:
        assert db.execute(f"SELECT count(*) FROM {rtree}").fetchone()[0] == count - 1

"""Search pages written to the GeoPackage as they arrive: order, partial results, R-tree.

Every test runs against each footprint store (the ``store`` fixture).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsFeatureRequest, QgsGeometry, QgsRectangle, QgsVectorLayer

from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.footprints.store import StoreFactory
from capella_qgis.footprints.summary import summarize
from tests.unit.core_support import FakeCatalog, make_client


def _layer(path: Path, name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert layer.isValid()
    return layer


def _ids(layer: QgsVectorLayer) -> list[str]:
    request = QgsFeatureRequest().addOrderBy("fid")
    return [f["stac_id"] for f in layer.getFeatures(request)]


def _shifted(item: dict, dx: float, dy: float) -> dict:
    ring = [[x + dx, y + dy] for x, y in [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]
    return {**item, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def _triggers(path: Path, table: str) -> set[str]:
    with sqlite3.connect(str(path)) as db:
        rows = db.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name=?", (table,)
        ).fetchall()
    return {name for (name,) in rows}


def test_each_page_is_committed_in_order(tmp_path: Path, store: StoreFactory) -> None:
    items = FakeCatalog(30).items
    writer = store(tmp_path / "p.gpkg", "pages")
    writer.create()
    triggers = _triggers(tmp_path / "p.gpkg", "pages")
    assert {"rtree_pages_geom_insert", "rtree_pages_geom_delete"} <= triggers
    writer.add(items[:10])
    # Each committed page leaves the layer whole: GDAL's triggers are all there.
    assert _triggers(tmp_path / "p.gpkg", "pages") == triggers
    # The first page is already a complete layer other connections can read.
    assert _ids(_layer(tmp_path / "p.gpkg", "pages")) == [i["id"] for i in items[:10]]
    writer.add(items[10:30])
    assert _triggers(tmp_path / "p.gpkg", "pages") == triggers
    out = summarize(writer.finish(), ("stac_id",))
    assert _triggers(out.path, "pages") == triggers
    assert out.feature_count == 30
    layer = _layer(out.path, out.layer_name)
    assert _ids(layer) == [i["id"] for i in items]
    assert [f.id() for f in layer.getFeatures(QgsFeatureRequest().addOrderBy("fid"))] == list(
        range(1, 31)
    )
    assert out.summary.fids == list(range(1, 31))
    assert [row[0] for row in out.summary.rows] == [i["id"] for i in items]


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_failing_page_keeps_earlier_pages_in_the_geopackage(
    tmp_path: Path, mode: str, store: StoreFactory
) -> None:
    fake = FakeCatalog(4000, fail_page=3)
    client, _ = make_client(fake)
    writer = store(tmp_path / "partial.gpkg", "partial")
    result = client.catalog.search(CatalogQuery(limit=4000), mode=mode, on_page=writer.add)
    out = writer.finish()
    assert result.partial
    ids = _ids(_layer(out.path, out.layer_name))
    assert ids == result.stac_ids
    assert ids[:1800] == [i["id"] for i in fake.items[:1800]]


def test_abort_removes_the_half_written_layer(tmp_path: Path, store: StoreFactory) -> None:
    path = tmp_path / "a.gpkg"
    store(path, "keep").finish()
    writer = store(path, "gone")
    writer.add(FakeCatalog(5).items)
    writer.abort()
    dataset = ogr.Open(str(path))
    names = [dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())]
    assert names == ["keep"]


def test_rtree_index_answers_spatial_filters(tmp_path: Path, store: StoreFactory) -> None:
    base = FakeCatalog(200).items
    items = [_shifted(item, (n % 20) * 2.0, (n // 20) * 2.0) for n, item in enumerate(base)]
    writer = store(tmp_path / "r.gpkg", "rtree_test")
    writer.add(items[:120])
    writer.add(items[120:])
    out = writer.finish()
    with sqlite3.connect(str(out.path)) as db:
        assert db.execute('SELECT count(*) FROM "rtree_rtree_test_geom"').fetchone()[0] == 200
        assert db.execute("SELECT rtreecheck('rtree_rtree_test_geom')").fetchone()[0] == "ok"
        extension = db.execute(
            "SELECT count(*) FROM gpkg_extensions WHERE table_name='rtree_test' "
            "AND extension_name='gpkg_rtree_index'"
        ).fetchone()[0]
        assert extension == 1
        triggers = db.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND tbl_name='rtree_test'"
        ).fetchone()[0]
        assert triggers >= 6  # GDAL's R-tree and feature-count triggers are back
        count = db.execute(
            "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name='rtree_test'"
        ).fetchone()[0]
        assert count in (200, None)  # NULL: GDAL's "unknown, count the rows" (the OGR store)
    dataset = ogr.Open(str(out.path))
    assert dataset.GetLayerByName("rtree_test").GetFeatureCount() == 200
    result = dataset.ExecuteSQL("SELECT HasSpatialIndex('rtree_test', 'geom')")
    assert result.GetNextFeature().GetField(0) == 1
    dataset.ReleaseResultSet(result)
    assert dataset.GetLayerByName("rtree_test").GetExtent() == (0.0, 39.0, 0.0, 19.0)
    dataset = None

    layer = _layer(out.path, out.layer_name)
    for rect in (QgsRectangle(0.5, 0.5, 2.5, 2.5), QgsRectangle(10.2, 4.2, 17.9, 9.8)):
        request = QgsFeatureRequest().setFilterRect(rect)
        found = sorted(f["stac_id"] for f in layer.getFeatures(request))
        box = QgsGeometry.fromRect(rect)
        expected = sorted(f["stac_id"] for f in layer.getFeatures() if f.geometry().intersects(box))
        assert found == expected
        assert found


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="ogrinfo not installed")
def test_ogrinfo_reads_the_layer_without_complaint(tmp_path: Path, store: StoreFactory) -> None:
    writer = store(tmp_path / "o.gpkg", "ogr_check")
    writer.add(FakeCatalog(50).items)
    out = writer.finish()
    run = subprocess.run(
        ["ogrinfo", "-al", "-so", str(out.path)], capture_output=True, text=True, check=True
    )
    assert "Feature Count: 50" in run.stdout
    assert "ERROR" not in run.stderr and "Warning" not in run.stderr, run.stderr

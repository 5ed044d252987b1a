"""Map-tip thumbnails: lazy, off-thread, disk-cached fill of ``thumb_path`` for features in view."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QThread

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.footprints import layer as fp
from capella_qgis.gui.search import thumbnail_filler as tf
from capella_qgis.gui.search.controller import SearchController
from capella_qgis.tasks import task_thumbnail_scan as scan_module
from capella_qgis.tasks.task_thumbnails import ThumbnailTask

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
BBOX = [-20.0, 20.0, 40.0, 60.0]


@pytest.fixture
def env(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("CAPELLA_API_URL", emulator.url)
    monkeypatch.setenv("CAPELLA_API_KEY", "demo")
    return emulator


@pytest.fixture
def canvas(qgis_iface: Any) -> Any:
    canvas = qgis_iface.mapCanvas()
    canvas.resize(600, 400)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    return canvas


@pytest.fixture
def layer(env: Any, tmp_path: Path, canvas: Any) -> Iterator[QgsVectorLayer]:
    client = ConsoleClient(Credential.api_key("demo"), base_url=env.url)
    try:
        result = client.catalog.search(CatalogQuery(limit=150, bbox=BBOX))
    finally:
        client.close()
    assert len(result) > 20
    out = fp.write_footprints(result, tmp_path / "fp.gpkg", "fp", search_query={})
    layer = fp.load_footprint_layer(out)  # added to the project -> on the test canvas
    assert layer in canvas.layers()
    env.clear_requests()
    yield layer
    QgsProject.instance().removeAllMapLayers()


@pytest.fixture
def make_filler(canvas: Any, tmp_path: Path) -> Iterator[Any]:
    fillers: list[tf.ThumbnailFiller] = []

    def make(layer: QgsVectorLayer, **kwargs: Any) -> tf.ThumbnailFiller:
        kwargs.setdefault("cache_dir", tmp_path / "cache")
        kwargs.setdefault("delay_ms", 50)
        filler = tf.ThumbnailFiller(canvas, layer, **kwargs)
        fillers.append(filler)
        return filler

    yield make
    for filler in fillers:
        filler.close()


def zoom_to_some(canvas: Any, layer: QgsVectorLayer, count: int = 6) -> set[int]:
    """Zoom onto a few features (not all); return the fids intersecting the canvas extent."""
    features = sorted(layer.getFeatures(), key=lambda f: f.geometry().boundingBox().area())
    rect = QgsRectangle(features[len(features) // 2].geometry().boundingBox())
    rect.grow(0.05)
    canvas.setExtent(rect)
    visible = in_extent(layer, canvas.extent())
    for step in range(30):
        if len(visible) >= count:
            break
        rect.scale(1.3)
        canvas.setExtent(rect)
        visible = in_extent(layer, canvas.extent())
        assert step < 29
    assert 0 < len(visible) < layer.featureCount()
    return visible


def in_extent(layer: QgsVectorLayer, rect: QgsRectangle) -> set[int]:
    request = QgsFeatureRequest().setFilterRect(rect)
    request.setFlags(tf._request_flag("ExactIntersect"))
    return {f.id() for f in layer.getFeatures(request)}


def thumbs(layer: QgsVectorLayer) -> dict[int, Any]:
    return {f.id(): f["thumb_path"] for f in layer.getFeatures()}


def filled(layer: QgsVectorLayer) -> set[int]:
    return {fid for fid, path in thumbs(layer).items() if path}


def clear_thumbs(layer: QgsVectorLayer) -> None:
    index = layer.fields().indexOf("thumb_path")
    changes = {f.id(): {index: None} for f in layer.getFeatures()}
    assert layer.dataProvider().changeAttributeValues(changes)


def wait_idle(qtbot: Any, filler: tf.ThumbnailFiller, timeout: int = 30000) -> None:
    qtbot.waitUntil(lambda: not filler.is_busy(), timeout=timeout)


def map_tip(layer: QgsVectorLayer, fid: int) -> str:
    feature = layer.getFeature(fid)
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    return QgsExpression.replaceExpressionText(layer.mapTipTemplate(), context)


# ------------------------------------------------------------------------------------------


def test_fills_only_features_in_view(layer, canvas, make_filler, env, qtbot, tmp_path) -> None:
    visible = zoom_to_some(canvas, layer)
    filler = make_filler(layer)
    qtbot.waitUntil(lambda: filled(layer) == visible, timeout=30000)
    wait_idle(qtbot, filler)
    assert filled(layer) == visible  # nothing outside the extent

    cache = tmp_path / "cache"
    by_fid = thumbs(layer)
    for fid in visible:
        png = Path(by_fid[fid])
        assert png.parent == cache and png.exists()
        assert png.read_bytes()[:8] == PNG_MAGIC
        assert not png.with_suffix(".pgw").exists()  # map tips need no world file
        html = map_tip(layer, fid)
        assert png.as_posix() in html and "<img" in html
    # The emulator's thumbnail hrefs are presigned; only local paths are stored.
    assert all("?" not in str(path) for path in by_fid.values() if path)
    for feature in layer.getFeatures():
        assert "?" not in (feature["thumbnail_url"] or "")
    other = next(fid for fid in by_fid if fid not in visible)
    assert "not cached yet" in map_tip(layer, other)

    assets = env.requests("asset")
    assert len(assets) == len(visible)
    assert all(not r.authorization for r in assets)  # presigned: no API key to the asset host
    assert all(r.status == 200 for r in assets)
    # The stored links are unsigned: the fetch task asked the catalog for fresh ones.
    searches = [r.json for r in env.requests("api") if r.path == "/catalog/search"]
    ids = {feature["stac_id"] for feature in layer.getFeatures() if feature.id() in visible}
    assert {stac_id for body in searches for stac_id in body["ids"]} == ids


def test_warm_cache_needs_no_network(layer, canvas, make_filler, env, qtbot) -> None:
    visible = zoom_to_some(canvas, layer)
    first = make_filler(layer)
    qtbot.waitUntil(lambda: filled(layer) == visible, timeout=30000)
    wait_idle(qtbot, first)
    first.close()
    assert env.requests("asset")

    clear_thumbs(layer)
    env.clear_requests()
    second = make_filler(layer)
    qtbot.waitUntil(lambda: filled(layer) == visible, timeout=30000)
    wait_idle(qtbot, second)
    assert env.requests("asset") == []


def test_batch_is_capped_and_nearest_first(layer, canvas, make_filler, qtbot) -> None:
    visible = zoom_to_some(canvas, layer, count=8)
    filler = make_filler(layer, batch_size=3)
    centre = canvas.extent().center()
    distance = {}
    for fid in visible:
        feature = layer.getFeature(fid)
        distance[feature["stac_id"]] = feature.geometry().boundingBox().center().sqrDist(centre)
    qtbot.waitUntil(lambda: filler.task is not None, timeout=5000)
    first_batch = [job.stac_id for job in filler.task.jobs]
    assert sorted(first_batch) == sorted(sorted(distance, key=distance.get)[:3])
    # Later batches follow until everything in view has its thumbnail.
    qtbot.waitUntil(lambda: filled(layer) == visible, timeout=30000)
    wait_idle(qtbot, filler)


def test_scan_of_the_view_runs_in_a_worker_thread(
    layer, canvas, make_filler, qtbot, monkeypatch
) -> None:
    calls: list[dict[str, bool]] = []
    original = scan_module.scan_visible

    def spy(*args: Any, **kwargs: Any) -> scan_module.ScanResult:
        calls.append(
            {
                "python_main": threading.current_thread() is threading.main_thread(),
                "qt_main": QThread.currentThread() == QCoreApplication.instance().thread(),
            }
        )
        return original(*args, **kwargs)

    monkeypatch.setattr(scan_module, "scan_visible", spy)
    plugin_reads: list[str] = []  # layer.getFeatures() calls made by plugin code
    layer_get_features = QgsVectorLayer.getFeatures

    def get_features(self: QgsVectorLayer, *args: Any) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith("capella_qgis"):
            plugin_reads.append(caller)
        return layer_get_features(self, *args)

    visible = zoom_to_some(canvas, layer)
    filler = make_filler(layer)
    monkeypatch.setattr(QgsVectorLayer, "getFeatures", get_features)
    qtbot.waitUntil(lambda: filled(layer) == visible, timeout=30000)
    wait_idle(qtbot, filler)
    assert calls  # at least the first batch and the pass that found nothing left
    assert all(not c["python_main"] and not c["qt_main"] for c in calls), calls
    assert plugin_reads == []  # the filler reads a feature source snapshot, never the layer
    assert filled(layer) == visible


def test_hidden_layer_is_left_alone(layer, canvas, make_filler, env, qtbot) -> None:
    zoom_to_some(canvas, layer)
    canvas.setLayers([])
    filler = make_filler(layer)
    qtbot.wait(300)
    assert filler.task is None and not filled(layer)
    assert env.requests("asset") == []
    canvas.setLayers([layer])  # shown again: filled
    qtbot.waitUntil(lambda: bool(filled(layer)), timeout=30000)
    wait_idle(qtbot, filler)


def test_moving_far_cancels_and_refetches(
    layer, canvas, make_filler, env, qtbot, monkeypatch
) -> None:
    cancelled: list[bool] = []
    original_cancel = ThumbnailTask.cancel

    def cancel(self: ThumbnailTask) -> None:
        cancelled.append(True)
        original_cancel(self)

    monkeypatch.setattr(ThumbnailTask, "cancel", cancel)
    env.faults.add("delay", "/assets/*", seconds=0.4)
    canvas.setExtent(QgsRectangle(3.0, 51.0, 6.0, 53.5))  # the Netherlands cluster
    filler = make_filler(layer)
    qtbot.waitUntil(lambda: filler.task is not None, timeout=5000)
    first = filler.task
    canvas.setExtent(QgsRectangle(11.5, 41.0, 13.5, 43.0))  # far away: Rome
    target = in_extent(layer, canvas.extent())
    inflight = {fid for fids in filler._inflight.values() for fid in fids}
    assert target and inflight and not target & inflight
    qtbot.waitUntil(lambda: cancelled != [], timeout=5000)
    env.faults.clear()
    qtbot.waitUntil(lambda: filled(layer) >= target, timeout=30000)
    wait_idle(qtbot, filler)
    assert filler.task is not first
    # The cancelled batch was not written: only what is in view now has a path (the
    # thumbnails downloaded before the cancel stay in the cache for later).
    assert filled(layer) == target


def test_controller_attaches_fillers_per_footprint_layer(
    qgis_iface, env, layer, monkeypatch, tmp_path
) -> None:
    ctl = SearchController(qgis_iface, mode="sequential")
    ctl.install()
    try:
        assert set(ctl.fillers) == {layer.id()}  # an existing layer (project reload)
        filler = ctl.fillers[layer.id()]
        other = fp.load_footprint_layer(
            fp.write_footprints([], tmp_path / "empty.gpkg", "empty", search_query={}),
        )
        assert set(ctl.fillers) == {layer.id(), other.id()}
        plain = QgsVectorLayer("Point?crs=EPSG:4326", "plain", "memory")
        QgsProject.instance().addMapLayer(plain)
        assert plain.id() not in ctl.fillers
        QgsProject.instance().removeMapLayer(layer.id())
        assert set(ctl.fillers) == {other.id()}
        assert filler.closed
    finally:
        ctl.unload()
    assert ctl.fillers == {}


def test_paths_are_written_off_the_ui_thread_while_another_writer_holds_the_file(
    layer, canvas, make_filler, qtbot, monkeypatch
) -> None:
    # The provider write on the UI thread froze QGIS up to 0.8 s behind a search writing the
    # same GeoPackage (or failed: "database is locked").
    import threading

    from capella_qgis.footprints import rows
    from capella_qgis.footprints.gpkg import writing
    from capella_qgis.tasks import task_thumbnail_scan

    threads: list[str] = []
    real = rows.store_thumb_paths

    def spy(*args: Any) -> int:
        threads.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(task_thumbnail_scan, "store_thumb_paths", spy)
    path = Path(QgsProviderRegistry.instance().decodeUri("ogr", layer.source())["path"])
    held, release = threading.Event(), threading.Event()

    def other_writer() -> None:  # a search writing a page of the same file
        with writing(path):
            held.set()
            release.wait(30)

    blocker = threading.Thread(target=other_writer)
    blocker.start()
    held.wait(10)
    visible = zoom_to_some(canvas, layer)
    filler = make_filler(layer)
    try:
        qtbot.waitUntil(lambda: filler.store_task is not None, timeout=30000)
        qtbot.wait(300)  # the UI thread runs on while the write waits for the other writer
        assert not filled(layer)
    finally:
        release.set()
        blocker.join(10)
    qtbot.waitUntil(lambda: filled(layer) == visible, timeout=30000)
    assert threads and threading.main_thread().name not in threads

"""No presigned signature at rest in a footprint GeoPackage; thumbnails are presigned afresh.

The Console presigns the thumbnail hrefs of every catalog search item (and every asset of an
order's items). The footprint layer keeps each item's STAC JSON, so a signature written there
would sit in the user's GeoPackage for good: the raw bytes of the file (and of any journal
left beside it) are searched for one. A thumbnail shown later from such a stored (unsigned)
row gets a fresh link from the Console, in the thumbnail task's worker thread.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication

from capella_qgis.core.api.catalog import CatalogApi
from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.redact import strip_json_signatures
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.footprints import layer as fp
from capella_qgis.footprints import rows as rows_module
from capella_qgis.footprints.rows import unsign_stored_rows
from capella_qgis.footprints.schema import FIELD_NAMES, item_to_attributes
from capella_qgis.footprints.store import StoreFactory
from capella_qgis.gui.search.controller import SearchController
from capella_qgis.gui.search.thumbnail_filler import ThumbnailFiller
from capella_qgis.tasks import task_thumbnails
from capella_qgis.tasks.task_search import SearchOutcome, SearchTask
from capella_qgis.tasks.task_thumbnails import ThumbnailJob, ThumbnailTask
from tests.console_emulator import Emulator

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# What a presigned URL carries (S3 SigV2 and SigV4, session tokens), as bytes on disk.
SIGNED = re.compile(
    rb"Signature=|X-Amz-|x-amz-security-token|AWSAccessKeyId|X-Amz-Credential",
    re.IGNORECASE,
)


@pytest.fixture
def client(emulator: Emulator) -> Iterator[ConsoleClient]:
    client = ConsoleClient(Credential.api_key("demo"), base_url=emulator.url)
    yield client
    client.close()


def signatures_at_rest(folder: Path, name: str) -> dict[str, int]:
    """Signature markers per file of the GeoPackage ``name`` (and its -wal/-journal/-shm)."""
    found = {}
    for path in sorted(folder.glob(f"{name}*")):
        count = len(SIGNED.findall(path.read_bytes()))
        if count:
            found[path.name] = count
    return found


def stored_items(path: Path, layer_name: str) -> list[dict[str, Any]]:
    layer = fp.open_footprint_layer(path, layer_name)
    return fp.items_from_layer(layer)


def run_search_task(
    client: ConsoleClient, path: Path, store: StoreFactory, **query: Any
) -> SearchOutcome:
    """The dock's search: pages written by the footprint store as they arrive."""
    outcomes: list[SearchOutcome] = []
    task = SearchTask(
        CatalogQuery(**query),
        path,
        "fp",
        client=client,
        mode="parallel",
        page_size=50,
        keep_result=True,
        store=store,
        on_success=outcomes.append,
        on_error=pytest.fail,
    )
    task.finished(task.run())
    return outcomes[0]


def test_search_task_stores_no_signature(
    emulator: Emulator, client: ConsoleClient, tmp_path: Path, store: StoreFactory
) -> None:
    outcome = run_search_task(
        client, tmp_path / "fp.gpkg", store, limit=300, bbox=[-20, 20, 40, 60]
    )
    assert outcome.output is not None and outcome.result is not None
    assert outcome.count > 100
    # The search did hand over presigned thumbnails (else this test would prove nothing).
    wire = [entry.to_json() for entry in outcome.result.entries]
    assert sum(len(SIGNED.findall(text.encode())) for text in wire) >= outcome.count

    assert signatures_at_rest(tmp_path, "fp.gpkg") == {}
    items = stored_items(tmp_path / "fp.gpkg", "fp")
    assert len(items) == outcome.count
    for item, text in zip(items, wire):
        original = json.loads(text)
        # Only the query strings went: every asset (and its path) is still there.
        assert set(item["assets"]) == set(original["assets"])
        for key, asset in item["assets"].items():
            assert asset["href"] == original["assets"][key]["href"].split("?", 1)[0]
        assert item["properties"] == original["properties"]


def test_order_items_with_every_asset_presigned_leave_no_signature(
    emulator: Emulator, client: ConsoleClient, tmp_path: Path
) -> None:
    """Items as models (the record path): an order's items have every asset presigned."""
    ids = [entry.id for entry in list(emulator.state.by_id.values())[:6]]
    order = client.orders.submit_order(stac_ids=ids, review=False)
    presigned = client.orders.get_presigned_items(order.order_id)
    assert presigned and all("Signature=" in a.href for i in presigned for a in i.assets.values())

    fp.write_footprints(presigned, tmp_path / "orders.gpkg", "order", search_query={})
    assert signatures_at_rest(tmp_path, "orders.gpkg") == {}
    for item in stored_items(tmp_path / "orders.gpkg", "order"):
        assert item["assets"] and all("?" not in a["href"] for a in item["assets"].values())

    # The Processing search's sink gets its attributes from the same conversion.
    at = FIELD_NAMES.index("item_json")
    for item in presigned:
        assert not SIGNED.search(item_to_attributes(item)[at].encode())


# --- thumbnails from stored rows -----------------------------------------------------------


def stored_thumbnail_jobs(client: ConsoleClient, tmp_path: Path, count: int) -> list[ThumbnailJob]:
    """Thumbnail jobs as the plugin makes them from a stored (unsigned) footprint row."""
    result = client.catalog.search(CatalogQuery(limit=count, bbox=[-20, 20, 40, 60]))
    out = fp.write_footprints(result, tmp_path / "fp.gpkg", "fp", search_query={})
    jobs = []
    for item in stored_items(out.path, out.layer_name):
        href = item["assets"]["thumbnail"]["href"]
        assert "?" not in href
        jobs.append(ThumbnailJob(item["id"], href, tuple(item["bbox"][:4])))
    return jobs


def run_in_task_manager(qtbot: Any, task: ThumbnailTask) -> dict[str, str]:
    results: list[dict[str, str]] = []
    task.on_success = results.append
    QgsApplication.taskManager().addTask(task)
    qtbot.waitUntil(lambda: bool(results), timeout=30000)
    return results[0]


def test_thumbnail_of_a_stored_row_is_presigned_again_in_the_worker(
    emulator: Emulator,
    client: ConsoleClient,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    jobs = stored_thumbnail_jobs(client, tmp_path, 5)
    threads: list[bool] = []
    original = CatalogApi.search

    def search(self: CatalogApi, *args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread() is threading.main_thread())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CatalogApi, "search", search)
    emulator.clear_requests()
    task = ThumbnailTask(jobs, cache_dir=tmp_path / "cache", client=client)
    paths = run_in_task_manager(qtbot, task)

    assert task.failures == {}
    assert set(paths) == {job.stac_id for job in jobs}
    for path in paths.values():
        assert Path(path).read_bytes()[:8] == PNG_MAGIC
    # One catalog search by id for the whole batch, made in the task's worker thread.
    assert threads == [False]
    searches = [r for r in emulator.requests("api") if r.path == "/catalog/search"]
    assert len(searches) == 1
    assert sorted(searches[0].json["ids"]) == sorted(job.stac_id for job in jobs)
    assets = emulator.requests("asset")
    assert len(assets) == len(jobs)
    assert all(r.status == 200 and "Signature" in r.query for r in assets)


def test_an_expired_stored_link_is_presigned_again(
    emulator: Emulator, client: ConsoleClient, tmp_path: Path, qtbot: Any
) -> None:
    """A GeoPackage written before signatures were stripped holds links that expire."""
    stac_id = next(iter(emulator.state.by_id))
    expired = emulator.presign(stac_id, "thumbnail", ttl=-60)
    assert "Signature=" in expired
    task = ThumbnailTask(
        [ThumbnailJob(stac_id, expired, (0.0, 0.0, 1.0, 1.0))],
        cache_dir=tmp_path / "cache",
        client=client,
    )
    paths = run_in_task_manager(qtbot, task)
    assert task.failures == {}
    assert Path(paths[stac_id]).read_bytes()[:8] == PNG_MAGIC
    statuses = [r.status for r in emulator.requests("asset")]
    assert statuses == [403, 200]


def test_a_product_the_catalog_no_longer_returns_is_a_failure_not_an_error(
    emulator: Emulator, client: ConsoleClient, tmp_path: Path, qtbot: Any
) -> None:
    jobs = stored_thumbnail_jobs(client, tmp_path, 2)
    gone = ThumbnailJob(
        "CAPELLA_C99_SP_GEO_HH_20200101000000_20200101000001", jobs[0].href, (0, 0, 1, 1)
    )
    task = ThumbnailTask([*jobs, gone], cache_dir=tmp_path / "cache", client=client)
    paths = run_in_task_manager(qtbot, task)
    assert set(paths) == {job.stac_id for job in jobs}
    assert set(task.failures) == {gone.stac_id}


# --- the dock, end to end --------------------------------------------------------------------

POLYGON = "POLYGON((-10 -10, 40 -10, 40 50, -10 50, -10 -10))"


@pytest.fixture
def project() -> Iterator[QgsProject]:
    """The project, without the file name the test saves it under afterwards (footprints
    are stored beside a saved project: later tests must not inherit it)."""
    project = QgsProject.instance()
    yield project
    project.setFileName("")


def test_nothing_the_dock_stores_holds_a_signature_and_quicklooks_still_load(
    search_controller: SearchController,
    emulator: Emulator,
    project: QgsProject,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Search, save the search, save the project, export; then quick-looks of stored rows."""
    monkeypatch.setattr(task_thumbnails, "thumbnail_cache_dir", lambda: tmp_path / "thumbs")
    ctl = search_controller
    ctl.dock.set_aoi_source("text")
    ctl.dock.aoiText.setPlainText(POLYGON)
    ctl.dock.filters.limit.setValue(40)
    ctl.dock.request_search()
    assert ctl.task is not None, ctl.dock.statusLabel.text()
    qtbot.waitUntil(lambda: ctl.task is None, timeout=30000)
    layer = ctl.layer
    assert layer is not None and layer.featureCount() > 5
    ctl.dock.save_current("signed?")
    assert project.write(str(tmp_path / "project.qgs"))
    ctl.export(str(tmp_path / "export.geojson"))
    for filler in ctl.fillers.values():  # map tips of the features in view
        qtbot.waitUntil(lambda f=filler: not f.is_busy(), timeout=30000)

    layer.selectByIds(sorted(f.id() for f in layer.getFeatures())[:3])
    emulator.clear_requests()
    task = ctl.add_quicklooks()
    assert task is not None
    qtbot.waitUntil(lambda: ctl.thumb_task is None, timeout=30000)
    assert not task.failures
    group = project.layerTreeRoot().findGroup("Capella quick-looks")
    assert group is not None and len(group.findLayers()) == 3
    main_thread = QCoreApplication.instance().thread()
    by_id = {f["stac_id"]: f.geometry().boundingBox() for f in layer.selectedFeatures()}
    for node in group.findLayers():  # opened in the worker, owned by the UI thread
        quicklook = node.layer()
        assert quicklook.isValid() and quicklook.thread() == main_thread
        assert quicklook.crs().authid() == "EPSG:4326"
        footprint = by_id[quicklook.name()]
        assert abs(quicklook.extent().xMinimum() - footprint.xMinimum()) < 1e-6
        assert abs(quicklook.extent().yMaximum() - footprint.yMaximum()) < 1e-6
    assert [r.status for r in emulator.requests("asset")] == [200, 200, 200]
    assert project.write()  # with the quick-look layers (local files)

    # Every file the plugin wrote in this session: GeoPackage, saved searches, project, export.
    assert signatures_at_rest(tmp_path, "footprints.gpkg") == {}
    for name in ("saved.json", "project.qgs", "export.geojson"):
        assert (tmp_path / name).exists(), name
        assert signatures_at_rest(tmp_path, name) == {}


# --- GeoPackages written before ----------------------------------------------------------------


def test_signed_rows_of_an_older_version_are_unsigned_when_the_layer_is_added(
    emulator: Emulator,
    client: ConsoleClient,
    qgis_iface: Any,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = client.catalog.search(CatalogQuery(limit=200, bbox=[-20, 20, 40, 60]))
    with monkeypatch.context() as old_version:  # what the plugin wrote before: links as sent
        old_version.setattr(rows_module, "strip_json_signatures", lambda text: text)
        old_version.setattr(rows_module, "strip_signature", lambda url: url)
        out = fp.write_footprints(result, tmp_path / "old.gpkg", "old", search_query={})
    assert signatures_at_rest(tmp_path, "old.gpkg")["old.gpkg"] >= 3 * len(result)
    before = stored_items(out.path, out.layer_name)

    layer = fp.load_footprint_layer(out)  # as on a project load: the filler attaches
    filler = ThumbnailFiller(qgis_iface.mapCanvas(), layer, cache_dir=tmp_path / "cache")
    try:
        qtbot.waitUntil(lambda: filler.unsign_task is None, timeout=30000)
    finally:
        filler.close()
        QgsProject.instance().removeAllMapLayers()
    assert signatures_at_rest(tmp_path, "old.gpkg") == {}
    after = stored_items(out.path, out.layer_name)
    assert [a["id"] for a in after] == [b["id"] for b in before]
    for old, new in zip(before, after):
        assert new == json.loads(strip_json_signatures(json.dumps(old)))
    assert unsign_stored_rows(out.path, out.layer_name) == 0  # nothing left to do

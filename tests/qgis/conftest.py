"""Fixtures for QGIS tests: unlocked auth DB and isolated settings.

The ``emulator`` fixture comes from ``tests.console_emulator.pytest_fixtures`` (tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from qgis.core import (
    QgsApplication,
    QgsNetworkAccessManager,
    QgsProject,
    QgsSettings,
)
from qgis.gui import QgsMapCanvas

from capella_qgis.core.download import QueueStore
from capella_qgis.core.search.query import SearchResult
from capella_qgis.footprints import layer as fp
from capella_qgis.footprints.store import StoreFactory
from capella_qgis.gui.orders.controller import OrdersController
from capella_qgis.gui.search.controller import SearchController
from capella_qgis.gui.search.saved_searches import SavedSearchStore
from capella_qgis.gui.tasking.requests_controller import RequestsController
from capella_qgis.plugin import LINKS
from capella_qgis.processing.provider import CapellaProvider
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_download import DownloadOptions
from tests.console_emulator import Emulator
from tests.qgis.downloads_support import CHUNK, client_for, settings_for
from tests.qgis.footprints_support import LAYER, STORES, run_search
from tests.qgis.lifecycle_support import reset_bar
from tests.qgis.maptool_support import EXTENT, MERCATOR

# The auth DB lives in pytest-qgis' settings sandbox (<rootdir>/.qgis-settings): QGIS opens it in
# initQgis(), which pytest-qgis runs before any conftest is imported, so QGIS_AUTH_DB_DIR_PATH
# set here would come too late. Unlocking it with a fixed master password is what matters.
TEST_MASTER_PASSWORD = "capella-qgis-tests"
CAPELLA_ENV = ("CAPELLA_API_URL", "CAPELLA_API_KEY")
SANDBOXED_GROUPS = ("capella_qgis", "proxy")


@pytest.fixture(scope="session", autouse=True)
def unlocked_auth_db(qgis_app: QgsApplication) -> Any:
    """Set the master password once so storing/loading secrets never prompts."""
    manager = QgsApplication.authManager()
    if manager.isDisabled():
        pytest.skip("QGIS authentication system is disabled (QCA missing?)")
    if not manager.masterPasswordIsSet() and not manager.setMasterPassword(
        TEST_MASTER_PASSWORD, True
    ):
        pytest.exit(
            f"The test auth DB {manager.authenticationDatabasePath()} has another master "
            "password; delete the .qgis-settings folder and run again.",
            returncode=3,
        )
    return manager


def _snapshot(settings: QgsSettings) -> dict[str, Any]:
    return {
        key: settings.value(key)
        for key in settings.allKeys()
        if key.split("/", 1)[0] in SANDBOXED_GROUPS
    }


@pytest.fixture(autouse=True)
def isolated_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[QgsSettings]:
    """Start each test without Capella env vars or settings; restore proxy/plugin keys after."""
    for name in CAPELLA_ENV:
        monkeypatch.delenv(name, raising=False)
    settings = QgsSettings()
    before = _snapshot(settings)
    settings.remove("capella_qgis")
    yield settings
    proxy_changed = _proxy_keys(_snapshot(settings)) != _proxy_keys(before)
    for group in SANDBOXED_GROUPS:
        settings.remove(group)
    for key, value in before.items():
        settings.setValue(key, value)
    settings.sync()
    if proxy_changed:
        # The proxy factory caches the settings; a leaked test proxy would break later tests.
        QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()


def _proxy_keys(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key.startswith("proxy/")}


@pytest.fixture(params=sorted(STORES))
def store(request: pytest.FixtureRequest) -> StoreFactory:
    return STORES[request.param]


@pytest.fixture(scope="module")
def search_result() -> Iterator[SearchResult]:
    yield run_search()


@pytest.fixture
def written(search_result: SearchResult, tmp_path: Path, store: StoreFactory) -> fp.FootprintOutput:
    return fp.write_footprints(
        search_result,
        tmp_path / "fp.gpkg",
        LAYER,
        search_query=search_result.query.to_body(),
        store=store,
    )


@pytest.fixture
def project() -> Iterator[QgsProject]:
    project = QgsProject.instance()
    yield project
    project.clear()


@pytest.fixture
def canvas(qgis_iface: Any, qtbot: Any) -> Iterator[QgsMapCanvas]:
    """The iface canvas, shown (offscreen) so its map settings have the real pixel size."""
    canvas = qgis_iface.mapCanvas()
    window = canvas.window()
    was_visible = window.isVisible()
    canvas.resize(600, 400)
    window.show()
    qtbot.waitExposed(canvas)
    canvas.setDestinationCrs(MERCATOR)
    canvas.setExtent(EXTENT)
    canvas.refresh()
    # What QGIS gives a new project (without a valid CRS, project.ellipsoid() is "NONE").
    project = QgsProject.instance()
    crs, ellipsoid = project.crs(), project.ellipsoid()
    project.setCrs(MERCATOR)
    project.setEllipsoid("EPSG:7030")
    assert canvas.mapSettings().outputSize().width() >= 500
    yield canvas
    project.setCrs(crs)
    project.setEllipsoid(ellipsoid)
    if not was_visible:
        window.hide()


@pytest.fixture(scope="session")
def capella_provider(qgis_processing: Any) -> Iterator[CapellaProvider]:
    """The provider, registered once; the reference is kept for the whole session."""
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("capella")
    if existing is not None:
        yield existing
        return
    provider = CapellaProvider()
    assert registry.addProvider(provider)
    yield provider
    registry.removeProvider(provider)


@pytest.fixture
def capella_env(
    emulator: Emulator, capella_provider: CapellaProvider, monkeypatch: pytest.MonkeyPatch
) -> Emulator:
    """Credentials from CAPELLA_API_KEY/CAPELLA_API_URL pointing at the emulator."""
    monkeypatch.setenv("CAPELLA_API_URL", emulator.url)
    monkeypatch.setenv("CAPELLA_API_KEY", "demo")
    return emulator


@pytest.fixture
def search_controller(
    qgis_iface: Any, emulator: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[SearchController]:
    """An installed SearchController using the emulator; footprints and saved searches in tmp."""
    monkeypatch.setenv("CAPELLA_API_URL", emulator.url)
    monkeypatch.setenv("CAPELLA_API_KEY", "demo")
    monkeypatch.setattr(
        "capella_qgis.gui.search.controller.footprint_storage_path",
        lambda *a: tmp_path / "footprints.gpkg",
    )
    ctl = SearchController(qgis_iface, mode="sequential")
    ctl.install()
    ctl.dock.store = SavedSearchStore(tmp_path / "saved.json")
    emulator.clear_requests()
    yield ctl
    ctl.unload()
    QgsProject.instance().removeAllMapLayers()


@pytest.fixture
def linked(qgis_iface: Any, emulator: Any, tmp_path: Path, monkeypatch: Any) -> Any:
    """Both controllers, installed and linked as in the plugin; downloads go to tmp_path/dl."""
    queue_file = tmp_path / "queue.json"
    monkeypatch.setattr("capella_qgis.gui.orders.controller.queue_path", lambda: queue_file)
    settings = settings_for(emulator)
    settings.download_folder = str(tmp_path / "dl")
    clients = ClientFactory(settings, build=lambda: client_for(emulator))
    orders = OrdersController(
        qgis_iface,
        clients=clients,
        downloads=DownloadOptions(
            queue=QueueStore(queue_file), engine_options={"chunk_size": CHUNK}
        ),
    )
    requests = RequestsController(qgis_iface, clients=clients)
    controllers = {"orders": orders, "requests": requests}
    orders.install()
    requests.install()
    requests.dock.pollCheck.setChecked(False)  # polls are started by the tests
    for source, signal, target, slot in LINKS:
        if source in controllers and target in controllers:
            getattr(controllers[source], signal).connect(getattr(controllers[target], slot))
    bar = qgis_iface.messageBar()
    reset_bar(bar)
    bar.clear_messages()
    yield SimpleNamespace(orders=orders, requests=requests, settings=settings, bar=bar)
    requests.unload()
    orders.unload()
    requests.layer.remove_layers()
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()
    reset_bar(bar)

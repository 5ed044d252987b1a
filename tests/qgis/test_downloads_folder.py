"""Default download folder (Downloads/Capella) and the "downloaded" message with Open folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QStandardPaths, QUrl
from qgis.PyQt.QtGui import QDesktopServices

from capella_qgis.core.api.credential import Credential
from capella_qgis.core.download import QueueStore
from capella_qgis.core.models.tasking import TaskingRequest
from capella_qgis.core.workflows.orders import TaskingRequestOrder
from capella_qgis.gui.orders.controller import OrdersController, download_folder
from capella_qgis.gui.settings.dlg_settings import SettingsPage
from capella_qgis.gui.tasking.requests_controller import RequestsController
from capella_qgis.processing.alg_download_products import (
    OUTPUT_FOLDER,
    DownloadProductsAlgorithm,
)
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_download import DownloadOptions
from capella_qgis.tasks.task_test_connection import ConnectionTester
from capella_qgis.toolbelt.settings import PluginSettings, default_download_folder
from tests.qgis.downloads_support import (
    CHUNK,
    TIMEOUT_MS,
    client_for,
    entries_with,
    place_order,
    settings_for,
)
from tests.qgis.lifecycle_support import buttons, flush_events, item_text, items_with, reset_bar
from tests.unit.core_support import TR_FIXTURE, TR_ID


@pytest.fixture
def downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's Downloads folder, moved into tmp_path (nothing is created in the home)."""
    folder = tmp_path / "Downloads"
    real = QStandardPaths.writableLocation

    def location(kind: Any) -> str:
        if kind == QStandardPaths.StandardLocation.DownloadLocation:
            return str(folder)
        return real(kind)

    monkeypatch.setattr(QStandardPaths, "writableLocation", location)
    return folder


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(QUrl(url)) or True)
    return urls


def test_default_folder_is_downloads_capella(downloads: Path) -> None:
    real = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    assert real == str(downloads)
    assert default_download_folder() == downloads / "Capella"
    settings = PluginSettings()
    assert settings.download_folder == ""
    assert settings.effective_download_folder == downloads / "Capella"
    assert download_folder(settings) == downloads / "Capella"
    assert (downloads / "Capella").is_dir()
    settings.download_folder = str(downloads / "mine")
    assert download_folder(settings) == downloads / "mine"


def test_default_folder_without_a_downloads_location(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _kind: "")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    assert default_download_folder() == Path.home() / "Downloads" / "Capella"
    assert default_download_folder() == tmp_path / "Downloads" / "Capella"


def test_settings_page_and_processing_show_the_default(qtbot: Any, downloads: Path) -> None:
    page = SettingsPage(ConnectionTester())
    qtbot.addWidget(page)
    assert page.fwDownloadFolder.filePath() == ""
    assert page.fwDownloadFolder.lineEdit().placeholderText() == str(downloads / "Capella")
    alg = DownloadProductsAlgorithm()
    alg.initAlgorithm()
    default = alg.parameterDefinition(OUTPUT_FOLDER).defaultValue()
    assert Path(default) == downloads / "Capella"


def test_order_download_says_where_and_opens_the_folder(
    qtbot: Any, qgis_iface: Any, emulator: Any, downloads: Path, opened: list[QUrl], tmp_path
) -> None:
    queue_file = tmp_path / "queue.json"
    settings = settings_for(emulator)  # no download folder set: the default is used
    settings.auto_load = False
    controller = OrdersController(
        qgis_iface,
        clients=ClientFactory(settings, build=lambda: client_for(emulator)),
        downloads=DownloadOptions(
            queue=QueueStore(queue_file), engine_options={"chunk_size": CHUNK}
        ),
    )
    bar = qgis_iface.messageBar()
    reset_bar(bar)
    controller.install()
    try:
        entries = entries_with(emulator, "GEO", 2)
        order_id = place_order(emulator, entries)
        results: list[Any] = []
        original = controller._on_downloaded
        controller._on_downloaded = lambda r: (results.append(r), original(r))[1]
        controller.download_order(order_id)
        qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT_MS)
        folder = results[0].folder
        assert folder == downloads / "Capella"  # two products: the folder above theirs
        assert all(Path(o.path).is_relative_to(folder) for o in results[0].report.completed)
        banner = items_with(bar, "Open folder")
        assert len(banner) == 1
        text = item_text(banner[0])
        assert str(folder) in text and "downloaded" in text, text
        buttons(bar, "Open folder")[0].click()
        assert opened == []  # deferred out of the click handler
        flush_events()
        assert opened == [QUrl.fromLocalFile(str(folder))]
        assert not items_with(bar, "Open folder")
    finally:
        controller.unload()
        QgsProject.instance().removeAllMapLayers()
    assert bar.items() == []


def test_requests_dock_orders_into_the_default_folder(
    qtbot: Any, qgis_iface: Any, downloads: Path
) -> None:
    """The Requests dock hands the order (reviewed, then downloaded by the orders
    controller, whose "downloaded" message is tested above) the default folder."""
    bar = qgis_iface.messageBar()
    reset_bar(bar)
    controller = RequestsController(
        qgis_iface,
        clients=ClientFactory(
            PluginSettings(api_url="http://127.0.0.1:9"), credential=Credential.api_key("demo")
        ),
    )
    controller.install()
    controller.dock.pollCheck.setChecked(False)
    handed: list[TaskingRequestOrder] = []
    controller.orderRequested.connect(handed.append)
    controller.add_request(TaskingRequest.model_validate(TR_FIXTURE))  # a completed request
    controller.dock.select_ids([TR_ID])
    assert controller.download_selected_when_completed() == [TR_ID]
    assert [o.folder for o in handed] == [downloads / "Capella"]
    assert (downloads / "Capella").is_dir()
    assert handed[0].tasking_request_ids == (TR_ID,) and handed[0].cost_cap is None
    controller.unload()
    controller.layer.remove_layers()
    assert bar.items() == []


def test_finished_message_reports_records_read_in_part(tmp_path: Path) -> None:
    from capella_qgis.core.download.engine import DownloadReport
    from capella_qgis.core.download.sources import OrderSource
    from capella_qgis.gui.orders.downloads_message import downloaded_text
    from capella_qgis.tasks.task_download import DownloadRequest, DownloadResult

    warning = "collects: record c-1: field windowOpen could not be read; the record was kept"
    result = DownloadResult(
        DownloadRequest(OrderSource("o-1"), tmp_path), DownloadReport(), warnings=[warning]
    )
    text = downloaded_text(result)
    assert text.startswith("0 downloaded, 0 already present.") and warning in text

"""One failure, one text: a 401 reads the same in Processing, the docks and the task bar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsProcessingException

from capella_qgis.core.api.errors import error_from_response
from capella_qgis.core.exceptions import user_message
from capella_qgis.gui.orders.controller import OrdersController
from capella_qgis.gui.tasking.requests_controller import RequestsController
from capella_qgis.tasks.task_test_connection import ConnectionTester
from tests.qgis.downloads_support import client_for
from tests.qgis.processing_support import run

TIMEOUT_MS = 20_000
WRONG_KEY = "not-the-demo-key"


@pytest.fixture
def rejected(emulator: Any, capella_provider: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    """Settings with a key the emulator refuses; the text ``user_message`` gives its 401."""
    monkeypatch.setenv("CAPELLA_API_URL", emulator.url)
    monkeypatch.setenv("CAPELLA_API_KEY", WRONG_KEY)
    import httpx

    response = httpx.get(f"{emulator.url}/user", headers={"Authorization": f"ApiKey {WRONG_KEY}"})
    assert response.status_code == 401
    return user_message(error_from_response(response))


def test_the_401_text_names_the_fix(rejected: str) -> None:
    assert rejected.startswith("API key rejected by the Capella Console")
    assert "Check the API key in Settings › Capella" in rejected


def test_processing_and_the_requests_dock_show_the_same_401_text(
    qtbot: Any, qgis_iface: Any, rejected: str, tmp_path: Path
) -> None:
    with pytest.raises(QgsProcessingException) as info:
        run(
            "capella:listtaskingrequests",
            {"OUTPUT": str(tmp_path / "r.gpkg"), "OUTPUT_POINTS": str(tmp_path / "p.gpkg")},
        )
    assert str(info.value) == rejected

    controller = RequestsController(qgis_iface)
    controller.install()
    try:
        dock = controller.dock
        dock.searchButton.click()
        qtbot.waitUntil(dock.searchButton.isEnabled, timeout=TIMEOUT_MS)
        assert dock.statusText.text() == rejected
    finally:
        controller.unload()


def test_processing_and_the_order_review_show_the_same_401_text(
    qtbot: Any, qgis_iface: Any, emulator: Any, rejected: str, tmp_path: Path, monkeypatch: Any
) -> None:
    # A footprint layer made with the right key; then the key goes wrong.
    monkeypatch.setenv("CAPELLA_API_KEY", "demo")
    found = run("capella:searchcatalog", {"LIMIT": 2, "OUTPUT": str(tmp_path / "fp.gpkg")})
    with client_for(emulator) as client:
        items = [i.to_feature() for i in client.catalog.search(limit=2).items]
    monkeypatch.setenv("CAPELLA_API_KEY", WRONG_KEY)
    with pytest.raises(QgsProcessingException) as info:
        run("capella:revieworder", {"INPUT": found["OUTPUT"], "OUTPUT": str(tmp_path / "r.html")})
    assert str(info.value) == rejected

    # The same products reviewed from the GUI. (No QgsVectorLayer of the GeoPackage here:
    # one alive next to the failed Processing run's makes QGIS crash at exit, as before.)
    shown: list[str] = []
    controller = OrdersController(qgis_iface)
    controller.install()
    controller._error = shown.append  # type: ignore[method-assign]
    try:
        controller.review(items)
        assert len(controller.tasks) == 1  # the review, through the controller's runner
        qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT_MS)
        assert shown == [rejected]
    finally:
        controller.unload()


def test_the_connection_test_shows_the_same_401_text(qtbot: Any, rejected: str) -> None:
    tester = ConnectionTester()
    with qtbot.waitSignal(tester.finished, timeout=TIMEOUT_MS) as blocker:
        tester.start()
    assert blocker.args == [False, rejected]

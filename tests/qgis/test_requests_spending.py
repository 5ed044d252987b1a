"""Requests dock "Download when completed": nothing is bought unseen (review, yes, or a cost cap).

The Requests and Orders controllers are linked as the plugin links them (``plugin.LINKS``);
the Console is the emulator, whose request log shows what was sent.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from qgis.core import Qgis, QgsProject, QgsRasterLayer
from qgis.PyQt.QtWidgets import QDialogButtonBox

from capella_qgis.core.models.payloads import TaskingRequestCreate
from capella_qgis.gui.orders.controller import OrdersController
from capella_qgis.plugin import LINKS
from tests.qgis.downloads_support import TIMEOUT_MS, client_for
from tests.qgis.lifecycle_support import buttons, flush_events, item_text

REVIEW = ("POST", "/orders/review")
ORDER = ("POST", "/orders")


def _create(emulator: Any, name: str) -> str:
    req = TaskingRequestCreate(
        geometry={"type": "Point", "coordinates": [10.0, 50.0]}, name=name, product_types=["GEO"]
    )
    with client_for(emulator) as client:
        return client.tasking.create_tasking_request(req).id


def _complete(emulator: Any, tr_id: str) -> int:
    """Complete ``tr_id`` and put a price on its products (the emulator gives a tasking
    request's own products for free; priced, the cap has something to compare). Their count."""
    httpx.post(
        f"{emulator.url}/_emulator/task/{tr_id}/status", json={"code": "completed"}
    ).raise_for_status()
    world = emulator.state
    count = 0
    with world.lock:
        for collect in world.collects[tr_id]:
            for entry in world.by_collect[collect["collectId"]]:
                entry.ownership = "availableForPurchase"
                count += 1
    return count


def _sent(emulator: Any, call: tuple[str, str]) -> int:
    return sum(1 for r in emulator.requests("api") if (r.method, r.path) == call)


def _listed(qtbot: Any, linked: Any, tr_id: str) -> None:
    with qtbot.waitSignal(linked.requests.searchFinished, timeout=TIMEOUT_MS):
        linked.requests.dock.searchButton.click()
    assert tr_id in linked.requests.requests
    linked.requests.dock.select_ids([tr_id])


def _review_dialog(qtbot: Any, linked: Any, emulator: Any) -> Any:
    """The review dialog once it is shown (an order sent without it fails right away)."""

    def shown() -> bool:
        dialog = linked.orders.dialog
        return _sent(emulator, ORDER) > 0 or (dialog is not None and bool(dialog.isVisible()))

    qtbot.waitUntil(shown, timeout=TIMEOUT_MS)
    assert _sent(emulator, ORDER) == 0, "POST /orders was sent without the review dialog"
    return linked.orders.dialog


def _dollars(text: str) -> Decimal:
    assert text.startswith("$"), text  # the Console's format: "$1,000.00"
    return Decimal(text[1:].replace(",", ""))


def _texts(bar: Any) -> list[str]:
    """What the message bar shows: lasting items (with buttons) and passing messages."""
    passing = [m for level in range(4) for m in bar.get_messages(Qgis.MessageLevel(level))]
    return [item_text(item) for item in bar.items()] + passing


def _raster_layers() -> list[QgsRasterLayer]:
    layers = QgsProject.instance().mapLayers().values()
    return [layer for layer in layers if isinstance(layer, QgsRasterLayer)]


def test_the_plugin_links_the_requests_orders_to_the_orders_controller() -> None:
    assert ("requests", "orderRequested", "orders", "order_tasking_requests") in LINKS
    assert callable(OrdersController.order_tasking_requests)


# --- (a) a completed request: the review dialog first, nothing ordered without a yes ----------


def test_completed_request_is_reviewed_and_rejecting_orders_nothing(
    qtbot: Any, linked: Any, emulator: Any
) -> None:
    tr_id = _create(emulator, "completed, then reviewed")
    products = _complete(emulator, tr_id)
    _listed(qtbot, linked, tr_id)
    emulator.clear_requests()
    linked.requests.dock.downloadButton.click()
    at_click = linked.requests.dock.statusText.text()  # before any answer came back
    dialog = _review_dialog(qtbot, linked, emulator)
    assert _sent(emulator, ORDER) == 0
    assert _sent(emulator, REVIEW) == 1
    assert "Reviewing the price of “completed, then reviewed”" in at_click
    assert dialog.tblProducts.rowCount() == products
    prices = [_dollars(dialog.tblProducts.item(r, 1).text()) for r in range(products)]
    assert all(p > 0 for p in prices)
    assert dialog.lblTotal.text() == f"${sum(prices):,.2f}"  # prices per item and the total
    dialog.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: not linked.orders.tasks, timeout=TIMEOUT_MS)
    flush_events()
    assert _sent(emulator, ORDER) == 0
    assert not _raster_layers()


def test_completed_request_yes_orders_downloads_and_adds_the_rasters(
    qtbot: Any, linked: Any, emulator: Any, tmp_path: Path
) -> None:
    tr_id = _create(emulator, "completed, then ordered")
    _complete(emulator, tr_id)
    _listed(qtbot, linked, tr_id)
    emulator.clear_requests()
    linked.requests.dock.downloadButton.click()
    dialog = _review_dialog(qtbot, linked, emulator)
    assert _sent(emulator, ORDER) == 0
    dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: bool(_raster_layers()), timeout=TIMEOUT_MS)
    assert _sent(emulator, ORDER) == 1
    assert any(p.is_file() for p in (tmp_path / "dl").rglob("*.tif"))


# --- (b) not completed yet: an opt-in with a cost cap, checked against the review -------------


def _opt_in_dialog(linked: Any) -> Any:
    return getattr(linked.requests, "opt_in_dialog", None)


def _opt_in(qtbot: Any, linked: Any, cap: float) -> None:
    linked.requests.dock.downloadButton.click()
    dialog = _opt_in_dialog(linked)
    assert dialog is not None and dialog.isVisible(), "the click asks before opting in"
    assert "$" in dialog.spnCap.prefix()
    dialog.spnCap.setValue(cap)
    dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    flush_events()


def _completes(qtbot: Any, linked: Any, emulator: Any, tr_id: str) -> None:
    _complete(emulator, tr_id)
    with qtbot.waitSignal(linked.requests.statusChanged, timeout=TIMEOUT_MS):
        assert linked.requests.poller.poll_now()


def test_opt_in_below_the_price_orders_nothing_and_shows_the_review(
    qtbot: Any, linked: Any, emulator: Any
) -> None:
    tr_id = _create(emulator, "cap too low")
    _listed(qtbot, linked, tr_id)
    _opt_in(qtbot, linked, 100.0)
    said = (
        "“cap too low” will be ordered and downloaded when completed, if it costs at most $100.00"
    )
    assert said in linked.requests.dock.statusText.text()
    assert any(said in text for text in _texts(linked.bar))
    assert linked.requests.download_when_completed == {tr_id: Decimal("100.00")}
    emulator.clear_requests()
    _completes(qtbot, linked, emulator, tr_id)
    qtbot.waitUntil(lambda: bool(buttons(linked.bar, "Review order…")), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not linked.orders.tasks, timeout=TIMEOUT_MS)
    assert _sent(emulator, REVIEW) == 1
    assert _sent(emulator, ORDER) == 0
    text = " ".join(_texts(linked.bar))
    assert "more than your limit of $100.00" in text and "nothing was ordered" in text
    assert linked.orders.dialog is None
    buttons(linked.bar, "Review order…")[0].click()
    dialog = _review_dialog(qtbot, linked, emulator)
    assert _dollars(dialog.lblTotal.text()) > 100
    assert _sent(emulator, ORDER) == 0
    assert tr_id not in linked.requests.download_when_completed  # done: asked, not replayed


def test_opt_in_above_the_price_orders_downloads_and_adds_the_rasters(
    qtbot: Any, linked: Any, emulator: Any, tmp_path: Path
) -> None:
    tr_id = _create(emulator, "cap high enough")
    _listed(qtbot, linked, tr_id)
    _opt_in(qtbot, linked, 100_000.0)
    assert "if it costs at most $100,000.00" in linked.requests.dock.statusText.text()
    emulator.clear_requests()
    _completes(qtbot, linked, emulator, tr_id)
    qtbot.waitUntil(lambda: bool(_raster_layers()), timeout=TIMEOUT_MS)
    assert _sent(emulator, REVIEW) >= 1
    assert _sent(emulator, ORDER) == 1
    assert linked.orders.dialog is None  # within the cap: not asked again
    assert any(p.is_file() for p in (tmp_path / "dl").rglob("*.tif"))


def test_opt_in_cancelled_orders_nothing(qtbot: Any, linked: Any, emulator: Any) -> None:
    tr_id = _create(emulator, "not opted in")
    _listed(qtbot, linked, tr_id)
    linked.requests.dock.downloadButton.click()
    dialog = _opt_in_dialog(linked)
    assert dialog is not None, "the click asks before opting in"
    dialog.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not linked.requests.download_when_completed
    emulator.clear_requests()
    _completes(qtbot, linked, emulator, tr_id)
    qtbot.waitUntil(lambda: not linked.orders.tasks, timeout=TIMEOUT_MS)
    assert _sent(emulator, REVIEW) == 0 and _sent(emulator, ORDER) == 0


# --- (c) the download folder is checked at the click ----------------------------------------


@pytest.mark.parametrize("completed", [False, True])
def test_bad_download_folder_is_reported_at_the_click(
    qtbot: Any, linked: Any, emulator: Any, tmp_path: Path, completed: bool
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    linked.settings.download_folder = str(blocker / "downloads")
    tr_id = _create(emulator, "bad folder")
    if completed:
        _complete(emulator, tr_id)
    _listed(qtbot, linked, tr_id)
    emulator.clear_requests()
    linked.requests.dock.downloadButton.click()
    status = linked.requests.dock.statusText.text()
    assert str(blocker / "downloads") in status
    assert "Download folder" in status and "Settings › Options › Capella" in status
    assert any("Download folder" in text for text in _texts(linked.bar))
    assert _opt_in_dialog(linked) is None and not linked.requests.download_when_completed
    flush_events()
    assert not linked.orders.tasks
    assert _sent(emulator, REVIEW) == 0 and _sent(emulator, ORDER) == 0

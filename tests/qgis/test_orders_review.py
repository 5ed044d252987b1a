"""Ordering: review dialog (prices, contracts, denial, reuse) and submit messages (emulator)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.PyQt.QtWidgets import QDialogButtonBox

from capella_qgis.gui.orders.dlg_order_review import DlgOrderReview
from capella_qgis.tasks.task_order import ReviewOrderTask, SubmitOrderTask
from tests.qgis.downloads_support import (
    client_for,
    entries_with,
    place_order,
    run_task,
)


def _items(emulator: Any, n: int = 2) -> list[dict]:
    import json

    entries = entries_with(emulator, "GEO", n)
    return [json.loads(emulator.state.by_id[e.id].json) for e in entries]


def _review(qtbot: Any, emulator: Any, items: list[dict], **kw: Any) -> Any:
    task = ReviewOrderTask(items, client=client_for(emulator), **kw)
    ok, errors = run_task(qtbot, task)
    assert not errors, errors
    return ok[0]


def _posts(emulator: Any, path: str) -> list[Any]:
    return [r for r in emulator.requests("api") if r.method == "POST" and r.path == path]


def test_review_dialog_shows_prices_totals_and_contracts(qtbot: Any, emulator: Any) -> None:
    items = _items(emulator)
    result = _review(qtbot, emulator, items)
    dialog = DlgOrderReview(result)
    qtbot.addWidget(dialog)
    assert dialog.tblProducts.rowCount() == 2
    ids = {dialog.tblProducts.item(r, 0).text() for r in range(2)}
    assert ids == {i["id"] for i in items}
    assert all(dialog.tblProducts.item(r, 1).text().startswith("$") for r in range(2))
    assert dialog.lblTotal.text().startswith("$") and dialog.lblSubtotal.text().startswith("$")
    assert "Authorized" in dialog.lblAuthorization.text()
    ok_button = dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert ok_button.isEnabled()
    # The emulator's organization has two contracts: the chooser is offered.
    assert not dialog.cboContract.isHidden() and dialog.cboContract.count() == 3
    dialog.cboContract.setCurrentIndex(dialog.cboContract.findData("contract-456"))
    assert dialog.contract_id() == "contract-456"
    assert not _posts(emulator, "/orders")  # nothing bought by a review


def test_denial_reason_is_shown_word_for_word(qtbot: Any, emulator: Any) -> None:
    emulator.configure(insufficient_funds=True)
    result = _review(qtbot, emulator, _items(emulator))
    reason = result.review.denial_message
    assert reason and "value commitment" in reason
    dialog = DlgOrderReview(result)
    qtbot.addWidget(dialog)
    assert reason in dialog.lblAuthorization.text()
    assert not dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_active_order_is_reused_without_post(qtbot: Any, emulator: Any) -> None:
    items = _items(emulator)
    entries = [emulator.state.by_id[i["id"]] for i in items]
    order_id = place_order(emulator, entries)
    emulator.clear_requests()
    result = _review(qtbot, emulator, items)
    assert result.all_covered and result.reuse_order.order_id == order_id
    dialog = DlgOrderReview(result)
    qtbot.addWidget(dialog)
    assert all("reused" in dialog.tblProducts.item(r, 2).text() for r in range(2))
    assert order_id in dialog.lblAuthorization.text()
    ok, errors = run_task(qtbot, SubmitOrderTask(result.items, client=client_for(emulator)))
    assert not errors and ok[0].reused and ok[0].order.order_id == order_id
    assert not _posts(emulator, "/orders")


def test_submit_success_sends_contract(qtbot: Any, emulator: Any) -> None:
    items = _items(emulator)
    task = SubmitOrderTask(items, "contract-456", client=client_for(emulator))
    ok, errors = run_task(qtbot, task)
    assert not errors, errors
    assert not ok[0].reused and set(ok[0].order.stac_ids) == {i["id"] for i in items}
    post = _posts(emulator, "/orders")[0]
    assert post.json["contractId"] == "contract-456"


def test_submit_rejected_message(qtbot: Any, emulator: Any) -> None:
    emulator.configure(reject_orders=True)
    ok, errors = run_task(qtbot, SubmitOrderTask(_items(emulator), client=client_for(emulator)))
    assert not ok and "rejected the order" in errors[0]


def test_submit_insufficient_funds_message(qtbot: Any, emulator: Any) -> None:
    emulator.configure(insufficient_funds=True)
    ok, errors = run_task(qtbot, SubmitOrderTask(_items(emulator), client=client_for(emulator)))
    assert not ok and errors[0].startswith("The order was not authorized: This order will exceed")
    assert not _posts(emulator, "/orders")


def test_submit_rejected_key_message(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    # The same text as anywhere else a 401 shows (user_message), not an order-only wording.
    task = SubmitOrderTask(_items(emulator), client=client_for(emulator, key="expired"))
    ok, errors = run_task(qtbot, task)
    assert not ok and errors[0].startswith("API key rejected by the Capella Console")
    assert "Check the API key in Settings › Capella" in errors[0]
    assert not _posts(emulator, "/orders")

"""Cost review in the Requests dock against the emulator: notification, dialog, approve/reject.

The emulator prices a request ``review_delay`` seconds after creation (its clock); until the
user approves in the cost dialog nothing is sent that spends money, which the emulator's
request log shows.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialogButtonBox, QMessageBox

from capella_qgis.core.models.payloads import RepeatRequestCreate, TaskingRequestCreate
from capella_qgis.core.timefmt import parse_utc
from capella_qgis.gui.tasking.requests_controller import RequestsController
from capella_qgis.gui.tasking.timetext import when
from capella_qgis.plugin import LINKS
from capella_qgis.tasks.clients import ClientFactory
from tests.qgis.downloads_support import TIMEOUT_MS, client_for, settings_for
from tests.qgis.lifecycle_support import buttons, flush_events, item_text, reset_bar

REVIEW_COST = "Review cost…"


@pytest.fixture
def ctrl(qgis_iface: Any, emulator: Any, tmp_path: Path) -> Any:
    settings = settings_for(emulator)
    settings.download_folder = str(tmp_path / "dl")
    controller = RequestsController(
        qgis_iface, clients=ClientFactory(settings, build=lambda: client_for(emulator))
    )
    controller.install()
    controller.dock.pollCheck.setChecked(False)  # the tests poll
    bar = qgis_iface.messageBar()
    reset_bar(bar)
    yield controller
    controller.unload()
    controller.layer.remove_layers()
    QgsProject.instance().removeAllMapLayers()
    reset_bar(bar)


def _create(emulator: Any, name: str, **props: Any) -> Any:
    req = TaskingRequestCreate(
        geometry={"type": "Point", "coordinates": [12.5, 41.9]},
        name=name,
        product_types=["GEO"],
        **props,
    )
    with client_for(emulator) as client:
        return client.tasking.create_tasking_request(req)


def _in_review(emulator: Any, name: str) -> Any:
    """A request whose estimate is ready (read once, so the emulator applied it)."""
    emulator.configure(review_delay=0)
    created = _create(emulator, name)
    with client_for(emulator) as client:
        model = client.tasking.get_tasking_request(created.id)
    assert model.awaiting_approval
    return model


def _emu_props(emulator: Any, tr_id: str) -> dict[str, Any]:
    with emulator.state.lock:
        return dict(emulator.state.tasks[tr_id]["properties"])


def _emu_status(emulator: Any, tr_id: str) -> str:
    return str(_emu_props(emulator, tr_id)["statusHistory"][0]["code"])


def _emu_total(emulator: Any, tr_id: str) -> str:
    return str(_emu_props(emulator, tr_id)["order"]["summary"]["total"])


def _status_patches(emulator: Any, tr_id: str) -> list[Any]:
    path = f"/task/{tr_id}/status"
    return [r for r in emulator.requests("api") if r.method == "PATCH" and r.path == path]


def _first_collect(emulator: Any, tr_id: str) -> Any:
    with emulator.state.lock:
        [collect] = emulator.state.collects[tr_id]
        return parse_utc(collect["windowOpen"])


def _loaded(qtbot: Any, ctrl: Any, tr_id: str) -> Any:
    """The cost dialog once it shows ``tr_id``'s estimate (a banner's click is deferred)."""

    def shown() -> bool:
        dialog = ctrl.review_dialog
        return (
            dialog is not None
            and dialog.isVisible()
            and dialog.review is not None
            and dialog.review.request.id == tr_id
            and ctrl.review_task is None
        )

    qtbot.waitUntil(shown, timeout=TIMEOUT_MS)
    return ctrl.review_dialog


def _answered(qtbot: Any, ctrl: Any) -> None:
    qtbot.waitUntil(lambda: ctrl.answer_task is None, timeout=TIMEOUT_MS)
    flush_events()


def test_the_plugin_hands_created_and_retasked_requests_to_the_requests_dock() -> None:
    assert ("tasking", "requestCreated", "requests", "add_request") in LINKS
    assert ("retask", "requestCreated", "requests", "add_request") in LINKS


def test_review_arrives_notifies_and_approve_sends_the_total_shown(
    qtbot: Any, ctrl: Any, emulator: Any, qgis_iface: Any
) -> None:
    emulator.configure(review_delay=60)
    created = _create(emulator, "cost review")
    ctrl.add_request(created)  # as the tasking form hands it over
    assert created.status == "received" and not buttons(qgis_iface.messageBar(), REVIEW_COST)
    emulator.clock.advance(61)  # the Console has estimated it
    with qtbot.waitSignal(ctrl.statusChanged, timeout=TIMEOUT_MS) as changed:
        assert ctrl.poller.poll_now()
    assert changed.args == [created.id, "received", "review"]
    total = _emu_total(emulator, created.id)
    bar = qgis_iface.messageBar()
    [button] = buttons(bar, REVIEW_COST)
    [item] = [i for i in bar.items() if button in i.findChildren(type(button))]
    assert "cost review" in item_text(item) and total in item_text(item)
    assert created.id in ctrl.dock.waiting_ids()

    button.click()
    dialog = _loaded(qtbot, ctrl, created.id)
    assert dialog.lblName.text() == "cost review" and created.id in dialog.lblRequestId.text()
    assert dialog.lblTotal.text() == total and dialog.total_shown == total
    props = _emu_props(emulator, created.id)
    [line] = props["order"]["lineItems"]
    assert dialog.lblArea.text() == f"{line['accountingSize']['value']:,.2f} km²"
    assert dialog.lblTier.text() == line["collectionTier"]
    assert dialog.tblLineItems.rowCount() == 1
    # The fee schedule against the emulator's first predicted collect, local time and UTC.
    first = _first_collect(emulator, created.id)
    assert when(first) in dialog.lblFirstCollect.text()
    schedule = dialog.lblSchedule.text()
    quarter = Decimal(total.lstrip("$").replace(",", "")) * Decimal("0.25")
    assert f"Free cancellation until {when(first - timedelta(hours=72))}" in schedule
    assert f"25 % of the price (${quarter:,.2f}) until {when(first - timedelta(hours=12))}" in (
        schedule
    )
    assert f"Not cancellable from {when(first - timedelta(hours=12))}" in schedule
    assert "25 %" in dialog.lblFeeNow.text()  # the emulator predicts it 36 h ahead
    assert dialog.approveButton.text() == f"Approve {total}"
    assert _status_patches(emulator, created.id) == []  # nothing answered by opening it

    emulator.clear_requests()
    dialog.approveButton.click()
    _answered(qtbot, ctrl)
    [patch] = _status_patches(emulator, created.id)
    assert patch.json == {"status": "approved"}
    assert _emu_status(emulator, created.id) == "submitted"
    assert "Approved" in dialog.lblState.text() and "submitted" in dialog.lblState.text()
    assert not dialog.approveButton.isEnabled() and not dialog.rejectButton.isEnabled()
    assert ctrl.requests[created.id][1].status == "submitted"
    assert created.id not in ctrl.dock.waiting_ids()
    assert not buttons(bar, REVIEW_COST), "the notification goes once answered"
    assert ctrl.layer.feature(created.id)["status"] == "submitted"


def test_a_changed_price_is_refused_and_shown_to_approve_again(
    qtbot: Any, ctrl: Any, emulator: Any
) -> None:
    model = _in_review(emulator, "price moves")
    ctrl.add_request(model)
    shown = _emu_total(emulator, model.id)
    dialog = _loaded(qtbot, ctrl, model.id) if ctrl.open_cost_review(model.id) else None
    assert dialog is not None and dialog.lblTotal.text() == shown
    with emulator.state.lock:  # the Console re-estimates while the dialog is open
        emulator.state.tasks[model.id]["properties"]["order"]["summary"]["total"] = "$9,999.00"
    dialog.approveButton.click()
    _answered(qtbot, ctrl)
    assert _status_patches(emulator, model.id) == [], "a changed price is never approved"
    assert _emu_status(emulator, model.id) == "review"
    assert dialog.lblTotal.text() == "$9,999.00"
    assert "$9,999.00" in dialog.lblMessage.text() and shown in dialog.lblMessage.text()
    assert dialog.lblMessage.isVisibleTo(dialog)
    assert dialog.approveButton.isEnabled()
    assert dialog.approveButton.text() == "Approve $9,999.00"
    dialog.approveButton.click()  # the new price, seen: approved this time
    _answered(qtbot, ctrl)
    [patch] = _status_patches(emulator, model.id)
    assert patch.json == {"status": "approved"}
    assert _emu_status(emulator, model.id) == "submitted"


def test_reject_asks_first_and_no_sends_nothing(
    qtbot: Any, ctrl: Any, emulator: Any, monkeypatch: Any
) -> None:
    model = _in_review(emulator, "too dear")
    ctrl.add_request(model)
    total = _emu_total(emulator, model.id)
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: Any, _title: str, text: str, *_a: Any) -> Any:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    ctrl.open_cost_review(model.id)
    dialog = _loaded(qtbot, ctrl, model.id)
    dialog.rejectButton.click()
    flush_events()
    assert len(asked) == 1 and "too dear" in asked[0] and total in asked[0]
    assert _status_patches(emulator, model.id) == [] and _emu_status(emulator, model.id) == "review"
    dialog.rejectButton.click()
    _answered(qtbot, ctrl)
    [patch] = _status_patches(emulator, model.id)
    assert patch.json == {"status": "rejected"}
    assert _emu_status(emulator, model.id) == "rejected"
    assert "Rejected" in dialog.lblState.text()
    assert ctrl.requests[model.id][1].status == "rejected"


def test_close_and_enter_spend_nothing(qtbot: Any, ctrl: Any, emulator: Any) -> None:
    model = _in_review(emulator, "later")
    ctrl.add_request(model)
    ctrl.open_cost_review(model.id)
    dialog = _loaded(qtbot, ctrl, model.id)
    assert dialog.approveButton.isEnabled()
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    QTest.keyClick(dialog.approveButton, Qt.Key.Key_Enter)
    flush_events()
    assert dialog.closeButton.text() == "Decide later"
    dialog.closeButton.click()
    flush_events()
    qtbot.waitUntil(lambda: not ctrl.tasks, timeout=TIMEOUT_MS)
    assert not dialog.isVisible()
    assert _status_patches(emulator, model.id) == []
    assert _emu_status(emulator, model.id) == "review"
    assert ctrl.dock.waiting_ids() == [model.id], "it still waits in the dock"


def test_a_repeat_request_is_approved_at_its_price_per_image(
    qtbot: Any, ctrl: Any, emulator: Any
) -> None:
    emulator.configure(review_delay=0)
    req = RepeatRequestCreate(
        geometry={"type": "Point", "coordinates": [12.5, 41.9]},
        name="every week",
        repetition_count=4,
    )
    with client_for(emulator) as client:
        rr_id = client.tasking.create_repeat_request(req).id
        model = client.tasking.get_repeat_request(rr_id)
    assert model.awaiting_approval
    ctrl.add_request(model)
    with emulator.state.lock:
        price = emulator.state.repeats[rr_id]["properties"]["costPerImageEstimate"]
    ctrl.open_cost_review(rr_id)
    dialog = _loaded(qtbot, ctrl, rr_id)
    assert dialog.lblTotalCaption.text() == "Price per image" and dialog.lblTotal.text() == price
    assert dialog.lblSubtotal.text() == "4"
    dialog.approveButton.click()
    _answered(qtbot, ctrl)
    path = f"/repeat-requests/{rr_id}/status"
    [patch] = [r for r in emulator.requests("api") if r.method == "PATCH" and r.path == path]
    assert patch.json == {"status": "approved"}
    with emulator.state.lock:
        status = emulator.state.repeats[rr_id]["properties"]["statusHistory"][0]["code"]
    assert status != "review" and ctrl.requests[rr_id][1].status == status
    assert "Approved" in dialog.lblState.text()


def test_dock_lists_waiting_requests_first_with_their_actions(
    qtbot: Any, ctrl: Any, emulator: Any, qgis_iface: Any
) -> None:
    emulator.configure(review_delay=0)
    ready = _create(emulator, "approved already", pre_approval=True).id
    waiting = _in_review(emulator, "waits for me").id
    dock = ctrl.dock
    with qtbot.waitSignal(ctrl.searchFinished, timeout=TIMEOUT_MS):
        dock.searchButton.click()
    assert {ready, waiting} <= set(ctrl.requests)
    listed = dock.waiting_ids()
    assert waiting in listed and ready not in listed
    rows = [dock.table.item(r, 6).text() for r in range(dock.table.rowCount())]
    assert rows[: len(listed)] == listed, "waiting requests first, whatever the search order"
    row = rows.index(waiting)
    assert dock.table.item(row, 2).text() == "awaiting approval"
    assert dock.table.item(row, 0).text() == "tasking"
    assert dock.table.item(rows.index(ready), 2).text() == "submitted"
    assert dock.table.item(row, 1).font().bold()
    assert f"{len(listed)} waiting for your approval" in dock.statusText.text()
    assert dock.approvalCount.text() == f"{len(listed)} waiting for approval"
    dock.approvalOnlyCheck.setChecked(True)
    assert dock.table.rowCount() == len(listed)
    dock.approvalOnlyCheck.setChecked(False)
    assert dock.table.rowCount() == len(ctrl.requests)
    # Found by a search, it is listed, not announced, and the next poll does not announce it.
    assert not buttons(qgis_iface.messageBar(), REVIEW_COST)
    with qtbot.waitSignal(ctrl.poller.polled, timeout=TIMEOUT_MS):
        assert ctrl.poller.poll_now()
    assert not buttons(qgis_iface.messageBar(), REVIEW_COST)

    dock.select_ids([ready])
    assert not dock.reviewButton.isEnabled() and dock.context_actions() == []
    dock.select_ids([waiting])
    assert dock.reviewButton.isEnabled()
    entries = dict(dock.context_actions())
    assert list(entries) == ["Review cost…", "Approve…", "Reject…"]
    emulator.clear_requests()
    entries["Approve…"]()  # opens the dialog on the price; it approves nothing by itself
    dialog = _loaded(qtbot, ctrl, waiting)
    assert dialog.approveButton.isEnabled()
    assert _status_patches(emulator, waiting) == []
    dialog.close()


def test_details_show_the_collect_status_history(qtbot: Any, ctrl: Any, emulator: Any) -> None:
    model = _in_review(emulator, "history")
    httpx.post(
        f"{emulator.url}/_emulator/task/{model.id}/status", json={"code": "accepted"}
    ).raise_for_status()
    with client_for(emulator) as client:
        [collect] = client.tasking.get_collect_history(model.id)
        model = client.tasking.get_tasking_request(model.id)
    ctrl.add_request(model)
    dock = ctrl.dock
    dock.select_ids([model.id])
    qtbot.waitUntil(
        lambda: ctrl.details_task is None and "Reading" not in dock.detailsView.toPlainText(),
        timeout=TIMEOUT_MS,
    )
    text = dock.detailsView.toPlainText()
    predicted, tasked = collect.time_of("predicted"), collect.time_of("tasked")
    assert predicted is not None and tasked is not None
    assert f"predicted {when(predicted)} → tasked {when(tasked)} → collected → qa → delivered" in (
        text
    )
    assert "received" in text and "accepted" in text  # the request's own status history
    # A later step shows once the request moves on (the poller sees it).
    httpx.post(
        f"{emulator.url}/_emulator/collects/{collect.collect_id}/status", json={"code": "qa"}
    ).raise_for_status()
    httpx.post(
        f"{emulator.url}/_emulator/task/{model.id}/status", json={"code": "active"}
    ).raise_for_status()
    with qtbot.waitSignal(ctrl.statusChanged, timeout=TIMEOUT_MS):
        assert ctrl.poller.poll_now()
    qtbot.waitUntil(
        lambda: ctrl.details_task is None and "qa 20" in dock.detailsView.toPlainText(),
        timeout=TIMEOUT_MS,
    )
    assert "collected 20" in dock.detailsView.toPlainText()


# --- the "Reviewing the price…" line of "Download when completed" ends with the review -------


def _completed_listed(qtbot: Any, linked: Any, emulator: Any, name: str) -> str:
    tr_id = _create(emulator, name).id
    httpx.post(
        f"{emulator.url}/_emulator/task/{tr_id}/status", json={"code": "completed"}
    ).raise_for_status()
    with qtbot.waitSignal(linked.requests.searchFinished, timeout=TIMEOUT_MS):
        linked.requests.dock.searchButton.click()
    linked.requests.dock.select_ids([tr_id])
    return tr_id


def test_reviewing_the_price_line_ends_with_the_review(
    qtbot: Any, linked: Any, emulator: Any
) -> None:
    _completed_listed(qtbot, linked, emulator, "priced")
    status = linked.requests.dock.statusText
    linked.requests.dock.downloadButton.click()
    assert status.text().startswith("Reviewing the price of “priced”")
    qtbot.waitUntil(lambda: linked.orders.dialog is not None, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not status.text().startswith("Reviewing"), timeout=TIMEOUT_MS)
    assert status.text() == "Price of “priced” reviewed: decide in the order review."
    linked.orders.dialog.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).click()


def test_reviewing_the_price_line_ends_when_the_review_fails(
    qtbot: Any, linked: Any, emulator: Any
) -> None:
    _completed_listed(qtbot, linked, emulator, "unpriced")
    emulator.faults.add("status", "/orders/review", status=400)
    status = linked.requests.dock.statusText
    linked.requests.dock.downloadButton.click()
    qtbot.waitUntil(lambda: not status.text().startswith("Reviewing"), timeout=TIMEOUT_MS)
    assert "ended without an order review" in status.text()
    assert linked.orders.dialog is None

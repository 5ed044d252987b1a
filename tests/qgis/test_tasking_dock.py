"""Requests dock and its controller against the emulator: search, bulk, polling, download."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
from qgis.core import QgsProject

from capella_qgis.core.api.credential import Credential
from capella_qgis.core.models.payloads import TaskingRequestCreate
from capella_qgis.core.workflows.orders import TaskingRequestOrder
from capella_qgis.gui.tasking.requests_controller import RequestsController
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.toolbelt.settings import PluginSettings

TIMEOUT_MS = 20_000


def _clients(emulator: Any) -> ClientFactory:
    return ClientFactory(
        PluginSettings(api_url=emulator.url), credential=Credential.api_key("demo")
    )


def _controller(qgis_iface: Any, emulator: Any, tmp_path: Any = None) -> RequestsController:
    ctrl = RequestsController(
        qgis_iface, clients=_clients(emulator), download_dir=str(tmp_path) if tmp_path else None
    )
    ctrl.install()
    ctrl.dock.pollCheck.setChecked(False)
    return ctrl


def _done(ctrl: RequestsController) -> None:
    ctrl.unload()
    ctrl.layer.remove_layers()


def _create(emulator: Any, name: str) -> str:
    req = TaskingRequestCreate(geometry={"type": "Point", "coordinates": [10.0, 50.0]}, name=name)
    with _clients(emulator)() as client:
        return client.tasking.create_tasking_request(req).id


def _hook_status(emulator: Any, tr_id: str, code: str) -> None:
    httpx.post(
        f"{emulator.url}/_emulator/task/{tr_id}/status", json={"code": code}
    ).raise_for_status()


def _search(qtbot: Any, ctrl: RequestsController) -> int:
    with qtbot.waitSignal(ctrl.searchFinished, timeout=TIMEOUT_MS) as blocker:
        ctrl.dock.searchButton.click()  # the dock asks, the controller searches
    return int(blocker.args[0])


def test_search_lists_and_draws_requests(qtbot: Any, qgis_iface: Any, emulator: Any) -> None:
    tr_id = _create(emulator, "dock search")
    ctrl = _controller(qgis_iface, emulator)
    dock = ctrl.dock
    dock.statusCombo.setCurrentIndex(dock.statusCombo.findData("received"))
    count = _search(qtbot, ctrl)
    assert count >= 1 and tr_id in ctrl.requests and dock.requests is ctrl.requests
    searches = [r for r in emulator.requests() if r.path == "/tasks/search"]
    query = searches[-1].json["query"]
    assert query["lastStatusCode"] == {"eq": "received"}
    assert query["includeRepeatingTasks"] == {"eq": False}
    assert "userId" in query
    feature = ctrl.layer.feature(tr_id)
    assert feature is not None and feature["status"] == "received"
    assert dock.table.rowCount() == count
    assert dock.statusText.text() == f"{count} request(s)" and dock.searchButton.isEnabled()
    _done(ctrl)


def test_org_scope_and_filters(qtbot: Any, qgis_iface: Any, emulator: Any) -> None:
    ctrl = _controller(qgis_iface, emulator)
    dock = ctrl.dock
    dock.scopeCombo.setCurrentIndex(1)
    dock.kindCombo.setCurrentIndex(dock.kindCombo.findData("repeat"))
    dock.tierCombo.setCurrentIndex(dock.tierCombo.findData("routine"))
    dock.submittedCheck.setChecked(True)
    _search(qtbot, ctrl)
    paths = [r.path for r in emulator.requests() if r.method == "POST"]
    assert "/tasks/search" not in paths and "/repeat-requests/search" in paths
    body = [r for r in emulator.requests() if r.path == "/repeat-requests/search"][-1].json
    flt = body["query"]
    assert isinstance(flt["organizationIds"], list)
    assert flt["collectionTier"] == {"eq": "routine"}
    assert "gte" in flt["submissionTime"]
    _done(ctrl)


def test_bulk_update_and_cancel_mixed_outcomes(qtbot: Any, qgis_iface: Any, emulator: Any) -> None:
    ok_id = _create(emulator, "will update")
    done_id = _create(emulator, "already completed")
    _hook_status(emulator, done_id, "completed")
    ctrl = _controller(qgis_iface, emulator)
    dock = ctrl.dock
    _search(qtbot, ctrl)
    dock.select_ids([ok_id, done_id])
    assert sorted(dock.selected_ids()["tasking"]) == sorted([ok_id, done_id])
    with qtbot.waitSignal(ctrl.bulkFinished, timeout=TIMEOUT_MS) as blocker:
        ctrl.update_selected({"name": "renamed", "product_types": ["GEO"]})
    report = blocker.args[0]
    assert report.succeeded == [ok_id]
    assert "Cannot update tasking request" in report.failed[done_id].message
    text = dock.resultsView.toPlainText()
    assert done_id in text and ok_id in text and "Cannot update" in text
    patches = [r for r in emulator.requests() if r.method == "PATCH" and r.path == f"/task/{ok_id}"]
    assert patches[0].json == {
        "properties": {
            "taskingrequestName": "renamed",
            "processingConfig": {"productTypes": ["GEO"]},
        }
    }
    dock.select_ids([ok_id, done_id])
    with qtbot.waitSignal(ctrl.bulkFinished, timeout=TIMEOUT_MS) as blocker:
        ctrl.cancel_selected(confirm=False)
    report = blocker.args[0]
    assert report.succeeded == [ok_id]
    assert "finalized" in report.failed[done_id].message
    cancels = [r for r in emulator.requests() if r.path.endswith("/status") and r.method == "PATCH"]
    assert {r.path for r in cancels} == {f"/task/{ok_id}/status", f"/task/{done_id}/status"}
    assert all(r.json == {"status": "canceled"} for r in cancels)
    _done(ctrl)


def test_polling_notices_status_change_and_downloads(
    qtbot: Any, qgis_iface: Any, emulator: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "capella_qgis.gui.tasking.requests_controller.push_message",
        lambda title, text, *a, **k: messages.append((title, text)),
    )
    tr_id = _create(emulator, "track me")
    ctrl = _controller(qgis_iface, emulator, tmp_path)
    _search(qtbot, ctrl)
    assert tr_id in ctrl.poller.tracked
    ctrl.dock.select_ids([tr_id])
    handed: list[TaskingRequestOrder] = []
    ctrl.orderRequested.connect(handed.append)  # the orders controller, in the plugin
    # Opted in with a cost cap (the dialog's answer); ordering itself is tested with the
    # orders controller in test_requests_spending.py.
    assert ctrl.download_selected_when_completed(cost_cap=Decimal("0")) == [tr_id]
    assert handed == []
    _hook_status(emulator, tr_id, "completed")
    with qtbot.waitSignal(ctrl.statusChanged, timeout=TIMEOUT_MS) as changed:
        assert ctrl.poller.poll_now()
    assert changed.args == [tr_id, "received", "completed"]
    assert any("completed" in text for _t, text in messages)
    assert ctrl.layer.feature(tr_id)["status"] == "completed"
    assert handed == [TaskingRequestOrder((tr_id,), tmp_path, Decimal("0"), "track me")]
    _done(ctrl)


def test_backoff_grows_without_changes(qtbot: Any, qgis_iface: Any, emulator: Any) -> None:
    tr_id = _create(emulator, "quiet")
    ctrl = _controller(qgis_iface, emulator)
    ctrl.poller.track(tr_id, "tasking", "received")
    before = ctrl.poller.interval
    with qtbot.waitSignal(ctrl.poller.polled, timeout=TIMEOUT_MS):
        ctrl.poller.poll_now()
    assert ctrl.poller.interval == before * 2
    _done(ctrl)
    assert QgsProject.instance() is not None

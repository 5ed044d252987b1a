"""Requests dock against the emulator: search, bulk update/cancel, polling, download."""

from __future__ import annotations

from typing import Any

import httpx
from qgis.core import QgsProject

from capella_qgis.core.api.credential import Credential
from capella_qgis.core.models.payloads import TaskingRequestCreate
from capella_qgis.gui.tasking.dock_requests import RequestsDock
from capella_qgis.toolbelt.network import build_client
from capella_qgis.toolbelt.settings import PluginSettings

TIMEOUT_MS = 20_000


def _dock(qtbot: Any, emulator: Any, tmp_path: Any = None) -> RequestsDock:
    dock = RequestsDock(
        PluginSettings(api_url=emulator.url),
        credential=Credential.api_key("demo"),
        download_dir=str(tmp_path) if tmp_path else None,
    )
    dock.pollCheck.setChecked(False)
    qtbot.addWidget(dock)
    return dock


def _create(emulator: Any, name: str) -> str:
    client = build_client(
        PluginSettings(api_url=emulator.url), credential=Credential.api_key("demo")
    )
    req = TaskingRequestCreate(geometry={"type": "Point", "coordinates": [10.0, 50.0]}, name=name)
    return client.create_tasking_request(req).id


def _hook_status(emulator: Any, tr_id: str, code: str) -> None:
    httpx.post(
        f"{emulator.url}/_emulator/task/{tr_id}/status", json={"code": code}
    ).raise_for_status()


def _search(qtbot: Any, dock: RequestsDock) -> int:
    with qtbot.waitSignal(dock.searchFinished, timeout=TIMEOUT_MS) as blocker:
        assert dock.search() is not None
    return int(blocker.args[0])


def test_search_lists_and_draws_requests(qtbot: Any, emulator: Any) -> None:
    tr_id = _create(emulator, "dock search")
    dock = _dock(qtbot, emulator)
    dock.statusCombo.setCurrentIndex(dock.statusCombo.findData("received"))
    count = _search(qtbot, dock)
    assert count >= 1 and tr_id in dock.requests
    searches = [r for r in emulator.requests() if r.path == "/tasks/search"]
    query = searches[-1].json["query"]
    assert query["lastStatusCode"] == {"eq": "received"}
    assert query["includeRepeatingTasks"] == {"eq": False}
    assert "userId" in query
    feature = dock.layer.feature(tr_id)
    assert feature is not None and feature["status"] == "received"
    assert dock.table.rowCount() == count
    dock.shutdown()
    dock.layer.remove_layers()


def test_org_scope_and_filters(qtbot: Any, emulator: Any) -> None:
    dock = _dock(qtbot, emulator)
    dock.scopeCombo.setCurrentIndex(1)
    dock.kindCombo.setCurrentIndex(dock.kindCombo.findData("repeat"))
    dock.tierCombo.setCurrentIndex(dock.tierCombo.findData("routine"))
    dock.submittedCheck.setChecked(True)
    _search(qtbot, dock)
    paths = [r.path for r in emulator.requests() if r.method == "POST"]
    assert "/tasks/search" not in paths and "/repeat-requests/search" in paths
    body = [r for r in emulator.requests() if r.path == "/repeat-requests/search"][-1].json
    flt = body["filter"]
    assert isinstance(flt["organizationIds"], list)
    assert flt["collectionTier"] == {"eq": "routine"}
    assert "gte" in flt["submissionTime"]
    dock.shutdown()
    dock.layer.remove_layers()


def test_bulk_update_and_cancel_mixed_outcomes(qtbot: Any, emulator: Any) -> None:
    ok_id = _create(emulator, "will update")
    done_id = _create(emulator, "already completed")
    _hook_status(emulator, done_id, "completed")
    dock = _dock(qtbot, emulator)
    _search(qtbot, dock)
    dock.select_ids([ok_id, done_id])
    assert sorted(dock.selected_ids()["tasking"]) == sorted([ok_id, done_id])
    with qtbot.waitSignal(dock.bulkFinished, timeout=TIMEOUT_MS) as blocker:
        dock.update_selected({"name": "renamed", "product_types": ["GEO"]})
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
    with qtbot.waitSignal(dock.bulkFinished, timeout=TIMEOUT_MS) as blocker:
        dock.cancel_selected(confirm=False)
    report = blocker.args[0]
    assert report.succeeded == [ok_id]
    assert "finalized" in report.failed[done_id].message
    cancels = [r for r in emulator.requests() if r.path.endswith("/status") and r.method == "PATCH"]
    assert {r.path for r in cancels} == {f"/task/{ok_id}/status", f"/task/{done_id}/status"}
    assert all(r.json == {"status": "canceled"} for r in cancels)
    dock.shutdown()
    dock.layer.remove_layers()


def test_polling_notices_status_change_and_downloads(
    qtbot: Any, emulator: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "capella_qgis.gui.tasking.dock_requests.push_message",
        lambda title, text, *a, **k: messages.append((title, text)),
    )
    tr_id = _create(emulator, "track me")
    dock = _dock(qtbot, emulator, tmp_path)
    _search(qtbot, dock)
    assert tr_id in dock.poller.tracked
    dock.select_ids([tr_id])
    assert dock.download_selected_when_completed() == [tr_id]
    _hook_status(emulator, tr_id, "completed")
    with (
        qtbot.waitSignal(dock.downloadStarted, timeout=TIMEOUT_MS) as started,
        qtbot.waitSignal(dock.statusChanged, timeout=TIMEOUT_MS) as changed,
    ):
        assert dock.poller.poll_now()
    assert changed.args == [tr_id, "received", "completed"]
    assert any("completed" in text for _t, text in messages)
    assert dock.layer.feature(tr_id)["status"] == "completed"
    task = started.args[1]
    with qtbot.waitSignal(task.taskCompleted, timeout=60_000):
        pass
    assert any(p.is_file() for p in tmp_path.rglob("*"))
    dock.shutdown()
    dock.layer.remove_layers()


def test_backoff_grows_without_changes(qtbot: Any, emulator: Any) -> None:
    tr_id = _create(emulator, "quiet")
    dock = _dock(qtbot, emulator)
    dock.poller.track(tr_id, "tasking", "received")
    before = dock.poller.interval
    with qtbot.waitSignal(dock.poller.polled, timeout=TIMEOUT_MS):
        dock.poller.poll_now()
    assert dock.poller.interval == before * 2
    dock.shutdown()
    assert QgsProject.instance() is not None

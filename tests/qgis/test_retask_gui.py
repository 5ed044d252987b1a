"""Retask like this: from a completed request in the Requests dock and from a footprint.

The emulator copies the source's parameters (look angle ±5°); the new request goes to the
cost review like any other, in the Requests dock.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from qgis.core import QgsProject
from qgis.gui import QgsGui
from qgis.PyQt.QtCore import QDateTime
from qgis.PyQt.QtWidgets import QDialogButtonBox

from capella_qgis.core.models.payloads import TaskingRequestCreate
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.footprints import layer as fp
from capella_qgis.gui.tasking.requests_controller import RequestsController
from capella_qgis.gui.tasking.retask_actions import RetaskActions
from capella_qgis.tasks.clients import ClientFactory
from tests.qgis.downloads_support import TIMEOUT_MS, client_for, settings_for
from tests.qgis.lifecycle_support import buttons, flush_events, reset_bar

RETASK = "Retask like this…"


@pytest.fixture
def clients(emulator: Any) -> ClientFactory:
    return ClientFactory(settings_for(emulator), build=lambda: client_for(emulator))


@pytest.fixture
def requests(qgis_iface: Any, clients: ClientFactory) -> Any:
    ctrl = RequestsController(qgis_iface, clients=clients)
    ctrl.install()
    ctrl.dock.pollCheck.setChecked(False)
    reset_bar(qgis_iface.messageBar())
    yield ctrl
    ctrl.unload()
    ctrl.layer.remove_layers()
    QgsProject.instance().removeAllMapLayers()
    reset_bar(qgis_iface.messageBar())


@pytest.fixture
def actions(qgis_iface: Any, clients: ClientFactory, requests: Any) -> Any:
    """The footprint actions, linked to the Requests dock as the plugin links them."""
    retask = RetaskActions(qgis_iface, clients=clients)
    retask.install()
    retask.requestCreated.connect(requests.add_request)
    yield retask
    retask.unload()


def _completed(emulator: Any, name: str) -> str:
    req = TaskingRequestCreate(
        geometry={"type": "Point", "coordinates": [12.5, 41.9]},
        name=name,
        collection_tier="priority",
        collection_type="stripmap_20",
        product_types=["GEO"],
    )
    with client_for(emulator) as client:
        tr_id = client.tasking.create_tasking_request(req).id
    httpx.post(
        f"{emulator.url}/_emulator/task/{tr_id}/status", json={"code": "completed"}
    ).raise_for_status()
    return tr_id


def _retask_posts(emulator: Any, path: str) -> list[Any]:
    return [r for r in emulator.requests("api") if r.method == "POST" and r.path == path]


def _emu_task(emulator: Any, tr_id: str) -> dict[str, Any]:
    with emulator.state.lock:
        return dict(emulator.state.tasks[tr_id])


def _qdt(value: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(value.timestamp() * 1000))


def _ok(dialog: Any) -> Any:
    return dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok)


def _created(qtbot: Any, requests: Any, before: set[str]) -> str:
    qtbot.waitUntil(lambda: bool(set(requests.requests) - before), timeout=TIMEOUT_MS)
    [new_id] = set(requests.requests) - before
    return new_id


def test_retask_a_completed_request_from_the_dock(
    qtbot: Any, requests: Any, emulator: Any, qgis_iface: Any
) -> None:
    emulator.configure(review_delay=60)
    src = _completed(emulator, "first look")
    with qtbot.waitSignal(requests.searchFinished, timeout=TIMEOUT_MS):
        requests.dock.searchButton.click()
    dock = requests.dock
    dock.select_ids([src])
    assert dock.retaskButton.isEnabled()
    assert RETASK in dict(dock.context_actions())
    dock.retaskButton.click()
    dialog = requests.retasker.dialog
    assert dialog is not None and dialog.isVisible()
    assert "first look" in dialog.introLabel.text() and "±5°" in dialog.introLabel.text()
    emulator.clear_requests()
    dialog.nameEdit.setText("second look")
    dialog.windowCheck.setChecked(True)
    start = datetime.now(timezone.utc).replace(second=0, microsecond=0) + timedelta(days=2)
    dialog.windowOpenEdit.setDateTime(_qdt(start))
    dialog.windowCloseEdit.setDateTime(_qdt(start + timedelta(days=3)))
    before = set(requests.requests)
    _ok(dialog).click()
    new_id = _created(qtbot, requests, before)
    [post] = _retask_posts(emulator, f"/task/{src}/retask")
    assert post.json == {
        "taskingrequestName": "second look",
        "windowOpen": start.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "windowClose": (start + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "preApproval": False,
    }
    # The Console copied the source: its mode, tier and the collect's look (±5°).
    new = _emu_task(emulator, new_id)
    props, source = new["properties"], _emu_task(emulator, src)
    assert props["collectionType"] == "stripmap_20" and props["collectionTier"] == "priority"
    assert props["retaskedFrom"]["taskingrequestId"] == src
    assert new["geometry"] == source["geometry"]
    with emulator.state.lock:
        [collect] = [c for c in emulator.state.collects[src] if c["collectStatusHistory"]]
    acc = collect["accessProperties"]
    mid = (acc["offNadirMin"] + acc["offNadirMax"]) / 2
    assert props["collectConstraints"]["offNadirMin"] == round(mid - 5, 2)
    assert props["collectConstraints"]["lookDirection"] == acc["lookDirection"]
    # It enters the same cost review: tracked in the dock, announced when priced.
    assert new_id in requests.poller.tracked and requests.requests[new_id][1].status == "received"
    emulator.clock.advance(61)
    with qtbot.waitSignal(requests.statusChanged, timeout=TIMEOUT_MS):
        assert requests.poller.poll_now()
    assert buttons(qgis_iface.messageBar(), "Review cost…")
    assert new_id in dock.waiting_ids()


def test_a_bad_window_is_refused_in_the_dialog_naming_the_field(
    qtbot: Any, requests: Any, emulator: Any
) -> None:
    src = _completed(emulator, "window check")
    with qtbot.waitSignal(requests.searchFinished, timeout=TIMEOUT_MS):
        requests.dock.searchButton.click()
    dialog = requests.retask_request(src)
    dialog.windowCheck.setChecked(True)
    start = datetime.now(timezone.utc) + timedelta(days=2)
    dialog.windowOpenEdit.setDateTime(_qdt(start))
    dialog.windowCloseEdit.setDateTime(_qdt(start - timedelta(days=1)))
    emulator.clear_requests()
    _ok(dialog).click()
    flush_events()
    assert dialog.isVisible(), "it stays open to be fixed"
    assert (
        "Window closes" in dialog.errorLabel.text() and "Window opens" in dialog.errorLabel.text()
    )
    assert _retask_posts(emulator, f"/task/{src}/retask") == []
    dialog.reject()


def test_retask_only_completed_requests(qtbot: Any, requests: Any, emulator: Any) -> None:
    with client_for(emulator) as client:
        model = client.tasking.create_tasking_request(
            TaskingRequestCreate(geometry={"type": "Point", "coordinates": [1.0, 2.0]}, name="new")
        )
    requests.add_request(model)
    requests.dock.select_ids([model.id])
    assert not requests.dock.retaskButton.isEnabled()
    assert requests.retask_request(model.id) is None
    assert requests.retasker.dialog is None


def _footprints(emulator: Any, tmp_path: Path) -> Any:
    with client_for(emulator) as client:
        result = client.catalog.search(CatalogQuery(filters={"product_type": "GEO"}, limit=3))
    out = fp.write_footprints(result, tmp_path / "fp.gpkg", "geo", search_query={"q": 1})
    return fp.load_footprint_layer(out)


def test_retask_a_footprint_of_a_delivered_product(
    qtbot: Any, actions: Any, requests: Any, emulator: Any, tmp_path: Path
) -> None:
    layer = _footprints(emulator, tmp_path)
    [action] = [
        a for a in QgsGui.mapLayerActionRegistry().mapLayerActions(layer) if a.text() == RETASK
    ]
    feature = next(f for f in layer.getFeatures() if f["look_angle"])
    collect_id, look = feature["collect_id"], float(feature["look_angle"])
    action.triggerForFeature(layer, feature)
    dialog = actions.retasker.dialog
    assert dialog is not None and dialog.isVisible()
    assert feature["stac_id"] in dialog.introLabel.text()
    assert f"{look:.1f}°" in dialog.introLabel.text()
    emulator.clear_requests()
    before = set(requests.requests)
    _ok(dialog).click()  # nothing overridden: everything copied
    new_id = _created(qtbot, requests, before)
    [post] = _retask_posts(emulator, f"/collects/{collect_id}/retask")
    assert post.json == {"preApproval": False}
    props = _emu_task(emulator, new_id)["properties"]
    constraints = props["collectConstraints"]
    assert constraints["offNadirMin"] == round(max(0.0, look - 5), 2)
    assert constraints["offNadirMax"] == round(min(90.0, look + 5), 2)
    assert constraints["lookDirection"] == feature["observation_direction"]
    assert constraints["ascDsc"] == feature["orbit_state"]
    assert props["retaskedFrom"]["collectId"] == collect_id
    assert requests.requests[new_id][1].properties.name == props["taskingrequestName"]
    assert requests.requests[new_id][1].status == "received", "on to the cost review"


def test_unload_removes_the_footprint_actions(
    qgis_iface: Any, clients: ClientFactory, emulator: Any, tmp_path: Path
) -> None:
    retask = RetaskActions(qgis_iface, clients=clients)
    retask.install()
    layer = _footprints(emulator, tmp_path)
    registry = QgsGui.mapLayerActionRegistry()
    assert [a.text() for a in registry.mapLayerActions(layer)].count(RETASK) == 1
    retask.unload()
    assert RETASK not in [a.text() for a in registry.mapLayerActions(layer)]
    assert retask.layer_actions == {}
    QgsProject.instance().removeAllMapLayers()

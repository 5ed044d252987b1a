"""Tasking form contracts: fetched from GET /organization when the form opens, checked inline."""

from __future__ import annotations

from typing import Any

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry
from qgis.PyQt.QtCore import Qt

from capella_qgis.core.api.credential import Credential
from capella_qgis.gui.tasking.controller import TaskingController
from capella_qgis.gui.tasking.dlg_tasking import TaskingDialog
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.toolbelt.settings import PluginSettings

TIMEOUT_MS = 20_000
POINT = QgsGeometry.fromWkt("POINT (-105.12036 39.96533)")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def _controller(qgis_iface: Any, emulator: Any, **kw: Any) -> TaskingController:
    kw.setdefault("credential", Credential.api_key("demo"))
    clients = ClientFactory(PluginSettings(api_url=emulator.url), **kw)
    return TaskingController(qgis_iface, clients=clients)


def _open(qtbot: Any, ctrl: TaskingController) -> TaskingDialog:
    dlg = ctrl.open_form(POINT, WGS84)
    qtbot.addWidget(dlg)
    # The contracts task reports through the event loop; wait until it has.
    qtbot.waitUntil(lambda: ctrl.contracts_task is None, timeout=TIMEOUT_MS)
    # Opening over a map also searches the archive for the AOI (POST /catalog/search).
    qtbot.waitUntil(lambda: ctrl.archive_task is None, timeout=TIMEOUT_MS)
    dlg.nameEdit.setText("contract test")
    return dlg


def _combo_items(dlg: TaskingDialog) -> list[str]:
    combo = dlg.contractCombo
    return [combo.itemText(i) for i in range(combo.count())]


def _posts(emulator: Any) -> list[Any]:
    return [r for r in emulator.requests() if r.method == "POST" and r.path == "/task"]


def test_combo_lists_the_organization_contracts(qtbot: Any, qgis_iface: Any, emulator: Any) -> None:
    ctrl = _controller(qgis_iface, emulator)
    dlg = _open(qtbot, ctrl)
    assert [r.path for r in emulator.requests() if r.method == "GET"] == ["/organization"]
    assert dlg.contractCombo.isEditable()
    # Empty first entry = the organization's default contract.
    assert _combo_items(dlg) == ["", "contract-123", "contract-456"]
    assert dlg.contracts == ["contract-123", "contract-456"]
    assert dlg.contractCombo.currentText() == ""
    assert dlg.contractCombo.lineEdit().placeholderText() == "organization default"
    assert dlg.contractCombo.itemData(2, Qt.ItemDataRole.ToolTipRole) == "Research contract"
    assert dlg.validate() is not None and dlg.error_text == ""
    ctrl.unload()


def test_known_contract_is_sent_as_top_level_contract_id(
    qtbot: Any, qgis_iface: Any, emulator: Any
) -> None:
    ctrl = _controller(qgis_iface, emulator)
    dlg = _open(qtbot, ctrl)
    dlg.contractCombo.setCurrentIndex(dlg.contractCombo.findText("contract-456"))
    assert dlg.review(), dlg.error_text
    with qtbot.waitSignal(dlg.requestCreated, timeout=TIMEOUT_MS):
        assert dlg.submit()
    posts = _posts(emulator)
    assert len(posts) == 1
    assert posts[0].json["contractId"] == "contract-456"
    assert "contractId" not in posts[0].json["properties"]
    ctrl.unload()


def test_unknown_contract_is_refused_inline_and_nothing_sent(
    qtbot: Any, qgis_iface: Any, emulator: Any
) -> None:
    ctrl = _controller(qgis_iface, emulator)
    dlg = _open(qtbot, ctrl)
    emulator.clear_requests()
    dlg.contractCombo.setEditText("contract-999")
    assert dlg.validate() is None
    assert dlg.error_text == (
        "Contract: unknown contract 'contract-999' for your organization; choose one of "
        "contract-123, contract-456, or leave it empty for the organization's default contract."
    )
    assert not dlg.reviewButton.isEnabled()
    assert dlg.review() is False
    assert dlg.submit() is False
    qtbot.wait(200)
    assert emulator.requests() == []
    # Back to a known one: the refusal goes away.
    dlg.contractCombo.setEditText("contract-123")
    assert dlg.validate() is not None and dlg.error_text == ""
    ctrl.unload()


def test_without_organization_endpoint_any_contract_is_free_text(
    qtbot: Any, qgis_iface: Any, emulator: Any
) -> None:
    emulator.faults.add(
        "status", "/organization", method="GET", status=404, body={"message": "Not Found"}
    )
    ctrl = _controller(qgis_iface, emulator)
    dlg = _open(qtbot, ctrl)
    assert [r.path for r in emulator.requests() if r.method == "GET"] == ["/organization"]
    assert dlg.contracts is None
    assert _combo_items(dlg) == []
    assert dlg.contractCombo.lineEdit().placeholderText() == "organization default"
    dlg.contractCombo.setEditText("contract-999")  # not refused: the list is unknown
    assert dlg.validate() is not None and dlg.error_text == ""
    dlg.contractCombo.setEditText("contract-456")
    assert dlg.review(), dlg.error_text
    with qtbot.waitSignal(dlg.requestCreated, timeout=TIMEOUT_MS):
        assert dlg.submit()
    posts = _posts(emulator)
    assert len(posts) == 1 and posts[0].json["contractId"] == "contract-456"
    ctrl.unload()


def test_no_credential_means_no_fetch(qtbot: Any, qgis_iface: Any, emulator: Any) -> None:
    ctrl = TaskingController(
        qgis_iface, clients=ClientFactory(PluginSettings(api_url=emulator.url))
    )
    dlg = ctrl.open_form(POINT, WGS84)
    qtbot.addWidget(dlg)
    assert ctrl.contracts_task is None and dlg.contracts is None
    dlg.nameEdit.setText("no credential")
    dlg.contractCombo.setEditText("anything")
    assert dlg.validate() is not None
    qtbot.wait(100)
    assert emulator.requests() == []
    ctrl.unload()

"""Opportunities in the tasking form, against the emulator: the task and its cancel, the layer,
the grouped summary, constraints pre-filled from a group or a pass, the archive footprints."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsProject
from qgis.PyQt.QtCore import QDateTime

from capella_qgis.core.api.credential import Credential
from capella_qgis.core.models.access import (
    PHYSICAL_ACCESS_NOTE,
    AccessRequestCreate,
    OpportunityResult,
)
from capella_qgis.gui.tasking.controller import TASKING_GROUP, TaskingController
from capella_qgis.gui.tasking.dlg_tasking import TaskingDialog
from capella_qgis.gui.tasking.wdg_opportunities import OFF_NADIR_MARGIN
from capella_qgis.opportunities.layer import group_label
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_base import TaskRunner
from capella_qgis.tasks.task_tasking import CheckOpportunitiesTask
from capella_qgis.toolbelt.settings import PluginSettings

TIMEOUT_MS = 30_000
ROME = QgsGeometry.fromWkt("POINT (12.4924 41.8902)")
ROME_POLYGON = QgsGeometry.fromWkt(
    "POLYGON ((12.45 41.87, 12.53 41.87, 12.53 41.92, 12.45 41.92, 12.45 41.87))"
)
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
ACCESS_PATH = "/ma/accessrequests"

_CONTROLLERS: list[TaskingController] = []


@pytest.fixture(autouse=True)
def _cleanup() -> Iterator[None]:
    yield
    while _CONTROLLERS:
        _CONTROLLERS.pop().unload()
    QgsProject.instance().removeAllMapLayers()
    root = QgsProject.instance().layerTreeRoot()
    for group in root.findGroups():
        root.removeChildNode(group)


@pytest.fixture
def fast_access(emulator: Any) -> Any:
    """Access requests processed within a poll or two (the default takes 2 s)."""
    emulator.configure(access_delay=0.5)
    return emulator


def _clients(emulator: Any) -> ClientFactory:
    return ClientFactory(
        PluginSettings(api_url=emulator.url), credential=Credential.api_key("demo")
    )


def _controller(emulator: Any, iface: Any = None) -> TaskingController:
    ctrl = TaskingController(iface, clients=_clients(emulator))
    _CONTROLLERS.append(ctrl)
    return ctrl


def _form(qtbot: Any, emulator: Any, geometry: QgsGeometry = ROME) -> tuple[Any, TaskingDialog]:
    ctrl = _controller(emulator)
    dlg = ctrl.open_form(geometry, WGS84, contracts=[])
    qtbot.addWidget(dlg)
    return ctrl, dlg


def _access_posts(emulator: Any) -> list[Any]:
    return [r for r in emulator.requests() if r.method == "POST" and r.path.startswith(ACCESS_PATH)]


def _check(qtbot: Any, dlg: TaskingDialog) -> OpportunityResult:
    assert dlg.opportunitiesButton.isEnabled(), dlg.error_text
    with qtbot.waitSignal(dlg.opportunitiesShown, timeout=TIMEOUT_MS) as blocker:
        dlg.opportunitiesButton.click()
    result: OpportunityResult = blocker.args[0]
    return result


# --------------------------------------------------------------------------------- the task


def _run_task(qtbot: Any, emulator: Any, request: Any, **kw: Any) -> dict[str, Any]:
    seen: dict[str, Any] = {"statuses": []}
    runner = TaskRunner()
    task = runner.run(
        CheckOpportunitiesTask,
        request,
        client=_clients(emulator),
        on_success=lambda result: seen.setdefault("result", result),
        on_error=lambda message: seen.setdefault("error", message),
        **kw,
    )
    assert task is not None
    task.statusChanged.connect(lambda status, secs: seen["statuses"].append(status))
    seen["task"] = task
    seen["runner"] = runner
    return seen


def test_task_polls_until_completed_and_lists_the_passes(qtbot: Any, fast_access: Any) -> None:
    request = {
        "geometry": {"type": "Point", "coordinates": [12.4924, 41.8902]},
        "look_direction": "right",
    }
    seen = _run_task(qtbot, fast_access, request)
    qtbot.waitUntil(lambda: "result" in seen or "error" in seen, timeout=TIMEOUT_MS)
    assert "error" not in seen, seen.get("error")
    result = seen["result"]
    assert isinstance(result, OpportunityResult)
    assert result.request.is_accessible and result.opportunities
    assert {o.access_properties.look_direction for o in result.opportunities} == {"right"}
    (post,) = _access_posts(fast_access)
    assert post.json["properties"]["accessConstraints"]["lookDirection"] == "right"
    gets = [r.path for r in fast_access.requests() if r.method == "GET"]
    assert f"/ma/accesses/{result.request.id}" in gets
    assert seen["statuses"][-1] == "completed"


def test_bad_access_request_is_refused_before_a_task_starts(qtbot: Any, emulator: Any) -> None:
    seen = {}
    task = TaskRunner().run(
        CheckOpportunitiesTask,
        {"geometry": {"type": "Point", "coordinates": [12.5, 41.9]}, "off_nadir_min": 95},
        client=_clients(emulator),
        on_error=lambda message: seen.setdefault("error", message),
    )
    assert task is None
    assert "off_nadir_min" in seen["error"]
    assert _access_posts(emulator) == []


def test_cancel_stops_the_wait(qtbot: Any, emulator: Any) -> None:
    # The Console would take two minutes: only the cancel can end the task in time.
    emulator.configure(access_delay=120)
    request = AccessRequestCreate(geometry={"type": "Point", "coordinates": [12.5, 41.9]})
    seen = _run_task(qtbot, emulator, request)
    qtbot.waitUntil(lambda: bool(seen["statuses"]), timeout=TIMEOUT_MS)  # waiting now
    seen["runner"].cancel(seen["task"])
    qtbot.waitUntil(lambda: "error" in seen or "result" in seen, timeout=10_000)
    assert "result" not in seen
    assert "Cancelled" in seen["error"]
    assert not any(r.path.startswith("/ma/accesses/") for r in emulator.requests())


# --------------------------------------------------------------------------------- the form


def test_check_adds_the_layer_and_the_grouped_summary(qtbot: Any, fast_access: Any) -> None:
    ctrl, dlg = _form(qtbot, fast_access)
    dlg.nameEdit.setText("Colosseum")
    dlg.lookCombo.setCurrentIndex(dlg.lookCombo.findData("left"))
    result = _check(qtbot, dlg)

    (post,) = _access_posts(fast_access)
    props = post.json["properties"]
    assert props["accessConstraints"]["lookDirection"] == "left"
    assert props["windowOpen"].startswith(
        dlg.windowOpenEdit.dateTime().toUTC().toString("yyyy-MM-ddTHH:mm")
    )
    assert post.json["geometry"] == dlg.aoi.geojson()

    layer = ctrl.opportunities_layer
    assert layer is not None and layer.name() == "Opportunities: Colosseum"
    assert layer.featureCount() == len(result.opportunities) > 0
    group = QgsProject.instance().layerTreeRoot().findGroup(TASKING_GROUP)
    assert group is not None and group.findLayer(layer.id()) is not None

    widget = dlg.opportunities
    tree = widget.groupTree
    groups = result.groups
    assert tree.topLevelItemCount() == len(groups)
    for index, grp in enumerate(groups):
        item = tree.topLevelItem(index)
        assert item.text(0) == group_label(grp.orbital_plane, grp.ascdsc, grp.look_direction)
        assert item.text(1) == str(grp.count)
        assert item.childCount() == grp.count
    assert sum(int(tree.topLevelItem(i).text(1)) for i in range(len(groups))) == len(
        result.opportunities
    )
    assert (
        f"{len(result.opportunities)} passes in {len(groups)} groups" in widget.statusLabel.text()
    )
    assert widget.noteLabel.text() == PHYSICAL_ACCESS_NOTE
    assert widget.noteLabel.isVisibleTo(dlg) and dlg.tabs.currentWidget() is dlg.opportunitiesTab
    assert dlg.opportunitiesButton.isEnabled()  # can be checked again


def test_a_second_check_replaces_the_forms_layer(qtbot: Any, fast_access: Any) -> None:
    ctrl, dlg = _form(qtbot, fast_access)
    _check(qtbot, dlg)
    first = ctrl.opportunities_layer_id
    dlg.ascDscCombo.setCurrentIndex(dlg.ascDscCombo.findData("ascending"))
    result = _check(qtbot, dlg)
    assert QgsProject.instance().mapLayer(first) is None
    layer = ctrl.opportunities_layer
    assert layer is not None and layer.featureCount() == len(result.opportunities)
    assert layer.name() == "Opportunities: 12.4924, 41.8902"  # no name yet: the AOI
    assert {o.access_properties.ascdsc for o in result.opportunities} == {"ascending"}


def test_choosing_a_group_prefills_the_constraints(qtbot: Any, fast_access: Any) -> None:
    ctrl, dlg = _form(qtbot, fast_access)
    dlg.nameEdit.setText("group")
    result = _check(qtbot, dlg)
    groups = result.groups
    index = 1 if len(groups) > 1 else 0
    chosen = groups[index]
    dlg.opportunities.select_group(index)
    expected = chosen.constraints(OFF_NADIR_MARGIN)
    assert dlg.opportunities.apply_selected() == expected
    assert expected["orbital_planes"] == [chosen.orbital_plane]

    checks = {45: dlg.plane45Check, 53: dlg.plane53Check, 97: dlg.plane97Check}
    assert [p for p, c in checks.items() if c.isChecked()] == [chosen.orbital_plane]
    assert dlg.ascDscCombo.currentData() == chosen.ascdsc
    assert dlg.lookCombo.currentData() == chosen.look_direction
    # The range as the spin boxes show it (one decimal), rounded outwards: it holds the group.
    low, high = chosen.off_nadir_range
    form_low, form_high = dlg.offNadirMinSpin.value(), dlg.offNadirMaxSpin.value()
    assert 0 <= expected["off_nadir_min"] - form_low < 0.1
    assert 0 <= form_high - expected["off_nadir_max"] < 0.1
    assert form_low <= low - OFF_NADIR_MARGIN + 1e-9 and high + OFF_NADIR_MARGIN - 1e-9 <= form_high
    assert "Constraints set" in dlg.opportunities.appliedLabel.text()

    # The passes of the group are the selection on the map.
    layer = ctrl.opportunities_layer
    selected = {f["access_id"] for f in layer.getSelectedFeatures()}
    assert selected == {o.access_id for o in chosen.opportunities}

    # The request aims at that group: the body sent carries the pre-filled constraints.
    assert dlg.review(), dlg.error_text
    sent = dlg.payload()["properties"]["collectConstraints"]
    assert sent["orbitalPlanes"] == [chosen.orbital_plane]
    assert sent["ascDsc"] == chosen.ascdsc and sent["lookDirection"] == chosen.look_direction
    assert sent["offNadirMin"] == pytest.approx(form_low)
    assert sent["offNadirMax"] == pytest.approx(form_high)


def test_choosing_one_pass_prefills_its_constraints(qtbot: Any, fast_access: Any) -> None:
    ctrl, dlg = _form(qtbot, fast_access)
    result = _check(qtbot, dlg)
    tree = dlg.opportunities.groupTree
    child = tree.topLevelItem(0).child(0)
    tree.setCurrentItem(child)
    opportunity = dlg.opportunities.selected()
    assert opportunity in result.opportunities
    tree.itemDoubleClicked.emit(child, 0)  # a double-click uses it
    expected = opportunity.constraints(OFF_NADIR_MARGIN)
    assert 0 <= expected["off_nadir_min"] - dlg.offNadirMinSpin.value() < 0.1
    assert 0 <= dlg.offNadirMaxSpin.value() - expected["off_nadir_max"] < 0.1
    assert dlg.lookCombo.currentData() == opportunity.access_properties.look_direction
    assert [f["access_id"] for f in ctrl.opportunities_layer.getSelectedFeatures()] == [
        opportunity.access_id
    ]


def test_inaccessible_says_so_and_adds_no_layer(qtbot: Any, fast_access: Any) -> None:
    # Plane 45° never reaches 80° N.
    ctrl, dlg = _form(qtbot, fast_access, QgsGeometry.fromWkt("POINT (10 80)"))
    dlg.plane45Check.setChecked(True)
    result = _check(qtbot, dlg)
    assert result.opportunities == [] and result.request.accessibility_status == "inaccessible"
    text = dlg.opportunities.statusLabel.text()
    assert text.startswith("Not accessible: no Capella satellite can see this area")
    assert "relax" in text
    assert ctrl.opportunities_layer is None
    assert not dlg.opportunities.groupTree.isVisibleTo(dlg)
    assert not dlg.opportunities.applyButton.isEnabled()


def test_rejected_request_says_why(qtbot: Any, fast_access: Any) -> None:
    ctrl, dlg = _form(qtbot, fast_access)
    dlg.windowCloseEdit.setDateTime(dlg.windowOpenEdit.dateTime().addDays(20))
    result = _check(qtbot, dlg)
    assert result.request.accessibility_status == "rejected"
    text = dlg.opportunities.statusLabel.text()
    assert text.startswith("The Console rejected the access request:")
    assert "longer than 14 days" in text
    assert ctrl.opportunities_layer is None


def test_invalid_constraints_name_the_field_and_send_nothing(qtbot: Any, emulator: Any) -> None:
    _ctrl, dlg = _form(qtbot, emulator)
    dlg.offNadirMinSpin.setValue(40)
    dlg.offNadirMaxSpin.setValue(20)
    assert not dlg.opportunitiesButton.isEnabled()
    assert "Off-nadir min (40°) must be smaller than Off-nadir max" in dlg.error_text
    assert "Off-nadir min" in dlg.opportunitiesButton.toolTip()
    assert dlg.check_opportunities() is False
    dlg.offNadirMinSpin.setValue(dlg.offNadirMinSpin.minimum())  # "not set"
    assert dlg.opportunitiesButton.isEnabled()
    # A window already over is refused before anything is sent, naming the field.
    past = QDateTime.currentDateTime().addDays(-3)
    dlg.windowOpenEdit.setDateTime(past)
    dlg.windowCloseEdit.setDateTime(past.addDays(1))
    assert not dlg.opportunitiesButton.isEnabled()
    assert "Window close: " in dlg.opportunitiesButton.toolTip()
    assert _access_posts(emulator) == []


def test_repeat_mode_checks_the_first_week(qtbot: Any, fast_access: Any) -> None:
    _ctrl, dlg = _form(qtbot, fast_access)
    dlg.set_mode("repeat")
    _check(qtbot, dlg)
    (post,) = _access_posts(fast_access)
    props = post.json["properties"]
    start = dlg.repeatStartEdit.dateTime().toUTC()
    assert props["windowOpen"].startswith(start.toString("yyyy-MM-ddTHH:mm"))
    assert props["windowClose"].startswith(start.addDays(7).toString("yyyy-MM-ddTHH:mm"))


def test_network_error_reads_like_other_failures(qtbot: Any, emulator: Any) -> None:
    emulator.faults.add("status", f"{ACCESS_PATH}*", method="POST", status=500)
    _ctrl, dlg = _form(qtbot, emulator)
    dlg.opportunitiesButton.click()
    widget = dlg.opportunities
    qtbot.waitUntil(lambda: not widget.running, timeout=TIMEOUT_MS)
    text = widget.statusLabel.text()
    assert text.startswith("Opportunities not checked: ")
    # The words of every other failure (user_message), not an exception's repr.
    assert text == (
        "Opportunities not checked: Internal Server Error. The Capella Console had a problem; "
        "try again in a few minutes."
    )
    assert dlg.opportunitiesButton.isEnabled()


def test_cancel_from_the_form(qtbot: Any, emulator: Any) -> None:
    emulator.configure(access_delay=120)
    ctrl, dlg = _form(qtbot, emulator)
    dlg.opportunitiesButton.click()
    widget = dlg.opportunities
    assert widget.running and widget.cancelButton.isVisibleTo(dlg)
    qtbot.waitUntil(lambda: "queued" in widget.statusLabel.text(), timeout=TIMEOUT_MS)
    widget.cancelButton.click()
    qtbot.waitUntil(lambda: not widget.running, timeout=10_000)
    assert "Cancelled" in widget.statusLabel.text()
    assert ctrl.opportunities_layer is None and dlg.opportunitiesButton.isEnabled()


def test_closing_the_form_drops_its_check(qtbot: Any, emulator: Any) -> None:
    emulator.configure(access_delay=120)
    ctrl, dlg = _form(qtbot, emulator)
    dlg.opportunitiesButton.click()
    task = ctrl.opportunities_task
    assert task is not None
    dlg.reject()
    assert ctrl.opportunities_task is None
    qtbot.waitUntil(lambda: task not in ctrl.tasks, timeout=10_000)


# ------------------------------------------------------------------------------ the archive


def test_archive_footprints_of_the_aoi_appear_with_the_form(
    qtbot: Any, qgis_iface: Any, emulator: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "capella_qgis.gui.tasking.controller.footprint_storage_path",
        lambda *a: tmp_path / "footprints.gpkg",
    )
    ctrl = _controller(emulator, qgis_iface)
    dlg = ctrl.open_form(ROME_POLYGON, WGS84, contracts=[])
    qtbot.addWidget(dlg)
    assert "looking for existing captures" in dlg.archiveLabel.text()
    qtbot.waitUntil(lambda: ctrl.archive_task is None, timeout=TIMEOUT_MS)
    (search,) = [r for r in emulator.requests() if r.path == "/catalog/search"]
    assert search.json["intersects"] == dlg.aoi.geojson(7)
    layer = ctrl.archive_layer
    assert layer is not None, dlg.archiveLabel.text()
    count = layer.featureCount()
    assert count > 0
    captures = len({f["collect_id"] for f in layer.getFeatures()})
    text = dlg.archiveLabel.text()
    assert f"{captures} captures of this AOI exist already ({count} products" in text
    assert layer.name() in text
    # Every footprint touches the AOI.
    aoi = dlg.aoi.geometry
    assert all(f.geometry().intersects(aoi) for f in layer.getFeatures())


def test_archive_without_captures_says_a_new_acquisition_is_needed(
    qtbot: Any, qgis_iface: Any, emulator: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "capella_qgis.gui.tasking.controller.footprint_storage_path",
        lambda *a: tmp_path / "footprints.gpkg",
    )
    ctrl = _controller(emulator, qgis_iface)
    dlg = ctrl.open_form(QgsGeometry.fromWkt("POINT (-150 -60)"), WGS84, contracts=[])  # ocean
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: ctrl.archive_task is None, timeout=TIMEOUT_MS)
    assert ctrl.archive_layer is None
    assert "no existing capture of this AOI" in dlg.archiveLabel.text()

"""Tasking form: request bodies sent to the emulator match the contract field by field."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry
from qgis.PyQt.QtCore import QDateTime, QTimeZone

from capella_qgis.core.api.credential import Credential
from capella_qgis.gui.tasking.controller import TaskingController
from capella_qgis.gui.tasking.dlg_tasking import TaskingDialog
from capella_qgis.gui.tasking.params import MODE_INSAR, MODE_REPEAT, MODE_TASKING
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.toolbelt.settings import PluginSettings

TIMEOUT_MS = 20_000
POINT = QgsGeometry.fromWkt("POINT (-105.12036 39.96533)")
POLYGON = QgsGeometry.fromWkt("POLYGON ((10 50, 10.05 50, 10.05 50.05, 10 50.05, 10 50))")


# The controllers of the forms opened by a test, unloaded (with their forms) after it.
_CONTROLLERS: list[TaskingController] = []


@pytest.fixture(autouse=True)
def _unload_controllers() -> Iterator[None]:
    yield
    while _CONTROLLERS:
        _CONTROLLERS.pop().unload()


def _dialog(qtbot: Any, emulator: Any, geometry: QgsGeometry = POINT, **kw: Any) -> TaskingDialog:
    """The form as the tasking controller opens it; the controller creates the request."""
    clients = ClientFactory(
        PluginSettings(api_url=emulator.url), credential=Credential.api_key("demo")
    )
    ctrl = TaskingController(None, clients=clients)
    _CONTROLLERS.append(ctrl)
    dlg = ctrl.open_form(geometry, QgsCoordinateReferenceSystem("EPSG:4326"), **kw)
    # The organization's contracts arrive through the event loop; wait for them.
    qtbot.waitUntil(lambda: ctrl.contracts_task is None, timeout=TIMEOUT_MS)
    return dlg


def _set_dt(edit: Any, text: str) -> None:
    dt = datetime.fromisoformat(text)
    offset = int(dt.utcoffset().total_seconds()) if dt.tzinfo else 0
    # The user types local time; the form shows the zone and converts to UTC.
    edit.setDateTime(QDateTime(dt.date(), dt.time(), QTimeZone(offset)).toLocalTime())


def _submit(qtbot: Any, emulator: Any, dlg: TaskingDialog) -> dict[str, Any]:
    assert dlg.review(), dlg.error_text
    shown = dlg.jsonView.toPlainText()
    with qtbot.waitSignal(dlg.requestCreated, timeout=TIMEOUT_MS) as blocker:
        assert dlg.submit()
    assert blocker.args[0].id
    posts = [
        r
        for r in emulator.requests()
        if r.method == "POST" and r.path in ("/task", "/repeat-requests")
    ]
    assert len(posts) == 1
    import json

    assert json.loads(shown) == posts[0].json  # the summary showed exactly what was sent
    return posts[0].json


def test_point_defaults_and_timezone_converted(qtbot: Any, emulator: Any) -> None:
    dlg = _dialog(qtbot, emulator)
    dlg.nameEdit.setText("point tasking request #127")
    _set_dt(dlg.windowOpenEdit, "2030-05-01T14:00:00+02:00")
    _set_dt(dlg.windowCloseEdit, "2030-05-08T14:00:00+02:00")
    body = _submit(qtbot, emulator, dlg)
    assert body["type"] == "Feature"
    assert body["geometry"] == {"type": "Point", "coordinates": [-105.12036, 39.96533]}
    props = body["properties"]
    assert props == {
        "taskingrequestName": "point tasking request #127",
        "taskingrequestDescription": "",
        "windowOpen": "2030-05-01T12:00:00.000Z",
        "windowClose": "2030-05-08T12:00:00.000Z",
        "collectionTier": "standard",
        "collectionType": "spotlight",
        "archiveHoldback": "none",
        "customAttribute1": None,
        "customAttribute2": None,
        "preApproval": False,
        "collectConstraints": {"ascDsc": "either", "lookDirection": "either", "squint": "enabled"},
    }
    assert "contractId" not in body


def test_default_window_is_now_plus_seven_days(qtbot: Any, emulator: Any) -> None:
    dlg = _dialog(qtbot, emulator)
    opened = dlg.windowOpenEdit.dateTime()
    assert abs(opened.secsTo(QDateTime.currentDateTime())) < 120
    assert opened.daysTo(dlg.windowCloseEdit.dateTime()) == 7


def test_polygon_every_field_and_constraint(qtbot: Any, emulator: Any) -> None:
    dlg = _dialog(qtbot, emulator, POLYGON, contracts=["contract-123", "contract-456"])
    dlg.nameEdit.setText("polygon")
    dlg.descriptionEdit.setPlainText("all fields")
    dlg.tierCombo.setCurrentIndex(dlg.tierCombo.findData("priority"))
    dlg.typeCombo.setCurrentIndex(dlg.typeCombo.findData("stripmap_20"))
    from capella_qgis.gui.tasking.form_fields import set_products

    set_products(dlg.productList, ["GEO", "SICD"])
    dlg.holdbackCombo.setCurrentIndex(dlg.holdbackCombo.findData("30_day"))
    dlg.attr1Edit.setText("a1")
    dlg.attr2Edit.setText("a2")
    dlg.preApprovalCheck.setChecked(True)
    dlg.contractCombo.setEditText("contract-456")
    _set_dt(dlg.windowOpenEdit, "2030-01-01T00:00:00+00:00")
    _set_dt(dlg.windowCloseEdit, "2030-01-03T00:00:00+00:00")
    dlg.offNadirMinSpin.setValue(5)
    dlg.offNadirMaxSpin.setValue(45.5)
    dlg.imageWidthSpin.setValue(5000)
    dlg.plane45Check.setChecked(True)
    dlg.plane53Check.setChecked(True)
    dlg.ascDscCombo.setCurrentIndex(dlg.ascDscCombo.findData("ascending"))
    dlg.lookCombo.setCurrentIndex(dlg.lookCombo.findData("right"))
    dlg.localTimeCombo.setCurrentIndex(dlg.localTimeCombo.findData("__custom__"))
    dlg.localTimeEdit.setText("06:00-09:00, 18:00-21:30")
    dlg.polarizationCombo.setCurrentIndex(dlg.polarizationCombo.findData("VV"))
    dlg.azMinSpin.setValue(340)
    dlg.azMaxSpin.setValue(20)
    dlg.squintCombo.setCurrentIndex(dlg.squintCombo.findData("forward"))
    dlg.maxSquintSpin.setValue(12)
    assert dlg.compass.span() == 40  # wrap-around 340 → 20
    body = _submit(qtbot, emulator, dlg)
    assert body["contractId"] == "contract-456"
    assert body["geometry"]["type"] == "Polygon"
    assert len(body["geometry"]["coordinates"]) == 1
    props = body["properties"]
    assert props["taskingrequestDescription"] == "all fields"
    assert props["collectionTier"] == "priority"
    assert props["collectionType"] == "stripmap_20"
    assert props["archiveHoldback"] == "30_day"
    assert props["customAttribute1"] == "a1" and props["customAttribute2"] == "a2"
    assert props["preApproval"] is True
    assert props["processingConfig"] == {"productTypes": ["GEO", "SICD"]}
    assert props["windowOpen"] == "2030-01-01T00:00:00.000Z"
    assert props["windowClose"] == "2030-01-03T00:00:00.000Z"
    assert props["collectConstraints"] == {
        "ascDsc": "ascending",
        "lookDirection": "right",
        "squint": "forward",
        "offNadirMin": 5,
        "offNadirMax": 45.5,
        "imageWidth": 5000,
        "orbitalPlanes": [45, 53],
        "localTime": [[21600, 32400], [64800, 77400]],
        "polarization": "VV",
        "azimuthAngleMin": 340,
        "azimuthAngleMax": 20,
        "maxSquintAngle": 12,
    }


def test_polygon_default_squint_disabled_and_local_time_string(qtbot: Any, emulator: Any) -> None:
    dlg = _dialog(qtbot, emulator, POLYGON)
    dlg.nameEdit.setText("p")
    dlg.localTimeCombo.setCurrentIndex(dlg.localTimeCombo.findData("night"))
    body = _submit(qtbot, emulator, dlg)
    cc = body["properties"]["collectConstraints"]
    assert cc == {
        "ascDsc": "either",
        "lookDirection": "either",
        "squint": "disabled",
        "localTime": "night",
    }


@pytest.mark.parametrize("cadence", ["until_cancelled", "end", "count"])
def test_repeat_cadences(qtbot: Any, emulator: Any, cadence: str) -> None:
    dlg = _dialog(qtbot, emulator, mode=MODE_REPEAT)
    dlg.nameEdit.setText(f"rr {cadence}")
    _set_dt(dlg.repeatStartEdit, "2030-05-01T02:00:00+02:00")
    _set_dt(dlg.repeatEndEdit, "2030-06-01T00:00:00+00:00")
    dlg.repeatCountSpin.setValue(5)
    dlg.cadenceCombo.setCurrentIndex(dlg.cadenceCombo.findData(cadence))
    if cadence == "count":
        dlg.intervalCombo.setCurrentIndex(dlg.intervalCombo.findData("__custom__"))
        dlg.intervalSpin.setValue(3)
    else:
        dlg.intervalCombo.setCurrentIndex(dlg.intervalCombo.findData(14))
    dlg.windowDurationSpin.setValue(48)
    dlg.framingCheck.setChecked(True)
    dlg.lookTolSpin.setValue(10)
    dlg.azTolSpin.setValue(15)
    assert dlg.repeatEndEdit.isEnabled() == (cadence == "end")
    assert dlg.repeatCountSpin.isEnabled() == (cadence == "count")
    body = _submit(qtbot, emulator, dlg)
    props = body["properties"]
    assert "windowOpen" not in props and "preApproval" not in props and "pre_approval" not in props
    assert props["repeatrequestName"] == f"rr {cadence}"
    assert props["collectionTier"] == "routine"
    assert props["windowDuration"] == 48 * 3600
    rep = props["repetitionProperties"]
    expected = {
        "repeatStart": "2030-05-01T00:00:00.000Z",
        "repetitionInterval": 3 if cadence == "count" else 14,
        "maintainSceneFraming": True,
        "lookAngleTolerance": 10,
        "azimuthAngleTolerance": 15,
    }
    if cadence == "end":
        expected["repeatEnd"] = "2030-06-01T00:00:00.000Z"
    if cadence == "count":
        expected["repetitionCount"] = 5
    assert rep == expected
    assert "insar" not in props
    assert dlg.stack_text()


@pytest.mark.parametrize(("orbit", "plane"), [("MIO_53_2P95", 53), ("SSO_97_7P00", 97)])
def test_insar_orbits(qtbot: Any, emulator: Any, orbit: str, plane: int) -> None:
    dlg = _dialog(qtbot, emulator, mode=MODE_INSAR)
    dlg.nameEdit.setText("insar")
    dlg.orbitCombo.setCurrentIndex(dlg.orbitCombo.findData(orbit))
    _set_dt(dlg.repeatStartEdit, "2030-05-01T00:00:00+00:00")
    dlg.cadenceCombo.setCurrentIndex(dlg.cadenceCombo.findData("count"))
    dlg.repeatCountSpin.setValue(4)
    assert "revisit" in dlg.orbitInfoLabel.text()
    # An InSAR stack repeats on its orbit's revisit in whole days (2.95 → 3; docs/tasking.md
    # "InSAR orbits: interval sent"): the preview steps by the interval the body sends.
    # Choosing the orbit sets it (weekly, the default, is no multiple of 3).
    interval = {"MIO_53_2P95": 3, "SSO_97_7P00": 7}[orbit]
    chosen = dlg.intervalCombo.currentData()
    assert (dlg.intervalSpin.value() if chosen == "__custom__" else chosen) == interval
    assert dlg.error_text == "", dlg.error_text
    dates, open_ended = dlg.planned_dates()
    assert len(dates) == 4 and not open_ended
    assert {(b - a).total_seconds() for a, b in zip(dates, dates[1:])} == {interval * 86400.0}
    body = _submit(qtbot, emulator, dlg)
    assert body["properties"]["repetitionProperties"]["repetitionInterval"] == interval
    props = body["properties"]
    assert props["collectionTier"] == "insar"
    assert props["insar"] == {"orbit": orbit}
    assert props["processingConfig"] == {"productTypes": ["SLC", "GEO"]}
    assert props["collectConstraints"]["squint"] == "disabled"
    assert props["collectConstraints"]["orbitalPlanes"] == [plane]
    assert props["repetitionProperties"]["repetitionCount"] == 4


def test_summary_shows_aoi_on_mini_map(qtbot: Any, emulator: Any) -> None:
    dlg = _dialog(qtbot, emulator, POLYGON)
    dlg.nameEdit.setText("map")
    assert dlg.review()
    canvas = dlg.mini_canvas
    assert canvas is not None and [layer.name() for layer in canvas.layers()] == ["AOI", "World"]
    assert canvas.extent().contains(dlg.aoi.geometry.boundingBox())
    assert emulator.requests() == [] or all(r.method != "POST" for r in emulator.requests())


def test_reprojected_aoi_and_z_dropped(qtbot: Any, emulator: Any) -> None:
    geom = QgsGeometry.fromWkt("POINT Z (1113194.9 6446275.8 120)")
    dlg = _dialog(qtbot, emulator)
    dlg.set_aoi(geom, QgsCoordinateReferenceSystem("EPSG:3857"))
    dlg.nameEdit.setText("3857")
    payload = dlg.payload()
    assert payload is not None
    lon, lat = payload["geometry"]["coordinates"]
    assert lon == pytest.approx(10, abs=1e-4) and lat == pytest.approx(50, abs=1e-4)
    assert len(payload["geometry"]["coordinates"]) == 2


def test_mode_tasking_available(qtbot: Any, emulator: Any) -> None:
    dlg = _dialog(qtbot, emulator, mode=MODE_TASKING)
    assert not dlg.tabs.isTabEnabled(1)
    dlg.set_mode(MODE_REPEAT)
    assert dlg.tabs.isTabEnabled(1) and not dlg.windowOpenEdit.isEnabled()


def test_offset_datetime_converted_not_dropped() -> None:
    from capella_qgis.gui.tasking.form_fields import qdt_to_utc

    value = QDateTime(
        datetime(2030, 5, 1, 14).date(), datetime(2030, 5, 1, 14).time(), QTimeZone(7200)
    )
    assert qdt_to_utc(value).isoformat() == "2030-05-01T12:00:00+00:00"

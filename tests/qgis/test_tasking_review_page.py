"""The tasking form's review page: the request in words first, the JSON body behind a toggle,
and a mini map with the AOI over the world outline (#14: it was raw JSON and a dot on a blank
square)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsMapRendererSequentialJob,
)
from qgis.PyQt.QtCore import QDateTime, QSize, QTimeZone
from qgis.PyQt.QtGui import QColor, QImage

from capella_qgis.core.api.credential import Credential
from capella_qgis.gui.aoi.maptool_aoi import format_area
from capella_qgis.gui.tasking.controller import TaskingController
from capella_qgis.gui.tasking.dlg_tasking import TaskingDialog
from capella_qgis.gui.tasking.timetext import when
from capella_qgis.gui.tasking.wdg_aoi_preview import LAND, MIN_SPAN_DEG, WATER, world_map_path
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.toolbelt.settings import PluginSettings

TIMEOUT_MS = 20_000
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
ROME_POINT = QgsGeometry.fromWkt("POINT (12.4924 41.8902)")
ROME_POLYGON = QgsGeometry.fromWkt(
    "POLYGON ((12.45 41.87, 12.53 41.87, 12.53 41.92, 12.45 41.92, 12.45 41.87))"
)

_CONTROLLERS: list[TaskingController] = []


@pytest.fixture(autouse=True)
def _unload() -> Iterator[None]:
    yield
    while _CONTROLLERS:
        _CONTROLLERS.pop().unload()


def _form(qtbot: Any, geometry: QgsGeometry = ROME_POLYGON) -> TaskingDialog:
    dlg = TaskingDialog(geometry, WGS84, contracts=[])
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _utc(edit: Any, text: str) -> None:
    """Set a date-time edit to a UTC instant given as ``YYYY-MM-DD HH:MM``."""
    value = QDateTime.fromString(text, "yyyy-MM-dd HH:mm")
    value.setTimeZone(QTimeZone(0))
    edit.setDateTime(value.toLocalTime())


def _rows(dlg: TaskingDialog) -> dict[str, str]:
    return dict(dlg.summary.review_rows)


def test_review_reads_as_words_first_and_the_json_is_behind_a_toggle(qtbot: Any) -> None:
    dlg = _form(qtbot)
    dlg.nameEdit.setText("Rome <centre>")
    now = QDateTime.currentDateTimeUtc().addDays(2)
    start = now.toString("yyyy-MM-dd") + " 06:00"
    end = now.addDays(3).toString("yyyy-MM-dd") + " 18:00"
    _utc(dlg.windowOpenEdit, start)
    _utc(dlg.windowCloseEdit, end)
    dlg.lookCombo.setCurrentIndex(dlg.lookCombo.findData("right"))
    dlg.ascDscCombo.setCurrentIndex(dlg.ascDscCombo.findData("descending"))
    dlg.plane53Check.setChecked(True)
    dlg.offNadirMinSpin.setValue(20)
    dlg.offNadirMaxSpin.setValue(35)
    assert dlg.review(), dlg.error_text

    rows = _rows(dlg)
    assert rows["Mode"] == "Tasking request"
    assert rows["Name"] == "Rome <centre>"
    opened, closed = (
        datetime.strptime(t, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc) for t in (start, end)
    )
    # As the other tasking views show times: local first, UTC beside it.
    assert rows["Window"] == f"{when(opened)} → {when(closed)} (3 days 12 h)"
    assert f"{end[-5:]} UTC" in rows["Window"]
    assert rows["Area of interest"].startswith(f"polygon of {format_area(dlg.aoi.area_km2)}")
    assert rows["Constraints"].split("; ")[:4] == [
        "looking right",
        "descending passes",
        "orbital planes 53°",
        "off-nadir 20–35°",
    ]
    assert rows["Collection"] == "standard tier, spotlight"
    assert rows["Pre-approval"].startswith("no: the Console estimates the cost")
    # Shown as a table, user text escaped.
    text = dlg.reviewText.toPlainText()
    assert "Rome <centre>" in text and "looking right" in text
    assert "&lt;centre&gt;" in dlg.reviewText.toHtml()

    # The readable summary comes first; the body is there on demand, exactly as sent.
    assert dlg.reviewText.isVisibleTo(dlg)
    assert not dlg.jsonView.isVisibleTo(dlg)
    assert dlg.jsonToggle.text() == "Show the JSON body"
    dlg.jsonToggle.click()
    assert dlg.jsonView.isVisibleTo(dlg) and dlg.jsonToggle.text() == "Hide the JSON body"
    assert json.loads(dlg.jsonView.toPlainText()) == dlg.payload()
    dlg.jsonToggle.click()
    assert not dlg.jsonView.isVisibleTo(dlg)


def test_review_of_a_point_with_no_constraints(qtbot: Any) -> None:
    dlg = _form(qtbot, ROME_POINT)
    dlg.nameEdit.setText("point")
    assert dlg.review()
    rows = _rows(dlg)
    assert rows["Area of interest"] == "point 12.49240, 41.89020"
    # Only the squint a point gets by default: nothing narrows the geometry.
    assert rows["Constraints"] == "squint enabled (default)"
    assert rows["Products"] == "the Console's default"
    assert rows["Contract"] == "the organization's default"


def test_review_of_a_repeat_request_lists_its_repetition(qtbot: Any) -> None:
    dlg = _form(qtbot)
    dlg.set_mode("repeat")
    dlg.nameEdit.setText("weekly")
    dlg.cadenceCombo.setCurrentIndex(dlg.cadenceCombo.findData("count"))
    dlg.repeatCountSpin.setValue(5)
    assert dlg.review(), dlg.error_text
    rows = _rows(dlg)
    assert rows["Mode"] == "Repeat request"
    assert rows["Repetition"].endswith(", every 7 days, 5 times")
    assert "Window" not in rows and "Pre-approval" not in rows
    # The planned dates are listed under it.
    assert dlg.summaryStackLabel.text().startswith("Planned acquisitions")
    assert dlg.summaryStackLabel.isVisibleTo(dlg)


def _render(canvas: Any) -> QImage:
    settings = canvas.mapSettings()
    settings.setOutputSize(QSize(240, 240))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def _share(image: QImage, color: str, tolerance: int = 12) -> float:
    """Share of the pixels within ``tolerance`` of ``color`` (every 4th pixel sampled)."""
    target = QColor(color)
    hits = total = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            pixel = image.pixelColor(x, y)
            total += 1
            if all(
                abs(a - b) <= tolerance
                for a, b in (
                    (pixel.red(), target.red()),
                    (pixel.green(), target.green()),
                    (pixel.blue(), target.blue()),
                )
            ):
                hits += 1
    return hits / total


def _orange(image: QImage) -> int:
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if (c := image.pixelColor(x, y)).red() > 200 and 60 < c.green() < 170 and c.blue() < 80
    )


@pytest.mark.skipif(world_map_path() is None, reason="this QGIS ships no world_map.gpkg")
@pytest.mark.parametrize("geometry", [ROME_POINT, ROME_POLYGON], ids=["point", "polygon"])
def test_mini_map_shows_the_aoi_over_the_world_outline(qtbot: Any, geometry: QgsGeometry) -> None:
    dlg = _form(qtbot, geometry)
    dlg.nameEdit.setText("map")
    assert dlg.review()
    canvas = dlg.mini_canvas
    assert canvas is not None
    names = [layer.name() for layer in canvas.layers()]
    assert names == ["AOI", "World"]  # the AOI drawn above the outline
    world = canvas.layers()[1]
    assert world.isValid() and world.featureCount() > 100
    extent = canvas.extent()
    assert extent.contains(dlg.aoi.geometry.boundingBox())
    assert extent.width() >= MIN_SPAN_DEG - 1e-9 and extent.height() >= MIN_SPAN_DEG - 1e-9

    image = _render(canvas)
    # Italy and the sea around Rome: land and water both fill a good part of the map.
    assert _share(image, LAND) > 0.2
    assert _share(image, WATER) > 0.1
    # And the AOI is a marker one can see, not a dot.
    assert _orange(image) >= 40


def test_review_shows_what_the_console_receives(qtbot: Any, emulator: Any) -> None:
    """Submitted through the controller: the rows and the JSON shown are what was posted."""
    clients = ClientFactory(
        PluginSettings(api_url=emulator.url), credential=Credential.api_key("demo")
    )
    ctrl = TaskingController(None, clients=clients)
    _CONTROLLERS.append(ctrl)
    dlg = ctrl.open_form(ROME_POINT, WGS84, contracts=[])
    qtbot.addWidget(dlg)
    dlg.nameEdit.setText("sent as shown")
    dlg.lookCombo.setCurrentIndex(dlg.lookCombo.findData("left"))
    assert dlg.review()
    shown = json.loads(dlg.jsonView.toPlainText())
    rows = _rows(dlg)
    with qtbot.waitSignal(dlg.requestCreated, timeout=TIMEOUT_MS):
        assert dlg.submit()
    (post,) = [r for r in emulator.requests() if r.method == "POST" and r.path == "/task"]
    assert post.json == shown
    props = post.json["properties"]
    assert rows["Name"] == props["taskingrequestName"]
    assert rows["Constraints"].startswith("looking left")
    assert props["collectConstraints"]["lookDirection"] == "left"
    opened = datetime.fromisoformat(props["windowOpen"].replace("Z", "+00:00"))
    assert rows["Window"].startswith(when(opened) + " → ")

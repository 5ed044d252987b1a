"""Table-driven bad AOIs and parameter combinations: each is refused inline, nothing is sent."""

from __future__ import annotations

from typing import Any, Callable, Optional

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry
from qgis.PyQt.QtCore import QDateTime

from capella_qgis.gui.tasking.dlg_tasking import TaskingDialog

POINT = "POINT (10 50)"
POLY = "POLYGON ((10 50, 10.05 50, 10.05 50.05, 10 50.05, 10 50))"


def _idx(combo: Any, data: Any) -> None:
    combo.setCurrentIndex(combo.findData(data))


def _close_before_open(d: TaskingDialog) -> None:
    d.windowCloseEdit.setDateTime(d.windowOpenEdit.dateTime().addSecs(-3600))


def _close_equals_open(d: TaskingDialog) -> None:
    d.windowCloseEdit.setDateTime(d.windowOpenEdit.dateTime())


def _local(text: str) -> Callable[[TaskingDialog], None]:
    def setter(d: TaskingDialog) -> None:
        _idx(d.localTimeCombo, "__custom__")
        d.localTimeEdit.setText(text)

    return setter


def _repeat_end(days: int) -> Callable[[TaskingDialog], None]:
    def setter(d: TaskingDialog) -> None:
        d.set_mode("repeat")
        _idx(d.cadenceCombo, "end")
        start = QDateTime.currentDateTime()
        d.repeatStartEdit.setDateTime(start)
        d.repeatEndEdit.setDateTime(start.addDays(days))

    return setter


def _insar(orbit: Optional[str], planes: tuple[int, ...] = ()) -> Callable[[TaskingDialog], None]:
    def setter(d: TaskingDialog) -> None:
        d.set_mode("insar")
        _idx(d.orbitCombo, orbit)
        for plane in planes:
            getattr(d, f"plane{plane}Check").setChecked(True)

    return setter


def _orbit_with_routine(d: TaskingDialog) -> None:
    d.set_mode("repeat")
    _idx(d.tierCombo, "routine")
    _idx(d.orbitCombo, "MIO_53_2P95")


def _set(**values: Any) -> Callable[[TaskingDialog], None]:
    def setter(d: TaskingDialog) -> None:
        for name, value in values.items():
            widget = getattr(d, name)
            if hasattr(widget, "setValue"):
                widget.setValue(value)
            elif hasattr(widget, "setEditText"):
                widget.setEditText(value)
            else:
                widget.setText(value)

    return setter


def _squint_disabled_with_angle(d: TaskingDialog) -> None:
    _idx(d.squintCombo, "disabled")
    d.maxSquintSpin.setValue(10)


def _nothing(_d: TaskingDialog) -> None:
    pass


# (id, WKT, CRS, setter, expected message fragment)
HOLE = (
    "POLYGON ((10 50, 10.1 50, 10.1 50.1, 10 50.1, 10 50), "
    "(10.02 50.02, 10.05 50.02, 10.05 50.05, 10.02 50.02))"
)
MULTI = (
    "MULTIPOLYGON (((10 50, 10.01 50, 10.01 50.01, 10 50)), "
    "((11 50, 11.01 50, 11.01 50.01, 11 50)))"
)
CASES: list[tuple[str, Optional[str], str, Callable[[TaskingDialog], None], str]] = [
    ("empty-aoi", None, "EPSG:4326", _nothing, "area of interest is empty"),
    ("line", "LINESTRING (10 50, 11 51)", "EPSG:4326", _nothing, "line cannot be used"),
    (
        "hole",
        HOLE,
        "EPSG:4326",
        _nothing,
        "holes cannot be tasked",
    ),
    (
        "bowtie",
        "POLYGON ((10 50, 10.1 50.1, 10.1 50, 10 50.1, 10 50))",
        "EPSG:4326",
        _nothing,
        "polygon is invalid",
    ),
    (
        "antimeridian",
        "POLYGON ((179.9 0, -179.9 0, -179.9 0.1, 179.9 0.1, 179.9 0))",
        "EPSG:4326",
        _nothing,
        "antimeridian",
    ),
    ("too-large", "POLYGON ((0 0, 5 0, 5 5, 0 5, 0 0))", "EPSG:4326", _nothing, "km² limit"),
    (
        "multipolygon",
        MULTI,
        "EPSG:4326",
        _nothing,
        "MultiPolygon cannot be tasked",
    ),
    (
        "multipoint",
        "MULTIPOINT ((10 50), (11 51))",
        "EPSG:4326",
        _nothing,
        "MultiPoint cannot be tasked",
    ),
    ("latitude", "POINT (10 95)", "EPSG:4326", _nothing, "Latitudes must lie"),
    ("wrong-crs", "POINT (500000 4000000)", "EPSG:4326", _nothing, "Latitudes must lie"),
    ("zero-area", "POLYGON ((10 50, 10.1 50, 10.2 50, 10 50))", "EPSG:4326", _nothing, "polygon"),
    (
        "collection",
        "GEOMETRYCOLLECTION (POINT (10 50), LINESTRING (10 50, 11 51))",
        "EPSG:4326",
        _nothing,
        "cannot be used here",
    ),
    ("no-name", POINT, "EPSG:4326", _set(nameEdit=""), "give the request a name"),
    ("blank-name", POINT, "EPSG:4326", _set(nameEdit="   "), "give the request a name"),
    ("close-before-open", POINT, "EPSG:4326", _close_before_open, "must be after Window open"),
    ("close-equals-open", POINT, "EPSG:4326", _close_equals_open, "must be after Window open"),
    (
        "off-nadir-min>max",
        POINT,
        "EPSG:4326",
        _set(offNadirMinSpin=40, offNadirMaxSpin=20),
        "Off-nadir min (40°) must be smaller",
    ),
    (
        "off-nadir-min=max",
        POINT,
        "EPSG:4326",
        _set(offNadirMinSpin=30, offNadirMaxSpin=30),
        "must be smaller than Off-nadir max",
    ),
    ("azimuth-min-only", POINT, "EPSG:4326", _set(azMinSpin=10), "go together"),
    ("azimuth-max-only", POINT, "EPSG:4326", _set(azMaxSpin=10), "go together"),
    (
        "squint-angle-disabled",
        POINT,
        "EPSG:4326",
        _squint_disabled_with_angle,
        "cannot be used with squint 'disabled'",
    ),
    (
        "unknown-contract",
        POINT,
        "EPSG:4326",
        _set(contractCombo="contract-999"),
        "unknown contract 'contract-999'",
    ),
    ("local-time-empty", POINT, "EPSG:4326", _local(""), "at least one range"),
    ("local-time-format", POINT, "EPSG:4326", _local("6-9"), "is not a range like"),
    ("local-time-reversed", POINT, "EPSG:4326", _local("18:00-06:00"), "must start before it ends"),
    ("local-time-hour", POINT, "EPSG:4326", _local("25:00-26:00"), "not a valid time"),
    ("repeat-end-before-start", POINT, "EPSG:4326", _repeat_end(-3), "Repeat end"),
    ("repeat-end-equals-start", POINT, "EPSG:4326", _repeat_end(0), "must be after Repeat start"),
    ("insar-without-orbit", POINT, "EPSG:4326", _insar(None), "needs an InSAR orbit"),
    (
        "polygon-3857-huge",
        "POLYGON ((0 0, 2000000 0, 2000000 2000000, 0 2000000, 0 0))",
        "EPSG:3857",
        _nothing,
        "km² limit",
    ),
]


@pytest.mark.parametrize(
    ("wkt", "crs", "setter", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_refused_before_sending(
    qtbot: Any, emulator: Any, wkt: Optional[str], crs: str, setter: Any, expected: str
) -> None:
    geometry = QgsGeometry.fromWkt(wkt) if wkt else None
    dlg = TaskingDialog(
        geometry,
        QgsCoordinateReferenceSystem(crs),
        contracts=["contract-123", "contract-456"],
    )
    asked: list[Any] = []
    dlg.submitRequested.connect(asked.append)
    qtbot.addWidget(dlg)
    dlg.nameEdit.setText("valid name")
    setter(dlg)
    assert dlg.validate() is None
    assert expected in dlg.error_text, dlg.error_text
    assert not dlg.reviewButton.isEnabled()
    assert dlg.review() is False
    assert dlg.submit() is False
    assert asked == []  # nothing asked of the controller, so nothing could be sent
    assert emulator.requests() == []


CAUTIONED = [
    ("orbit-with-routine", _orbit_with_routine, "InSAR orbit MIO_53_2P95 with Collection tier"),
    ("sso-plane-53", _insar("SSO_97_7P00", (53,)), "Orbital planes [53] differ"),
    ("mio-plane-97", _insar("MIO_53_2P95", (97,)), "Orbital planes [97] differ"),
]


@pytest.mark.parametrize(
    ("setter", "expected"), [c[1:] for c in CAUTIONED], ids=[c[0] for c in CAUTIONED]
)
def test_guessed_rules_caution_but_send(
    qtbot: Any, emulator: Any, setter: Any, expected: str
) -> None:
    """No public source forbids these (docs/emulator.md item 13): the form says its doubt in
    the caution line and on the review page, and the user may still send the request."""
    dlg = TaskingDialog(
        QgsGeometry.fromWkt(POINT),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        contracts=["contract-123"],
    )
    asked: list[Any] = []
    dlg.submitRequested.connect(asked.append)
    qtbot.addWidget(dlg)
    dlg.nameEdit.setText("valid name")
    setter(dlg)
    assert dlg.validate() is not None
    assert dlg.error_text == ""
    assert expected in dlg.cautionLabel.text(), dlg.cautionLabel.text()
    assert not dlg.cautionLabel.isHidden()
    assert dlg.review() is True
    assert any(label == "Caution" and expected in text for label, text in dlg.review_rows())
    assert dlg.submit() is True
    assert len(asked) == 1


def test_documented_insar_request_has_no_caution(qtbot: Any, emulator: Any) -> None:
    dlg = TaskingDialog(QgsGeometry.fromWkt(POINT), QgsCoordinateReferenceSystem("EPSG:4326"))
    qtbot.addWidget(dlg)
    dlg.nameEdit.setText("valid name")
    _insar("MIO_53_2P95", (53,))(dlg)
    assert dlg.validate() is not None
    assert dlg.cautionLabel.text() == ""
    assert dlg.cautionLabel.isHidden()


def test_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30
    assert len({c[0] for c in CASES}) == len(CASES)


def test_invalid_polygon_can_be_repaired(qtbot: Any, emulator: Any) -> None:
    dlg = TaskingDialog(
        QgsGeometry.fromWkt("POLYGON ((10 50, 10.1 50.1, 10.1 50, 10 50.1, 10 50))"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
    )
    qtbot.addWidget(dlg)
    dlg.nameEdit.setText("repair")
    assert not dlg.repairButton.isHidden()
    dlg.repairButton.click()
    # makeValid of a bow-tie gives two triangles: still refused, but with the tasking reason.
    assert dlg.aoi.ok
    assert emulator.requests() == []


def test_the_form_names_the_field_by_its_label(qtbot: Any, emulator: Any) -> None:
    dlg = TaskingDialog(QgsGeometry.fromWkt(POINT), QgsCoordinateReferenceSystem("EPSG:4326"))
    qtbot.addWidget(dlg)
    assert dlg.validate() is None  # no name yet
    assert dlg.error_text.splitlines()[0] == "Name: give the request a name"
    dlg.nameEdit.setText("labelled")
    from qgis.PyQt.QtCore import QDateTime

    dlg.windowCloseEdit.setDateTime(QDateTime.currentDateTimeUtc().addDays(-2))
    assert dlg.validate() is None
    assert dlg.error_text.startswith("Window close ("), dlg.error_text
    assert "must be after Window open (" in dlg.error_text
    assert "window_close" not in dlg.error_text and "window_open" not in dlg.error_text
    assert emulator.requests() == []

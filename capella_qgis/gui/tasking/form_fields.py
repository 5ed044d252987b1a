"""Populate and read the widgets of the tasking form (used by dlg_tasking.TaskingDialog)."""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone
from typing import Any, Optional

from qgis.PyQt.QtCore import QDateTime, Qt
from qgis.PyQt.QtWidgets import QComboBox, QDoubleSpinBox, QListWidget, QListWidgetItem

from capella_qgis.core.models.enums import (
    INSAR_ORBIT_INFO,
    ArchiveHoldback,
    CollectionTier,
    CollectionType,
    InsarOrbit,
    LocalTimeOption,
    ObservationDirection,
    OrbitState,
    Polarization,
    ProductType,
    RepeatCollectionTier,
    RepeatCycle,
    SquintMode,
)
from capella_qgis.gui.tasking.params import (
    CADENCE_COUNT,
    CADENCE_END,
    CADENCE_UNTIL_CANCELLED,
    MODE_INSAR,
    MODE_TASKING,
    parse_local_time_ranges,
)
from capella_qgis.toolbelt.compat import tr

CUSTOM = "__custom__"


def fill_combo(combo: QComboBox, entries: list[tuple[str, Any]], current: Any = None) -> None:
    combo.blockSignals(True)
    combo.clear()
    for text, data in entries:
        combo.addItem(text, data)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def enum_entries(enum_cls: Any, none_text: Optional[str] = None) -> list[tuple[str, Any]]:
    entries: list[tuple[str, Any]] = [(none_text, None)] if none_text else []
    return entries + [(str(m.value), m.value) for m in enum_cls]


def qdt_to_utc(value: QDateTime) -> datetime:
    """A QDateTime in any time spec → aware UTC datetime (converted, never dropped)."""
    return datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000.0, tz=timezone.utc)


def optional(spin: QDoubleSpinBox) -> Optional[float]:
    """None when the spin box shows its "not set" special value."""
    if spin.specialValueText() and spin.value() == spin.minimum():
        return None
    return float(spin.value())


def fill_static(dlg: Any) -> None:
    """Enumeration combos that do not depend on the mode."""
    fill_combo(dlg.typeCombo, enum_entries(CollectionType), CollectionType.spotlight.value)
    fill_combo(dlg.holdbackCombo, enum_entries(ArchiveHoldback), ArchiveHoldback.none.value)
    fill_combo(dlg.ascDscCombo, enum_entries(OrbitState), OrbitState.either.value)
    fill_combo(dlg.lookCombo, enum_entries(ObservationDirection), ObservationDirection.either.value)
    fill_combo(
        dlg.localTimeCombo,
        [(tr("not set"), None)]
        + [(str(m.value), m.value) for m in LocalTimeOption]
        + [(tr("custom ranges"), CUSTOM)],
    )
    fill_combo(dlg.polarizationCombo, enum_entries(Polarization, tr("not set")))
    fill_combo(
        dlg.squintCombo,
        enum_entries(SquintMode, tr("default (enabled for a point, else disabled)")),
    )
    fill_combo(
        dlg.cadenceCombo,
        [
            (tr("Until cancelled"), CADENCE_UNTIL_CANCELLED),
            (tr("Start + end date + interval"), CADENCE_END),
            (tr("Start + number of repetitions + interval"), CADENCE_COUNT),
        ],
    )
    fill_combo(
        dlg.intervalCombo,
        [(f"{m.name.replace('_', '-').lower()} ({int(m)} d)", int(m)) for m in RepeatCycle]
        + [(tr("custom"), CUSTOM)],
        int(RepeatCycle.WEEKLY),
    )
    fill_combo(
        dlg.orbitCombo,
        [(tr("none"), None)] + [(o.value, o.value) for o in InsarOrbit],
    )
    dlg.productList.clear()
    for ptype in ProductType:
        item = QListWidgetItem(ptype.value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        dlg.productList.addItem(item)


def fill_tiers(dlg: Any, mode: str) -> None:
    if mode == MODE_TASKING:
        fill_combo(dlg.tierCombo, enum_entries(CollectionTier), CollectionTier.standard.value)
    elif mode == MODE_INSAR:
        fill_combo(
            dlg.tierCombo, enum_entries(RepeatCollectionTier), RepeatCollectionTier.insar.value
        )
    else:
        fill_combo(
            dlg.tierCombo, enum_entries(RepeatCollectionTier), RepeatCollectionTier.routine.value
        )


def checked_products(products: QListWidget) -> list[str]:
    return [
        products.item(i).text()
        for i in range(products.count())
        if products.item(i).checkState() == Qt.CheckState.Checked
    ]


def set_products(products: QListWidget, values: list[str]) -> None:
    for i in range(products.count()):
        item = products.item(i)
        state = Qt.CheckState.Checked if item.text() in values else Qt.CheckState.Unchecked
        item.setCheckState(state)


def orbit_text(orbit: Optional[str]) -> str:
    if not orbit:
        return tr("An InSAR stack (tier insar) needs an orbit; other tiers must not set one.")
    info = INSAR_ORBIT_INFO[InsarOrbit(orbit)]
    return tr(
        "{orbit}: {desc}. Acquisitions repeat the same geometry every {days:g} days "
        "(orbital plane {plane}°)."
    ).format(
        orbit=orbit,
        desc=info.description,
        days=info.revisit_days,
        plane=int(info.orbital_plane),
    )


def read_constraints(dlg: Any) -> dict[str, Any]:
    """The twelve collect constraints (None = not sent)."""
    planes = [
        plane
        for plane, check in ((45, dlg.plane45Check), (53, dlg.plane53Check), (97, dlg.plane97Check))
        if check.isChecked()
    ]
    local_time: Any = dlg.localTimeCombo.currentData()
    if local_time == CUSTOM:
        local_time = parse_local_time_ranges(dlg.localTimeEdit.text())
    return {
        "off_nadir_min": optional(dlg.offNadirMinSpin),
        "off_nadir_max": optional(dlg.offNadirMaxSpin),
        "image_width": optional(dlg.imageWidthSpin),
        "orbital_planes": planes or None,
        "asc_dsc": dlg.ascDscCombo.currentData(),
        "look_direction": dlg.lookCombo.currentData(),
        "local_time": local_time,
        "polarization": dlg.polarizationCombo.currentData(),
        "azimuth_angle_min": optional(dlg.azMinSpin),
        "azimuth_angle_max": optional(dlg.azMaxSpin),
        "squint": dlg.squintCombo.currentData(),
        "max_squint_angle": optional(dlg.maxSquintSpin),
    }


# The form label (its QLabel's object name) of each request field a refusal can name.
FIELD_LABELS = {
    "name": "requestFormLabel0",
    "description": "requestFormLabel1",
    "collection_tier": "requestFormLabel2",
    "collection_type": "requestFormLabel3",
    "product_types": "requestFormLabel4",
    "archive_holdback": "requestFormLabel5",
    "custom_attribute_1": "requestFormLabel6",
    "custom_attribute_2": "requestFormLabel7",
    "pre_approval": "requestFormLabel8",
    "contract_id": "requestFormLabel9",
    "window_open": "requestFormLabel10",
    "window_close": "requestFormLabel11",
    "repeat_start": "repeatFormLabel1",
    "repeat_end": "repeatFormLabel2",
    "repetition_count": "repeatFormLabel3",
    "repetition_interval": "repeatFormLabel4",
    "window_duration": "repeatFormLabel5",
    "maintain_scene_framing": "repeatFormLabel6",
    "look_angle_tolerance": "repeatFormLabel7",
    "azimuth_angle_tolerance": "repeatFormLabel8",
    "insar_orbit": "repeatFormLabel9",
    "off_nadir_min": "constraintsFormLabel0",
    "off_nadir_max": "constraintsFormLabel1",
    "image_width": "constraintsFormLabel2",
    "orbital_planes": "constraintsFormLabel3",
    "asc_dsc": "constraintsFormLabel4",
    "look_direction": "constraintsFormLabel5",
    "local_time": "constraintsFormLabel6",
    "polarization": "constraintsFormLabel7",
    "azimuth_angle_min": "constraintsFormLabel8",
    "azimuth_angle_max": "constraintsFormLabel9",
    "squint": "constraintsFormLabel11",
    "max_squint_angle": "constraintsFormLabel12",
}


def _label_of(dlg: Any, key: str) -> Optional[str]:
    widget = getattr(dlg, FIELD_LABELS.get(key, ""), None)
    return str(widget.text()).rstrip(":") if widget is not None else None


def relabel(dlg: Any, text: str) -> str:
    """The core's snake_case field keys named in ``text`` replaced by the form's labels, so
    prose words stay as they are ("insar_orbit …" → "InSAR orbit …")."""
    return _KEY_RE.sub(lambda m: _label_of(dlg, m.group(0)) or m.group(0), text)


def labelled(dlg: Any, exc: Any) -> str:
    """A refusal as the form shows it: the core's field keys replaced by the form's labels
    ("name: …" → "Name: …", "off_nadir_min (40°) …" → "Off-nadir min (40°) …")."""
    text = str(exc.message)
    field = exc.field or ""
    label = _label_of(dlg, field)
    if label is not None and text.startswith(f"{field}: "):
        text = f"{label}: {exc.without_field()}"
    return relabel(dlg, text)


_KEY_RE = re.compile(r"\b(?:" + "|".join(k for k in FIELD_LABELS if "_" in k) + r")\b")


def read_common(dlg: Any) -> dict[str, Any]:
    products = checked_products(dlg.productList)
    contract = dlg.contractCombo.currentText().strip()
    return {
        "name": dlg.nameEdit.text(),
        "description": dlg.descriptionEdit.toPlainText(),
        "collection_tier": dlg.tierCombo.currentData(),
        "collection_type": dlg.typeCombo.currentData(),
        "archive_holdback": dlg.holdbackCombo.currentData(),
        "custom_attribute_1": dlg.attr1Edit.text().strip() or None,
        "custom_attribute_2": dlg.attr2Edit.text().strip() or None,
        "product_types": products or None,
        "contract_id": contract or None,
    }


def read_repetition(dlg: Any) -> dict[str, Any]:
    cadence = dlg.cadenceCombo.currentData()
    interval = dlg.intervalCombo.currentData()
    hours = dlg.windowDurationSpin.value()
    return {
        "repeat_start": qdt_to_utc(dlg.repeatStartEdit.dateTime()),
        "repeat_end": (
            qdt_to_utc(dlg.repeatEndEdit.dateTime()) if cadence == CADENCE_END else None
        ),
        "repetition_count": dlg.repeatCountSpin.value() if cadence == CADENCE_COUNT else None,
        "repetition_interval": dlg.intervalSpin.value() if interval == CUSTOM else int(interval),
        "maintain_scene_framing": True if dlg.framingCheck.isChecked() else None,
        "look_angle_tolerance": optional(dlg.lookTolSpin),
        "azimuth_angle_tolerance": optional(dlg.azTolSpin),
        "window_duration": hours * 3600 if hours else None,
        "insar_orbit": dlg.orbitCombo.currentData(),
    }


# The form's constraints an access request takes too (polarization and squint are not access
# constraints: every pass can be collected either way).
ACCESS_CONSTRAINTS = (
    "look_direction",
    "asc_dsc",
    "orbital_planes",
    "local_time",
    "off_nadir_min",
    "off_nadir_max",
    "azimuth_angle_min",
    "azimuth_angle_max",
    "image_width",
)


def read_access(dlg: Any) -> dict[str, Any]:
    """Keyword arguments of the access request for the form's window and constraints.

    A repeat request is checked over its first week (capped at its end): the Console computes
    opportunities for a window of days, not for an open-ended repetition.
    """
    from capella_qgis.core.models.access import DEFAULT_ACCESS_WINDOW

    constraints = read_constraints(dlg)
    out: dict[str, Any] = {
        k: constraints[k] for k in ACCESS_CONSTRAINTS if constraints[k] is not None
    }
    out["name"] = dlg.nameEdit.text().strip() or None
    if dlg.mode == MODE_TASKING:
        out["window_open"] = qdt_to_utc(dlg.windowOpenEdit.dateTime())
        out["window_close"] = qdt_to_utc(dlg.windowCloseEdit.dateTime())
        return out
    start = qdt_to_utc(dlg.repeatStartEdit.dateTime())
    close = start + DEFAULT_ACCESS_WINDOW
    if dlg.cadenceCombo.currentData() == CADENCE_END:
        close = min(close, qdt_to_utc(dlg.repeatEndEdit.dateTime()))
    out["window_open"], out["window_close"] = start, close
    return out


def apply_constraints(dlg: Any, constraints: dict[str, Any]) -> None:
    """Pre-fill the constraints of an opportunity group or pass (orbital planes, asc/desc,
    look direction, off-nadir range); what ``constraints`` leaves out is left as it was."""
    planes = constraints.get("orbital_planes")
    if planes is not None:
        wanted = {int(p) for p in planes}
        for plane, check in (
            (45, dlg.plane45Check),
            (53, dlg.plane53Check),
            (97, dlg.plane97Check),
        ):
            check.setChecked(plane in wanted)
    for key, combo in (("asc_dsc", dlg.ascDscCombo), ("look_direction", dlg.lookCombo)):
        value = constraints.get(key)
        index = combo.findData(value) if value is not None else -1
        if index >= 0:
            combo.setCurrentIndex(index)
    for key, spin in (
        ("off_nadir_min", dlg.offNadirMinSpin),
        ("off_nadir_max", dlg.offNadirMaxSpin),
    ):
        value = constraints.get(key)
        if value is not None:
            # Rounded outwards to what the spin box shows: the range still holds the passes.
            scale = 10 ** spin.decimals()
            outward = math.floor if key == "off_nadir_min" else math.ceil
            spin.setValue(outward(round(float(value) * scale, 6)) / scale)

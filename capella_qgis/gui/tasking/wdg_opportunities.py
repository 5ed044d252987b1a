"""Opportunities of an access request in the tasking form: groups, passes, the access note.

The widget only shows and asks: the tasking controller runs the check and hands the result to
:meth:`OpportunitiesWidget.show_result`; choosing a group or a pass emits
``constraintsChosen`` with the tasking parameters that aim at it (the form fills them in).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QHeaderView, QTreeWidgetItem, QWidget

from capella_qgis.gui.tasking.timetext import when
from capella_qgis.opportunities.style import PHYSICAL_ACCESS_TEXT
from capella_qgis.toolbelt.compat import load_ui, tr

# The access models load pydantic: imported where used, type hints only here (#20).
if TYPE_CHECKING:
    from capella_qgis.core.models.access import (
        Opportunity,
        OpportunityGroup,
        OpportunityResult,
    )

FORM_CLASS = load_ui(Path(__file__).with_suffix(".ui"))

#: Degrees added on each side of the off-nadir range a group or pass was seen at: the request
#: then leaves the Console a little room instead of one exact angle.
OFF_NADIR_MARGIN = 1.0
ITEM_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = 4


def angle_range_text(low: Optional[float], high: Optional[float]) -> str:
    if low is None or high is None:
        return "—"
    return f"{low:.1f}–{high:.1f}°"


class OpportunitiesWidget(QWidget, FORM_CLASS):  # type: ignore[misc, valid-type]  # uic builds FORM_CLASS at runtime
    """Groups of passes by (orbital plane, asc/desc, look direction), their passes under them."""

    cancelRequested = pyqtSignal()
    constraintsChosen = pyqtSignal(object)  # dict: tasking-request parameters to pre-fill
    selectionChanged = pyqtSignal(object)  # list of the access ids of the selected group/pass

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.result: Optional[OpportunityResult] = None
        self.noteLabel.setText(tr(PHYSICAL_ACCESS_TEXT))
        self.groupTree.setColumnCount(COLUMNS)
        self.groupTree.setSortingEnabled(False)
        # The group names take the room left; the figures are always shown whole.
        header = self.groupTree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.cancelButton.clicked.connect(self.cancelRequested)
        self.applyButton.clicked.connect(self.apply_selected)
        self.groupTree.itemDoubleClicked.connect(lambda _item, _col: self.apply_selected())
        self.groupTree.currentItemChanged.connect(self._on_current)
        self.set_running(False)
        self.groupTree.setVisible(False)
        self.applyButton.setEnabled(False)

    # --- state -----------------------------------------------------------------------------

    def set_running(self, running: bool) -> None:
        self.progressBar.setVisible(running)
        self.cancelButton.setVisible(running)
        self.cancelButton.setEnabled(running)
        if running:
            self.result = None
            self.groupTree.clear()
            self.groupTree.setVisible(False)
            self.applyButton.setEnabled(False)
            self.appliedLabel.clear()
            self.statusLabel.setText(self.tr("Sending the access request…"))

    @property
    def running(self) -> bool:
        return bool(self.progressBar.isVisible())

    def show_status(self, status: str, seconds: float) -> None:
        """One poll of the access request: its processing status and the time waited."""
        texts = {
            "queued": self.tr("The Console has queued the access request"),
            "processing": self.tr("The Console is computing the opportunities"),
            "completed": self.tr("The opportunities are ready; loading them"),
        }
        head = texts.get(status.lower(), self.tr("Waiting for the access request"))
        self.statusLabel.setText(
            self.tr("{what} ({seconds:.0f} s). This can take a few minutes.").format(
                what=head, seconds=seconds
            )
        )

    def show_failure(self, message: str) -> None:
        self.set_running(False)
        self.statusLabel.setText(
            self.tr("Opportunities not checked: {message}").format(message=message)
        )

    def show_result(self, result: OpportunityResult, layer_name: str = "") -> None:
        """The groups (most passes first) with their passes; a clear word when there are none."""
        self.set_running(False)
        self.result = result
        request = result.request
        window = self.tr("{open} – {close}").format(
            open=when(request.window_open), close=when(request.window_close)
        )
        status = (request.accessibility_status or "").lower()
        reason = (request.accessibility_message or "").strip()
        if status == "rejected":
            text = self.tr("The Console rejected the access request: {reason}").format(
                reason=reason or self.tr("no reason given")
            )
        elif not result.opportunities:
            text = self.tr(
                "Not accessible: no Capella satellite can see this area in {window} under "
                "these constraints.{reason} Widen the window or relax the look direction, "
                "orbital planes or off-nadir range."
            ).format(window=window, reason=f" ({reason})" if reason else "")
        else:
            groups = result.groups
            text = self.tr(
                "{passes} passes in {groups} groups, {window}. Choose a group or a pass and "
                "use its constraints."
            ).format(passes=len(result.opportunities), groups=len(groups), window=window)
            if layer_name:
                text += " " + self.tr("On the map: layer “{name}”.").format(name=layer_name)
        self.statusLabel.setText(text)
        self._fill(result)

    def _fill(self, result: OpportunityResult) -> None:
        from capella_qgis.opportunities.layer import group_label

        tree = self.groupTree
        tree.clear()
        for group in result.groups:
            item = QTreeWidgetItem(
                [
                    group_label(group.orbital_plane, group.ascdsc, group.look_direction),
                    str(group.count),
                    when(group.first_open),
                    angle_range_text(*group.off_nadir_range),
                ]
            )
            item.setData(0, ITEM_ROLE, group)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for opportunity in sorted(group.opportunities, key=lambda o: o.window_open):
                item.addChild(self._pass_item(opportunity))
            tree.addTopLevelItem(item)
        tree.setVisible(bool(result.opportunities))
        if tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(0))

    def _pass_item(self, opportunity: Opportunity) -> QTreeWidgetItem:
        acc = opportunity.access_properties
        spacecraft = opportunity.spacecraft_id
        name = (
            self.tr("Spacecraft {id}").format(id=spacecraft)
            if spacecraft is not None
            else self.tr("Pass")
        )
        start = self.tr("{start} ({seconds:.0f} s)").format(
            start=when(opportunity.window_open), seconds=opportunity.duration_s
        )
        item = QTreeWidgetItem(
            [name, "", start, angle_range_text(acc.off_nadir_min, acc.off_nadir_max)]
        )
        item.setData(0, ITEM_ROLE, opportunity)
        return item

    # --- choosing --------------------------------------------------------------------------

    def selected(self) -> Optional[Union[OpportunityGroup, Opportunity]]:
        item = self.groupTree.currentItem()
        return item.data(0, ITEM_ROLE) if item is not None else None

    def select_group(self, index: int) -> None:
        """Make the ``index``-th group (0: the most passes) the current row."""
        item = self.groupTree.topLevelItem(index)
        if item is not None:
            self.groupTree.setCurrentItem(item)

    def _on_current(self, current: Optional[QTreeWidgetItem], _previous: Any = None) -> None:
        chosen = current.data(0, ITEM_ROLE) if current is not None else None
        self.applyButton.setEnabled(chosen is not None)
        if chosen is None:
            self.selectionChanged.emit([])
            return
        opportunities = getattr(chosen, "opportunities", None) or [chosen]
        self.selectionChanged.emit([o.access_id for o in opportunities if o.access_id])

    def apply_selected(self) -> Optional[dict[str, Any]]:
        """Emit the constraints of the selected group or pass; they are returned too."""
        chosen = self.selected()
        if chosen is None:
            return None
        constraints: dict[str, Any] = chosen.constraints(OFF_NADIR_MARGIN)
        self.appliedLabel.setText(
            self.tr("Constraints set: {what}.").format(what=constraints_text(constraints))
        )
        self.constraintsChosen.emit(constraints)
        return constraints


def constraints_text(constraints: dict[str, Any]) -> str:
    """``orbital plane 53°, ascending, looking right, off-nadir 17.2–32.7°``."""
    from capella_qgis.toolbelt.compat import tr

    parts = []
    planes = constraints.get("orbital_planes")
    if planes:
        parts.append(
            tr("orbital plane {planes}").format(planes=", ".join(f"{int(p)}°" for p in planes))
        )
    words = {
        "ascending": tr("ascending"),
        "descending": tr("descending"),
        "left": tr("looking left"),
        "right": tr("looking right"),
    }
    for key in ("asc_dsc", "look_direction"):
        value = constraints.get(key)
        if value:
            parts.append(words.get(str(value), str(value)))
    if constraints.get("off_nadir_min") is not None:
        parts.append(
            tr("off-nadir {range}").format(
                range=angle_range_text(constraints["off_nadir_min"], constraints["off_nadir_max"])
            )
        )
    return ", ".join(parts) or tr("no constraint")

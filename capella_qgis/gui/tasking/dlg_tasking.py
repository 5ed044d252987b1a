"""Tasking / repeat / InSAR request form: inline validation, opportunities, a readable review.

The form only validates and asks: ``submitRequested(request)`` goes to the tasking controller,
which creates the request and answers with :meth:`TaskingDialog.show_created` or
:meth:`TaskingDialog.show_failure`; ``opportunitiesRequested(access_request)`` likewise, answered
with :meth:`TaskingDialog.show_opportunities` (the controller also reports the archive search
of the AOI: :meth:`TaskingDialog.show_archive`).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QDateTime, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QDialog, QPushButton, QWidget

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.enums import INSAR_ORBIT_INFO, INSAR_TIERS, InsarOrbit, SquintMode
from capella_qgis.gui.aoi.maptool_aoi import format_area
from capella_qgis.gui.tasking import form_fields as fields
from capella_qgis.gui.tasking.form_summary import (  # re-exported
    PAGE_FORM,
    PAGE_SUMMARY,
    Request,
    TaskingSummary,
    planned_dates,
)
from capella_qgis.gui.tasking.params import (
    CADENCE_COUNT,
    CADENCE_END,
    MODE_INSAR,
    MODE_REPEAT,
    MODE_TASKING,
    MODES,
    request_kind,
)
from capella_qgis.gui.tasking.wdg_compass import CompassWidget
from capella_qgis.gui.tasking.wdg_opportunities import OpportunitiesWidget
from capella_qgis.toolbelt.compat import load_ui

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.aoi.checks import AoiResult
    from capella_qgis.core.models.access import AccessRequestCreate, OpportunityResult

FORM_CLASS = load_ui(Path(__file__).with_suffix(".ui"))

__all__ = ["PAGE_FORM", "PAGE_SUMMARY", "Request", "TaskingDialog"]


class TaskingDialog(QDialog, FORM_CLASS):  # type: ignore[misc, valid-type]  # uic builds FORM_CLASS at runtime
    """Create a tasking, repeat or InSAR request for one AOI (Point or Polygon)."""

    submitRequested = pyqtSignal(object)  # the validated TaskingRequestCreate/RepeatRequestCreate
    requestCreated = pyqtSignal(object)  # TaskingRequest or RepeatRequest model
    submitFailed = pyqtSignal(str)
    contractsLoaded = pyqtSignal(object)  # list of contract ids, or None (free text)
    opportunitiesRequested = pyqtSignal(object)  # the validated AccessRequestCreate
    opportunitiesCancelled = pyqtSignal()
    opportunitiesShown = pyqtSignal(object)  # OpportunityResult, once it is on the form
    opportunitiesSelected = pyqtSignal(object)  # access ids of the chosen group or pass

    def __init__(
        self,
        geometry: Optional[QgsGeometry] = None,
        crs: Optional[QgsCoordinateReferenceSystem] = None,
        *,
        mode: str = MODE_TASKING,
        contracts: Optional[list[str]] = None,
        parent: Optional[QWidget] = None,
    ) -> None:
        from capella_qgis.aoi.checks import AoiResult

        super().__init__(parent)
        self.setupUi(self)
        self.contracts: Optional[list[str]] = None
        self.aoi = AoiResult()
        self.aoi_description = ""
        self.aoi_short = ""  # for layer names
        self.request: Optional[Request] = None
        self.access_request: Optional[AccessRequestCreate] = None
        self.access_error = ""
        self.summary = TaskingSummary(
            (self.stackLabel, self.summaryStackLabel),
            self.jsonView,
            self.mapHolder,
            review_view=self.reviewText,
            json_toggle=self.jsonToggle,
        )
        self.compass = CompassWidget(self.compassHolder)
        self.compassHolder.layout().addWidget(self.compass)
        self.repairButton = QPushButton(self.tr("Repair (makeValid)"), self)
        self.repairButton.setVisible(False)
        self.topRow.addWidget(self.repairButton)

        fields.fill_static(self)
        fields.fill_combo(
            self.modeCombo,
            [
                (self.tr("Tasking request"), MODE_TASKING),
                (self.tr("Repeat request"), MODE_REPEAT),
                (self.tr("InSAR stack (repeat, tier insar)"), MODE_INSAR),
            ],
        )
        self._fill_contracts(contracts)
        now = QDateTime.currentDateTime()
        now = now.addSecs(-now.time().second())
        self.windowOpenEdit.setDateTime(now)
        self.windowCloseEdit.setDateTime(now.addDays(7))
        self.repeatStartEdit.setDateTime(now)
        self.repeatEndEdit.setDateTime(now.addDays(30))
        self._connect()
        # After _connect: its widgets' changes are not form input to validate.
        self.opportunities = OpportunitiesWidget(self.opportunitiesTab)
        self.opportunitiesLayout.addWidget(self.opportunities)
        self.opportunities.constraintsChosen.connect(self.apply_constraints)
        self.opportunities.cancelRequested.connect(self.opportunitiesCancelled)
        self.opportunities.selectionChanged.connect(self.opportunitiesSelected)
        self.opportunitiesButton.clicked.connect(self.check_opportunities)
        self.archiveLabel.setVisible(False)  # until the controller searches the archive
        self.backButton.setVisible(False)  # a review-page action
        self.set_mode(mode)
        self.set_aoi(geometry, crs)

    # --- wiring ----------------------------------------------------------------------------

    def _connect(self) -> None:
        self.modeCombo.currentIndexChanged.connect(
            lambda _i: self.set_mode(self.modeCombo.currentData())
        )
        self.tierCombo.currentIndexChanged.connect(self._on_tier)
        self.orbitCombo.currentIndexChanged.connect(self._on_orbit)
        self.cadenceCombo.currentIndexChanged.connect(self._sync_enabled)
        self.intervalCombo.currentIndexChanged.connect(self._sync_enabled)
        self.localTimeCombo.currentIndexChanged.connect(self._sync_enabled)
        self.squintCombo.currentIndexChanged.connect(self._sync_enabled)
        self.repairButton.clicked.connect(self.repair_aoi)
        self.reviewButton.clicked.connect(self.review)
        self.backButton.clicked.connect(self.back)
        self.submitButton.clicked.connect(self.submit)
        self.closeButton.clicked.connect(self.reject)
        for widget in self.findChildren(QWidget):
            for signal in ("textChanged", "valueChanged", "dateTimeChanged", "toggled"):
                sig = getattr(widget, signal, None)
                if sig is not None and hasattr(sig, "connect"):
                    with contextlib.suppress(TypeError):
                        sig.connect(self.validate)
            if hasattr(widget, "currentIndexChanged") and widget is not self.modeCombo:
                widget.currentIndexChanged.connect(self.validate)
        self.contractCombo.editTextChanged.connect(self.validate)
        self.productList.itemChanged.connect(self.validate)

    # --- contracts -------------------------------------------------------------------------

    def _fill_contracts(self, contracts: Optional[list[Any]]) -> None:
        """Contract ids (or ``(id, name)`` pairs) into the editable combo; the typed text stays.

        The empty entry means the organization's default contract. ``None`` (list unknown)
        leaves the combo free text and no contract is refused.
        """
        entries = [c if isinstance(c, tuple) else (str(c), "") for c in contracts or []]
        self.contracts = [cid for cid, _name in entries] if contracts is not None else None
        combo = self.contractCombo
        text = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        if entries:
            combo.addItem("", None)
            for cid, name in entries:
                combo.addItem(cid, cid)
                if name:
                    combo.setItemData(combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        combo.setEditText(text)
        combo.blockSignals(False)
        if combo.lineEdit() is not None:
            combo.lineEdit().setPlaceholderText(self.tr("organization default"))

    def set_contracts_loading(self) -> None:
        if self.contractCombo.lineEdit() is not None:
            self.contractCombo.lineEdit().setPlaceholderText(
                self.tr("organization default (loading contracts…)")
            )

    def set_contracts(self, contracts: Optional[list[Any]]) -> None:
        """The organization's contracts arrived (None: not available, any id is accepted)."""
        self._fill_contracts(contracts)
        self.validate()
        self.contractsLoaded.emit(self.contracts)

    @property
    def mode(self) -> str:
        return str(self.modeCombo.currentData())

    def set_mode(self, mode: str) -> None:
        """Switch between tasking, repeat and InSAR; InSAR applies its defaults."""
        if mode not in MODES:
            raise ValueError(mode)
        index = self.modeCombo.findData(mode)
        if self.modeCombo.currentIndex() != index:
            self.modeCombo.blockSignals(True)
            self.modeCombo.setCurrentIndex(index)
            self.modeCombo.blockSignals(False)
        fields.fill_tiers(self, mode)
        repeat = mode != MODE_TASKING
        self.tabs.setTabEnabled(1, repeat)
        for widget in (self.windowOpenEdit, self.windowCloseEdit, self.preApprovalCheck):
            widget.setEnabled(not repeat)
        if mode == MODE_INSAR:
            if self.orbitCombo.currentData() is None:
                self.orbitCombo.setCurrentIndex(
                    self.orbitCombo.findData(InsarOrbit.SSO_97_7P00.value)
                )
            self.squintCombo.setCurrentIndex(self.squintCombo.findData(SquintMode.disabled.value))
            fields.set_products(self.productList, ["SLC", "GEO"])
        elif mode == MODE_REPEAT:
            self.orbitCombo.setCurrentIndex(0)
        titles = {
            MODE_TASKING: self.tr("New Capella tasking request"),
            MODE_REPEAT: self.tr("New Capella repeat request"),
            MODE_INSAR: self.tr("New Capella InSAR stack"),
        }
        self.setWindowTitle(titles[mode])
        self._on_orbit()
        self._sync_enabled()
        self.validate()

    def _on_tier(self, _index: int = 0) -> None:
        tier = self.tierCombo.currentData()
        if self.mode == MODE_REPEAT and tier in {t.value for t in INSAR_TIERS}:
            self.set_mode(MODE_INSAR)

    def _on_orbit(self, _index: int = 0) -> None:
        orbit = self.orbitCombo.currentData()
        self.orbitInfoLabel.setText(fields.orbit_text(orbit))
        if orbit:
            plane = int(INSAR_ORBIT_INFO[InsarOrbit(orbit)].orbital_plane)
            for value, check in (
                (45, self.plane45Check),
                (53, self.plane53Check),
                (97, self.plane97Check),
            ):
                check.setChecked(value == plane)
            self._fit_interval(INSAR_ORBIT_INFO[InsarOrbit(orbit)].interval_days)

    def _fit_interval(self, days: int) -> None:
        """An interval the orbit allows (its revisit in whole days or a multiple), kept if so."""
        chosen = self.intervalCombo.currentData()
        current = self.intervalSpin.value() if chosen == fields.CUSTOM else int(chosen)
        if current > 0 and current % days == 0:
            return
        index = self.intervalCombo.findData(days)
        if index < 0:
            index = self.intervalCombo.findData(fields.CUSTOM)
            self.intervalSpin.setValue(days)
        self.intervalCombo.setCurrentIndex(index)

    def _sync_enabled(self, _index: int = 0) -> None:
        cadence = self.cadenceCombo.currentData()
        self.repeatEndEdit.setEnabled(cadence == CADENCE_END)
        self.repeatCountSpin.setEnabled(cadence == CADENCE_COUNT)
        self.intervalSpin.setEnabled(self.intervalCombo.currentData() == fields.CUSTOM)
        self.localTimeEdit.setEnabled(self.localTimeCombo.currentData() == fields.CUSTOM)
        squint_off = self.squintCombo.currentData() == SquintMode.disabled.value
        self.maxSquintSpin.setEnabled(
            not squint_off or fields.optional(self.maxSquintSpin) is not None
        )
        self.orbitCombo.setEnabled(self.mode != MODE_TASKING)

    # --- AOI -------------------------------------------------------------------------------

    def set_aoi(
        self,
        geometry: Optional[QgsGeometry],
        crs: Optional[QgsCoordinateReferenceSystem] = None,
        *,
        repair: bool = False,
    ) -> AoiResult:
        """Check a Point/Polygon in any CRS; it is reprojected to EPSG:4326, Z/M dropped."""
        from capella_qgis.aoi.checks import WGS84, check_aoi
        from capella_qgis.core.validation import TASKING_MAX_AREA_KM2

        geom = QgsGeometry(geometry) if geometry is not None else None
        if geom is not None and not geom.isNull() and geom.isMultipart():
            parts = geom.asGeometryCollection()
            if len(parts) == 1:
                geom = parts[0]
        self._source = (geometry, crs)
        self.aoi = check_aoi(
            geom,
            crs or WGS84,
            allowed=("point", "polygon"),
            repair=repair,
            split=False,
            max_area_km2=TASKING_MAX_AREA_KM2,
        )
        self.repairButton.setVisible(self.aoi.repairable and not self.aoi.ok)
        self.aoi_description = self.aoi_short = ""
        if self.aoi.ok and self.aoi.geometry is not None:
            centre = self.aoi.geometry.centroid().asPoint()
            lon, lat = centre.x(), centre.y()
            if self.aoi.geometry.isMultipart():
                self.aoi_description = self.tr("multi-part geometry")
                self.aoi_short = f"{lon:.4f}, {lat:.4f}"
            elif self.aoi.geometry.type() == QgsWkbTypes.GeometryType.PointGeometry:
                self.aoi_description = self.tr("point {lon:.5f}, {lat:.5f}").format(
                    lon=lon, lat=lat
                )
                self.aoi_short = f"{lon:.4f}, {lat:.4f}"
            else:
                area = format_area(self.aoi.area_km2)
                self.aoi_description = self.tr(
                    "polygon of {area} around {lon:.4f}, {lat:.4f}"
                ).format(area=area, lon=lon, lat=lat)
                self.aoi_short = self.tr("{area} at {lon:.3f}, {lat:.3f}").format(
                    area=area, lon=lon, lat=lat
                )
            self.aoiLabel.setText(self.tr("AOI: {aoi}").format(aoi=self.aoi_description))
        else:
            self.aoiLabel.setText(self.tr("AOI: not usable"))
        self.validate()
        return self.aoi

    def repair_aoi(self) -> None:
        geometry, crs = self._source
        self.set_aoi(geometry, crs, repair=True)

    # --- validation ------------------------------------------------------------------------

    def params(self) -> dict[str, Any]:
        """Keyword arguments of the core payload model for the current mode."""
        out: dict[str, Any] = {"geometry": self.aoi.geojson() if self.aoi.ok else None}
        out.update(fields.read_common(self))
        out.update(fields.read_constraints(self))
        if self.mode == MODE_TASKING:
            out["window_open"] = fields.qdt_to_utc(self.windowOpenEdit.dateTime())
            out["window_close"] = fields.qdt_to_utc(self.windowCloseEdit.dateTime())
            out["pre_approval"] = self.preApprovalCheck.isChecked()
        else:
            out.update(fields.read_repetition(self))
        return out

    def access_params(self) -> dict[str, Any]:
        """Keyword arguments of the access request (AOI, window, constraints) of the form."""
        out: dict[str, Any] = {"geometry": self.aoi.geojson() if self.aoi.ok else None}
        out.update(fields.read_access(self))
        return out

    def _build_access(self) -> tuple[Optional[AccessRequestCreate], str]:
        """The access request of the form now, or why there is none (the same messages as the
        request's: the one validator names the field)."""
        from capella_qgis.core.workflows.tasking import build_access_request

        if not self.aoi.ok:
            return None, self.aoi.message or self.tr("Draw or select an area of interest first.")
        try:
            return build_access_request(self.access_params()), ""
        except InputError as exc:
            return None, fields.labelled(self, exc)

    def validate(self, *_args: Any) -> Optional[Request]:
        """Build the request or show why not; the Review/Submit buttons follow the outcome."""
        from capella_qgis.core.workflows.tasking import build_request

        self.request = None
        message = ""
        if not self.aoi.ok:
            message = self.aoi.message or self.tr("Draw or select an area of interest first.")
        else:
            try:
                kind = request_kind(self.mode)
                self.request = build_request(kind, self.params(), contracts=self.contracts)
            except InputError as exc:
                message = fields.labelled(self, exc)
        # Opportunities need only the AOI, the window and the constraints (no name yet).
        self.access_request, self.access_error = self._build_access()
        checking = self.opportunities_running
        self.opportunitiesButton.setEnabled(self.access_request is not None and not checking)
        self.opportunitiesButton.setToolTip(
            self.access_error
            or self.tr(
                "Ask the Console when a Capella satellite can see this area within the window "
                "and constraints (nothing is ordered)"
            )
        )
        # Both when they differ: the request's (e.g. no name yet) and the opportunities'.
        shown = dict.fromkeys(m for m in (message, self.access_error) if m)
        self.errorLabel.setText("\n".join(shown))
        self.cautionLabel.setText("\n".join(self.cautions()))
        self.cautionLabel.setVisible(bool(self.cautionLabel.text()))
        self.reviewButton.setEnabled(self.request is not None)
        self.submitButton.setEnabled(
            self.request is not None and self.pages.currentIndex() == PAGE_SUMMARY
        )
        self._update_compass()
        self.summary.update_stack(self.request)
        return self.request

    @property
    def error_text(self) -> str:
        text: str = self.errorLabel.text()  # a QLabel of the form
        return text

    def cautions(self) -> list[str]:
        """The valid request's doubtful combinations (sent if the user goes on), in the form's
        labels."""
        found = getattr(self.request, "cautions", None)
        return [fields.relabel(self, text) for text in found()] if found else []

    def _update_compass(self) -> None:
        self.compass.set_range(fields.optional(self.azMinSpin), fields.optional(self.azMaxSpin))

    # --- summary page --------------------------------------------------------------------

    def planned_dates(self) -> tuple[list[Any], bool]:
        return planned_dates(self.request)

    def stack_text(self) -> str:
        return self.summary.stack_text(self.request)

    def payload(self) -> Optional[dict[str, Any]]:
        request = self.validate()
        return request.to_payload() if request is not None else None

    def review_rows(self) -> list[tuple[str, str]]:
        """The request in words, as the review page lists it (empty when it is invalid)."""
        from capella_qgis.gui.tasking.review import review_rows

        request = self.validate()
        if request is None:
            return []
        rows = review_rows(request, mode=self.modeCombo.currentText(), aoi=self.aoi_description)
        return rows + [(self.tr("Caution"), text) for text in self.cautions()]

    def review(self) -> bool:
        """The request in words first, the exact JSON body behind a toggle, the AOI on a map
        of the world outline."""
        payload = self.payload()
        if payload is None:
            return False
        self.summary.show(payload, self.aoi.geometry, self.review_rows())
        self.pages.setCurrentIndex(PAGE_SUMMARY)
        self.opportunitiesButton.setVisible(False)  # a form-page action
        self.submitButton.setEnabled(True)
        self.backButton.setEnabled(True)
        self.backButton.setVisible(True)
        return True

    def back(self) -> None:
        self.pages.setCurrentIndex(PAGE_FORM)
        self.opportunitiesButton.setVisible(True)
        self.backButton.setVisible(False)
        self.validate()

    @property
    def mini_canvas(self) -> Optional[QgsMapCanvas]:
        return self.summary.mini_canvas

    # --- opportunities and the archive -----------------------------------------------------

    @property
    def opportunities_running(self) -> bool:
        widget = getattr(self, "opportunities", None)  # validate() runs before it exists
        return bool(widget is not None and widget.running)

    def target_name(self) -> str:
        """What the request is about: its name, else the AOI (names the map layers)."""
        return self.nameEdit.text().strip() or self.aoi_short

    def check_opportunities(self) -> bool:
        """Ask for the opportunities of the AOI, window and constraints; False when invalid."""
        self.validate()
        request = self.access_request
        if request is None:
            self.errorLabel.setText(self.access_error)
            return False
        self.tabs.setCurrentWidget(self.opportunitiesTab)
        self.opportunities.set_running(True)
        self.opportunitiesButton.setEnabled(False)
        self.opportunitiesRequested.emit(request)
        return True

    def show_opportunities_status(self, status: str, seconds: float) -> None:
        self.opportunities.show_status(status, seconds)

    def show_opportunities(self, result: OpportunityResult, layer_name: str = "") -> None:
        """The controller's answer: the groups, or a clear word that there are none."""
        self.opportunities.show_result(result, layer_name)
        self.tabs.setCurrentWidget(self.opportunitiesTab)
        self.validate()
        self.opportunitiesShown.emit(result)

    def show_opportunities_failure(self, message: str) -> None:
        self.opportunities.show_failure(message)
        self.validate()

    def apply_constraints(self, constraints: dict[str, Any]) -> None:
        """Pre-fill the constraints of a chosen opportunity group or pass."""
        fields.apply_constraints(self, constraints)
        self.validate()

    def set_archive_searching(self) -> None:
        self.archiveLabel.setText(self.tr("Archive: looking for existing captures of this AOI…"))
        self.archiveLabel.setVisible(True)

    def show_archive(self, products: int, captures: int, matched: int, layer_name: str) -> None:
        """The catalog's captures of the AOI: buying one beats tasking a new one."""
        if not products:
            text = self.tr("Archive: no existing capture of this AOI; a new acquisition is needed.")
        else:
            text = self.tr(
                "Archive: {captures} captures of this AOI exist already ({products} products, "
                "on the map as “{layer}”). Consider ordering one before tasking a new "
                "acquisition."
            ).format(captures=captures, products=products, layer=layer_name)
            if matched > products:
                text += " " + self.tr("The catalog matched {n} products in all.").format(n=matched)
        self.archiveLabel.setText(text)
        self.archiveLabel.setVisible(True)

    def show_archive_failure(self, message: str) -> None:
        self.archiveLabel.setText(
            self.tr("Archive: not searched ({message}).").format(message=message.rstrip("."))
        )
        self.archiveLabel.setVisible(True)

    # --- submission ------------------------------------------------------------------------

    def submit(self) -> bool:
        """Ask for the reviewed request to be created; False (nothing asked) when invalid."""
        request = self.validate()
        if request is None:
            return False
        self.submitButton.setEnabled(False)
        self.submitRequested.emit(request)
        return True

    def show_created(self, created: Any) -> None:
        """The controller created the request: say so and close."""
        self.requestCreated.emit(created)
        self.accept()

    def show_failure(self, message: str) -> None:
        """The controller could not create the request: show why; Submit can be retried."""
        self.errorLabel.setText(message)
        self.submitButton.setEnabled(True)
        self.submitFailed.emit(message)

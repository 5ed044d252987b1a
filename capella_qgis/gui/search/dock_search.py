"""Catalog search dock: AOI, filters, saved searches, progress and the results list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsVectorLayer
from qgis.gui import QgsMapCanvas, QgsMapLayerComboBox
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QDockWidget, QFileDialog, QMenu, QVBoxLayout, QWidget

from capella_qgis.core.exceptions import CapellaError
from capella_qgis.footprints.style import STYLE_FIELDS
from capella_qgis.gui.aoi.maptool_aoi import AoiMapTool, format_area
from capella_qgis.gui.search.saved_searches import SavedSearchError, SavedSearchStore
from capella_qgis.gui.search.wdg_results import GROUP_FIELDS, ResultsView
from capella_qgis.gui.search.wdg_search_filters import SearchFiltersWidget
from capella_qgis.toolbelt.compat import load_ui

if TYPE_CHECKING:
    from capella_qgis.aoi.checks import AoiResult
    from capella_qgis.core.search.query import CatalogQuery

FORM_CLASS = load_ui(Path(__file__).with_suffix(".ui"))
AOI_SOURCES = ("extent", "rectangle", "polygon", "layer", "text")


class SearchDock(QDockWidget, FORM_CLASS):  # type: ignore[misc, valid-type]  # uic builds FORM_CLASS at runtime
    """The search form; emits ``searchRequested(CatalogQuery)`` only for valid input."""

    searchRequested = pyqtSignal(object)
    cancelRequested = pyqtSignal()
    exportRequested = pyqtSignal(str)
    quicklookRequested = pyqtSignal()
    orderRequested = pyqtSignal()
    styleChanged = pyqtSignal(str)
    zoomRequested = pyqtSignal(int)

    def __init__(
        self,
        canvas: QgsMapCanvas,
        parent: Optional[QWidget] = None,
        store: Optional[SavedSearchStore] = None,
    ) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CapellaSearchDock")
        self.canvas = canvas
        self.store = store or SavedSearchStore()
        self.aoi_geometry: Optional[QgsGeometry] = None  # drawn/pasted, in aoi_crs
        # aoi.geometry.WGS84, built here: that module loads shapely and numpy, which the dock
        # needs only once an AOI is checked, not while QGIS starts (#20).
        self.aoi_crs = QgsCoordinateReferenceSystem("EPSG:4326")
        self.aoi_result: Optional[AoiResult] = None
        self.map_tool: Optional[AoiMapTool] = None
        self._previous_tool: Any = None

        labels = {
            "extent": self.tr("Map canvas extent"),
            "rectangle": self.tr("Draw a rectangle"),
            "polygon": self.tr("Draw a polygon"),
            "layer": self.tr("Selected features of a layer"),
            "text": self.tr("Pasted GeoJSON / WKT"),
        }
        for key in AOI_SOURCES:
            self.aoiSource.addItem(labels[key], key)
        self.aoiLayer = QgsMapLayerComboBox(self.aoiGroup)
        self.aoiLayer.setAllowEmptyLayer(True)
        self.aoiLayout.insertWidget(1, self.aoiLayer)
        self.aoiSource.currentIndexChanged.connect(self._source_changed)
        self.aoiButton.clicked.connect(self.set_aoi_from_source)
        self.repairButton.clicked.connect(self.accept_repair)
        self.aoiText.textChanged.connect(self._text_edited)

        self.filters = SearchFiltersWidget(self.filtersHolder)
        QVBoxLayout(self.filtersHolder).addWidget(self.filters)
        self.filtersHolder.layout().setContentsMargins(0, 0, 0, 0)

        self.results = ResultsView(self.resultsHolder)
        QVBoxLayout(self.resultsHolder).addWidget(self.results)
        self.resultsHolder.layout().setContentsMargins(0, 0, 0, 0)
        self.results.zoomRequested.connect(self.zoomRequested)
        for value, label in GROUP_FIELDS:
            self.groupCombo.addItem(self.tr(label), value)
        self.groupCombo.currentIndexChanged.connect(
            lambda *_: self.results.set_group_field(self.groupCombo.currentData())
        )
        style_labels = {
            "product_type": self.tr("Product type"),
            "look_direction": self.tr("Look direction"),
            "orbit_state": self.tr("Orbit state"),
        }
        for key in STYLE_FIELDS:
            self.styleCombo.addItem(style_labels.get(key, key), key)
        self.styleCombo.currentIndexChanged.connect(
            lambda *_: self.styleChanged.emit(self.styleCombo.currentData())
        )

        menu = QMenu(self.savedMenuButton)
        menu.addAction(self.tr("Save"), self.save_current)
        menu.addAction(self.tr("Load"), lambda: self.load_saved(self.savedCombo.currentText()))
        menu.addAction(self.tr("Delete"), lambda: self.delete_saved(self.savedCombo.currentText()))
        menu.addSeparator()
        menu.addAction(self.tr("Export to JSON…"), self._export_saved)
        menu.addAction(self.tr("Import from JSON…"), self._import_saved)
        self.savedMenuButton.setMenu(menu)
        self._refresh_saved()

        self.searchButton.clicked.connect(self.request_search)
        self.cancelButton.clicked.connect(self.cancelRequested)
        self.exportButton.clicked.connect(self._export_clicked)
        self.quicklookButton.clicked.connect(self.quicklookRequested)
        self.orderButton.clicked.connect(self.orderRequested)
        self.set_running(False)
        self._source_changed()

    # --- AOI -------------------------------------------------------------------------------

    def aoi_source(self) -> str:
        key: str = self.aoiSource.currentData()  # one of AOI_SOURCES (the items' data)
        return key

    def set_aoi_source(self, key: str) -> None:
        self.aoiSource.setCurrentIndex(AOI_SOURCES.index(key))

    def _source_changed(self, *_: Any) -> None:
        key = self.aoi_source()
        self.aoiText.setVisible(key == "text")
        self.aoiLayer.setVisible(key == "layer")
        self.aoiButton.setVisible(key in ("rectangle", "polygon", "layer"))
        self.aoiButton.setText(
            self.tr("Draw") if key in ("rectangle", "polygon") else self.tr("Use")
        )
        self.repairButton.hide()
        self.aoiError.clear()
        self.aoi_geometry = None
        self.aoi_result = None
        self.aoiStatus.setText(
            self.tr("The visible map area is used when you search.") if key == "extent" else ""
        )

    def _text_edited(self) -> None:
        self.aoi_result = None
        self.aoiError.clear()
        self.repairButton.hide()

    def set_aoi_from_source(self) -> None:
        from capella_qgis.aoi.checks import aoi_from_layer_selection

        key = self.aoi_source()
        if key in ("rectangle", "polygon"):
            self.start_drawing(key)
        elif key == "layer":
            self.show_aoi(aoi_from_layer_selection(self.aoiLayer.currentLayer()))

    def start_drawing(self, mode: str) -> None:
        self.stop_drawing()
        self.map_tool = AoiMapTool(self.canvas, mode)
        self.map_tool.geometryDrawn.connect(self.set_drawn_geometry)
        self.map_tool.measureChanged.connect(self.aoiStatus.setText)
        self.map_tool.cancelled.connect(self.stop_drawing)
        self._previous_tool = self.canvas.mapTool()
        self.canvas.setMapTool(self.map_tool)

    def stop_drawing(self) -> None:
        if self.map_tool is None:
            return
        tool, self.map_tool = self.map_tool, None
        if self.canvas.mapTool() is tool:
            if self._previous_tool is not None:
                self.canvas.setMapTool(self._previous_tool)
            else:
                self.canvas.unsetMapTool(tool)
        tool.clean()
        tool.deleteLater()

    def set_drawn_geometry(self, geometry: QgsGeometry, crs: Any = None) -> None:
        """A geometry from the map tool (canvas CRS) or a test; checked immediately."""
        from capella_qgis.aoi.checks import check_aoi

        self.aoi_crs = crs or self.canvas.mapSettings().destinationCrs()
        self.aoi_geometry = QgsGeometry(geometry)
        self.show_aoi(check_aoi(self.aoi_geometry, self.aoi_crs))
        self.stop_drawing()

    def show_aoi(self, result: AoiResult) -> None:
        self.aoi_result = result
        self.aoiError.setText("\n".join(result.errors))
        self.repairButton.setVisible(bool(result.errors) and result.repairable)
        if result.ok:
            text = self.tr("Area: {area}").format(area=format_area(result.area_km2))
            if result.warnings:
                text += " — " + " ".join(result.warnings)
            self.aoiStatus.setText(text)
        else:
            self.aoiStatus.clear()

    def accept_repair(self) -> None:
        from capella_qgis.aoi.checks import WGS84, check_aoi

        if self.aoi_result is None or not self.aoi_result.repairable:
            return
        repaired = self.aoi_result.repaired
        if repaired is None:  # repairable means there is one
            return
        self.aoi_geometry, self.aoi_crs = QgsGeometry(repaired), WGS84
        if self.aoi_source() == "text":
            self.aoiText.blockSignals(True)
            self.aoiText.setPlainText(repaired.asWkt(7))
            self.aoiText.blockSignals(False)
        self.show_aoi(check_aoi(self.aoi_geometry, WGS84))

    def current_aoi(self) -> AoiResult:
        """The AOI checked now (the canvas extent is read at search time)."""
        from capella_qgis.aoi.checks import (
            aoi_from_extent,
            aoi_from_layer_selection,
            check_aoi,
            parse_aoi_text,
        )

        key = self.aoi_source()
        if key == "extent":
            settings = self.canvas.mapSettings()
            return aoi_from_extent(self.canvas.extent(), settings.destinationCrs())
        if key == "text":
            if self.aoi_geometry is not None and self.aoi_result is not None:
                return self.aoi_result
            return parse_aoi_text(self.aoiText.toPlainText())
        if key == "layer" and self.aoi_result is None:
            return aoi_from_layer_selection(self.aoiLayer.currentLayer())
        if self.aoi_result is not None:
            return self.aoi_result
        return check_aoi(self.aoi_geometry, self.aoi_crs)

    # --- query -----------------------------------------------------------------------------

    def build_query(self) -> Optional[CatalogQuery]:
        """Validate every field, show messages next to them; None when anything is wrong."""
        from capella_qgis.core.search.query import CatalogQuery

        self.filters.clear_errors()
        aoi = self.current_aoi()
        self.show_aoi(aoi)
        kwargs, errors = self.filters.build()
        for name, text in errors.items():
            self.filters.show_error(name, text)
        if errors or not aoi.ok:
            self.set_status(self.tr("Fix the highlighted fields; nothing was sent."), error=True)
            return None
        if self.aoi_source() == "extent" and aoi.bbox is not None:
            kwargs["bbox"] = [round(v, 7) for v in aoi.bbox]
        else:
            kwargs["intersects"] = aoi.geojson(7)
        try:
            return CatalogQuery(**kwargs)
        except CapellaError as exc:
            field_name = getattr(exc, "field", None) or ""
            self.filters.show_error(field_name, str(exc))
            self.set_status(str(exc), error=True)
            return None

    def request_search(self) -> None:
        query = self.build_query()
        if query is not None:
            self.searchRequested.emit(query)

    # --- progress / status -----------------------------------------------------------------

    def set_running(self, running: bool) -> None:
        self.searchButton.setEnabled(not running)
        self.cancelButton.setEnabled(running)
        self.progressBar.setVisible(running)
        if running:
            self.progressBar.setRange(0, 0)

    def show_pages(self, done: int, expected: int, items: int) -> None:
        self.progressBar.setRange(0, max(expected, 1))
        self.progressBar.setValue(done)
        self.progressBar.setFormat(self.tr("%v / %m pages"))
        self.set_status(
            self.tr("Fetched {done} of {expected} pages ({items} items)…").format(
                done=done, expected=expected, items=items
            )
        )

    def set_status(self, text: str, error: bool = False) -> None:
        self.statusLabel.setText(text)
        self.statusLabel.setStyleSheet("color: #c0392b;" if error else "")

    def show_results(
        self,
        layer: Optional[QgsVectorLayer],
        rows: Optional[tuple[list[int], list[tuple[Any, ...]]]] = None,
    ) -> None:
        self.results.set_layer(layer, rows)
        if layer is not None and self.groupCombo.currentData():
            self.results.set_group_field(self.groupCombo.currentData())

    def style_by(self) -> str:
        key: str = self.styleCombo.currentData()  # a style key (the items' data)
        return key

    def _export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export results"), "", self.tr("GeoJSON (*.geojson *.json)")
        )
        if path:
            self.exportRequested.emit(path)

    # --- saved searches --------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        state: dict[str, Any] = {"filters": self.filters.state(), "aoi_source": self.aoi_source()}
        aoi = self.aoi_result
        if self.aoi_source() == "text":
            state["aoi_text"] = self.aoiText.toPlainText()
        elif aoi is not None and aoi.ok and aoi.geometry is not None:
            state["aoi_source"] = "text"
            state["aoi_text"] = aoi.geometry.asWkt(7)
        return state

    def set_state(self, state: dict[str, Any]) -> None:
        self.filters.set_state(state.get("filters", {}))
        source = state.get("aoi_source", "extent")
        self.set_aoi_source(source if source in AOI_SOURCES else "extent")
        if source == "text":
            self.aoiText.setPlainText(state.get("aoi_text", ""))

    def _refresh_saved(self) -> None:
        current = self.savedCombo.currentText()
        self.savedCombo.clear()
        self.savedCombo.addItems(self.store.names())
        self.savedCombo.setEditText(current)

    def save_current(self, name: Optional[str] = None) -> None:
        try:
            self.store.save(name or self.savedCombo.currentText(), self.state())
            self.set_status(self.tr("Search saved."))
        except (SavedSearchError, OSError) as exc:
            self.set_status(str(exc), error=True)
        self._refresh_saved()

    def load_saved(self, name: str) -> None:
        try:
            self.set_state(self.store.load(name))
            self.set_status(self.tr("Loaded “{name}”.").format(name=name))
        except SavedSearchError as exc:
            self.set_status(str(exc), error=True)

    def delete_saved(self, name: str) -> None:
        if self.store.delete(name):
            self.set_status(self.tr("Deleted “{name}”.").format(name=name))
        self._refresh_saved()

    def _export_saved(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export saved searches"), "", self.tr("JSON (*.json)")
        )
        if path:
            count = self.store.export(path)
            self.set_status(self.tr("Exported {n} saved searches.").format(n=count))

    def _import_saved(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import saved searches"), "", self.tr("JSON (*.json)")
        )
        if not path:
            return
        try:
            names = self.store.import_file(path)
            self.set_status(self.tr("Imported {n} saved searches.").format(n=len(names)))
        except SavedSearchError as exc:
            self.set_status(str(exc), error=True)
        self._refresh_saved()

    def closeEvent(self, event: Any) -> None:
        self.stop_drawing()
        super().closeEvent(event)

"""CapellaProvider: the ``capella`` Processing provider (works without iface, e.g. qgis_process)."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from capella_qgis.processing.alg_approve_tasking_request import ApproveTaskingRequestAlgorithm
from capella_qgis.processing.alg_check_opportunities import CheckOpportunitiesAlgorithm
from capella_qgis.processing.alg_create_repeat_request import CreateRepeatRequestAlgorithm
from capella_qgis.processing.alg_create_tasking_request import CreateTaskingRequestAlgorithm
from capella_qgis.processing.alg_download_products import DownloadProductsAlgorithm
from capella_qgis.processing.alg_list_requests import (
    ListRepeatRequestsAlgorithm,
    ListTaskingRequestsAlgorithm,
)
from capella_qgis.processing.alg_retask import RetaskAlgorithm
from capella_qgis.processing.alg_review_order import ReviewOrderAlgorithm
from capella_qgis.processing.alg_search_catalog import SearchCatalogAlgorithm
from capella_qgis.processing.alg_submit_order import SubmitOrderAlgorithm
from capella_qgis.toolbelt.paths import plugin_icon, resource_path

PROVIDER_ID = "capella"

ALGORITHMS = (
    SearchCatalogAlgorithm,
    ReviewOrderAlgorithm,
    SubmitOrderAlgorithm,
    DownloadProductsAlgorithm,
    CheckOpportunitiesAlgorithm,
    CreateTaskingRequestAlgorithm,
    ApproveTaskingRequestAlgorithm,
    RetaskAlgorithm,
    CreateRepeatRequestAlgorithm,
    ListTaskingRequestsAlgorithm,
    ListRepeatRequestsAlgorithm,
)


class CapellaProvider(QgsProcessingProvider):
    """Registers the Capella algorithms; keep a Python reference while it is registered."""

    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return QCoreApplication.translate("CapellaProcessing", "Capella")

    def longName(self) -> str:
        return QCoreApplication.translate("CapellaProcessing", "Capella Space Console")

    def icon(self) -> QIcon:
        return plugin_icon()

    def svgIconPath(self) -> str:
        return str(resource_path("icon.svg"))

    def loadAlgorithms(self) -> None:
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())

"""capella:downloadproducts — download an order's (or a tasking request's) products.

An ORDER_ID is already paid for; a TASKING_REQUEST_ID or COLLECT_ID may place an order, so
those need CONFIRM=true (checked in ``parse``, before anything is sent).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from capella_qgis.core.download import AssetFilter, DownloadEngine
from capella_qgis.core.download.progress import ProgressSnapshot
from capella_qgis.core.download.sources import (
    CollectSource,
    DownloadSource,
    OrderSource,
    TaskingRequestSource,
    link_refresher,
    resolve,
)
from capella_qgis.core.models.enums import AssetType, ProductType
from capella_qgis.core.validation import validate_uuid
from capella_qgis.processing.base import CONFIRM, CapellaAlgorithm
from capella_qgis.processing.params import enum_param, enum_strings, make_advanced, string_value, tr
from capella_qgis.toolbelt.compat import QT_TR_NOOP, QgsProcessingException
from capella_qgis.toolbelt.network import client_kwargs_for
from capella_qgis.toolbelt.proxy import proxy_url_for
from capella_qgis.toolbelt.settings import PluginSettings

ORDER_ID = "ORDER_ID"
TASKING_REQUEST_ID = "TASKING_REQUEST_ID"
COLLECT_ID = "COLLECT_ID"
PRODUCT_TYPES = "PRODUCT_TYPES"
INCLUDE = "INCLUDE"
EXCLUDE = "EXCLUDE"
SEPARATE_DIRS = "SEPARATE_DIRS"
OVERWRITE = "OVERWRITE"
CONTRACT = "CONTRACT"
OUTPUT_FOLDER = "OUTPUT_FOLDER"
LOAD_OUTPUTS = "LOAD_OUTPUTS"
FILES = "FILES"
FILE_COUNT = "FILE_COUNT"
FAILED_COUNT = "FAILED_COUNT"
RASTERS = "RASTERS"
RASTER_SUFFIXES = (".tif", ".tiff", ".ntf", ".nitf")


@dataclass
class DownloadArgs:
    source: DownloadSource
    filters: AssetFilter


class DownloadProductsAlgorithm(CapellaAlgorithm):
    """``core.download.sources.resolve`` → DownloadEngine, with feedback as progress/cancel.

    The same resolution and link-refresh rule as the GUI's downloads (``DownloadTask``).
    """

    ALG_NAME = "downloadproducts"
    DISPLAY_NAME = QT_TR_NOOP("Download products")
    HELP = QT_TR_NOOP(
        "<p>Downloads the assets of an order (ORDER_ID), of the collects of a completed tasking "
        "request (TASKING_REQUEST_ID) or of collects (COLLECT_ID, comma separated). Give exactly "
        "one of them. Downloads resume and run in parallel; files already complete are kept "
        "unless OVERWRITE is set.</p>"
        "<p>For a tasking request or collects, the products are ordered first; an active order "
        "covering them is reused. <b>Ordering products you have not paid for yet may be "
        "billed</b>, so with TASKING_REQUEST_ID or COLLECT_ID the algorithm refuses to run "
        "unless CONFIRM is true. An ORDER_ID (from <i>Submit order</i>) is already ordered and "
        "needs no CONFIRM.</p>"
        "<p>INCLUDE / EXCLUDE filter asset types (raster = HH and VV; exclude wins); "
        "PRODUCT_TYPES keeps only those products. FILES lists every file (separated by ;), "
        "RASTERS the raster files, loaded on completion when LOAD_OUTPUTS is set.</p>"
    )

    def define(self) -> None:
        for name, label in (
            (ORDER_ID, tr("Order id")),
            (TASKING_REQUEST_ID, tr("Tasking request id")),
            (COLLECT_ID, tr("Collect id(s), comma separated")),
        ):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addParameter(
            enum_param(PRODUCT_TYPES, tr("Product types"), ProductType, multiple=True)
        )
        self.addParameter(enum_param(INCLUDE, tr("Include assets"), AssetType, multiple=True))
        self.addParameter(enum_param(EXCLUDE, tr("Exclude assets"), AssetType, multiple=True))
        self.addParameter(
            QgsProcessingParameterBoolean(SEPARATE_DIRS, tr("One folder per product"), True)
        )
        self.addParameter(
            QgsProcessingParameterBoolean(OVERWRITE, tr("Overwrite complete files"), False)
        )
        self.addParameter(
            make_advanced(
                QgsProcessingParameterString(
                    CONTRACT, tr("Contract id (tasking request / collects)"), optional=True
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                CONFIRM,
                tr(
                    "I confirm that ordering the products of a tasking request or collects may "
                    "spend money (CONFIRM)"
                ),
                False,
                optional=True,  # not needed for an ORDER_ID (e.g. a model's download step)
            )
        )
        # The plugin's download folder (default Downloads/Capella), not a temporary folder
        # that Processing deletes when QGIS exits.
        folder = PluginSettings.load().effective_download_folder
        self.addParameter(
            QgsProcessingParameterFolderDestination(
                OUTPUT_FOLDER, tr("Download folder"), defaultValue=str(folder)
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(LOAD_OUTPUTS, tr("Load rasters when done"), True)
        )
        self.addOutput(QgsProcessingOutputString(FILES, tr("Downloaded files")))
        self.addOutput(QgsProcessingOutputNumber(FILE_COUNT, tr("Number of files")))
        self.addOutput(QgsProcessingOutputNumber(FAILED_COUNT, tr("Number of failed assets")))
        self.addOutput(QgsProcessingOutputMultipleLayers(RASTERS, tr("Rasters")))

    def parse(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Any:
        order_id = string_value(self, parameters, ORDER_ID, context)
        tr_id = string_value(self, parameters, TASKING_REQUEST_ID, context)
        collects = string_value(self, parameters, COLLECT_ID, context)
        given = [
            n
            for n, v in ((ORDER_ID, order_id), (TASKING_REQUEST_ID, tr_id), (COLLECT_ID, collects))
            if v
        ]
        if len(given) != 1:
            raise QgsProcessingException(
                tr(
                    "Give exactly one of ORDER_ID, TASKING_REQUEST_ID or COLLECT_ID (got {n})"
                ).format(n=", ".join(given) or tr("none"))
            )
        if not order_id and not self.parameterAsBoolean(parameters, CONFIRM, context):
            raise QgsProcessingException(
                tr(
                    "{source} may place an order that spends money on your Capella account: set "
                    "CONFIRM to true to run it, or give the ORDER_ID of an existing order."
                ).format(source=given[0])
            )
        collect_ids = [
            validate_uuid(c.strip(), "COLLECT_ID") for c in (collects or "").split(",") if c.strip()
        ]
        filters = AssetFilter.create(
            include=enum_strings(self, parameters, INCLUDE, context),
            exclude=enum_strings(self, parameters, EXCLUDE, context),
            product_types=enum_strings(self, parameters, PRODUCT_TYPES, context),
        )
        contract = string_value(self, parameters, CONTRACT, context)
        source: DownloadSource
        if order_id:
            source = OrderSource(validate_uuid(order_id, "ORDER_ID"))
        elif tr_id:
            source = TaskingRequestSource((validate_uuid(tr_id, "TASKING_REQUEST_ID"),), contract)
        else:
            source = CollectSource(tuple(collect_ids), contract)
        return DownloadArgs(source, filters)

    def prepareAlgorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> bool:
        ok = super().prepareAlgorithm(parameters, context, feedback)
        # Proxy/CA lookups need the main thread, like the client itself.
        settings = PluginSettings.load()
        self._max_connections = settings.max_parallel_downloads
        self._net_kwargs = client_kwargs_for(self._client.base_url) if self._client else {}
        return ok

    def execute(
        self,
        args: Any,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        folder = Path(self.parameterAsString(parameters, OUTPUT_FOLDER, context))
        folder.mkdir(parents=True, exist_ok=True)
        result: dict[str, Any] = {
            OUTPUT_FOLDER: str(folder),
            FILES: "",
            FILE_COUNT: 0,
            FAILED_COUNT: 0,
            RASTERS: [],
        }
        client = self.client
        resolved = resolve(
            args.source,
            client,
            folder,
            filters=args.filters,
            separate_dirs=self.parameterAsBoolean(parameters, SEPARATE_DIRS, context),
            is_cancelled=self.cancel_check(feedback),
        )
        if isinstance(args.source, TaskingRequestSource):
            feedback.pushInfo(tr("{n} collects").format(n=len(resolved.collect_ids)))
        if resolved.order_id and not isinstance(args.source, OrderSource):
            feedback.pushInfo(tr("Using order {id}").format(id=resolved.order_id))
        if not resolved.jobs:
            feedback.pushInfo(tr("Nothing to download"))
            return result
        plan = resolved.jobs
        feedback.pushInfo(tr("{n} assets to download").format(n=len(plan)))

        cancel = threading.Event()

        def progress(snapshot: ProgressSnapshot) -> None:
            if feedback.isCanceled():
                cancel.set()
            if snapshot.fraction is not None:
                feedback.setProgress(100.0 * snapshot.fraction)

        engine = DownloadEngine(
            max_connections=self._max_connections,
            refresh_url=link_refresher(client),
            proxy_for=proxy_url_for,
            **self._net_kwargs,
        )
        report = engine.run(
            plan,
            progress,
            cancel,
            overwrite=self.parameterAsBoolean(parameters, OVERWRITE, context),
        )
        for outcome in report.failed:
            feedback.reportError(f"{outcome.key}: {outcome.reason}")
        feedback.pushInfo(report.summary())
        if cancel.is_set() or feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled by the user"))
        files = [str(p) for assets in report.by_stac_id().values() for p in assets.values()]
        if report.failed and not files:
            raise QgsProcessingException(
                tr("Every download failed:\n{s}").format(s=report.summary())
            )
        rasters = [f for f in files if f.lower().endswith(RASTER_SUFFIXES)]
        if self.parameterAsBoolean(parameters, LOAD_OUTPUTS, context) and context.project():
            for path in rasters:
                details = QgsProcessingContext.LayerDetails(
                    Path(path).stem, context.project(), RASTERS
                )
                context.addLayerToLoadOnCompletion(path, details)
        result.update(
            {
                FILES: ";".join(files),
                FILE_COUNT: len(files),
                FAILED_COUNT: len(report.failed),
                RASTERS: rasters,
            }
        )
        return result

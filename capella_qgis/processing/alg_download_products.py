"""capella:downloadproducts — download an order's (or a tasking request's) products.

An ORDER_ID is already paid for; a TASKING_REQUEST_ID or COLLECT_ID may place an order, so
those need CONFIRM=true (checked in ``parse``, before anything is sent). Their order is the
GUI's: ``core.workflows.orders.review_order`` first, written to the log (prices, total,
contract, or the active order reused), refused when denied or above MAX_COST
(``check_cost_cap``), then ``place_order``; the download comes from that order.
"""

from __future__ import annotations

import functools
import math
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

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

from capella_qgis.core.exceptions import InsufficientFundsError
from capella_qgis.core.models.enums import AssetType, ProductType
from capella_qgis.processing.base import CONFIRM, CapellaAlgorithm
from capella_qgis.processing.params import (
    INDENT,
    enum_param,
    enum_strings,
    label,
    make_advanced,
    number_param,
    number_value,
    string_value,
    tr,
)
from capella_qgis.toolbelt.compat import QT_TR_NOOP, QgsProcessingException
from capella_qgis.toolbelt.network import client_kwargs_for
from capella_qgis.toolbelt.proxy import proxy_url_for
from capella_qgis.toolbelt.settings import PluginSettings

if TYPE_CHECKING:
    # Type hints only; what is used is imported where used: core.download, the workflows and
    # the models load httpx and pydantic, which QGIS start-up must not pay for (#20).
    from capella_qgis.core.download import AssetFilter
    from capella_qgis.core.download.plan import DownloadJob
    from capella_qgis.core.download.progress import ProgressSnapshot
    from capella_qgis.core.download.sources import DownloadSource, OrderProducts
    from capella_qgis.core.models.stac import StacItem
    from capella_qgis.core.workflows.orders import ReviewResult

ORDER_ID = "ORDER_ID"
TASKING_REQUEST_ID = "TASKING_REQUEST_ID"
COLLECT_ID = "COLLECT_ID"
PRODUCT_TYPES = "PRODUCT_TYPES"
INCLUDE = "INCLUDE"
EXCLUDE = "EXCLUDE"
SEPARATE_DIRS = "SEPARATE_DIRS"
OVERWRITE = "OVERWRITE"
CONTRACT = "CONTRACT"
MAX_COST = "MAX_COST"
OUTPUT_FOLDER = "OUTPUT_FOLDER"
LOAD_OUTPUTS = "LOAD_OUTPUTS"
FILES = "FILES"
FILE_COUNT = "FILE_COUNT"
FAILED_COUNT = "FAILED_COUNT"
RASTERS = "RASTERS"
RASTER_SUFFIXES = (".tif", ".tiff", ".ntf", ".nitf")
FOLDER_LABEL = QT_TR_NOOP("Download folder")


def _file_in_the_way(folder: Path) -> Optional[Path]:
    """``folder`` or the first of its parents that exists and is not a folder (None: usable)."""
    for path in (folder, *folder.parents):
        if path.exists():
            return None if path.is_dir() else path
    return None


@dataclass
class DownloadArgs:
    source: DownloadSource
    filters: AssetFilter
    contract: Optional[str] = None  # of the order a tasking request / collects download places
    max_cost: Optional[Decimal] = None  # MAX_COST, in the Console's currency (USD)


def review_lines(result: ReviewResult) -> list[str]:
    """The review as the log shows it: per-product prices, total, contract, reuse."""
    review = result.review
    lines = [
        tr("Order review of {n} product(s) (nothing is bought yet):").format(n=len(result.ids))
    ]
    no_price = tr("no price given")
    for line in review.line_items:
        text = f"{INDENT}{line.granule_id or '?'}: {line.price or no_price}"
        held = result.covered.get(line.granule_id or "")
        if held:
            text += " " + tr("(already in active order {id})").format(id=held)
        lines.append(text)
    lines.append(tr("Total: {total}").format(total=review.total or tr("not given")))
    lines.append(tr("Contract: {contract}").format(contract=_contract_text(result)))
    if result.reuse_order is not None:
        lines.append(
            tr("Reusing active order {id}: it holds every product, nothing new is bought").format(
                id=result.reuse_order.order_id
            )
        )
    elif review.authorized:
        lines.append(tr("Authorized"))
    return lines


def _contract_text(result: ReviewResult) -> str:
    if not result.contract_id:
        return tr("the default contract of your account")
    org = result.organization
    names = {c.id: c.name for c in org.contracts} if org is not None else {}
    name = names.get(result.contract_id)
    return f"{name} ({result.contract_id})" if name else result.contract_id


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
        "<p>Before ordering, the order is reviewed and the review is written to the log: the "
        "price of each product, the total, the contract, or the active order that is reused "
        "(then nothing new is bought). A review the Console does not authorize orders nothing. "
        "With MAX_COST (USD), an order whose total is higher, or cannot be read, is not placed "
        "and the algorithm fails, giving the total.</p>"
        "<p>INCLUDE / EXCLUDE filter asset types (raster = HH and VV; exclude wins); "
        "PRODUCT_TYPES keeps only those products. FILES lists every file (separated by ;), "
        "RASTERS the raster files, loaded on completion when LOAD_OUTPUTS is set.</p>"
    )

    def define(self) -> None:
        for name, text in (
            (ORDER_ID, tr("Order id")),
            (TASKING_REQUEST_ID, tr("Tasking request id")),
            (COLLECT_ID, tr("Collect id(s), comma separated")),
        ):
            self.addParameter(QgsProcessingParameterString(name, text, optional=True))
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
        self.addParameter(
            number_param(MAX_COST, tr("Maximum cost (USD)"), minimum=0, optional=True)
        )
        # The plugin's download folder (default Downloads/Capella), not a temporary folder
        # that Processing deletes when QGIS exits.
        folder = PluginSettings.load().effective_download_folder
        self.addParameter(
            QgsProcessingParameterFolderDestination(
                OUTPUT_FOLDER, tr(FOLDER_LABEL), defaultValue=str(folder)
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
        from capella_qgis.core.download import AssetFilter
        from capella_qgis.core.download.sources import (
            CollectSource,
            OrderSource,
            TaskingRequestSource,
        )
        from capella_qgis.core.validation import validate_uuid

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
        folder = string_value(self, parameters, OUTPUT_FOLDER, context)
        in_the_way = _file_in_the_way(Path(folder)) if folder else None
        if in_the_way is not None:
            raise QgsProcessingException(
                tr("{label}: {path} is a file; choose a folder.").format(
                    label=tr(FOLDER_LABEL), path=in_the_way
                )
            )
        contract = string_value(self, parameters, CONTRACT, context)
        cap = number_value(self, parameters, MAX_COST, context)
        source: DownloadSource
        if order_id:
            source = OrderSource(validate_uuid(order_id, "ORDER_ID"))
        elif tr_id:
            source = TaskingRequestSource((validate_uuid(tr_id, "TASKING_REQUEST_ID"),))
        else:
            source = CollectSource(tuple(collect_ids))
        # str(): the float's shortest text, so 1000.1 is compared as 1000.1.
        max_cost = Decimal(str(cap)) if cap is not None else None
        return DownloadArgs(source, filters, contract, max_cost)

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
        from capella_qgis.core.download import DownloadEngine
        from capella_qgis.core.download.sources import (
            OrderSource,
            TaskingRequestSource,
            link_refresher,
            may_order,
            resolve,
        )

        folder = Path(self.parameterAsString(parameters, OUTPUT_FOLDER, context))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise QgsProcessingException(
                tr("{label}: cannot create {path} ({reason}); choose another folder.").format(
                    label=tr(FOLDER_LABEL), path=folder, reason=exc.strerror or exc
                )
            ) from None
        result: dict[str, Any] = {
            OUTPUT_FOLDER: str(folder),
            FILES: "",
            FILE_COUNT: 0,
            FAILED_COUNT: 0,
            RASTERS: [],
        }
        client = self.client
        order: Optional[OrderProducts] = None
        if may_order(args.source):  # CONFIRM was checked in parse
            order = functools.partial(self._review_and_order, args, feedback=feedback)
        resolved = resolve(
            args.source,
            client,
            folder,
            filters=args.filters,
            separate_dirs=self.parameterAsBoolean(parameters, SEPARATE_DIRS, context),
            is_cancelled=self.cancel_check(feedback),
            order=order,
        )
        for warning in resolved.warnings:  # records the Console sent that were read in part
            feedback.pushWarning(warning)
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
        # Engine threads report; the feedback's log is not meant for several writers at once.
        feedback_lock = threading.Lock()
        waiting: set[str] = set()

        def progress(snapshot: ProgressSnapshot) -> None:
            if snapshot.fraction is not None:
                with feedback_lock:
                    feedback.setProgress(100.0 * snapshot.fraction)

        def on_wait(job: DownloadJob, seconds: float, reason: str) -> None:
            wait = tr("waiting for the server (retry in {n} s)").format(n=math.ceil(seconds))
            with feedback_lock:
                if seconds <= 0:
                    waiting.discard(job.key)
                    feedback.setProgressText(tr("Downloading"))
                    return
                feedback.setProgressText(f"{job.target.name}: {wait}")
                if job.key not in waiting:  # once per wait in the log, the countdown above
                    waiting.add(job.key)
                    feedback.pushInfo(f"{job.key}: {reason}; {wait}")

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
            # Polled by the engine: a Cancel ends every wait, not only the next progress.
            is_cancelled=feedback.isCanceled,
            on_wait=on_wait,
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

    def failure_message(self, exc: BaseException) -> str:
        from capella_qgis.core.workflows.orders import order_failure_message

        return order_failure_message(exc)  # an order placed on the way reads as in the GUI

    def _review_and_order(
        self, args: DownloadArgs, items: list[StacItem], *, feedback: QgsProcessingFeedback
    ) -> str:
        """The id of the order holding ``items``: reviewed and logged first; a denied review,
        or a total above MAX_COST, orders nothing (QgsProcessingException)."""
        from capella_qgis.core.workflows.orders import (
            order_failure_message,
            place_order,
            review_order,
        )

        is_cancelled = self.cancel_check(feedback)
        result = review_order(
            self.client, items, contract_id=args.contract, is_cancelled=is_cancelled
        )
        for line in review_lines(result):
            feedback.pushInfo(line)
        if result.reuse_order is not None:
            # Taken as reviewed: a second lookup could find it expired and buy anew unchecked.
            return result.reuse_order.order_id
        review = result.review
        if not review.authorized:
            denied = InsufficientFundsError(review.denial_message or tr("no reason given"))
            reason = order_failure_message(denied).rstrip(". ")
            raise QgsProcessingException(tr("{reason}. Nothing was ordered.").format(reason=reason))
        if args.max_cost is not None:
            self._check_cap(result, args.max_cost)
        self.check_cancelled(feedback)
        placed = place_order(
            self.client, result.items, contract_id=result.contract_id, is_cancelled=is_cancelled
        )
        order_id = placed.order.order_id
        if placed.reused:
            feedback.pushInfo(tr("Reusing active order {id}").format(id=order_id))
        else:
            feedback.pushInfo(
                tr("Order {id} placed ({total})").format(id=order_id, total=review.total or "?")
            )
        return order_id

    def _check_cap(self, result: ReviewResult, cap: Decimal) -> None:
        """MAX_COST: the reviewed total must be readable, in dollars, and at most ``cap``."""
        from capella_qgis.core.workflows.orders import (
            CAP_ABOVE,
            CAP_CURRENCY,
            CONSOLE_CURRENCY,
            check_cost_cap,
            format_money,
        )

        check = check_cost_cap(result, cap)
        if check.ok:
            return
        what, limit = label(self, MAX_COST), format_money(cap)
        total = str(check.total) if check.total else (result.review.total or tr("not given"))
        if check.reason == CAP_ABOVE:
            why = tr("The order costs {total}, more than {label} ({cap})")
            fix = tr("Raise {label}, or leave it empty to order without a limit.")
        elif check.reason == CAP_CURRENCY:
            why = tr("The order is priced {total}, not in {currency} like {label} ({cap})")
            fix = tr("Leave {label} empty to order without a limit.")
        else:  # no readable total (a denial was refused before)
            why = tr("The order review gave no readable total ({total}) to compare with {label}")
            fix = tr("Leave {label} empty to order without a limit.")
        reason = why.format(total=total, label=what, cap=limit, currency=CONSOLE_CURRENCY)
        raise QgsProcessingException(
            tr("{reason}: nothing was ordered. {fix}").format(
                reason=reason, fix=fix.format(label=what)
            )
        )

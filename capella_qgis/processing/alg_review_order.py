"""capella:revieworder — price and authorisation of an order for footprints (nothing bought).

The review is ``core.workflows.orders.review_order``, as in the GUI's review dialog: it also
says which products an active order already holds (ACTIVE_ORDER_ID when one holds them all).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from capella_qgis.processing.base import CapellaAlgorithm
from capella_qgis.processing.params import (
    items_from_source,
    label,
    source_problem,
    source_type,
    string_value,
    tr,
)
from capella_qgis.toolbelt.compat import QT_TR_NOOP, QgsProcessingException

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.core.models.orders import OrderReview
    from capella_qgis.core.models.stac import StacItem

INPUT = "INPUT"
CONTRACT = "CONTRACT"
OUTPUT = "OUTPUT"
TOTAL = "TOTAL"
TOTAL_TEXT = "TOTAL_TEXT"
AUTHORIZED = "AUTHORIZED"
MESSAGE = "MESSAGE"
ACTIVE_ORDER_ID = "ACTIVE_ORDER_ID"


class OrderInput:
    """Items (or bare STAC ids) read from a footprint layer, plus the optional contract."""

    def __init__(self, items: list[StacItem], stac_ids: list[str], contract: Optional[str]):
        self.items = items
        self.stac_ids = stac_ids
        self.contract = contract

    @property
    def count(self) -> int:
        return len(self.items) + len(self.stac_ids)

    def all_ids(self) -> list[str]:
        return [i.id for i in self.items] + self.stac_ids


def add_order_inputs(alg: CapellaAlgorithm) -> None:
    """INPUT footprint layer (selected features only is an option of the source) + CONTRACT."""
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            INPUT, tr("Footprint layer"), [source_type("VectorAnyGeometry")]
        )
    )
    alg.addParameter(
        QgsProcessingParameterString(CONTRACT, tr("Contract id (optional)"), optional=True)
    )


def parse_order_input(
    alg: CapellaAlgorithm, parameters: dict[str, Any], context: QgsProcessingContext
) -> OrderInput:
    source = alg.parameterAsSource(parameters, INPUT, context)
    if source is None:
        raise QgsProcessingException(source_problem(label(alg, INPUT), parameters.get(INPUT)))
    items, ids = items_from_source(source)
    if not items and not ids:
        raise QgsProcessingException(
            tr("Nothing to order: the footprint layer (or its selection) is empty")
        )
    return OrderInput(items, ids, string_value(alg, parameters, CONTRACT, context))


def money(text: Optional[str]) -> float:
    """'$1,234.50' → 1234.5 (0 when absent)."""
    if not text:
        return 0.0
    match = re.search(r"-?\d[\d,]*(?:\.\d+)?", str(text))
    return float(match.group(0).replace(",", "")) if match else 0.0


def review_html(review: OrderReview) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(li.granule_id or '')}</td>"
        f"<td>{html.escape(li.collection_id or '')}</td>"
        f"<td>{html.escape(li.price or '')}</td></tr>"
        for li in review.line_items
    )
    status = "authorised" if review.authorized else "NOT authorised"
    denial = html.escape(review.denial_message or "")
    return (
        "<html><head><meta charset='utf-8'><title>Capella order review</title></head><body>"
        f"<h1>Order review: {status}</h1>"
        + (f"<p>{denial}</p>" if denial else "")
        + f"<p>Total: {html.escape(review.total or 'n/a')}</p>"
        "<table border='1'><tr><th>STAC id</th><th>Collection</th><th>Price</th></tr>"
        f"{rows}</table></body></html>"
    )


class OrderAlgorithm(CapellaAlgorithm):
    """Base of the algorithms ordering a footprint layer: ``parse`` gives an OrderInput.

    Their failures read as the GUI's order tasks say (``order_failure_message``).
    """

    def parse(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Any:
        return parse_order_input(self, parameters, context)

    def failure_message(self, exc: BaseException) -> str:
        from capella_qgis.core.workflows.orders import order_failure_message

        return order_failure_message(exc)


class ReviewOrderAlgorithm(OrderAlgorithm):
    """``POST /orders/review`` for the footprints of a layer; never orders anything."""

    ALG_NAME = "revieworder"
    DISPLAY_NAME = QT_TR_NOOP("Review order")
    HELP = QT_TR_NOOP(
        "<p>Asks the Console what ordering the footprints of INPUT (a layer from a Capella "
        "search; tick <i>Selected features only</i> to order a selection) would cost and whether "
        "your account may place the order. Nothing is bought.</p>"
        "<p>OUTPUT is an HTML report, or JSON when the file name ends in .json. TOTAL is the "
        "order total as a number, AUTHORIZED whether the order would be accepted.</p>"
    )

    def define(self) -> None:
        add_order_inputs(self)
        self.addParameter(
            QgsProcessingParameterFileDestination(
                OUTPUT, tr("Review report"), tr("HTML files (*.html);;JSON files (*.json)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(TOTAL, tr("Order total")))
        self.addOutput(QgsProcessingOutputString(TOTAL_TEXT, tr("Order total (as sent)")))
        self.addOutput(QgsProcessingOutputBoolean(AUTHORIZED, tr("Authorized")))
        self.addOutput(QgsProcessingOutputString(MESSAGE, tr("Denial reason")))
        self.addOutput(
            QgsProcessingOutputString(
                ACTIVE_ORDER_ID, tr("Active order already holding every product")
            )
        )

    def execute(
        self,
        args: Any,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        from capella_qgis.core.workflows.orders import review_order

        order: OrderInput = args
        result = review_order(
            self.client,
            order.items,
            order.stac_ids,
            order.contract,
            organization=False,
            is_cancelled=self.cancel_check(feedback),
        )
        review = result.review
        feedback.setProgress(80)
        covered = sorted({result.covered[i] for i in result.ids if i in result.covered})
        for order_id in covered:
            held = [i for i in result.ids if result.covered.get(i) == order_id]
            feedback.pushInfo(
                tr("Active order {id} already holds {n} of the products").format(
                    id=order_id, n=len(held)
                )
            )
        path = Path(self.parameterAsFileOutput(parameters, OUTPUT, context))
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".json":
            path.write_text(
                json.dumps(review.model_dump(mode="json", by_alias=True), indent=2),
                encoding="utf-8",
            )
        else:
            path.write_text(review_html(review), encoding="utf-8")
        if review.authorized:
            feedback.pushInfo(tr("Authorised; total {total}").format(total=review.total))
        else:
            feedback.reportError(
                tr("Not authorised: {reason}").format(reason=review.denial_message or "")
            )
        return {
            OUTPUT: str(path),
            TOTAL: money(review.total),
            TOTAL_TEXT: review.total or "",
            AUTHORIZED: bool(review.authorized),
            MESSAGE: review.denial_message or "",
            ACTIVE_ORDER_ID: result.reuse_order.order_id if result.reuse_order else "",
        }

"""capella:submitorder — order the footprints of a layer (spends money; CONFIRM required)."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
)

from capella_qgis.processing.alg_review_order import OrderAlgorithm, OrderInput, add_order_inputs
from capella_qgis.processing.params import tr
from capella_qgis.toolbelt.compat import QT_TR_NOOP

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).

REUSE_ACTIVE_ORDERS = "REUSE_ACTIVE_ORDERS"
ORDER_ID = "ORDER_ID"
ITEM_COUNT = "ITEM_COUNT"
REUSED = "REUSED"


class SubmitOrderAlgorithm(OrderAlgorithm):
    """Review then ``POST /orders``; an active order covering the items may be reused."""

    ALG_NAME = "submitorder"
    DISPLAY_NAME = QT_TR_NOOP("Submit order")
    SPENDS_MONEY = True
    HELP = QT_TR_NOOP(
        "<p>Orders the products of the footprints in INPUT (a layer from a Capella search; "
        "tick <i>Selected features only</i> to order a selection). The order is reviewed first "
        "and refused with the Console's reason when it is not authorised.</p>"
        "<p>With REUSE_ACTIVE_ORDERS an active order that already contains every product is "
        "returned instead of placing a new one. ORDER_ID feeds <i>Download products</i>.</p>"
    )

    def define(self) -> None:
        add_order_inputs(self)
        self.addParameter(
            QgsProcessingParameterBoolean(
                REUSE_ACTIVE_ORDERS, tr("Reuse an active order covering the products"), True
            )
        )
        self.addOutput(QgsProcessingOutputString(ORDER_ID, tr("Order id")))
        self.addOutput(QgsProcessingOutputNumber(ITEM_COUNT, tr("Number of products")))
        self.addOutput(QgsProcessingOutputString(REUSED, tr("Reused an active order (yes/no)")))

    def execute(
        self,
        args: Any,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        from capella_qgis.core.workflows.orders import place_order

        order: OrderInput = args
        placed = place_order(
            self.client,
            order.items,
            order.stac_ids,
            order.contract,
            reuse_active=self.parameterAsBoolean(parameters, REUSE_ACTIVE_ORDERS, context),
            is_cancelled=self.cancel_check(feedback),
        )
        feedback.setProgress(100)
        if placed.reused:
            feedback.pushInfo(tr("Reusing active order {id}").format(id=placed.order.order_id))
            return {ORDER_ID: placed.order.order_id, ITEM_COUNT: order.count, REUSED: "yes"}
        count = len(placed.order.stac_ids) or order.count
        feedback.pushInfo(
            tr("Order {id} placed for {n} products").format(id=placed.order.order_id, n=count)
        )
        return {ORDER_ID: placed.order.order_id, ITEM_COUNT: count, REUSED: "no"}

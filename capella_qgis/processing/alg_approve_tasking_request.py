"""capella:approvetaskingrequest — read a request's cost review; with CONFIRM, answer it.

Without CONFIRM it only reads and reports the estimate (total, km², tier, line items, the
cancellation-fee schedule against the first predicted collect) and answers nothing. With
CONFIRM it approves (``PATCH /task/{id}/status``, refused when the estimate is no longer the
total the user saw) or rejects. Re-running it is safe: a request already approved (or
rejected) is reported, not answered again.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Optional

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterString,
)

from capella_qgis.processing.base import CONFIRM, GROUP_TASKING, CapellaAlgorithm
from capella_qgis.processing.params import (
    INDENT,
    enum_param,
    enum_string,
    label,
    make_advanced,
    number_param,
    number_value,
    string_value,
    tr,
)
from capella_qgis.toolbelt.compat import QT_TR_NOOP, QgsProcessingException

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from decimal import Decimal

    from capella_qgis.core.api.tasking import CostReview

TASKING_REQUEST_ID = "TASKING_REQUEST_ID"
DECISION = "DECISION"
EXPECTED_TOTAL = "EXPECTED_TOTAL"
WAIT = "WAIT"
STATUS = "STATUS"
ANSWERED = "ANSWERED"
TOTAL = "TOTAL"
TOTAL_TEXT = "TOTAL_TEXT"
AREA_KM2 = "AREA_KM2"
FIRST_COLLECT = "FIRST_COLLECT"
APPROVE = "approve"
REJECT = "reject"
DEFAULT_WAIT = 60.0
# Statuses a request reaches once its cost is approved (or it was pre-approved).
APPROVED_STATUSES = ("submitted", "accepted", "active", "completed")
RECEIVED = "received"
# Waiting for the estimate: the first wait, growth factor and longest wait (s).
POLL_FIRST, POLL_FACTOR, POLL_MAX = 1.0, 1.6, 10.0


def fee_schedule_lines(first_collect: Optional[datetime], now: datetime) -> list[str]:
    """Capella's cancellation fees against the first predicted collect, and today's fee."""
    from capella_qgis.core.models.tasking import cancellation_fee_fraction, cancellation_periods
    from capella_qgis.core.timefmt import format_utc

    def fee(fraction: Optional[float]) -> str:
        if fraction is None:
            return tr("not cancellable")
        if fraction == 0:
            return tr("free")
        return tr("{p:g} % of the price").format(p=100 * fraction)

    if first_collect is None:
        return [tr("Cancelling: free (no collect is predicted yet)")]
    lines = [
        tr("Cancellation fees (first collect predicted at {t}):").format(
            t=format_utc(first_collect)
        )
    ]
    for start, until, fraction in cancellation_periods(first_collect):
        if start is None and until is not None:
            text = tr("until {t}: {fee}").format(t=format_utc(until), fee=fee(fraction))
        elif until is None and start is not None:
            text = tr("from {t}: {fee}").format(t=format_utc(start), fee=fee(fraction))
        elif start is not None and until is not None:
            text = tr("{a} … {b}: {fee}").format(
                a=format_utc(start), b=format_utc(until), fee=fee(fraction)
            )
        else:
            continue
        lines.append(INDENT + text)
    lines.append(
        INDENT + tr("now: {fee}").format(fee=fee(cancellation_fee_fraction(first_collect, now)))
    )
    return lines


def review_lines(review: CostReview, now: datetime) -> list[str]:
    """The cost review as the log shows it (the cost dialog's facts)."""
    request = review.request
    props = request.properties
    estimate = review.estimate
    lines = [
        tr("Tasking request {id} ({name}): status {status}").format(
            id=request.id, name=props.name or "-", status=request.status or "?"
        )
    ]
    if estimate is None:
        lines.append(tr("No cost estimate yet"))
        return lines
    area = estimate.area_km2
    lines.append(
        tr("Total: {total} (subtotal {subtotal}); {km2} km²; tier {tier}").format(
            total=estimate.total or "?",
            subtotal=estimate.summary.subtotal or "?",
            km2=f"{area:,.2f}" if area is not None else "?",
            tier=props.collection_tier or "?",
        )
    )
    for item in estimate.line_items:
        size = item.accounting_size.km2 if item.accounting_size else None
        lines.append(
            INDENT
            + tr("line item {task}: {km2} km², tier {tier}").format(
                task=item.task_id or "?",
                km2=f"{size:,.2f}" if size is not None else "?",
                tier=item.collection_tier or props.collection_tier or "?",
            )
        )
    lines.extend(fee_schedule_lines(review.first_collect, now))
    return lines


class ApproveTaskingRequestAlgorithm(CapellaAlgorithm):
    """Cost review → (CONFIRM) ``PATCH /task/{id}/status`` approved / rejected."""

    ALG_NAME = "approvetaskingrequest"
    DISPLAY_NAME = QT_TR_NOOP("Approve tasking request")
    GROUP = GROUP_TASKING
    HELP = QT_TR_NOOP(
        "<p>A tasking request created without pre-approval waits in <i>review</i> until its "
        "cost estimate is approved; without approval it is never collected. This algorithm "
        "reads the estimate of TASKING_REQUEST_ID and writes it to the log: the total, the "
        "area in km², the tier, the line items and the cancellation fees against the first "
        "predicted collect. While the estimate is being prepared it waits up to WAIT seconds."
        "</p>"
        "<p><b>Approving spends money.</b> Without CONFIRM nothing is answered: the review is "
        "only reported. With CONFIRM, DECISION approve accepts the estimate and reject "
        "declines it. Give EXPECTED_TOTAL (the total you saw, e.g. $1,500.00): when the "
        "estimate is no longer that amount nothing is approved. Without it, the total read and "
        "logged by this run is the one approved.</p>"
        "<p>Re-running is safe: a request already approved (or pre-approved) or already "
        "rejected is reported and left as it is. STATUS is the request's status afterwards, "
        "ANSWERED whether this run answered the review.</p>"
    )
    FIELD_PARAMETERS = {"tasking_request_id": (TASKING_REQUEST_ID,)}

    def define(self) -> None:
        self.addParameter(
            QgsProcessingParameterString(TASKING_REQUEST_ID, tr("Tasking request id"))
        )
        self.addParameter(
            enum_param(DECISION, tr("Decision"), (APPROVE, REJECT), optional=False, default=APPROVE)
        )
        self.addParameter(
            QgsProcessingParameterString(
                EXPECTED_TOTAL, tr("Expected total (the total you saw)"), optional=True
            )
        )
        self.addParameter(
            make_advanced(
                number_param(
                    WAIT,
                    tr("Wait for the cost estimate at most (s)"),
                    minimum=0,
                    default=DEFAULT_WAIT,
                    optional=False,
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                CONFIRM,
                tr("Answer the review: I confirm that approving spends money (CONFIRM)"),
                False,
            )
        )
        self.addOutput(QgsProcessingOutputString(STATUS, tr("Status")))
        self.addOutput(QgsProcessingOutputBoolean(ANSWERED, tr("Answered by this run")))
        self.addOutput(QgsProcessingOutputNumber(TOTAL, tr("Estimated total")))
        self.addOutput(QgsProcessingOutputString(TOTAL_TEXT, tr("Estimated total (as sent)")))
        self.addOutput(QgsProcessingOutputNumber(AREA_KM2, tr("Accounting area (km²)")))
        self.addOutput(QgsProcessingOutputString(FIRST_COLLECT, tr("First predicted collect")))

    def parse(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Any:
        from capella_qgis.core.models.tasking import parse_money
        from capella_qgis.core.validation import validate_uuid

        tr_id = validate_uuid(
            string_value(self, parameters, TASKING_REQUEST_ID, context) or "", "tasking_request_id"
        )
        expected_text = string_value(self, parameters, EXPECTED_TOTAL, context)
        expected: Optional[Decimal] = None
        if expected_text is not None:
            expected = parse_money(expected_text)
            if expected is None:
                raise QgsProcessingException(
                    tr(
                        "{label}: '{value}' is not an amount; give the total the review showed, "
                        "e.g. $1,500.00 or 1500"
                    ).format(label=label(self, EXPECTED_TOTAL), value=expected_text)
                )
        decision = enum_string(self, parameters, DECISION, context) or APPROVE
        wait = number_value(self, parameters, WAIT, context)
        confirm = self.parameterAsBoolean(parameters, CONFIRM, context)
        return tr_id, decision, expected, DEFAULT_WAIT if wait is None else wait, confirm

    def _review(self, tr_id: str, wait: float, feedback: QgsProcessingFeedback) -> CostReview:
        """The cost review, waiting (back-off, cancellable) while the estimate is prepared."""
        import time

        from capella_qgis.core.api.http import cancellable_wait

        is_cancelled = self.cancel_check(feedback)
        started = time.monotonic()
        delay = POLL_FIRST
        while True:
            self.check_cancelled(feedback)
            review = self.client.tasking.get_cost_review(tr_id)
            if review.request.status != RECEIVED or review.estimate is not None:
                return review
            elapsed = time.monotonic() - started
            if elapsed + delay > wait:
                return review
            feedback.pushInfo(
                tr("Waiting for the cost estimate of {id} ({s:.0f} s)").format(id=tr_id, s=elapsed)
            )
            feedback.setProgress(min(80.0, 80.0 * elapsed / max(wait, 1.0)))
            cancellable_wait(delay, is_cancelled)
            delay = min(POLL_MAX, delay * POLL_FACTOR)

    def execute(
        self,
        args: Any,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        from capella_qgis.core.timefmt import format_utc
        from capella_qgis.core.workflows.tasking import answer_cost_review

        tr_id, decision, expected, wait, confirm = args
        review = self._review(tr_id, wait, feedback)
        for line in review_lines(review, datetime.now(timezone.utc)):
            feedback.pushInfo(line)
        estimate = review.estimate
        current = estimate.total_amount if estimate else None
        out: dict[str, Any] = {
            STATUS: review.request.status or "",
            ANSWERED: False,
            TOTAL: float(current) if current is not None else None,
            TOTAL_TEXT: (estimate.total or "") if estimate else "",
            AREA_KM2: estimate.area_km2 if estimate else None,
            FIRST_COLLECT: format_utc(review.first_collect) if review.first_collect else "",
        }
        if expected is not None and current is not None and current != expected:
            text = tr("{label}: the estimate is now {total}, not {expected}").format(
                label=label(self, EXPECTED_TOTAL),
                total=estimate.total if estimate else "?",
                expected=parameters.get(EXPECTED_TOTAL),
            )
            if confirm and decision == APPROVE:
                raise QgsProcessingException(
                    text + tr("; nothing was approved. Review it again before approving.")
                )
            feedback.pushWarning(text)
        if not confirm:
            feedback.pushWarning(
                tr(
                    "Nothing was answered: this run only read the cost review. Set CONFIRM to "
                    "true to answer it ({decision})."
                ).format(decision=decision)
            )
            return out
        skip = self._already_answered(review, decision)
        if skip:
            feedback.pushInfo(skip)
            return out
        if decision == APPROVE:
            total = expected if expected is not None else current
            if total is None:
                raise QgsProcessingException(
                    tr(
                        "Tasking request {id}: the cost estimate has no readable total, so "
                        "nothing was approved; review it in the Capella Console."
                    ).format(id=tr_id)
                )
            # The total the user saw (or this run logged) is checked again by the client
            # just before approving: a changed estimate is refused, never approved unseen.
            answered = answer_cost_review(self.client, tr_id, True, expected_total=total)
            feedback.pushInfo(
                tr("Approved {total}: tasking request {id} is now {status}").format(
                    total=out[TOTAL_TEXT] or total, id=tr_id, status=answered.status or "?"
                )
            )
        else:
            answered = answer_cost_review(self.client, tr_id, False)
            feedback.pushInfo(
                tr("Rejected: tasking request {id} is now {status}").format(
                    id=tr_id, status=answered.status or "?"
                )
            )
        feedback.setProgress(100)
        out[STATUS] = answered.status or ""
        out[ANSWERED] = True
        return out

    def _already_answered(self, review: CostReview, decision: str) -> Optional[str]:
        """The report of a re-run with nothing left to do; raises when the answer is
        impossible (the estimate not ready, or a final status the decision cannot change)."""
        request = review.request
        status = request.status or "?"
        if decision == APPROVE and status in APPROVED_STATUSES:
            return tr(
                "Tasking request {id} is already approved (status {status}): nothing to do"
            ).format(id=request.id, status=status)
        if decision == REJECT and status == "rejected":
            return tr("Tasking request {id} is already rejected: nothing to do").format(
                id=request.id
            )
        if request.awaiting_approval:
            return None
        if status == RECEIVED:
            raise QgsProcessingException(
                tr(
                    "Tasking request {id}: the cost estimate is not ready yet (status received); "
                    "run the algorithm again later, or raise {label}."
                ).format(id=request.id, label=label(self, WAIT))
            )
        if decision == REJECT and status in APPROVED_STATUSES:
            raise QgsProcessingException(
                tr(
                    "Tasking request {id} is already approved (status {status}), so its review "
                    "cannot be rejected; cancel the request instead (cancellation fees may apply)."
                ).format(id=request.id, status=status)
            )
        if decision == APPROVE:
            text = tr(
                "Tasking request {id} is {status}, not waiting for cost approval; it cannot be "
                "approved."
            )
        else:
            text = tr(
                "Tasking request {id} is {status}, not waiting for cost approval; it cannot be "
                "rejected."
            )
        raise QgsProcessingException(text.format(id=request.id, status=status))

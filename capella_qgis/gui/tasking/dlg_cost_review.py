"""Cost review dialog: the Console's estimate, the cancellation fees, and Approve / Reject."""

from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from qgis.PyQt.QtCore import Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import QDialog, QMessageBox, QTableWidgetItem, QWidget

from capella_qgis.gui.tasking.dock_requests import INTENT_APPROVE, INTENT_REJECT, INTENT_REVIEW
from capella_qgis.gui.tasking.timetext import when
from capella_qgis.toolbelt.compat import as_slot, load_ui

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.core.models.tasking import ConflictingTask
    from capella_qgis.tasks.task_review import Review, ReviewAnswer

FORM_CLASS = load_ui(Path(__file__).with_suffix(".ui"))

# Banner colours of the state line (the message bar's palette: info, warning, success, error).
_STYLES = {
    "info": "background:#e8f0fb;border:1px solid #a9c4ea;",
    "warning": "background:#fff4d6;border:1px solid #e6c35c;",
    "success": "background:#e6f4e6;border:1px solid #8cc68c;",
    "error": "background:#fbe3e3;border:1px solid #e08a8a;",
}


def _percent(fraction: float) -> str:
    return f"{fraction * 100:g} %"


class DlgCostReview(QDialog, FORM_CLASS):  # type: ignore[misc, valid-type]  # uic builds FORM_CLASS at runtime
    """Shows one request's estimate; Approve sends the total shown, Reject asks first.

    The dialog only emits :attr:`approveRequested` / :attr:`rejectRequested`; the requests
    controller answers through the core and calls :meth:`show_answer` (or
    :meth:`show_review` again when the price changed). Closing it answers nothing.
    """

    approveRequested = pyqtSignal(str, str)  # request id, the total shown
    rejectRequested = pyqtSignal(str)  # request id

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CapellaCostReview")
        self.request_id = ""
        self.kind = "tasking"
        self.name = ""
        self.review: Optional[Review] = None
        # The amount Approve sends as expected_total: exactly the text on screen.
        self.total_shown = ""
        self.busy = False
        bold = QFont(self.lblName.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.lblName.setFont(bold)
        total_font = QFont(self.lblTotal.font())
        total_font.setBold(True)
        self.lblTotal.setFont(total_font)
        self.approveButton.setFont(total_font)  # the one answer that spends money
        self.lblRequestId.setStyleSheet("color:#666;")
        self.lblState.setMargin(6)
        self.lblMessage.setMargin(6)
        self.tblLineItems.verticalHeader().setVisible(False)
        self.tblLineItems.horizontalHeader().setStretchLastSection(True)
        self.approveButton.clicked.connect(self._approve)
        self.rejectButton.clicked.connect(self.ask_reject)
        self.closeButton.clicked.connect(self.close)
        self._clear()

    # --- what the controller shows -----------------------------------------------------------

    def show_loading(self, request_id: str, name: str = "", kind: str = "tasking") -> None:
        if request_id != self.request_id:
            self._clear()
        self.request_id, self.kind, self.name = request_id, kind, name or self.name
        self._header()
        self._state(self.tr("Reading the cost estimate from the Console…"), "info")
        self._buttons(False)

    def show_review(self, review: Review, intent: str = INTENT_REVIEW, note: str = "") -> None:
        """Fill the dialog from ``review``; ``note`` (e.g. the price changed) above the buttons."""
        from capella_qgis.tasks.task_review import RepeatCostReview

        self.review = review
        request = review.request
        self.request_id = request.id
        self.name = request.properties.name or ""
        self.set_busy(False)
        self._header()
        if isinstance(review, RepeatCostReview):
            self.kind = "repeat"
            self._fill_repeat(review)
        else:
            self.kind = "tasking"
            self._fill_tasking(review)
        self._fill_conflicts(getattr(request, "conflicting_tasks", []))
        self._message(note, "warning" if note else "")
        can_answer = review.awaiting_approval and bool(self.total_shown)
        if review.awaiting_approval and not self.total_shown:
            self._state(
                self.tr(
                    "The Console shows this request in review but gives no price: it cannot be "
                    "approved from here. Ask Capella support, or reject it."
                ),
                "warning",
            )
        elif review.awaiting_approval:
            self._state(
                self.tr(
                    "The Console estimated the cost of this request. Nothing is collected or "
                    "charged until you approve this price."
                ),
                "info",
            )
        elif request.status in (None, "", "received"):
            self._state(
                self.tr(
                    "The Console is still estimating the cost of this request. The Requests dock "
                    "tells you when the price is ready."
                ),
                "info",
            )
        else:
            self._state(
                self.tr("This request is {status}: there is no price to answer.").format(
                    status=request.status
                ),
                "info",
            )
        self._buttons(can_answer, reject=review.awaiting_approval)
        self.fit_height()
        if can_answer and intent == INTENT_APPROVE:
            self.approveButton.setFocus()
        elif review.awaiting_approval and intent == INTENT_REJECT:
            # The price is on screen behind the confirmation.
            QTimer.singleShot(0, as_slot(self.ask_reject))

    def show_answer(self, answer: ReviewAnswer) -> None:
        """The controller answered: the request as it is now, or the new price to decide on."""
        if answer.changed is not None:
            old = self.total_shown
            self.show_review(answer.changed)
            new = self.total_shown or "-"
            self._message(
                self.tr(
                    "The price changed since it was shown: it is now {new} (it was {old}). "
                    "Nothing was approved; approve again to accept the new price."
                ).format(new=new, old=old or "-"),
                "warning",
            )
            return
        self.set_busy(False)
        status = getattr(answer.request, "status", None) or "-"
        if answer.approve:
            self._state(
                self.tr(
                    "Approved at {total}: the request is now {status}. The Requests dock tracks it."
                ).format(total=self.total_shown, status=status),
                "success",
            )
        else:
            self._state(
                self.tr("Rejected: the request is now {status} and will not be collected.").format(
                    status=status
                ),
                "info",
            )
        self._message("", "")
        self._buttons(False)
        self.closeButton.setText(self.tr("Close"))

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self._message(message, "error")
        if self.review is None:
            self._state(self.tr("The cost estimate could not be read."), "error")

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        if busy:
            self._buttons(False)
            self._message(self.tr("Sending your answer to the Console…"), "info")

    def fit_height(self) -> None:
        """As tall as the content at the current width (wrapped labels guess too high)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        height = max(layout.totalHeightForWidth(self.width()), layout.totalMinimumSize().height())
        if height > 0:
            self.resize(self.width(), height)

    # --- the user's answers ------------------------------------------------------------------

    def _approve(self) -> None:
        if self.busy or not self.total_shown:
            return
        self.set_busy(True)
        self.approveRequested.emit(self.request_id, self.total_shown)

    def ask_reject(self) -> bool:
        """Ask before rejecting (it ends the request); True when the rejection was sent."""
        if self.busy or self.review is None or not self.review.awaiting_approval:
            return False
        # No is the default: Enter must not end the request.
        yes_no: Any = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(
            self,
            self.tr("Reject the cost estimate"),
            self.tr(
                "Reject “{name}” at {total}? The request ends and will not be collected. "
                "This cannot be undone."
            ).format(name=self.name or self.request_id, total=self.total_shown or "-"),
            yes_no,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.set_busy(True)
        self.rejectRequested.emit(self.request_id)
        return True

    # --- filling -----------------------------------------------------------------------------

    def _clear(self) -> None:
        self.review = None
        self.total_shown = ""
        for label in (self.lblTotal, self.lblSubtotal, self.lblArea, self.lblTier, self.lblType):
            label.setText("-")
        self.lblWindow.setText("-")
        self.tblLineItems.setRowCount(0)
        self.tblLineItems.setVisible(False)
        self.lblFirstCollect.setText("")
        self.lblSchedule.setText("")
        self.lblFeeNow.setText("")
        self.grpConflicts.setVisible(False)
        self._message("", "")
        self.closeButton.setText(self.tr("Decide later"))

    def _header(self) -> None:
        self.lblName.setText(self.name or self.tr("(unnamed request)"))
        what = self.tr("Repeat request") if self.kind == "repeat" else self.tr("Tasking request")
        self.lblRequestId.setText(f"{what} {self.request_id}")
        self.setWindowTitle(self.tr("Capella cost review: {name}").format(name=self.name or "-"))

    def _state(self, text: str, style: str) -> None:
        self.lblState.setText(text)
        self.lblState.setStyleSheet(_STYLES.get(style, ""))

    def _message(self, text: str, style: str) -> None:
        self.lblMessage.setText(text)
        self.lblMessage.setStyleSheet(_STYLES.get(style, ""))
        self.lblMessage.setVisible(bool(text))

    def _buttons(self, approve: bool, *, reject: Optional[bool] = None) -> None:
        self.approveButton.setEnabled(approve)
        self.rejectButton.setEnabled(approve if reject is None else reject)
        if approve and self.total_shown:
            self.approveButton.setText(self.tr("Approve {total}").format(total=self.total_shown))
        else:
            self.approveButton.setText(self.tr("Approve"))

    def _window_text(self, props: Any) -> str:
        w_open = getattr(props, "window_open", None)
        w_close = getattr(props, "window_close", None)
        if w_open is None and w_close is None:
            return "-"
        return self.tr("{open}\nto {close}").format(open=when(w_open), close=when(w_close))

    def _fill_tasking(self, review: Any) -> None:
        props = review.request.properties
        estimate = review.estimate
        self.lblTotalCaption.setText(self.tr("Total"))
        self.lblSubtotalCaption.setText(self.tr("Subtotal"))
        self.lblAreaCaption.setVisible(True)
        self.lblArea.setVisible(True)
        summary = estimate.summary if estimate is not None else None
        self.total_shown = (summary.total or "") if summary is not None else ""
        self.lblTotal.setText(self.total_shown or "-")
        self.lblSubtotal.setText((summary.subtotal if summary else None) or "-")
        area = estimate.area_km2 if estimate is not None else None
        self.lblArea.setText(self.tr("{km2} km²").format(km2=f"{area:,.2f}") if area else "-")
        items = estimate.line_items if estimate is not None else []
        tiers = sorted({li.collection_tier for li in items if li.collection_tier})
        self.lblTier.setText(", ".join(tiers) or props.collection_tier or "-")
        self.lblType.setText(props.collection_type or "-")
        self.lblWindow.setText(self._window_text(props))
        self.tblLineItems.setRowCount(len(items))
        for row, item in enumerate(items):
            km2 = item.accounting_size.km2 if item.accounting_size else None
            cells = (
                item.task_id or "-",
                item.collection_tier or "-",
                self.tr("{km2} km²").format(km2=f"{km2:,.2f}") if km2 is not None else "-",
            )
            for col, text in enumerate(cells):
                self.tblLineItems.setItem(row, col, QTableWidgetItem(text))
        self.tblLineItems.resizeColumnsToContents()
        self.tblLineItems.setVisible(bool(items))
        self._fit_rows(self.tblLineItems, len(items))
        self._fill_fees(review, summary)

    @staticmethod
    def _fit_rows(table: Any, rows: int, most: int = 4) -> None:
        """As tall as its rows (up to ``most``, then it scrolls): no empty band below."""
        shown = max(1, min(rows, most))
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(min(rows, shown))) or 24
        table.setFixedHeight(height + 2)

    def _fill_repeat(self, review: Any) -> None:
        props = review.request.properties
        self.total_shown = review.estimate or ""
        self.lblTotalCaption.setText(self.tr("Price per image"))
        self.lblTotal.setText(self.total_shown or "-")
        self.lblSubtotalCaption.setText(self.tr("Images"))
        rep = props.repetition_properties
        count = rep.repetition_count if rep is not None else None
        self.lblSubtotal.setText(str(count) if count else self.tr("until cancelled or ended"))
        self.lblAreaCaption.setVisible(False)
        self.lblArea.setVisible(False)
        self.lblTier.setText(props.collection_tier or "-")
        self.lblType.setText(props.collection_type or "-")
        if rep is not None and (rep.repeat_start or rep.repeat_end):
            self.lblWindow.setText(
                self.tr("{open}\nto {close}").format(
                    open=when(rep.repeat_start),
                    close=when(rep.repeat_end) if rep.repeat_end else self.tr("open-ended"),
                )
            )
        else:
            self.lblWindow.setText("-")
        self.tblLineItems.setVisible(False)
        self.lblFirstCollect.setText(
            self.tr("Each image of a repeat request is charged at this price when it is collected.")
        )
        self.lblSchedule.setText(self._policy_text())
        self.lblFeeNow.setText("")

    def _policy_text(self) -> str:
        return html.escape(
            self.tr(
                "Capella's cancellation policy: free more than 72 h before a collect, 25 % of "
                "its price from 72 h to 12 h, not cancellable under 12 h."
            )
        )

    def _fill_fees(self, review: Any, summary: Any) -> None:
        from capella_qgis.core.models.tasking import cancellation_periods
        from capella_qgis.core.workflows.orders import CONSOLE_CURRENCY, format_money

        first = review.first_collect
        if first is None:
            self.lblFirstCollect.setText(
                self.tr("No collect is predicted yet: cancelling is free until one is.")
            )
            self.lblSchedule.setText(self._policy_text())
            self.lblFeeNow.setText("")
            return
        self.lblFirstCollect.setText(
            self.tr("First predicted collect: {when}").format(when=when(first))
        )
        amount: Optional[Decimal] = summary.total_amount if summary is not None else None
        currency = (summary.currency if summary is not None else None) or CONSOLE_CURRENCY
        now_fraction = review.cancellation_fee_fraction()
        now_text = html.escape(self.tr("now"))
        rows = []
        for start, until, fraction in cancellation_periods(first):
            if fraction is None:
                text = self.tr("Not cancellable from {when}").format(when=when(start))
            elif fraction == 0:
                text = self.tr("Free cancellation until {when}").format(when=when(until))
            else:
                fee = (
                    f" ({format_money(amount * Decimal(str(fraction)), currency)})"
                    if amount is not None
                    else ""
                )
                text = self.tr("{percent} of the price{fee} until {when}").format(
                    percent=_percent(fraction), fee=fee, when=when(until)
                )
            row = html.escape(text)
            if fraction == now_fraction:
                row = f"<b>{row}</b> ← {now_text}"
            rows.append(f"<li>{row}</li>")
        self.lblSchedule.setText("<ul style='margin:0'>" + "".join(rows) + "</ul>")
        if now_fraction is None:
            self.lblFeeNow.setText(self.tr("If approved now, it can no longer be cancelled."))
        elif now_fraction == 0:
            self.lblFeeNow.setText(self.tr("If approved now, cancelling is free for the moment."))
        else:
            self.lblFeeNow.setText(
                self.tr("If approved now, cancelling costs {percent} of the price.").format(
                    percent=_percent(now_fraction)
                )
            )

    def _fill_conflicts(self, conflicts: list[ConflictingTask]) -> None:
        if not conflicts:
            self.grpConflicts.setVisible(False)
            return
        rows = []
        for task in conflicts:
            parts = [task.status or "", task.collection_tier or ""]
            if task.distance_km is not None:
                parts.append(self.tr("{km} km away").format(km=f"{task.distance_km:g}"))
            window = self.tr("{open} to {close}").format(
                open=when(task.window_open), close=when(task.window_close)
            )
            name = task.name or task.taskingrequest_id or "-"
            detail = ", ".join(p for p in parts if p)
            esc = html.escape
            rows.append(f"<li><b>{esc(name)}</b> ({esc(detail)}): {esc(window)}</li>")
        intro = html.escape(
            self.tr("Other requests of your organization that may compete for the same passes:")
        )
        self.lblConflicts.setText(f"{intro}<ul style='margin:0'>{''.join(rows)}</ul>")
        self.grpConflicts.setVisible(True)

    def keyPressEvent(self, event: Any) -> None:  # Qt override
        # Enter must never approve: only a click on Approve does.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()
            return
        super().keyPressEvent(event)

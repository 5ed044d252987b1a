"""Status polling of tracked requests with backoff; emits a signal on each status change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional

from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_base import TaskRunner

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.tasks.task_tasking import PollRequestsTask

BASE_INTERVAL_S = 30.0
MAX_INTERVAL_S = 600.0
BACKOFF_FACTOR = 2.0


class RequestPoller(QObject):
    """Poll ``{kind: [ids]}``; the interval doubles while nothing changes (or on errors).

    Owned by the requests controller: its polls run through the controller's runner with the
    controller's client factory.
    """

    # id, old, new, request model; also when only its waiting for approval changed (a
    # ``review`` whose transaction status became pending-customer-approval): old == new then.
    statusChanged = pyqtSignal(str, str, str, object)
    polled = pyqtSignal(object)  # {id: (kind, model)}
    failed = pyqtSignal(str)

    def __init__(
        self,
        tasks: TaskRunner,
        clients: ClientFactory,
        *,
        for_org: Callable[[], bool] = lambda: False,
        base_interval: float = BASE_INTERVAL_S,
        max_interval: float = MAX_INTERVAL_S,
        parent: Optional[QObject] = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.clients = clients
        self.for_org = for_org
        self.base_interval = base_interval
        self.max_interval = max_interval
        self.interval = base_interval
        self.tracked: dict[str, tuple[str, str]] = {}  # id -> (kind, status)
        self.waiting: set[str] = set()  # tracked ids whose estimate waits for the user
        self.task: Optional[PollRequestsTask] = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._tick)

    def track(
        self, request_id: str, kind: str, status: Optional[str], *, waiting: Optional[bool] = None
    ) -> None:
        """Watch ``request_id``; ``waiting``: it already waits for approval (None: unchanged)."""
        self.tracked[request_id] = (kind, status or "")
        if waiting is not None:
            if waiting:
                self.waiting.add(request_id)
            else:
                self.waiting.discard(request_id)

    def untrack_all(self) -> None:
        self.tracked.clear()
        self.waiting.clear()

    def ids(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for request_id, (kind, _status) in self.tracked.items():
            out.setdefault(kind, []).append(request_id)
        return out

    def start(self) -> None:
        self.interval = self.base_interval
        self._schedule()

    def stop(self) -> None:
        """Stop polling; a poll in flight is cancelled and reports nothing (no rescheduling)."""
        self.timer.stop()
        task, self.task = self.task, None
        self.tasks.discard(task)

    @property
    def active(self) -> bool:
        return self.timer.isActive() or self.task is not None

    def _schedule(self) -> None:
        self.timer.start(int(self.interval * 1000))

    def _tick(self) -> None:
        self.poll_now()

    def poll_now(self) -> bool:
        """Start one poll unless one is running or nothing is tracked."""
        from capella_qgis.tasks.task_tasking import PollRequestsTask

        if self.task is not None or not self.tracked:
            if not self.tracked:
                self.timer.stop()
            return False
        self.task = self.tasks.run(
            PollRequestsTask,
            self.ids(),
            for_org=self.for_org(),
            client=self.clients,
            on_success=self._on_result,
            on_error=self._on_error,
        )
        return True

    def _on_result(self, result: dict[str, tuple[str, Any]]) -> None:
        self.task = None
        if sip.isdeleted(self):
            return
        changed = False
        for request_id, (kind, model) in result.items():
            old = self.tracked.get(request_id, (kind, ""))[1]
            new = model.status or ""
            was_waiting = request_id in self.waiting
            now_waiting = bool(getattr(model, "awaiting_approval", False))
            if request_id in self.tracked:
                self.track(request_id, kind, new, waiting=now_waiting)
            if new != old or now_waiting != was_waiting:
                changed = True
                self.statusChanged.emit(request_id, old, new, model)
        self.polled.emit(result)
        if changed:
            self.interval = self.base_interval
        else:
            self.interval = min(self.interval * BACKOFF_FACTOR, self.max_interval)
        self._schedule()

    def _on_error(self, message: str) -> None:
        self.task = None
        if sip.isdeleted(self):
            return
        self.failed.emit(message)
        self.interval = min(self.interval * BACKOFF_FACTOR, self.max_interval)
        self._schedule()

"""QgsTask base: work in ``_run()``, errors stored by ``run()``, reported in ``finished()``."""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import traceback
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from capella_qgis.core.exceptions import CancelledError, CapellaError, user_message
from capella_qgis.tasks.clients import ClientSource, open_client
from capella_qgis.toolbelt.compat import tr

if TYPE_CHECKING:
    # Type hints only: the client loads httpx and pydantic, not wanted at QGIS start-up (#20).
    from capella_qgis.core.api.client import ConsoleClient

LOGGER = logging.getLogger(__name__)

# What a callback returns is ignored.
SuccessCallback = Callable[[Any], object]
ErrorCallback = Callable[[str], object]
TaskT = TypeVar("TaskT", bound=QgsTask)


# A worker busy in Python (parsing JSON, building rows) keeps the GIL until the interpreter's
# switch interval (5 ms) forces it to yield, and the QGIS main thread asks for the GIL back
# after every call into Qt. Adding one layer mid-search makes a few dozen such calls: measured
# in a real QGIS window, it froze the UI for ~100 ms during a search, ~130 ms with a download
# and quick-looks as well (#20). While a task of ours runs the interval is shorter, so the main
# thread waits a fraction of a millisecond each time; the previous value comes back when the
# last task ends. A shorter interval set by someone else is left alone.
RESPONSIVE_SWITCH_INTERVAL = 0.0005


class _ResponsiveGil:
    """Counts running tasks; lowers the interpreter's switch interval while any runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._saved: Optional[float] = None

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            if self._running == 0:
                current = sys.getswitchinterval()
                if current > RESPONSIVE_SWITCH_INTERVAL:
                    self._saved = current
                    sys.setswitchinterval(RESPONSIVE_SWITCH_INTERVAL)
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                if self._running == 0 and self._saved is not None:
                    # Not ours to restore if someone changed it since.
                    if sys.getswitchinterval() == RESPONSIVE_SWITCH_INTERVAL:
                        sys.setswitchinterval(self._saved)
                    self._saved = None

    @property
    def running(self) -> int:
        return self._running


RESPONSIVE_GIL = _ResponsiveGil()


class BaseTask(QgsTask):
    """Run ``_run()`` in a worker thread and hand its result to callbacks on the main thread.

    Subclasses gather every input (settings, credentials, clients) in ``__init__`` on the main
    thread and never touch widgets or ``QgsProject`` in ``_run()``. An exception escaping
    ``run()`` would surface as an unhandled error in the Qt event loop, hence the catch-all.

    A task owns the client it opened with :meth:`open_client` and closes it when it ends
    (``finished()``, which QGIS also calls for a task cancelled before it ran).
    """

    # The short switch interval while this task runs (see RESPONSIVE_SWITCH_INTERVAL). Off
    # for tasks whose threads mostly wait on sockets: eight download streams at 0.5 ms used
    # 2.5× the CPU per GiB (whole-process figures), and downloads never stalled the UI.
    SHORT_SWITCH_INTERVAL = True

    def __init__(
        self,
        description: str,
        *,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
        flags: Any = QgsTask.Flag.CanCancel,
    ) -> None:
        super().__init__(description, flags)
        self.on_success = on_success
        self.on_error = on_error
        self.result: Any = None
        self.exception: Optional[BaseException] = None
        self.error_message: str = ""
        self._traceback: str = ""
        self._clients: list[ConsoleClient] = []

    def open_client(self, source: Optional[ClientSource] = None) -> ConsoleClient:
        """The task's client from ``source`` (a client, or a factory called now, on the main
        thread; None: the saved settings). The task closes it when it ends."""
        client = open_client(source)
        self._clients.append(client)
        return client

    # --- worker thread ---------------------------------------------------------------------

    def _run(self) -> Any:
        """Do the work and return the result; raise on failure. Runs in a worker thread."""
        raise NotImplementedError

    def run(self) -> bool:
        try:
            with RESPONSIVE_GIL.held() if self.SHORT_SWITCH_INTERVAL else contextlib.nullcontext():
                self.check_cancelled()
                self.result = self._run()
                self.check_cancelled()
        except BaseException as exc:
            self.exception = exc
            if not isinstance(exc, CapellaError):
                self._traceback = traceback.format_exc()
            return False
        return True

    def check_cancelled(self) -> None:
        """Raise :class:`CancelledError` if the user cancelled; call between work steps."""
        if self.isCanceled():
            raise CancelledError(tr("Cancelled by the user"))

    def report_progress(self, done: float, total: float) -> None:
        """Set progress from a done/total pair (0–100 %)."""
        if total > 0:
            self.setProgress(max(0.0, min(100.0, 100.0 * done / total)))

    # --- main thread -----------------------------------------------------------------------

    def cleanup(self) -> None:
        """Release other resources on the main thread; runs even if ``run()`` never started."""

    def close_clients(self) -> None:
        """Close every client this task opened (safe to call twice)."""
        clients, self._clients = self._clients, []
        for client in clients:
            try:
                client.close()
            except Exception:  # closing must never raise into the event loop
                LOGGER.debug("closing the client of %s failed", self.description(), exc_info=True)

    def finished(self, result: bool) -> None:
        try:
            self.cleanup()
        finally:
            self.close_clients()
        if result:
            if self.on_success is not None:
                self.on_success(self.result)
            return
        self.error_message = self._describe_failure()
        if self.on_error is not None:
            self.on_error(self.error_message)

    def _describe_failure(self) -> str:
        exc = self.exception
        if exc is None:
            # Cancelled before run() started, or terminated by QGIS.
            return tr("Cancelled by the user") if self.isCanceled() else tr("The task was stopped.")
        if isinstance(exc, CapellaError):
            LOGGER.warning("%s: %s", self.description(), exc)
        else:
            LOGGER.error(
                "Unexpected error in %s:\n%s", self.description(), self._traceback.rstrip()
            )
        return user_message(exc)


# --- ownership: what unload() does with the tasks a plugin object started ---------------------


def is_running(task: QgsTask) -> bool:
    """Queued, on hold or running; False once finished or deleted by the task manager."""
    try:
        return task.status() not in (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated)
    except RuntimeError:  # the task manager deletes finished tasks
        return False


def _own_signals(task: QgsTask) -> Iterator[Any]:
    """The bound signals the plugin's task classes declare (``progressSnapshot``…).

    QgsTask's own signals are left alone: the task manager is connected to them, and
    ``disconnect()`` without a slot would cut those connections too.
    """
    for cls in type(task).__mro__:
        if cls is QgsTask:
            return
        for name, value in vars(cls).items():
            if isinstance(value, pyqtSignal):
                yield getattr(task, name)


def detach_task(task: Optional[QgsTask], *, cancel: bool = True) -> None:
    """Drop the callbacks and signal connections of ``task``, then cancel it.

    Used on unload: a task that ends later must not call into docks and widgets that are
    deleted by then, nor into an unloaded plugin. Safe on a task the manager already deleted.
    """
    if task is None:
        return
    with contextlib.suppress(RuntimeError):
        if isinstance(task, BaseTask):
            task.on_success = task.on_error = None
        for signal in _own_signals(task):
            with contextlib.suppress(TypeError, RuntimeError):  # TypeError: nothing connected
                signal.disconnect()
        if cancel and is_running(task):
            task.cancel()


class TaskRunner:
    """The one place the plugin hands tasks to the QGIS task manager.

    It keeps the Python object of every task it started alive until the task ends (the task
    manager holds only the C++ side), and ``shutdown()`` (unload) detaches and cancels every
    one still running, so a task that ends later calls nothing of an unloaded plugin.
    """

    def __init__(self) -> None:
        self._tasks: list[QgsTask] = []

    def start(self, task: TaskT) -> TaskT:
        """Add ``task`` to the task manager and keep it until it ends or ``shutdown()``."""
        # Finished tasks are forgotten here, so the list never grows with the session.
        self._tasks = [t for t in self._tasks if is_running(t) and t is not task] + [task]
        QgsApplication.taskManager().addTask(task)
        return task

    def run(
        self,
        factory: Callable[..., TaskT],
        *args: Any,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
        on_refused: Optional[ErrorCallback] = None,
        **kwargs: Any,
    ) -> Optional[TaskT]:
        """Build ``factory(*args, on_success=…, on_error=…, **kwargs)`` and start it.

        A task that cannot even be built (no credential yet, invalid input) reports
        ``user_message`` of the reason to ``on_refused`` (default: ``on_error``) and None is
        returned; nothing was sent.
        """
        try:
            task = factory(*args, on_success=on_success, on_error=on_error, **kwargs)
        except Exception as exc:
            message = user_message(exc)
            LOGGER.info("Not started: %s", message)
            report = on_refused or on_error
            if report is not None:
                report(message)
            return None
        return self.start(task)

    def running(self) -> list[QgsTask]:
        return [t for t in self._tasks if is_running(t)]

    def __iter__(self) -> Iterator[QgsTask]:
        return iter(self.running())

    def __len__(self) -> int:
        return len(self.running())

    def __contains__(self, task: object) -> bool:
        return any(t is task for t in self.running())

    def cancel(self, task: Optional[QgsTask]) -> None:
        """Cancel one task (its callbacks still run and report the cancellation)."""
        if task is not None and is_running(task):
            with contextlib.suppress(RuntimeError):  # deleted by the task manager meanwhile
                task.cancel()

    def discard(self, task: Optional[QgsTask]) -> None:
        """Detach and cancel one task: it reports nothing any more (its result is obsolete)."""
        self._tasks = [t for t in self._tasks if t is not task]
        detach_task(task)

    def shutdown(self) -> int:
        """Detach and cancel every running task; the number cancelled."""
        tasks, self._tasks = self._tasks, []
        count = 0
        for task in tasks:
            if is_running(task):
                count += 1
            detach_task(task)
        return count

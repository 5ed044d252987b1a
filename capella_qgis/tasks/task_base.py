"""QgsTask base: work in ``_run()``, errors stored by ``run()``, reported in ``finished()``."""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable, Optional

from qgis.core import QgsTask

from capella_qgis.core.exceptions import CancelledError, CapellaError
from capella_qgis.toolbelt.compat import tr

LOGGER = logging.getLogger(__name__)

SuccessCallback = Callable[[Any], None]
ErrorCallback = Callable[[str], None]


class BaseTask(QgsTask):
    """Run ``_run()`` in a worker thread and hand its result to callbacks on the main thread.

    Subclasses gather every input (settings, credentials, clients) in ``__init__`` on the main
    thread and never touch widgets or ``QgsProject`` in ``_run()``. An exception escaping
    ``run()`` would surface as an unhandled error in the Qt event loop, hence the catch-all.
    """

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

    # --- worker thread ---------------------------------------------------------------------

    def _run(self) -> Any:
        """Do the work and return the result; raise on failure. Runs in a worker thread."""
        raise NotImplementedError

    def run(self) -> bool:
        try:
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
        """Release resources on the main thread; runs even if ``run()`` never started."""

    def finished(self, result: bool) -> None:
        self.cleanup()
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
            return str(exc)
        LOGGER.error("Unexpected error in %s:\n%s", self.description(), self._traceback.rstrip())
        return tr("Unexpected error ({kind}): {error}. Details are in the Capella log tab.").format(
            kind=type(exc).__name__, error=str(exc) or "-"
        )

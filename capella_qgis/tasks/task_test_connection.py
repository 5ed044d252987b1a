"""Check the API URL and credential by fetching the current user, without blocking the UI."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Optional

from qgis.PyQt.QtCore import QObject, pyqtSignal

from capella_qgis.core.api.credential import Credential
from capella_qgis.tasks.clients import ClientFactory, ClientSource
from capella_qgis.tasks.task_base import BaseTask, ErrorCallback, SuccessCallback, TaskRunner
from capella_qgis.toolbelt.compat import tr
from capella_qgis.toolbelt.settings import PluginSettings

if TYPE_CHECKING:
    # Type hints only: the client loads httpx and pydantic, not wanted at QGIS start-up (#20).
    from capella_qgis.core.api.client import ConsoleClient

LOGGER = logging.getLogger(__name__)


def describe_user(user: Any) -> str:
    """Return the "Logged in as …" line for a ``models.User``."""
    return tr("Logged in as {email} ({org})").format(
        email=getattr(user, "email", None) or "?",
        org=getattr(user, "organization_id", None) or "?",
    )


class ConnectionTestTask(BaseTask):
    """``GET /user`` with the configured (or given) credential; result is the user model.

    A missing credential is reported as the test's failure (not raised), like a rejected one.
    """

    def __init__(
        self,
        settings: Optional[PluginSettings] = None,
        *,
        credential: Optional[Credential] = None,
        api_url: Optional[str] = None,
        client: Optional[ClientSource] = None,
        on_success: Optional[SuccessCallback] = None,
        on_error: Optional[ErrorCallback] = None,
    ) -> None:
        super().__init__(
            tr("Testing the Capella Console connection"),
            on_success=on_success,
            on_error=on_error,
        )
        self.client: Optional[ConsoleClient] = None
        self._setup_error: Optional[Exception] = None
        source = client or ClientFactory(settings, credential=credential, api_url=api_url)
        try:
            self.client = self.open_client(source)
        except Exception as exc:
            self._setup_error = exc

    def _run(self) -> Any:
        if self._setup_error is not None:
            raise self._setup_error
        if self.client is None:
            raise RuntimeError("connection test has no Console client")
        return self.client.account.get_user()


class ConnectionTester(QObject):
    """Runs one connection test at a time and reports it; shared by the dock and options page."""

    started = pyqtSignal()
    succeeded = pyqtSignal(str)
    failed = pyqtSignal(str)
    # ok, message: convenient for status labels
    finished = pyqtSignal(bool, str)

    def __init__(self, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self._task: Optional[ConnectionTestTask] = None
        self.tasks = TaskRunner()
        self.last_ok: Optional[bool] = None
        self.last_message: str = ""

    @property
    def is_running(self) -> bool:
        """True while a test is queued or running."""
        return self._task is not None

    @property
    def task(self) -> Optional[ConnectionTestTask]:
        """The running task, if any (kept referenced so Python does not collect it)."""
        return self._task

    def start(
        self,
        settings: Optional[PluginSettings] = None,
        *,
        credential: Optional[Credential] = None,
        api_url: Optional[str] = None,
    ) -> ConnectionTestTask:
        """Queue a test in the QGIS task manager and return the task; no-op while one runs."""
        if self._task is not None:
            return self._task
        task = ConnectionTestTask(
            settings,
            credential=credential,
            api_url=api_url,
            on_success=self._on_success,
            on_error=self._on_error,
        )
        self._task = task
        self.started.emit()
        return self.tasks.start(task)

    def cancel(self) -> None:
        """Cancel a running test and drop its callbacks (used on unload)."""
        self._task = None
        self.tasks.shutdown()

    def _on_success(self, user: Any) -> None:
        self._task = None
        message = describe_user(user)
        LOGGER.info(message)
        self._report(True, message)

    def _on_error(self, message: str) -> None:
        self._task = None
        self._report(False, message)

    def _report(self, ok: bool, message: str) -> None:
        self.last_ok = ok
        self.last_message = message
        (self.succeeded if ok else self.failed).emit(message)
        self.finished.emit(ok, message)

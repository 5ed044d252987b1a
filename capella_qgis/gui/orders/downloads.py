"""DownloadStarter: the one way the GUI starts a download (Orders dock, Resume, Requests dock)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from capella_qgis.core.exceptions import InputError
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_base import ErrorCallback, SuccessCallback, TaskRunner
from capella_qgis.toolbelt.compat import tr
from capella_qgis.toolbelt.settings import PluginSettings

if TYPE_CHECKING:
    # The download task is imported where it is used: it loads httpx and the pydantic models,
    # which QGIS start-up must not pay for (#20).
    from capella_qgis.tasks.task_download import DownloadOptions, DownloadRequest, DownloadTask


def download_folder(settings: PluginSettings, override: Optional[Path] = None) -> Path:
    """``override``, else the *Download folder* setting, else ``Downloads/Capella`` (created
    when missing; InputError saying why when it cannot be)."""
    folder = Path(override) if override else settings.effective_download_folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            tr("Cannot create the download folder {path}: {error}").format(
                path=folder, error=exc.strerror or exc
            )
        ) from None
    return folder


class DownloadStarter:
    """Starts :class:`DownloadTask` s through a controller's runner and client factory."""

    def __init__(
        self,
        tasks: TaskRunner,
        clients: ClientFactory,
        options: Optional[DownloadOptions] = None,
    ) -> None:
        self.tasks = tasks
        self.clients = clients
        self._options = options

    @property
    def options(self) -> DownloadOptions:
        """The options given, else the defaults (built on first use: the task module loads
        httpx and pydantic, and the controllers create their starter while QGIS starts)."""
        if self._options is None:
            from capella_qgis.tasks.task_download import DownloadOptions

            self._options = DownloadOptions()
        return self._options

    @property
    def settings(self) -> PluginSettings:
        return self.clients.settings

    def folder(self, override: Optional[Path] = None) -> Path:
        return download_folder(self.settings, override)

    def start(
        self,
        request: DownloadRequest,
        *,
        on_success: SuccessCallback,
        on_error: ErrorCallback,
        on_refused: Optional[ErrorCallback] = None,
        factory: Optional[Callable[..., Any]] = None,
    ) -> Optional[DownloadTask]:
        """The started task, or None (``on_refused``, else ``on_error``, told why: e.g. no
        credential yet). ``factory`` builds the task (default: :class:`DownloadTask`)."""
        from capella_qgis.tasks.task_download import DownloadTask

        task: Optional[DownloadTask] = self.tasks.run(
            factory or DownloadTask,
            request,
            settings=self.settings,
            client=self.clients,
            options=self.options,
            on_success=on_success,
            on_error=on_error,
            on_refused=on_refused,
        )
        return task

"""ClientFactory: the one way controllers and tasks get a ConsoleClient (a new one per call)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional, Union

from capella_qgis.core.api.credential import Credential
from capella_qgis.toolbelt.network import build_client
from capella_qgis.toolbelt.settings import PluginSettings

if TYPE_CHECKING:
    # Only for type hints: the client module loads httpx and pydantic, which QGIS start-up
    # must not pay for (#20); open_client imports it when a client is really needed.
    from capella_qgis.core.api.client import ConsoleClient

# What a task accepts as its client: a client, or a factory the task calls on the main thread.
ClientSource = Union["ConsoleClient", Callable[[], "ConsoleClient"]]


class ClientFactory:
    """Builds a configured ConsoleClient on each call, from the settings in effect.

    Controllers receive one factory and hand it to the tasks they start; a task calls it in its
    constructor (main thread: proxy and auth DB lookups) and closes the client when it ends.
    ``settings``/``credential``/``api_url`` override what is saved (the settings page tests
    unsaved values); ``build`` replaces the whole construction (tests).
    """

    def __init__(
        self,
        settings: Optional[PluginSettings] = None,
        *,
        credential: Optional[Credential] = None,
        api_url: Optional[str] = None,
        build: Optional[Callable[[], ConsoleClient]] = None,
    ) -> None:
        self._settings = settings
        self.credential = credential
        self.api_url = api_url
        self._build = build

    @property
    def settings(self) -> PluginSettings:
        """The given settings, else the saved ones read now (the user may have changed them)."""
        return self._settings if self._settings is not None else PluginSettings.load()

    def __call__(self) -> ConsoleClient:
        """A new client; raises ``CredentialError`` when no credential is available."""
        if self._build is not None:
            return self._build()
        return build_client(self.settings, credential=self.credential, api_url=self.api_url)

    def __repr__(self) -> str:
        return f"ClientFactory(api_url={self.api_url!r}, credential={self.credential!r})"


def open_client(source: Optional[ClientSource]) -> ConsoleClient:
    """The client named by ``source``: itself, the factory's product, or the saved settings'."""
    if source is None:
        return ClientFactory()()
    from capella_qgis.core.api.client import ConsoleClient

    if isinstance(source, ConsoleClient):
        return source
    return source()

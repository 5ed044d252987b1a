"""Typed plugin settings stored under the ``capella_qgis/`` QgsSettings group (never secrets)."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Optional

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QStandardPaths

from capella_qgis.core.models.enums import CATALOG_PAGE_SIZE

SETTINGS_GROUP = "capella_qgis"
DEFAULT_API_URL = "https://api.capellaspace.com"
ENV_API_URL = "CAPELLA_API_URL"
ENV_API_KEY = "CAPELLA_API_KEY"  # pragma: allowlist secret (a variable name)

MIN_PARALLEL_DOWNLOADS = 1
MAX_PARALLEL_DOWNLOADS = 32
DOWNLOADS_SUBFOLDER = "Capella"

# Catalog search page size: the Console accepts 1 … 1000 items per request (API contract §5.6).
MIN_SEARCH_PAGE_SIZE = 10
MAX_SEARCH_PAGE_SIZE = 1000
# The default before 900: ``save()`` wrote every field, so a stored 100 without the marker
# below is the old default written back by an OK in the options page, not a user's choice.
OLD_DEFAULT_SEARCH_PAGE_SIZE = 100
PAGE_SIZE_MARKER = "search_page_size_chosen"


def default_download_folder() -> Path:
    """``<the user's Downloads folder>/Capella``: where people look for downloaded files (the
    QGIS profile folder is hidden). Used while the *Download folder* setting is empty."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    base = Path(location) if location else Path.home() / "Downloads"
    return base / DOWNLOADS_SUBFOLDER


@dataclass
class PluginSettings:
    """Values the user can change in Settings › Options › Capella.

    The API key itself lives in the QGIS authentication database; only ``authcfg`` (its id)
    is stored here.
    """

    api_url: str = DEFAULT_API_URL
    authcfg: str = ""
    download_folder: str = ""
    max_parallel_downloads: int = 4
    auto_load: bool = True
    search_page_size: int = CATALOG_PAGE_SIZE  # as the SDK: 12 requests for 10,000 results
    request_timeout: float = 60.0
    debug_logging: bool = False

    @classmethod
    def load(cls, qsettings: Optional[QgsSettings] = None) -> PluginSettings:
        """Read the stored values; missing or malformed keys fall back to the defaults."""
        qsettings = qsettings or QgsSettings()
        defaults = cls()
        values: dict[str, Any] = {}
        for field in fields(cls):
            default = getattr(defaults, field.name)
            raw = qsettings.value(f"{SETTINGS_GROUP}/{field.name}", default)
            values[field.name] = _coerce(raw, default)
        if values["search_page_size"] == OLD_DEFAULT_SEARCH_PAGE_SIZE and not _coerce(
            qsettings.value(f"{SETTINGS_GROUP}/{PAGE_SIZE_MARKER}", False), False
        ):
            values["search_page_size"] = defaults.search_page_size
        settings = cls(**values)
        settings.search_page_size = min(
            max(settings.search_page_size, MIN_SEARCH_PAGE_SIZE), MAX_SEARCH_PAGE_SIZE
        )
        settings.max_parallel_downloads = min(
            max(settings.max_parallel_downloads, MIN_PARALLEL_DOWNLOADS), MAX_PARALLEL_DOWNLOADS
        )
        return settings

    def save(self, qsettings: Optional[QgsSettings] = None) -> None:
        """Write every field under ``capella_qgis/``."""
        qsettings = qsettings or QgsSettings()
        for field in fields(self):
            qsettings.setValue(f"{SETTINGS_GROUP}/{field.name}", getattr(self, field.name))
        # From now on a stored page size is what the user saw and kept (see load()).
        qsettings.setValue(f"{SETTINGS_GROUP}/{PAGE_SIZE_MARKER}", True)
        qsettings.sync()

    @property
    def effective_download_folder(self) -> Path:
        """The *Download folder* setting, or :func:`default_download_folder` when empty."""
        folder = self.download_folder.strip()
        return Path(folder).expanduser() if folder else default_download_folder()

    @property
    def effective_api_url(self) -> str:
        """API base URL to use: ``CAPELLA_API_URL`` wins over the stored value."""
        url = env_api_url() or self.api_url or DEFAULT_API_URL
        return url.rstrip("/")


def env_api_url() -> Optional[str]:
    """Return ``CAPELLA_API_URL`` if set and non-empty."""
    return os.environ.get(ENV_API_URL, "").strip() or None


def env_api_key() -> Optional[str]:
    """Return ``CAPELLA_API_KEY`` if set; it is used as is and never written to settings."""
    return os.environ.get(ENV_API_KEY, "").strip() or None


def _coerce(raw: Any, default: Any) -> Any:
    # QSettings hands back strings from .ini files ("true", "4"), so convert by the default's type.
    if raw is None:
        return default
    try:
        if isinstance(default, bool):
            if isinstance(raw, str):
                return raw.strip().lower() in ("1", "true", "yes", "on")
            return bool(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        return str(raw)
    except (TypeError, ValueError):
        return default

"""QGIS entry point: ``classFactory`` only, so importing the package stays cheap."""

from __future__ import annotations

from typing import Any


def classFactory(iface: Any) -> Any:
    """Create the plugin; ``iface`` is None under ``qgis_process``.

    Missing or too old dependencies (pydantic v2, httpx) give a stand-in plugin that explains
    what to install instead of a traceback.
    """
    # Imported here so QGIS can scan the package without pulling in Qt widgets or httpx.
    from capella_qgis.toolbelt.dependencies import MissingDependenciesPlugin, missing_dependencies

    missing = missing_dependencies()
    if missing:
        return MissingDependenciesPlugin(iface, missing)

    from capella_qgis.plugin import CapellaPlugin

    return CapellaPlugin(iface)

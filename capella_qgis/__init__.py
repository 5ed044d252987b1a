"""QGIS entry point: ``classFactory`` only, so importing the package stays cheap."""

from __future__ import annotations

from typing import Any


def classFactory(iface: Any) -> Any:
    """Create the plugin; ``iface`` is None under ``qgis_process``."""
    # Imported here so QGIS can scan the package without pulling in Qt widgets or httpx.
    from capella_qgis.plugin import CapellaPlugin

    return CapellaPlugin(iface)

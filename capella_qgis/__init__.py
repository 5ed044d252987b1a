"""QGIS entry point: ``classFactory`` only, so importing the package stays cheap."""

from __future__ import annotations

from typing import Any


def classFactory(iface: Any) -> Any:
    """Create the plugin; ``iface`` is None under ``qgis_process``.

    Packages installed earlier by the plugin's installer (or qpip) are put on ``sys.path``
    first. Missing or too old ones (pydantic v2, shapely) give a stand-in that says what is
    missing and installs it with one click, instead of a traceback.
    """
    # Imported here so QGIS can scan the package without pulling in Qt widgets or httpx.
    from capella_qgis.toolbelt import dependencies

    dependencies.activate(dependencies.target_dir())
    # Imports pydantic, shapely and httpx only when this installed state was not proven yet.
    missing, broken = dependencies.startup_check()
    if missing or broken:
        from capella_qgis.gui.dependencies.standin import DependencyStandIn

        return DependencyStandIn(iface, missing, broken)

    from capella_qgis.plugin import CapellaPlugin

    return CapellaPlugin(iface)

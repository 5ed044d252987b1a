"""Paths to bundled resources, valid both in the repository and in the installed plugin."""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtGui import QIcon

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """Return the ``resources`` folder.

    In the repository it sits next to the package; the build copies it inside the plugin folder.
    """
    inside = PACKAGE_DIR / "resources"
    return inside if inside.is_dir() else PACKAGE_DIR.parent / "resources"


def resource_path(name: str) -> Path:
    """Return the path of a bundled resource file."""
    return resources_dir() / name


def plugin_icon() -> QIcon:
    """Return the plugin icon."""
    return QIcon(str(resource_path("icon.svg")))

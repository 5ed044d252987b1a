"""Paths to bundled resources, valid both in the repository and in the installed plugin."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtGui import QIcon

PACKAGE_DIR = Path(__file__).resolve().parent.parent
QUEUE_FILE = "download_queue.json"


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


def queue_path() -> Path:
    """The persistent download queue in the active QGIS profile.

    Here, not in the download task module, because the Orders controller reads the queue while
    QGIS starts (the Resume offer) and that module loads httpx and pydantic (#20).
    """
    return Path(QgsApplication.qgisSettingsDirPath()) / "capella_qgis" / QUEUE_FILE


def footprint_storage_path(project: Optional[QgsProject] = None) -> Path:
    """``<project dir>/<project name>_capella.gpkg``, or the profile's ``footprints.gpkg``.

    Here, not in ``footprints.layer`` (which re-exports it), so the search controller can bind
    it at import without loading the layer module's pydantic models while QGIS starts (#20).
    """
    project = project or QgsProject.instance()
    file_name = project.fileName() if project is not None else ""
    if file_name and not file_name.startswith(("geopackage:", "postgresql:")):
        project_path = Path(file_name)
        return project_path.parent / f"{project_path.stem}_capella.gpkg"
    return Path(QgsApplication.qgisSettingsDirPath()) / "capella_qgis" / "footprints.gpkg"

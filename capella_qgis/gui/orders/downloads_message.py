"""The "downloaded" message: what was downloaded, where the files are, an **Open folder** button."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices

from capella_qgis.toolbelt.compat import message_level, tr
from capella_qgis.toolbelt.log import MessageItems

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.tasks.task_download import DownloadResult


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the system file manager."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


def downloaded_text(result: DownloadResult) -> str:
    """``2 downloaded, 0 already present. Files are in /home/me/Downloads/Capella/…``"""
    summary = result.report.summary().replace("\n", " ").strip()
    where = tr("Files are in {folder}").format(folder=result.folder)
    text = f"{summary}. {where}"
    if result.warnings:
        # Said beside the result: a record left out in part may explain a missing file.
        text += " " + tr("The Console sent records that could not be read in full: {lines}").format(
            lines="; ".join(result.warnings)
        )
    return text


def push_downloaded(items: MessageItems, title: str, result: DownloadResult) -> Optional[Any]:
    """The message of a finished download, kept until dismissed (it has a button to use)."""
    level = message_level("Success" if result.report.ok else "Warning")
    folder = result.folder
    return items.push(
        title,
        downloaded_text(result),
        level,
        0,
        buttons=[(tr("Open folder"), functools.partial(open_folder, folder))],
    )

"""Helpers for the unload / reload / Resume tests: the real message bar, its items, buttons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QLabel, QPushButton, QTextEdit

from capella_qgis.core.download import QueueStore, plan_downloads
from capella_qgis.core.download.progress import CANCELLED
from capella_qgis.tasks.task_download import DownloadTask
from tests.qgis.downloads_support import entries_with, place_order, presigned_items


def flush_events() -> None:
    """Run posted events and deferred deletes, as the event loop does between two clicks."""
    for _ in range(3):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def reset_bar(bar: Any) -> None:
    """Empty the shared stub bar so each test counts only its own items."""
    bar.clearWidgets()
    flush_events()


def item_text(item: Any) -> str:
    """What the user reads in a message-bar item (the rendered text, not the string passed)."""
    texts = [edit.toPlainText() for edit in item.findChildren(QTextEdit)]
    texts += [label.text() for label in item.findChildren(QLabel) if label.text()]
    return " ".join(texts)


def buttons(bar: Any, label: str) -> list[QPushButton]:
    """Every button with ``label`` in the items of the real QgsMessageBar."""
    return [b for item in bar.items() for b in item.findChildren(QPushButton) if b.text() == label]


def items_with(bar: Any, label: str) -> list[Any]:
    return [i for i in bar.items() if any(b.text() == label for b in i.findChildren(QPushButton))]


def pending_queue(emulator: Any, queue_file: Path, dest: Path) -> list[Any]:
    """A queue with unfinished files, as QGIS leaves it when it is killed mid-download."""
    entry = entries_with(emulator, "GEO", 1)[0]
    order_id = place_order(emulator, [entry])
    dest.mkdir(parents=True, exist_ok=True)
    plan = plan_downloads(presigned_items(emulator, order_id), dest, order_id=order_id)
    queue = QueueStore(queue_file)
    queue.add(plan)
    for job in plan:
        queue.set_state(job, CANCELLED)
    return QueueStore(queue_file).pending()


class TaskSpy:
    """Records the download tasks added to the QGIS task manager while it is connected."""

    def __init__(self) -> None:
        self.manager = QgsApplication.taskManager()
        self.downloads: list[DownloadTask] = []
        self.manager.taskAdded.connect(self._added)

    def _added(self, task_id: int) -> None:
        task = self.manager.task(task_id)
        if isinstance(task, DownloadTask):
            self.downloads.append(task)

    def close(self) -> None:
        self.manager.taskAdded.disconnect(self._added)
